"""/settings: the name for signatures, the time zone and quiet hours."""

from __future__ import annotations

from bot import templates as t
from bot.config import parse_quiet_hours
from bot.flows.onboarding import on_name, on_tz
from bot.flows.state import Flow, Handler, Next, Pairs, State, entry, fixed
from bot.parsing import Invalid
from bot.turn import Turn


async def ask_settings(turn: Turn) -> tuple[str, Pairs]:
    quiet = turn.user.quiet_hours or str(turn.settings.quiet_hours)
    text = (
        f"Your settings:\nName for signatures: {turn.user.name}\nTime zone: {turn.tz}\n"
        f"Quiet hours: {quiet} (no reminders then)\nWhat would you like to change?"
    )
    return text, [("Name", "name"), ("Time zone", "tz"), ("Quiet hours", "quiet"), (t.B_DONE_EDITING, "done")]


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


async def quiet_default(turn: Turn) -> Next:
    turn.user.quiet_hours = None
    turn.say(f"Quiet hours back to the default: {turn.settings.quiet_hours}.")
    return State.SET_MENU


ENTRIES = [
    entry(
        State.SET_MENU,
        Flow.SETTINGS,
        ask_settings,
        {State.SET_NAME, State.SET_TZ, State.SET_QUIET, State.IDLE},
        choices={
            "name": go(State.SET_NAME),
            "tz": go(State.SET_TZ),
            "quiet": go(State.SET_QUIET),
            "done": settings_done,
        },
    ),
    entry(State.SET_NAME, Flow.SETTINGS, fixed(t.ASK_NAME), {State.SET_MENU}, text=on_name),
    entry(State.SET_TZ, Flow.SETTINGS, fixed(t.ASK_TZ), {State.SET_MENU}, text=on_tz),
    entry(
        State.SET_QUIET,
        Flow.SETTINGS,
        fixed("Quiet hours, as HH:MM-HH:MM in your time (e.g. 22:00-07:30), or “off”.", ("Default", "default")),
        {State.SET_MENU},
        text=on_quiet,
        choices={"default": quiet_default},
    ),
]
