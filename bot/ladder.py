"""Planning the follow-up ladder: when each follow-up is due, on the user's calendar and clock.

Pure timing functions (`after`, `at_morning`, `shift_out_of_quiet`) take the time zone and quiet
hours explicitly, so tests drive them with any clock; the `plan_*` functions create the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update

from bot.config import QuietHours, Settings, Span, parse_quiet_hours
from bot.parsing.text import shorten
from bot.store.models import (
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Interview,
    Person,
    Promise,
    Reminder,
    ReminderState,
    User,
)
from bot.turn import Turn

OPEN_REMINDERS = (ReminderState.SCHEDULED, ReminderState.SENDING, ReminderState.SENT)


# ---- timing rules -------------------------------------------------------------------------


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _aware(wall: datetime, zone: ZoneInfo) -> datetime:
    """A local wall time as UTC; a time in a spring-forward gap moves on by the gap."""
    candidate = wall.replace(tzinfo=zone)
    back = _wall(candidate.astimezone(UTC), zone)
    if back != wall:  # nonexistent local time: take the same instant the clocks jumped to
        candidate = (wall + (wall - back)).replace(tzinfo=zone)
    return candidate.astimezone(UTC)


def add_business_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def in_quiet(wall: datetime, quiet: QuietHours) -> bool:
    if quiet.off:
        return False
    now = wall.time()
    if quiet.start < quiet.end:
        return quiet.start <= now < quiet.end
    return now >= quiet.start or now < quiet.end


def shift_out_of_quiet(moment: datetime, tz: str, quiet: QuietHours, *, earlier: bool = False) -> datetime:
    """Move a time inside the quiet hours to their end (or, with `earlier`, to just before they start)."""
    zone = ZoneInfo(tz)
    wall = _wall(moment, zone)
    if not in_quiet(wall, quiet):
        return moment
    if earlier:
        start = datetime.combine(wall.date(), quiet.start)
        if start > wall:
            start -= timedelta(days=1)
        return _aware(start - timedelta(minutes=15), zone)
    end = datetime.combine(wall.date(), quiet.end)
    if end <= wall:
        end += timedelta(days=1)
    return _aware(end, zone)


def skip_weekend(moment: datetime, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    wall = _wall(moment, zone)
    while wall.weekday() >= 5:
        wall += timedelta(days=1)
    return _aware(wall, zone)


def after(start: datetime, span: Span, tz: str, quiet: QuietHours) -> datetime:
    """`start` plus `span`: business days on the user's calendar (same local time, weekends skipped),
    whole days by the wall clock (so 09:00 stays 09:00 across DST), shorter spans exactly; then out
    of the quiet hours."""
    zone = ZoneInfo(tz)
    if span.business_days:
        wall = _wall(start, zone)
        due = _aware(datetime.combine(add_business_days(wall.date(), span.business_days), wall.time()), zone)
        return skip_weekend(shift_out_of_quiet(due, tz, quiet), tz)
    if span.day_sized:
        days, rest = divmod(span.seconds, 86400)
        due = _aware(_wall(start, zone) + timedelta(days=days), zone) + timedelta(seconds=rest)
        return shift_out_of_quiet(due, tz, quiet)
    return shift_out_of_quiet(start + span.delta, tz, quiet)


def at_morning(day: date, tz: str, morning: time, quiet: QuietHours) -> datetime:
    return shift_out_of_quiet(_aware(datetime.combine(day, morning), ZoneInfo(tz)), tz, quiet)


def next_morning(now: datetime, tz: str, morning: time, quiet: QuietHours) -> datetime:
    return at_morning(now.astimezone(ZoneInfo(tz)).date() + timedelta(days=1), tz, morning, quiet)


def quiet_for(user: User, settings: Settings) -> QuietHours:
    return parse_quiet_hours(user.quiet_hours) if user.quiet_hours else settings.quiet_hours


# ---- the rungs ----------------------------------------------------------------------------


def thank_you_times(happened: datetime, now: datetime, s: Settings, tz: str, quiet: QuietHours) -> dict[str, datetime]:
    """The first reminder (soon, at a decent hour) and the last call before the 24-hour deadline."""
    deadline = happened + s.thank_you_within.delta
    last_call = deadline - s.last_call_before.delta
    if in_quiet(_wall(last_call, ZoneInfo(tz)), quiet):
        last_call = shift_out_of_quiet(last_call, tz, quiet, earlier=True)
    first = after(now, s.first_reminder_after, tz, quiet)
    times: dict[str, datetime] = {}
    if first < last_call:
        times["first"] = first
    if last_call > now:
        times["last_call"] = last_call
    elif deadline > now:
        times["last_call"] = now
    if not times:  # the deadline has passed: still remind once, soon
        times["first"] = first
    return times


def second_email_time(sent: datetime, decision: date | None, s: Settings, tz: str, quiet: QuietHours) -> datetime:
    due = after(sent, s.second_email_after, tz, quiet)
    if decision is not None:
        after_decision = at_morning(add_business_days(decision, 1), tz, s.morning, quiet)
        due = max(due, after_decision)
    return due


def promise_time(promise: Promise, now: datetime, s: Settings, tz: str, quiet: QuietHours) -> datetime:
    if promise.mine:
        if promise.due_on is not None:
            due = at_morning(promise.due_on, tz, s.morning, quiet)
            if due > now:
                return due
            # Due today (or already late): the morning has passed, so remind right away (out of the quiet hours).
            return shift_out_of_quiet(now, tz, quiet)
        return next_morning(now, tz, s.morning, quiet)
    if promise.due_on is not None:
        return max(at_morning(add_business_days(promise.due_on, 1), tz, s.morning, quiet), now)
    return after(now, s.chase_after, tz, quiet)


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
        due = promise_time(promise, turn.now, s, tz, quiet)
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
    from bot.kinds import KINDS  # the table's words use this module's `show`

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
        due = second_email_time(turn.now, interview.decision_on, s, tz, quiet)
    else:
        due = after(turn.now, s.call_after, tz, quiet)
    await add_follow_up(turn, interview, nxt, {"": due}, person=person)
    if nxt == FollowUpKind.CALL:
        return f"If there's still no answer, I'll suggest a short call to {person.name} {show(due, tz, turn.now)}."
    what = "a first email" if nxt == FollowUpKind.FIRST_EMAIL else "a second email"
    return f"If {person.name} hasn't replied by then, I'll remind you about {what} {show(due, tz, turn.now)}."


def last_safe(deadline: datetime, now: datetime, s: Settings, tz: str, quiet: QuietHours) -> datetime | None:
    """The last reminder time that still leaves room before `deadline` (None when none is left)."""
    safe = deadline - s.last_call_before.delta
    if in_quiet(_wall(safe, ZoneInfo(tz)), quiet):
        safe = shift_out_of_quiet(safe, tz, quiet, earlier=True)
    return safe if safe > now else None


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


def show(moment: datetime, tz: str, now: datetime) -> str:
    """A due time in words, in the user's zone: 'today at 16:00', 'on Monday 2 March at 09:00'."""
    zone = ZoneInfo(tz)
    when = moment.astimezone(zone)
    if (moment - now).total_seconds() < 90:
        return "right away" if moment >= now - timedelta(seconds=90) else f"at {when:%H:%M}"
    days = (when.date() - now.astimezone(zone).date()).days
    if days == 0:
        return f"today at {when:%H:%M}"
    if days == 1:
        return f"tomorrow at {when:%H:%M}"
    return f"on {when:%A} {when.day} {when:%B} at {when:%H:%M}"
