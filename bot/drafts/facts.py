"""The fact check for a draft someone else wrote (the language model, bot/assist/writing.py): everything in it
must come from the debrief.

`check_facts(text, facts)` lists what is wrong, each a `Finding` (the same shape as bot/drafts/check.py's):

- every name, company or product (a capitalised word), number (digits or a number word) and day (weekday,
  month, "tomorrow") must be in the debrief or in the built-in draft written from it;
- every promise the user made must be there once, with its own day;
- nothing the user's notes said that the drafts leave out (private remarks, a note too long, criticism) may
  come back, and no sentence may read as a criticism of the reader (the writer's own rule);
- at most 150 words.

`Facts` is what the check knows, built by `facts_for` from the same debrief the model was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bot.common import texts as t
from bot.drafts.writer.perspective import Context, address, is_private
from bot.drafts.writer.sentences import without_criticism

MAX_WORDS = 150


@dataclass(frozen=True)
class Finding:
    rule: str
    excerpt: str
    message: str
    fixable: bool = False


@dataclass(frozen=True)
class PromiseFact:
    what: str  # the item as the drafts word it ("a writing sample on data contracts")
    day: str | None  # its day in words ("Friday 4 December"), None when it has none


@dataclass(frozen=True)
class Facts:
    words: frozenset[str]  # every word (case folded) of the debrief and of the built-in draft
    promises: tuple[PromiseFact, ...] = ()
    left_out: tuple[str, ...] = ()  # what the notes said that the drafts leave out
    people: tuple[str, ...] = ()  # the interviewers' names (a remark about one in the third person is private)
    company: str = ""


_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})  # fmt: skip
DAY_WORDS = WEEKDAYS | (MONTHS - {"may", "mar"}) | {"tomorrow", "tonight", "weekend"}
NUMBER_WORDS = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "dozen", "dozens",
    "hundreds", "thousands", "millions", "twice", "triple", "double", "half", "percent",
})  # fmt: skip
# Small words that say nothing on their own: a promise is recognised by its other words.
STOP = frozenset({
    "the", "a", "an", "and", "or", "of", "to", "for", "on", "in", "at", "by", "with", "my", "your", "our", "their",
    "his", "her", "its", "this", "that", "these", "those", "some", "any", "i", "me", "you", "we", "they", "it", "be",
    "is", "are", "was", "were", "will", "would", "can", "could", "send", "sending", "share", "sharing", "over",
    "from", "about", "also", "more", "most", "just", "very", "really", "soon", "possible",
})  # fmt: skip


def words_of(text: str) -> list[str]:
    """The words of a text, case folded, a possessive or contraction cut off ("Northwind's" -> northwind)."""
    out = []
    for token in _WORD.findall(text or ""):
        word = re.split(r"['’]", token.casefold(), maxsplit=1)[0]
        out.append(word)
        out += [part for part in word.split("-") if part and part != word]
    return out


@cache
def _template_words() -> frozenset[str]:
    """Every word the bot's own texts use: a sentence may start with any of them."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(words_of(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple | set | frozenset):
            for item in value:
                walk(item)

    for name in dir(t):
        if not name.startswith("_"):
            walk(getattr(t, name))
    return frozenset(found)


def facts_for(
    sources: Iterable[str],
    promises: Iterable[PromiseFact] = (),
    left_out: Iterable[str] = (),
    people: Iterable[str] = (),
    company: str = "",
) -> Facts:
    """What the check knows: the words of `sources` (the debrief as sent, the built-in draft), the promises, what
    the notes said that the drafts leave out, the interviewers' names and the company."""
    words: set[str] = set()
    for source in sources:
        words.update(words_of(source))
    promises = tuple(promises)
    for promise in promises:
        words.update(words_of(promise.what))
        words.update(words_of(promise.day or ""))
    gone = {" ".join(x.split()).casefold(): " ".join(x.split()) for x in left_out if x and x.strip()}
    return Facts(frozenset(words), promises, tuple(gone.values()), tuple(people), company)


def _short(text: str, most: int = 70) -> str:
    """At most `most` characters, cut at a word, with an ellipsis when cut."""
    return text if len(text) <= most else text[:most].rsplit(" ", 1)[0] + "…"


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def check_facts(text: str, facts: Facts) -> list[Finding]:
    """What in `text` does not come from the debrief (see the module's docstring); empty when it all does."""
    findings: list[Finding] = []
    count = len(text.split())
    if count > MAX_WORDS:
        findings.append(Finding("too_long", f"{count} words", f"It has {count} words; at most {MAX_WORDS}."))
    findings += _invented(text, facts)
    findings += _promises(text, facts)
    findings += _left_out(text, facts)
    findings += _criticism(text, facts)
    return findings


def _invented(text: str, facts: Facts) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    allowed_start = facts.words | _template_words()

    def flag(rule: str, word: str, message: str) -> None:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            found.append(Finding(rule, word, message))

    for sentence in sentences_of(text):
        tokens = _WORD.findall(sentence)
        for index, token in enumerate(tokens):
            plain = words_of(token)[0] if words_of(token) else ""
            if not plain:
                continue
            if token[0].isdigit():
                digits = [d for d in re.split(r"[.,]", token) if d]
                if plain not in facts.words and not all(d in facts.words for d in digits):
                    flag("invented_number", token, f"“{token}” is not a number from the debrief.")
                continue
            if plain in DAY_WORDS:
                if plain not in facts.words:
                    flag("invented_date", token, f"“{token}” is not a day from the debrief.")
                continue
            if plain in NUMBER_WORDS and plain not in facts.words:
                flag("invented_number", token, f"“{token}” is not a number from the debrief.")
                continue
            if not token[0].isupper() or plain == "i":
                continue
            known = plain in facts.words and all(part in facts.words for part in plain.split("-"))
            if index == 0 and not known and plain in allowed_start:
                continue  # a sentence starts with an ordinary word
            if not known:
                flag("invented_name", token, f"“{token}” (a name, company or product?) is not in the debrief.")
    return found


def _content(text: str) -> list[str]:
    return [w for w in dict.fromkeys(words_of(text)) if len(w) >= 3 and w not in STOP and not w.isdigit()]


def _promises(text: str, facts: Facts) -> list[Finding]:
    found: list[Finding] = []
    sentences = sentences_of(text)
    for promise in facts.promises:
        content = _content(promise.what)
        if not content:
            continue
        need = max(1, (len(content) + 1) // 2)
        mentions = [s for s in sentences if sum(w in set(words_of(s)) for w in content) >= need]
        if not mentions:
            found.append(Finding("dropped_promise", promise.what, f"The promise “{promise.what}” is missing."))
            continue
        if len(mentions) > 1:
            found.append(Finding("repeated_promise", promise.what, f"The promise “{promise.what}” is said twice."))
        if promise.day and not any(_has_day(s, promise.day) for s in mentions):
            found.append(
                Finding(
                    "promise_day",
                    mentions[0][:80],
                    f"The promise “{promise.what}” must come with its day, {promise.day}.",
                )
            )
    return found


def _has_day(sentence: str, day: str) -> bool:
    """Whether a sentence names `day` ("Friday 4 December"): its weekday, or its date and month."""
    said = set(words_of(sentence))
    parts = words_of(day)
    weekday = [p for p in parts if p in WEEKDAYS]
    date = [p for p in parts if p.isdigit()]
    month = [p for p in parts if p in MONTHS]
    if weekday and weekday[0] in said:
        return True
    return bool(date and month and date[0] in said and month[0] in said)


def _left_out(text: str, facts: Facts) -> list[Finding]:
    said = set(words_of(text))
    found: list[Finding] = []
    for gone in facts.left_out:
        distinctive = [w for w in _content(gone) if len(w) >= 5 and w not in facts.words]
        if not distinctive:
            continue
        hits = [w for w in distinctive if w in said]
        if len(hits) >= min(2, len(distinctive)):
            found.append(
                Finding("left_out", _short(gone), f"It brings back something the drafts leave out: “{_short(gone)}”.")
            )
    return found


def _criticism(text: str, facts: Facts) -> list[Finding]:
    ctx = Context.of(facts.company, list(facts.people), (), [])
    found: list[Finding] = []
    for sentence in sentences_of(text):
        plain = sentence.rstrip(".!?,;: ")
        addressed = address(plain, ctx)
        if without_criticism(addressed).strip(" ,.;:") != addressed.strip(" ,.;:"):
            found.append(Finding("criticism", sentence[:80], f"“{sentence[:80]}” reads as a criticism of the reader."))
        elif is_private(plain, ctx) and not any(p.split()[0] in plain for p in facts.people if p):
            found.append(Finding("private", sentence[:80], f"“{sentence[:80]}” reads as a private remark."))
    return found
