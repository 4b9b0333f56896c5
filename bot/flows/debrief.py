"""The debrief's start: which interview, its company, role and time. People, notes, promises and the
summary follow in their own modules."""

from __future__ import annotations

from bot import templates as t
from bot.flows.state import Flow, Next, State, entry, fixed, local
from bot.parsing import Invalid, clean_text, parse_moment
from bot.store.models import Interview, InterviewStatus
from bot.turn import Turn


async def begin_debrief(turn: Turn, interview: Interview | None = None) -> State:
    """Start a debrief, of a new interview or of one registered with /upcoming."""
    if interview is None:
        await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
        return State.COMPANY
    interview.status = InterviewStatus.DEBRIEFING
    turn.conv.interview_id = interview.id
    turn._interview = interview
    turn.say(f"Let's debrief your interview at {interview.company} ({interview.role}).")
    return State.PERSON_NAME


async def on_company(turn: Turn, text: str) -> Next:
    (await turn.require_interview()).company = clean_text(text, limit=200, what="company name")
    return State.ROLE


async def on_role(turn: Turn, text: str) -> Next:
    (await turn.require_interview()).role = clean_text(text, limit=200, what="role")
    return State.WHEN


async def on_when(turn: Turn, text: str) -> Next:
    moment = parse_moment(text, turn.tz, turn.now)
    if moment > turn.now.replace(second=59) and (moment - turn.now).total_seconds() > 120:
        raise Invalid(t.WHEN_FUTURE.format(when=local(turn, moment)))
    (await turn.require_interview()).happened_at = moment
    turn.say(t.WHEN_CONFIRM.format(when=local(turn, moment)))
    return State.PERSON_NAME


ENTRIES = [
    entry(State.COMPANY, Flow.DEBRIEF, fixed(t.Q_COMPANY), {State.ROLE}, text=on_company, section="company"),
    entry(State.ROLE, Flow.DEBRIEF, fixed(t.Q_ROLE), {State.WHEN}, text=on_role, section="company"),
    entry(State.WHEN, Flow.DEBRIEF, fixed(t.Q_WHEN), {State.PERSON_NAME}, text=on_when, section="when"),
]
