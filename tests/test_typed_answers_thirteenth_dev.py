"""The thirteenth dev set of typed answers of issue 19: faults found on main, each with more of its family in other
wordings, so that what makes them work is the family's shape and not their words:

- Vietnamese names typed family name first in lower case ("nguyen van an"): "Van" and "Thi" are middle names, not
  the Dutch particle "van", so the name is "Nguyen Van An", greeted "An" as other family-name-first names are;
- their promises and mine as a list sharing one day ("the brief + the budget by fri") or with a day each
  ("portfolio tonight, refs by weds and my certs next week");
- a decision date said with a hedge ("maybe next week", "prob next week or so", "hopefully before xmas"): as hedged
  days are said back today, the range with its latest plausible day counted from, the words typed kept, never asked
  twice;
- a phone number typed with a note, an extension or a second number ("07700 900123 (whatsapp only)", "+353 1 555 0100
  ext. 214", "office 0161 496 0000, mob 07700 900456"): the number in E.164 (the mobile of two), the rest kept in
  `people.phone_note` and said back;
- remarks in stored values ("hiring manager i think?", "acme (the uk arm not the us one)",
  "data analyst - entry level ish"): the value without the remark.

Beside the table: the interview's time typed after midnight ("today around 2ish" at 02:37 is 02:00; "this
afternoon" is the afternoon just gone, its time asked with buttons), and a nickname typed after a name ("Gareth Evans
(gaz)") kept in `people.nickname`, so that "gaz will send the rota" finds Gareth as the promiser.

Each row runs as the twelfth dev set's rows do (`run_fourth_row`): a fresh user onboarded in the persona's zone, the
clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer typed, then the stored value and
what the bot says back. The rows in FAST run in the default run; the others are a `measure` table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.store.models import Interview
from tests.support.databases import START
from tests.support.driver import ChatUser
from tests.support.scripts import Says, Taps, onboard, play
from tests.support.typed_rows import path_to, row_param
from tests.test_typed_answers import _stored
from tests.test_typed_answers_eleventh_dev import dues, lacks
from tests.test_typed_answers_fourth_heldout import ASKED, DECIDE, PR, C, R, has, run_fourth_row, same
from tests.test_typed_answers_tenth_dev import Row, t

ZONES = {
    "Linh": "Asia/Ho_Chi_Minh", "Niamh": "Europe/Dublin", "Gareth": "Europe/London", "Marisol": "America/Bogota",
    "Tobias": "Europe/Berlin", "Amara": "Africa/Lagos",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
N, PH, NOTE = "person.name", "person.phone", "person.phone_note"
SAID, LAST = "interview.decision_text", "the last day"  # a hedged day: a range, counted from its last day
ALL_WHAT, DUES = "promises.what", "promises.due"
GREET_Q, MORE_MINE, WHO_THEIRS = "greet them?", "Anything else you promised", "Who promised you"

ROWS: list[Row] = [
    # ---- 4 who: a Vietnamese name typed family name first, "van"/"thi" its middle name --------------------------------
    t(1, "Linh", 4, "nguyen van an", {N: "Nguyen Van An"}, GREET_Q),
    t(2, "Linh", 4, "tran thi mai", {N: "Tran Thi Mai"}, GREET_Q),
    t(3, "Gareth", 4, "do van minh", {N: "Do Van Minh"}, GREET_Q),
    t(4, "Amara", 4, "le van hung", {N: "Le Van Hung"}, GREET_Q),
    # ---- 17 my promise: a list sharing one day, or a day each -------------------------------------------------------
    t(5, "Niamh", 17, "the brief + the budget by fri",
      {ALL_WHAT: has("brief", "budget"), DUES: dues("2026-12-11", "2026-12-11")}, MORE_MINE),
    t(6, "Gareth", 17, "portfolio tonight, refs by weds and my certs next week",
      {ALL_WHAT: lacks("tonight", "weds", also=has("portfolio", "refs", "certs"))}, MORE_MINE),
    t(7, "Tobias", 17, "the slides and the code sample by thurs",
      {ALL_WHAT: has("slides", "code sample"), DUES: dues("2026-12-10", "2026-12-10")}, MORE_MINE),
    t(8, "Marisol", 17, "my transcript tomorrow, the references by friday and a writing sample next week",
      {ALL_WHAT: lacks("tomorrow", "friday", also=has("transcript", "references", "writing sample"))}, MORE_MINE),
    # ---- 16 decide: a hedged day, the latest plausible one, said back with its hedge ---------------------------------
    t(9, "Niamh", 16, "maybe next week", {DECIDE: date(2026, 12, 18), SAID: has("maybe")}, LAST),
    t(10, "Gareth", 16, "prob next week or so", {DECIDE: date(2026, 12, 18), SAID: has("prob")}, LAST),
    t(11, "Tobias", 16, "hopefully before xmas", {DECIDE: date(2026, 12, 24), SAID: has("hopefully")}, LAST),
    t(12, "Amara", 16, "possibly before christmas", {DECIDE: date(2026, 12, 24), SAID: has("possibly")}, LAST),
    # ---- remarks in stored values: the value without the remark ----------------------------------------------------
    t(13, "Niamh", 5, "hiring manager i think?", {PR: same("hiring manager")}),
    t(14, "Gareth", 1, "acme (the uk arm not the us one)", {C: same("acme")}),
    t(15, "Marisol", 2, "data analyst - entry level ish", {R: lacks("ish", also=has("data analyst"))}),
    t(16, "Tobias", 5, "team lead i believe", {PR: same("team lead")}),
    t(17, "Amara", 1, "globex (the lagos office, not london)", {C: same("globex")}),
    t(18, "Linh", 2, "junior developer - sort of", {R: same("junior developer")}),
    # ---- 7 phone: a note, an extension or a second number typed with it: the number, the rest noted and said back -----
    t(19, "Gareth", 7, "07700 900123 (whatsapp only)", {PH: "+447700900123", NOTE: has("whatsapp only")},
      "whatsapp only"),
    t(20, "Niamh", 7, "+353 1 555 0100 ext. 214", {PH: "+35315550100", NOTE: has("214")}, "ext. 214"),
    t(21, "Gareth", 7, "office 0161 496 0000, mob 07700 900456",
      {PH: "+447700900456", NOTE: has("office", "161 496 0000")}, "office"),
    t(22, "Gareth", 7, "020 7946 0000 extension 305", {PH: "+442079460000", NOTE: has("305")}, "305"),
    t(23, "Niamh", 7, "087 123 4567 - text first, she rarely answers",
      {PH: "+353871234567", NOTE: has("text first")}, "text first"),
    t(24, "Gareth", 7, "work: 020 7946 0018 / mobile 07700 900789",
      {PH: "+447700900789", NOTE: has("work", "20 7946 0018")}, "work"),
    # ---- 19 their promise: a list sharing one day, or a day each ---------------------------------------------------
    t(25, "Niamh", 19, "the brief + the budget by fri",
      {ALL_WHAT: has("brief", "budget"), DUES: dues("2026-12-11", "2026-12-11")}, WHO_THEIRS),
    t(26, "Tobias", 19, "the offer letter tomorrow, the contract by weds and the handbook next week",
      {ALL_WHAT: lacks("tomorrow", "weds", also=has("offer letter", "contract", "handbook"))}, WHO_THEIRS),
    # ---- 4 who: a person in one line with a note on their number: the note is no part of the role ---------------------
    t(27, "Gareth", 4, "Jane Doe, hiring manager, 07700 900123 (whatsapp only)",
      {N: "Jane Doe", PR: same("hiring manager"), PH: "+447700900123", NOTE: has("whatsapp only")}, "whatsapp only"),
    t(28, "Niamh", 4, "Jane Doe jane@acme.example +353 1 555 0100 ext. 214",
      {N: "Jane Doe", PH: "+35315550100", NOTE: has("214")}, "ext. 214"),
    t(29, "Gareth", 4, "Priya Nair, recruiter, 020 7946 0000 x305",
      {N: "Priya Nair", PR: same("recruiter"), PH: "+442079460000", NOTE: has("305")}, "305"),
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 5, 9, 13, 14, 19, 21, 25, 27}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_thirteenth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_fourth_row(app, clock, row, ZONES, MONDAY)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_thirteenth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} <= set(ASKED)
    assert FAST.issubset({row.n for row in ROWS})


# The interview's time typed after midnight (02:37 on Tuesday 8 December): "today around 2ish" is 02:00 today, past
# and plausible; a part of the day that has not come yet today ("this afternoon") is asked about with buttons.
MEASURE = pytest.mark.measure
NIGHT_ROWS = [
    ("today around 2ish", "2026-12-08T02:00", "Who interviewed"),
    pytest.param("today at 1", "2026-12-08T01:00", "Who interviewed", marks=MEASURE),
    pytest.param("earlier today around 2", "2026-12-08T02:00", "Who interviewed", marks=MEASURE),
    ("this afternoon at 3", "2026-12-07T15:00", "Who interviewed"),  # the afternoon just gone
    pytest.param("today at 4pm", "2026-12-07T16:00", "Who interviewed", marks=MEASURE),
    ("this afternoon", None, "Monday 7 December"),  # the time on the day just gone is asked, with buttons
    pytest.param("this evening", None, "Monday 7 December", marks=MEASURE),
]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("typed", "stored", "asks"), NIGHT_ROWS)
async def test_an_interview_time_typed_after_midnight(app, clock, typed, stored, asks):
    zone = ZoneInfo("Europe/London")
    night = datetime(2026, 12, 8, 2, 37, tzinfo=zone).astimezone(UTC)
    clock.advance(seconds=(night - START).total_seconds())
    ada = ChatUser(app)
    await onboard(ada, tz="Europe/London")
    await play(ada, path_to("when"))
    await ada.says(typed)
    said = ada.text
    assert "future" not in said, said
    if stored:
        want = datetime.fromisoformat(stored).replace(tzinfo=zone).astimezone(UTC)
        got = await _stored(app, "interview.happened_at")
        assert got is not None and abs(got.replace(tzinfo=UTC) - want) <= timedelta(minutes=1), (got, said)
    assert asks in said, said


# A nickname typed after the name ("Gareth Evans (gaz)") is kept, and a promise said later by it finds the person.
NICK_ROWS = [
    ("Gareth Evans (gaz)", "gaz will send the rota by friday", "Gaz"),
    pytest.param("katherine bell (kate)", "kate said she'd send the contract tomorrow", "Kate", marks=MEASURE),
    pytest.param("Samuel Okoro, goes by Sam", "sam will email the job spec on monday", "Sam", marks=MEASURE),
]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("name", "typed", "nick"), NICK_ROWS)
async def test_a_nickname_finds_the_promiser(app, clock, name, typed, nick):
    ada = ChatUser(app)
    await onboard(ada, tz="Europe/London")
    await play(ada, [Says("/new"), Says("Acme"), Says("Data engineer"), Says("just now"), Says(name)])
    ada.expect("greet them")
    await play(ada, [Says("/skip"), Says("Team lead"), Says("/skip"), Says("/skip"), Says("/skip")])
    await play(ada, [Taps("That's everyone"), Says("/skip"), Says("/skip"), Says("/skip"), Taps("Went well")])
    await play(ada, [Says("/skip"), Says("/skip"), Taps("Not sure"), Taps("Nothing"), Says(typed)])
    assert "Who promised you" not in ada.text, ada.text
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        (person,) = interview.people
        (promise,) = interview.promises
        assert person.nickname == nick
        assert promise.person_id == person.id, ada.text


# A Vietnamese name's greeting: the last part by default, the family name with Mr or Ms offered (as for other
# family-name-first names: tests/test_names.py).
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("typed", "first", "formal"),
    [("nguyen van an", "An", "Mr Nguyen"), ("tran thi mai", "Mai", "Ms Tran"), ("do van minh", "Minh", "Mr Do")],
)
async def test_a_vietnamese_name_is_greeted_by_its_last_part(app, typed, first, formal):
    ada = ChatUser(app)
    await onboard(ada, tz="Asia/Ho_Chi_Minh")
    await play(ada, [Says("/new"), Says("Acme"), Says("Data engineer"), Says("just now"), Says(typed)])
    labels = [button.label for button in ada.buttons]
    assert labels[0] == first, labels
    assert formal in labels, labels
    await ada.says("/skip")
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert interview.people[0].greeting in {None, first}
