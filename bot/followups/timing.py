"""When each follow-up of the ladder is due, on the user's calendar and clock, and saying when in words.

Pure timing functions (`after`, `at_morning`, `shift_out_of_quiet`) take the time zone and quiet
hours explicitly, so tests drive them with any clock. Business days are the working days of the user's
country (`holiday_country`: /settings, else their time zone's): its weekend and its national public
holidays from the `holidays` package; a day-sized step that would land on one moves to the next working day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.common import when as timewords
from bot.common.parsing.zones import region_for_zone
from bot.common.workdays import add_business_days, is_working_day
from bot.common.workdays import holiday_on as holiday_on  # said by the ladder's callers and tests
from bot.service.config import QuietHours, Settings, Span, parse_quiet_hours
from bot.store.models import Promise, User

# ---- timing rules -------------------------------------------------------------------------


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _aware(wall: datetime, zone: ZoneInfo) -> datetime:
    """A local wall time as UTC; a time in a spring-forward gap moves on by the gap."""
    candidate = wall.replace(tzinfo=zone)
    back = _wall(candidate.astimezone(UTC), zone)
    if back != wall:  # nonexistent local time: take the same instant the clocks jumped to
        candidate = (wall + (wall - back)).replace(tzinfo=zone)
    return candidate.astimezone(UTC)


def holiday_country(user: User, tz: str) -> str | None:
    """Whose public holidays the user's business days skip: their country (/settings), else their zone's."""
    return region_for_zone(tz, user.country)


def in_quiet(wall: datetime, quiet: QuietHours) -> bool:
    if quiet.off:
        return False
    now = wall.time()
    if quiet.start < quiet.end:
        return quiet.start <= now < quiet.end
    return now >= quiet.start or now < quiet.end


def shift_out_of_quiet(moment: datetime, tz: str, quiet: QuietHours, *, earlier: bool = False) -> datetime:
    """Move a time inside the quiet hours to their end (or, with `earlier`, to just before they start)."""
    zone = ZoneInfo(tz)
    wall = _wall(moment, zone)
    if not in_quiet(wall, quiet):
        return moment
    if earlier:
        start = datetime.combine(wall.date(), quiet.start)
        if start > wall:
            start -= timedelta(days=1)
        return _aware(start - timedelta(minutes=15), zone)
    end = datetime.combine(wall.date(), quiet.end)
    if end <= wall:
        end += timedelta(days=1)
    return _aware(end, zone)


def skip_weekend(moment: datetime, tz: str, country: str | None = None) -> datetime:
    """The same local time on the next working day, if `moment` falls on a weekend or a public holiday."""
    zone = ZoneInfo(tz)
    wall = _wall(moment, zone)
    while not is_working_day(wall.date(), country):
        wall += timedelta(days=1)
    return _aware(wall, zone)


def after(start: datetime, span: Span, tz: str, quiet: QuietHours, *, country: str | None = None) -> datetime:
    """`start` plus `span`: business days on the user's calendar (same local time, the weekend and the
    public holidays of `country` skipped), whole days by the wall clock (so 09:00 stays 09:00 across
    DST), shorter spans exactly; then out of the quiet hours."""
    zone = ZoneInfo(tz)
    if span.business_days:
        wall = _wall(start, zone)
        due = _aware(datetime.combine(add_business_days(wall.date(), span.business_days, country), wall.time()), zone)
        return skip_weekend(shift_out_of_quiet(due, tz, quiet), tz, country)
    if span.day_sized:
        days, rest = divmod(span.seconds, 86400)
        due = _aware(_wall(start, zone) + timedelta(days=days), zone) + timedelta(seconds=rest)
        return shift_out_of_quiet(due, tz, quiet)
    return shift_out_of_quiet(start + span.delta, tz, quiet)


def at_morning(day: date, tz: str, morning: time, quiet: QuietHours) -> datetime:
    return shift_out_of_quiet(_aware(datetime.combine(day, morning), ZoneInfo(tz)), tz, quiet)


def next_morning(now: datetime, tz: str, morning: time, quiet: QuietHours) -> datetime:
    return at_morning(now.astimezone(ZoneInfo(tz)).date() + timedelta(days=1), tz, morning, quiet)


def quiet_for(user: User, settings: Settings) -> QuietHours:
    return parse_quiet_hours(user.quiet_hours) if user.quiet_hours else settings.quiet_hours


# ---- the rungs ----------------------------------------------------------------------------


def thank_you_times(happened: datetime, now: datetime, s: Settings, tz: str, quiet: QuietHours) -> dict[str, datetime]:
    """The first reminder (soon, at a decent hour) and the last call before the 24-hour deadline."""
    deadline = happened + s.thank_you_within.delta
    last_call = deadline - s.last_call_before.delta
    if in_quiet(_wall(last_call, ZoneInfo(tz)), quiet):
        last_call = shift_out_of_quiet(last_call, tz, quiet, earlier=True)
    first = after(now, s.first_reminder_after, tz, quiet)
    times: dict[str, datetime] = {}
    if first < last_call:
        times["first"] = first
    if last_call > now:
        times["last_call"] = last_call
    elif deadline > now:
        times["last_call"] = now
    if not times:  # the deadline has passed: still remind once, soon
        times["first"] = first
    return times


def second_email_time(
    sent: datetime, decision: date | None, s: Settings, tz: str, quiet: QuietHours, *, country: str | None = None
) -> datetime:
    due = after(sent, s.second_email_after, tz, quiet, country=country)
    if decision is not None:
        after_decision = at_morning(add_business_days(decision, 1, country), tz, s.morning, quiet)
        due = max(due, after_decision)
    return due


def promise_time(
    promise: Promise, now: datetime, s: Settings, tz: str, quiet: QuietHours, *, country: str | None = None
) -> datetime:
    if promise.mine:
        if promise.due_on is not None:
            due = at_morning(promise.due_on, tz, s.morning, quiet)
            if due > now:
                return due
            # Due today (or already late): the morning has passed, so remind right away (out of the quiet hours).
            return shift_out_of_quiet(now, tz, quiet)
        return next_morning(now, tz, s.morning, quiet)
    if promise.due_on is not None:
        return max(at_morning(add_business_days(promise.due_on, 1, country), tz, s.morning, quiet), now)
    later = after(now, s.chase_after, tz, quiet, country=country)
    if s.chase_after.day_sized:
        # Days ahead: that day's morning, like every other day-sized reminder ("at 09:00", not "at 09:16").
        return max(at_morning(later.astimezone(ZoneInfo(tz)).date(), tz, s.morning, quiet), now)
    return later


def last_safe(deadline: datetime, now: datetime, s: Settings, tz: str, quiet: QuietHours) -> datetime | None:
    """The last reminder time that still leaves room before `deadline` (None when none is left)."""
    safe = deadline - s.last_call_before.delta
    if in_quiet(_wall(safe, ZoneInfo(tz)), quiet):
        safe = shift_out_of_quiet(safe, tz, quiet, earlier=True)
    return safe if safe > now else None


def show(moment: datetime, tz: str, now: datetime) -> str:
    """A due time in words, in the user's zone: 'today at 16:00', 'on Monday 2 March at 09:00' (bot/common/when.py)."""
    return timewords.due(moment, tz, now)
