"""Reading a day: a whole answer (`read_day`, `parse_day`) or a day phrase inside a sentence (`find_day`)."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dateparser

from bot.common.parsing.dates import (
    _MON,
    _MONTHS,
    _ORD,
    _WD,
    _WEEKDAYS,
    FUTURE,
    Ambiguous,
    DayRange,
    _foreign_days,
    _normalise,
    _one,
    date_order,
    day_word,
)
from bot.common.parsing.day_rules import _read_day_phrase
from bot.common.parsing.text import Invalid, edges, shorten
from bot.common.parsing.zones import region_for_zone

# Words a day phrase inside a sentence starts with ("they decide by the 11th").
_STARTS = re.compile(
    rf"^(?:by|before|on|until|till|in|within|next|this|coming|last|end|early|mid|mid-\w+|middle|late|later|the|"
    r"até|ate|hasta|bis|el|la|na|próxima|proxima|próximo|proximo|"  # "até sexta", "hasta el viernes", "bis Freitag"
    r"morgen|übermorgen|heute|mañana|manana|amanhã|amanha|hoy|hoje|domani|demain|yarın|kesho|bukas|"  # "Gesellenbrief morgen"
    r"asap|eod|eow|eom|cob|tmrw|tmr|tmw|tmrow|tomoz|2moro|nxt|nex|tday|tdy|tonite|wk|"  # "references asap", "cv tmrw"
    r"d'ici|demain|besok|lusa|fin|début|debut|mi|avant|sebelum|minggu|pekan|bulan|entro|sampai|"  # "D'ici mercredi"
    rf"today|tonight|tomorrow|yesterday|christmas|xmas|easter|thanksgiving|new|{_WD}|{_MON}|\d[\d/.\-]*(?:{_ORD})?)$",
    re.IGNORECASE,
)


def find_day(text: str, tz: str, now: datetime, *, tense: str = FUTURE, region: str | None = None):
    """A day phrase inside a sentence: (reading, the text without it) or None.

    "two references by Friday" -> (Friday, "two references"); the reading is a DayRange or Ambiguous.
    """
    today = now.astimezone(ZoneInfo(tz)).date()
    country = region or region_for_zone(tz)
    order = date_order(country)
    words = list(re.finditer(r"\S+", text))
    for i, first in enumerate(words):
        if not _starts(first.group()):
            continue
        for j in range(min(len(words), i + 8), i, -1):
            phrase = text[first.start() : words[j - 1].end()]
            if _ordinary_word(phrase):
                continue
            found = _read_day_phrase(phrase, today, tense, order, country)
            if found:
                found, j = _or_else(text, words, j, found, today, tense, order, country)
                rest = (text[: first.start()] + " " + text[words[j - 1].end() :]).strip()
                rest = re.sub(
                    r"\s+(?:by|before|on|until|till|due|latest|in|at|até|ate|hasta|bis)$", "", " ".join(rest.split())
                )
                return _reading(text, found), rest.strip(" ,;:-")
    return None


# The day after the one just said, as people add it after "or".
_DAY_AFTER = re.compile(
    r"(?i)(?:the\s+)?(?:day\s+after(?:\s+that|\s+tomorrow)?|next\s+day|one\s+after|"
    # the same said in Spanish, Portuguese, German, Dutch, French, Italian, Indonesian ("mañana o pasado")
    r"pasado(?:\s+ma[ñn]ana)?|depois(?:\s+de\s+amanh[ãa])?|[üu]bermorgen|ueb?ermorgen|overmorgen|"
    r"apr[eè]s[- ]demain|dopodomani|lusa)(?=[\s,.;:!?]|$)"
)
# "or" as people type it in their own language: "mañana o pasado", "morgen oder übermorgen", "besok atau lusa"
_OR_WORDS = {"or", "o", "ou", "oder", "atau", "oppure", "au", "veya", "eller", "lub", "czy"}
_OR_COUNT = re.compile(r"(?i)^(?:so|two|three|four|2|3|4|more|later|sooner|earlier)[,.;:!?]*$")


def _or_else(text: str, words: list[re.Match[str]], j: int, found: list[DayRange], today, tense, order, country=None):
    """A day followed by "or" and another ("by thursday or friday", "in a week or so"): the span of both, and the
    word after the whole; never an item "or friday" or "or two" left behind."""
    if j + 1 >= len(words) or words[j].group().lower() not in _OR_WORDS or len(found) != 1:
        return found, j
    after = _DAY_AFTER.match(text[words[j + 1].start() :])
    if after:  # "tomorrow or the day after", "friday or the next day": one day more, counted from the first
        k = j + 1 + len(after.group().split())
        return [DayRange(found[0].earliest, found[0].latest + timedelta(days=1))], k
    for k in range(min(len(words), j + 5), j + 1, -1):
        other = _read_day_phrase(text[words[j + 1].start() : words[k - 1].end()], today, tense, order, country)
        if other:  # "friday or monday" said on a Monday: the Monday after the Friday
            later = [c for c in other if c.latest >= found[0].earliest] or other
            lo, hi = min(found[0].earliest, later[-1].earliest), max(found[0].latest, later[-1].latest)
            return [DayRange(lo, hi)], k
    if _OR_COUNT.match(words[j + 1].group()):  # "or so", "or two": a hedge on the day, nothing to keep
        return found, j + 2
    return found, j


def _starts(word: str) -> bool:
    """A word a day phrase may start with, as typed ("by", "tomorow", "nxt", "mercredi")."""
    bare = word.strip(',.;:!?()"').lower().replace("’", "'").strip("'")
    said = _foreign_days(bare).split()
    return bool(_STARTS.match(bare) or _STARTS.match(day_word(bare)) or (said and _STARTS.match(said[0])))


_FULL_WEEKDAYS = {name.lower() for name in calendar.day_name}


def _ordinary_word(phrase: str) -> bool:
    """A lone word that is a date only in a date answer: "may", "sun", "march" inside a sentence.

    Inside a sentence a month needs a word before it ("by May", "in March"), and a weekday its full name.
    """
    word = _normalise(phrase)
    return " " not in word and (word in _MONTHS or (word in _WEEKDAYS and word not in _FULL_WEEKDAYS))


def _reading(typed: str, found: list[DayRange]) -> DayRange | Ambiguous:
    return found[0] if len(found) == 1 else Ambiguous(typed.strip(), tuple(found))


def read_day(
    text: str, tz: str, now: datetime, *, tense: str = FUTURE, region: str | None = None
) -> DayRange | Ambiguous:
    """A day in the user's zone: a date, a vague span, or the candidates of an ambiguous answer."""
    raw = " ".join(text.strip().split())
    if not raw or len(raw) > 300 or raw.isdigit():
        raise Invalid(_day_hint(raw, tense))
    today = now.astimezone(ZoneInfo(tz)).date()
    country = region or region_for_zone(tz)
    order = date_order(country)
    found = _read_day_phrase(raw, today, tense, order, country)
    said = " ".join(_foreign_days(raw.lower()).split())  # "amanhã de manhã": read as "tomorrow morning" from here
    raw = said if found is None and said != raw.lower() else raw
    if found is None:
        hoped = _hope_and_latest(raw, today, tense, order, country)
        if hoped is not None:
            return hoped
    if found is None:
        inside = find_day(raw, tz, now, tense=tense, region=region)
        if inside is not None:
            return inside[0]
    if found is None and len(raw) <= 80:
        parsed = _dateparser(raw, tz, now, tense, order)
        if parsed is None and len(raw.split()) <= 3:  # "yarın", "domani", "kesho": the day in the user's language
            parsed = _dateparser(raw, tz, now, tense, order, languages=_OTHER_LANGUAGES)
        if parsed is not None:
            found = _one(parsed[0].date())
    if not found:
        inside = _day_in_clauses(raw, today, tense, order, country)
        if inside is not None:
            return inside
        raise Invalid(_day_hint(raw, tense))
    return _reading(raw, found)


# The languages people type a day in when the English reading finds none (dateparser's codes).
_OTHER_LANGUAGES = [
    "es",
    "pt",
    "de",
    "fr",
    "it",
    "tr",
    "sv",
    "nl",
    "pl",
    "da",
    "nb",
    "fi",
    "id",
    "ms",
    "sw",
    "fil",
    "vi",
]
_CLAUSES = re.compile(r"\s*(?:[,;:]|(?<!\b\w)\.(?:\s|$)|\s[-–—]+\s|\s+but\s+)\s*")
_DAY_LEAD = re.compile(
    r"(?i)^(?:(?:hopefully|inshallah|insha'?allah|ojalá|ojala|oxalá|oxala|prob|probably|maybe|i think|i guess|they said|"
    r"she said|he said|said|apparently|supposedly|ideally|like|um+|uh+|so|well|ok|okay|no seriously|seriously|"
    r"sometime|some time|roughly|about|around)\s+)+"
)
_DAY_TAIL = re.compile(
    r"(?i)(?:\s+(?:at the (?:very )?latest|latest|max|at most|tops|hopefully|inshallah|insha'?allah|ojalá|ojala|"
    r"they said|she said|he said|i think|i guess|apparently|probably|prob|or so|ish|sometime|or so))+$"
)


_COUNT_ALONE = re.compile(
    r"(?i)(?:\d{1,2}|a couple(?: of)?|a few|two|three|four|five|six)\s*(?:days?|d|weeks?|wks?|w|months?|mths?)"
)


def _day_in_clauses(
    raw: str, today: date, tense: str, order: str | None, country: str | None = None
) -> DayRange | Ambiguous | None:
    """ "wed at the latest, need to chase my old boss first", "v. 51 they said": the first clause that says a day,
    without the words around it ("at the latest", "they said", "hopefully"); a clause's first or last words when the
    rest of it says something else. A lone short word ("may", "sun") counts only at the start of the answer."""
    for n, clause in enumerate(c for c in _CLAUSES.split(raw) if c.strip()):
        clause = _DAY_TAIL.sub("", _DAY_LEAD.sub("", clause.strip(" .!?"))).strip(" .!?")
        words = clause.split()
        for part in edges(clause):
            if _ordinary_word(part) and not (n == 0 and words and part == words[0]):
                continue
            if not re.search(r"\d|[^\W\d_]{3,}", part):
                continue
            found = _read_day_phrase(part, today, tense, order, country)
            if not found and _COUNT_ALONE.fullmatch(part):  # "2 wks", "a couple of weeks": that long from now
                found = _read_day_phrase(f"in {part}", today, tense, order, country)
            if found:
                return _reading(part, found)
    return None


_LATEST = re.compile(
    r"(?i)\b(?:at the (?:very )?latest|latest|worst case|at worst|at most|no later than|not later than|failing that|"
    r"if not(?: then)?|otherwise)\b[\s,:]*"
)


def _hope_and_latest(
    raw: str, today: date, tense: str, order: str | None, country: str | None
) -> DayRange | Ambiguous | None:
    """ "by fri hopefully, latest mid next wk", "thursday if all goes well, worst case the 18th": a hoped day and a
    latest one, as the span from the first to the last (the reminders count from the latest); None unless a clause
    after the first says a latest day."""
    clauses = [c for c in _CLAUSES.split(raw) if c.strip()]
    if len(clauses) < 2 or not any(_LATEST.search(c) for c in clauses[1:]):
        return None
    first = _day_in_clauses(clauses[0], today, tense, order, country)
    for clause in clauses[1:]:
        if not _LATEST.search(clause):
            continue
        last = _day_in_clauses(_LATEST.sub(" ", clause).strip(), today, tense, order, country)
        if not isinstance(first, DayRange) or last is None:
            continue
        later = [c for c in (last.candidates if isinstance(last, Ambiguous) else (last,)) if c.latest > first.latest]
        spans = tuple(DayRange(min(first.earliest, c.earliest), c.latest) for c in later)
        if spans:  # a latest day that could be this week's or next: which one is asked
            return spans[0] if len(spans) == 1 else Ambiguous(raw, spans)
    return None


def _day_hint(raw: str, tense: str) -> str:
    what = f"I couldn't read “{shorten(raw, 80)}” as a day. " if raw else ""
    if tense == FUTURE:
        return what + "Try “Friday”, “the 11th”, “end of next week”, “mid-December” or “in two weeks”."
    return what + "Try “today”, “yesterday”, “Monday” or a date such as 14 March."


def _dateparser(
    raw: str, tz: str, now: datetime, tense: str, order: str | None, languages: list[str] | None = None
) -> tuple[datetime, str] | None:
    """dateparser's reading (local, naive) and its period ("time" when a time of day was given)."""
    if re.fullmatch(r"(?:at\s+)?\d{1,2}(?:st|nd|rd|th)?", raw.strip().lower()):
        return None  # "at 9", "11th": dateparser would guess a month or a year away
    settings = {
        "PREFER_DATES_FROM": tense,
        "RELATIVE_BASE": now.astimezone(ZoneInfo(tz)).replace(tzinfo=None),
        "RETURN_TIME_AS_PERIOD": True,
    }
    if order:
        settings["DATE_ORDER"] = order
    data = dateparser.DateDataParser(languages=languages or ["en"], settings=settings).get_date_data(raw)
    if data.date_obj is None:
        return None
    return data.date_obj.replace(tzinfo=None), data.period or "day"


def parse_day(text: str, tz: str, now: datetime) -> date:
    """A future day ('Friday', 'end of next week', 'mid-December'); a span gives its last day.

    An ambiguous answer gives its later reading; the field layer (`bot.conversation.fields`) asks instead.
    """
    reading = read_day(text, tz, now, tense=FUTURE)
    if isinstance(reading, Ambiguous):
        return reading.candidates[-1].latest
    return reading.latest
