"""Notes turned towards the company ("their pipeline" -> "your pipeline"); private remarks found."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.common import names
from bot.drafts.writer.cleaning import _split_plain, title_case

# ---- perspective -------------------------------------------------------------------------------

_SECOND_PERSON = {
    "they're": "you're",
    "they’re": "you’re",
    "they've": "you've",
    "they’ve": "you’ve",
    "they'll": "you'll",
    "they’ll": "you’ll",
    "they'd": "you'd",
    "they’d": "you’d",
    "they": "you",
    "them": "you",
    "their": "your",
    "theirs": "yours",
    "themselves": "yourselves",
}
# "than they used to", "as they did": "they" is whatever the sentence compares, not the company.
_THEY = re.compile(
    r"(?<!\bthan )(?<!\bas )\b("
    + "|".join(sorted(map(re.escape, _SECOND_PERSON), key=len, reverse=True))
    + r")\b(?!\s+used\s+to\b)",
    re.I,
)
_PRIVATE = re.compile(
    r"\b(?:he|she|him|her|his|hers|he's|she's|he'd|she'd|he'll|she'll)\b|\bmy (?:direct |future |new )?"
    r"(?:manager|boss|line manager)\b|\b(?:seemed|seems|felt like|red flag|vibes?|toxic|rude|arrogant|"
    r"disorganised|disorganized|chaotic|boring|lowball|weird)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Context:
    """Who the words are addressed to: the company (written to as "you") and proper nouns to keep."""

    company: str = ""
    people: tuple[str, ...] = ()  # interviewers' names: a sentence about them in the third person is left out
    proper: tuple[str, ...] = ()  # words known to be proper nouns (from the notes, the company, names)

    @classmethod
    def of(
        cls, company: str | None, people: Iterable[str], notes: Iterable[str | None], names: Iterable[str] = ()
    ) -> Context:
        """`notes` are searched for proper nouns; `names` (the sender's, say) are proper nouns word by word."""
        people = tuple(n for n in people if n)
        proper = set(_proper_nouns(notes))
        for text in (company or "", *people, *names):
            proper.update(w.strip(",.") for w in text.split() if w[:1].isalpha())
        return cls(title_case(company), people, tuple(sorted(proper)))


def _proper_nouns(notes: Iterable[str | None]) -> set[str]:
    """Words written with a capital in the middle of a sentence somewhere in the notes ("Kafka", "Stripe")."""
    found: set[str] = set()
    for note in notes:
        for sentence in _split_plain(" ".join((note or "").split())):
            for word in sentence.split()[1:]:
                bare = word.strip("\"“”'‘’()[],.;:!?")
                if bare[:1].isupper() and bare != "I" and not bare.startswith(("I'", "I’")):
                    found.add(bare)
    return found


def address(text: str, ctx: Context, *, things: bool = False) -> str:
    """Notes about the company, turned towards it: "their pipeline" -> "your pipeline", "they struggle" ->
    "you struggle", "Acme's roadmap" -> "your roadmap".

    `things`: the note is the user's own point (a clarification), where "they", "them" and "it" are the things
    or people it is about ("i use them daily": the Figma variables), never the reader; only "their" before a noun
    with no plural just before it is the company's ("their stack" -> "your stack")."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(1)
        if things and (word.lower() != "their" or _PLURAL_BEFORE.search(text[: match.start()])):
            return word
        if _PEOPLE_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
            return word  # "new hires past their first year": "their" is the hires', not the company's
        if word.lower() == "them" and _CAUSED.search(text[max(0, match.start() - 12) : match.end() + 20]):
            return word  # "to get them talking in pairs": the people the user worked with, not the company
        if word.lower() == "them" and _THINGS_BEFORE.search(re.split(r"[.!?;]", text[: match.start()])[-1][-120:]):
            return word  # "2 of them", "caught 3 fake lots and reported them": the things just named
        if word.lower() == "them" and _SUBJECT_BEFORE.search(text[max(0, match.start() - 80) : match.start()]):
            return word  # "how they'll roll them out", "how you're training them": another's, never "you ... you"
        new = _SECOND_PERSON[word.lower()]
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    out = _THEY.sub(swap, text)
    lowered = out.lower()
    if ctx.company and (ctx.company.split(" ")[0].lower() in lowered or "the company" in lowered):
        possessive, name = _company_patterns(ctx.company)
        out = name.sub(ctx.company, possessive.sub("your", out))
    return _THE_COMPANY.sub("your company", out)


_THE_COMPANY = re.compile(r"(?i)\bthe company\b")
# A subject in the same clause before a "them": "them" is someone or something else ("they roll them out").
_SUBJECT_BEFORE = re.compile(r"(?i)\b(?:they|you|he|she)(?:['’](?:re|ll|ve|d|s))?\b[^.;:,!?]*$")
# A plural named before a "their" in the user's own point ("the audits and their findings"): the things' own.
_PLURAL_BEFORE = re.compile(r"(?i)\b\w{3,}[^s\W]s\b[^.;!?]*$")
_CAUSED = re.compile(r"(?i)\b(?:get|got|getting|let|letting|make|made|making|keep|kept|keeping)\s+them\s+[a-z]+ing\b")
# What a "them" points back to when it is not the company: "of them", or a plural named just before it.
_THINGS_BEFORE = re.compile(r"(?i)\bof\s*$|\b\d+\s+(?:\w+\s+){0,3}\w{3,}s\b")
# People a "they" or "their" may point back to, when one stands just before it in the same clause.
_PEOPLE_BEFORE = re.compile(
    r"(?i)\b(?:hires|joiners|starters|staff|people|employees|nurses|students|pupils|patients|customers|clients|users|"
    r"kids|children|teachers|engineers|members|parents|workers|drivers|graduates|grads|candidates|families|guests|"
    r"residents|volunteers|interns|trainees|apprentices)\b[^.;:,!?]*$"
)


@lru_cache(maxsize=1024)
def _company_patterns(company: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "Acme's" or "the company's" (-> "your"), and the company's name in any case (-> as it is written)."""
    name = re.escape(company)
    short = company.split(" ")[0]
    names = f"{name}|{re.escape(short)}" if len(short) > 2 and short != company else name
    return re.compile(rf"(?i)\b(?:the company|{names})['’]s\b"), re.compile(rf"(?i)\b{name}\b")


def is_private(sentence: str, ctx: Context) -> bool:
    """A remark not to be sent: about a person in the third person, or a private judgement."""
    if _PRIVATE.search(sentence):
        return True
    full, parts = _name_patterns(ctx.people)
    return bool((full and full.search(sentence)) or (parts and parts.search(sentence)))


@lru_cache(maxsize=256)
def _name_patterns(people: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Interviewers' full names in any case, and single name parts only capitalised ("Will" is a person,
    "will" a verb)."""
    fulls, parts = set(), set()
    for name in people:
        parsed = names.human_name(name)
        full = " ".join(p for p in (parsed.first, parsed.last) if p)
        if full:
            fulls.add(re.escape(full))
        parts.update(re.escape(p[:1].upper() + p[1:]) for p in (parsed.first, parsed.last) if len(p) > 1)
    full_re = re.compile(rf"(?i)\b(?:{'|'.join(sorted(fulls))})\b") if fulls else None
    part_re = re.compile(rf"\b(?:{'|'.join(sorted(parts))})\b") if parts else None
    return full_re, part_re
