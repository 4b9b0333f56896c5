"""The user's promises as separate items, each with its own day, and grouped by day."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from bot.common import when as timewords
from bot.common.parsing.days import parse_day
from bot.common.parsing.text import Invalid
from bot.drafts.writer.cleaning import _keeps_capital, drop_doubled_words, is_filler, tidy
from bot.drafts.writer.perspective import Context, address

D = TypeVar("D")

# ---- promises -----------------------------------------------------------------------------------

# The lead-in of a promise as typed ("I said I'd send them", "Laura will send me", "they promised to share"):
# who promises (`who`), and to whom (`to`). The one place these words are known: the field layer strips them
# when a promise is stored and reads whose promise it is from them; the drafts strip what is left in old rows.
_NOT_A_NAME = (
    r"said|told|promised|mentioned|confirmed|agreed|will|would|shall|is|are|was|were|am|need|needs|have|has|must|"
    r"should|can|could|also|probably|definitely|still|just|then|soon|i|we|they|he|she|it|you|send|share|forward|"
    r"give|get|provide|submit|to|my|a|an|im|theyre|hes|shes|ill|theyll|gonna"
)
_NAME = rf"(?!(?:{_NOT_A_NAME})\b)[^\W\d_][\w'’.-]*"
_WHO = rf"(?P<who>i|we|they|he|she|im|theyre|hes|shes|ill|theyll|(?:the|their|our)\s+[^\W\d_]+(?:['’]s)?(?:\s+[^\W\d_]+)?|{_NAME}(?:\s+{_NAME})?)"  # "the MD's PA": who, however long the possessive
_WILL = (
    r"(?:\s*['’](?:ll|d|re going to|m going to|s going to|s|re)(?=\s+(?:sending|sharing|forwarding|emailing|"
    r"giving|getting|going to)\b)|\s*['’](?:ll|d|re going to|m going to|s going to)|\s+(?:is|are)(?=\s+(?:sending|"
    r"sharing|forwarding|emailing))|\s+(?:will|would|shall|am going to|are going to|"
    r"is going to|was going to|were going to|need to|needs to|have to|has to|must|should|can|could|promised to|"
    r"offered to|agreed to|want to|wants to|plan to|plans to)|(?:\s*['’](?:re|m|s))?\s+(?:(?:are|is|am)\s+)?"
    r"(?:gonna|gon|going to|about to))"  # "I'm gonna", "they're gonna", "she's going to"
)
_SAID = (
    r"\s+(?:said|told\s+(?:them|him|her|me|us|you|[^\W\d_]+)|promised|mentioned|confirmed|agreed)(?:\s+that)?"
    rf"\s+(?:i|we|they|he|she){_WILL}"
)
_ADVERB = r"(?:\s+(?:also|probably|definitely|still|just|quickly|then|soon))?"
_VERBS = (
    r"(?:send(?:ing)?(?:\s+over|\s+across|\s+through|\s+back)?|shar(?:e|ing)|forward(?:ing)?|e-?mail(?:ing)?|mail|provide|"
    r"submit|pass on|giv(?:e|ing)|get(?!\s+back)|drop(?:ping)?(?:\s+off)?|bring(?:ing)?(?:\s+in)?|post(?:ing)?|"
    r"upload(?:ing)?|deliver(?:ing)?|text(?:ing)?|whatsapp(?:ing)?)"
)
# Whom an item goes to, by name, before what it is: "send Ana my paper" (a capitalised word, then a determiner).
_TO_NAME = r"(?-i:[A-Z][\w'’-]+)(?=\s+(?:my|a|an|the|our|some|two|three|\d+)\b)"
LEAD = re.compile(
    rf"(?i)^\s*(?:{_WHO}(?:{_SAID}|{_WILL})?{_ADVERB}\s+|(?:will|to|promised(?: to)?|gonna|going to|gotta|have to|"
    r"need to|got to)\s+)?"
    rf"(?:{_VERBS}|(?<=\s)promised)\s+(?:(?P<to>them|him|her|you|me|us|{_TO_NAME})\s+)?"
)
_MINE_WHO = {"i", "we", "im", "ill"}
# The same frame in Spanish and Portuguese: "me van a mandar el contrato" (theirs, to me), "les voy a enviar mi CV"
# (mine), "vão mandar a grelha" (theirs): who by the verb's person, the verb of sending, then the item.
_LEAD_IBERIAN = re.compile(
    r"(?i)^\s*(?:(?P<to>me|nos|les|le|lhes|lhe)\s+)?(?P<will>voy|vamos|van|va|vai|vão|vou|iba|iban)\s+(?:a\s+)?"
    r"(?:mandar|enviar|pasar|compartir|entregar|passar)(?:me|nos|les|le|lhes)?\s+(?=\S)"
)
_THEIR_TO = {"me", "us"}


@dataclass(frozen=True, slots=True)
class Lead:
    """What a promise's lead-in says: the rest, whose promise (None: it doesn't say), the name of who promised."""

    rest: str
    mine: bool | None = None
    who: str | None = None


# A promise to come back to the user rather than to send a thing: "they said they'd let me know by friday", "she'll
# ring me tomorrow with the outcome", "HR will get back to me next week": what comes is what they come back with,
# else an update.
_TELL_BACK = re.compile(
    rf"(?i)^\s*{_WHO}(?:{_SAID}|{_WILL}){_ADVERB}\s+(?:let\s+(?:me|us)\s+know|get\s+back\s+to\s+(?:me|us)|"
    r"come\s+back\s+to\s+(?:me|us)|(?:call|ring|phone|contact)\s+(?:me|us)(?:\s+back)?|be\s+in\s+touch|"
    r"reach\s+out|update\s+(?:me|us))\b"
)
_BACK_WITH = re.compile(r"(?i)\b(?:with|about|regarding|re|on)\s+(?P<what>(?:the|their|a|an|my|our|some)\s+.+)$")
UPDATE = "an update"


def told_back(text: str) -> Lead | None:
    """A promise to come back to the user (the field layer's reading: "an update", or what they come back with);
    None for any other line. The drafts' `lead_in` keeps such a line as typed."""
    found = _TELL_BACK.match(text)
    if found is None:
        return None
    rest = text[found.end() :].strip(" ,")
    said = _BACK_WITH.search(rest)
    what = f"{said['what']} {rest[: said.start()]}".strip() if said else f"{UPDATE} {rest}".strip()
    who = found["who"].lower()
    if who in _MINE_WHO:
        return None  # "I'll call them": not something they promised
    named = (
        None
        if who in {"they", "he", "she", "theyre", "hes", "shes", "theyll"} or re.match(r"(?i)(?:the|their|our)\s", who)
        else re.sub(r"['’]s$", "", found["who"])
    )
    return Lead(what, False, named)


def lead_in(text: str) -> Lead:
    """ "I said I'd send them my portfolio" -> mine, "my portfolio"; "Laura will send me the brand guidelines"
    -> theirs, by "Laura", "the brand guidelines"; "two references" -> whose it is not said."""
    iberian = _LEAD_IBERIAN.match(text)
    if iberian is not None and text[iberian.end() :].strip():
        return Lead(text[iberian.end() :].strip(), iberian["will"].lower() in {"voy", "vamos", "vou", "iba"})
    found = LEAD.match(text)
    if found is None or not text[found.end() :].strip():
        return Lead(text.strip())
    rest = text[found.end() :].strip()
    who = (found["who"] or "").lower()
    to = (found["to"] or "").lower()
    if who in _MINE_WHO:
        return Lead(rest, True)
    if who:
        named = (
            re.sub(r"['’]s$", "", found["who"])
            if who not in {"they", "he", "she", "theyre", "hes", "shes", "theyll"}
            and not re.match(r"(?i)(?:the|their|our)\s", who)
            else None
        )
        return Lead(rest, False, named)
    if to:
        return Lead(rest, to not in _THEIR_TO)
    return Lead(rest)


_DAY_MARK = re.compile(r"(?i)\s*,?\s*\b(?:by|on|before|until|till|no later than|due)\s+(?=\S)")
# "the lesson plan from today": a day after "from" or "of" names the thing, it is not when it is due
_DAY_BARE = re.compile(
    r"(?i)(?<!\bfrom)(?<!\bof)\s+(today|tonight|tomorrow(?: morning| evening)?|this week|next week|early next week)\s*$"
)
_LIST_SPLIT = re.compile(
    r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the|my|our|some|two|three|four|five|\d+|links?|cop(?:y|ies)|scans?|"
    r"send|share|forward)\b)"
    r"|\s+and\s+(?-i:[A-Z][\w'’-]+)\s+(?=(?:my|a|an|the|our|some|two|three|\d+)\b)",  # "... and Rui a write-up"
    re.IGNORECASE,
)


# One of the user's own papers typed without a word before it ("cv in english", "portfolio link", "5 yr address
# history"): "my ...". A
# plural ("references") or an uncountable ("proof of address") reads right without it.
_OWN_PAPER = re.compile(
    r"(?i)(?:\d+-(?:year|month|week)\s+)?(?:cv|resume|résumé|portfolio|transcript|passport|licen[cs]e|certificate|"
    r"diploma|degree|visa|registration|reference letter|(?:address|work|employment)\s+history)\b(?!s)"
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
        own = split_items(what, lambda chunk: _split_day(chunk, tz, now))
        for text, due in own:
            phrase = address(text, ctx)
            words = phrase.split(" ")
            if not _keeps_capital(words[0], words[1:2], ctx.proper):
                phrase = words[0].lower() + phrase[len(words[0]) :]
            if _OWN_PAPER.match(phrase):
                phrase = "my " + phrase  # "cv in english": one of the user's own papers, said as theirs
            key = phrase.lower()
            if key not in seen:
                seen.add(key)
                items.append(Item(phrase, due or getattr(promise, "due_on", None)))
    return items


# A chunk that only says who the list goes to ("to HR", "to Ayşe"), and a time of day left after the day was
# taken out ("... to Priya arvo" from "by thurs arvo").
_RECIPIENT = re.compile(r"(?i)to\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?")
_TIME_OF_DAY = re.compile(
    r"(?i)\s+(?:arvo|afternoon|morning|evening|eod|cob|first thing|latest|at the latest|"
    r"(?:at\s+|before\s+)?\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?)\s*$"
)  # "the trial 5pm" from "the trial by thursday 5pm"


def split_items(text: str, split_day: Callable[[str], tuple[str, D | None]]) -> list[tuple[str, D | None]]:
    """A promise typed as a list, as items each with its day: "my case study by Thursday and a link to my repo
    by Monday" -> [("my case study", Thursday), ("a link to my repo", Monday)].

    `split_day` takes a day out of one item ("two references by Friday" -> ("two references", Friday)); the
    verbs around the items ("send them ...") are dropped, and a day at the end of a list covers the items
    before it that have none of their own. The one splitter: the field layer stores what it gives, the
    drafts read old rows with it.
    """
    own: list[tuple[str, D | None]] = []
    for chunk in _chunks(tidy(drop_doubled_words(text)).rstrip(".!")):
        rest, due = split_day(chunk)
        if not rest and due and own:
            own[-1] = (own[-1][0], due)  # "by Thursday, 3 December": the day's second half
            continue
        rest = _TIME_OF_DAY.sub("", LEAD.sub("", rest)).strip(" ,.")
        if own and _RECIPIENT.fullmatch(rest):  # "..., to HR by tomorrow": who the list goes to, not an item
            own[-1] = (f"{own[-1][0]} {rest}", own[-1][1] or due)
            continue
        if rest and not is_filler(rest):
            parts = re.split(r"\s+and\s+", rest)
            if len(parts) >= 3 and all(1 <= len(p.split()) <= 6 for p in parts):  # "a and b and c": a list
                own += [(p, due) for p in parts]
                continue
            own.append((rest, due))
    pending: D | None = None
    for n in range(len(own) - 1, -1, -1):  # a trailing day covers the undated items before it
        rest, due = own[n]
        pending = due or pending
        own[n] = (rest, due or pending)
    return own


def _chunks(text: str) -> list[str]:
    return [c for c in _LIST_SPLIT.split(text) if c and c.strip()]


# Chat's words for tomorrow, and a word in brackets after an item (a gloss: "food handler cert (manipulador)").
_TOMORROW = re.compile(r"(?i)(?<![\w'’])(?:tmrw|tmr|tmrow|tmoro|2moro|2morrow|tomoz)(?![\w'’])")
_GLOSS = re.compile(r"\s*\([^()\s]+\)")


def _split_day(chunk: str, tz: str, now: datetime) -> tuple[str, date | None]:
    chunk = _GLOSS.sub("", _TOMORROW.sub("tomorrow", chunk.strip())).strip()
    chunk = re.sub(r"(?i)^(?:tonight|today|this evening)\s+or\s+(?=tomorrow\b)", "", chunk)  # the later day
    if _looks_like_day(chunk):
        try:
            return "", parse_day(chunk, tz, now)
        except Invalid:
            pass
    for mark in reversed(list(_DAY_MARK.finditer(chunk))):  # "notes on testing by Friday": the last one
        when = chunk[mark.end() :].strip()
        when = re.sub(r"(?i)\s*,?\s*(?:at\s+)?\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?$", "", when) or when  # "thursday 5pm"
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
    return timewords.day_words(day)


def grouped(items: Sequence[Item]) -> list[tuple[list[str], date | None]]:
    """Items sharing a day, in order of the day (undated last), each group's items in typed order."""
    groups: dict[date | None, list[str]] = {}
    for item in items:
        groups.setdefault(item.due, []).append(item.what)
    order = sorted(groups, key=lambda day: (day is None, day or date.min))
    return [(groups[day], day) for day in order]
