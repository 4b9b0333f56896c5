"""Planning the follow-up ladder's rows: the follow-ups and reminders after a debrief, the next rung, closing them.

When each one is due comes from bot/followups/timing.py; the `plan_*` functions create the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update

from bot.common.parsing.text import shorten
from bot.conversation.turn import Turn
from bot.followups.kinds import KINDS
from bot.followups.timing import (
    after,
    holiday_country,
    promise_time,
    quiet_for,
    second_email_time,
    shift_out_of_quiet,
    show,
    thank_you_times,
)
from bot.store.models import (
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Interview,
    Person,
    Promise,
    Reminder,
    ReminderState,
)

OPEN_REMINDERS = (ReminderState.SCHEDULED, ReminderState.SENDING, ReminderState.SENT)


# ---- rows ---------------------------------------------------------------------------------


async def add_follow_up(
    turn: Turn,
    interview: Interview,
    kind: FollowUpKind,
    times: dict[str, datetime],
    *,
    person: Person | None = None,
    promise: Promise | None = None,
    deadline: datetime | None = None,
) -> FollowUp:
    follow_up = FollowUp(
        user_id=turn.user.id,
        interview_id=interview.id,
        person_id=person.id if person else None,
        promise_id=promise.id if promise else None,
        kind=kind,
        state=FollowUpState.PENDING,
        deadline=deadline,
        created_at=turn.now,
    )
    turn.session.add(follow_up)
    await turn.session.flush()
    for label, due in times.items():
        await add_reminder(turn, follow_up, due, label)
    return follow_up


@dataclass(frozen=True, slots=True)
class Plan:
    """What `plan_after_debrief` planned: the plan in words, and each person's thank-you follow-up id."""

    text: str
    thank_yous: dict[int, int]  # person id -> follow-up id


async def plan_after_debrief(turn: Turn, interview: Interview) -> Plan:
    """Create every person's thank-you follow-up and every promise's follow-up; return the plan."""
    await turn.session.flush()
    s, tz = turn.settings, turn.tz
    quiet = quiet_for(turn.user, s)
    happened = interview.happened_at or turn.now
    lines = []
    if happened + s.thank_you_within.delta < turn.now:
        lines.append(
            "The 24 hours since the interview are over, but a late thank-you still beats none: send them soon."
        )
    planned: list[tuple[dict, dict[str, datetime]]] = []  # (a follow-up's row, its reminders' times by label)
    for person in interview.people:
        times = thank_you_times(happened, turn.now, s, tz, quiet)
        row = _follow_up_row(turn, interview, FollowUpKind.THANK_YOU, person=person)
        planned.append(({**row, "deadline": happened + s.thank_you_within.delta}, times))
        lines.append(f"• {person.name}: thank-you reminder {show(min(times.values()), tz, turn.now)}")
    for promise in interview.promises:
        due = promise_time(promise, turn.now, s, tz, quiet, country=holiday_country(turn.user, tz))
        kind = FollowUpKind.SEND_PROMISED if promise.mine else FollowUpKind.CHASE_PROMISED
        planned.append((_follow_up_row(turn, interview, kind, promise=promise), {"": due}))
        verb = "send" if promise.mine else "ask for"
        lines.append(f"• {verb} “{shorten(promise.what)}”: {show(due, tz, turn.now)}")
    ids = await _insert_follow_ups(turn, planned)
    text = "I'll keep you on track:\n" + "\n".join(lines) + "\nTap the buttons on each reminder to tell me how it went."
    return Plan(text, {person.id: ids[person.id, None] for person in interview.people})


def _follow_up_row(
    turn: Turn,
    interview: Interview,
    kind: FollowUpKind,
    *,
    person: Person | None = None,
    promise: Promise | None = None,
) -> dict:
    return {
        "user_id": turn.user.id,
        "interview_id": interview.id,
        "person_id": person.id if person else None,
        "promise_id": promise.id if promise else None,
        "kind": kind,
        "state": FollowUpState.PENDING,
        "deadline": None,
        "created_at": turn.now,
    }


async def _insert_follow_ups(
    turn: Turn, planned: list[tuple[dict, dict[str, datetime]]]
) -> dict[tuple[int | None, int | None], int]:
    """Insert follow-ups (each for a different person or promise) and their reminders: one statement for
    the follow-ups and one for the reminders, where `add_follow_up` takes one per row. Returns the new
    follow-ups' ids by (person id, promise id)."""
    if not planned:
        return {}
    inserted = await turn.session.execute(
        insert(FollowUp).returning(FollowUp.id, FollowUp.person_id, FollowUp.promise_id),
        [row for row, _ in planned],
        execution_options={"render_nulls": True},  # one statement, not one per set of non-null columns
    )
    ids = {(person_id, promise_id): follow_up_id for follow_up_id, person_id, promise_id in inserted}
    if len(ids) != len(planned):
        raise ValueError("two follow-ups planned for the same person or promise")
    reminders = []
    for row, times in planned:
        follow_up_id = ids[row["person_id"], row["promise_id"]]
        for label, due in times.items():
            reminders.append(_reminder_row(turn, follow_up_id, due, label))
            turn.planned_for(due)
    await turn.session.execute(insert(Reminder), reminders)
    return ids


async def plan_upcoming(turn: Turn, interview: Interview) -> None:
    s, tz = turn.settings, turn.tz
    quiet = quiet_for(turn.user, s)
    start = interview.happened_at or turn.now
    prepare = max(shift_out_of_quiet(start - timedelta(hours=1), tz, quiet, earlier=True), turn.now)
    await add_follow_up(turn, interview, FollowUpKind.PREPARE, {"": prepare})
    invite = shift_out_of_quiet(start + timedelta(minutes=interview.duration_minutes + 15), tz, quiet)
    await add_follow_up(turn, interview, FollowUpKind.DEBRIEF, {"": invite})


async def progress(
    turn: Turn, follow_up: FollowUp, interview: Interview, rung: FollowUpKind | None = None
) -> str | None:
    """After a follow-up is done or skipped, plan the next rung of that person's ladder (the kinds
    table names it; `rung` overrides it, e.g. a first email after a skipped thank-you)."""
    s, tz = turn.settings, turn.tz
    quiet = quiet_for(turn.user, s)
    if follow_up.person_id is None:
        return None
    person = next((p for p in interview.people if p.id == follow_up.person_id), None)
    if person is None or person.replied_at is not None:
        return None
    nxt = rung or KINDS[FollowUpKind(follow_up.kind)].next_rung
    if nxt is None:
        return (
            f"That's the whole ladder for {person.name}. When you hear back, tap “They replied” next to "
            f"{person.name} in /interviews."
        )
    if nxt in {FollowUpKind.SECOND_EMAIL, FollowUpKind.FIRST_EMAIL}:
        due = second_email_time(turn.now, interview.decision_on, s, tz, quiet, country=holiday_country(turn.user, tz))
    else:
        due = after(turn.now, s.call_after, tz, quiet, country=holiday_country(turn.user, tz))
    await add_follow_up(turn, interview, nxt, {"": due}, person=person)
    if nxt == FollowUpKind.CALL:
        return f"If there's still no answer, I'll suggest a short call to {person.name} {show(due, tz, turn.now)}."
    what = "a first email" if nxt == FollowUpKind.FIRST_EMAIL else "a second email"
    return f"If {person.name} hasn't replied by then, I'll remind you about {what} {show(due, tz, turn.now)}."


async def open_reminder(turn: Turn, follow_up: FollowUp) -> Reminder | None:
    """The follow-up's reminder to move when it is snoozed: the one sent last, else the next one planned."""
    rows = await turn.session.scalars(
        select(Reminder).where(Reminder.follow_up_id == follow_up.id, Reminder.state.in_(OPEN_REMINDERS))
    )
    found = list(rows)
    sent = [r for r in found if r.state != ReminderState.SCHEDULED]
    if sent:
        return max(sent, key=lambda r: (r.sent_at or r.due_at, r.id))
    return min(found, key=lambda r: r.send_after, default=None)


def _reminder_row(turn: Turn, follow_up_id: int, due: datetime, label: str = "") -> dict:
    return {
        "user_id": turn.user.id,
        "follow_up_id": follow_up_id,
        "platform": turn.user.platform,
        "label": label,
        "due_at": due,
        "send_after": due,
    }


async def add_reminder(turn: Turn, follow_up: FollowUp, due: datetime, label: str = "") -> Reminder:
    reminder = Reminder(**_reminder_row(turn, follow_up.id, due, label))
    turn.session.add(reminder)
    turn.planned_for(due)
    return reminder


async def finish_follow_up(turn: Turn, follow_up: FollowUp, state: FollowUpState) -> None:
    """Close a follow-up and settle its reminders (the one tapped is done, the others are cancelled)."""
    follow_up.state = state
    follow_up.done_at = turn.now
    await turn.session.execute(
        update(Reminder)
        .where(Reminder.follow_up_id == follow_up.id, Reminder.state.in_((ReminderState.SENT, ReminderState.SENDING)))
        .values(state=ReminderState.DONE)
    )
    await turn.session.execute(
        update(Reminder)
        .where(Reminder.follow_up_id == follow_up.id, Reminder.state == ReminderState.SCHEDULED)
        .values(state=ReminderState.CANCELLED)
    )


async def stop_follow_ups(
    turn: Turn, state: FollowUpState, *, person_id: int | None = None, interview_id: int | None = None
) -> int:
    """End every pending follow-up of a person (they replied) or of an interview (it closed)."""
    query = select(FollowUp).where(FollowUp.user_id == turn.user.id, FollowUp.state == FollowUpState.PENDING)
    if person_id is not None:
        query = query.where(FollowUp.person_id == person_id)
    if interview_id is not None:
        query = query.where(FollowUp.interview_id == interview_id)
    follow_ups = list(await turn.session.scalars(query))
    for follow_up in follow_ups:
        await finish_follow_up(turn, follow_up, state)
    return len(follow_ups)
