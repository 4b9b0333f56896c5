"""The .ics of /export: one event per upcoming follow-up, with an alarm, the person and the action.

A follow-up (a rung of the ladder: the thank-you to Jane, the call to Bob, what you promised) is one
event at its next reminder, however many reminders it has (a first reminder and a last call are one
thank-you to write). The UID stays the same from one export to the next, so importing again updates
the event instead of adding a copy, and it differs between installs of the bot: it is a UUID5 over the
user's key, the moment their account was created here, and the follow-up's id and creation time.
"""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import func, select

from bot.common.parsing.contacts import format_phone
from bot.conversation.turn import Turn
from bot.followups import kinds
from bot.store.models import FollowUp, FollowUpState, Interview, Reminder, ReminderState, User

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/followup-bot/calendar")
EVENT_MINUTES = 15
ALARM_BEFORE = timedelta(0)  # when the bot would have reminded you


def event_uid(user: User, follow_up: FollowUp) -> str:
    """Stable for one follow-up, different on another install (or after /delete and a new start)."""
    created = user.created_at.isoformat() if user.created_at else ""
    follow_up_created = follow_up.created_at.isoformat() if follow_up.created_at else ""
    name = f"{user.key}|{created}|{follow_up.id}|{follow_up_created}"
    return f"{uuid.uuid5(NAMESPACE, name)}@followup-bot"


async def calendar(turn: Turn) -> bytes:
    """The user's pending follow-ups that have a reminder ahead, one VEVENT (with a VALARM) each."""
    cal = Calendar()
    cal.add("prodid", "-//Followup bot//followup-bot//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Interview follow-ups")
    next_reminder = (
        select(Reminder.follow_up_id, func.min(Reminder.send_after).label("at"))
        .where(Reminder.user_id == turn.user.id, Reminder.state == ReminderState.SCHEDULED)
        .group_by(Reminder.follow_up_id)
        .subquery()
    )
    rows = await turn.session.execute(
        select(FollowUp, Interview, next_reminder.c.at)
        .join(next_reminder, next_reminder.c.follow_up_id == FollowUp.id)
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(FollowUp.user_id == turn.user.id, FollowUp.state == FollowUpState.PENDING)
        .order_by(next_reminder.c.at, FollowUp.id)
    )
    for follow_up, interview, at in rows:
        cal.add_component(_event(turn, follow_up, interview, at))
    return cal.to_ical()


def _event(turn: Turn, follow_up: FollowUp, interview: Interview, at) -> Event:
    person = next((p for p in interview.people if p.id == follow_up.person_id), None)
    promise = next((p for p in interview.promises if p.id == follow_up.promise_id), None)
    title, doing = kinds.of(follow_up.kind).event
    if person is not None or promise is not None:
        who = person.name if person is not None else promise.what
        summary = f"{title}: {who} ({interview.company})"
    else:  # getting ready for, or debriefing, the interview itself
        who = interview.company or "the company"
        summary = f"{title}: {interview.role} at {interview.company}"
    lines = [f"{doing.format(who=who)}, for the {interview.role} role at {interview.company}."]
    if person is not None:
        lines.append(f"Interviewer: {person.name}" + (f", {person.role}" if person.role else ""))
        if person.email:
            lines.append(f"Email: {person.email}")
        if person.phone:
            lines.append(f"Phone: {format_phone(person.phone)}")
    if follow_up.deadline is not None:
        lines.append(f"Due by {follow_up.deadline.astimezone(UTC):%Y-%m-%d %H:%M} UTC.")
    event = Event()
    event.add("uid", event_uid(turn.user, follow_up))
    event.add("dtstamp", turn.now)
    event.add("dtstart", at.astimezone(UTC))
    event.add("duration", timedelta(minutes=EVENT_MINUTES))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    if person is not None:
        # CONTACT, not ATTENDEE: a calendar app must never send the interviewer an invitation.
        phone = format_phone(person.phone) if person.phone else None
        event.add("contact", ", ".join(x for x in (person.name, person.email, phone) if x))
    event.add("categories", [title])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event
