"""Reading a new message: is it an answer to the user's follow-ups, an automatic reply, and what it says."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import dateparser.search

SNIPPET_CHARS = 200
# A fixed list: letting dateparser detect among all its languages costs ~15 s of CPU on first use.
LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt"]
_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?")

# Auto-reply subject lines start with the marker and a colon or dash ("Automatic reply: ...").
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|auto|out of (?:the )?office|ooo"
    r"|abwesenheitsnotiz|abwesenheit|réponse automatique|respuesta automática|risposta automatica"
    r"|automatisch antwoord)\s*[:\-–]",
    re.IGNORECASE,
)
_QUOTE_START = re.compile(
    r"^(?:on .{4,200}wrote:|am .{4,200}schrieb.*:|le .{4,200}a écrit ?:|-{2,} ?original message ?-{2,}"
    r"|from: .+|sent from my .+|_{5,}|-- ?|(?:best|best regards|kind regards|regards|cheers|all the best|cordialement"
    r"|mit freundlichen grüßen|viele grüße|saludos),?)$",
    re.IGNORECASE,
)
_RETURN = re.compile(
    r"\b(?:back|return(?:ing)?|returns|in the office|available|reachable|zurück|de retour)\b(?:\s+(?:on|at|in|from|to the office on|by))?"
    r"|\b(?P<until>until|till|through|thru|bis)\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<(?:script|style)[^>]*>.*?</(?:script|style)>|<[^>]+>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class SentRef:
    """A message the bot sent for the user: which follow-up, and to whom."""

    followup_id: int | None
    recipient: str


@dataclass(frozen=True, slots=True)
class Interest:
    """What counts as an answer for one user: their interviewers' addresses and their sent Message-IDs."""

    people: dict[str, tuple[int, ...]] = field(default_factory=dict)  # lower-case address -> person ids
    sent: dict[str, SentRef] = field(default_factory=dict)  # Message-ID -> what it was


@dataclass(frozen=True, slots=True)
class ReplySeen:
    """A reply noticed in a user's inbox; the core decides what it means for the ladder."""

    user_id: int
    mailbox_id: int
    person_ids: tuple[int, ...]  # the interviewers it is from (or answers); empty when unknown
    followup_id: int | None  # the follow-up whose email it answers, when it quotes our Message-ID
    sender: str  # the sender's address
    sender_name: str
    subject: str
    snippet: str  # the first lines, quotes and signatures left out, at most SNIPPET_CHARS
    received_at: datetime
    auto_reply: bool  # an out-of-office or other automatic answer: does not stop the ladder
    return_date: date | None  # when an automatic answer says the person is back
    message_id: str | None  # the reply's own Message-ID (a key to handle it once)


@dataclass(frozen=True, slots=True)
class Match:
    person_ids: tuple[int, ...]
    followup_id: int | None


def parse(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def _ids(value: str | None) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value or "")


def sender_of(headers: EmailMessage) -> tuple[str, str]:
    pairs = getaddresses([str(headers.get("From", ""))])
    name, addr = pairs[0] if pairs else ("", "")
    return name, addr.strip().lower()


def match(headers: EmailMessage, interest: Interest) -> Match | None:
    """Why this message concerns the user (from an interviewer, or answering our email), else None."""
    _, sender = sender_of(headers)
    people = set(interest.people.get(sender, ()))
    followup_id = None
    answered = False
    for ref in _ids(str(headers.get("In-Reply-To", ""))) + _ids(str(headers.get("References", ""))):
        sent = interest.sent.get(ref)
        if sent is not None:
            answered = True
            followup_id = followup_id or sent.followup_id
            people.update(interest.people.get(sent.recipient.lower(), ()))
    if not people and not answered:
        return None
    return Match(tuple(sorted(people)), followup_id)


def is_auto_reply(headers: EmailMessage) -> bool:
    """RFC 3834's Auto-Submitted, the common vendor headers, then the usual subject lines."""
    auto_submitted = str(headers.get("Auto-Submitted", "")).strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if headers.get("X-Autoreply") is not None or headers.get("X-Autorespond") is not None:
        return True
    if str(headers.get("Precedence", "")).strip().lower() in {"auto_reply", "bulk", "junk"}:
        return True
    if headers.get("X-MS-Exchange-Inbox-Rules-Loop") is not None:
        return True
    return bool(_AUTO_SUBJECT.match(str(headers.get("Subject", ""))))


def received_at(headers: EmailMessage, fallback: datetime) -> datetime:
    try:
        moment = parsedate_to_datetime(str(headers.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return fallback
    return moment if moment.tzinfo else fallback


def body_text(raw_start: bytes) -> str:
    """The readable text of the first bytes of a message: its text/plain part, else its HTML as text."""
    message = parse(raw_start)
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
    except (LookupError, ValueError, AssertionError):  # a part cut off mid-way, or a strange charset
        text = ""
    if part is not None and part.get_content_subtype() == "html":
        text = html.unescape(_TAGS.sub(" ", text))
    return text


def first_lines(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The answer itself: lines up to the quoted original or a signature, flattened and cut to `limit`."""
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(">") or _QUOTE_START.match(stripped):
            break
        if stripped:
            kept.append(stripped)
    flat = " ".join(" ".join(kept).split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def return_date(text: str, received: datetime) -> date | None:
    """The day an automatic answer says the person is back ("back on 9 December", "out until Monday")."""
    base = received.replace(tzinfo=None)
    for found in _RETURN.finditer(text):
        window = text[found.end() : found.end() + 60].split("\n")[0]
        settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base}
        hits = dateparser.search.search_dates(window, languages=LANGUAGES, settings=settings)
        if not hits:
            continue
        said, moment = hits[0]
        if _DOTTED.fullmatch(said.strip()):  # 10.12.2026 is day first wherever dots are written
            moment = dateparser.parse(said, settings={**settings, "DATE_ORDER": "DMY"}) or moment
        day = moment.date()
        if found.group("until") and found.group("until").lower() in {"through", "thru"}:
            day += timedelta(days=1)  # away through Friday: back the day after
        if day >= received.date():
            return day
    return None
