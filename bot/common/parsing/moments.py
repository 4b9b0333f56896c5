"""Reading a moment: a day and a time of day (`read_moment`, `parse_moment`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.common.parsing.dates import FUTURE, PAST, Ambiguous, _normalise, _one, date_order
from bot.common.parsing.day_rules import _read_day_phrase
from bot.common.parsing.days import _dateparser
from bot.common.parsing.text import Invalid, shorten
from bot.common.parsing.words import raw_day, say_date
from bot.common.parsing.zones import region_for_zone

# ---- moments (a day and a time of day) --------------------------------------------------------

_JUST_NOW = {"just now", "now", "right now", "a moment ago", "just", "moments ago", "just finished", "a minute ago"}
# A part of the day alone stands for a usual time in it, the same as the chat's buttons give.
PARTS_OF_DAY = {"morning": time(10), "lunchtime": time(12, 30), "noon": time(12), "midday": time(12),
                "afternoon": time(15), "evening": time(19), "tonight": time(19), "night": time(20)}  # fmt: skip
_TIME = re.compile(
    r"(?:\b(?:at|@|around|about|by|roughly|approximately|circa)\s*)?"
    r"(?:(?<![\d/.-])\b(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))(?![\d/.-]\d)\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>am|pm|a\.m\.|p\.m\.|o'?clock|h)(?:\s*-?ish)?\b"
    r"|\b(?:at|@|around|about|roughly|approximately|circa|~)\s*(?P<h3>\d{1,2})(?:\s*-?ish)?\b(?![/.:-]\d))",
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
    elif not marker and part is None and 1 <= hour <= 7 and match.group("h3"):
        hour += 12  # "at 3", "around 2": an interview's hours are the working day's, not the night's
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
        what = f"I couldn't read “{shorten(raw, 80)}” as a time. Try "
    if tense == FUTURE:
        return what + "“tomorrow 10:00”, “Friday at 2pm” or a date such as 14 March 9:30."
    return what + "“just now”, “today 14:00”, “yesterday at 3pm” or a date like 2026-03-14 10:30."


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
