"""Acting on a tap on a follow-up's buttons: on its reminder message, on its step in /interviews, and
"They replied" for a person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from bot.common import actions
from bot.common import texts as t
from bot.common.actions import Action, Kind
from bot.common.actions import ReminderOp as Op
from bot.common.events import Button
from bot.common.parsing.text import shorten
from bot.conversation.state import Next, State, action
from bot.conversation.turn import Turn
from bot.drafts import store as ds
from bot.followups import kinds, ladder, timing
from bot.followups.kinds import FollowUpView
from bot.followups.lookups import rung_answered
from bot.followups.messages import reminder_text
from bot.mailbox import send_now as mailchat
from bot.store.models import (
    FollowUp,
    FollowUpState,
    Interview,
    Person,
    Reminder,
    ReminderState,
)

FOLLOW_UP_CLOSED = {
    FollowUpState.DONE: "That step is already marked done, so nothing changed.",
    FollowUpState.SKIPPED: "That step was skipped already, so nothing changed.",
    FollowUpState.REPLIED: "They already replied, so that step is closed. Nothing changed.",
    FollowUpState.CANCELLED: "That step was cancelled (the interview is closed). Nothing changed.",
}


@dataclass
class Tap:
    """A tap on a step's button: from its reminder message (`reminder` set, the message is updated in
    place) or from /interviews (the step's own buttons there; the answer is a new message)."""

    step: FollowUpView
    reminder: Reminder | None

    @property
    def in_place(self) -> bool:
        return self.reminder is not None

    def code(self, op: str) -> str:
        if self.reminder is not None:
            return actions.reminder(self.reminder.id, op)
        return actions.follow_up(self.step.follow_up.id, op)


async def on_action(turn: Turn, action: Action) -> Next:
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
    stored = await ds.stored(turn.session, [interview.id])
    return await act(
        turn, Tap(FollowUpView(follow_up, interview, turn.user, turn.now, reminder, stored), reminder), action.op
    )


async def on_follow_up_action(turn: Turn, action: Action) -> Next:
    """A tap on a step's button in /interviews: the same as on its reminder, whether or not one was sent."""
    follow_up = await turn.session.get(FollowUp, action.ref)
    if follow_up is None or follow_up.user_id != turn.user.id:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if follow_up.state != FollowUpState.PENDING:
        turn.say(FOLLOW_UP_CLOSED.get(FollowUpState(follow_up.state), t.FOREIGN_BUTTON), notice=True)
        return
    interview = await turn.session.get(Interview, follow_up.interview_id)
    if interview is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    stored = await ds.stored(turn.session, [interview.id])
    return await act(turn, Tap(FollowUpView(follow_up, interview, turn.user, turn.now, None, stored), None), action.op)


async def on_person_action(turn: Turn, action: Action) -> Next:
    """ "They replied" for a person from /interviews: at any point of their ladder, after its last rung,
    or once the interview is closed (it still counts in /stats)."""
    person = await turn.session.get(Person, action.ref)
    interview = await turn.session.get(Interview, person.interview_id) if person else None
    if person is None or interview is None or interview.user_id != turn.user.id or action.op != Op.REPLIED:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if person.replied_at is not None:
        turn.say(f"{person.name} is already marked as replied. Nothing changed.", notice=True)
        return
    await _replied(turn, interview, person, await rung_answered(turn.session, person.id))
    turn.say(f"✅ {person.name} replied: no more reminders about them. Good luck!")


async def _replied(turn: Turn, interview: Interview, person: Person, after: str) -> None:
    person.replied_at, person.replied_after = turn.now, after
    await ladder.stop_follow_ups(turn, FollowUpState.REPLIED, person_id=person.id)


def _answer(turn: Turn, tap: Tap, base: str, result: str, buttons: list[Button] | None = None) -> None:
    """The step's message with what happened: updated in place, or as a new message from /interviews."""
    if tap.in_place:
        turn.say(f"{base}\n\n{result}", buttons or (), replace=True)
    else:
        turn.say(f"{tap.step.headline()}\n\n{result}", buttons or ())


async def act(turn: Turn, tap: Tap, op: str) -> Next:
    """What a tap on a step's button does; the next state only for "Debrief now" (else None: stays)."""
    step = tap.step
    follow_up, interview, spec = step.follow_up, step.interview, step.spec
    follow_on = {Op.LAST_SAFE, Op.SNOOZE_ANYWAY} | ({Op.KEEP_NEXT, Op.DROP_LADDER} if spec.skip_question else set())
    sending = {Op.SEND_NOW, Op.SEND_YES, Op.SEND_ANYWAY, Op.SEND_CANCEL}
    if op in sending and tap.reminder is not None and spec.sendable:
        # Send now, from the user's own mailbox (bot/mailbox/send_now.py): confirm, send once, then as "Sent".
        await mailchat.on_send(turn, op, tap.reminder, follow_up, interview)
        return
    if op not in spec.ops and op not in follow_on:  # the buttons a step's answer may add
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    # Only the tapped step's words are written again (one draft, not every draft of the interview).
    base = reminder_text(tap.reminder, follow_up, interview, turn.user, turn.now, step.stored) if tap.reminder else ""
    if op == Op.DRAFT:
        draft = step.draft()
        if draft is None:
            turn.say(t.FOREIGN_BUTTON, notice=True)
            return
        buttons = list(ds.review_buttons(follow_up.id)) if ds.has_draft(follow_up.kind) else []
        if tap.reminder is not None and await mailchat.can_send(turn, follow_up, step.recipient):
            buttons.insert(0, mailchat.send_button(tap.reminder.id))
        turn.say(draft.as_text(), buttons, files=(draft.attachment(),))
        return
    if op in {Op.SNOOZE_HOUR, Op.TOMORROW, Op.LAST_SAFE, Op.SNOOZE_ANYWAY}:
        await _snooze(turn, tap, base, op)
        return
    if op == Op.DEBRIEF_NOW:
        return await _debrief_now(turn, follow_up, interview, tap, base)
    if op == Op.REPLIED:
        person = step.person
        if person is None:
            turn.say(t.FOREIGN_BUTTON, notice=True)
            return
        # A reply can't answer a step not done yet: tapped on the second email's reminder, it answered the thank-you.
        done = follow_up.state == FollowUpState.DONE and follow_up.kind in kinds.reply_kinds()
        await _replied(
            turn, interview, person, follow_up.kind if done else await rung_answered(turn.session, person.id)
        )
        _answer(turn, tap, base, f"✅ {person.name} replied: no more reminders about them. Good luck!")
        return
    if op == Op.SKIP and spec.skip_question is not None and step.person is not None:
        name = step.person.name
        _answer(
            turn,
            tap,
            base,
            spec.skip_question.words.format(name=name),
            [
                Button("Keep the next step", tap.code(Op.KEEP_NEXT)),
                Button(shorten(f"Drop {name}'s follow-ups"), tap.code(Op.DROP_LADDER)),
            ],
        )
        return
    if op in {Op.DONE, Op.SKIP, Op.KEEP_NEXT, Op.DROP_LADDER}:
        state = FollowUpState.DONE if op == Op.DONE else FollowUpState.SKIPPED
        await ladder.finish_follow_up(turn, follow_up, state)
        if op == Op.DROP_LADDER:
            nxt = f"No more follow-ups for {step.person.name if step.person else 'them'}."
            nxt += " If they write, tap “They replied” next to them in /interviews."
        else:
            rung = spec.skip_question.then if op == Op.KEEP_NEXT and spec.skip_question else None
            nxt = await ladder.progress(turn, follow_up, interview, rung)
        mark = "✅ Done." if op == Op.DONE else "⏭ Skipped."
        _answer(turn, tap, base, mark + (f" {nxt}" if nxt else ""))
        return
    turn.say(t.FOREIGN_BUTTON, notice=True)


async def _snooze(turn: Turn, tap: Tap, base: str, op: str) -> None:
    step, tz = tap.step, turn.tz
    quiet = timing.quiet_for(turn.user, turn.settings)
    deadline = step.follow_up.deadline
    safe = timing.last_safe(deadline, turn.now, turn.settings, tz, quiet) if deadline else None
    if op == Op.SNOOZE_HOUR:
        due = timing.shift_out_of_quiet(turn.now + timedelta(hours=1), tz, quiet)
    elif op == Op.LAST_SAFE and safe is not None:
        due = safe
    else:
        due = timing.next_morning(turn.now, tz, turn.settings.morning, quiet)
    if deadline is not None and due >= deadline and turn.now < deadline and op != Op.SNOOZE_ANYWAY:
        # Past the deadline: say so, and offer the last time that still makes it.
        words = f"That's after the deadline for the {step.spec.words} ({timing.show(deadline, tz, turn.now)})."
        buttons = (
            [Button(shorten(f"Remind me {timing.show(safe, tz, turn.now)}"), tap.code(Op.LAST_SAFE))] if safe else []
        )
        buttons.append(Button("Tomorrow morning anyway", tap.code(Op.SNOOZE_ANYWAY)))
        if safe is not None:
            words += f" The last safe time to remind you is {timing.show(safe, tz, turn.now)}."
        turn.say(words, buttons)
        return
    reminder = tap.reminder or await ladder.open_reminder(turn, step.follow_up)
    if reminder is None:
        await ladder.add_reminder(turn, step.follow_up, due)
    else:
        reminder.state, reminder.due_at, reminder.send_after, reminder.late = (
            ReminderState.SCHEDULED,
            due,
            due,
            False,
        )
        turn.planned_for(due)
    _answer(turn, tap, base, f"⏰ Snoozed: I'll remind you again {timing.show(due, tz, turn.now)}.")


async def _debrief_now(turn: Turn, follow_up: FollowUp, interview: Interview, tap: Tap, base: str) -> Next:
    if turn.conv.step != State.IDLE:
        turn.say("Let's finish what we're doing first (or /cancel it), then tap “Debrief now” again.", notice=True)
        return None
    await ladder.finish_follow_up(turn, follow_up, FollowUpState.DONE)
    _answer(turn, tap, base, "→ Debriefing now.")
    turn.set(from_upcoming=True)
    turn.take_up(interview)
    turn.say(t.DEBRIEF_REGISTERED.format(company=interview.company, role=interview.role))
    return State.PERSON_NAME


# The buttons of a step, on its reminder message and in /interviews, and "They replied" for a person.
# "Debrief now" (an upcoming interview's reminder) starts its debrief: the one move these make.
ACTIONS = [
    action(Kind.REMINDER, on_action, starts={State.IDLE}, goes_to={State.PERSON_NAME}),
    action(Kind.FOLLOW_UP, on_follow_up_action, starts={State.IDLE}, goes_to={State.PERSON_NAME}),
    action(Kind.PERSON, on_person_action),
]


# ---- a step's label typed instead of tapped ----------------------------------------------------

_SENT = re.compile(
    r"(?i)^\s*(?:(?:ok|okay|done|all|just|i|i've|ive|i have|have)\s+)*(?:sent|emailed|mailed|done)"
    r"(?:\s+(?:it|them|both|all|the (?:thank[- ]?you|email|emails|note|notes|thank[- ]?you emails?)|already|now|just now|"
    r"off|out|over))*\s*[!.✅👍🙌]*\s*$"
)


def means_sent(text: str) -> bool:
    """ "Sent", "sent it", "just sent the thank-you ✅", "done": a step's "Sent/Done" typed."""
    return bool(_SENT.match(text))


async def waiting_emails(turn: Turn) -> list[FollowUp]:
    """The email steps of the user's latest interview still waiting to be sent (thank-you, first or second email)."""
    rows = (
        await turn.session.scalars(
            select(FollowUp)
            .where(FollowUp.user_id == turn.user.id, FollowUp.state == FollowUpState.PENDING)
            .order_by(FollowUp.interview_id.desc(), FollowUp.id)
        )
    ).all()
    waiting = [f for f in rows if ds.has_draft(f.kind) and f.person_id is not None and f.promise_id is None]
    return [f for f in waiting if f.interview_id == waiting[0].interview_id]


async def typed_sent(turn: Turn) -> bool:
    """ "Sent" typed when no reminder is open yet (right after approving a draft): the one email step waiting
    for it is marked sent, as its "Sent" button would; with several, each gets its button. False: none waits."""
    latest = await waiting_emails(turn)
    if not latest:
        return False
    interview = await turn.session.get(Interview, latest[0].interview_id)
    if interview is None:
        return False
    stored = await ds.stored(turn.session, [interview.id])
    if len(latest) == 1:
        await act(turn, Tap(FollowUpView(latest[0], interview, turn.user, turn.now, None, stored), None), Op.DONE)
        return True
    names = {p.id: p.name for p in interview.people}
    buttons = [
        Button(shorten(f"Sent to {names.get(f.person_id, 'them')}"), actions.follow_up(f.id, Op.DONE)) for f in latest
    ]
    turn.say(t.WHICH_SENT, buttons)
    return True
