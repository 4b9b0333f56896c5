"""Reminder messages: what each one says, its buttons, and what a tap on them does."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot import actions, ladder
from bot import drafts as d
from bot.actions import Action
from bot.events import Button, Reply
from bot.store.models import (
    Interview,
    InterviewStatus,
    Person,
    Promise,
    Reminder,
    ReminderState,
    Step,
    StepKind,
    StepState,
    User,
)
from bot.turn import Turn

LATE_AFTER = timedelta(minutes=10)
NOT_YOURS = "That button isn't one I can use any more. Nothing was changed."
STEP_CLOSED = {
    StepState.DONE: "That step is already marked done, so nothing changed.",
    StepState.SKIPPED: "That step was skipped already, so nothing changed.",
    StepState.REPLIED: "They already replied, so that step is closed. Nothing changed.",
    StepState.CANCELLED: "That step was cancelled (the interview is closed). Nothing changed.",
}


def _person(interview: Interview, step: Step) -> Person | None:
    return next((p for p in interview.people if p.id == step.person_id), None)


def _promise(interview: Interview, step: Step) -> Promise | None:
    return next((p for p in interview.promises if p.id == step.promise_id), None)


def reminder_text(
    reminder: Reminder,
    step: Step,
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
    person = _person(interview, step)
    promise = _promise(interview, step)
    lines: list[str] = []
    if step.kind == StepKind.THANK_YOU and person is not None:
        if reminder.label == "last_call":
            deadline = ladder.show(step.deadline or now, tz, now)
            lines.append(f"Last call: the thank-you to {person.name} ({where}) should go out by {deadline}.")
        else:
            lines.append(f"Time to send your thank-you email to {person.name} ({where}).")
        cache = {} if drafts_cache is None else drafts_cache
        if interview.id not in cache:
            cache[interview.id] = d.thank_you_drafts(interview, sender, tz, now)
        lines.append(cache[interview.id][interview.people.index(person)].as_text())
    elif step.kind == StepKind.SECOND_EMAIL and person is not None:
        lines.append(f"No answer from {person.name} yet ({where}). Send a short second email:")
        lines.append(d.second_email(interview, person, sender, tz, now).as_text())
    elif step.kind == StepKind.CALL and person is not None:
        lines.append(f"Still nothing from {person.name} ({where}). A short, friendly call keeps you front of mind:")
        lines.append(d.call_script(interview, person, sender, tz, now))
    elif step.kind == StepKind.SEND_PROMISED and promise is not None:
        due = f" (you said by {promise.due_on:%A %d %B})" if promise.due_on else ""
        lines.append(f"You promised {interview.company} “{promise.what}”{due}. Send it today, with a line of context.")
    elif step.kind == StepKind.CHASE_PROMISED and promise is not None:
        lines.append(
            f"{interview.company} promised you “{promise.what}” and it hasn't come yet. "
            "A polite one-line email asking for it is perfectly normal."
        )
    elif step.kind == StepKind.PREPARE:
        lines.append(
            f"Your interview for {where} starts in about an hour. Good luck! Make mental notes as you go "
            "(names, challenges, anything you promise), and at the end ask what the next steps are "
            "and when they expect to decide."
        )
    elif step.kind == StepKind.DEBRIEF:
        lines.append(f"How did the interview for {where} go? Let's debrief while it's fresh.")
    else:
        lines.append(f"A follow-up for {where} is due.")
    if reminder.late:
        lines.append(f"(This was due {ladder.show(reminder.due_at, tz, now)}; sorry it's late, I was offline.)")
    return "\n\n".join(lines)


def reminder_buttons(reminder: Reminder, step: Step) -> list[Button]:
    def b(label: str, op: str) -> Button:
        return Button(label, actions.reminder(reminder.id, op))

    if step.kind == StepKind.DEBRIEF:
        return [b("Debrief now", "db"), b("Snooze 1 hour", "s1"), b("Skip", "k")]
    if step.kind == StepKind.PREPARE:
        return [b("Got it", "d")]
    done = "Sent" if step.kind in {StepKind.THANK_YOU, StepKind.SECOND_EMAIL, StepKind.SEND_PROMISED} else "Done"
    row = [b(done, "d")]
    if step.person_id is not None:
        row.append(b("They replied", "y"))
    row += [b("Snooze 1 hour", "s1"), b("Tomorrow morning", "sm"), b("Skip this step", "k")]
    if step.kind in {StepKind.THANK_YOU, StepKind.SECOND_EMAIL}:
        row.append(b("Show draft", "v"))
    return row


def render(
    reminder: Reminder,
    step: Step,
    interview: Interview,
    user: User,
    now: datetime,
    drafts_cache: dict[int, list[d.Draft]] | None = None,
) -> Reply:
    text = reminder_text(reminder, step, interview, user, now, drafts_cache)
    return Reply(text, tuple(reminder_buttons(reminder, step)))


def failure_notice(step: Step, interview: Interview) -> Reply:
    """What the user is told when a reminder could not be delivered after every attempt."""
    person = _person(interview, step)
    about = {
        StepKind.THANK_YOU: "your thank-you email",
        StepKind.SECOND_EMAIL: "your second email",
        StepKind.CALL: "your follow-up call",
        StepKind.SEND_PROMISED: "what you promised to send",
        StepKind.CHASE_PROMISED: "what they promised you",
        StepKind.PREPARE: "getting ready for your interview",
        StepKind.DEBRIEF: "your debrief",
    }.get(StepKind(step.kind), "a follow-up step")
    if person is not None:
        about += f" to {person.name}"
    return Reply(
        f"I tried several times to send you a reminder about {about} ({interview.role} at "
        f"{interview.company}), but it never got through, so I stopped trying. The step is still open: "
        "see /interviews."
    )


async def on_action(turn: Turn, action: Action) -> None:
    """A tap on a reminder's button: check it is the user's and still open, then act."""
    reminder = await turn.session.get(Reminder, action.ref)
    if reminder is None or reminder.user_id != turn.user.id:
        turn.say(NOT_YOURS, notice=True)  # the same words whether the row exists or not
        return
    step = await turn.session.get(Step, reminder.step_id)
    interview = await turn.session.get(Interview, step.interview_id) if step else None
    if step is None or interview is None:
        turn.say(NOT_YOURS, notice=True)
        return
    if step.state != StepState.PENDING:
        turn.say(STEP_CLOSED.get(StepState(step.state), NOT_YOURS), notice=True)
        return
    if reminder.state in {ReminderState.DONE, ReminderState.CANCELLED}:
        turn.say("That reminder is out of date; a newer one is on its way or already here.", notice=True)
        return
    base = reminder_text(reminder, step, interview, turn.user, turn.now)
    tz = turn.tz
    quiet = ladder.quiet_for(turn.user, turn.settings)
    op = action.op
    if op == "v" and step.kind in {StepKind.THANK_YOU, StepKind.SECOND_EMAIL}:
        await _show_draft(turn, step, interview)
        return
    if op in {"s1", "sm"}:
        if op == "s1":
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
    if op == "db" and step.kind == StepKind.DEBRIEF:
        await _debrief_now(turn, step, interview, base)
        return
    if op == "y" and step.person_id is not None:
        person = _person(interview, step)
        if person is not None:
            person.replied_at, person.replied_after = turn.now, step.kind
        await ladder.stop_steps(turn, StepState.REPLIED, person_id=step.person_id)
        name = person.name if person else "They"
        turn.say(f"{base}\n\n✅ {name} replied: no more reminders about them. Good luck!", replace=True)
        return
    if op in {"d", "k"}:
        state = StepState.DONE if op == "d" else StepState.SKIPPED
        await ladder.finish_step(turn, step, state)
        nxt = await ladder.progress(turn, step, interview)
        mark = "✅ Done." if op == "d" else "⏭ Skipped."
        turn.say(f"{base}\n\n{mark}" + (f" {nxt}" if nxt else ""), replace=True)
        return
    turn.say(NOT_YOURS, notice=True)


async def _show_draft(turn: Turn, step: Step, interview: Interview) -> None:
    person = _person(interview, step)
    if person is None:
        turn.say(NOT_YOURS, notice=True)
        return
    sender = turn.user.name or "Me"
    if step.kind == StepKind.THANK_YOU:
        draft = d.thank_you_drafts(interview, sender, turn.tz, turn.now)[interview.people.index(person)]
    else:
        draft = d.second_email(interview, person, sender, turn.tz, turn.now)
    turn.say(draft.as_text(), files=(draft.attachment(),))


async def _debrief_now(turn: Turn, step: Step, interview: Interview, base: str) -> None:
    from bot.debrief import IDLE_LIKE, begin_debrief

    if turn.conv.step not in IDLE_LIKE:
        turn.say("Let's finish what we're doing first (or /cancel it), then tap “Debrief now” again.", notice=True)
        return
    await ladder.finish_step(turn, step, StepState.DONE)
    turn.say(f"{base}\n\n→ Debriefing now.", replace=True)
    turn.set(from_upcoming=True)
    await begin_debrief(turn, interview)


async def interview_of(turn: Turn, interview_id: int) -> Interview | None:
    interview = await turn.session.get(Interview, interview_id)
    if interview is None or interview.user_id != turn.user.id or interview.status == InterviewStatus.DEBRIEFING:
        return None
    return interview


async def pending_steps(turn: Turn, interview_id: int) -> list[tuple[Step, Reminder | None]]:
    """Each pending step of an interview with its next scheduled reminder."""
    rows = await turn.session.execute(
        select(Step, Reminder)
        .outerjoin(
            Reminder,
            (Reminder.step_id == Step.id) & Reminder.state.in_((ReminderState.SCHEDULED, ReminderState.SENDING)),
        )
        .where(Step.interview_id == interview_id, Step.state == StepState.PENDING)
        .order_by(Step.id, Reminder.send_after)
    )
    seen: dict[int, tuple[Step, Reminder | None]] = {}
    for step, reminder in rows:
        seen.setdefault(step.id, (step, reminder))
    return list(seen.values())
