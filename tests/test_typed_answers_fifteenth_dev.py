"""The fifteenth dev set of typed answers of issue 19 (days, times and promises): faults found on main, each with more
of its family in other wordings, so that what makes them work is the family's shape and not their words:

- an hour said with "today"/"yesterday" in another language ("tadi pagi jam 9an", "kemarin sore jam 3", "petang
  tadi pukul 2", "hoy como a las 11 de la mañana", "aujourd'hui vers 14h"): that day at that hour;
- a time said on the other side's clock ("3pm their time (NY)", "that's their time (CET)"): in the user's zone;
- a day said loosely ("next weds-ish"): read as the day, and asked which week when "next" leaves it open;
- a hoped day and a latest one ("thursday if all goes well, worst case the 18th"): counted from the latest, the
  span said back;
- a quarter where the financial year starts in April or July (India, Australia): calendar or financial-year quarter
  asked with buttons; elsewhere the calendar quarter, not asked;
- "tomorrow or the day after" in other languages ("morgen oder übermorgen", "besok atau lusa"): by the later day;
- a thank-you email as the only thing promised: the chat drafts it, nothing is recorded;
- items listed, then a remark dating one of them ("..., tho dbs takes 2 weeks"): one item each, the undated one
  asked about;
- the promise in parts at "by when?" ("one tomorrow and the other one by friday"): a row each, the item's name kept;
- a "no" at "Did you promise ...?" taken back at the next question ("nope || wait, actually yes, i said i'd send
  ..."): my promise, not theirs.

Each row runs as the thirteenth dev set's rows do (`run_fourth_row`): a fresh user onboarded in the persona's zone,
the clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer typed, then the stored value
and what the bot says back. The rows in FAST run in the default run; the others are a `measure` table.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.typed_rows import fragments, row_param, run_typed_row
from tests.test_typed_answers_eleventh_dev import dues
from tests.test_typed_answers_fourth_heldout import (
    ALL_WHAT,
    ASKED,
    DECIDE,
    DUE,
    DUES,
    MINE,
    REFUSED,
    WHAT,
    WHEN,
    _value,
    has,
    run_fourth_row,
)
from tests.test_typed_answers_tenth_dev import Row, at, t

ZONES = {
    "Rizky": "Asia/Jakarta", "Farah": "Asia/Kuala_Lumpur", "Luis": "America/Montevideo", "Greta": "Europe/Berlin",
    "Ines": "Europe/Lisbon", "Omar": "Asia/Qatar", "Thabo": "Africa/Johannesburg", "Bilal": "Asia/Karachi",
    "Tom": "Europe/London", "Aarav": "Asia/Kolkata", "Mia": "Australia/Sydney",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
WHO_Q, MORE_MINE, THEIRS_Q = "Who interviewed", "Anything else you promised", "Did they promise"


def _at(persona: str, iso: str):
    return at(ZONES[persona], iso)


ROWS: list[Row] = [
    # ---- 3 when: an hour with "today"/"yesterday" in another language ------------------------------------------
    t(1, "Rizky", 3, "tadi pagi jam 9an", {WHEN: _at("Rizky", "2026-12-07T09:00")}, WHO_Q),
    t(2, "Rizky", 3, "kemarin sore jam 3", {WHEN: _at("Rizky", "2026-12-06T15:00")}, WHO_Q),
    t(3, "Farah", 3, "petang tadi pukul 2", {WHEN: _at("Farah", "2026-12-07T14:00")}, WHO_Q),
    t(4, "Luis", 3, "hoy como a las 11 de la mañana", {WHEN: _at("Luis", "2026-12-07T11:00")}, WHO_Q),
    t(5, "Greta", 3, "aujourd'hui vers 14h", {WHEN: _at("Greta", "2026-12-07T14:00")}, WHO_Q),
    # ---- 3 when: a time on the other side's clock, in the user's zone ----------------------------------------------
    t(6, "Ines", 3, "thursday 3pm their time (NY)", {WHEN: at("America/New_York", "2026-12-03T15:00")}, WHO_Q),
    t(7, "Omar", 3, "this morning 9am, that's their time (CET)", {WHEN: at("Europe/Berlin", "2026-12-07T09:00")},
      WHO_Q),
    t(8, "Greta", 3, "yesterday 10am but it was their time, london", {WHEN: at("Europe/London", "2026-12-06T10:00")},
      WHO_Q),
    # ---- 16 decide: a day said loosely, which week asked ------------------------------------------------------------
    t(9, "Thabo", 16, "next weds-ish", {DECIDE: None}, ("Wednesday 9 December", "Wednesday 16 December")),
    # ---- 16 decide: a hoped day and a latest one: counted from the latest ------------------------------------------
    t(10, "Bilal", 16, "thursday if all goes well, worst case the 18th", {DECIDE: date(2026, 12, 18)}, "18 December"),
    t(11, "Tom", 16, "friday with luck, tuesday next week at the latest", {DECIDE: date(2026, 12, 15)},
      "15 December"),
    t(12, "Greta", 16, "hopefully wednesday, if not then monday", {DECIDE: date(2026, 12, 14)}, "14 December"),
    # ---- 16 decide: a quarter where the financial year starts elsewhere: which one asked ----------------------------
    t(13, "Aarav", 16, "end of Q2 they reckon", {DECIDE: None}, ("calendar Q2", "financial-year Q2")),
    t(14, "Mia", 16, "sometime in Q3", {DECIDE: None}, ("calendar Q3", "financial-year Q3")),
    t(15, "Greta", 16, "end of Q1", {DECIDE: date(2027, 3, 31)}, not_asks="financial-year"),
    # ---- 18 my promise's day: "tomorrow or the day after" in other languages ----------------------------------------
    t(16, "Luis", 18, "hoy o mañana", {DUE: date(2026, 12, 8)}, MORE_MINE),
    t(17, "Greta", 18, "morgen oder übermorgen", {DUE: date(2026, 12, 9)}, MORE_MINE),
    t(18, "Rizky", 18, "besok atau lusa", {DUE: date(2026, 12, 9)}, MORE_MINE),
    t(19, "Thabo", 18, "next thurs-ish", {DUE: None}, ("Thursday 10 December", "Thursday 17 December")),
    # ---- 17 my promise: only the thank-you email, which the chat drafts ---------------------------------------------
    t(20, "Farah", 17, "just the thank-you email i guess", {"promises": 0}, ("thank-you email", THEIRS_Q)),
    t(21, "Tom", 17, "a thank you note, if that counts", {"promises": 0}, ("thank-you email", THEIRS_Q)),
    # ---- 17 my promise: items listed, then a remark dating one of them -------------------------------------------
    t(22, "Omar", 17, "my degree scan and the dbs check, tho dbs takes 2 weeks",
      {"promises": 2, WHAT: has("degree scan")}, "my degree scan"),
    t(23, "Greta", 17, "reference letter + transcript, but the transcript might take till friday",
      {"promises": 2, WHAT: has("reference letter")}, "reference letter"),
    # ---- 17 then 19: a "no" taken back at the next question: my promise ---------------------------------------------
    t(24, "Luis", 17, "nope || wait, actually yes, i said i'd send my payslips tomorrow",
      {MINE: True, WHAT: has("payslips"), DUE: date(2026, 12, 8)}, "you'll send them"),
    t(25, "Tom", 17, "no || oh wait, yes - told them i'll forward my certificates on friday",
      {MINE: True, WHAT: has("certificates"), DUE: date(2026, 12, 11)}, "you'll send them"),
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 6, 10, 13, 17, 20, 22, 24}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_fifteenth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_fourth_row(app, clock, row, ZONES, MONDAY)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_fifteenth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert FAST.issubset({row.n for row in ROWS})


# The promise in parts at "by when will you send “writing samples”?": a row per part, each named by the promise and
# its part ("writing samples (the other one)"), so the item stored on the way is kept in each row's name.
PART_ROWS: list[Row] = [
    # ---- 18 my promise's day: the promise in parts, a day each, its name kept -------------------------------------
    t(1, "Greta", 18, "one tomorrow and the other one by friday",
      {"promises": 2, ALL_WHAT: has("writing samples"), DUES: dues("2026-12-08", "2026-12-11")}, MORE_MINE),
    t(2, "Tom", 18, "2 tonight and the rest by the weekend",
      {"promises": 2, ALL_WHAT: has("writing samples"), DUES: dues("2026-12-07", "2026-12-13")}, MORE_MINE),
    t(3, "Thabo", 18, "the first two tomorrow, the last one needs my old manager's ok so maybe thursday",
      {"promises": 2, ALL_WHAT: has("writing samples"), DUES: dues("2026-12-08", "2026-12-10")}, MORE_MINE),
]  # fmt: skip


async def _parts_keep_the_item(app) -> list[str]:
    rows = await _value(app, DUES) or []
    named = [what for what, _ in rows if what.casefold().startswith("writing samples")]
    return [] if len(named) == len(rows) >= 2 else [f"the item “writing samples” was not kept in every part: {rows}"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast={1}) for row in PART_ROWS])
async def test_a_promise_in_parts_keeps_its_name(app, clock, row):
    wrong = await run_typed_row(
        app, clock, zone=ZONES[row.persona], day=MONDAY, at=row.at, typed=row.typed, stored=row.stored,
        asks=row.asks, not_asks=(*fragments(row.not_asks), *REFUSED, ASKED[row.question]), value=_value,
        kept=lambda: _parts_keep_the_item(app),
    )  # fmt: skip
    assert not wrong, f"#{row.n} {row.typed!r}:\n" + "\n".join(wrong)
