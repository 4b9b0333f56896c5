"""Times and dates in words: the one module that says them, through Babel's CLDR data.

Every day, time and span the bot writes comes from here ("Friday 11 December", "15:00", "tomorrow at
09:00", "10 minutes ago", "on Friday" in a draft). English is written with CLDR's en_GB names and the
bot's own order (weekday, day, month: no comma, which would trip a list); another language takes its
CLDR pattern for the same fields (`format_skeleton`) and its catalogue's words for "today", "at"...
(bot/common/i18n.py), so adding a language touches no message. Weekday and month names are CLDR's, never
the C locale's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, format_timedelta, match_skeleton

from bot.common.i18n import ENGLISH, N_, SOURCE_LANGUAGE, base_language, gettext

# name: (the English pattern, the CLDR skeleton other languages use for the same fields)
_FORMATS = {
    "weekday": ("EEEE", "EEEE"),
    "day_month": ("d MMMM", "MMMMd"),
    "day": ("EEEE d MMMM", "MMMMEEEEd"),
    "day_year": ("EEEE d MMMM y", "yMMMMEEEEd"),
    "short": ("dd MMM", "MMMdd"),
    "long": ("dd MMMM y", "yMMMMdd"),
}


def _english(language: str) -> bool:
    return base_language(language) == SOURCE_LANGUAGE


@lru_cache(maxsize=4096)  # the same few days are said over and over (a batch of reminders): Babel once each
def _date(day: date, name: str, language: str) -> str:
    pattern, skeleton = _FORMATS[name]
    if _english(language):
        return format_date(day, pattern, locale=ENGLISH)
    return format_date(day, _pattern(skeleton, base_language(language)), locale=base_language(language))


@lru_cache(maxsize=256)
def _pattern(skeleton: str, language: str) -> str:
    """The language's CLDR pattern for a skeleton, with the weekday and month as long as asked for
    (CLDR's closest pattern may shorten them: "E, d. MMMM" for "MMMMEEEEd" in German)."""
    locale = Locale.parse(language)
    best = match_skeleton(skeleton, locale.datetime_skeletons) or skeleton
    pattern = str(locale.datetime_skeletons.get(best, best))
    if "EEEE" in skeleton:
        pattern = re.sub(r"(?<!E)E{1,3}(?!E)", "EEEE", pattern)
        pattern = re.sub(r"(?<!c)c{1,3}(?!c)", "cccc", pattern)  # the stand-alone weekday
    return pattern


def weekday(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "Friday"."""
    return _date(day, "weekday", language)


def day_month(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "11 December"."""
    return _date(day, "day_month", language)


def day_words(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "Friday 11 December": the weekday and the date, no comma to trip a list."""
    return _date(day, "day", language)


def full_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "Friday 11 December 2026"."""
    return _date(day, "day_year", language)


def short_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "04 Dec" (the debrief's summary)."""
    return _date(day, "short", language)


def long_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "04 December 2026" (the debrief's summary)."""
    return _date(day, "long", language)


def clock(moment: datetime | time, language: str = SOURCE_LANGUAGE) -> str:
    """ "15:00" in the moment's own zone (English: 24 hours, as the bot always wrote)."""
    return _clock(moment.hour, moment.minute, language)


@lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, language: str) -> str:
    if _english(language):
        return format_time(time(hour, minute), "HH:mm", locale=ENGLISH)
    return format_time(time(hour, minute), "short", locale=base_language(language))


def relative_day(day: date, today: date, language: str = SOURCE_LANGUAGE) -> str | None:
    """ "today", "yesterday", "tomorrow", or None for any other day."""
    word = {0: N_("today"), -1: N_("yesterday"), 1: N_("tomorrow")}.get((day - today).days)
    return gettext(word, language) if word else None


def raw_day(day: date, tz: str, now: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """ "today", "yesterday", "tomorrow", else "11 December"."""
    today = now.astimezone(ZoneInfo(tz)).date()
    return relative_day(day, today, language) or day_month(day, language)


def say_date(day: date, tz: str | None = None, now: datetime | None = None, language: str = SOURCE_LANGUAGE) -> str:
    """A day in words ("Friday 11 December"), with the year when it is not the current one."""
    this_year = now.astimezone(ZoneInfo(tz or "UTC")).year if now else day.year
    return day_words(day, language) if day.year == this_year else full_date(day, language)


def say_moment(moment: datetime, tz: str, now: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """A moment in words in the user's zone: "yesterday at 15:00", "Friday 27 November at 09:30"."""
    local = moment.astimezone(ZoneInfo(tz))
    today = now.astimezone(ZoneInfo(tz)).date()
    day = relative_day(local.date(), today, language) or say_date(local.date(), tz, now, language)
    return gettext("{day} at {time}", language).format(day=day, time=clock(local, language))


def local_moment(moment: datetime, tz: str, now: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """A moment with its day spelt out in full when it is not near: "today at 15:00", "Friday 11 December 2026 at
    09:00" (the year always, for a moment the user is asked to confirm)."""
    local = moment.astimezone(ZoneInfo(tz))
    today = now.astimezone(ZoneInfo(tz)).date()
    day = relative_day(local.date(), today, language) or full_date(local.date(), language)
    return gettext("{day} at {time}", language).format(day=day, time=clock(local, language))


def due(moment: datetime, tz: str, now: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """When something is due, in the user's zone: 'right away', 'today at 16:00', 'on Monday 2 March at 09:00'."""
    when = moment.astimezone(ZoneInfo(tz))
    at = clock(when, language)
    if (moment - now).total_seconds() < 90:
        if moment >= now - timedelta(seconds=90):
            return gettext("right away", language)
        return gettext("at {time}", language).format(time=at)
    days = (when.date() - now.astimezone(ZoneInfo(tz)).date()).days
    if days == 0:
        return gettext("today at {time}", language).format(time=at)
    if days == 1:
        return gettext("tomorrow at {time}", language).format(time=at)
    return gettext("on {day} at {time}", language).format(day=day_words(when.date(), language), time=at)


def ago(moment: datetime, now: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """How long ago, in CLDR's words and plural rules: "just now", "1 minute ago", "3 hours ago", "2 days ago"."""
    seconds = max((now - moment).total_seconds(), 0)
    if seconds < 60:
        return gettext("just now", language)
    # Whole units, counted down (59 minutes, then 1 hour; 23 hours, then 1 day), as a person says it.
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            span = timedelta(seconds=(seconds // size) * size)
            return format_timedelta(
                -span, granularity=unit, threshold=10**6, add_direction=True, locale=_locale(language)
            )
    raise AssertionError("unreachable")


def in_email(moment: datetime | None, tz: str, now: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """When a conversation happened, as a draft says it: 'today', 'yesterday', 'on Monday', 'on 11 December'."""
    if moment is None:
        return gettext("recently", language)
    zone = ZoneInfo(tz)
    day = moment.astimezone(zone).date()
    days = (now.astimezone(zone).date() - day).days
    if days <= 0:
        return gettext("today", language)
    if days == 1:
        return gettext("yesterday", language)
    if days < 7:
        return gettext("on {weekday}", language).format(weekday=weekday(day, language))
    return gettext("on {date}", language).format(date=day_month(day, language))


def _locale(language: str) -> str:
    return ENGLISH if _english(language) else base_language(language)
