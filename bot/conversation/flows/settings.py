"""/settings: the name for signatures, the time zone and quiet hours."""

from __future__ import annotations

from bot.common import texts as t
from bot.common.parsing.text import Invalid
from bot.conversation import fields
from bot.conversation.flows.onboarding import ZONE_PICK, ask_tz, on_name, on_tz, pick_tz
from bot.conversation.state import AGAIN, Flow, Handler, Next, Pairs, State, entry, fixed
from bot.conversation.turn import Turn
from bot.service.config import parse_quiet_hours


async def ask_settings(turn: Turn) -> tuple[str, Pairs]:
    quiet = turn.user.quiet_hours or str(turn.settings.quiet_hours)
    if turn.user.country:
        country = fields.country_name(turn.user.country)
    elif turn.ctx.region:
        country = f"{fields.country_name(turn.ctx.region)} (from your time zone)"
    else:
        country = "not set (phone numbers need their country code)"
    text = (
        f"Your settings:\nName for signatures: {turn.user.name}\nTime zone: {fields.zone_label(turn.tz)}\n"
        f"Quiet hours: {quiet} (no reminders then)\nCountry (for phone numbers and dates): {country}\n"
        f"{_model_line(turn)}What would you like to change?"
    )
    pairs = [("Name", "name"), ("Time zone", "tz"), ("Quiet hours", "quiet"), (t.B_COUNTRY, "country")]
    if _model_offered(turn):
        pairs.append((t.B_MODEL_OFF if turn.user.use_model is not False else t.B_MODEL_ON, "model"))
    return text, [*pairs, (t.B_DONE_EDITING, "done")]


def _model_offered(turn: Turn) -> bool:
    """The operator turned the language model on for something (else /settings says nothing about it)."""
    return turn.settings.llm_use("writing") or turn.settings.llm_use("reading")


def _model_line(turn: Turn) -> str:
    if not _model_offered(turn):
        return ""
    return (t.SETTINGS_MODEL_ON if turn.user.use_model is not False else t.SETTINGS_MODEL_OFF) + "\n"


async def toggle_model(turn: Turn) -> Next:
    turn.user.use_model = turn.user.use_model is False
    turn.say(t.MODEL_TURNED_ON if turn.user.use_model else t.MODEL_TURNED_OFF)
    turn.forget()  # the menu again, its line and button as they are now
    return AGAIN


def go(state: State) -> Handler:
    async def on_choice(_turn: Turn) -> Next:
        return state

    return on_choice


async def settings_done(turn: Turn) -> Next:
    turn.say("Settings saved.")
    return State.IDLE


async def on_quiet(turn: Turn, text: str) -> Next:
    try:
        quiet = parse_quiet_hours(text)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    turn.user.quiet_hours = str(quiet)
    turn.say(f"Quiet hours: {quiet}.")
    return State.SET_MENU


async def on_country(turn: Turn, text: str) -> Next:
    turn.user.country = fields.country(text)
    turn.say(
        f"Country: {fields.country_name(turn.user.country)}. I'll read phone numbers and dates the way it writes them."
    )
    return State.SET_MENU


async def country_from_zone(turn: Turn) -> Next:
    turn.user.country = None
    region = turn.ctx.region
    turn.say(f"Country: {fields.country_name(region)}, from your time zone." if region else "Country: not set.")
    return State.SET_MENU


async def quiet_default(turn: Turn) -> Next:
    turn.user.quiet_hours = None
    turn.say(f"Quiet hours back to the default: {turn.settings.quiet_hours}.")
    return State.SET_MENU


ENTRIES = [
    entry(
        State.SET_MENU,
        Flow.SETTINGS,
        ask_settings,
        {State.SET_NAME, State.SET_TZ, State.SET_QUIET, State.SET_COUNTRY, State.IDLE},
        choices={
            "name": go(State.SET_NAME),
            "country": go(State.SET_COUNTRY),
            "tz": go(State.SET_TZ),
            "quiet": go(State.SET_QUIET),
            "model": toggle_model,
            "done": settings_done,
        },
    ),
    entry(State.SET_NAME, Flow.SETTINGS, fixed(t.ASK_NAME), {State.SET_MENU}, text=on_name),
    entry(State.SET_TZ, Flow.SETTINGS, ask_tz, {State.SET_MENU}, text=on_tz, prefixed={ZONE_PICK: pick_tz}),
    entry(
        State.SET_QUIET,
        Flow.SETTINGS,
        fixed("Quiet hours, as HH:MM-HH:MM in your time (e.g. 22:00-07:30), or “off”.", ("Default", "default")),
        {State.SET_MENU},
        text=on_quiet,
        choices={"default": quiet_default},
    ),
    entry(
        State.SET_COUNTRY,
        Flow.SETTINGS,
        fixed(
            "Which country should I read phone numbers and dates for? Its name or code (Spain, ES).",
            ("From my time zone", "zone"),
        ),
        {State.SET_MENU},
        text=on_country,
        choices={"zone": country_from_zone},
    ),
]
