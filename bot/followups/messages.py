"""What a reminder message says: its words (with the draft or call script), its buttons, and the notice
when one could not be delivered."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.common import actions
from bot.common.events import Button, Reply
from bot.common.parsing.words import say_moment
from bot.drafts import store as ds
from bot.followups.kinds import KINDS, FollowUpView, recipient
from bot.mailbox import send_now as mailchat
from bot.store.models import FollowUp, Interview, Person, Reminder, User

LATE_AFTER = timedelta(minutes=10)


def _person(interview: Interview, follow_up: FollowUp) -> Person | None:
    return next((p for p in interview.people if p.id == follow_up.person_id), None)


def reminder_text(
    reminder: Reminder,
    follow_up: FollowUp,
    interview: Interview,
    user: User,
    now: datetime,
    stored: ds.Rows | None = None,
    memo: dict | None = None,
) -> str:
    """What the reminder asks the user to do, with the draft (as the user approved or edited it, see
    bot/drafts/store.py) or call script where there is one.

    `stored` are the interview's stored draft rows (`draft_store.stored`), loaded once for a batch; `memo` lets
    a batch of reminders write each interview's thank-you drafts once.
    """
    step = FollowUpView(follow_up, interview, user, now, reminder, stored, memo)
    text = step.text()
    if reminder.late:
        # A past moment in words with its day ("yesterday at 16:00"): `timing.show` is for times ahead.
        text += f"\n\n(This was due {say_moment(reminder.due_at, step.tz, now)}; sorry it's late, I was offline.)"
    return text


def reminder_buttons(reminder: Reminder, follow_up: FollowUp, interview: Interview, user: User) -> list[Button]:
    step = FollowUpView(follow_up, interview, user, reminder.sent_at or reminder.due_at, reminder)
    return step.buttons(lambda op: actions.reminder(reminder.id, op))


def render(
    reminder: Reminder,
    follow_up: FollowUp,
    interview: Interview,
    user: User,
    now: datetime,
    stored: ds.Rows | None = None,
    memo: dict | None = None,
    *,
    mailbox: bool = False,
) -> Reply:
    """`mailbox`: the user has one connected, so an email to someone with an address can go out from it
    ("Send now" first, bot/mailbox/send_now.py)."""
    text = reminder_text(reminder, follow_up, interview, user, now, stored, memo)
    buttons = reminder_buttons(reminder, follow_up, interview, user)
    if mailbox and mailchat.addressed(follow_up, recipient(follow_up, interview)):
        buttons.insert(0, mailchat.send_button(reminder.id))
    return Reply(text, tuple(buttons), step=True)


def failure_notice(follow_up: FollowUp, interview: Interview) -> Reply:
    """What the user is told when a reminder could not be delivered after every attempt."""
    person = _person(interview, follow_up)
    about = f"your {KINDS[follow_up.kind].words}"
    if person is not None:
        about += f" for {person.name}"
    return Reply(
        f"I tried several times to send you a reminder about {about} ({interview.role} at "
        f"{interview.company}), but it never got through, so I stopped trying. The step is still open: "
        "see /interviews."
    )
