"""Days and moments said back in words: "Friday 11 December", "yesterday at 15:00"."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.common.parsing.dates import DayRange


def raw_day(day: date, tz: str, now: datetime) -> str:
    today = now.astimezone(ZoneInfo(tz)).date()
    return {0: "today", -1: "yesterday", 1: "tomorrow"}.get((day - today).days) or f"{day.day} {day:%B}"


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
