"""Our own readings of day phrases ("end of next week", "mid-December", "the 11th"), before dateparser."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.common.parsing.dates import (
    _COUNT,
    _LEAD,
    _MON,
    _MONTHS,
    _ORD,
    _TRAIL,
    _WD,
    _WEEKDAYS,
    FUTURE,
    DayRange,
    _add_months,
    _by_day_of_month,
    _count,
    _holiday,
    _monday,
    _month_last,
    _month_part,
    _normalise,
    _numeric,
    _one,
)
from bot.common.workdays import add_business_days

# ---- dates ----------------------------------------------------------------------------------
#
# dateparser reads the usual forms ("12 March 2027", "in 2 weeks", "yesterday at 3pm"). It refuses the
# vague ones people use for deadlines ("end of next week", "mid-December") and misreads a few ("the 11th"
# became a year away, "next month" one month to the day): those are read by the rules below first.


def _day_rules(s: str, today: date, tense: str, order: str | None, country: str | None = None) -> list[DayRange] | None:
    """Our own readings of a normalised day phrase; None when none of them applies. Working days are `country`'s."""
    future = tense == FUTURE
    week = _monday(today)
    found = _spans(s, today, future, country)
    if found is not None:
        return found
    if s in {"today", "tonight", "this evening", "eod", "end day", "end business", "cob", "close business"}:
        return _one(today)
    if s == "tomorrow":
        return _one(today + timedelta(days=1))
    if s == "day after tomorrow":
        return _one(today + timedelta(days=2))
    if s == "yesterday":
        return _one(today - timedelta(days=1))
    if s == "day before yesterday":
        return _one(today - timedelta(days=2))
    m = re.fullmatch(rf"(?:(this|next|last|coming) )?({_WD})(?: (this|next|last) week| week after next)?", s)
    if m:
        mod, wd, weekmod = m.group(1), _WEEKDAYS[m.group(2)], m.group(3)
        if s.endswith("week after next"):
            return _one(week + timedelta(days=14 + wd))
        if weekmod:
            return _one(week + timedelta(days={"this": 0, "next": 7, "last": -7}[weekmod] + wd))
        ahead = today + timedelta(days=(wd - today.weekday()) % 7 or 7)  # strictly after today
        if mod == "next":
            if _monday(ahead) == week:  # "next Friday" said on a Wednesday: this week's or next week's
                return [*_one(ahead), *_one(ahead + timedelta(days=7))]
            return _one(ahead)
        behind = today - timedelta(days=(today.weekday() - wd) % 7 or 7)  # strictly before today
        if mod == "last":
            return _one(behind)
        if wd == today.weekday():  # "Monday" said on a Monday: today; ahead ("by Monday"), today or in a week
            return [*_one(today), *_one(ahead)] if future and mod is None else _one(today)
        return _one(ahead if future or mod == "coming" else behind)
    # "within the week", "sometime this week": this calendar week (said as "within week" once "the" is dropped),
    # never seven days from now as "within a week" is
    s = re.sub(r"^(?:within|during|sometime|some time) (?:this )?week$", "this week", s)
    m = re.fullmatch(
        r"(?:(early|beginning|start|mid|middle|late|later|end) )?(this|next|last) week", s
    ) or re.fullmatch(r"(?:(early|beginning|start|mid|middle|late|later|end) )?(?:in )?(week after next)", s)
    if m:
        part, which = m.group(1), m.group(2)
        monday = week + timedelta(days={"this": 0, "next": 7, "last": -7, "week after next": 14}[which])
        spans = {
            None: (0, 4), "early": (0, 1), "beginning": (0, 1), "start": (0, 1), "mid": (2, 2), "middle": (2, 2),
            "late": (3, 4), "later": (3, 4), "end": (4, 4),
        }  # fmt: skip
        lo, hi = (monday + timedelta(days=n) for n in spans[part])
        if which == "this" and future:
            lo, hi = max(lo, today), max(hi, today)
        return _one(lo, hi)
    if s in {"end week", "end this week", "this weekend", "weekend"}:
        friday = week + timedelta(days=4 if s.startswith("end") else 5)
        return _one(max(friday, today), max(friday + timedelta(days=1 if "weekend" in s else 0), today))
    if s in {"next weekend"}:
        return _one(week + timedelta(days=12), week + timedelta(days=13))
    m = re.fullmatch(
        rf"(within|in|next|after)(?: (?:next|coming|about))? ({_COUNT})? ?(days?|weeks?|months?|fortnight)(?: time)?", s
    )
    m = m or re.fullmatch(rf"()({_COUNT}) (days?|weeks?|months?) (?:from )?(?:now|today)", s)
    m = m or re.fullmatch(rf"()({_COUNT})? ?(fortnight)", s)  # "a fortnight", "fortnight or so"
    m = m or re.fullmatch(r"()((?:a )?(?:couple|few))(?: of)? (days|weeks|months)", s)  # "couple of weeks"
    if m and not (m.group(1) == "next" and not m.group(2)):  # "next month" is the calendar month, below
        how, count, unit = m.group(1), m.group(2), m.group(3)
        n = _count(count) if count else 1
        if unit == "fortnight":
            unit, n = "weeks", 2 * n
        vague = count in {"few", "a few", "several"}
        if unit.startswith("month"):
            lo = hi = _add_months(today, n)
        else:
            size = 7 if unit.startswith("week") else 1
            lo = today + timedelta(days=size * (n - 1 if vague else n))
            hi = today + timedelta(days=size * (n + (1 if vague and size == 1 else 0)))
        if how in {"within", "next"}:
            lo = today
        return _one(lo, hi)
    m = re.fullmatch(r"(?:(early|beginning|start|mid|middle|late|end) )?(this|next|last) month", s) or re.fullmatch(
        r"(early|beginning|start|mid|middle|late|end) month", s
    )
    if m:
        which = m.group(2) if m.lastindex and m.lastindex >= 2 else "this"
        first = _add_months(today.replace(day=1), {"this": 0, "next": 1, "last": -1}[which])
        return _month_part(m.group(1), first, today, tense)
    m = re.fullmatch(
        rf"(?:in |during )?(?:(early|beginning|start|mid|middle|late|end) )?(?:(this|next) )?({_MON})(?: (\d{{4}}))?", s
    )
    if m:
        month, year = _MONTHS[m.group(3)], m.group(4)
        if year:
            first = date(int(year), month, 1)
        else:
            first = date(today.year, month, 1)
            if (future and _month_last(first.year, month) < today) or (m.group(2) == "next" and month == today.month):
                first = first.replace(year=today.year + 1)
            elif not future and first > today:
                first = first.replace(year=today.year - 1)
        return _month_part(m.group(1), first, today, tense)
    m = re.fullmatch(rf"(?:({_WD}) )?(\d{{1,2}}){_ORD}?(?: ({_MON}))?(?: (\d{{4}}))?", s) or re.fullmatch(
        rf"(?:({_WD}) )?({_MON}) (\d{{1,2}}){_ORD}?(?: (\d{{4}}))?", s
    )
    if m and (re.search(_ORD + r"\b", s) or re.search(rf"\b({_MON})\b", s)):
        groups = m.groups()
        wd = _WEEKDAYS[groups[0]] if groups[0] else None
        if groups[1] in _MONTHS:
            month, day = _MONTHS[groups[1]], int(groups[2])
        else:
            day, month = int(groups[1]), _MONTHS.get(groups[2] or "")
        year = int(groups[3]) if groups[3] else None
        if year and month:
            try:
                exact = date(year, month, day)
            except ValueError:
                return []
            if wd is not None and exact.weekday() != wd:
                return [*_one(exact), *_one(exact + timedelta(days=wd - exact.weekday()))]
            return _one(exact)
        return _by_day_of_month(day, today, tense, wd, month)
    m = re.fullmatch(r"(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", s)
    if m and (m.group(3) or len(m.group(1)) < 4):
        return _numeric(m.group(1), m.group(2), m.group(3), today, tense, order)
    m = re.fullmatch(r"(christmas eve|christmas day|christmas|xmas|new year's eve|new years eve|nye|new year's day|"
                     r"new years day|new year's|new years|new year|easter|thanksgiving)", s)  # fmt: skip
    if m:
        for year in (today.year - 1, today.year, today.year + 1) if future else (today.year, today.year - 1):
            day = _holiday(m.group(1), year)
            if day and (day >= today if future else day <= today):
                return _one(day)
    return None


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
_PARTS = r"(early|beginning|start|mid|middle|late|end)"


def _spans(s: str, today: date, future: bool, country: str | None = None) -> list[DayRange] | None:
    """Ranges and the calendar's larger units: "in 7-10 days", "within 48 hours", "end of Q2", "Friday week",
    "after the holidays", "end of the year". Working or business days are the working days of `country` (its
    weekend and public holidays: "5-7 working days" said in Bogotá on Monday 7 December skips the 8th)."""
    m = re.fullmatch(
        rf"(in|within|after)? ?({_COUNT}) ?(?:-|to|or) ?({_COUNT}) ((?:business|working|work) )?(days?|weeks?|months?)"
        r"(?: time)?",
        s,
    )
    if m:
        lo_n, hi_n = sorted((_count(m.group(2)), _count(m.group(3))))
        unit = m.group(5)
        if m.group(4) and unit.startswith("day"):  # "5-7 working days": the country's working days
            lo, hi = add_business_days(today, lo_n, country), add_business_days(today, hi_n, country)
        elif unit.startswith("month"):
            lo, hi = _add_months(today, lo_n), _add_months(today, hi_n)
        else:
            size = 7 if unit.startswith("week") else 1
            lo, hi = today + timedelta(days=size * lo_n), today + timedelta(days=size * hi_n)
        return _one(today if m.group(1) == "within" else lo, hi)
    m = re.fullmatch(
        rf"(in|within|after)? ?({_COUNT}) (day|week|month)s? (?:or|to|-) ({_COUNT})(?: more)?(?: (?:days?|weeks?|months?))?"
        r"(?: time)?",
        s,
    )
    if m:  # "a week or two", "in a day or two", "a month or 2": a range, from the first count to the second
        lo_n, hi_n = sorted((_count(m.group(2)), _count(m.group(4))))
        if m.group(3) == "month":
            lo, hi = _add_months(today, lo_n), _add_months(today, hi_n)
        else:
            size = 7 if m.group(3) == "week" else 1
            lo, hi = today + timedelta(days=size * lo_n), today + timedelta(days=size * hi_n)
        return _one(today if m.group(1) == "within" else lo, hi)
    m = re.fullmatch(rf"(in|within|after)? ?({_COUNT}) (?:business|working|work) days?(?: time)?", s)
    if m:  # "within 10 business days": that many of the country's working days ahead
        day = add_business_days(today, _count(m.group(2)), country)
        return _one(today if m.group(1) == "within" else day, day)
    m = re.fullmatch(
        r"(?:kw|cw|wk|week|calendar week|iso week|woche|v|vecka|veckan|uke|uge|semana|settimana|semaine|hafta|"
        r"week (?:no|nr|number))\.? ?(\d{1,2})(?: (\d{4}))?",
        s,
    )
    if m and 1 <= int(m.group(1)) <= 53:  # "KW 24" (Kalenderwoche): the ISO week's Monday to Friday
        year = int(m.group(2)) if m.group(2) else today.year
        try:
            monday = date.fromisocalendar(year, int(m.group(1)), 1)
            if not m.group(2) and future and monday + timedelta(days=4) < today:
                monday = date.fromisocalendar(year + 1, int(m.group(1)), 1)
        except ValueError:
            return None
        return _one(max(monday, today) if future else monday, monday + timedelta(days=4))
    m = re.fullmatch(rf"(?:in|within|next) ({_COUNT}) ?(?:hours?|hrs?|h)", s)
    if m:
        return _one(today, today + timedelta(days=-(-_count(m.group(1)) // 24)))
    m = re.fullmatch(rf"(?:{_PARTS} )?(?:q([1-4])|({'|'.join(_QUARTER_WORDS)}) quarter)(?: (\d{{4}}))?", s)
    if m:
        quarter = int(m.group(2)) if m.group(2) else _QUARTER_WORDS[m.group(3)]
        year = int(m.group(4)) if m.group(4) else today.year
        if not m.group(4) and future and _month_last(year, quarter * 3) < today:
            year += 1
        calendar_quarter = _quarter(m.group(1), year, quarter, today, future)
        start = FISCAL_YEAR_START.get(country or "")
        if m.group(4) or start is None or not future:
            return calendar_quarter
        # where the financial year starts in April or July (India, Japan; Australia, Pakistan), "Q1" may
        # be either year's: which one is asked
        fiscal = _fiscal_quarter(m.group(1), start, quarter, today)
        if fiscal[0].latest == calendar_quarter[0].latest:
            return calendar_quarter
        said = f"q{quarter}".upper()
        readings = [
            DayRange(calendar_quarter[0].earliest, calendar_quarter[0].latest, f"calendar {said}"),
            DayRange(fiscal[0].earliest, fiscal[0].latest, f"financial-year {said}"),
        ]
        return sorted(readings, key=lambda reading: reading.latest)
    m = re.fullmatch(rf"(?:{_PARTS} )?(this|next) quarter|{_PARTS} quarter", s)
    if m:
        part = m.group(1) or m.group(3)
        index = (today.month - 1) // 3 + (1 if m.group(2) == "next" else 0)
        year, quarter = today.year + index // 4, index % 4 + 1
        return _quarter(part, year, quarter, today, future)
    m = re.fullmatch(rf"(?:{_PARTS} )?(this|next) year|{_PARTS} year", s)
    if m:
        part = m.group(1) or m.group(3)
        year = today.year + (1 if m.group(2) == "next" else 0)
        spans = {None: (1, 12), "early": (1, 2), "beginning": (1, 1), "start": (1, 1), "mid": (6, 7), "middle": (6, 7),
                 "late": (10, 12), "end": (12, 12)}  # fmt: skip
        first, last = spans[part]
        lo, hi = date(year, first, 1), _month_last(year, last)
        if part == "end":
            lo = hi
        return _one(max(lo, today) if future else lo, max(hi, today) if future else hi)
    m = re.fullmatch(rf"(?:a week (?:on|from) )({_WD})|({_WD}) week", s)
    if m:  # "Friday week" (British, Irish, Australian): the Friday after the coming one
        wd = _WEEKDAYS[m.group(1) or m.group(2)]
        ahead = today + timedelta(days=(wd - today.weekday()) % 7 or 7)
        return _one(ahead + timedelta(days=7))
    m = re.fullmatch(r"(?:after|past|once|when) (?:holidays|christmas|xmas|new year|new year's|new years|break|"
                     r"festive season|christmas break|holiday season|winter break)(?: are over| is over| break)?|"
                     r"(?:early )?(?:in )?new year|(?:first|1st) week (?:in |after )?(?:january|jan|new year)", s)  # fmt: skip
    if m:  # the first working week back: 2 January to the first Friday on or after the 7th ("early January")
        year = today.year + (1 if today.month >= 7 else 0)
        friday = date(year, 1, 7) + timedelta(days=(4 - date(year, 1, 7).weekday()) % 7)
        name = "early January" if year == today.year else f"early January {year}"
        return [DayRange(max(date(year, 1, 2), today), max(friday, today), name)]
    return None


# The month a country's financial year starts in, where most companies there count their quarters from it rather
# than from January (in the UK or Canada the April year is the state's; companies mostly keep the calendar's)
FISCAL_YEAR_START = {"IN": 4, "JP": 4, "AU": 7, "PK": 7, "BD": 7, "EG": 7, "NP": 7}


def _fiscal_quarter(part: str | None, start: int, quarter: int, today: date) -> list[DayRange]:
    """The next quarter `quarter` of a financial year starting in month `start` that is not over yet."""
    for year in (today.year - 1, today.year, today.year + 1):
        first = _add_months(date(year, start, 1), 3 * (quarter - 1))
        found = _quarter(part, first.year, 0, today, True, first=first)
        if found[0].latest >= today:
            return found
    return found


def _quarter(
    part: str | None, year: int, quarter: int, today: date, future: bool, first: date | None = None
) -> list[DayRange]:
    first = first or date(year, quarter * 3 - 2, 1)
    last = _month_last(_add_months(first, 2).year, _add_months(first, 2).month)
    middle = _add_months(first, 1).replace(day=15)
    lo, hi = {
        None: (first, last), "early": (first, _month_last(first.year, first.month)), "beginning": (first, first),
        "start": (first, first), "mid": (middle, middle), "middle": (middle, middle),
        "late": (last.replace(day=1), last), "end": (last, last),
    }[part]  # fmt: skip
    if future and lo < today <= hi:
        lo = today
    return _one(lo, hi)


def _strip(s: str) -> tuple[str, bool]:
    """Drop the words around a day that do not change it; say whether it was "before" that day."""
    before = False
    while True:
        trimmed = _TRAIL.sub("", _LEAD.sub("", s))
        if trimmed.startswith("before "):
            trimmed, before = trimmed[len("before ") :], True
        if trimmed == s:
            return s, before
        s = trimmed


def _read_day_phrase(
    text: str, today: date, tense: str, order: str | None, country: str | None = None
) -> list[DayRange] | None:
    s, before = _strip(_normalise(text))
    if not s:
        return None
    found = _day_rules(s, today, tense, order, country)
    if found and before:
        found = [DayRange(min(today, r.earliest - timedelta(days=1)), r.earliest - timedelta(days=1)) for r in found]
    return found
