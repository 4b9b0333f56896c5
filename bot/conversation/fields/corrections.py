"""What people type on a phone around a short answer: a slip corrected inside it ("jon smith.. no wait its John
Smyth", "ops lead, no sorry ops manager") and the name a person goes by ("rob (robert) fenwick", "gary pearce but
everyone calls him gaz")."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from bot.common import names

# Words that take back what came before them in the same answer: "no wait", "sorry", "actually", "I mean", "oops",
# "scratch that", "correction:", with what may lead the new value ("its", "it should be", "make that").
_CORRECTION = re.compile(
    r"(?i)(?P<lead>\s*[,.;:!…-]+\s*|\s+)(?P<no>(?:no+|nope|oh|ah|um+|er+|hang on)[\s,.!…-]+)*"
    r"(?P<word>no+\s+wait|wait|no+\s+sorry|sorry|actually|i\s+mean|i\s+meant|oops|whoops|scratch\s+that|"
    r"correction(?=\s*:)|or\s+rather|my\s+bad|make\s+that|going\s+(?:with|w/)|i['’]?ll\s+go\s+with|"
    r"(?<=[-–—,]\s)well(?=,?\s+[^\W\d_]+(?:\s*$|\s*,|\s+but\b)))(?:\b|(?<=/))(?P<after>[\s,.:;!…-]*)"
    r"(?:(?:no+|it'?s|it\s+is|it\s+was|its|should\s+be|the\s+name\s+is|that'?s|i\s+meant?)\b[\s,:]*)*(?=\S)"
)
_SEGMENT_END = re.compile(r"\s*[,;]\s*")


def corrected(text: str) -> str:
    """An answer with a slip taken back inside it, as the user meant it: "jon smith.. no wait its John Smyth" ->
    "John Smyth", "maria gonzales sorry González" -> "Maria González" (one word given: it replaces the word it
    corrects), "Kate, actually Katherine Moore" -> "Katherine Moore", "ops lead, no sorry ops manager" -> "ops
    manager". Only inside one part of a line: "John Smyth, CTO sorry CFO, john@x.com" -> "John Smyth, CFO,
    john@x.com". An answer that starts with such a word ("Actually Labs", "sorry, I didn't catch it") is left as
    it was."""
    text = " ".join(text.split())
    if _CORRECTION.match(f" {text}"):  # "Sorry Not Sorry Ltd", "actually the hiring manager": nothing taken back
        return text
    for _ in range(3):  # "jon smith sorry john smyth no wait John Smythe": each correction in turn
        found = _CORRECTION.search(text)
        if (
            found
            and found["word"].casefold() == "wait"
            and not (found["no"] or found["lead"].strip() or found["after"].strip())
        ):
            return text  # "senior wait staff": "wait" takes back only after a "no" or a pause ("jon smith.. wait")
        if not found or not text[: found.start()].strip(" ,.;:!-…"):
            return text
        head, tail = text[: found.start()].rstrip(" ,.;:!-–—…"), text[found.end() :]
        cut = max(head.rfind(","), head.rfind(";"))
        prefix, old = (head[: cut + 1] + " ", head[cut + 1 :].strip()) if cut >= 0 else ("", head)
        end = _SEGMENT_END.search(tail)
        new, suffix = (tail[: end.start()], tail[end.start() :]) if end else (tail, "")
        new = new.strip(" .!")
        goes_by = _GOES_BY.search(
            new
        )  # "gaz pearce - well gary but everyone calls him gaz": the name, then the nickname
        if goes_by and new[: goes_by.start()].strip():
            new, suffix = new[: goes_by.start()].strip(" ,"), new[goes_by.start() :] + suffix
        if not old or not new:
            return text
        fixed = _replaced(old, new)
        again = re.match(r"\s*,\s*([^,;]+)", suffix)
        if again and _folded(again[1]) in {_folded(fixed), _folded(new)}:
            fixed, suffix = (
                again[1].strip(" .!"),
                suffix[again.end() :],
            )  # "omar haddad sorry al-Haddad, Omar al-Haddad"
        text = f"{prefix}{fixed}{suffix}".strip()
    return text


def _replaced(old: str, new: str) -> str:
    """The old value with the new one in its place: the whole of it, or, when one word corrects a value of several,
    the word it resembles ("maria gonzales" + "González" -> "Maria González")."""
    words = old.split()
    if len(new.split()) > 1 and len(words) >= 2:  # "pieter van der berg" + "van den Berg": the given name stays
        first = _folded(new.split()[0])
        at = next((i for i, word in enumerate(words) if i > 0 and _folded(word) == first), None)
        if at is not None and first in _PARTICLES:
            given = [names.capitalised(w) if w == w.lower() else w for w in words[:at]]
            return " ".join([*given, new])
    if len(new.split()) > 1 or len(words) < 2:
        return new
    likeness = [SequenceMatcher(None, _folded(word), _folded(new)).ratio() for word in words]
    best = max(range(len(words)), key=likeness.__getitem__)
    if likeness[best] < 0.5:
        return new
    if old == old.lower() and new[:1].isupper():  # "maria gonzales" corrected with a capital: written as a name
        words = names.capitalised(old).split()
    return " ".join([*words[:best], new, *words[best + 1 :]])


_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "dos", "das", "do", "la", "le", "al",
              "el", "bin", "binti", "ibn", "mac", "mc", "ó", "o", "ní", "nic", "ter", "ten", "op"}  # fmt: skip


def _folded(word: str) -> str:
    """A word without accents or the marks around it, to compare spellings: "González" -> "gonzalez"."""
    decomposed = unicodedata.normalize("NFKD", word.strip(".,'’").casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A nickname said after the name: "gary pearce but everyone calls him gaz", "Robert Fenwick, goes by Rob".
_GOES_BY = re.compile(
    r"(?i)[\s,;(-]+(?:but\s+|and\s+|though\s+)?(?:(?:everyone|everybody|people|we\s+all|they\s+all|they|we)\s+"
    r"(?:all\s+)?calls?\s+(?:him|her|them)|(?:he|she|they)\s+goes?\s+by|goes\s+by|go\s+by|(?:he|she|they)\s+prefers?|"
    r"prefers|known\s+as|aka|a\.k\.a\.?)\s+['\"“‘]?(?P<nick>[^\W\d_][\w'’-]*)['\"”’]?\s*\)?\s*(?=[,;]|$)"
)
# A nickname in quotes or brackets inside the name: "elizabeth 'liz' harper", 'William "Bill" Osei', "rob (robert)
# fenwick", "Alexandra (Sasha) Petrova" (nameparser's reading of a nickname).
_INSIDE = re.compile(r"(?<=\S)\s+(?:\((?P<b>[^\W\d_][\w'’-]*)\)|['\"“‘](?P<q>[^\W\d_][\w'’-]*)['\"”’])\s+(?=\S)")


# A word in brackets or quotes after the whole name: "Gareth Evans (gaz)", "Katherine 'kate' ".
_AFTER_NAME = re.compile(r"\s*(?:\((?P<b>[^\W\d_][\w'’-]*)\)|['\"“‘](?P<q>[^\W\d_][\w'’-]*)['\"”’])\s*$")


def _short_form(nick: str, before: list[str]) -> bool:
    """Whether a word typed after a name is a short form of its given name: shorter, and starting as it does
    ("gaz" for Gareth, "Kate" for Katherine); never a title, a role in capitals ("CTO") or a remark."""
    if not before or "@" in " ".join(before) or nick.isupper() or nick.casefold() in names.NAME_WORDS.titles:
        return False
    titled = 1 if len(before) > 1 and before[0].rstrip(".").casefold() in names.NAME_WORDS.titles else 0
    given = before[titled] if len(before) > titled else ""
    vowel = re.search(r"[aeiouy]", _folded(nick))  # "(jd)": initials, no name
    return bool(vowel) and 2 <= len(nick) < len(given) and _folded(nick)[:1] == _folded(given)[:1]


# The given name said in full after a short form of it, with the family name not known: "mohamed something",
# "short for mohamed", "full name's Katherine i think"
_FULLER_LATER = re.compile(
    r"(?i)(?:[\s,;.]|^)(?:(?:short for|full name'?s|full name is|real name'?s|real name is|proper name'?s)\s+"
    r"(?P<full>[^\W\d_][\w'’-]+)|(?P<full2>[^\W\d_][\w'’-]+)\s+(?:something|smth|sth|whatever|something or other)\b)"
    r"(?:\s+(?:i think|i guess|maybe|prob|probably|lol|haha))*[\s.!?]*$"
)


def _short_of(short: str, full: str) -> bool:
    """ "mo" of "mohamed", "tom" of "thomas", "kate" of "katherine": the same first letter, the others in order."""
    if not short or not full or short[0] != full[0]:
        return False
    letters = iter(full)
    return all(ch in letters for ch in short)


def nickname(text: str) -> tuple[str, str | None]:
    """The name without the nickname typed with it, and the nickname: "gary pearce but everyone calls him gaz" ->
    ("gary pearce", "Gaz"); "rob (robert) fenwick" -> ("robert fenwick", "Rob"): of a given name and its short form,
    the longer one is the name (a "Rob" is a Robert, a "Sasha" an Alexandra). A remark in brackets ("(HR)", "(not
    sure of spelling)") is no nickname; nor is a word in brackets after the name ("Omar Ali (CTO)")."""
    said = " ".join(text.split())
    fuller = _FULLER_LATER.search(said)
    first = re.match(r"[^\W\d_][\w'’-]*", said)
    if (
        fuller
        and first
        and first.end() <= fuller.start()
        and len(fuller["full"] or fuller["full2"]) > len(first[0]) >= 2
        and _short_of(_folded(first[0]), _folded(fuller["full"] or fuller["full2"]))
    ):  # "mo from HR, didnt catch his last name, mohamed something": the given name said in full later
        nick, full = first[0], fuller["full"] or fuller["full2"]
        rest = said[first.end() : fuller.start()].rstrip(" ,;.-–—")
        return f"{full}{rest}".strip(" ,"), nick[:1].upper() + nick[1:]
    goes_by = _GOES_BY.search(said)
    if goes_by and said[: goes_by.start()].strip():
        nick = goes_by["nick"]
        return (said[: goes_by.start()] + said[goes_by.end() :]).strip(" ,"), nick[:1].upper() + nick[1:]
    after = _AFTER_NAME.search(said)
    if after and _short_form(after["b"] or after["q"], said[: after.start()].split()):
        nick = after["b"] or after["q"]  # "Gareth (gaz)", "Katherine Bell (kate)": the short form of their given name
        return said[: after.start()].strip(" ,"), nick[:1].upper() + nick[1:]
    inside = _INSIDE.search(said)
    if inside is None or "@" in said[: inside.start()]:
        return said, None
    nick = inside["b"] or inside["q"]
    before = said[: inside.start()].split()
    if nick.isupper() or nick.casefold() in names.NAME_WORDS.titles:  # "Kim (HR) Lee", "Anna (Dr) Weber"
        return said, None
    rest = said[inside.end() :]
    titled = 1 if len(before) > 1 and before[0].rstrip(".").casefold() in names.NAME_WORDS.titles else 0
    if len(before) - titled != 1 or not re.match(r"[^\W\d_][\w'’-]*(?:\s|$)", rest):
        # "Ana Paula (Paulinha) Souza": which given name it stands for is not clear; "Klaus Weber (Lagerleiter)
        # k.weber@dhl.de": a remark after the whole name
        return said, None
    given = before[-1]
    if len(nick) > len(given):  # "rob (robert) fenwick", "Bill (William) Osei": the name in brackets is the full one
        if len(given) > 4 and _folded(given)[:1] != _folded(nick)[:1]:
            return said, None  # "Mr. Klaus (Lagerleiter) Weber": a remark, no short form of a name
        given, nick = nick, given
    name = " ".join([*before[:-1], given, rest])
    if said == said.lower():
        name = name.lower()  # typed in lower case: written as a name later, as a whole
    return name, nick[:1].upper() + nick[1:].lower() if nick == nick.lower() else nick


# What takes back the answer before, said first in the next one: "no wait, it's John Smyth", "oops I meant John
# Smyth", "sorry, acme logistics", "John Smyth*" (a star marks a corrected word in chat). Not "actually": "actually
# the hiring manager" answers the question.
_TAKE_BACK = re.compile(
    r"(?i)^\s*(?:(?:no+|nope|oh|ah|um+|er+|hang on)[\s,.!…-]+)*(?:no+\s+wait|wait|no+\s+sorry|sorry|i\s+mean|i\s+meant|"
    r"oops|whoops|scratch\s+that|correction|my\s+bad|typo|make\s+that)\b[\s,.:;!…-]*(?:(?:oops|whoops|sorry|no+)\b"
    r"[\s,.:;!…-]*)*(?:(?:it'?s|it\s+is|it\s+was|its|should\s+be|the\s+name\s+is|that'?s|i\s+meant?)\b[\s,:]*)*(?=\S)"
)


def without_take_back(text: str) -> str:
    """An answer without the words that take back the one before: "sorry, Mr Zhang" -> "Mr Zhang"."""
    said = " ".join(text.split())
    lead = _TAKE_BACK.match(said)
    return (said[lead.end() :] if lead else said).rstrip("*").strip() or said


def taken_back(text: str, before: str) -> str | None:
    """The answer before, corrected in the next message: "no wait, it's John Smyth" after "jon smith" -> "John
    Smyth"; None when the message does not take it back, or names something else than what it corrects ("sorry,
    the hiring manager" after "Jon Smith": the answer to the question asked)."""
    said = " ".join(text.split())
    lead = _TAKE_BACK.match(said)
    value = said[lead.end() :] if lead else said[:-1] if said.endswith("*") and not said.startswith("*") else None
    value = value.strip(" .!*") if value else None
    if not value or not before.strip() or re.search(r"(?i)\b(?:is|was|are|were|he|she|they|the)\b", value):
        return None  # "sorry, Jon is the CTO": a sentence about them, not their name again
    if len(value.split()) == 1 and len(before.split()) > 1:  # "Smyth*" after "Jon Smith": the word it corrects
        fixed = _replaced(before, value)
        return fixed if fixed != value else None
    old, new = {_folded(w) for w in before.split()}, {_folded(w) for w in value.split()}
    alike = SequenceMatcher(None, _folded(before), _folded(value)).ratio() >= 0.6
    return value if old & new or alike else None


_SAID_LEAD = re.compile(
    r"(?i)^(?:(?:she|he|they|i|we|hr|the recruiter)\s+(?:said|says|told me|meant)|make\s+it|by|on)\b[\s,:]*"
)


def taken_back_parts(text: str) -> tuple[str, str] | None:
    """An answer split where a slip is taken back inside it: what came before, and what replaces part of it
    ("police clearance cert, next week, wait no she said friday" -> ("police clearance cert, next week",
    "friday")); None when nothing is taken back. The caller decides which part the new words replace (a day
    replaces a day)."""
    said = " ".join(text.split())
    found = _CORRECTION.search(said)
    if not found or _CORRECTION.match(f" {said}"):
        return None
    if found["word"].casefold() == "wait" and not (found["no"] or found["lead"].strip() or found["after"].strip()):
        return None  # "senior wait staff"
    head, new = said[: found.start()].rstrip(" ,.;:!-–—…"), said[found.end() :].strip(" .!")
    new = _SAID_LEAD.sub("", new).strip(" .!")
    return (head, new) if head and new else None
