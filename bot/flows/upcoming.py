"""/upcoming: an interview still ahead (company, role, time), with reminders before and after it."""

from __future__ import annotations

from bot import templates as t
from bot.flows.state import Flow, Next, State, entry, fixed, local
from bot.ladder import plan_upcoming
from bot.parsing import Invalid, clean_text, parse_moment
from bot.store.models import Interview, InterviewStatus
from bot.turn import Turn


async def begin_upcoming(turn: Turn) -> State:
    # The answers need an interview row to go into.
    await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
    return State.UP_COMPANY


async def on_up_company(turn: Turn, text: str) -> Next:
    (await turn.require_interview()).company = clean_text(text, limit=200, what="company name")
    return State.UP_ROLE


async def on_up_role(turn: Turn, text: str) -> Next:
    (await turn.require_interview()).role = clean_text(text, limit=200, what="role")
    return State.UP_WHEN


async def on_up_when(turn: Turn, text: str) -> Next:
    moment = parse_moment(text, turn.tz, turn.now, prefer="future")
    if moment <= turn.now:
        raise Invalid(f"That's already past ({local(turn, moment)}). For a past interview, use /new.")
    interview = await turn.require_interview()
    interview.happened_at = moment
    interview.status = InterviewStatus.UPCOMING
    await plan_upcoming(turn, interview)
    turn.say(
        f"Noted: {interview.role} at {interview.company}, {local(turn, moment)}. I'll remind you an hour "
        "before, and invite you to debrief right after."
    )
    turn.conv.interview_id = None
    return State.IDLE


ENTRIES = [
    entry(State.UP_COMPANY, Flow.UPCOMING, fixed(t.Q_COMPANY), {State.UP_ROLE}, text=on_up_company),
    entry(State.UP_ROLE, Flow.UPCOMING, fixed(t.Q_ROLE), {State.UP_WHEN}, text=on_up_role),
    entry(
        State.UP_WHEN,
        Flow.UPCOMING,
        fixed("When is it? E.g. “tomorrow 10:00” or “Friday at 2pm”."),
        {State.IDLE},
        text=on_up_when,
    ),
]
