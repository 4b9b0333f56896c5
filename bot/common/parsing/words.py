"""Days and spans said back in words: "Friday 11 December", "Monday 30 November to Tuesday 1 December"."""

from __future__ import annotations

from datetime import datetime

from bot.common.parsing.dates import DayRange
from bot.common.when import raw_day, say_date, say_moment

__all__ = ["raw_day", "say_date", "say_moment", "say_range"]  # the day words themselves live in bot/common/when.py


def say_range(reading: DayRange, tz: str | None = None, now: datetime | None = None) -> str:
    """A day or a span in words: "Friday 4 December", "Monday 30 November to Tuesday 1 December"."""
    if reading.exact:
        days = say_date(reading.latest, tz, now)
    else:
        days = f"{say_date(reading.earliest, tz, now)} to {say_date(reading.latest, tz, now)}"
    return f"{reading.name} ({days})" if reading.name else days
