"""The twelfth dev set of typed answers of issue 19: answers of held-out set 9 that were not understood on main, each
with more of its family in other wordings (other jobs, countries, orders, typos), so that what makes them work is the
family's shape and not their words:

- a time taken back in the same line: "today morning 8.30.. no sorry they moved it, 9.30" is 09:30 ("yesterday at
  4, no actually 5", "this morning 10:15... sorry no, 10:45", "monday at 10, no wait tuesday at 11" in the future);
- items listed, then their days by a word of each: "copy of my NMC pin + 2 references. pin tomorrow, references
  latest friday" is one promise per day ("cert wed", "refs friday": a word said short; an item with no day is asked);
- a time said as a range or two guesses: "3 or 3.30 dont remember exactly" is about 15:00;
- a day with a remark around it: 'she said "end of the week" but its govt so', "friday apparently, but who knows";
- a "no" taken back in the same line: "nope. oh wait – my PTCB cert # and the TX board license verification";
- the item's name set right at "by when?": "not writing samples haha sample lesson plans. by wed";
- who promised it: a doubt settled in the line ("jane i think.. or the guy from operations? no no it was jane"),
  someone else named ("not her, the HR guy. suman shrestha" is a new person, HR, credited with it);
- the topic: a laugh and a short exclamation at its end ("... vaccine clinics lol small world");
- a time zone with a place in the same line: "CST, san antonio tx" (a US state after the city settles which CST),
  "kingston JA. we're on EST all year, no daylight saving" (the city with a region code, clauses that agree).

Each row runs as the eleventh dev set's rows do (`run_fourth_row`): a fresh user onboarded in the persona's zone,
the clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer typed, then the stored value
and what the bot says back; the question just answered must not come back and nothing stored on the way may be lost.
The rows in FAST run in the default run; the others are a `measure` table.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.typed_rows import row_param, run_typed_row
from tests.test_typed_answers_eleventh_dev import dues, lacks
from tests.test_typed_answers_fourth_heldout import (
    ASKED,
    DUE,
    REFUSED,
    TOPIC,
    TZ,
    WHAT,
    WHEN,
    _kept,
    _value,
    has,
    run_fourth_row,
)
from tests.test_typed_answers_tenth_dev import Row, at, t

ZONES = {
    "Tomislav": "Europe/Zagreb", "Akosua": "Africa/Accra", "Ola": "Europe/Warsaw", "Shanice": "America/Jamaica",
    "Brandon": "America/Chicago", "Dafydd": "Europe/London", "Priya": "Asia/Kolkata", "Kayla": "Australia/Perth",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
ALL_WHAT, DUES = "promises.what", "promises.due"
WHO_Q, MORE_MINE, SET = "Who interviewed", "Anything else you promised", "Time zone set"

ROWS: list[Row] = [
    # ---- 3 when: a time taken back in the same line (set 9: 2) --------------------------------------------------------
    t(1, "Tomislav", 3, "today morning 8.30.. no sorry they moved it, 9.30",
      {WHEN: at("Europe/Zagreb", "2026-12-07T09:30")}, WHO_Q),
    t(2, "Dafydd", 3, "yesterday at 4, no actually 5", {WHEN: at("Europe/London", "2026-12-06T17:00")}, WHO_Q),
    t(3, "Priya", 3, "this morning 10:15... sorry no, 10:45", {WHEN: at("Asia/Kolkata", "2026-12-07T10:45")}, WHO_Q),
    t(4, "Kayla", 3, "at 2pm, no sorry 3pm", {WHEN: at("Australia/Perth", "2026-12-07T15:00")}, WHO_Q),
    # ---- 17 my promise: items listed, then their days by a word of each (set 9: 10, 50) ------------------------------
    t(5, "Akosua", 17, "copy of my NMC pin + 2 references. pin tomorrow, references latest friday",
      {ALL_WHAT: lacks(". pin", also=has("NMC pin", "2 references")), DUES: dues("2026-12-08", "2026-12-11")},
      MORE_MINE),
    t(6, "Ola", 17,
      "scan of my guide licence + short audio of me doing the german tour. scan tonight still, audio by sat",
      {ALL_WHAT: lacks("still", also=has("guide licence", "german tour")), DUES: dues("2026-12-07", "2026-12-12")},
      MORE_MINE),
    t(7, "Dafydd", 17, "transcript, certificate and references. transcript tmrw, cert wed, refs friday",
      {ALL_WHAT: lacks("tmrw", "wed", also=has("transcript", "certificate", "references")),
       DUES: dues("2026-12-08", "2026-12-09", "2026-12-11")}, MORE_MINE),
    t(8, "Brandon", 17, "payslips and id copy - id today, payslips by friday",
      {ALL_WHAT: lacks("today", also=has("payslips", "id copy")), DUES: dues("2026-12-07", "2026-12-11")},
      MORE_MINE),
    # ---- 20 the time zone: an abbreviation or a remark with a place (set 9: 16, 56) ----------------------------------
    t(9, "Brandon", 20, "CST, san antonio tx", {TZ: "America/Chicago"}, SET),
    t(10, "Shanice", 20, "kingston JA. we're on EST all year, no daylight saving", {TZ: "America/Jamaica"}, SET),
    t(11, "Brandon", 20, "cst. houston tx", {TZ: "America/Chicago"}, SET),
    t(12, "Brandon", 20, "mountain time - denver co", {TZ: "America/Denver"}, SET),
    t(13, "Kayla", 20, "perth WA, no daylight saving here", {TZ: "Australia/Perth"}, SET),
    # ---- 3 when: a time said as a range or two guesses (set 9: 21) -------------------------------------------------
    t(14, "Shanice", 3, "today after lunch, 3 or 3.30 dont remember exactly",
      {WHEN: at("America/Jamaica", "2026-12-07T15:00", 30)}, WHO_Q),
    t(15, "Dafydd", 3, "this morning, 10 or 10.30 not sure", {WHEN: at("Europe/London", "2026-12-07T10:00", 30)}, WHO_Q),
    t(16, "Priya", 3, "yesterday 4-4.30pm", {WHEN: at("Asia/Kolkata", "2026-12-06T16:00", 30)}, WHO_Q),
    t(17, "Kayla", 3, "today between 11 and 11.30", {WHEN: at("Australia/Perth", "2026-12-07T11:00", 30)}, WHO_Q),
    # ---- 18 by when: the day with a remark around it (set 9: 20) ----------------------------------------------------
    t(18, "Shanice", 18, 'she said "end of the week" but its govt so 🤷🏾‍♀️', {DUE: date(2026, 12, 11)}, MORE_MINE),
    t(19, "Dafydd", 18, "friday apparently, but who knows with them", {DUE: date(2026, 12, 11)}, MORE_MINE),
    t(20, "Priya", 18, "by the 15th, though they're always late", {DUE: date(2026, 12, 15)}, MORE_MINE),
    # ---- 17 my promise: a "no" taken back in the same line (set 9: 58) -----------------------------------------------
    t(21, "Brandon", 17, "nope. oh wait – my PTCB cert # and the TX board license verification",
      {ALL_WHAT: lacks("nope", "wait", also=has("PTCB", "license verification"))}, "By when"),
    t(22, "Dafydd", 17, "nah — oh wait, the transcript and my dbs check",
      {ALL_WHAT: lacks("nah", "wait", also=has("transcript", "dbs check"))}, "By when"),
    t(23, "Akosua", 17, "nothing. actually, my reference list from the last hospital",
      {ALL_WHAT: lacks("nothing", "actually", also=has("reference list"))}, "By when"),
    # ---- 18 by when: the item's name set right in the same answer (set 9: 40) ----------------------------------------
    t(24, "Priya", 18, "not writing samples haha sample lesson plans. by wed",
      {WHAT: "sample lesson plans", DUE: date(2026, 12, 9)}, MORE_MINE),
    t(25, "Dafydd", 18, "sample lesson plans not writing samples, by friday",
      {WHAT: "sample lesson plans", DUE: date(2026, 12, 11)}, MORE_MINE),
    t(26, "Kayla", 18, "sorry not the writing samples, the case study lol - thursday",
      {WHAT: "the case study", DUE: date(2026, 12, 10)}, MORE_MINE),
    # ---- 8 the topic: a laugh and a short exclamation at its end (set 9: 57) -----------------------------------------
    t(27, "Brandon", 8, "we both worked walgreens specialty pharm, and the 2021 covid vaccine clinics lol small world",
      {TOPIC: lacks("lol", "small world", also=has("walgreens", "vaccine clinics"))}),
    t(28, "Dafydd", 8, "her old team at nhs lothian haha so random", {TOPIC: "her old team at nhs lothian"}),
    t(29, "Priya", 8, "we went to the same uni lmao what are the odds!", {TOPIC: "we went to the same uni"}),
    t(30, "Kayla", 8, "the rota lol, told her abt it", {TOPIC: "the rota, told her about it"}),
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 2, 5, 7, 9, 10, 14, 18, 21, 24, 27}


RENAMED = {24, 25, 26}  # the item's name set right: the one stored on the way rightly changes


async def run_twelfth_row(app, clock, row: Row) -> list[str]:
    """`run_fourth_row`, where a row that renames the item asked about may change the item stored on the way."""
    if row.n not in RENAMED:
        return await run_fourth_row(app, clock, row, ZONES, MONDAY)
    zone = ZONES[row.persona]

    async def kept() -> list[str]:
        return [lost for lost in await _kept(app, row, zone) if not lost.startswith(f"{WHAT} stored")]

    return await run_typed_row(
        app, clock, zone=zone, day=MONDAY, at=row.at, typed=row.typed, stored=row.stored, asks=row.asks,
        not_asks=(*REFUSED, ASKED[row.question]), value=_value, alt=row.alt, alt_not_asks=REFUSED, kept=kept,
    )  # fmt: skip


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_twelfth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_twelfth_row(app, clock, row)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_twelfth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} <= set(ASKED)
    assert FAST.issubset({row.n for row in ROWS})


@pytest.mark.parametrize(
    ("typed", "promised"),
    [
        ("copy of my NMC pin + 2 references. pin tomorrow, references latest friday",
         [("copy of my NMC pin", "2026-12-08"), ("2 references", "2026-12-11")]),
        ("the contract + payslip. contract wed", [("the contract", "2026-12-09"), ("payslip", None)]),  # one undated
        ("my cv and cover letter. by friday", [("my cv and cover letter", "2026-12-11")]),  # one day for both
        ("the deck tomorrow and references on Thursday", [("the deck", "2026-12-08"), ("references", "2026-12-10")]),
    ],
)  # fmt: skip
def test_items_listed_then_their_days_by_a_word_of_each(typed, promised):
    from datetime import UTC, datetime

    from bot.conversation.fields.days import promise
    from bot.conversation.fields.spec import Context

    got = promise(typed, Context("Africa/Accra", datetime(2026, 12, 7, 19, tzinfo=UTC)))
    assert [(item.what, item.due and item.due.latest.isoformat()) for item in got.items] == promised


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("today morning 8.30.. no sorry they moved it, 9.30", "today morning 9.30"),
        ("yesterday at 4, no actually 5", "yesterday at 5"),
        ("monday at 10, no wait tuesday at 11", "tuesday at 11"),  # the new words say the day too
        ("today 3pm", "today 3pm"),  # nothing taken back
        ("this morning, sorry for the delay", "this morning, sorry for the delay"),  # no time in the new words
    ],
)
def test_a_time_taken_back_is_the_one_meant(typed, meant):
    from bot.conversation.fields.interview import _time_taken_back

    assert _time_taken_back(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("today after lunch, 3 or 3.30 dont remember exactly", "today after lunch, around 3 dont remember exactly"),
        ("yesterday 4-4.30pm", "yesterday around 4pm"),
        ("on 12-15", "on 12-15"),  # a date, no range of times
        ("the 3rd or 4th", "the 3rd or 4th"),
        ("between 2 and 5", "between 2 and 5"),  # hours apart: no one time
    ],
)
def test_a_time_said_as_a_range_is_about_the_first(typed, meant):
    from bot.conversation.fields.interview import _time_range

    assert _time_range(typed) == meant


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("san antonio tx", "America/Chicago"),
        ("austin, texas", "America/Chicago"),
        ("kingston JA", "America/Jamaica"),
        ("CST, san antonio tx", "America/Chicago"),
        ("brisbane QLD, AEST", "Australia/Brisbane"),
    ],
)
def test_a_city_with_its_region_and_clauses_that_agree_settle_the_zone(typed, zone):
    from bot.common.parsing.zones import parse_timezone

    assert parse_timezone(typed) == zone


def test_an_abbreviation_alone_is_still_asked_about():
    from bot.common.parsing.zones import AmbiguousZone, parse_timezone

    with pytest.raises(AmbiguousZone):
        parse_timezone("CST")


# Who promised it: a doubt settled in the same line, or someone else named (set 9: 5, 55), and more of each family.
WHO_ROWS = [
    ("jane i think.. or the guy from operations? no no it was jane, he left before that", "Jane Doe", None, 1),
    ("doe? or maybe the recruiter.. no it was doe", "Jane Doe", None, 1),
    ("not her, the HR guy. suman shrestha", "Suman Shrestha", "HR", 2),
    ("not jane, the finance lady. maria gonzalez", "Maria Gonzalez", "finance", 2),
    ("wasn't her, the recruiter. tom baker", "Tom Baker", "recruiter", 2),
]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("typed", "who", "role", "people"), WHO_ROWS)
async def test_who_promised_it_settled_or_named_in_the_same_line(app, typed, who, role, people):
    from sqlalchemy import select

    from bot.store.models import Interview
    from tests.support.driver import ChatUser
    from tests.support.scripts import Says, onboard, play
    from tests.test_typed_answers import PATHS

    ada = await onboard(ChatUser(app), tz="Asia/Kathmandu")
    await play(ada, [*PATHS["their_promise"], Says("they'll send the salary details by friday")])
    ada.expect("Who promised you")
    await ada.says(typed)
    ada.expect("Anything else they promised")
    assert "Who promised you" not in ada.text
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        by_id = {p.id: p for p in interview.people}
        (promise,) = interview.promises
        assert len(interview.people) == people
        assert by_id[promise.person_id].name == who
        assert by_id[promise.person_id].role == (role or by_id[promise.person_id].role)
        assert interview.people[0].name == "Jane Doe"  # the interviewer stored on the way is kept
