"""An email draft (`Draft`: its .eml file and chat text) and the pieces every email is written from:
the writer's view of an interview, the greeting, the notes as the drafts use them, the template fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from functools import lru_cache
from zoneinfo import ZoneInfo

from slugify import slugify

from bot.common import names
from bot.common import texts as t
from bot.common.events import Attachment
from bot.drafts import check
from bot.drafts import writer as w
from bot.drafts.writer.cleaning import _split_plain as split_sentences
from bot.drafts.writer.cleaning import tidy
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
    # What kind of email it is, for its file name: "thank-you", "follow-up", "first-email", "request".
    kind: str = "thank-you"

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
        return f"{self.kind}-{slug}.eml"


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


def greeting_line(person: Person, variant: int, greetings: Mapping[int, str] | None) -> str:
    stored = (greetings or {}).get(person.id) if person.id is not None else None
    name = " ".join(stored.split()) if stored and stored.strip() else names.greeting_name(person)
    formal = len(name.split()) > 1 or name.split(" ")[0].rstrip(".").lower() in {"dr", "prof", "mr", "ms", "mrs"}
    template = t.GREETING_FORMAL if formal else t.GREETINGS[variant % len(t.GREETINGS)]
    return template.format(first=name)


NOTES = ("open_questions", "challenges", "why_me", "clarification")


def note_key(name: str, person: Person | None = None) -> str:
    """The key of a note in `Interview.short_notes`: the note's name, or "topic:<person id>"."""
    return f"topic:{person.id}" if person is not None else name


def note_text(interview: Interview, name: str) -> str | None:
    """A note as the drafts use it: the user's one-line version when they gave one (or "-": left out), else
    the note, with the check's certain fixes applied (slang, emoji, typos, case, a bullet list)."""
    short = (getattr(interview, "short_notes", None) or {}).get(name)
    return cleaned(interview, short if short else getattr(interview, name, None))


def topic_text(interview: Interview, person: Person, typed: str | None = None) -> str | None:
    """One thing discussed with a person, fixed like a note; "he"/"she" in it is the reader: "you"."""
    short = (getattr(interview, "short_notes", None) or {}).get(note_key("topic", person))
    text = typed if typed is not None else (short or getattr(person, "topic", None))
    return cleaned(interview, text, reader=getattr(person, "name", "") or "")


def cleaned(interview: Interview, text: str | None, reader: str = "") -> str | None:
    """A note with the check's certain fixes applied."""
    if not text or not text.strip():
        return text
    known = known_of(interview)
    return _fixed(text, known.for_reader(reader) if reader else known)


def known_of(interview: Interview) -> check.Known:
    """What the debrief knows (names, company, proper nouns), for the check; cached on the notes as they are."""
    key = (
        interview.company,
        interview.role,
        tuple((p.name, p.topic, p.role) for p in interview.people),
        tuple(getattr(p, "what", "") for p in interview.promises),
        *(getattr(interview, n, None) for n in (*NOTES, "next_steps")),
        tuple(sorted((getattr(interview, "short_notes", None) or {}).items())),
    )
    return _known(key, interview)


_KNOWN: dict[tuple, check.Known] = {}


def _known(key: tuple, interview: Interview) -> check.Known:
    found = _KNOWN.get(key)
    if found is None:
        if len(_KNOWN) > 512:
            _KNOWN.clear()
        found = _KNOWN[key] = check.known_for(interview)
    return found


@lru_cache(maxsize=4096)
def _fixed(text: str, known: check.Known) -> str:
    return check.fix_text(text, known)[0]


def template_fields(interview: Interview, sender: str, tz: str, now: datetime) -> dict[str, str]:
    role = w.title_case(interview.role) or "open"
    return {
        "role": role,
        "company": w.title_case(interview.company) or "your company",
        "sender": sender,
        "when": when_words(interview.happened_at, tz, now),
    }


# ---- one challenge per interviewer --------------------------------------------------------------------

_ITEM_LIST = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*)")
_STEM = re.compile(r"[a-z]{4,}")
_VERBISH = re.compile(
    r"(?i)\b(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|need|needs|want|wants|"
    r"[a-z]{3,}(?:ed|es)|drops?|runs?|takes?|makes?|gets?|goes|keeps?|struggles?)\b|['’](?:s|re|ve)\b"
)


def challenge_options(interview: Interview) -> list[str]:
    """The challenges typed in the note, one by one: list items, sentences, or the parts of a sentence that is
    only a list of short phrases ("legacy billing, slow month-end close and audit findings")."""
    short = (getattr(interview, "short_notes", None) or {}).get("challenges")
    raw = short if short else interview.challenges
    if not raw or w.is_filler(raw):
        return []
    items = check.list_items(raw)
    sentences = [cleaned(interview, item) or "" for item in items] if items else []
    if not sentences:
        text = cleaned(interview, raw) or ""
        sentences = [s.rstrip(".!") for s in split_sentences(tidy(text)) if s.strip(" .")]
    out: list[str] = []
    for sentence in sentences:
        parts = [p.strip(" .") for p in _ITEM_LIST.split(sentence) if p.strip(" .")]
        if len(parts) >= 2 and all(len(p.split()) <= 6 and not _VERBISH.search(p) for p in parts):
            out += parts
        elif sentence.strip(" ."):
            out.append(sentence.strip())
    return out


def challenge_for(
    interview: Interview, person: Person | None, position: int, ctx: w.Context, budget: int
) -> tuple[w.Note, str]:
    """The one challenge for this person's email: the one closest to their role and topic (else the
    position-th), as whole sentences within `budget` words; or, when it only criticised the company, the
    neutral challenge behind it ("reducing staff turnover"), else nothing at all."""
    options = challenge_options(interview)
    if not options:
        return w.Note(ctx=ctx), ""
    ranked = _preference(options, interview.people, person, position)
    for n in ranked:  # a challenge as typed, if any can be quoted
        found = w.note(options[n], ctx, budget, most=1)
        if not found.empty or (found.too_long and not found.withheld):
            return found, ""
    for n in ranked:  # else the neutral challenge behind a criticism
        neutral = check.neutral_challenge(options[n])
        if neutral:
            return w.Note(ctx=ctx), neutral
    return w.Note(ctx=ctx), ""


def _stems(text: str) -> set[str]:
    return {word[:5] for word in _STEM.findall(text.lower())}


def _preference(options: list[str], people: list[Person], person: Person | None, position: int) -> list[int]:
    """The options in the order this person should get them: closest to their role and topic first, then
    one the people before them did not get, then from their position on."""
    uses = [0] * len(options)
    order: list[int] = []
    for n, other in enumerate([*people[:position], person] if person in people else [person]):
        about = _stems(f"{getattr(other, 'role', '') or ''} {getattr(other, 'topic', '') or ''}")
        order = sorted(
            range(len(options)),
            key=lambda k, about=about, n=n: (-len(about & _stems(options[k])), uses[k], (k - n) % len(options)),
        )
        uses[order[0]] += 1
    return order
