"""Onboarding: the user's name (for signatures) and time zone; then what they first asked for."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.common import texts as t
from bot.common import when as timewords
from bot.common.parsing.zones import AmbiguousZone, parse_timezone
from bot.conversation import fields
from bot.conversation.flows.debrief import begin_debrief
from bot.conversation.flows.upcoming import begin_upcoming
from bot.conversation.state import AGAIN, Flow, Next, Pairs, State, entry, fixed
from bot.conversation.turn import Turn
from bot.store.models import Reminder, ReminderState


async def ask_tz(turn: Turn) -> tuple[str, Pairs]:
    options = turn.scratch.get("tz_options")
    if options:  # "IST": India, Ireland or Israel?
        return t.ASK_TZ_WHICH.format(typed=options["typed"]), [
            (zone, f"{ZONE_PICK}{index}") for index, zone in enumerate(options["zones"])
        ]
    if turn.conv.step == State.SET_TZ:
        return t.ASK_TZ, []
    hint = turn.scratch.get("tz_hint")
    if hint:
        return t.ASK_TZ_DEFAULT.format(tz=hint), [(t.B_KEEP_TZ.format(tz=hint), "keep")]
    return t.ASK_TZ, []


async def on_name(turn: Turn, text: str) -> Next:
    turn.user.name = fields.own_name(text)  # "I'm Camille Dubois" -> "Camille Dubois"
    if turn.conv.step == State.ASK_NAME:
        return State.ASK_TZ
    turn.say(f"From now on I'll sign your emails “{turn.user.name}”.")
    return State.SET_MENU


async def set_tz(turn: Turn, zone: str, label: str | None = None) -> Next:
    old = turn.user.timezone
    turn.user.timezone = zone
    if old and old != zone:
        await keep_local_times(turn, old, zone)
    now_there = turn.now.astimezone(ZoneInfo(zone))
    turn.say(t.TZ_SET.format(tz=label or fields.zone_label(zone), local=timewords.clock(now_there)))
    if turn.conv.step == State.SET_TZ:
        return State.SET_MENU
    # Onboarding done: go on with what the user first asked for.
    then = turn.scratch.get("then")
    turn.drop("then", "tz_hint")
    if then == "upcoming":
        return await begin_upcoming(turn)
    if then == "new":
        return await begin_debrief(turn)
    turn.choose(t.READY.format(name=turn.called), [(t.B_NEW, "new"), (t.B_UPCOMING, "upc")])
    return State.IDLE


async def keep_local_times(turn: Turn, old: str, new: str) -> None:
    """After a move to another zone, pending reminders keep their local wall time (09:00 stays 09:00)."""
    rows = await turn.session.scalars(
        select(Reminder).where(Reminder.user_id == turn.user.id, Reminder.state == ReminderState.SCHEDULED)
    )
    for reminder in rows:
        for attr in ("due_at", "send_after"):
            wall = getattr(reminder, attr).astimezone(ZoneInfo(old)).replace(tzinfo=None)
            setattr(reminder, attr, max(wall.replace(tzinfo=ZoneInfo(new)), turn.now))
        turn.planned_for(reminder.send_after)


ZONE_PICK = "z_"  # a button per reading of an ambiguous zone name: z_<index>


async def on_tz(turn: Turn, text: str) -> Next:
    try:
        zone = fields.zone(text)  # "UTC+9" is confirmed as typed, not as its IANA name Etc/GMT-9
    except AmbiguousZone as many:
        turn.set(tz_options={"typed": many.typed[:40], "zones": list(many.candidates)})
        turn.forget()  # the question shown changes: its buttons are the zones
        return AGAIN
    turn.drop("tz_options")
    return await set_tz(turn, zone.iana, zone.label)


async def pick_tz(turn: Turn, index: str) -> Next:
    zones = (turn.scratch.get("tz_options") or {}).get("zones") or []
    if not index.isdigit() or int(index) >= len(zones):
        raise fields.Invalid(t.USE_BUTTONS)
    turn.drop("tz_options")
    return await set_tz(turn, zones[int(index)])


async def keep_tz(turn: Turn) -> Next:
    return await set_tz(turn, parse_timezone(turn.scratch["tz_hint"]))


# Where finishing onboarding may lead: what the user first asked for, or the idle menu.
_AFTER_TZ = {State.IDLE, State.COMPANY, State.UP_COMPANY}

ENTRIES = [
    entry(State.ASK_NAME, Flow.ONBOARDING, fixed(t.ASK_NAME), {State.ASK_TZ}, text=on_name),
    entry(
        State.ASK_TZ,
        Flow.ONBOARDING,
        ask_tz,
        _AFTER_TZ,
        text=on_tz,
        choices={"keep": keep_tz},
        prefixed={ZONE_PICK: pick_tz},
    ),
]
