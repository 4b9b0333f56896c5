"""The user's interviews outside the debrief: /interviews (each open step with its buttons), /stats, and
closing an interview with its outcome. /export and /delete are in bot/conversation/data_rights.py."""

from __future__ import annotations

from bot.common import actions
from bot.common import texts as t
from bot.common.actions import Action, InterviewOp, Kind, ReminderOp
from bot.common.events import Button, Reply
from bot.common.i18n import count
from bot.common.parsing.text import shorten
from bot.common.parsing.words import say_moment
from bot.conversation.state import Next, action
from bot.conversation.turn import Turn, load_user_interviews
from bot.drafts.writer.cleaning import title_case
from bot.followups import ladder, timing
from bot.followups.kinds import KINDS, FollowUpView, reply_kinds
from bot.followups.lookups import interview_of, pending_follow_ups
from bot.store.models import (
    FollowUpState,
    InterviewStatus,
    Outcome,
    Person,
    Reminder,
    ReminderState,
)

OUTCOME_WORDS = {
    Outcome.OFFER: "Got an offer",
    Outcome.REJECTED: "Rejected",
    Outcome.WITHDREW: "I withdrew",
    Outcome.NOT_INTERESTED: "No longer interested",
}


def step_buttons(step: FollowUpView) -> list[Button]:
    """A step's buttons in /interviews: the same as on its reminder, acting on the step itself."""
    return step.buttons(lambda op: actions.follow_up(step.follow_up.id, op))


def person_buttons(person: Person, step: FollowUpView | None) -> list[Button]:
    """One person's buttons in /interviews: their current step's, or "They replied" once nothing is pending.
    Every person also gets "Edit details" (bot/conversation/flows/corrections.py)."""
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
        return f"next reminder {timing.show(reminder.send_after, tz, turn.now)}"
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
        when = say_moment(interview.happened_at, tz, turn.now) if interview.happened_at else "no date"
        status = {
            InterviewStatus.UPCOMING: "upcoming",
            InterviewStatus.ACTIVE: "following up",
            InterviewStatus.CLOSED: f"closed: {OUTCOME_WORDS.get(Outcome(interview.outcome), '').lower()}"
            if interview.outcome
            else "closed",
        }[InterviewStatus(interview.status)]
        head = "Your interviews:\n\n" if number == 1 else ""
        lines = [f"{head}{number}. {title_case(interview.role)} at {title_case(interview.company)} ({when}), {status}"]
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
            rows[-1] = Reply(rows[-1].text, tuple(person_buttons(person, step)), step=True)
        for step, reminder in steps:
            if step.follow_up.person_id is None:
                rows.append(
                    Reply(
                        f"{step.subject()}: {step.spec.words}, {_due(reminder, tz, turn)}",
                        tuple(step_buttons(step)),
                        step=True,
                    )
                )
        close = []
        if interview.status != InterviewStatus.CLOSED:
            close = [
                Button(
                    shorten(f"Close: {title_case(interview.company)}"),
                    actions.interview(interview.id, InterviewOp.CLOSE),
                )
            ]
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
    replied = {kind: sum(1 for p in people if p.replied_after == kind) for kind in reply_kinds()}
    # A closed interview is settled: its people are no longer waited for (a reply still counts above).
    waiting = sum(1 for i in interviews if i.status != InterviewStatus.CLOSED for p in i.people if p.replied_at is None)
    closed = [i for i in interviews if i.status == InterviewStatus.CLOSED]
    offers = sum(1 for i in closed if i.outcome == Outcome.OFFER)
    lines = [
        f"• {KINDS[kind].replied_words}: {replied[kind]}"
        for kind in replied
        if replied[kind] or KINDS[kind].replied_always
    ]
    many = count(len(interviews), "{n} interview", "{n} interviews")
    met = count(len(people), "{n} person", "{n} people")
    turn.say(
        f"Your follow-ups so far ({many}, {met}):\n" + "\n".join(lines) + f"\n• still waiting: {waiting}\n"
        f"Closed interviews: {len(closed)}, offers: {offers}."
    )


async def on_interview_action(turn: Turn, action: Action) -> Next:
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
        turn.say(f"How did it end with {title_case(interview.company)}? Closing stops every reminder for it.", buttons)
        return
    if action.op == InterviewOp.OUTCOME and action.arg in {o.value for o in Outcome}:
        interview.status, interview.outcome, interview.closed_at = (
            InterviewStatus.CLOSED,
            action.arg,
            turn.now,
        )
        pending = await ladder.stop_follow_ups(turn, FollowUpState.CANCELLED, interview_id=interview.id)
        label = OUTCOME_WORDS[Outcome(action.arg)]
        cheer = " Congratulations! 🎉" if action.arg == Outcome.OFFER else " On to the next one."
        cancelled = count(pending, "{n} pending follow-up", "{n} pending follow-ups")
        turn.say(
            f"Closed {interview.role} at {interview.company}: {label.lower()}. "
            f"{cancelled} cancelled.{cheer} If someone still replies, "
            "tap “They replied” next to them in /interviews.",
            replace=True,
        )
        return
    turn.say(t.FOREIGN_BUTTON, notice=True)


# Closing an interview from /interviews ("Edit details" is bot/conversation/flows/corrections.py's).
ACTIONS = [action(Kind.INTERVIEW, on_interview_action)]
