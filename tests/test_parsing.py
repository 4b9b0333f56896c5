"""Reading what people type: dates in their zone, time zones, emails, phone numbers, button actions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.common import actions
from bot.common.parsing.contacts import check_email, check_phone
from bot.common.parsing.days import parse_day
from bot.common.parsing.moments import parse_moment
from bot.common.parsing.text import Invalid, clean_text, shorten
from bot.common.parsing.zones import parse_timezone

NOW = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 14:00 in Berlin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("just now", datetime(2026, 11, 25, 13, 0, tzinfo=UTC)),
        ("today 14:00", datetime(2026, 11, 25, 13, 0, tzinfo=UTC)),
        ("yesterday at 3pm", datetime(2026, 11, 24, 14, 0, tzinfo=UTC)),
        ("2026-03-14 10:30", datetime(2026, 3, 14, 9, 30, tzinfo=UTC)),
        ("two hours ago", datetime(2026, 11, 25, 11, 0, tzinfo=UTC)),
    ],
)
def test_interview_times_are_read_in_the_users_zone(text, expected):
    assert parse_moment(text, "Europe/Berlin", NOW) == expected


def test_decision_days_prefer_the_future():
    assert parse_day("friday", "Europe/Berlin", NOW) == date(2026, 11, 27)
    assert parse_day("in 2 weeks", "Europe/Berlin", NOW) == date(2026, 12, 9)


@pytest.mark.parametrize("text", ["the day after the big storm", "2", "", "x" * 200, "0/0", "0/0 3pm", "00/00 at 2pm"])
def test_unreadable_times_get_a_specific_answer(text):
    with pytest.raises(Invalid, match=r"when|time|read"):
        parse_moment(text, "Europe/Berlin", NOW)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Berlin", "Europe/Berlin"),
        ("munich", "Europe/Berlin"),
        ("America/New_York", "America/New_York"),
        ("new york", "America/New_York"),
        ("São Paulo", "America/Sao_Paulo"),
        ("UTC+2", "Etc/GMT-2"),
        ("utc-5", "Etc/GMT+5"),
        ("UTC", "UTC"),
    ],
)
def test_time_zones_from_cities_names_and_offsets(text, zone):
    assert parse_timezone(text) == zone


def test_unknown_zone_and_impossible_offset():
    with pytest.raises(Invalid, match="don't know"):
        parse_timezone("Atlantis-on-Sea")
    with pytest.raises(Invalid, match="UTC-12 to UTC"):
        parse_timezone("UTC+19")


def test_emails_are_validated_and_normalised():
    assert check_email(" <Ada@Example.COM> ") == "Ada@example.com"
    for bad in ["ada@", "ada@@x.com", "a b@c.com", "@x.com", "ada@localhost"]:
        with pytest.raises(Invalid, match="not a valid email"):
            check_email(bad)


def test_phones_are_validated_and_stored_in_e164():
    assert check_phone("+44 20 7946 0958") == "+442079460958"
    assert check_phone("030 901820", "DE") == "+4930901820"
    for bad in ["12", "phone", "+1 555"]:
        with pytest.raises(Invalid):
            check_phone(bad)


def test_answers_keep_emoji_and_markup_but_lose_control_characters():
    assert clean_text(" <b>hi</b> & 🎉\u0000\u0007 שלום ") == "<b>hi</b> & 🎉 שלום"
    with pytest.raises(Invalid, match="looks empty"):
        clean_text(" \u0000 ")


@given(st.text(max_size=100))
def test_garbled_actions_are_refused_never_raised(text):
    decoded = actions.decode(text)
    if decoded is not None:
        assert actions.decode(decoded.encode()) == decoded


@given(st.integers(0, 2**31 - 1), st.sampled_from(["d", "y", "s1", "sm", "k", "v", "db"]))
def test_reminder_actions_round_trip_within_64_bytes(ref, op):
    action = actions.reminder(ref, op)
    assert len(action.encode()) <= 64
    assert actions.decode(action) == actions.Action("r", ref, op)


@pytest.mark.parametrize(
    ("text", "limit", "quoted"),
    [
        ("two references", 60, "two references"),
        (
            "At Glovo I shipped the new onboarding and cut UI bugs by 40% in six months",
            40,
            "At Glovo I shipped the new onboarding…",
        ),
        (
            "I said I'd send my Figma case study and a link to my research repo",
            60,
            "I said I'd send my Figma case study and a link to my…",
        ),
        ("references,  portfolio,\n and my GitHub profile", 23, "references, portfolio…"),
        ("https://example.com/a-very-long-link-without-any-spaces-at-all", 20, "https://example.com…"),
    ],
)
def test_quotes_are_cut_at_a_word_boundary_with_an_ellipsis(text, limit, quoted):
    assert shorten(text, limit) == quoted
    assert len(shorten(text, limit)) <= limit


@given(st.text(max_size=300), st.integers(min_value=2, max_value=120))
def test_a_quote_is_never_longer_than_its_limit_and_never_cut_inside_a_word_it_could_keep(text, limit):
    quoted = shorten(text, limit)
    assert len(quoted) <= limit
    flat = " ".join(text.split())
    if quoted != flat:  # cut: what is kept is the start of the text, ending where a word ends
        kept = quoted.removesuffix("…")
        assert quoted.endswith("…") and flat.startswith(kept)
        assert " " not in kept or not flat[len(kept)].isalnum() or not kept[-1:].isalnum()


def test_a_time_that_cannot_be_read_is_quoted_whole_words():
    with pytest.raises(Invalid) as refused:
        parse_moment(
            "At Glovo I led the checkout redesign and cut UI bugs by 40% in two quarters, with A/B tests", "UTC", NOW
        )
    assert "“At Glovo I led the checkout redesign and cut UI bugs by 40% in two quarters…” as a time" in str(
        refused.value
    )
