"""Commands outside the debrief: /interviews, /stats, /export, /delete, and closing an interview."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import delete, select

from bot import actions, draft_store, ladder
from bot import templates as t
from bot.actions import AccountOp, Action, InterviewOp, ReminderOp
from bot.events import Attachment, Button, Reply
from bot.ics import calendar  # the .ics of /export (one event per follow-up)
from bot.kinds import KINDS, REPLY_KINDS, FollowUpView
from bot.mailbox.records import describe as describe_mailbox
from bot.mailbox.records import describe_sent, load_mailbox
from bot.parsing.text import shorten
from bot.reminders import interview_of, pending_follow_ups
from bot.store.models import (
    FollowUp,
    FollowUpKind,
    FollowUpState,
    InterviewStatus,
    Outcome,
    Person,
    Reminder,
    ReminderState,
    SentMail,
    User,
)
from bot.turn import Turn, load_user_interviews

OUTCOME_WORDS = {
    Outcome.OFFER: "Got an offer",
    Outcome.REJECTED: "Rejected",
    Outcome.WITHDREW: "I withdrew",
    Outcome.NOT_INTERESTED: "No longer interested",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def step_buttons(step: FollowUpView) -> list[Button]:
    """A step's buttons in /interviews: the same as on its reminder, acting on the step itself."""
    return step.buttons(lambda op: actions.follow_up(step.follow_up.id, op))


def person_buttons(person: Person, step: FollowUpView | None) -> list[Button]:
    """One person's buttons in /interviews: their current step's, or "They replied" once nothing is pending.
    Every person also gets "Edit details" (bot/flows/corrections.py)."""
    if step is not None:
        buttons = step_buttons(step)
    else:
        buttons = [Button("They replied", actions.person(person.id, ReminderOp.REPLIED))]
    edit = actions.interview(person.interview_id, InterviewOp.PERSON, str(person.id))
    return [*buttons, Button(shorten(t.B_EDIT_DETAILS.format(name=person.name)), edit)]


def _due(reminder: Reminder | None, tz: str, turn: Turn) -> str:
    if reminder is None:
        return "reminder sent"
    if reminder.state == ReminderState.SCHEDULED:
        return f"next reminder {ladder.show(reminder.send_after, tz, turn.now)}"
    return "reminder sent"


async def overview(turn: Turn) -> list[Reply]:
    """The user's interviews, then each open step with its buttons (whether or not its reminder was
    sent, and however long ago), and "They replied" for each person whose ladder is over."""
    interviews = [
        i for i in await load_user_interviews(turn.session, turn.user.id) if i.status != InterviewStatus.DEBRIEFING
    ]
    if not interviews:
        return [Reply("No interviews yet. /new debriefs one you just had; /upcoming registers one ahead.")]
    replies: list[Reply] = []
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
        head = "Your interviews:\n\n" if number == 1 else ""
        lines = [f"{head}{number}. {interview.role} at {interview.company} ({when}), {status}"]
        steps = [
            (FollowUpView(follow_up, interview, turn.user, turn.now, reminder), reminder)
            for follow_up, reminder in await pending_follow_ups(turn, interview.id)
        ]
        by_person = {step.follow_up.person_id: (step, r) for step, r in steps if step.follow_up.person_id}
        rows: list[Reply] = []
        for person in interview.people:
            if person.replied_at:
                lines.append(f"   • {person.name}: replied ✅")
                continue
            step, reminder = by_person.get(person.id, (None, None))
            if step is not None:
                rows.append(Reply(f"{person.name}: {step.spec.words}, {_due(reminder, tz, turn)}", ()))
            else:
                over = "interview closed" if interview.status == InterviewStatus.CLOSED else "nothing pending"
                rows.append(Reply(f"{person.name}: {over}; tell me when they reply"))
            rows[-1] = Reply(rows[-1].text, tuple(person_buttons(person, step)))
        for step, reminder in steps:
            if step.follow_up.person_id is None:
                rows.append(
                    Reply(f"{step.subject()}: {step.spec.words}, {_due(reminder, tz, turn)}", tuple(step_buttons(step)))
                )
        close = []
        if interview.status != InterviewStatus.CLOSED:
            close = [Button(shorten(f"Close: {interview.company}"), actions.interview(interview.id, InterviewOp.CLOSE))]
        replies.append(Reply("\n".join(lines), tuple(close)))
        replies += rows
    return replies


async def show_interviews(turn: Turn) -> None:
    for reply in await overview(turn):
        turn.say(reply.text, reply.buttons)


async def show_stats(turn: Turn) -> None:
    interviews = [
        i for i in await load_user_interviews(turn.session, turn.user.id) if i.status != InterviewStatus.DEBRIEFING
    ]
    people = [p for i in interviews for p in i.people]
    replied = {kind: sum(1 for p in people if p.replied_after == kind) for kind in REPLY_KINDS}
    # A closed interview is settled: its people are no longer waited for (a reply still counts above).
    waiting = sum(1 for i in interviews if i.status != InterviewStatus.CLOSED for p in i.people if p.replied_at is None)
    closed = [i for i in interviews if i.status == InterviewStatus.CLOSED]
    offers = sum(1 for i in closed if i.outcome == Outcome.OFFER)
    lines = [
        f"• {KINDS[kind].replied_words}: {replied[kind]}"
        for kind in REPLY_KINDS
        if replied[kind] or kind != FollowUpKind.FIRST_EMAIL
    ]
    turn.say(
        f"Your follow-ups so far ({plural(len(interviews), 'interview')}, {plural(len(people), 'person', 'people')}):\n"
        + "\n".join(lines)
        + f"\n• still waiting: {waiting}\n"
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
            f"{plural(count, 'pending follow-up')} cancelled.{cheer} If someone still replies, "
            "tap “They replied” next to them in /interviews.",
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
