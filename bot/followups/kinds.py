"""The follow-up kinds as one table: each kind's words, buttons, message, draft and next rung.

`KINDS[kind]` is a `KindSpec`; `FollowUpView` is what a kind needs to say something about one follow-up
(the row, its interview, the user and the time). Everything that differs between a thank-you, a
second email, a call, a promise and an upcoming interview's reminders lives here, so reminders,
/interviews, the calendar and /stats read the same table instead of their own if/elif chains.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.common import when as timewords
from bot.common.actions import ReminderOp as Op
from bot.common.events import Button
from bot.common.parsing.text import shorten
from bot.drafts import draft as d
from bot.drafts import later as later_emails
from bot.drafts import store as ds
from bot.followups.timing import show
from bot.store.models import FollowUp, FollowUpKind, Interview, Person, Promise, Reminder, User

# Button words by op; a kind may rename its "done" button (Sent, Done, Got it).
LABELS = {
    Op.DONE: "Done",
    Op.REPLIED: "They replied",
    Op.SNOOZE_HOUR: "Snooze 1 hour",
    Op.TOMORROW: "Tomorrow morning",
    Op.SKIP: "Skip this step",
    Op.DRAFT: "Show draft",
    Op.DEBRIEF_NOW: "Debrief now",
}
PERSON_OPS = (Op.DONE, Op.REPLIED, Op.SNOOZE_HOUR, Op.TOMORROW, Op.SKIP)


def recipient(follow_up: FollowUp, interview: Interview) -> Person | None:
    """Who the follow-up's email goes to: its person, or for a chase whoever promised it (None: the user
    was not sure who, or the step is about no one)."""
    person_id = follow_up.person_id
    if follow_up.kind == FollowUpKind.CHASE_PROMISED:
        promise = next((p for p in interview.promises if p.id == follow_up.promise_id), None)
        person_id = promise.person_id if promise is not None else None
    return next((p for p in interview.people if p.id == person_id), None)


@dataclass
class FollowUpView:
    """One follow-up with what its words and draft are made of; `reminder` is None outside a reminder."""

    follow_up: FollowUp
    interview: Interview
    user: User
    now: datetime
    reminder: Reminder | None = None
    # The interview's stored draft rows (approved or edited text, bot/drafts/store.py), loaded once.
    stored: ds.Rows | None = None
    # Shared by a batch of reminders, so each interview's thank-you drafts are written once.
    memo: dict | None = None

    @property
    def kind(self) -> FollowUpKind:
        return FollowUpKind(self.follow_up.kind)

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    @property
    def tz(self) -> str:
        return self.user.timezone or "UTC"

    @property
    def sender(self) -> str:
        return self.user.name or self.user.display_name or "Me"

    @property
    def where(self) -> str:
        return f"{self.interview.role} at {self.interview.company}"

    @property
    def person(self) -> Person | None:
        return next((p for p in self.interview.people if p.id == self.follow_up.person_id), None)

    @property
    def promise(self) -> Promise | None:
        return next((p for p in self.interview.promises if p.id == self.follow_up.promise_id), None)

    @property
    def recipient(self) -> Person | None:
        return recipient(self.follow_up, self.interview)

    def subject(self) -> str:
        """Who or what the step is about, for one line in /interviews."""
        if self.person is not None:
            return self.person.name
        if self.promise is not None:
            return f"“{shorten(self.promise.what)}”"
        return self.interview.company or "interview"

    def headline(self) -> str:
        return self.spec.headline(self)

    def draft(self) -> d.Draft | None:
        return self.spec.draft(self) if self.spec.draft is not None else None

    def text(self) -> str:
        """The reminder's words: what to do, then the draft or the call script."""
        parts = [self.headline()]
        body = self.spec.body(self) if self.spec.body is not None else None
        if body:
            parts.append(body)
        return "\n\n".join(parts)

    def stored_draft(self) -> d.Draft | None:
        """The draft as the user approved or edited it (bot/drafts/store.py), for kinds the store keeps."""
        if not ds.has_draft(self.kind):
            return None
        key = ds.DraftKey.of(self.follow_up)
        return ds.compose(self.interview, key, ds.Writing.of(self.user, self.now), self.stored or {}, self.memo)

    def buttons(self, code: Callable[[str], str]) -> list[Button]:
        """The step's buttons; `code(op)` makes each one's action (a reminder's or the follow-up's); a
        second email also carries its draft's Looks good / Edit / Another version."""
        spec = self.spec
        row = [Button(spec.label(op), code(op)) for op in spec.ops if op != Op.REPLIED or self.person is not None]
        if self.kind == FollowUpKind.SECOND_EMAIL and ds.has_draft(self.kind):
            row += ds.review_buttons(self.follow_up.id, details=False)
        return row


@dataclass(frozen=True)
class KindSpec:
    kind: FollowUpKind
    words: str  # the step in a few words, for /interviews and the calendar
    headline: Callable[[FollowUpView], str]  # what the reminder asks the user to do
    ops: tuple[str, ...]  # its buttons, in order
    done: str = "Done"  # the label of Op.DONE
    skip: str = "Skip this step"
    body: Callable[[FollowUpView], str | None] | None = None  # the draft or script shown under the headline
    draft: Callable[[FollowUpView], d.Draft | None] | None = None  # the draft "Show draft" sends as a file
    next_rung: FollowUpKind | None = None  # what follows on that person's ladder once done or skipped
    ask_on_skip: bool = False  # skipping asks whether to keep the rest of the ladder
    replied_words: str | None = None  # "replied after ..." in /stats
    labels: dict[str, str] = field(default_factory=dict)
    # The calendar event of /export: its title and what to do ("{who}": the person, promise or company).
    event: tuple[str, str] = ("", "")

    def label(self, op: str) -> str:
        if op == Op.DONE:
            return self.done
        if op == Op.SKIP:
            return self.skip
        return self.labels.get(op, LABELS[Op(op)])


# ---- drafts and words of each kind -----------------------------------------------------------


def _thank_you_draft(step: FollowUpView) -> d.Draft | None:
    person = step.person
    if person is None:
        return None
    return step.stored_draft()


def _thank_you_headline(step: FollowUpView) -> str:
    name = step.person.name if step.person else "them"
    if step.reminder is not None and step.reminder.label == "last_call":
        deadline = show(step.follow_up.deadline or step.now, step.tz, step.now)
        return f"Last call: the thank-you to {name} ({step.where}) should go out by {deadline}."
    return f"Time to send your thank-you email to {name} ({step.where})."


def _email_draft(first: bool) -> Callable[[FollowUpView], d.Draft | None]:
    def draft(step: FollowUpView) -> d.Draft | None:
        if step.person is None:
            return None
        if ds.has_draft(step.kind):
            return step.stored_draft()
        return later_emails.second_email(step.interview, step.person, step.sender, step.tz, step.now, first=first)

    return draft


def _as_text(draft: Callable[[FollowUpView], d.Draft | None]) -> Callable[[FollowUpView], str | None]:
    def body(step: FollowUpView) -> str | None:
        found = draft(step)
        return found.as_text() if found is not None else None

    return body


def _call_script(step: FollowUpView) -> str | None:
    if step.person is None:
        return None
    return later_emails.call_script(step.interview, step.person, step.sender, step.tz, step.now)


def _day(day: date | None) -> str:
    return timewords.day_words(day) if day else ""


def _send_promised(step: FollowUpView) -> str:
    promise = step.promise
    what = promise.what if promise else "something"
    due = f" (you said by {_day(promise.due_on)})" if promise and promise.due_on else ""
    return f"You promised {step.interview.company} “{what}”{due}. Send it today, with a line of context."


def _chase_headline(step: FollowUpView) -> str:
    promise = step.promise
    what = promise.what if promise else "something"
    who = step.recipient  # who promised it
    by = f"{who.name} ({step.interview.company})" if who else step.interview.company
    when = f" by {_day(promise.due_on)}" if promise and promise.due_on else ""
    return (
        f"{by} promised you “{what}”{when} and it hasn't come yet. "
        "A polite two-line email asking for it is perfectly normal; here's one:"
    )


def _chase_draft(step: FollowUpView) -> d.Draft | None:
    if step.promise is None:
        return None
    return step.stored_draft()  # bot/drafts/store.py: the user's approved or edited text, else chase_email


KINDS: dict[FollowUpKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            FollowUpKind.THANK_YOU,
            "thank-you email",
            _thank_you_headline,
            (*PERSON_OPS, Op.DRAFT),
            done="Sent",
            body=_as_text(_thank_you_draft),
            draft=_thank_you_draft,
            next_rung=FollowUpKind.SECOND_EMAIL,
            ask_on_skip=True,
            replied_words="replied after the thank-you",
            event=("Thank-you email", "Send your thank-you email to {who}"),
        ),
        KindSpec(
            FollowUpKind.FIRST_EMAIL,
            "first email",
            lambda s: (
                f"No news from {s.person.name if s.person else 'them'} yet ({s.where}). "
                "You skipped the thank-you, so here is a short first email:"
            ),
            (*PERSON_OPS, Op.DRAFT),
            done="Sent",
            body=_as_text(_email_draft(first=True)),
            draft=_email_draft(first=True),
            next_rung=FollowUpKind.CALL,
            replied_words="replied after the first email",
            event=("First email", "Send a short first email to {who}"),
        ),
        KindSpec(
            FollowUpKind.SECOND_EMAIL,
            "second email",
            lambda s: (
                f"No answer from {s.person.name if s.person else 'them'} yet ({s.where}). Send a short second email:"
            ),
            (*PERSON_OPS, Op.DRAFT),
            done="Sent",
            body=_as_text(_email_draft(first=False)),
            draft=_email_draft(first=False),
            next_rung=FollowUpKind.CALL,
            replied_words="replied after the second email",
            event=("Second email", "Send a short second email to {who}"),
        ),
        KindSpec(
            FollowUpKind.CALL,
            "phone call",
            lambda s: (
                f"Still nothing from {s.person.name if s.person else 'them'} ({s.where}). "
                "A short, friendly call keeps you front of mind:"
            ),
            PERSON_OPS,
            body=_call_script,
            replied_words="replied after the call",
            event=("Phone call", "Call {who} to ask about the timeline"),
        ),
        KindSpec(
            FollowUpKind.SEND_PROMISED,
            "send what you promised",
            _send_promised,
            (Op.DONE, Op.SNOOZE_HOUR, Op.TOMORROW, Op.SKIP),
            done="Sent",
            event=("Send what you promised", "Send what you promised: {who}"),
        ),
        KindSpec(
            FollowUpKind.CHASE_PROMISED,
            "ask for what they promised",
            _chase_headline,
            (Op.DONE, Op.SNOOZE_HOUR, Op.TOMORROW, Op.SKIP, Op.DRAFT),
            done="Asked",
            body=_as_text(_chase_draft),
            draft=_chase_draft,
            event=("Ask for what they promised", "Ask for what they promised: {who}"),
        ),
        KindSpec(
            FollowUpKind.PREPARE,
            "get ready",
            lambda s: (
                f"Your interview for {s.where} starts in about an hour. Good luck! Make mental notes as you "
                "go (names, challenges, anything you promise), and at the end ask what the next steps are "
                "and when they expect to decide."
            ),
            (Op.DONE,),
            done="Got it",
            event=("Get ready", "Get ready for your interview at {who}"),
        ),
        KindSpec(
            FollowUpKind.DEBRIEF,
            "debrief",
            lambda s: f"How did the interview for {s.where} go? Let's debrief while it's fresh.",
            (Op.DEBRIEF_NOW, Op.SNOOZE_HOUR, Op.SKIP),
            skip="Skip",
            event=("Debrief", "Debrief your interview at {who}"),
        ),
    )
}
assert set(KINDS) == set(FollowUpKind), set(FollowUpKind) - set(KINDS)
assert all(spec.event[0] and "{who}" in spec.event[1] for spec in KINDS.values())

# The rungs a person's answer can come after, in ladder order (for /stats).
REPLY_KINDS = tuple(k for k, spec in KINDS.items() if spec.replied_words)


def of(kind: str) -> KindSpec:
    return KINDS[FollowUpKind(kind)]
