"""/upcoming: an interview still ahead (company, role, time), with reminders before and after it.

Its questions are asked in the future tense, and read by the same field layer as the debrief's."""

from __future__ import annotations

from datetime import date, datetime

from bot.common import texts as t
from bot.common.parsing.dates import FUTURE, Ambiguous
from bot.common.parsing.moments import DayOnly
from bot.common.parsing.text import Invalid
from bot.common.parsing.words import say_moment
from bot.conversation import fields
from bot.conversation.flows import dates
from bot.conversation.flows.debrief import day_only, time_asker, took
from bot.conversation.state import Flow, Next, Pairs, State, entry, fixed, local
from bot.conversation.turn import Turn
from bot.drafts.writer.cleaning import title_case
from bot.followups.ladder import plan_upcoming
from bot.store.models import Interview, InterviewStatus


async def begin_upcoming(turn: Turn) -> State:
    # The answers need an interview row to go into.
    await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
    return State.UP_COMPANY


_STATES = (State.UP_ROLE, State.UP_WHEN, State.UP_WHEN_TIME)


async def on_up_company(turn: Turn, text: str) -> Next:
    """The company, and the role and time when the sentence gives them ("Beta, analyst, Friday at 2pm")."""
    return await took(turn, fields.read_interview(text, turn.ctx, tense=FUTURE), _STATES, _will_happen)


async def on_up_role(turn: Turn, text: str) -> Next:
    return await took(turn, fields.read_role(text, turn.ctx, tense=FUTURE), _STATES, _will_happen)


async def ask_up_when(turn: Turn) -> tuple[str, Pairs]:
    return dates.picking(turn) or (t.Q_UP_WHEN, [])


async def on_up_when(turn: Turn, text: str) -> Next:
    reading = fields.when(text, turn.ctx, tense=FUTURE)
    if isinstance(reading, Ambiguous):
        return dates.ask_which(turn, reading)
    dates.settle(turn)
    if isinstance(reading, DayOnly):
        return day_only(turn, reading, State.UP_WHEN_TIME)
    return await _will_happen(turn, reading.at)


async def pick_up_when(turn: Turn, iso: str) -> Next:
    turn.set(when_day=dates.picked(turn, iso).latest.isoformat())
    turn.drop("when_part")
    return State.UP_WHEN_TIME


async def on_up_when_time(turn: Turn, text: str) -> Next:
    day = date.fromisoformat(turn.scratch["when_day"])
    moment = fields.time_of_day(day, text, turn.ctx, tense=FUTURE, part=turn.scratch.get("when_part"))
    if moment.at <= turn.now:
        raise Invalid(
            f"{say_moment(moment.at, turn.tz, turn.now)} has already passed. What time will it be? "
            "E.g. 4pm or 17:30; for a past interview, use /new."
        )
    return await _will_happen(turn, moment.at)


def up_when_part(part: str):
    async def on_choice(turn: Turn) -> Next:
        return await on_up_when_time(turn, part)

    return on_choice


async def pick_up_hour(turn: Turn, hhmm: str) -> Next:
    return await on_up_when_time(turn, fields.HOUR + hhmm)


async def _will_happen(turn: Turn, moment: datetime, *, confirm: bool = True) -> Next:
    interview = await turn.require_interview()
    interview.happened_at = moment
    interview.status = InterviewStatus.UPCOMING
    turn.drop("when_day", "when_part")
    await plan_upcoming(turn, interview)
    turn.say(
        f"Noted: {title_case(interview.role)} at {title_case(interview.company)}, {local(turn, moment)}. I'll remind you an hour "
        "before, and invite you to debrief right after."
    )
    turn.conv.interview_id = None
    return State.IDLE


ENTRIES = [
    entry(
        State.UP_COMPANY,
        Flow.UPCOMING,
        fixed(t.Q_UP_COMPANY),
        {State.UP_ROLE, State.UP_WHEN, State.UP_WHEN_TIME, State.IDLE},
        text=on_up_company,
    ),
    entry(
        State.UP_ROLE,
        Flow.UPCOMING,
        fixed(t.Q_UP_ROLE),
        {State.UP_WHEN, State.UP_WHEN_TIME, State.IDLE},
        text=on_up_role,
    ),
    entry(
        State.UP_WHEN,
        Flow.UPCOMING,
        ask_up_when,
        {State.IDLE, State.UP_WHEN_TIME},
        text=on_up_when,
        prefixed={dates.PICK: pick_up_when},
    ),
    entry(
        State.UP_WHEN_TIME,
        Flow.UPCOMING,
        time_asker(FUTURE),
        {State.IDLE},
        text=on_up_when_time,
        choices={code: up_when_part(code) for code in ("morning", "afternoon", "usual")},
        prefixed={fields.HOUR: pick_up_hour},
    ),
]
