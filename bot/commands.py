"""Commands outside the debrief: /interviews, /stats, /export, /delete, and closing an interview."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, timedelta
from typing import Any

from icalendar import Calendar, Event
from sqlalchemy import delete, select

from bot import actions, ladder
from bot import templates as t
from bot.actions import AccountOp, Action, InterviewOp
from bot.events import Attachment, Button
from bot.mailbox.records import describe as describe_mailbox
from bot.mailbox.records import describe_sent, load_mailbox
from bot.reminders import interview_of, pending_follow_ups
from bot.store.models import (
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Interview,
    InterviewStatus,
    Outcome,
    Reminder,
    ReminderState,
    SentMail,
    User,
)
from bot.turn import Turn, load_user_interviews

KIND_WORDS = {
    FollowUpKind.THANK_YOU: "thank-you email",
    FollowUpKind.SECOND_EMAIL: "second email",
    FollowUpKind.CALL: "phone call",
    FollowUpKind.SEND_PROMISED: "send what you promised",
    FollowUpKind.CHASE_PROMISED: "ask for what they promised",
    FollowUpKind.PREPARE: "get ready",
    FollowUpKind.DEBRIEF: "debrief",
}
OUTCOME_WORDS = {
    Outcome.OFFER: "Got an offer",
    Outcome.REJECTED: "Rejected",
    Outcome.WITHDREW: "I withdrew",
    Outcome.NOT_INTERESTED: "No longer interested",
}


async def overview(turn: Turn) -> tuple[str, list[Button]]:
    """The user's interviews with each person's current follow-up and the next reminder's time."""
    interviews = [
        i for i in await load_user_interviews(turn.session, turn.user.id) if i.status != InterviewStatus.DEBRIEFING
    ]
    if not interviews:
        return "No interviews yet. /new debriefs one you just had; /upcoming registers one ahead.", []
    lines, buttons = ["Your interviews:"], []
    tz = turn.tz
    for number, interview in enumerate(interviews, 1):
        when = ladder.show(interview.happened_at, tz, turn.now) if interview.happened_at else "no date"
        status = {
            InterviewStatus.UPCOMING: "upcoming",
            InterviewStatus.ACTIVE: "following up",
            InterviewStatus.CLOSED: f"closed: {OUTCOME_WORDS.get(Outcome(interview.outcome), '').lower()}"
            if interview.outcome
            else "closed",
        }[InterviewStatus(interview.status)]
        lines.append(f"\n{number}. {interview.role} at {interview.company} ({when}), {status}")
        follow_ups = await pending_follow_ups(turn, interview.id)
        by_person = {
            follow_up.person_id: (follow_up, reminder) for follow_up, reminder in follow_ups if follow_up.person_id
        }
        for person in interview.people:
            if person.replied_at:
                lines.append(f"   • {person.name}: replied ✅")
            elif person.id in by_person:
                follow_up, reminder = by_person[person.id]
                due = (
                    f", next reminder {ladder.show(reminder.send_after, tz, turn.now)}"
                    if reminder
                    else ", reminder sent"
                )
                lines.append(f"   • {person.name}: {KIND_WORDS[FollowUpKind(follow_up.kind)]}{due}")
            else:
                lines.append(f"   • {person.name}: nothing pending")
        for follow_up, reminder in follow_ups:
            if follow_up.person_id is None:
                due = f" {ladder.show(reminder.send_after, tz, turn.now)}" if reminder else ""
                lines.append(f"   • {KIND_WORDS[FollowUpKind(follow_up.kind)]}{due}")
        if interview.status != InterviewStatus.CLOSED:
            buttons.append(
                Button(f"Close: {interview.company}"[:60], actions.interview(interview.id, InterviewOp.CLOSE))
            )
    return "\n".join(lines), buttons


async def show_interviews(turn: Turn) -> None:
    text, buttons = await overview(turn)
    turn.say(text, buttons)


async def show_stats(turn: Turn) -> None:
    interviews = [
        i for i in await load_user_interviews(turn.session, turn.user.id) if i.status != InterviewStatus.DEBRIEFING
    ]
    people = [p for i in interviews for p in i.people]
    replied = {kind: sum(1 for p in people if p.replied_after == kind) for kind in FollowUpKind}
    waiting = sum(1 for p in people if p.replied_at is None)
    closed = [i for i in interviews if i.status == InterviewStatus.CLOSED]
    offers = sum(1 for i in closed if i.outcome == Outcome.OFFER)
    turn.say(
        f"Your follow-ups so far ({len(interviews)} interviews, {len(people)} people):\n"
        f"• replied after the thank-you: {replied[FollowUpKind.THANK_YOU]}\n"
        f"• replied after the second email: {replied[FollowUpKind.SECOND_EMAIL]}\n"
        f"• replied after the call: {replied[FollowUpKind.CALL]}\n"
        f"• still waiting: {waiting}\n"
        f"Closed interviews: {len(closed)}, offers: {offers}."
    )


async def on_interview_action(turn: Turn, action: Action) -> None:
    interview = await interview_of(turn, action.ref)
    if interview is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if interview.status == InterviewStatus.CLOSED:
        turn.say("That interview is already closed.", notice=True)
        return
    if action.op == InterviewOp.CLOSE and action.arg is None:
        buttons = [
            Button(label, actions.interview(interview.id, InterviewOp.OUTCOME, outcome.value))
            for outcome, label in OUTCOME_WORDS.items()
        ]
        turn.say(f"How did it end with {interview.company}? Closing stops every reminder for it.", buttons)
        return
    if action.op == InterviewOp.OUTCOME and action.arg in {o.value for o in Outcome}:
        interview.status, interview.outcome, interview.closed_at = (
            InterviewStatus.CLOSED,
            action.arg,
            turn.now,
        )
        count = await ladder.stop_follow_ups(turn, FollowUpState.CANCELLED, interview_id=interview.id)
        label = OUTCOME_WORDS[Outcome(action.arg)]
        cheer = " Congratulations! 🎉" if action.arg == Outcome.OFFER else " On to the next one."
        turn.say(
            f"Closed {interview.role} at {interview.company}: {label.lower()}. "
            f"{count} pending follow-up(s) cancelled.{cheer}",
            replace=True,
        )
        return
    turn.say(t.FOREIGN_BUTTON, notice=True)


# ---- the user's data ----------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


async def export_data(turn: Turn) -> dict[str, Any]:
    """Everything stored about the user, as plain data."""
    user = turn.user
    interviews = await load_user_interviews(turn.session, user.id)
    follow_ups = list(
        await turn.session.scalars(select(FollowUp).where(FollowUp.user_id == user.id).order_by(FollowUp.id))
    )
    reminders = list(
        await turn.session.scalars(select(Reminder).where(Reminder.user_id == user.id).order_by(Reminder.id))
    )

    mailbox = await load_mailbox(turn.session, user.id)
    sent_mails = list(
        await turn.session.scalars(select(SentMail).where(SentMail.user_id == user.id).order_by(SentMail.id))
    )

    def row(obj: Any, *skip: str) -> dict[str, Any]:
        return {c.key: _iso(getattr(obj, c.key)) for c in obj.__mapper__.column_attrs if c.key not in skip}

    return {
        "exported_at": turn.now.isoformat(),
        "user": row(user),
        "conversation": row(turn.conv),
        "interviews": [
            {
                **row(i),
                "people": [row(p) for p in i.people],
                "promises": [row(p) for p in i.promises],
            }
            for i in interviews
        ],
        "steps": [row(s) for s in follow_ups],
        "reminders": [row(r) for r in reminders],
        # The mailbox settings (an allow-list of fields: never the password) and the emails sent from it.
        "mailbox": describe_mailbox(mailbox) if mailbox is not None else None,
        "sent_mails": [describe_sent(m) for m in sent_mails],
    }


async def calendar(turn: Turn) -> bytes:
    """An .ics of every upcoming follow-up, with the person and the action in each event."""
    cal = Calendar()
    cal.add("prodid", "-//Followup bot//followup-bot//EN")
    cal.add("version", "2.0")
    rows = await turn.session.execute(
        select(Reminder, FollowUp, Interview)
        .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(Reminder.user_id == turn.user.id, Reminder.state == ReminderState.SCHEDULED)
        .order_by(Reminder.send_after)
    )
    for reminder, follow_up, interview in rows:
        person = next((p for p in interview.people if p.id == follow_up.person_id), None)
        promise = next((p for p in interview.promises if p.id == follow_up.promise_id), None)
        action = KIND_WORDS[FollowUpKind(follow_up.kind)]
        who = person.name if person else (promise.what if promise else interview.company)
        event = Event()
        event.add("uid", f"reminder-{reminder.id}@followup-bot")
        event.add("dtstamp", turn.now)
        event.add("dtstart", reminder.send_after.astimezone(UTC))
        event.add("duration", timedelta(minutes=15))
        event.add("summary", f"{action.capitalize()}: {who} ({interview.company})")
        description = f"{action.capitalize()} for the {interview.role} role at {interview.company}."
        if person and person.email:
            description += f"\nEmail: {person.email}"
        if person and person.phone:
            description += f"\nPhone: {person.phone}"
        event.add("description", description)
        cal.add_component(event)
    return cal.to_ical()


async def export_command(turn: Turn) -> None:
    data = await export_data(turn)
    stamp = turn.now.strftime("%Y%m%d")
    files = (
        Attachment(
            f"followup-export-{stamp}.json",
            json.dumps(data, ensure_ascii=False, indent=2).encode(),
            "application/json",
        ),
        Attachment(f"followup-reminders-{stamp}.ics", await calendar(turn), "text/calendar"),
    )
    turn.say(
        f"Here is everything I store about you ({len(data['interviews'])} interviews), and a calendar of "
        "your upcoming follow-ups to import into your calendar app.",
        files=files,
    )


async def delete_command(turn: Turn) -> None:
    turn.say(
        "This erases everything I store about you: interviews, people, notes, reminders and settings "
        "(your connected mailbox too). "
        "It can't be undone. Are you sure?",
        [
            Button("Yes, delete everything", actions.account(turn.conv.revision, AccountOp.DELETE)),
            Button("No, keep it", actions.account(turn.conv.revision, AccountOp.KEEP)),
        ],
    )


async def on_account_action(turn: Turn, action: Action) -> None:
    if action.ref != turn.conv.revision:
        turn.say(
            "That button is out of date; type /delete again if you still want to erase your data.",
            notice=True,
        )
        return
    if action.op == AccountOp.KEEP:
        turn.say("Kept. Nothing was deleted.", replace=True)
        return
    if action.op == AccountOp.DELETE:
        await turn.session.execute(delete(User).where(User.id == turn.user.id))
        turn.session.expunge_all()
        turn.say("Done: everything about you is erased. If you write again, we start from scratch.", replace=True)
        return
    turn.say(t.FOREIGN_BUTTON, notice=True)


COMMANDS: dict[str, Callable[[Turn], Awaitable[None]]] = {
    "/interviews": show_interviews,
    "/stats": show_stats,
    "/export": export_command,
    "/delete": delete_command,
}
