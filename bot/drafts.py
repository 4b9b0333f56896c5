"""Writing the emails: one short, personal thank-you per interviewer, the second email, the call script."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from zoneinfo import ZoneInfo

from bot import templates as t
from bot.events import Attachment
from bot.parsing import format_phone
from bot.store.models import Interview, Person, Promise

MAX_WORDS = 150
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True, slots=True)
class Draft:
    to_name: str
    to_email: str | None
    subject: str
    body: str

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
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.to_name).strip("-").lower() or "interviewer"
        return f"thank-you-{slug[:40]}.eml"


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def snippet(text: str | None, max_words: int) -> str:
    """The first sentence of a note, cut to `max_words`, without its final punctuation."""
    if not text:
        return ""
    flat = " ".join(text.split())
    first = _SENTENCE_END.split(flat, maxsplit=1)[0]
    words = first.split()
    cut = " ".join(words[:max_words])
    if len(words) > max_words:
        cut = cut.rstrip(",;:") + "..."
    return cut.rstrip(" .!;:,")


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
    return f"on {day:%d %B}".replace(" 0", " ")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _promise_sentence(promises: list[Promise]) -> str:
    mine = [p for p in promises if p.mine]
    if not mine:
        return ""
    what = ", ".join(snippet(p.what, 12) for p in mine)
    dated = [p.due_on for p in mine if p.due_on]
    if dated:
        day = min(dated)
        return t.PROMISE_DATED.format(what=what, day=f"{day:%A}, {day.day} {day:%B}")
    return t.PROMISE_SOON.format(what=what)


def thank_you_drafts(interview: Interview, sender: str, tz: str, now: datetime) -> list[Draft]:
    """One draft per person; each names them, picks up a note, says why the user fits."""
    drafts: list[Draft] = []
    for index, person in enumerate(interview.people):
        for attempt in range(len(t.OPENINGS) * len(t.SIGNOFFS)):
            draft = _thank_you(interview, person, index + attempt, sender, tz, now)
            if all(draft.body != d.body and draft.subject + draft.body != d.subject + d.body for d in drafts):
                break
        drafts.append(draft)
    return drafts


def _thank_you(interview: Interview, person: Person, i: int, sender: str, tz: str, now: datetime) -> Draft:
    role = interview.role or "open"
    company = interview.company or "your company"
    fields = {
        "role": role,
        "company": company,
        "sender": sender,
        "first": first_name(person.name),
        "when": when_words(interview.happened_at, tz, now),
        "role_article": _article(role),
        "person_role": person.role or "part of the team",
    }
    subject = t.SUBJECTS[i % len(t.SUBJECTS)].format(**fields)
    # Alternate the specific point: one person hears about the challenge, the next about a question.
    lead_with_question = bool(interview.open_questions) and (i % 2 == 1 or not interview.challenges)
    for limit in (25, 16, 10, 6):
        parts = [t.OPENINGS[i % len(t.OPENINGS)].format(**fields)]
        if person.role:
            parts.append(t.PERSONAL[i % len(t.PERSONAL)].format(**fields))
        if lead_with_question:
            parts.append(t.QUESTION[i % len(t.QUESTION)].format(question=snippet(interview.open_questions, limit)))
        elif interview.challenges:
            parts.append(t.CHALLENGE[i % len(t.CHALLENGE)].format(challenge=snippet(interview.challenges, limit)))
        if interview.why_me:
            parts.append(t.FIT[i % len(t.FIT)].format(why=snippet(interview.why_me, limit)))
        if interview.assessment in {"mixed", "rough"} and interview.clarification:
            parts.append(t.CLARIFY[i % len(t.CLARIFY)].format(clarification=snippet(interview.clarification, limit)))
        promise = _promise_sentence(interview.promises)
        if promise:
            parts.append(promise)
        parts.append(t.CLOSINGS[i % len(t.CLOSINGS)])
        body = "\n\n".join(
            [
                t.GREETINGS[i % len(t.GREETINGS)].format(**fields),
                " ".join(parts[:3]),
                " ".join(parts[3:]),
                f"{t.SIGNOFFS[i % len(t.SIGNOFFS)]}\n{sender}",
            ]
        )
        body = re.sub(r"\n\n\n+", "\n\n", body.replace("\n\n\n\n", "\n\n"))
        if len(body.split()) <= MAX_WORDS:
            break
    return Draft(person.name, person.email, subject, body)


def second_email(interview: Interview, person: Person, sender: str, tz: str, now: datetime) -> Draft:
    """A shorter follow-up that differs from the thank-you."""
    fields = {
        "role": interview.role or "open",
        "company": interview.company or "your company",
        "when": when_words(interview.happened_at, tz, now),
    }
    index = (interview.people.index(person) if person in interview.people else 0) % len(t.SECOND_BODY)
    lines = [t.SECOND_BODY[index].format(**fields)]
    topic = snippet(interview.why_me, 10)
    if topic:
        lines.append(t.SECOND_EXTRA.format(topic=topic))
    body = f"Hi {first_name(person.name)},\n\n{' '.join(lines)}\n\nBest,\n{sender}"
    return Draft(person.name, person.email, t.SECOND_SUBJECT.format(**fields), body)


def call_script(interview: Interview, person: Person, sender: str, tz: str, now: datetime) -> str:
    return t.CALL_SCRIPT.format(
        name=person.name,
        phone=f" on {format_phone(person.phone)}" if person.phone else " (I don't have a number: try the switchboard)",
        first=first_name(person.name),
        sender=sender,
        when=when_words(interview.happened_at, tz, now),
        role=interview.role or "open",
        company=interview.company or "the company",
    )
