"""Sending from the chat: "Send now" on a reminder sends its email from the user's own mailbox.

Sending talks to the user's server, so the tap's turn only checks and asks; the send runs after that
turn is saved (`Turn.later`) and its outcome is recorded in a new turn: done and the next rung planned
exactly as the "Sent" button does (a chase's "Asked", bot/followups/ladder.py), or nothing changed and the reason said.
What a reply noticed in the inbox does is in bot/mailbox/noticed.py.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.common import actions
from bot.common import texts as t
from bot.common.actions import MailOp
from bot.common.actions import ReminderOp as Op
from bot.common.events import Button
from bot.conversation.turn import Finish, Turn
from bot.drafts import draft as d
from bot.drafts import store as draft_store
from bot.followups import ladder
from bot.followups.kinds import KINDS, recipient
from bot.mailbox import SendStatus
from bot.mailbox.problems import Trouble
from bot.store.models import (
    FollowUp,
    FollowUpState,
    Interview,
    Mailbox,
    Person,
    Reminder,
    SentMail,
    SentMailState,
)

log = logging.getLogger(__name__)


async def draft_for_follow_up(turn: Turn, follow_up: FollowUp) -> d.Draft:
    """The text "Send now" sends: the draft as the user approved or edited it (bot/drafts/store.py), the
    same one "Show draft", the reminders and the .eml files show."""
    return await draft_store.current_draft(turn.session, follow_up, turn.user, turn.now)


async def has_mailbox(turn: Turn) -> bool:
    if turn.mailbox is None or not turn.mailbox.available:
        return False
    return await turn.session.scalar(select(Mailbox.id).where(Mailbox.user_id == turn.user.id)) is not None


def addressed(follow_up: FollowUp, person: Person | None) -> bool:
    """A follow-up whose kind is `sendable` (a thank-you, second email or chase) and whose `recipient`
    (`person`: for a chase, who promised it) is known and has an address."""
    return KINDS[follow_up.kind].sendable and person is not None and bool(person.email)


async def can_send(turn: Turn, follow_up: FollowUp, person: Person | None) -> bool:
    """A Send now button: `addressed`, with a mailbox connected."""
    return addressed(follow_up, person) and await has_mailbox(turn)


def send_button(reminder_id: int) -> Button:
    return Button("Send now", actions.reminder(reminder_id, Op.SEND_NOW))


# ---- Send now ---------------------------------------------------------------------------------------


async def on_send(turn: Turn, op: str, reminder: Reminder, follow_up: FollowUp, interview: Interview) -> None:
    """Send now (asks to confirm), Send (sends), Send anyway (after an unsure attempt), Cancel."""
    person = recipient(follow_up, interview)
    if op == Op.SEND_CANCEL:
        turn.say("Not sent. The reminder stays as it was.", replace=True)
        return
    if person is None or not KINDS[follow_up.kind].sendable:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if not await can_send(turn, follow_up, person):
        why = (
            f"I don't have an email address for {person.name}."
            if not person.email
            else "No mailbox is connected any more: use /mailbox to connect one."
        )
        turn.say(f"{why} Nothing was sent.", notice=True)
        return
    draft = await draft_for_follow_up(turn, follow_up)
    if op == Op.SEND_NOW:
        turn.say(
            f"Send to {person.name} <{person.email}>?\nSubject: {draft.subject}",
            [
                Button("Send", actions.reminder(reminder.id, Op.SEND_YES)),
                Button("Cancel", actions.reminder(reminder.id, Op.SEND_CANCEL)),
            ],
        )
        return
    if op not in {Op.SEND_YES, Op.SEND_ANYWAY}:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    service, user_id, follow_up_id, reminder_id = turn.mailbox, turn.user.id, follow_up.id, reminder.id
    from_name = turn.user.name or None
    # The thread is the kind's (`KindSpec.answers`): a second email answers the thank-you, a chase starts its own.
    answers = KINDS[follow_up.kind].answers
    in_reply_to = await _thread_of(turn, follow_up, answers) if answers else None
    anyway = op == Op.SEND_ANYWAY

    async def job() -> Finish:
        result = await service.send_draft(
            user_id, follow_up_id, draft, from_name=from_name, in_reply_to=in_reply_to, send_anyway=anyway
        )

        async def finish(after: Turn) -> None:
            await _sent(after, result, follow_up_id, reminder_id)

        return finish

    turn.say(f"Sending to {person.name}…", replace=True)
    turn.later(job)


async def _sent(turn: Turn, result, follow_up_id: int, reminder_id: int) -> None:
    """The outcome of a send, in a new turn: marked done as the step's done button does ("Sent", "Asked")."""
    follow_up = await turn.session.get(FollowUp, follow_up_id)
    if follow_up is None:  # deleted meanwhile (/delete): nothing left to mark
        turn.say(result.words)
        return
    if result.sent:
        interview = await turn.session.get(Interview, follow_up.interview_id)
        nxt = None
        if follow_up.state == FollowUpState.PENDING:
            await ladder.finish_follow_up(turn, follow_up, FollowUpState.DONE)
            nxt = await ladder.progress(turn, follow_up, interview)
        marked = KINDS[follow_up.kind].done.lower()
        turn.say(f"✅ {result.words} Marked as {marked}." + (f" {nxt}" if nxt else ""))
        return
    if result.status == SendStatus.UNSURE:
        turn.say(
            result.words,
            [
                Button("Send it again", actions.reminder(reminder_id, Op.SEND_ANYWAY)),
                Button("Cancel", actions.reminder(reminder_id, Op.SEND_CANCEL)),
            ],
        )
        return
    if result.status == SendStatus.IN_PROGRESS:
        turn.say(result.words)
        return
    if result.trouble == Trouble.SIGNED_OUT:  # the provider revoked the sign-in: the way back is right here
        turn.say(
            f"Not sent: {result.words} The reminder is still there.",
            [Button("Sign in again", actions.mail(turn.user.id, MailOp.SIGN_IN))],
        )
        return
    turn.say(f"Not sent: {result.words} Nothing changed; the reminder is still there.")


async def _thread_of(turn: Turn, follow_up: FollowUp, kind: str) -> str | None:
    """The Message-ID of the email of `kind` sent to the same person (the thank-you a second email answers)."""
    return await turn.session.scalar(
        select(SentMail.message_id)
        .join(FollowUp, FollowUp.id == SentMail.followup_id)
        .where(
            SentMail.user_id == turn.user.id,
            SentMail.state == SentMailState.SENT,
            FollowUp.person_id == follow_up.person_id,
            FollowUp.kind == kind,
        )
    )
