"""Planning the follow-up ladder's rows: the follow-ups and reminders after a debrief, the next rung, closing them.

Which kinds are planned when, when each is due and how it is said are the kinds' own (bot/followups/kinds.py,
on bot/followups/timing.py); the `plan_*` functions create the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update

from bot.conversation.turn import Turn
from bot.followups import kinds
from bot.followups.kinds import Planned, Planning
from bot.followups.timing import show
from bot.store.models import (
    FollowUp,
    FollowUpState,
    Interview,
    Person,
    Promise,
    Reminder,
    ReminderState,
)

OPEN_REMINDERS = (ReminderState.SCHEDULED, ReminderState.SENDING, ReminderState.SENT)

# The debrief's ladder in two Core statements on the turn's connection, built once: through the ORM (bulk
# inserts of mapped rows, and the flush they set off first) they cost about three times the CPU.
INSERT_FOLLOW_UPS = insert(FollowUp.__table__).returning(
    FollowUp.id, FollowUp.kind, FollowUp.person_id, FollowUp.promise_id
)
INSERT_REMINDERS = insert(Reminder.__table__)


# ---- rows ---------------------------------------------------------------------------------


async def add_follow_up(
    turn: Turn,
    interview: Interview,
    kind: str,
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
    """What `plan_after_debrief` planned: the plan in words, and each person's follow-up whose draft the
    debrief ends with (the thank-you: `KindSpec.debrief_draft`)."""

    text: str
    thank_yous: dict[int, int]  # person id -> follow-up id


async def plan_after_debrief(turn: Turn, interview: Interview) -> Plan:
    """Create the follow-ups the kinds table plans after a debrief (for each person: the thank-you; for
    each promise: sending it, or asking for it); return the plan."""
    if turn.session.new:  # the interview, its people or promises made in this turn (a form): their ids
        await turn.session.flush()
    lines = []
    planned: list[tuple[dict, dict[str, datetime]]] = []  # (a follow-up's row, its reminders' times by label)
    for spec in kinds.planned(Planned.PERSON):
        head = spec.plan_head(Planning(turn, interview)) if spec.plan_head else None
        lines += [head] if head else []
    for person in interview.people:
        for spec in kinds.planned(Planned.PERSON):
            lines.append(_plan(turn, planned, spec, Planning(turn, interview, person=person)))
    for promise in interview.promises:
        for spec in kinds.planned(Planned.MY_PROMISE if promise.mine else Planned.THEIR_PROMISE):
            lines.append(_plan(turn, planned, spec, Planning(turn, interview, promise=promise)))
    ids = await _insert_follow_ups(turn, planned)
    text = "I'll keep you on track:\n" + "\n".join(filter(None, lines))
    text += "\nTap the buttons on each reminder to tell me how it went."
    thank_yous = {p.id: ids[kinds.debrief_draft(), p.id, None] for p in interview.people}
    return Plan(text, {k: v for k, v in thank_yous.items() if v is not None})


def _plan(turn: Turn, planned: list, spec: kinds.KindSpec, at: Planning) -> str | None:
    """One follow-up's row and reminder times, added to `planned`; its line in the plan."""
    times = spec.first(at)
    row = _follow_up_row(turn, at.interview, spec.kind, person=at.person, promise=at.promise)
    planned.append(({**row, "deadline": spec.deadline(at) if spec.deadline else None}, times))
    return spec.plan_line(at, min(times.values())) if spec.plan_line else None


def _follow_up_row(
    turn: Turn,
    interview: Interview,
    kind: str,
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
) -> defaultdict[tuple[str, int | None, int | None], int | None]:
    """Insert follow-ups (each of a different kind, person or promise) and their reminders: one statement
    for the follow-ups and one for the reminders, where `add_follow_up` takes one per row. Returns the new
    follow-ups' ids by (kind, person id, promise id)."""
    ids: defaultdict[tuple[str, int | None, int | None], int | None] = defaultdict(lambda: None)
    if not planned:
        return ids
    # On the connection, not the session: nothing the ORM holds is read or changed, so no flush is needed
    # (the rows the follow-ups point to have ids, see `plan_after_debrief`; the interview's own changes are
    # saved with the rest of the turn). Every row has every column, so it is one statement.
    connection = await turn.session.connection()
    inserted = await connection.execute(INSERT_FOLLOW_UPS, [row for row, _ in planned])
    for follow_up_id, kind, person_id, promise_id in inserted:
        ids[kind, person_id, promise_id] = follow_up_id
    if len(ids) != len(planned):
        raise ValueError("two follow-ups of one kind planned for the same person or promise")
    reminders = []
    for row, times in planned:
        follow_up_id = ids[row["kind"], row["person_id"], row["promise_id"]]
        for label, due in times.items():
            reminders.append(_reminder_row(turn, follow_up_id, due, label))
            turn.planned_for(due)
    await connection.execute(INSERT_REMINDERS, reminders)
    return ids


async def plan_upcoming(turn: Turn, interview: Interview) -> None:
    """The follow-ups the kinds table plans around an interview registered ahead (get ready, debrief)."""
    for spec in kinds.planned(Planned.UPCOMING):
        at = Planning(turn, interview)
        await add_follow_up(
            turn, interview, spec.kind, spec.first(at), deadline=spec.deadline(at) if spec.deadline else None
        )


async def progress(turn: Turn, follow_up: FollowUp, interview: Interview, rung: str | None = None) -> str | None:
    """After a follow-up is done or skipped, plan the next rung of that person's ladder (its kind names it;
    `rung` overrides it, e.g. a first email after a skipped thank-you): when, and how that is said, are the
    next rung's."""
    if follow_up.person_id is None:
        return None
    person = next((p for p in interview.people if p.id == follow_up.person_id), None)
    if person is None or person.replied_at is not None:
        return None
    spec = kinds.of(follow_up.kind)
    nxt = rung or spec.next_rung
    if nxt is None:
        return spec.last_words.format(name=person.name) if spec.last_words else None
    following = kinds.of(nxt)
    due = following.rung_due(Planning(turn, interview, person=person))
    await add_follow_up(turn, interview, nxt, {"": due}, person=person)
    return following.rung_words.format(name=person.name, when=show(due, turn.tz, turn.now))


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
