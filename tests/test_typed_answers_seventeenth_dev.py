"""The seventeenth dev set of typed answers of issue 19: faults found on main, each with more of its family in
other wordings, so that what makes them work is the family's shape and not their words:

- a time zone said with a chatty word after the place ("brissy mate", "joburg baby"), by a city's common
  abbreviation ("cdmx", "jhb"), or as an offset with a dotted or decimal half hour ("gmt+5.30 (pune)", "utc+9.5"),
  a city beside it deciding;
- an interview's time said loosely at 19:00: "around lunch", "lunch-ish" (lunchtime, as "lunchtime" is), and a
  bare hour that is the current one ("at 7 ish" at 19:00): 07:00 this morning, not the hour only just begun.

Each row runs as the tenth dev set's rows do (`run_tenth_row`, with this table's personas): a fresh user onboarded
in the persona's zone, the clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer
typed, then the stored value and what the bot says back. The rows in FAST run in the default run; the others are a
`measure` table.
"""

from __future__ import annotations

import pytest

from tests.support.typed_rows import row_param
from tests.test_typed_answers_fourth_heldout import WHEN
from tests.test_typed_answers_tenth_dev import MORE_ASKED, NO_HOUR, Row, at, run_tenth_row, t

ZONES = {
    "Liam": "Australia/Brisbane", "Thabo": "Africa/Johannesburg", "Sofia": "America/Mexico_City",
    "Kavya": "Asia/Kolkata", "Zara": "Australia/Adelaide", "Owen": "Europe/London", "Aiman": "Asia/Kuala_Lumpur",
}  # fmt: skip
TZ = "user.timezone"
SET, WHO_ASKED = "Time zone set", "Who interviewed you"

ROWS: list[Row] = [
    # ---- 20 time zone: a chatty word after the place ----------------------------------------------------------------
    t(1, "Liam", 20, "brissy mate", {TZ: "Australia/Brisbane"}, SET),
    t(2, "Thabo", 20, "joburg baby", {TZ: "Africa/Johannesburg"}, SET),
    t(3, "Zara", 20, "adelaide haha", {TZ: "Australia/Adelaide"}, SET),
    t(4, "Owen", 20, "ldn innit", {TZ: "Europe/London"}, SET),
    # ---- 20 time zone: a city's common abbreviation -------------------------------------------------------------------
    t(5, "Sofia", 20, "cdmx", {TZ: "America/Mexico_City"}, SET),
    t(6, "Thabo", 20, "jhb", {TZ: "Africa/Johannesburg"}, SET),
    t(7, "Aiman", 20, "kl lah", {TZ: "Asia/Kuala_Lumpur"}, SET),
    # ---- 20 time zone: an offset with a dotted or decimal half hour, a city beside it ------------------------------
    t(8, "Kavya", 20, "gmt+5.30 (pune)", {TZ: "Asia/Kolkata"}, SET),
    t(9, "Kavya", 20, "utc +5.5", {TZ: "Asia/Kolkata"}, SET),
    t(10, "Zara", 20, "GMT+9.5 adelaide", {TZ: "Australia/Adelaide"}, SET),
    t(11, "Kavya", 20, "UTC + 5:30 hyderabad", {TZ: "Asia/Kolkata"}, SET),
    # ---- 3 when: lunch said loosely -----------------------------------------------------------------------------------
    t(12, "Owen", 3, "around lunch", {WHEN: at(ZONES["Owen"], "2026-12-07T12:30", 45)}, WHO_ASKED, alt=NO_HOUR),
    t(13, "Liam", 3, "lunch-ish today", {WHEN: at(ZONES["Liam"], "2026-12-07T12:30", 45)}, WHO_ASKED, alt=NO_HOUR),
    t(14, "Thabo", 3, "about midday", {WHEN: at(ZONES["Thabo"], "2026-12-07T12:00", 45)}, WHO_ASKED, alt=NO_HOUR),
    # ---- 3 when: a bare hour that is the current one (19:00): this morning's -------------------------------------
    t(15, "Owen", 3, "at 7 ish", {WHEN: at(ZONES["Owen"], "2026-12-07T07:00")}, WHO_ASKED),
    t(16, "Sofia", 3, "around 7", {WHEN: at(ZONES["Sofia"], "2026-12-07T07:00")}, WHO_ASKED),
    t(17, "Kavya", 3, "7:30 or so", {WHEN: at(ZONES["Kavya"], "2026-12-07T07:30")}, WHO_ASKED),
    t(18, "Liam", 3, "at 7pm", {WHEN: at(ZONES["Liam"], "2026-12-07T19:00")}, WHO_ASKED),  # said as the evening: kept
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 8, 15}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_seventeenth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_tenth_row(app, clock, row, ZONES)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_seventeenth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} <= {3, 20, *MORE_ASKED}
    assert FAST.issubset({row.n for row in ROWS})
