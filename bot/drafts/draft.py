"""An email draft (`Draft`: its .eml file and chat text) and the pieces every email is written from:
the writer's view of an interview, the greeting, the notes as the drafts use them, the template fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from slugify import slugify

from bot.common import names
from bot.common import when as timewords
from bot.common import texts as t
from bot.common.events import Attachment
from bot.common.mailheaders import MAIL
from bot.drafts import writer as w
from bot.store.models import Interview, Person


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
        msg = EmailMessage(policy=MAIL)  # Subject and To encoded so no space is lost
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
        return Attachment(self.eml_name(), self.eml, "message/rfc822")  # built when an adapter sends it

    def eml_name(self) -> str:
        # python-slugify transliterates ("José Álvarez-Núñez" -> jose-alvarez-nunez) instead of dropping letters.
        slug = slugify(self.to_name, max_length=40, word_boundary=True) or "interviewer"
        return f"thank-you-{slug}.eml"


def first_name(name: str) -> str:
    """The name to greet someone by, from their name as typed ("Doe, Jane" -> Jane)."""
    return names.propose_greeting(name).likely


def when_words(moment: datetime | None, tz: str, now: datetime) -> str:
    """'today', 'yesterday' or 'on Monday', from the user's point of view."""
    return timewords.in_email(moment, tz, now)


def context(interview: Interview, sender: str = "") -> w.Context:
    """The writer's view of an interview: the company written to, the people not to talk about."""
    notes = (interview.open_questions, interview.challenges, interview.why_me, interview.clarification)
    return w.Context.of(interview.company, [p.name for p in interview.people], notes, [sender])


def greeting_line(person: Person, variant: int, greetings: Mapping[int, str] | None) -> str:
    stored = (greetings or {}).get(person.id) if person.id is not None else None
    name = " ".join(stored.split()) if stored and stored.strip() else names.greeting_name(person)
    formal = len(name.split()) > 1 or name.split(" ")[0].rstrip(".").lower() in {"dr", "prof", "mr", "ms", "mrs"}
    template = t.GREETING_FORMAL if formal else t.GREETINGS[variant % len(t.GREETINGS)]
    return template.format(first=name)


def note_text(interview: Interview, name: str) -> str | None:
    """A note as the drafts use it: the user's one-line version when they gave one, else the note."""
    short = (getattr(interview, "short_notes", None) or {}).get(name)
    return short if short else getattr(interview, name)


def template_fields(interview: Interview, sender: str, tz: str, now: datetime) -> dict[str, str]:
    role = w.title_case(interview.role) or "open"
    return {
        "role": role,
        "company": w.title_case(interview.company) or "your company",
        "sender": sender,
        "when": when_words(interview.happened_at, tz, now),
    }
