"""The follow-up kinds as one table: everything a kind decides, in its one `KindSpec`.

`KINDS[kind]` is a `KindSpec`: when it is planned and its first reminders' times, its words, buttons and
what the taps do (the "done" label, the question a skip asks), its draft (the composer bot/drafts/store.py
writes it with) and whether "Send now" mails it and in which thread, the next rung with its timing and
words, its line in /stats and its event in /export's calendar. `FollowUpView` is what a kind needs to say
something about one follow-up (the row, its interview, the user and the time). Planning
(bot/followups/ladder.py), the reminders (messages.py, dispatch/), the taps (taps.py), /interviews and
/stats (overview.py), the calendar, the drafts and "Send now" (bot/mailbox/send_now.py) read this table;
none of them names a kind. `register` adds a kind (the tests add a toy one).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.common import when as timewords
from bot.common.actions import ReminderOp as Op
from bot.common.events import Button
from bot.common.parsing.text import shorten
from bot.conversation.turn import Turn
from bot.drafts import draft as d
from bot.drafts import later as later_emails
from bot.drafts import store as ds
from bot.drafts.writer.cleaning import title_case
from bot.followups import timing
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
    """Who the follow-up's email goes to (its kind's `recipient`: its person, or for a chase whoever
    promised it; None: the user was not sure who, or the step is about no one)."""
    return KINDS[follow_up.kind].recipient(follow_up, interview)


def its_person(follow_up: FollowUp, interview: Interview) -> Person | None:
    return next((p for p in interview.people if p.id == follow_up.person_id), None)


def who_promised(follow_up: FollowUp, interview: Interview) -> Person | None:
    promise = next((p for p in interview.promises if p.id == follow_up.promise_id), None)
    person_id = promise.person_id if promise is not None else None
    return next((p for p in interview.people if p.id == person_id), None)


class Planned(enum.Enum):
    """When a kind's follow-ups are created."""

    PERSON = "each person, after the debrief"
    MY_PROMISE = "each thing the user promised, after the debrief"
    THEIR_PROMISE = "each thing they promised, after the debrief"
    UPCOMING = "around an interview registered ahead"
    RUNG = "as the next rung of a person's ladder, once the one before is done or skipped"


@dataclass(frozen=True)
class Planning:
    """What a kind's times are computed from: the turn (user, settings, time), the interview, and the person
    or promise the follow-up is about."""

    turn: Turn
    interview: Interview
    person: Person | None = None
    promise: Promise | None = None

    @property
    def now(self) -> datetime:
        return self.turn.now

    @property
    def tz(self) -> str:
        return self.turn.tz

    @property
    def quiet(self) -> timing.QuietHours:
        return timing.quiet_for(self.turn.user, self.turn.settings)

    @property
    def happened(self) -> datetime:
        return self.interview.happened_at or self.turn.now

    @property
    def country(self) -> str | None:
        """Whose weekend and public holidays business days skip (bot/followups/timing.py)."""
        return timing.holiday_country(self.turn.user, self.tz)


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
    def kind(self) -> str:
        return self.follow_up.kind

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
        # As /interviews and the drafts show them ("QA Lead at Initech"), whatever case the debrief was typed in.
        return f"{title_case(self.interview.role)} at {title_case(self.interview.company)}"

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
        return title_case(self.interview.company) or "interview"

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
        """The step's buttons; `code(op)` makes each one's action (a reminder's or the follow-up's), then the
        kind's extra buttons (a second email's Looks good / Edit / Another version)."""
        spec = self.spec
        row = [Button(spec.label(op), code(op)) for op in spec.ops if op != Op.REPLIED or self.person is not None]
        if spec.extra_buttons is not None:
            row += spec.extra_buttons(self)
        return row


@dataclass(frozen=True)
class SkipQuestion:
    """What "Skip" asks before skipping ({name}: the person): keep the next rung, worded as `then`, or drop
    the person's follow-ups."""

    words: str
    then: str  # the kind the kept next step comes as


@dataclass(frozen=True)
class KindSpec:
    kind: str  # a FollowUpKind value (or a kind registered later): stored in follow_ups.kind, 20 characters at most
    words: str  # the step in a few words, for /interviews and the calendar
    headline: Callable[[FollowUpView], str]  # what the reminder asks the user to do
    ops: tuple[str, ...]  # its buttons, in order
    done: str = "Done"  # the label of Op.DONE
    skip: str = "Skip this step"
    body: Callable[[FollowUpView], str | None] | None = None  # the draft or script shown under the headline
    draft: Callable[[FollowUpView], d.Draft | None] | None = None  # the draft "Show draft" sends as a file
    # ---- planning: when it is created, its reminders' times by label ("first", "last_call"), its deadline,
    # and its line in the plan said after the debrief (with the first reminder's time)
    planned: Planned = Planned.RUNG
    first: Callable[[Planning], dict[str, datetime]] | None = None
    deadline: Callable[[Planning], datetime | None] | None = None
    plan_line: Callable[[Planning, datetime], str] | None = None
    plan_head: Callable[[Planning], str | None] | None = None  # said once before the plan's lines
    # ---- the ladder: what follows once done or skipped; as a next rung, when it falls due and how that is said
    next_rung: str | None = None
    rung_due: Callable[[Planning], datetime] | None = None
    rung_words: str = ""  # "{name}": the person, "{when}": when it is due
    last_words: str | None = None  # said once done when nothing follows ("{name}": the person)
    skip_question: SkipQuestion | None = None  # skipping asks whether to keep the rest of the ladder
    # ---- its draft and the mail
    composer: ds.Composer | None = None  # writes its stored draft (approved, edited, another version)
    sendable: bool = False  # "Send now" mails its draft from the user's mailbox, to `recipient`
    answers: str | None = None  # the kind whose sent email it replies to (same thread); None: a thread of its own
    recipient: Callable[[FollowUp, Interview], Person | None] = its_person
    extra_buttons: Callable[[FollowUpView], list[Button]] | None = None  # after the buttons of `ops`
    # ---- /stats and the calendar
    replied_words: str | None = None  # "replied after ..." in /stats
    replied_always: bool = True  # its /stats line shows even at 0 (False: only once someone replied after it)
    # Its drafts are the ones the debrief ends with (each person's, under the plan) and a corrected detail shows.
    debrief_draft: bool = False
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


def _review_buttons(step: FollowUpView) -> list[Button]:
    return list(ds.review_buttons(step.follow_up.id, details=False)) if ds.has_draft(step.kind) else []


def _thank_you_deadline(at: Planning) -> datetime:
    return at.happened + at.turn.settings.thank_you_within.delta


def _late_thank_you(at: Planning) -> str | None:
    if _thank_you_deadline(at) < at.now:
        return "The 24 hours since the interview are over, but a late thank-you still beats none: send them soon."
    return None


def _email_due(at: Planning) -> datetime:
    """A later email: some business days on, and not before the day after the decision date they gave."""
    return timing.second_email_time(
        at.now, at.interview.decision_on, at.turn.settings, at.tz, at.quiet, country=at.country
    )


def _promise_due(at: Planning) -> dict[str, datetime]:
    return {"": timing.promise_time(at.promise, at.now, at.turn.settings, at.tz, at.quiet, country=at.country)}


def _promise_line(verb: str) -> Callable[[Planning, datetime], str]:
    return lambda at, due: f"• {verb} “{shorten(at.promise.what)}”: {show(due, at.tz, at.now)}"


def _before_start(at: Planning) -> dict[str, datetime]:
    start = at.happened
    return {"": max(timing.shift_out_of_quiet(start - timedelta(hours=1), at.tz, at.quiet, earlier=True), at.now)}


def _after_end(at: Planning) -> dict[str, datetime]:
    end = at.happened + timedelta(minutes=at.interview.duration_minutes + 15)
    return {"": timing.shift_out_of_quiet(end, at.tz, at.quiet)}


KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> None:
    """Add a kind (or replace one): its follow-ups are then planned, reminded, tapped and exported like the
    others; a composer gives it a stored draft (bot/drafts/store.py)."""
    if len(spec.kind) > 20:
        raise ValueError(f"kind {spec.kind!r} does not fit follow_ups.kind (20 characters)")
    if not (spec.event[0] and "{who}" in spec.event[1]):
        raise ValueError(f"kind {spec.kind!r} needs a calendar event with {{who}}")
    KINDS[spec.kind] = spec
    if spec.composer is not None:
        ds.register(spec.kind, spec.composer)
    else:
        ds.COMPOSERS.pop(spec.kind, None)


def unregister(kind: str) -> None:
    KINDS.pop(kind, None)
    ds.COMPOSERS.pop(kind, None)


for _spec in (
    KindSpec(
        FollowUpKind.THANK_YOU,
        "thank-you email",
        _thank_you_headline,
        (*PERSON_OPS, Op.DRAFT),
        done="Sent",
        body=_as_text(_thank_you_draft),
        draft=_thank_you_draft,
        planned=Planned.PERSON,
        first=lambda at: timing.thank_you_times(at.happened, at.now, at.turn.settings, at.tz, at.quiet),
        deadline=_thank_you_deadline,
        plan_line=lambda at, due: f"• {at.person.name}: thank-you reminder {show(due, at.tz, at.now)}",
        plan_head=_late_thank_you,
        next_rung=FollowUpKind.SECOND_EMAIL,
        skip_question=SkipQuestion(
            "Skip the thank-you to {name}? If there's no news later, I can still remind you to write to "
            "{name} (worded as a first email, since no thank-you went out), or drop {name}'s follow-ups.",
            then=FollowUpKind.FIRST_EMAIL,
        ),
        composer=ds.write_thank_you,
        debrief_draft=True,
        sendable=True,
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
        rung_due=_email_due,
        rung_words="If {name} hasn't replied by then, I'll remind you about a first email {when}.",
        replied_words="replied after the first email",
        replied_always=False,
        event=("First email", "Send a short first email to {who}"),
    ),
    KindSpec(
        FollowUpKind.SECOND_EMAIL,
        "second email",
        lambda s: f"No answer from {s.person.name if s.person else 'them'} yet ({s.where}). Send a short second email:",
        (*PERSON_OPS, Op.DRAFT),
        done="Sent",
        body=_as_text(_email_draft(first=False)),
        draft=_email_draft(first=False),
        next_rung=FollowUpKind.CALL,
        rung_due=_email_due,
        rung_words="If {name} hasn't replied by then, I'll remind you about a second email {when}.",
        composer=ds.write_second_email,
        sendable=True,
        answers=FollowUpKind.THANK_YOU,  # a nudge about the same conversation: it answers the thank-you
        extra_buttons=_review_buttons,
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
        rung_due=lambda at: timing.after(at.now, at.turn.settings.call_after, at.tz, at.quiet, country=at.country),
        rung_words="If there's still no answer, I'll suggest a short call to {name} {when}.",
        last_words=(
            "That's the whole ladder for {name}. When you hear back, tap “They replied” next to {name} in /interviews."
        ),
        replied_words="replied after the call",
        event=("Phone call", "Call {who} to ask about the timeline"),
    ),
    KindSpec(
        FollowUpKind.SEND_PROMISED,
        "send what you promised",
        _send_promised,
        (Op.DONE, Op.SNOOZE_HOUR, Op.TOMORROW, Op.SKIP),
        done="Sent",
        planned=Planned.MY_PROMISE,
        first=_promise_due,
        plan_line=_promise_line("send"),
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
        planned=Planned.THEIR_PROMISE,
        first=_promise_due,
        plan_line=_promise_line("ask for"),
        # A chase starts its own thread even when a thank-you went to the same person: it asks for one
        # thing under its own subject, which reads and is found more easily than a "Re: Thank you".
        composer=ds.write_chase,
        sendable=True,
        recipient=who_promised,
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
        planned=Planned.UPCOMING,
        first=_before_start,
        event=("Get ready", "Get ready for your interview at {who}"),
    ),
    KindSpec(
        FollowUpKind.DEBRIEF,
        "debrief",
        lambda s: f"How did the interview for {s.where} go? Let's debrief while it's fresh.",
        (Op.DEBRIEF_NOW, Op.SNOOZE_HOUR, Op.SKIP),
        skip="Skip",
        planned=Planned.UPCOMING,
        first=_after_end,
        event=("Debrief", "Debrief your interview at {who}"),
    ),
):
    register(_spec)
assert set(KINDS) == set(FollowUpKind), set(FollowUpKind) - set(KINDS)


def reply_kinds() -> tuple[str, ...]:
    """The rungs a person's answer can come after, in ladder order (for /stats)."""
    return tuple(k for k, spec in KINDS.items() if spec.replied_words)


def planned(when: Planned) -> list[KindSpec]:
    return [spec for spec in KINDS.values() if spec.planned == when and spec.first is not None]


def debrief_draft() -> str:
    """The kind whose drafts the debrief ends with, one per person (the thank-you)."""
    return next(spec.kind for spec in KINDS.values() if spec.debrief_draft)


def first_rung() -> str:
    """The kind a person's ladder starts with (what "They replied" counts after when nothing was planned)."""
    return next(spec.kind for spec in KINDS.values() if spec.planned == Planned.PERSON)


def of(kind: str) -> KindSpec:
    return KINDS[kind]
