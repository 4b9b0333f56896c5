"""The debrief's start: which interview, its company, role and time. People, notes, promises and the
summary follow in their own modules."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime

from bot.common import texts as t
from bot.common.parsing.dates import PAST, Ambiguous
from bot.common.parsing.moments import DayOnly
from bot.common.parsing.words import raw_day, say_date
from bot.conversation import fields
from bot.conversation.flows import dates
from bot.conversation.state import AGAIN, Flow, Next, Pairs, State, entry, fixed, local
from bot.conversation.turn import Turn
from bot.drafts.writer.cleaning import typed_title
from bot.store.models import Interview, InterviewStatus


async def begin_debrief(turn: Turn) -> State:
    """Start the debrief of a new interview (one registered with /upcoming starts from its reminder's
    "Debrief now", bot/followups/taps.py, at the people: `Turn.take_up`)."""
    await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
    return State.COMPANY


async def on_company(turn: Turn, text: str) -> Next:
    """The company, and the role and time too when the sentence says them ("had my interview with Baker & Co for
    the junior analyst role at 10 this morning"): every field filled is named in the echo and not asked again."""
    text = fields.corrected(text)  # "acme corp no sorry acme logistics"
    return await took(turn, fields.read_interview(text, turn.ctx), DEBRIEF_STATES, _happened)


async def on_role(turn: Turn, text: str) -> Next:
    interview = await turn.require_interview()
    company = fields.taken_back(text, interview.company or "")
    if company is not None:  # "sorry, acme logistics" after "acme": the company again, then the role
        understood = fields.read_interview(company, turn.ctx)
        if len(understood.values) == 1:
            turn.say(t.UNDERSTOOD.format(what=typed_title(str(understood.values["company"]))))
        following = await took(turn, understood, DEBRIEF_STATES, _happened)
        return AGAIN if following == State.ROLE else following
    text = fields.corrected(fields.without_take_back(text))  # "sorry, ops lead", "ops lead, no sorry ops manager"
    return await took(turn, fields.read_role(text, turn.ctx), DEBRIEF_STATES, _happened)


# (role, when, the time on a day) for a debrief; /upcoming has its own three.
DEBRIEF_STATES = (State.ROLE, State.WHEN, State.WHEN_TIME)


async def took(
    turn: Turn,
    understood: fields.Understood,
    states: tuple[State, State, State],
    finish: Callable[..., Awaitable[Next]],
) -> Next:
    """Store the company, role and time a sentence gave; when it filled more than the question asked, say back
    every field it filled ("Noted: Baker & Co, Junior Analyst, today at 10:00 (Europe/Madrid)."); then go to the
    first question still open (`finish` stores a whole time: the debrief's or the upcoming interview's)."""
    interview = await turn.require_interview()
    values = understood.values
    if "company" in values:
        interview.company = str(values["company"])
    if "role" in values:
        interview.role = str(values["role"])
    reading = values.get("when")
    said = [
        typed_title(str(values[key]))  # as typed; all lower case given capitals ("Noted: Figma, Product Designer")
        for key in ("company", "role")
        if key in values
    ]
    if isinstance(reading, DayOnly):
        turn.set(when_day=reading.day.isoformat())
        turn.drop("when_part")
        if reading.part:
            turn.set(when_part=reading.part)
        said.append(raw_day(reading.day, turn.tz, turn.now) + (f" {reading.part}" if reading.part else ""))
    elif reading is not None:
        turn.set(when_at=reading.at.isoformat())
        said.append(local(turn, reading.at))
    role_q, when_q, time_q = states
    at = turn.scratch.get("when_at")
    if len(values) > 1 and not (at and interview.role and finish is not _happened):  # /upcoming says it all at once
        turn.say(t.UNDERSTOOD.format(what=", ".join(said)))
    if "role" not in values:  # the company question's answer without a role: the role is asked (also when editing)
        return role_q
    if at:
        turn.drop("when_at")
        return await finish(turn, datetime.fromisoformat(at), confirm=len(values) == 1)
    return time_q if turn.scratch.get("when_day") else when_q


async def ask_when(turn: Turn) -> tuple[str, Pairs]:
    return dates.picking(turn) or (t.Q_WHEN, [])


async def on_when(turn: Turn, text: str) -> Next:
    reading = fields.when(text, turn.ctx)
    if isinstance(reading, Ambiguous):
        return dates.ask_which(turn, reading)
    dates.settle(turn)
    if isinstance(reading, DayOnly):
        return day_only(turn, reading, State.WHEN_TIME)
    return await _happened(turn, reading.at)


def day_only(turn: Turn, reading: DayOnly, then: State) -> State:
    """A day without a time ("yesterday"), or with only a part of it ("yesterday afternoon"): ask the time."""
    turn.set(when_day=reading.day.isoformat())
    if reading.part:
        turn.set(when_part=reading.part)
    else:
        turn.drop("when_part")
    return then


async def pick_when(turn: Turn, iso: str) -> Next:
    turn.set(when_day=dates.picked(turn, iso).latest.isoformat())
    turn.drop("when_part")
    return State.WHEN_TIME


async def _happened(turn: Turn, moment, *, confirm: bool = True) -> Next:
    (await turn.require_interview()).happened_at = moment
    turn.drop("when_day", "when_part")
    if confirm:  # not when the echo of a sentence already named the time
        turn.say(t.WHEN_CONFIRM.format(when=local(turn, moment)))
    return State.PERSON_NAME


def time_asker(tense: str):
    async def ask(turn: Turn) -> tuple[str, Pairs]:
        day = date.fromisoformat(turn.scratch["when_day"]) if "when_day" in turn.scratch else None
        if day is None:
            raise LookupError("no day to ask the time of")
        part = turn.scratch.get("when_part")
        if part:
            question = t.Q_WHEN_HOUR if tense == PAST else t.Q_UP_WHEN_HOUR
            said = say_date(day, turn.tz, turn.now)
            return question.format(day=said, part=fields.say_part(part)), fields.time_buttons(part)
        question = t.Q_WHEN_TIME if tense == PAST else t.Q_UP_WHEN_TIME
        return question.format(day=say_date(day, turn.tz, turn.now)), fields.time_buttons(None)

    return ask


async def on_when_time(turn: Turn, text: str) -> Next:
    day = date.fromisoformat(turn.scratch["when_day"])
    return await _happened(turn, fields.time_of_day(day, text, turn.ctx, part=turn.scratch.get("when_part")).at)


def when_part(part: str):
    async def on_choice(turn: Turn) -> Next:
        return await on_when_time(turn, part)

    return on_choice


async def pick_hour(turn: Turn, hhmm: str) -> Next:
    return await on_when_time(turn, fields.HOUR + hhmm)


ENTRIES = [
    entry(
        State.COMPANY,
        Flow.DEBRIEF,
        fixed(t.Q_COMPANY),
        {State.ROLE, State.WHEN, State.WHEN_TIME, State.PERSON_NAME},
        text=on_company,
        section="company",
    ),
    entry(
        State.ROLE,
        Flow.DEBRIEF,
        fixed(t.Q_ROLE),
        {State.WHEN, State.WHEN_TIME, State.PERSON_NAME},
        text=on_role,
        section="company",
    ),
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
        choices={code: when_part(code) for code in ("morning", "afternoon", "usual")},
        prefixed={fields.HOUR: pick_hour},
        section="when",
    ),
]
