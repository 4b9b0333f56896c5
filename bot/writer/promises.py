"""The user's promises as separate items, each with its own day, and grouped by day."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.parsing.days import parse_day
from bot.parsing.text import Invalid
from bot.writer.cleaning import _keeps_capital, drop_doubled_words, is_filler, tidy
from bot.writer.perspective import Context, address

# ---- promises -----------------------------------------------------------------------------------

_VERB = re.compile(
    r"(?i)^\s*(?:(?:i(?:['’]ll| will| would| promised(?: to)?| said i(?:['’]d| would))|will|to|promised(?: to)?)\s+)?"
    r"(?:send(?:\s+over)?|share|forward|e-?mail|mail|provide|submit|pass on|give|get)\s+(?:(?:them|him|her|you)\s+)?"
)
_DAY_MARK = re.compile(r"(?i)\s*,?\s*\b(?:by|on|before|until|till|no later than|due)\s+(?=\S)")
_DAY_BARE = re.compile(r"(?i)\s+(today|tonight|tomorrow(?: morning| evening)?|this week|next week|early next week)\s*$")
_LIST_SPLIT = re.compile(
    r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the|my|our|some|two|three|four|five|\d+|links?|copies|"
    r"send|share|forward)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Item:
    what: str  # "my GitHub", "two references"
    due: date | None


def promise_items(promises: Iterable[object], ctx: Context, tz: str, now: datetime) -> list[Item]:
    """The user's promises as separate items, each once, each with its own day.

    A promise typed as a list ("a writing sample, two references and my GitHub") becomes three items; a
    verb and a day typed inside it ("send my GitHub by Friday") are taken out of the item and the day kept.
    A day at the end of a list applies to the items before it that have none of their own.
    """
    items: list[Item] = []
    seen: set[str] = set()
    for promise in promises:
        if not getattr(promise, "mine", True):
            continue
        what = getattr(promise, "what", "") or ""
        if is_filler(what):
            continue
        own: list[tuple[str, date | None]] = []
        for chunk in _chunks(tidy(drop_doubled_words(what)).rstrip(".!")):
            text, due = _split_day(chunk, tz, now)
            if not text and due and own:
                own[-1] = (own[-1][0], due)  # "by Thursday, 3 December": the day's second half
                continue
            text = _VERB.sub("", text).strip(" ,.")
            if text and not is_filler(text):
                own.append((text, due))
        pending: date | None = None
        for n in range(len(own) - 1, -1, -1):  # a trailing day covers the undated items before it
            text, due = own[n]
            pending = due or pending
            own[n] = (text, due or pending)
        for text, due in own:
            phrase = address(text, ctx)
            words = phrase.split(" ")
            if not _keeps_capital(words[0], words[1:2], ctx.proper):
                phrase = words[0].lower() + phrase[len(words[0]) :]
            key = phrase.lower()
            if key not in seen:
                seen.add(key)
                items.append(Item(phrase, due or getattr(promise, "due_on", None)))
    return items


def _chunks(text: str) -> list[str]:
    return [c for c in _LIST_SPLIT.split(text) if c and c.strip()]


def _split_day(chunk: str, tz: str, now: datetime) -> tuple[str, date | None]:
    chunk = chunk.strip()
    if _looks_like_day(chunk):
        try:
            return "", parse_day(chunk, tz, now)
        except Invalid:
            pass
    for mark in reversed(list(_DAY_MARK.finditer(chunk))):  # "notes on testing by Friday": the last one
        when = chunk[mark.end() :].strip()
        if len(when.split()) <= 4:
            try:
                return chunk[: mark.start()].strip(), parse_day(when, tz, now)
            except Invalid:
                continue
    bare = _DAY_BARE.search(chunk)
    if bare:
        try:
            return chunk[: bare.start()].strip(), parse_day(bare.group(1), tz, now)
        except Invalid:
            pass
    return chunk, None


_DAY_WORDS = re.compile(
    r"(?i)^(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+|\w+\s+\d{1,2}(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|tomorrow|today)$"
)


def _looks_like_day(chunk: str) -> bool:
    return bool(_DAY_WORDS.match(chunk.strip()))


def day_words(day: date) -> str:
    """ "Friday 4 December": the weekday and the date, no comma to trip a list."""
    return f"{day:%A} {day.day} {day:%B}"


def grouped(items: Sequence[Item]) -> list[tuple[list[str], date | None]]:
    """Items sharing a day, in order of the day (undated last), each group's items in typed order."""
    groups: dict[date | None, list[str]] = {}
    for item in items:
        groups.setdefault(item.due, []).append(item.what)
    order = sorted(groups, key=lambda day: (day is None, day or date.min))
    return [(groups[day], day) for day in order]
