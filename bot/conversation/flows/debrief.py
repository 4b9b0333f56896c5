"""The debrief's start: which interview, its company, role and time. People, notes, promises and the
summary follow in their own modules."""

from __future__ import annotations

from datetime import date

from bot.common import texts as t
from bot.common.parsing.dates import PAST, Ambiguous
from bot.common.parsing.moments import DayOnly
from bot.common.parsing.words import say_date
from bot.conversation import fields
from bot.conversation.flows import dates
from bot.conversation.state import Flow, Next, Pairs, State, entry, fixed, local
from bot.conversation.turn import Turn
from bot.store.models import Interview, InterviewStatus


async def begin_debrief(turn: Turn) -> State:
    """Start the debrief of a new interview (one registered with /upcoming starts from its reminder's
    "Debrief now", bot/followups/taps.py, at the people: `Turn.take_up`)."""
    await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
    return State.COMPANY


async def on_company(turn: Turn, text: str) -> Next:
    """The company, and the role too when the sentence says it ("It was with Spotify, for the backend role")."""
    understood = fields.read_interview(text)
    interview = await turn.require_interview()
    interview.company = str(understood.values["company"])
    if "role" in understood.values:
        interview.role = str(understood.values["role"])
        turn.say(t.UNDERSTOOD.format(what=fields.say_understood(understood)))
        return State.WHEN
    return State.ROLE


async def on_role(turn: Turn, text: str) -> Next:
    (await turn.require_interview()).role = fields.role(text)
    return State.WHEN


async def ask_when(turn: Turn) -> tuple[str, Pairs]:
    return dates.picking(turn) or (t.Q_WHEN, [])


async def on_when(turn: Turn, text: str) -> Next:
    reading = fields.when(text, turn.ctx)
    if isinstance(reading, Ambiguous):
        return dates.ask_which(turn, reading)
    dates.settle(turn)
    if isinstance(reading, DayOnly):
        turn.set(when_day=reading.day.isoformat())
        return State.WHEN_TIME
    return await _happened(turn, reading.at)


async def pick_when(turn: Turn, iso: str) -> Next:
    turn.set(when_day=dates.picked(turn, iso).latest.isoformat())
    return State.WHEN_TIME


async def _happened(turn: Turn, moment) -> Next:
    (await turn.require_interview()).happened_at = moment
    turn.drop("when_day")
    turn.say(t.WHEN_CONFIRM.format(when=local(turn, moment)))
    return State.PERSON_NAME


def time_asker(tense: str):
    async def ask(turn: Turn) -> tuple[str, Pairs]:
        day = date.fromisoformat(turn.scratch["when_day"]) if "when_day" in turn.scratch else None
        if day is None:
            raise LookupError("no day to ask the time of")
        question = t.Q_WHEN_TIME if tense == PAST else t.Q_UP_WHEN_TIME
        return question.format(day=say_date(day, turn.tz, turn.now)), list(fields.TIME_BUTTONS)

    return ask


async def on_when_time(turn: Turn, text: str) -> Next:
    day = date.fromisoformat(turn.scratch["when_day"])
    return await _happened(turn, fields.time_of_day(day, text, turn.ctx).at)


def when_part(part: str):
    async def on_choice(turn: Turn) -> Next:
        return await on_when_time(turn, part)

    return on_choice


ENTRIES = [
    entry(
        State.COMPANY, Flow.DEBRIEF, fixed(t.Q_COMPANY), {State.ROLE, State.WHEN}, text=on_company, section="company"
    ),
    entry(State.ROLE, Flow.DEBRIEF, fixed(t.Q_ROLE), {State.WHEN}, text=on_role, section="company"),
    entry(
        State.WHEN,
        Flow.DEBRIEF,
        ask_when,
        {State.PERSON_NAME, State.WHEN_TIME},
        text=on_when,
        prefixed={dates.PICK: pick_when},
        section="when",
    ),
    entry(
        State.WHEN_TIME,
        Flow.DEBRIEF,
        time_asker(PAST),
        {State.PERSON_NAME},
        text=on_when_time,
        choices={code: when_part(code) for _label, code in fields.TIME_BUTTONS},
        section="when",
    ),
]
