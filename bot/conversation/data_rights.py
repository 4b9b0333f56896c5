"""The user's own data: /export (everything stored, as JSON, and the reminders as an .ics) and /delete
(erase it all, after a confirmation whose buttons are handled here too)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select

from bot.common import actions
from bot.common import texts as t
from bot.common.actions import AccountOp, Action, Kind
from bot.common.events import Attachment, Button
from bot.common.i18n import count
from bot.conversation.state import Next, action
from bot.conversation.turn import Turn, load_user_interviews
from bot.drafts import store as draft_store
from bot.followups.calendar import calendar  # the .ics of /export (one event per follow-up)
from bot.mailbox.records import describe as describe_mailbox
from bot.mailbox.records import describe_sent, load_mailbox
from bot.store.models import FollowUp, Reminder, SentMail, User


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
        "drafts": await _drafts(turn, follow_ups),
        "reminders": [row(r) for r in reminders],
        # The mailbox settings (an allow-list of fields: never the password) and the emails sent from it.
        "mailbox": describe_mailbox(mailbox) if mailbox is not None else None,
        "sent_mails": [describe_sent(m) for m in sent_mails],
    }


async def _drafts(turn: Turn, follow_ups: list[FollowUp]) -> list[dict[str, Any]]:
    """Each follow-up's draft as it reads now (approved or edited text included)."""
    out = []
    for follow_up in follow_ups:
        if draft_store.has_draft(follow_up.kind):
            draft = await draft_store.current_draft(turn.session, follow_up, turn.user, turn.now)
            state = await draft_store.state_of(turn.session, draft_store.DraftKey.of(follow_up))
            out.append(
                {"follow_up_id": follow_up.id, "kind": follow_up.kind, "state": state or "written"}
                | {"to": draft.to_email, "subject": draft.subject, "body": draft.body}
            )
    return out


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
    interviews = count(len(data["interviews"]), "{n} interview", "{n} interviews")
    turn.say(
        f"Here is everything I store about you ({interviews}), "
        "and a calendar of "
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


async def on_account_action(turn: Turn, action: Action) -> Next:
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


# /delete's confirmation buttons.
ACTIONS = [action(Kind.ACCOUNT, on_account_action)]
