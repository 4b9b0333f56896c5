"""Days: the calendar words, `DayRange` / `Ambiguous`, the date arithmetic, and a country's numeric date order."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

PAST, FUTURE = "past", "future"
FUTURE_SLACK = timedelta(minutes=2)  # "just now" typed a minute after the clock: still not the future

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "a couple": 2, "few": 3, "a few": 3,
    "several": 3,
}  # fmt: skip
_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_COUNT = r"\d{1,3}|" + "|".join(sorted(_COUNTS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)"
# Words around a date that do not change it ("by Friday", "probably next week", "Friday at the latest").
_LEAD = re.compile(
    r"^(?:by|on|until|till|til|for|around|about|roughly|approximately|approx|probably|prob|probs|maybe|perhaps|"
    r"hopefully|earlier|"
    r"likely|sometime|some time|no later than|not later than|at|in time for|latest|due|done|in(?=\s+q[1-4]\b)|"
    r"(?:they|she|he|hr)\s+(?:said|say|reckon|think|told me|mentioned))\s+"  # "they said asap"
)
_TRAIL = re.compile(
    r"\s+(?:at the latest|latest|or so|or sooner|at most|hopefully|probably|itself|lol|haha|hehe|pls|please|po|"
    r"tho|though|ish)$"
)


@dataclass(frozen=True)
class DayRange:
    """A day, or a span of days for a vague answer ("early next week"): the reminder maths uses `latest`. `name` is
    how people call a span that has one ("early January" for "after the new year"), said back before its days."""

    earliest: date
    latest: date
    name: str | None = field(default=None, compare=False)

    @property
    def day(self) -> date:
        return self.latest

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


@dataclass(frozen=True)
class Ambiguous:
    """An answer with more than one fair reading ("next Friday" on a Wednesday): ask which one."""

    typed: str
    candidates: tuple[DayRange, ...]


def _one(day: date, last: date | None = None) -> list[DayRange]:
    return [DayRange(day, last or day)]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNTS[word]


def _normalise(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("–", "-")
    s = re.sub(r"[!?;]+|\.(?=\s|$)|,(?=\s|$)", " ", s)
    s = re.sub(r"\bmid-", "mid ", s)
    s = re.sub(r"(?<=[^\W\d_])-ish\b|(?<=day)ish\b", " ish", s)  # "next tues-ish", "fridayish": said loosely
    s = re.sub(r"\b(?:tmrw|tmr|tmw|tmrow|tomoz|tmoro|2moro|2morrow)\b", "tomorrow", s)  # as typed on a phone
    s = _phone_words(s)
    # "2-3 wks", "10 d", "6 mths": a count's unit as typed on a phone (only after a number: "wk 24" is a week number)
    s = re.sub(r"(\d)\s*(?:wks?|w)\b", r"\1 weeks", s)
    s = re.sub(r"(\d)\s*(?:dys?|d)\b", r"\1 days", s)
    s = re.sub(r"(\d)\s*(?:mths?|mnths?|mos?)\b", r"\1 months", s)
    s = _foreign_days(s)
    s = re.sub(r"\bnext tomorrow\b", "day after tomorrow", s)  # Nigerian English
    s = re.sub(r"\b(month|year|quarter|week)[- ]end\b", r"end \1", s)  # "by month end", "before year-end"
    s = re.sub(r"\b(?:asap|a\.s\.a\.p\.?|as soon as possible|right away|straight away)\b", "tomorrow", s)
    s = re.sub(r"\bwk\b(?!\.?\s*\d)", "week", s)  # "next wk sometime", "wk after next", "end of wk" ("wk 24" stays)
    s = re.sub(r"\bwks\b", "weeks", s)
    s = re.sub(r"\b(?:eod|cob|eob|end of (?:the )?(?:business )?day)\s+(?=tomorrow\b|today\b|\w+day\b)", "", s)
    s = re.sub(r"\bthis side of\b", "before", s)  # "this side of christmas"
    s = re.sub(r"\b(?:the|of)\b", " ", s)  # "the end of the month" = "end month"; "the 11th" = "11th"
    return " ".join(s.split())


# Day words people mix in from their own language (Portuguese, Spanish, German, Japanese): "amanhã de manhã",
# "hoy", "gestern", "年内" (within the year). The part of the day first: "de manhã" is "in the morning".
_FOREIGN_DAYS = (
    (r"\b(?:de|pela|por la|en la)\s+(?:manhã|manha|mañana|manana)\b|\bvormittags?\b|\bmorgens\b", " morning "),
    (r"\b(?:à|a|pela|por la|de la)\s+tarde\b|\bnachmittags?\b", " afternoon "),
    (r"\b(?:à|a|de la|por la)\s+noite\b|\bpor la noche\b|\babends\b", " evening "),
    (r"\b(?:amanhã|amanha|mañana|manana)\b|\bmorgen\b", " tomorrow "),
    (r"\b(?:hoje|hoy|heute)\b", " today "),
    (r"\b(?:ontem|ayer|gestern)\b", " yesterday "),
    (r"\b(?:navidad|natal|weihnachten|noël|noel|natale|julafton|jul)\b", " christmas "),  # "antes de navidad"
    (r"\b(?:antes\s+d[eo]l?|antes\s+da|vor|avant|prima\s+di|före|innan)\s+(?=christmas\b)", " before "),
    (
        r"\b(?:nach|después\s+de|despues\s+de|depois\s+d[oa]|após|apos|après|apres|dopo|efter)\s+(?=christmas\b)",
        " after ",
    ),
    (
        r"\b(?:la\s+)?semana\s+que\s+(?:viene|vem)\b|\b(?:la\s+|a\s+)?pr[oó]xima\s+semana\b|\bnächste[n]?\s+woche\b|"
        r"\bla\s+semaine\s+prochaine\b|\bla\s+prossima\s+settimana\b|\bprossima\s+settimana\b|\bnästa\s+vecka\b|"
        r"\bgelecek\s+hafta\b|\bhaftaya\b",
        " next week ",
    ),
    # French, Italian, Indonesian/Malay and Dutch day words: "demain", "d'ici mercredi", "besok", "minggu depan"
    (r"\bapr[eè]s[- ]demain\b|\bdopodomani\b|\blusa\b|\bovermorgen\b", " day after tomorrow "),
    (r"\bdemain\b|\bdomani\b|\bbesok\b|\besok\b", " tomorrow "),
    (r"\baujourd'?hui\b|\boggi\b|\bhari ini\b|\bvandaag\b", " today "),
    (r"\bce soir\b|\bstasera\b|\bmalam ini\b|\bvanavond\b", " tonight "),
    (r"\b(?:minggu|pekan)\s+depan\b|\bvolgende\s+week\b|\bsemaine\s+prochaine\b", " next week "),
    (
        r"\b(?:le\s+)?mois\s+prochain\b|\bbulan\s+depan\b|\b(?:el\s+)?mes\s+que\s+viene\b|\bpróximo\s+m[eê]s\b|"
        r"\bo\s+m[eê]s\s+que\s+vem\b|\bnächsten\s+monat\b|\bil\s+mese\s+prossimo\b",
        " next month ",
    ),
    (
        r"\b(?:d'ici|jusqu'à|jusqu'a|entro|sampai|paling lambat|uiterlijk|spätestens|spaetestens)\s+(?:(?:le|la|il|al|à|a)\s+)?",
        " by ",
    ),
    (r"\b(?:avant|sebelum)\s+(?:(?:le|la)\s+)?", " before "),
    (r"年内|今年中", " end of year "),
    (r"今月中|今月末|月末", " end of month "),
    (r"来週中|来週", " next week "),
    (r"今週中|今週", " this week "),
    (r"明日", " tomorrow "),
    (r"[、。]|とのこと|には|まで|ぐらい|くらい", " "),
)


# Weekdays in Spanish, Portuguese and German ("el jueves", "até sexta", "bis Freitag"). The Portuguese ones that
# are also ordinals ("segunda" = second) only with "-feira" or a word that makes them a day.
_FOREIGN_WEEKDAYS = (
    ("monday", r"lunes|montag|segunda-feira|lundi|lunedì|lunedi|maandag|senin"),
    ("tuesday", r"martes|dienstag|terça-feira|terca-feira|mardi|martedì|martedi|dinsdag|selasa"),
    ("wednesday", r"miércoles|miercoles|mittwoch|quarta-feira|mercredi|mercoledì|mercoledi|woensdag|rabu"),
    ("thursday", r"jueves|donnerstag|quinta-feira|jeudi|giovedì|giovedi|donderdag|kamis"),
    ("friday", r"viernes|freitag|sexta-feira|vendredi|venerdì|venerdi|vrijdag|jumat|jum'at"),
    ("saturday", r"sábado|sabado|samstag|samedi|zaterdag|sabtu"),
    ("sunday", r"domingo|sonntag|dimanche|zondag"),
)
_PT_SHORT = {"segunda": "monday", "terça": "tuesday", "terca": "tuesday", "quarta": "wednesday", "quinta": "thursday",
             "sexta": "friday"}  # fmt: skip
_ENGLISH_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


# Day words as typed on a phone: shortened ("nxt wk", "tday", "tonite") or misspelt ("tomorow", "wensday",
# "yesterdy"). A misspelling is read as the day word it is one letter from (two for a long word), when it starts with
# the same letter and is six letters or more: short words ("frida", "mars") are too often something else.
_SHORT_DAY_WORDS = {
    "nxt": "next", "nex": "next", "tday": "today", "tdy": "today", "2day": "today", "tonite": "tonight",
    "2nite": "tonight", "2night": "tonight", "tnite": "tonight", "wkend": "weekend", "wknd": "weekend",
    "mnth": "month", "mth": "month", "eow": "end of week", "eom": "end of month", "wks": "weeks",
}  # fmt: skip
_DAY_VOCABULARY = (
    "tomorrow", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "august", "september", "october", "november", "december", "fortnight", "weekend",
    "christmas", "morning", "afternoon", "evening",
)  # fmt: skip


def _edits(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
    return current[-1]


@lru_cache(maxsize=4096)
def day_word(word: str) -> str:
    """A day word as meant: "tomorow" -> "tomorrow", "nxt" -> "next"; any other word as it is."""
    lowered = word.lower()
    if lowered in _SHORT_DAY_WORDS:
        return _SHORT_DAY_WORDS[lowered]
    if len(lowered) < 6 or not lowered.isalpha() or lowered in _WEEKDAYS or lowered in _MONTHS:
        return word
    for known in _DAY_VOCABULARY:
        if lowered == known:
            return word
    for known in _DAY_VOCABULARY:
        if known[0] == lowered[0] and _edits(lowered, known, 1 if len(known) < 8 else 2) <= (
            1 if len(known) < 8 else 2
        ):
            return known
    return word


def _phone_words(s: str) -> str:
    return re.sub(r"[^\W\d_]{3,}|\d[a-z]+", lambda m: day_word(m.group()), s)


def _foreign_days(s: str) -> str:
    for pattern, said in _FOREIGN_DAYS:
        s = re.sub(pattern, said, s)
    s = _foreign_months(s)
    for english, pattern in _FOREIGN_WEEKDAYS:
        s = re.sub(rf"\b(?:{pattern})(?!\w)", english, s)
    s = re.sub(
        r"\b(até|ate|na|nesta|próxima|proxima|pela)\s+(segunda|terça|terca|quarta|quinta|sexta)\b",
        lambda m: f"{m.group(1)} {_PT_SHORT[m.group(2)]}",
        s,
    )
    s = re.sub(rf"\b(?:el|este|am|na|nesta|pela|diesen|diesem)\s+(?={_ENGLISH_WD}\b)", "", s)  # "el jueves"
    s = re.sub(rf"\b(?:até|ate|hasta|bis)\s+(?={_ENGLISH_WD}\b)", "by ", s)  # "até sexta": by Friday
    s = re.sub(rf"\b(?:próximo|proximo|próxima|proxima|nächsten|nächster|naechsten)\s+(?={_ENGLISH_WD}\b)", "next ", s)
    return s


# Months in French, Spanish, Portuguese, Italian, German, Dutch and Indonesian; the short ones that are also other
# words ("mars", "mai", "mei") only after a day number or a part of the month ("15 mai", "fin mars").
_FOREIGN_MONTHS = {
    "january": "janvier|enero|janeiro|gennaio|januar|januari|janv",
    "february": "février|fevrier|febrero|fevereiro|febbraio|februar|februari|févr|fevr",
    "march": "marzo|março|marco|märz|maerz|maart|maret",
    "april": "avril|abril|aprile",
    "may": "mayo|maio|maggio",
    "june": "juin|junio|junho|giugno|juni",
    "july": "juillet|julio|julho|luglio|juli",
    "august": "août|aout|agosto|augustus|agustus",
    "september": "septembre|septiembre|setiembre|setembro|settembre",
    "october": "octobre|octubre|outubro|ottobre|oktober",
    "november": "novembre|noviembre|novembro",
    "december": "décembre|decembre|diciembre|dezembro|dicembre|dezember|desember",
}  # fmt: skip
_PART_WORDS = (
    (
        "end",
        r"(?:à la |a la |a |en )?fin(?:ales)?(?: de| du| d')?|final(?:es)? de|(?:no |ao |o )?fim d[eo]s?|ende|akhir|eind",
    ),
    ("early", r"(?:au )?d[ée]but(?: de| du| d')?|principios de|inicios? de|in[ií]cio de|anfang|inizio|awal|begin"),
    ("mid", r"(?:à la )?mi-?|mediados de|meados de|mitte|met[àa] di|pertengahan|half"),
)


def _foreign_months(s: str) -> str:
    for english, pattern in _FOREIGN_MONTHS.items():
        s = re.sub(rf"\b(?:{pattern})(?!\w)", english, s)
    parts = "|".join(name for name in _FOREIGN_MONTHS) + r"|mars|mai|mei|mois|month|semaine|semana|settimana|woche|week"
    for english, pattern in _PART_WORDS:
        s = re.sub(rf"(?<!\w)(?:{pattern})\s*(?=(?:{parts})\b)", f"{english} ", s)
    s = re.sub(r"(?:(?<=\d )|(?<=end )|(?<=early )|(?<=mid ))(?:mars|maart)\b", "march", s)
    s = re.sub(r"(?:(?<=\d )|(?<=end )|(?<=early )|(?<=mid ))(?:mai|mei)\b", "may", s)
    s = re.sub(r"\b(?:mois|mes|mês|monat|bulan)\b(?=\s*$)|(?<=end )(?:mois|mes|mês|monat|bulan)\b", "month", s)
    s = re.sub(r"\b(?:até|hasta)\s+(?:(?:o|a|ao|el|la)\s+)?(?=end\b|early\b|mid\b)", "by ", s)  # "até o fim do mês"
    return re.sub(r"\b(?:semaine|semana|settimana|woche|minggu)\b(?=\s*$)", "week", s)


def _holiday(name: str, year: int) -> date | None:
    from dateutil.easter import easter

    if name in {"christmas", "xmas", "christmas day"}:
        return date(year, 12, 25)
    if name == "christmas eve":
        return date(year, 12, 24)
    if name in {"new year", "new year's", "new years", "new year's day", "new years day"}:
        return date(year + 1, 1, 1)
    if name in {"new year's eve", "new years eve", "nye"}:
        return date(year, 12, 31)
    if name == "easter":
        return easter(year)
    if name == "thanksgiving":  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


def _month_part(part: str | None, first: date, today: date, tense: str) -> list[DayRange]:
    last = _month_last(first.year, first.month)
    span = {
        None: (first, last),
        "early": (first, first.replace(day=10)),
        "beginning": (first, first.replace(day=10)),
        "start": (first, first.replace(day=10)),
        "mid": (first.replace(day=15), first.replace(day=15)),
        "middle": (first.replace(day=15), first.replace(day=15)),
        "late": (first.replace(day=20), last),
        "end": (last, last),
    }[part]
    lo, hi = span
    if tense == FUTURE and lo < today <= hi:
        lo = today
    return _one(lo, hi)


def _by_day_of_month(day: int, today: date, tense: str, weekday: int | None, month: int | None) -> list[DayRange]:
    """The next (or last) date with this day of the month, weekday and month where given."""
    step = 1 if tense == FUTURE else -1
    first = today.replace(day=1)
    found: list[DayRange] = []
    for offset in range(0, 12 * 8):
        anchor = _add_months(first, offset * step)
        if month and anchor.month != month:
            continue
        if day > calendar.monthrange(anchor.year, anchor.month)[1]:
            continue
        candidate = anchor.replace(day=day)
        if (candidate < today) if tense == FUTURE else (candidate > today):
            continue
        if weekday is None or candidate.weekday() == weekday:
            return _one(candidate)
        if month and not found:  # "Friday 12 December" when the 12th is a Saturday: keep both readings
            found = [*_one(candidate), *_one(candidate + timedelta(days=weekday - candidate.weekday()))]
            return found
    return found


def _numeric(a: str, b: str, c: str | None, today: date, tense: str, order: str | None) -> list[DayRange]:
    if len(a) == 4:
        readings = [(int(a), int(b), int(c or 0))]
    else:
        year = None if c is None else (int(c) + 2000 if len(c) == 2 else int(c))
        dmy, mdy = (int(b), int(a)), (int(a), int(b))
        first, second = (mdy, dmy) if order == "MDY" else (dmy, mdy)
        readings = [(year, m, d) for m, d in (first, second)]
    days: list[date] = []
    for year, month, day in readings:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if year is None:
            found = _by_day_of_month(day, today, tense, None, month)
            if found:
                days.append(found[0].latest)
            continue
        try:
            days.append(date(year, month, day))
        except ValueError:
            continue
    unique = list(dict.fromkeys(days))
    if len(unique) > 1 and order in {"DMY", "MDY"}:
        unique = unique[:1]  # the user's country says which comes first
    return [DayRange(d, d) for d in unique]


@lru_cache(maxsize=256)
def date_order(region: str | None) -> str | None:
    """How a country writes short numeric dates, from CLDR via Babel: "DMY", "MDY" or "YMD"; None if unknown."""
    if not region:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        pattern = Locale.parse(f"und_{region}").date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, KeyError):
        return None
    letters = [ch for ch in re.sub(r"'[^']*'", "", pattern) if ch in "dMy"]
    order = "".join(ch for i, ch in enumerate(letters) if i == 0 or letters[i - 1] != ch).upper()
    return order if order in {"DMY", "MDY", "YMD"} else None
