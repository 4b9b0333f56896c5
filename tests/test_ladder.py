"""Planning rules with an injected clock: business days, weekends, quiet hours, decisions, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.followups.timing import (
    add_business_days,
    after,
    in_quiet,
    promise_time,
    second_email_time,
    shift_out_of_quiet,
    thank_you_times,
)
from bot.service.config import QuietHours, Settings, Span, parse_quiet_hours, parse_span
from bot.store.models import Promise

BERLIN = "Europe/Berlin"
QUIET = QuietHours(time(21), time(8))
OFF = QuietHours(time(0), time(0))


def local(*args: int, tz: str = BERLIN) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz))


def test_durations_and_quiet_hours_parse_with_clear_errors():
    assert parse_span("3bd") == Span(business_days=3)
    assert parse_span("20s").seconds == 20
    assert parse_span("24h").day_sized and not parse_span("2h").day_sized
    with pytest.raises(ValueError, match="not a duration"):
        parse_span("three days")
    assert parse_quiet_hours("off").off
    assert str(parse_quiet_hours("22:30-07:00")) == "22:30-07:00"
    with pytest.raises(ValueError, match="HH:MM-HH:MM"):
        parse_quiet_hours("late")


def test_business_days_skip_weekends():
    friday = date(2026, 11, 27)
    assert add_business_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_business_days(friday, 3) == date(2026, 12, 2)
    # A Thursday 15:00 plus 3 business days is the next Tuesday at 15:00.
    due = after(local(2026, 11, 26, 15, 0), Span(business_days=3), BERLIN, QUIET)
    assert due == local(2026, 12, 1, 15, 0)


def test_quiet_hours_move_a_reminder_to_their_end():
    late = local(2026, 11, 25, 22, 30)
    assert shift_out_of_quiet(late, BERLIN, QUIET) == local(2026, 11, 26, 8, 0)
    early = local(2026, 11, 26, 6, 0)
    assert shift_out_of_quiet(early, BERLIN, QUIET) == local(2026, 11, 26, 8, 0)
    day = local(2026, 11, 26, 12, 0)
    assert shift_out_of_quiet(day, BERLIN, QUIET) == day
    assert shift_out_of_quiet(late, BERLIN, OFF) == late
    # A daytime window works too (start before end).
    lunch = QuietHours(time(12), time(13))
    assert shift_out_of_quiet(local(2026, 11, 26, 12, 30), BERLIN, lunch) == local(2026, 11, 26, 13, 0)


def test_business_day_step_landing_in_quiet_hours_on_a_friday_night_goes_to_monday():
    # Tuesday 22:00 + 3bd = Friday 22:00 (quiet) -> Saturday 08:00 -> Monday 08:00.
    due = after(local(2026, 11, 24, 22, 0), Span(business_days=3), BERLIN, QUIET)
    assert due == local(2026, 11, 30, 8, 0)


def test_short_spans_are_exact_when_quiet_hours_are_off():
    start = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)  # a Saturday night
    assert after(start, parse_span("20s"), BERLIN, OFF) == start + timedelta(seconds=20)


def test_nine_in_the_morning_stays_nine_across_the_march_dst_change():
    # Friday 27 March 2026, 09:00 CET; + 1 business day is Monday 30 March, 09:00 CEST.
    start = local(2026, 3, 27, 9, 0)
    due = after(start, Span(business_days=1), BERLIN, QUIET)
    assert due.astimezone(ZoneInfo(BERLIN)).hour == 9
    assert due - start == timedelta(days=3, hours=-1)  # the clocks jumped forward one hour
    # Whole days, too: Saturday 09:00 + 2d = Monday 09:00 local.
    due = after(local(2026, 3, 28, 9, 0), Span(seconds=2 * 86400), BERLIN, QUIET)
    assert due == local(2026, 3, 30, 9, 0)


def test_thank_you_has_a_first_reminder_and_a_last_call_before_the_deadline():
    s = Settings(_env_file=None)
    happened = local(2026, 11, 25, 11, 0)
    debriefed = local(2026, 11, 25, 13, 0)
    times = thank_you_times(happened, debriefed, s, BERLIN, QUIET)
    assert times["first"] == local(2026, 11, 25, 15, 0)  # two hours after the debrief
    assert times["last_call"] == local(2026, 11, 26, 8, 0)  # 3 h before the 11:00 deadline
    # A late-evening debrief: the first reminder waits for the morning, and only once.
    evening = thank_you_times(local(2026, 11, 25, 18, 0), local(2026, 11, 25, 20, 0), s, BERLIN, QUIET)
    assert evening["first"] == local(2026, 11, 26, 8, 0)
    assert evening["last_call"] == local(2026, 11, 26, 15, 0)


def test_second_email_waits_for_the_later_of_three_business_days_and_the_decision():
    s = Settings(_env_file=None)
    sent = local(2026, 11, 25, 10, 0)  # Wednesday
    assert second_email_time(sent, None, s, BERLIN, QUIET) == local(2026, 11, 30, 10, 0)
    # A decision on Friday 4 December: one business day after it is Monday 7 December, morning.
    assert second_email_time(sent, date(2026, 12, 4), s, BERLIN, QUIET) == local(2026, 12, 7, 9, 0)
    # A decision that is already past does not pull the second email earlier.
    assert second_email_time(sent, date(2026, 11, 20), s, BERLIN, QUIET) == local(2026, 11, 30, 10, 0)


def test_promises_mine_by_their_date_else_next_morning_theirs_one_business_day_after():
    s = Settings(_env_file=None)
    now = local(2026, 11, 25, 13, 0)
    mine = Promise(mine=True, what="samples", due_on=date(2026, 11, 27))
    assert promise_time(mine, now, s, BERLIN, QUIET) == local(2026, 11, 27, 9, 0)
    assert promise_time(Promise(mine=True, what="x"), now, s, BERLIN, QUIET) == local(2026, 11, 26, 9, 0)
    theirs = Promise(mine=False, what="case studies", due_on=date(2026, 11, 27))
    assert promise_time(theirs, now, s, BERLIN, QUIET) == local(2026, 11, 30, 9, 0)
    # no date: three business days on, in the morning like every day-sized reminder (not at 13:00)
    assert promise_time(Promise(mine=False, what="x"), now, s, BERLIN, QUIET) == local(2026, 11, 30, 9, 0)


@given(
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)),
    days=st.integers(1, 10),
    tz=st.sampled_from([BERLIN, "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"]),
)
def test_business_day_steps_never_land_on_weekends_or_in_quiet_hours(start, days, tz):
    due = after(start, Span(business_days=days), tz, QUIET)
    wall = due.astimezone(ZoneInfo(tz))
    assert wall.weekday() < 5
    assert not in_quiet(wall.replace(tzinfo=None), QUIET)
    assert due > start
