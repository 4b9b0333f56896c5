"""Writing the emails: one short, personal thank-you per interviewer, the second email, the call script."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from zoneinfo import ZoneInfo

from slugify import slugify

from bot import names
from bot import templates as t
from bot import writer as w
from bot.events import Attachment
from bot.parsing.contacts import format_phone
from bot.parsing.text import shorten
from bot.store.models import Interview, Person, Promise

MAX_WORDS = 150


@dataclass(frozen=True, slots=True)
class Draft:
    to_name: str
    to_email: str | None
    subject: str
    body: str
    # Notes that had something to say but no whole sentence of them fitted ("challenges", "why_me", ...):
    # the chat can ask the user for a one-line version of each.
    left_out: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.body.split())

    def eml(self) -> bytes:
        """The draft as an .eml file that mail programs open as an unsent message."""
        msg = EmailMessage(policy=SMTP)
        if self.to_email:
            local, _, domain = self.to_email.rpartition("@")
            msg["To"] = Address(display_name=self.to_name, username=local, domain=domain)
        msg["Subject"] = self.subject
        msg["X-Unsent"] = "1"
        msg.set_content(self.body)
        return msg.as_bytes()

    def as_text(self) -> str:
        """The draft as the chat shows it: To, Subject, then the body."""
        to = f"{self.to_name} <{self.to_email}>" if self.to_email else t.DRAFT_NO_EMAIL.format(name=self.to_name)
        return f"To: {to}\nSubject: {self.subject}\n\n{self.body}"

    def attachment(self) -> Attachment:
        return Attachment(self.eml_name(), self.eml(), "message/rfc822")

    def eml_name(self) -> str:
        # python-slugify transliterates ("José Álvarez-Núñez" -> jose-alvarez-nunez) instead of dropping letters.
        slug = slugify(self.to_name, max_length=40, word_boundary=True) or "interviewer"
        return f"thank-you-{slug}.eml"


def first_name(name: str) -> str:
    """The name to greet someone by, from their name as typed ("Doe, Jane" -> Jane)."""
    return names.propose_greeting(name).likely


def when_words(moment: datetime | None, tz: str, now: datetime) -> str:
    """'today', 'yesterday' or 'on Monday', from the user's point of view."""
    if moment is None:
        return "recently"
    zone = ZoneInfo(tz)
    day = moment.astimezone(zone).date()
    days = (now.astimezone(zone).date() - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {day:%A}"
    return f"on {day.day} {day:%B}"


def context(interview: Interview, sender: str = "") -> w.Context:
    """The writer's view of an interview: the company written to, the people not to talk about."""
    notes = (interview.open_questions, interview.challenges, interview.why_me, interview.clarification)
    return w.Context.of(interview.company, [p.name for p in interview.people], notes, [sender])


def promise_sentences(interview: Interview, ctx: w.Context, tz: str, now: datetime) -> str:
    """What the user promised, each item once, items that share a day joined, each group with its day."""
    items = w.promise_items([p for p in interview.promises if p.mine], ctx, tz, now)
    out: list[str] = []
    for n, (items_of_day, day) in enumerate(w.grouped(items)):
        what = w.join_items(items_of_day)
        if n == 0:
            template = t.PROMISE_DATED if day else t.PROMISE_SOON
            out.append(template.format(what=what, day=w.day_words(day) if day else ""))
        else:
            template = t.PROMISE_MORE_DATED if day else t.PROMISE_MORE_SOON
            out.append(template.format(What=w.sentence_case(what), day=w.day_words(day) if day else ""))
    return " ".join(out)


def _greeting(person: Person, variant: int, greetings: Mapping[int, str] | None) -> str:
    stored = (greetings or {}).get(person.id) if person.id is not None else None
    name = " ".join(stored.split()) if stored and stored.strip() else names.greeting_name(person)
    formal = len(name.split()) > 1 or name.split(" ")[0].rstrip(".").lower() in {"dr", "prof", "mr", "ms", "mrs"}
    template = t.GREETING_FORMAL if formal else t.GREETINGS[variant % len(t.GREETINGS)]
    return template.format(first=name)


def _topic(person: Person, topics: Mapping[int, str] | None) -> str | None:
    if topics and person.id in topics:
        return topics[person.id]
    return getattr(person, "topic", None)


def note_text(interview: Interview, name: str) -> str | None:
    """A note as the drafts use it: the user's one-line version when they gave one, else the note."""
    short = (getattr(interview, "short_notes", None) or {}).get(name)
    return short if short else getattr(interview, name)


def _fields(interview: Interview, sender: str, tz: str, now: datetime) -> dict[str, str]:
    role = w.title_case(interview.role) or "open"
    return {
        "role": role,
        "company": w.title_case(interview.company) or "your company",
        "sender": sender,
        "when": when_words(interview.happened_at, tz, now),
    }


def thank_you_drafts(
    interview: Interview,
    sender: str,
    tz: str,
    now: datetime,
    *,
    topics: Mapping[int, str] | None = None,
    greetings: Mapping[int, str] | None = None,
    variants: Mapping[int, int] | None = None,
    upto: Person | None = None,
) -> list[Draft]:
    """One draft per person; each greets them, names the challenge and the fit, and differs from the others.
    With `upto`, only the drafts up to that person's (theirs is the last): the people after them are not
    written.

    `topics` (person id -> one thing discussed with them) and `greetings` (person id -> the name to greet
    them by) override what is stored on the person (`Person.topic`, `Person.greeting` when those exist).
    `variants` (person id -> a number) picks other phrasings for that person ("Another version").
    """
    ctx = context(interview, sender)
    promise = promise_sentences(interview, ctx, tz, now)
    drafts: list[Draft] = []
    for index, person in enumerate(interview.people):
        start = index + (variants or {}).get(person.id, 0)
        for attempt in range(len(t.OPENINGS) * len(t.SIGNOFFS)):
            draft = _thank_you(
                interview, person, index, start + attempt, sender, tz, now, ctx, topics, greetings, promise
            )
            if all(draft.body != d.body for d in drafts):
                break
        drafts.append(draft)
        if person is upto:
            break
    return drafts


# Words a note may take, loosest first: the first plan that keeps the draft within MAX_WORDS is used.
_PLANS = (
    {"challenge": 40, "why": 40, "question": 25, "personal": True},
    {"challenge": 35, "why": 35, "question": 0, "personal": True},
    {"challenge": 28, "why": 28, "question": 0, "personal": False},
    {"challenge": 20, "why": 20, "question": 0, "personal": False},
    {"challenge": 14, "why": 14, "question": 0, "personal": False},
)


def _thank_you(
    interview: Interview,
    person: Person,
    position: int,
    i: int,
    sender: str,
    tz: str,
    now: datetime,
    ctx: w.Context,
    topics: Mapping[int, str] | None,
    greetings: Mapping[int, str] | None,
    promise: str,
) -> Draft:
    fields = _fields(interview, sender, tz, now)
    fields["person_role"] = w.role_phrase(person.role)
    subject = t.SUBJECTS[i % len(t.SUBJECTS)].format(**fields)
    topic = w.topic_clause(_topic(person, topics), ctx)
    clarify = _clarification(interview, ctx, i)
    body, left_out = "", ()
    for plan in _PLANS:
        # One challenge only, so the fit that follows ("take it on") points at one thing.
        challenge = w.note(note_text(interview, "challenges"), ctx, plan["challenge"], start=position, most=1)
        why = w.note(note_text(interview, "why_me"), ctx, plan["why"])
        question = w.note(interview.open_questions, ctx, plan["question"]) if plan["question"] else w.Note()
        first = [t.OPENINGS[i % len(t.OPENINGS)].format(**fields)]
        if plan["personal"] and fields["person_role"]:
            first.append(t.PERSONAL[i % len(t.PERSONAL)].format(**fields))
        if topic:
            first.append(t.TOPIC[i % len(t.TOPIC)].format(topic=topic))
        second: list[str] = []
        if not challenge.empty:
            second.append(t.CHALLENGE[i % len(t.CHALLENGE)].format(challenge=challenge.after_colon()))
        elif challenge.withheld:  # the note only criticised the company: name the challenge, quote nothing
            second.append(t.CHALLENGE_UNQUOTED[i % len(t.CHALLENGE_UNQUOTED)])
        if not why.empty:
            fit = t.FIT if not challenge.empty or challenge.withheld else t.FIT_ALONE
            second.append(fit[i % len(fit)].format(why=why.after_colon()))
        if not question.empty and not topic and position % 2 == 1:
            second.append(t.QUESTION[i % len(t.QUESTION)].format(question=question.after_colon()))
        third = [part for part in (clarify, promise, t.CLOSINGS[i % len(t.CLOSINGS)]) if part]
        paragraphs = [_greeting(person, i, greetings), *(" ".join(p) for p in (first, second, third) if p)]
        body = "\n\n".join([*map(w.tidy_joined, paragraphs), f"{t.SIGNOFFS[i % len(t.SIGNOFFS)]}\n{sender}"])
        left_out = tuple(name for name, found in (("challenges", challenge), ("why_me", why)) if found.too_long)
        if len(body.split()) <= MAX_WORDS:
            break
    return Draft(names.display_name(person.name), person.email, subject, body, left_out)


def _clarification(interview: Interview, ctx: w.Context, i: int) -> str:
    if interview.assessment not in {"mixed", "rough"}:
        return ""
    found = w.clarification(interview.clarification, ctx)
    if found is None:
        return ""
    if found.topic and found.point:
        return w.sentence_case(t.CLARIFY_ON.format(topic=found.topic, point=found.point))
    if found.point:
        return t.CLARIFY_POINT[i % len(t.CLARIFY_POINT)].format(point=found.point)
    return (t.CLARIFY_MISSED if found.missed else t.CLARIFY_TOPIC).format(topic=found.topic)


def thank_you_draft(
    interview: Interview,
    person: Person,
    sender: str,
    tz: str,
    now: datetime,
    *,
    variants: Mapping[int, int] | None = None,
) -> Draft:
    """One person's thank-you, the same as `thank_you_drafts` gives them, without writing the people after them."""
    return thank_you_drafts(interview, sender, tz, now, variants=variants, upto=person)[-1]


def second_email(
    interview: Interview,
    person: Person,
    sender: str,
    tz: str,
    now: datetime,
    *,
    sent: Sequence[Promise] = (),
    topic: str | None = None,
    greeting: str | None = None,
    first: bool = False,
    variant: int = 0,
) -> Draft:
    """A shorter follow-up: who the user is, one specific point, the fit in a line, what was sent, the timeline.

    `first` words it as the first email after the interview (the thank-you was skipped): it opens with
    thanks for the conversation instead of following up on a note that was never sent.

    `sent` are the user's promises already sent (the draft mentions them); `topic` is one thing discussed
    with this person (defaults to `Person.topic` when it exists), else the challenge is the specific point;
    `variant` picks other phrasings ("Another version").
    """
    ctx = context(interview, sender)
    fields = _fields(interview, sender, tz, now)
    index = (interview.people.index(person) if person in interview.people else 0) + variant
    openings = t.FIRST_OPENINGS if first else t.SECOND_OPENINGS
    lines = [openings[index % len(openings)].format(**fields)]
    about = w.topic_clause(topic if topic is not None else getattr(person, "topic", None), ctx)
    left_out: tuple[str, ...] = ()
    if about:
        lines.append(t.SECOND_TOPIC.format(topic=about))
    else:
        challenge = w.note(note_text(interview, "challenges"), ctx, 20, start=index, most=1)
        if not challenge.empty:
            lines.append(t.SECOND_CHALLENGE.format(challenge=challenge.after_colon()))
        elif challenge.withheld:
            lines.append(t.SECOND_CHALLENGE_UNQUOTED)
        left_out += ("challenges",) if challenge.too_long else ()
    why = w.note(note_text(interview, "why_me"), ctx, 20, most=1)
    if not why.empty:
        fit = t.SECOND_FIT if len(lines) > 1 else t.SECOND_FIT_ALONE
        lines.append(fit.format(why=why.after_colon()))
    items = w.promise_items([p for p in sent if p.mine], ctx, tz, now)
    if items:
        lines.append(t.SECOND_SENT.format(what=w.join_items([item.what for item in items])))
    lines.append(t.SECOND_ASKS[index % len(t.SECOND_ASKS)].format(**fields))
    hello = _greeting(person, 1 + variant, {person.id: greeting} if greeting else None)
    body = "\n\n".join([hello, w.tidy_joined(" ".join(lines)), f"{t.SECOND_SIGNOFF}\n{sender}"])
    left_out += ("why_me",) if why.too_long else ()
    subject = (t.FIRST_SUBJECT if first else t.SECOND_SUBJECT).format(**fields)
    return Draft(names.display_name(person.name), person.email, subject, body, left_out)


@dataclass(frozen=True, slots=True)
class _Item:
    what: str
    due_on: object = None
    mine: bool = True


def chase_email(
    interview: Interview, promise: Promise, person: Person | None, sender: str, tz: str, now: datetime
) -> Draft:
    """Two polite lines asking for what they promised: what it was and when, and a thank-you.

    Pure: it reads the rows given and stores nothing, so a draft store can keep or rewrite it.
    `person` is who promised it (None: the email greets without a name and has no address).
    """
    ctx = context(interview, sender)
    fields = _fields(interview, sender, tz, now)
    items = w.promise_items([_Item(promise.what, promise.due_on)], ctx, tz, now)
    what = w.join_items([item.what for item in items]) or w.tidy(promise.what).rstrip(".!")
    by = f" by {w.day_words(promise.due_on)}" if promise.due_on else ""
    ask = t.CHASE_ASK.format(what=what, by=by, **fields)
    hello = _greeting(person, 1, None) if person is not None else t.CHASE_GREETING_UNKNOWN
    body = "\n\n".join([hello, w.tidy_joined(ask) + "\n" + t.CHASE_THANKS, f"{t.SECOND_SIGNOFF}\n{sender}"])
    subject = t.CHASE_SUBJECT.format(What=shorten(w.sentence_case(what)), **fields)
    to_name = names.display_name(person.name) if person is not None else interview.company or ""
    return Draft(to_name, person.email if person is not None else None, subject, body)


def call_script(
    interview: Interview, person: Person, sender: str, tz: str, now: datetime, *, topic: str | None = None
) -> str:
    """What to say on the phone: who you are, one thing you talked about, still interested, the timeline."""
    ctx = context(interview, sender)
    fields = _fields(interview, sender, tz, now)
    about = w.topic_clause(topic if topic is not None else getattr(person, "topic", None), ctx, 12)
    challenge = w.note(note_text(interview, "challenges"), ctx, 15, most=1)
    specific = ""
    if about:
        specific = t.CALL_SPECIFIC.format(topic=about)
    elif not challenge.empty:
        specific = t.CALL_CHALLENGE.format(challenge=challenge.after_colon())
    return t.CALL_SCRIPT.format(
        name=person.name,
        phone=f" on {format_phone(person.phone)}" if person.phone else t.CALL_NO_PHONE,
        first=names.greeting_name(person),
        specific=specific,
        **fields,
    )
