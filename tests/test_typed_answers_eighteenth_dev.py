"""The eighteenth dev set of typed answers of issue 19: a pair of promised things joined by "+" or " & "
("salary bands + v2 of the job spec", "payslips & p60") is one promise per thing, at both promise questions: the
day given to both, or "by when" asked once for the pair. A firm's name ("Baker & Co", "Marks & Spencer"), a sign with
no space around it ("P&L", "R&D") and a pair joined by "and" ("my cv and cover letter") stay one promise.

Each row runs as the tenth dev set's rows do (`run_tenth_row`, with this table's personas). The rows in FAST run in
the default run; the others are a `measure` table.
"""

from __future__ import annotations

import pytest

from tests.support.typed_rows import items, row_param
from tests.test_typed_answers_eleventh_dev import dues
from tests.test_typed_answers_fourth_heldout import ALL_WHAT, DUES
from tests.test_typed_answers_tenth_dev import Row, run_tenth_row, t

ZONES = {
    "Kavya": "Asia/Kolkata", "Wei": "Asia/Shanghai", "Rahim": "Asia/Dhaka", "Jess": "America/Chicago",
    "Owen": "Europe/London", "Ana": "America/Sao_Paulo",
}  # fmt: skip
BY_WHEN = "By when"


ROWS: list[Row] = [
    # ---- 19 their promise: a pair joined by "+" or " & ", no day ---------------------------------------------------
    t(1, "Owen", 19, "salary bands + the second draft of the job spec",
      {ALL_WHAT: items("salary bands", "second draft of the job spec")}, BY_WHEN),
    t(2, "Ana", 19, "the benefits pack & the onboarding schedule",
      {ALL_WHAT: items("benefits pack", "onboarding schedule")}, BY_WHEN),
    t(3, "Jess", 19, "the team org chart + 2 sample reports", {ALL_WHAT: items("org chart", "sample reports")}, BY_WHEN),
    # ---- 17 my promise: a pair joined by "+" or " & ", no day ------------------------------------------------------
    t(4, "Kavya", 17, "a scan of my nursing registration + three referees",
      {ALL_WHAT: items("nursing registration", "three referees")}, BY_WHEN),
    t(5, "Owen", 17, "bank statements & my P45", {ALL_WHAT: items("bank statements", "P45")}, BY_WHEN),
    t(6, "Jess", 17, "my writing samples+my degree certificate",
      {ALL_WHAT: items("writing samples", "degree certificate")}, BY_WHEN),
    # ---- a pair with one day: the day given to both ----------------------------------------------------------------
    t(7, "Owen", 19, "the offer letter + pension details by friday",
      {ALL_WHAT: items("offer letter", "pension details"), DUES: dues("2026-12-11", "2026-12-11")}, "11 December"),
    t(8, "Ana", 17, "my portfolio & two references on thursday",
      {ALL_WHAT: items("portfolio", "references"), DUES: dues("2026-12-10", "2026-12-10")}, "10 December"),
    t(9, "Kavya", 17, "my payslips + a copy of my passport || by wednesday",
      {ALL_WHAT: items("payslips", "passport"), DUES: dues("2026-12-09", "2026-12-09")}, "9 December"),
    # ---- one thing: a firm's name, a sign with no space, "and" -----------------------------------------------------
    t(10, "Owen", 19, "the audit pack from Baker & Co", {ALL_WHAT: items("Baker & Co")}, BY_WHEN),
    t(11, "Jess", 17, "my notes on the P&L", {ALL_WHAT: items("P&L")}, BY_WHEN),
    t(12, "Owen", 19, "a gift card from Marks & Spencer", {ALL_WHAT: items("Marks & Spencer")}, BY_WHEN),
    t(13, "Ana", 17, "my resume and cover letter", {ALL_WHAT: items("resume and cover letter")}, BY_WHEN),
    t(14, "Wei", 19, "the R&D roadmap", {ALL_WHAT: items("R&D roadmap")}, BY_WHEN),
    t(15, "Owen", 19, "the Ernst & Young onboarding pack", {ALL_WHAT: items("Ernst & Young onboarding pack")}, BY_WHEN),
    # ---- a pair after a lead-in ("said I'd send", "they'll send") -------------------------------------------------
    t(16, "Kavya", 17, "said i'd send my registration cert + 2 referees",
      {ALL_WHAT: items("registration cert", "referees")}, BY_WHEN),
    t(17, "Wei", 19, "they'll send the relocation policy & the visa checklist by monday",
      {ALL_WHAT: items("relocation policy", "visa checklist")}, "Monday 7 December or Monday 14 December", "Noted"),
    t(18, "Ana", 17, "a code sample + my references by monday || the 14th",
      {ALL_WHAT: items("code sample", "references"), DUES: dues("2026-12-14")}, "14 December"),
    t(19, "Jess", 17, "my refs, payslips & p60 by monday || next monday",
      {ALL_WHAT: items("refs", "payslips", "p60"), DUES: dues("2026-12-14")}, "14 December"),
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 5, 9, 10}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_an_eighteenth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_tenth_row(app, clock, row, ZONES)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_eighteenth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} <= {17, 19}
    assert FAST.issubset({row.n for row in ROWS})
