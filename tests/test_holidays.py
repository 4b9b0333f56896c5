"""Business days are the working days of the user's country: its weekend and its public holidays (`holidays`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.followups.timing import add_business_days, after, holiday_on, is_working_day
from bot.service.config import QuietHours, Span
from bot.store.models import FollowUp, Reminder
from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard

QUIET = QuietHours(start=datetime(2026, 1, 1, 21).time(), end=datetime(2026, 1, 1, 8).time())


def test_christmas_and_boxing_day_are_not_business_days_in_the_uk():
    # Wednesday 23 December 2026 + 2 business days: Thursday 24, then (Friday 25 Christmas, the weekend,
    # Monday 28 Boxing Day observed) Tuesday 29. Weekends alone would say Friday 25, Christmas Day.
    assert add_business_days(date(2026, 12, 23), 2, "GB") == date(2026, 12, 29)
    assert add_business_days(date(2026, 12, 23), 2) == date(2026, 12, 25)
    assert holiday_on(date(2026, 12, 28), "GB") == "Boxing Day (observed)"


def test_thanksgiving_may_day_and_national_days():
    assert add_business_days(date(2026, 11, 25), 1, "US") == date(2026, 11, 27)  # Thursday 26: Thanksgiving
    assert add_business_days(date(2026, 4, 30), 1, "DE") == date(2026, 5, 4)  # Friday 1 May, then the weekend
    assert not is_working_day(date(2026, 12, 8), "PT")  # Imaculada Conceição
    assert is_working_day(date(2026, 12, 8), "GB")


def test_a_country_with_another_weekend():
    # Israel rests on Friday and Saturday: Thursday 3 December 2026 + 1 business day is Sunday 6 December.
    assert add_business_days(date(2026, 12, 3), 1, "IL") == date(2026, 12, 6)
    assert add_business_days(date(2026, 12, 3), 1, "GB") == date(2026, 12, 4)


def test_no_country_or_one_without_a_calendar_means_weekdays():
    assert add_business_days(date(2026, 12, 24), 1, None) == date(2026, 12, 25)
    assert add_business_days(date(2026, 12, 24), 1, "ZZ") == date(2026, 12, 25)  # no such country


def test_a_step_that_would_land_on_a_holiday_moves_to_the_next_working_day():
    london = ZoneInfo("Europe/London")
    start = datetime(2026, 12, 22, 15, 0, tzinfo=london)  # Tuesday
    due = after(start, Span(business_days=3), "Europe/London", QUIET, country="GB")
    assert due.astimezone(london) == datetime(2026, 12, 29, 15, 0, tzinfo=london)


async def test_the_second_email_after_a_thank_you_sent_before_christmas_waits_for_the_holidays(app, clock):
    """Through the chat: a Londoner taps Sent on Tuesday 22 December; the second email comes on Tuesday 29."""
    clock.now = datetime(2026, 12, 22, 10, 0, tzinfo=UTC)
    sender = RecordingSender()
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada, tz="London")
    await debrief(ada, when="today 9am", decision=None)
    await ada.taps("Write the drafts")
    clock.advance(hours=2)
    assert await app.dispatch_due() >= 1
    jane = next(r for r in sender.take() if "Jane Doe" in r.text.split("\n")[0])
    sent = next(b for b in jane.buttons if b.label == "Sent")
    await ada.sends_action(sent.action)
    assert "Tuesday 29 December" in ada.text, ada.text
    async with app.sessions() as session:
        second = await session.scalar(
            select(Reminder)
            .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
            .where(FollowUp.kind == "second_email")
            .order_by(Reminder.id.desc())
        )
    assert second is not None
    assert second.due_at.astimezone(ZoneInfo("Europe/London")).date() == date(2026, 12, 29)
