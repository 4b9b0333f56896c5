"""The .ics of /export: one event per upcoming follow-up, with an alarm, the person and the action.

A follow-up (a step of the ladder: the thank-you to Jane, the call to Bob, what you promised) is one
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

from bot.store.models import Interview, Reminder, ReminderState, Step, StepKind, StepState, User
from bot.turn import Turn

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/followup-bot/calendar")
EVENT_MINUTES = 15
ALARM_BEFORE = timedelta(0)  # when the bot would have reminded you

ACTIONS = {
    StepKind.THANK_YOU: ("Thank-you email", "Send your thank-you email to {who}"),
    StepKind.SECOND_EMAIL: ("Second email", "Send a short second email to {who}"),
    StepKind.CALL: ("Phone call", "Call {who} to ask about the timeline"),
    StepKind.SEND_PROMISED: ("Send what you promised", "Send what you promised: {who}"),
    StepKind.CHASE_PROMISED: ("Ask for what they promised", "Ask for what they promised: {who}"),
    StepKind.PREPARE: ("Get ready", "Get ready for your interview at {who}"),
    StepKind.DEBRIEF: ("Debrief", "Debrief your interview at {who}"),
}


def event_uid(user: User, step: Step) -> str:
    """Stable for one follow-up, different on another install (or after /delete and a new start)."""
    created = user.created_at.isoformat() if user.created_at else ""
    step_created = step.created_at.isoformat() if step.created_at else ""
    name = f"{user.key}|{created}|{step.id}|{step_created}"
    return f"{uuid.uuid5(NAMESPACE, name)}@followup-bot"


async def calendar(turn: Turn) -> bytes:
    """The user's pending follow-ups that have a reminder ahead, one VEVENT (with a VALARM) each."""
    cal = Calendar()
    cal.add("prodid", "-//Followup bot//followup-bot//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Interview follow-ups")
    next_reminder = (
        select(Reminder.step_id, func.min(Reminder.send_after).label("at"))
        .where(Reminder.user_id == turn.user.id, Reminder.state == ReminderState.SCHEDULED)
        .group_by(Reminder.step_id)
        .subquery()
    )
    rows = await turn.session.execute(
        select(Step, Interview, next_reminder.c.at)
        .join(next_reminder, next_reminder.c.step_id == Step.id)
        .join(Interview, Interview.id == Step.interview_id)
        .where(Step.user_id == turn.user.id, Step.state == StepState.PENDING)
        .order_by(next_reminder.c.at, Step.id)
    )
    for step, interview, at in rows:
        cal.add_component(_event(turn, step, interview, at))
    return cal.to_ical()


def _event(turn: Turn, step: Step, interview: Interview, at) -> Event:
    person = next((p for p in interview.people if p.id == step.person_id), None)
    promise = next((p for p in interview.promises if p.id == step.promise_id), None)
    title, doing = ACTIONS[StepKind(step.kind)]
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
            lines.append(f"Phone: {person.phone}")
    if step.deadline is not None:
        lines.append(f"Due by {step.deadline.astimezone(UTC):%Y-%m-%d %H:%M} UTC.")
    event = Event()
    event.add("uid", event_uid(turn.user, step))
    event.add("dtstamp", turn.now)
    event.add("dtstart", at.astimezone(UTC))
    event.add("duration", timedelta(minutes=EVENT_MINUTES))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    if person is not None:
        # CONTACT, not ATTENDEE: a calendar app must never send the interviewer an invitation.
        event.add("contact", ", ".join(x for x in (person.name, person.email, person.phone) if x))
    event.add("categories", [title])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event
