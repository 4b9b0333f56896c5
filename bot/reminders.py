"""Reminder messages: what each one says, its buttons, and what a tap on them does."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot import actions, ladder, mailchat
from bot import drafts as d
from bot import templates as t
from bot.actions import Action
from bot.actions import ReminderOp as Op
from bot.events import Button, Reply
from bot.store.models import (
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Interview,
    InterviewStatus,
    Person,
    Promise,
    Reminder,
    ReminderState,
    User,
)
from bot.turn import Turn

LATE_AFTER = timedelta(minutes=10)
FOLLOW_UP_CLOSED = {
    FollowUpState.DONE: "That step is already marked done, so nothing changed.",
    FollowUpState.SKIPPED: "That step was skipped already, so nothing changed.",
    FollowUpState.REPLIED: "They already replied, so that step is closed. Nothing changed.",
    FollowUpState.CANCELLED: "That step was cancelled (the interview is closed). Nothing changed.",
}


def _person(interview: Interview, follow_up: FollowUp) -> Person | None:
    return next((p for p in interview.people if p.id == follow_up.person_id), None)


def _promise(interview: Interview, follow_up: FollowUp) -> Promise | None:
    return next((p for p in interview.promises if p.id == follow_up.promise_id), None)


def reminder_text(
    reminder: Reminder,
    follow_up: FollowUp,
    interview: Interview,
    user: User,
    now: datetime,
    drafts_cache: dict[int, list[d.Draft]] | None = None,
) -> str:
    """What the reminder asks the user to do, with the draft or call script where there is one.

    `drafts_cache` lets a batch of reminders write each interview's thank-you drafts once.
    """
    tz = user.timezone or "UTC"
    sender = user.name or user.display_name or "Me"
    where = f"{interview.role} at {interview.company}"
    person = _person(interview, follow_up)
    promise = _promise(interview, follow_up)
    lines: list[str] = []
    if follow_up.kind == FollowUpKind.THANK_YOU and person is not None:
        if reminder.label == "last_call":
            deadline = ladder.show(follow_up.deadline or now, tz, now)
            lines.append(f"Last call: the thank-you to {person.name} ({where}) should go out by {deadline}.")
        else:
            lines.append(f"Time to send your thank-you email to {person.name} ({where}).")
        cache = {} if drafts_cache is None else drafts_cache
        if interview.id not in cache:
            cache[interview.id] = d.thank_you_drafts(interview, sender, tz, now)
        lines.append(cache[interview.id][interview.people.index(person)].as_text())
    elif follow_up.kind == FollowUpKind.SECOND_EMAIL and person is not None:
        lines.append(f"No answer from {person.name} yet ({where}). Send a short second email:")
        lines.append(d.second_email(interview, person, sender, tz, now).as_text())
    elif follow_up.kind == FollowUpKind.CALL and person is not None:
        lines.append(f"Still nothing from {person.name} ({where}). A short, friendly call keeps you front of mind:")
        lines.append(d.call_script(interview, person, sender, tz, now))
    elif follow_up.kind == FollowUpKind.SEND_PROMISED and promise is not None:
        due = f" (you said by {promise.due_on:%A %d %B})" if promise.due_on else ""
        lines.append(f"You promised {interview.company} “{promise.what}”{due}. Send it today, with a line of context.")
    elif follow_up.kind == FollowUpKind.CHASE_PROMISED and promise is not None:
        lines.append(
            f"{interview.company} promised you “{promise.what}” and it hasn't come yet. "
            "A polite one-line email asking for it is perfectly normal."
        )
    elif follow_up.kind == FollowUpKind.PREPARE:
        lines.append(
            f"Your interview for {where} starts in about an hour. Good luck! Make mental notes as you go "
            "(names, challenges, anything you promise), and at the end ask what the next steps are "
            "and when they expect to decide."
        )
    elif follow_up.kind == FollowUpKind.DEBRIEF:
        lines.append(f"How did the interview for {where} go? Let's debrief while it's fresh.")
    else:
        lines.append(f"A follow-up for {where} is due.")
    if reminder.late:
        lines.append(f"(This was due {ladder.show(reminder.due_at, tz, now)}; sorry it's late, I was offline.)")
    return "\n\n".join(lines)


def reminder_buttons(reminder: Reminder, follow_up: FollowUp, can_send: bool = False) -> list[Button]:
    def b(label: str, op: str) -> Button:
        return Button(label, actions.reminder(reminder.id, op))

    if follow_up.kind == FollowUpKind.DEBRIEF:
        return [b("Debrief now", Op.DEBRIEF_NOW), b("Snooze 1 hour", Op.SNOOZE_HOUR), b("Skip", Op.SKIP)]
    if follow_up.kind == FollowUpKind.PREPARE:
        return [b("Got it", Op.DONE)]
    done = (
        "Sent"
        if follow_up.kind in {FollowUpKind.THANK_YOU, FollowUpKind.SECOND_EMAIL, FollowUpKind.SEND_PROMISED}
        else "Done"
    )
    row = [b(done, Op.DONE)]
    if follow_up.person_id is not None:
        row.append(b("They replied", Op.REPLIED))
    row += [b("Snooze 1 hour", Op.SNOOZE_HOUR), b("Tomorrow morning", Op.TOMORROW), b("Skip this step", Op.SKIP)]
    if follow_up.kind in {FollowUpKind.THANK_YOU, FollowUpKind.SECOND_EMAIL}:
        row.append(b("Show draft", Op.DRAFT))
        if can_send:  # a mailbox is connected and the person's address known (bot/mailchat.py)
            row.insert(0, b("Send now", Op.SEND_NOW))
    return row


def render(
    reminder: Reminder,
    follow_up: FollowUp,
    interview: Interview,
    user: User,
    now: datetime,
    drafts_cache: dict[int, list[d.Draft]] | None = None,
    mailbox: bool = False,
) -> Reply:
    """`mailbox`: the user has one connected, so an email to someone with an address can go out from it."""
    text = reminder_text(reminder, follow_up, interview, user, now, drafts_cache)
    person = _person(interview, follow_up)
    can_send = mailbox and person is not None and bool(person.email)
    return Reply(text, tuple(reminder_buttons(reminder, follow_up, can_send)))


async def on_action(turn: Turn, action: Action) -> None:
    """A tap on a reminder's button: check it is the user's and still open, then act."""
    reminder = await turn.session.get(Reminder, action.ref)
    if reminder is None or reminder.user_id != turn.user.id:
        turn.say(t.FOREIGN_BUTTON, notice=True)  # the same words whether the row exists or not
        return
    follow_up = await turn.session.get(FollowUp, reminder.follow_up_id)
    interview = await turn.session.get(Interview, follow_up.interview_id) if follow_up else None
    if follow_up is None or interview is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if follow_up.state != FollowUpState.PENDING:
        turn.say(FOLLOW_UP_CLOSED.get(FollowUpState(follow_up.state), t.FOREIGN_BUTTON), notice=True)
        return
    if reminder.state in {ReminderState.DONE, ReminderState.CANCELLED}:
        turn.say("That reminder is out of date; a newer one is on its way or already here.", notice=True)
        return
    base = reminder_text(reminder, follow_up, interview, turn.user, turn.now)
    tz = turn.tz
    quiet = ladder.quiet_for(turn.user, turn.settings)
    op = action.op
    if op == Op.DRAFT and follow_up.kind in {FollowUpKind.THANK_YOU, FollowUpKind.SECOND_EMAIL}:
        await _show_draft(turn, follow_up, interview, reminder)
        return
    if op in {Op.SEND_NOW, Op.SEND_YES, Op.SEND_ANYWAY, Op.SEND_CANCEL}:
        await mailchat.on_send(turn, op, reminder, follow_up, interview)
        return
    if op in {Op.SNOOZE_HOUR, Op.TOMORROW}:
        if op == Op.SNOOZE_HOUR:
            due = ladder.shift_out_of_quiet(turn.now + timedelta(hours=1), tz, quiet)
        else:
            due = ladder.next_morning(turn.now, tz, turn.settings.morning, quiet)
        reminder.state, reminder.due_at, reminder.send_after, reminder.late = (
            ReminderState.SCHEDULED,
            due,
            due,
            False,
        )
        turn.planned_for(due)
        turn.say(f"{base}\n\n⏰ Snoozed: I'll remind you again {ladder.show(due, tz, turn.now)}.", replace=True)
        return
    if op == Op.DEBRIEF_NOW and follow_up.kind == FollowUpKind.DEBRIEF:
        await _debrief_now(turn, follow_up, interview, base)
        return
    if op == Op.REPLIED and follow_up.person_id is not None:
        person = _person(interview, follow_up)
        if person is not None:
            person.replied_at, person.replied_after = turn.now, follow_up.kind
        await ladder.stop_follow_ups(turn, FollowUpState.REPLIED, person_id=follow_up.person_id)
        name = person.name if person else "They"
        turn.say(f"{base}\n\n✅ {name} replied: no more reminders about them. Good luck!", replace=True)
        return
    if op in {Op.DONE, Op.SKIP}:
        state = FollowUpState.DONE if op == Op.DONE else FollowUpState.SKIPPED
        await ladder.finish_follow_up(turn, follow_up, state)
        nxt = await ladder.progress(turn, follow_up, interview)
        mark = "✅ Done." if op == Op.DONE else "⏭ Skipped."
        turn.say(f"{base}\n\n{mark}" + (f" {nxt}" if nxt else ""), replace=True)
        return
    turn.say(t.FOREIGN_BUTTON, notice=True)


async def _show_draft(turn: Turn, follow_up: FollowUp, interview: Interview, reminder: Reminder) -> None:
    person = _person(interview, follow_up)
    if person is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    draft = mailchat.draft_for_follow_up(turn, follow_up, interview, person)
    send = [mailchat.send_button(reminder.id)] if await mailchat.can_send(turn, follow_up, person) else []
    turn.say(draft.as_text(), send, files=(draft.attachment(),))


async def _debrief_now(turn: Turn, follow_up: FollowUp, interview: Interview, base: str) -> None:
    # bot.flows reaches this module through its commands (bot.commands), so it is imported here.
    from bot.flows import State, move
    from bot.flows.debrief import begin_debrief

    if turn.conv.step != State.IDLE:
        turn.say("Let's finish what we're doing first (or /cancel it), then tap “Debrief now” again.", notice=True)
        return
    await ladder.finish_follow_up(turn, follow_up, FollowUpState.DONE)
    turn.say(f"{base}\n\n→ Debriefing now.", replace=True)
    turn.set(from_upcoming=True)
    move(turn, await begin_debrief(turn, interview))


async def interview_of(turn: Turn, interview_id: int) -> Interview | None:
    interview = await turn.session.get(Interview, interview_id)
    if interview is None or interview.user_id != turn.user.id or interview.status == InterviewStatus.DEBRIEFING:
        return None
    return interview


async def pending_follow_ups(turn: Turn, interview_id: int) -> list[tuple[FollowUp, Reminder | None]]:
    """Each pending follow-up of an interview with its next scheduled reminder."""
    rows = await turn.session.execute(
        select(FollowUp, Reminder)
        .outerjoin(
            Reminder,
            (Reminder.follow_up_id == FollowUp.id)
            & Reminder.state.in_((ReminderState.SCHEDULED, ReminderState.SENDING)),
        )
        .where(FollowUp.interview_id == interview_id, FollowUp.state == FollowUpState.PENDING)
        .order_by(FollowUp.id, Reminder.send_after)
    )
    seen: dict[int, tuple[FollowUp, Reminder | None]] = {}
    for follow_up, reminder in rows:
        seen.setdefault(follow_up.id, (follow_up, reminder))
    return list(seen.values())
