"""Replies noticed in the user's inbox: a reply marks "They replied" for that person (as the reminder
button does) and says so in the chat, with a way to undo it ("Not a real reply"); an automatic reply
leaves the ladder alone, moving the next reminder to after the person's return when it names the day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.common import actions
from bot.common import texts as t
from bot.common import when as timewords
from bot.common.actions import Action, Kind, MailOp
from bot.common.events import Button
from bot.conversation.recap import summary_text
from bot.conversation.state import Next, action
from bot.conversation.turn import Turn
from bot.followups import kinds, ladder, timing
from bot.followups.lookups import rung_answered
from bot.mailbox import ReplySeen
from bot.store.models import FollowUp, FollowUpState, Interview, Person, Reminder, ReminderState


def ago(moment: datetime, now: datetime) -> str:
    return timewords.ago(moment, now)


def answering(rung: str) -> str:
    """' to your thank-you email', ' after your phone call': which step the reply answers."""
    words = kinds.of(rung).words
    return f" to your {words}" if "email" in words else f" after your {words}"


async def _people(turn: Turn, seen: ReplySeen) -> list[tuple[Person, Interview]]:
    """The user's own people the reply is from (or answers): never anyone else's."""
    ids = set(seen.person_ids)
    if seen.followup_id is not None:
        follow_up = await turn.session.get(FollowUp, seen.followup_id)
        if follow_up is not None and follow_up.user_id == turn.user.id and follow_up.person_id is not None:
            ids.add(follow_up.person_id)
    if not ids:
        return []
    rows = await turn.session.execute(
        select(Person, Interview)
        .join(Interview, Interview.id == Person.interview_id)
        .where(Person.id.in_(ids), Interview.user_id == turn.user.id)
        .order_by(Person.id)
    )
    return [(person, interview) for person, interview in rows]


async def on_reply(turn: Turn, seen: ReplySeen) -> None:
    """A message from an interviewer (or answering our email): mark it, or move the next reminder."""
    found = await _people(turn, seen)
    if not found:
        return
    if seen.auto_reply:
        await _auto_reply(turn, seen, found)
        return
    when = ago(seen.received_at, turn.now)
    quote = f": “{seen.snippet}”" if seen.snippet else "."
    for person, interview in found:
        fresh = person.replied_at is None
        # The email it answers (In-Reply-To, References), else the last one they got: what /stats counts.
        rung = await rung_answered(turn.session, person.id, seen.followup_id)
        if fresh:
            person.replied_at, person.replied_after = seen.received_at, rung
            await ladder.stop_follow_ups(turn, FollowUpState.REPLIED, person_id=person.id)
        stop = " I stopped the reminders about them." if fresh else ""
        turn.say(
            f"📬 {person.name} ({interview.company}) replied {when}{answering(rung)}{quote}{stop}",
            [
                Button("Open the debrief", actions.mail(person.id, MailOp.OPEN)),
                Button("Not a real reply", actions.mail(person.id, MailOp.NOT_REPLY)),
            ],
        )


async def _auto_reply(turn: Turn, seen: ReplySeen, found: list[tuple[Person, Interview]]) -> None:
    tz = turn.tz
    quiet = timing.quiet_for(turn.user, turn.settings)
    for person, interview in found:
        if person.replied_at is not None:
            continue
        if seen.return_date is None:
            turn.say(
                f"{person.name} ({interview.company}) sent an automatic reply (out of office?). "
                "That's not an answer, so your reminders about them stay as they are."
            )
            continue
        back = timing.at_morning(
            timing.add_business_days(seen.return_date, 1, timing.holiday_country(turn.user, tz)),
            tz,
            turn.settings.morning,
            quiet,
        )
        moved = list(
            await turn.session.scalars(
                select(Reminder)
                .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
                .where(
                    FollowUp.person_id == person.id,
                    FollowUp.state == FollowUpState.PENDING,
                    Reminder.state == ReminderState.SCHEDULED,
                    Reminder.send_after < back,
                )
            )
        )
        for reminder in moved:
            reminder.due_at = reminder.send_after = back
            reminder.late = False
        if moved:
            turn.planned_for(back)
        day = timewords.day_words(seen.return_date)
        then = (
            f"I moved your next reminder about them to {timing.show(back, tz, turn.now)}, once they've had a day "
            "to catch up."
            if moved
            else "Your reminders about them already come after that."
        )
        turn.say(f"{person.name} ({interview.company}) is away: their automatic reply says they're back {day}. {then}")


async def on_mail_action(turn: Turn, action: Action) -> Next:
    """The buttons under "X replied": open the debrief, or undo the reply mark."""
    person = await turn.session.get(Person, action.ref)
    interview = await turn.session.get(Interview, person.interview_id) if person is not None else None
    if person is None or interview is None or interview.user_id != turn.user.id:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if action.op == MailOp.OPEN:
        turn.say(summary_text(turn, interview))
        return
    if action.op != MailOp.NOT_REPLY:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if person.replied_at is None:
        turn.say(f"{person.name} isn't marked as having replied, so nothing changed.", notice=True)
        return
    person.replied_at = person.replied_after = None
    reopened = list(
        await turn.session.scalars(
            select(FollowUp).where(FollowUp.person_id == person.id, FollowUp.state == FollowUpState.REPLIED)
        )
    )
    quiet = timing.quiet_for(turn.user, turn.settings)
    due = None
    for follow_up in reopened:
        follow_up.state, follow_up.done_at = FollowUpState.PENDING, None
        was = await turn.session.scalar(
            select(Reminder.due_at)
            .where(Reminder.follow_up_id == follow_up.id, Reminder.state == ReminderState.CANCELLED)
            .order_by(Reminder.due_at.desc())
            .limit(1)
        )
        due = was if was is not None and was > turn.now + timedelta(minutes=5) else None
        due = due or timing.next_morning(turn.now, turn.tz, turn.settings.morning, quiet)
        turn.session.add(
            Reminder(
                user_id=turn.user.id,
                follow_up_id=follow_up.id,
                platform=turn.user.platform,
                label="again",
                due_at=due,
                send_after=due,
            )
        )
        turn.planned_for(due)
    plan = f" Next reminder about them: {timing.show(due, turn.tz, turn.now)}." if due else ""
    turn.say(f"Understood: not a real reply from {person.name}. Their reminders are back on.{plan}", replace=True)


# The buttons under "X replied".
ACTIONS = [action(Kind.MAIL, on_mail_action)]
