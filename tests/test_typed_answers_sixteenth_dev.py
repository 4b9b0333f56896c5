"""The sixteenth dev set of typed answers of issue 19: faults found on main, each with more of its family in other
wordings, so that what makes them work is the family's shape and not their words:

- a zone's abbreviation shared by several zones, with a city beside it ("IST, chennai", "CST (shanghai)"): the
  city decides (Asia/Kolkata, not Europe/Istanbul);
- an address with a hedge or punctuation stuck to it ("maybe j.doe@x.com?", "(j.doe@x.com)"): the address stored,
  said back as a guess when hedged;
- a title in two scripts or languages beside a name ("李伟 Li Wei, 产品经理 product manager"): the English title;
- a list of promised items without days ("the contract draft, salary bands and the org chart"): one promise per
  item, "by when" asked once for the group, and who promised an item kept with that item.

Each row runs as the tenth dev set's rows do (`run_tenth_row`, with this table's personas): a fresh user onboarded
in the persona's zone, the clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer
typed, then the stored value and what the bot says back. The rows in FAST run in the default run; the others are a
`measure` table.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.typed_rows import items, row_param
from tests.test_typed_answers import WHO
from tests.test_typed_answers_eleventh_dev import dues
from tests.test_typed_answers_fourth_heldout import ALL_WHAT, DUES, PR, E, N, same
from tests.test_typed_answers_tenth_dev import MORE_ASKED, Row, run_tenth_row, t

ZONES = {
    "Kavya": "Asia/Kolkata", "Wei": "Asia/Shanghai", "Rahim": "Asia/Dhaka", "Jess": "America/Chicago",
    "Owen": "Europe/London", "Ana": "America/Sao_Paulo",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
TZ = "user.timezone"
SET, GUESS, BY_WHEN = "Time zone set", "as your guess", "By when"


ROWS: list[Row] = [
    # ---- 20 time zone: an abbreviation shared by zones, a city beside it -------------------------------------------
    t(1, "Kavya", 20, "IST, chennai", {TZ: "Asia/Kolkata"}, SET),
    t(2, "Wei", 20, "CST (shanghai)", {TZ: "Asia/Shanghai"}, SET),
    t(3, "Rahim", 20, "BST, dhaka", {TZ: "Asia/Dhaka"}, SET),
    t(4, "Kavya", 20, "ist - bangalore", {TZ: "Asia/Kolkata"}, SET),
    t(5, "Jess", 20, "CST, houston", {TZ: "America/Chicago"}, SET),
    # ---- 6 email: a hedge or punctuation stuck to the address --------------------------------------------------------
    t(6, "Owen", 6, "maybe j.doe@x.com?", {E: "j.doe@x.com"}, GUESS),
    t(7, "Owen", 6, "j.doe@x.com i think", {E: "j.doe@x.com"}, GUESS),
    t(8, "Ana", 6, "(j.doe@x.com)", {E: "j.doe@x.com"}, None, GUESS),
    t(9, "Jess", 6, "probably jane.doe@acme.example?", {E: "jane.doe@acme.example"}, GUESS),
    t(10, "Owen", 6, "<jane.doe@acme.example>.", {E: "jane.doe@acme.example"}, None, GUESS),
    # ---- 4 who: a name and a title, each in two scripts or languages -------------------------------------------------
    t(11, "Wei", 4, "李伟 Li Wei, 产品经理 product manager", {N: "Li Wei", PR: same("product manager")}),
    t(12, "Wei", 4, "王芳 Wang Fang, 人力资源经理 HR manager", {N: "Wang Fang", PR: same("hr manager")}),
    t(13, "Kavya", 4, "Kim Minji 김민지, 마케팅 팀장 marketing lead", {N: "Kim Minji", PR: same("marketing lead")}),
    # ---- 19 their promise, 17 my promise: a list of items without days ---------------------------------------------
    t(14, "Owen", 19, "the contract draft, salary bands and the org chart",
      {ALL_WHAT: items("contract draft", "salary bands", "org chart")}, BY_WHEN),
    t(15, "Owen", 17, "my refs, payslips & p60", {ALL_WHAT: items("refs", "payslips", "p60")}, BY_WHEN),
    t(16, "Ana", 19, "a job description, the benefits pack, the team structure",
      {ALL_WHAT: items("job description", "benefits pack", "team structure")}, BY_WHEN),
    t(17, "Jess", 17, "transcripts, two references and my portfolio link",
      {ALL_WHAT: items("transcripts", "references", "portfolio link")}, BY_WHEN),
    t(18, "Owen", 19, "the contract draft, salary bands and the org chart by friday",
      {ALL_WHAT: items("contract draft", "salary bands", "org chart"), DUES: dues("2026-12-11")}, "11 December"),
    t(19, "Jess", 17, "my refs, payslips & p60 || by thursday",
      {ALL_WHAT: items("refs", "payslips", "p60"), DUES: dues("2026-12-10")}, "10 December"),
    t(20, "Ana", 17, "my cv and cover letter", {ALL_WHAT: items("cv and cover letter")}, BY_WHEN),
    # ---- 19 their promise: one item of the list names who promised it ---------------------------------------------
    t(21, "Owen", 19, "the offer letter, the pension info, and jane said she'd send the team chart",
      {ALL_WHAT: items("offer letter", "pension info", "team chart"), WHO: "Jane Doe"}, BY_WHEN),
    t(22, "Wei", 19, "a contract draft, the salary bands, and jane said she would send over the org chart",
      {ALL_WHAT: items("contract draft", "salary bands", "org chart"), WHO: "Jane Doe"}, BY_WHEN),
    t(23, "Wei", 19, "the contract draft, salary bands, and zhang said he'd send the org chart || by friday",
      {ALL_WHAT: items("contract draft", "salary bands", "org chart"), DUES: dues("2026-12-11"), WHO: None},
      "Anything else they promised", "Who promised you"),
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 6, 11, 14, 19}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_sixteenth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_tenth_row(app, clock, row, ZONES)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_sixteenth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} <= {4, 6, 17, 19, 20, *MORE_ASKED}
    assert FAST.issubset({row.n for row in ROWS})
