"""Working days: a country's weekend and its national public holidays (the `holidays` package).

Shared by the follow-up ladder (a day-sized step that would land on a holiday moves on, `bot/followups/timing.py`)
and the reading of typed days ("5-7 working days" counts the user's country's working days, `bot/common/parsing`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from holidays import HolidayBase, country_holidays


@lru_cache(maxsize=64)
def calendar(country: str) -> HolidayBase | None:
    """The public holidays of a country (`holidays`, national ones: no subdivision), or None if it has none there."""
    try:
        return country_holidays(country)
    except NotImplementedError:
        return None


def holiday_on(day: date, country: str | None) -> str | None:
    """The name of the public holiday on `day` in `country` ('Christmas Day'), or None."""
    found = calendar(country.upper()) if country else None
    return found.get(day) if found is not None else None


def is_working_day(day: date, country: str | None = None) -> bool:
    """Not on the country's weekend (Saturday and Sunday unless `holidays` says otherwise: Friday and
    Saturday in Israel) and not one of its public holidays; without a country, weekdays."""
    found = calendar(country.upper()) if country else None
    if found is None:
        return day.weekday() < 5
    return day.weekday() not in found.weekend and day not in found


def add_business_days(day: date, count: int, country: str | None = None) -> date:
    """`count` working days after `day` (see `is_working_day`)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, country):
            count -= 1
    return day
