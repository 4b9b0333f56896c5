"""The seventh dev set of typed answers of issue 19: 50 answers written before reading the parser, as ten new
personas (Vietnam, Turkey, Ghana, Chile, Pakistan, Jamaica, Romania, Scotland, New Zealand, Saudi Arabia; trades,
care, retail, transport, public sector, hospitality) would type them on a phone right after an interview, with
weight on the hard questions: the interview's time (spoken, another day, another zone), a person in one line, the
decision's day (holidays, ranges, "after the 15th", "Friday week"), promises both ways, company and role in one line,
how it went (mixed), time zones by name and abbreviation, and button labels typed.

Each row runs as the sixth dev set's rows do (`run_fourth_row`): a fresh user onboarded in the persona's zone, the
clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer typed, then the stored value
and what the bot says back; the question just answered must not come back and nothing stored on the way may be
lost. The rows marked FAST run in the default run; the others are a `measure` table left to CI.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.typed_rows import row_param
from tests.test_typed_answers_fourth_heldout import (
    CHALLENGES,
    CLARIFY,
    DECIDE,
    DUE,
    DUES,
    HOW,
    MINE,
    NEXT,
    OPEN,
    PH,
    PR,
    TOPIC,
    TZ,
    WHAT,
    WHEN,
    WHY,
    C,
    E,
    N,
    Or,
    R,
    T,
    between,
    both,
    d,
    dues,
    either,
    has,
    lacks,
    run_fourth_row,
    same,
    t,
)  # fmt: skip

ZONES = {
    "Minh": "Asia/Ho_Chi_Minh", "Elif": "Europe/Istanbul", "Kwame": "Africa/Accra", "Javiera": "America/Santiago",
    "Ayesha": "Asia/Karachi", "Dwayne": "America/Jamaica", "Ioana": "Europe/Bucharest", "Fiona": "Europe/London",
    "Hemi": "Pacific/Auckland", "Faisal": "Asia/Riyadh",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
NOTHING = {"promises": 0}
LATER = "promise to send them"  # the question after the decision's day
AGAIN = "could be more than one time zone"  # an ambiguous zone asked with a button each
NOTE = "shall I note"  # a vague day offered back before it is stored


def at(zone: str, iso: str, minutes: int = 0):
    """A stored moment that is this wall time in this zone (a persona's own, or the one the answer named)."""
    want = datetime.fromisoformat(iso).replace(tzinfo=ZoneInfo(ZONES.get(zone, zone))).astimezone(UTC)

    def check(got) -> bool:
        if not isinstance(got, datetime):
            return False
        got = got if got.tzinfo else got.replace(tzinfo=UTC)
        return abs(got - want) <= timedelta(minutes=minutes)

    return check


ROWS: list[T] = [
    # ---- 1 company: the role in the same line, in any order --------------------------------------------------
    t(1, "Elif", 1, "Migros - reyon sorumlusu (aisle supervisor)",
      {C: same("Migros"), R: either(has("reyon sorumlusu"), has("aisle supervisor"))}, "When was the interview"),
    t(2, "Kwame", 1, "interviewd with DHL Ghana for warehouse supervisor at 9 this morning",
      {C: same("DHL Ghana"), R: same("warehouse supervisor"), WHEN: at("Kwame", "2026-12-07T09:00")},
      "Who interviewed you"),
    t(3, "Dwayne", 1, "lineman position w/ JPS", {C: same("JPS"), R: same("lineman")}, "When was the interview"),
    t(4, "Hemi", 1, "Watercare as a drainlayer", {C: same("Watercare"), R: same("drainlayer")},
      "When was the interview"),
    # ---- 2 role ---------------------------------------------------------------------------------------------
    t(5, "Ayesha", 2, "charge nurse, ICU", {R: has("charge nurse")}, "When was the interview"),
    # ---- 3 when: spoken times, other languages, another day, another zone ------------------------------------
    t(6, "Minh", 3, "sáng nay 9h", {WHEN: at("Minh", "2026-12-07T09:00")}, "Who interviewed you"),
    t(7, "Elif", 3, "bugün 14.00'te", {WHEN: at("Elif", "2026-12-07T14:00")}, "Who interviewed you"),
    t(8, "Kwame", 3, "this afternoon around half 2", {WHEN: at("Kwame", "2026-12-07T14:30")}, "Who interviewed you"),
    t(9, "Dwayne", 3, "earlier today, bout quarter to 12", {WHEN: at("Dwayne", "2026-12-07T11:45")},
      "Who interviewed you"),
    t(10, "Ioana", 3, "yesterday at 3pm UK time", {WHEN: at("Europe/London", "2026-12-06T15:00")},
      "Who interviewed you"),
    t(11, "Hemi", 3, "tues just gone, 10.30am", {WHEN: at("Hemi", "2026-12-01T10:30")}, "Who interviewed you"),
    # ---- 4 who interviewed you: a person in one line ---------------------------------------------------------
    t(12, "Ayesha", 4, "Dr. Sana Qureshi - Nursing Director - sana.qureshi@shifa.org.pk",
      {N: {"Sana Qureshi", "Dr. Sana Qureshi", "Dr Sana Qureshi"}, PR: same("Nursing Director"),
       E: "sana.qureshi@shifa.org.pk"}, None, ("'s role (e.g.", "email address?")),
    t(13, "Javiera", 4, "Sra. María José de la Fuente, jefa de RRHH, +56 9 8765 4321",
      {N: {"María José de la Fuente", "Sra. María José de la Fuente", "Sra María José de la Fuente"},
       PR: same("jefa de RRHH"), PH: "+56987654321"}, None, "'s role (e.g."),
    t(14, "Ioana", 4, "doamna Popescu de la HR", {N: both(has("Popescu"), lacks("HR", "de la")), PR: same("HR")},
      None, "'s role (e.g."),
    t(15, "Faisal", 4, "Eng. Abdullah Al-Harbi, fleet ops manager, 050 123 4567",
      {N: {"Abdullah Al-Harbi", "Eng. Abdullah Al-Harbi", "Eng Abdullah Al-Harbi"},
       PR: same("fleet ops manager", "fleet operations manager"), PH: "+966501234567"}, None, "'s role (e.g."),
    t(16, "Fiona", 4, "0141 496 0123 - Morag MacLeod, care home manager",
      {N: "Morag MacLeod", PR: same("care home manager"), PH: "+441414960123"}, None, "'s role (e.g."),
    t(17, "Hemi", 4, "didn't get her name, the lady from the council",
      {"people": 1, N: both(has("lady from the council"), lacks("didn't"))}),
    t(18, "Minh", 4, "Ms. Nguyen Thi Lan (HR Manager) lan.nguyen@saigonhotel.vn",
      {N: {"Nguyen Thi Lan", "Ms. Nguyen Thi Lan", "Ms Nguyen Thi Lan"}, PR: same("HR Manager"),
       E: "lan.nguyen@saigonhotel.vn"}, None, ("'s role (e.g.", "email address?")),
    # ---- 5 to 12: one each ----------------------------------------------------------------------------------
    t(19, "Elif", 5, "mağaza müdürü yani store manager",
      {PR: either(has("store manager"), has("mağaza müdürü"))}, "email"),
    t(20, "Kwame", 6, "kofi.mensah@dhl.com i think", {E: "kofi.mensah@dhl.com"}, "phone number"),
    t(21, "Dwayne", 7, "876-555-0142", {PH: "+18765550142"}, "One thing you discussed"),
    t(22, "Hemi", 8, "mostly talked bout the new wastewater plant in mangere", {TOPIC: has("wastewater")},
      "Added Jane Doe"),
    t(23, "Fiona", 9, "no thats everyone", {"people": 1}, "still open"),
    t(24, "Ayesha", 10, "nothing really, maybe the shift pattern", {OPEN: has("shift pattern")}, "What challenges"),
    t(25, "Ioana", 11, "nu stiu, n-au zis", {CHALLENGES: None}, "why are you in particular"),
    t(26, "Minh", 12, "5 years at Caravelle front office + speak Korean and English", {WHY: has("Korean")},
      "how did it go"),
    # ---- 13 how it went: mixed said many ways; a button label typed --------------------------------------------
    t(27, "Kwame", 13, "it went well but the last question I fumbled", {HOW: "mixed"}, alt=Or({HOW: None}, "Mixed")),
    t(28, "Javiera", 13, "bien creo, nada espectacular", {HOW: "mixed"}, alt=Or({HOW: None}, "Mixed")),
    t(29, "Hemi", 13, "yeah nah not great", {HOW: {"rough", "mixed"}}, "set straight"),
    t(30, "Dwayne", 13, "went well!! 🙏🏾", {HOW: "well"}, "set straight"),
    # ---- 14, 15 ---------------------------------------------------------------------------------------------
    t(31, "Elif", 14, "maaşı yanlış söyledim, 35k dedim ama 40k istiyorum", {CLARIFY: has("35k", "40k")},
      "next steps"),
    t(32, "Faisal", 15, "they'll call for a 2nd interview inshallah", {NEXT: has("2nd interview")},
      "expect to decide"),
    # ---- 16 when they decide: "Friday week", holidays, ranges, "after X", "no" in Romanian ---------------------
    t(33, "Fiona", 16, "Friday week", {DECIDE: d("2026-12-18")}, (LATER, "18 December")),
    t(34, "Ayesha", 16, "after the new year", {DECIDE: between("2027-01-01", "2027-01-08")}, LATER,
      alt=Or({DECIDE: None}, NOTE)),
    t(35, "Hemi", 16, "before xmas hopefully", {DECIDE: between("2026-12-23", "2026-12-25")}, LATER,
      alt=Or({DECIDE: None}, NOTE)),
    t(36, "Kwame", 16, "in 2-3 weeks", {DECIDE: between("2026-12-21", "2026-12-28")}, LATER),
    t(37, "Ioana", 16, "nu au zis", {DECIDE: None}, LATER),
    t(38, "Javiera", 16, "not till after the 15th", {DECIDE: between("2026-12-15", "2026-12-16")}, LATER,
      alt=Or({DECIDE: None}, NOTE)),
    # ---- 17 what you promised: a day per item, "no" in Scots and Romanian, a hedge ----------------------------
    t(39, "Faisal", 17, "send my iqama copy tmrw and the driving license on wednesday",
      {"promises": 2, DUES: dues(("iqama", "2026-12-08"), ("driving license", "2026-12-09"))}),
    t(40, "Fiona", 17, "no i didnae", NOTHING, "Did they promise"),
    t(41, "Ioana", 17, "nimic", NOTHING, "Did they promise"),
    t(42, "Ayesha", 17, "I think I said I'd send my degree attestation but not sure when",
      {"promises": 1, WHAT: both(has("degree attestation"), lacks("think", "not sure")), DUE: None}),
    # A bare "monday" said on a Monday evening is today or next week's: one question with a button each is as right
    # (the fourth table's rows 169 and 170 ask it too), the other item kept with its Friday.
    t(43, "Elif", 17, "the refrences by fri + my cert copies monday",
      {"promises": 2, DUES: dues(("ref", "2026-12-11"), ("cert copies", "2026-12-14"))},
      alt=Or({"promises": 2, DUES: dues(("ref", "2026-12-11"))}, "Monday 7 December or Monday 14 December")),
    # ---- 18 by when: the button label typed ------------------------------------------------------------------
    t(44, "Kwame", 18, "no fixed date", {"promises": 1, WHAT: "writing samples", DUE: None},
      "Anything else you promised"),
    # ---- 19 what they promised ------------------------------------------------------------------------------
    t(45, "Dwayne", 19, "no sah, nothing", NOTHING, "Here's your debrief"),
    t(46, "Minh", 19, "HR will email me the result within the week",
      {MINE: False, WHAT: has("result"), DUE: between("2026-12-11", "2026-12-13")}),
    # ---- 20 time zone: abbreviations, a country's nickname, "GMT" ----------------------------------------------
    t(47, "Ayesha", 20, "PKT", {TZ: "Asia/Karachi"}, "Time zone set"),
    t(48, "Hemi", 20, "NZ time", {TZ: "Pacific/Auckland"}, "Time zone set"),
    t(49, "Faisal", 20, "KSA", {TZ: "Asia/Riyadh"}, "Time zone set"),
    t(50, "Kwame", 20, "GMT", {TZ: {"Africa/Accra", "Etc/GMT", "GMT", "UTC", "Etc/UTC"}}, "Time zone set",
      alt=Or({TZ: None}, AGAIN)),
]  # fmt: skip

# Rows not understood the first time yet (strict xfails): why, in a line.
GAPS: dict[int, str] = {}
ROWS = [replace(row, gap=GAPS.get(row.n)) for row in ROWS]

# Fifteen rows, one or more per shape, run in the default run; the rest are left to CI (`measure`).
FAST = {2, 4, 8, 10, 13, 16, 17, 23, 27, 33, 36, 39, 40, 45, 48}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_seventh_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_fourth_row(app, clock, row, ZONES, MONDAY)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_seventh_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} == set(range(1, 21))
    assert 15 <= len(FAST) <= 25
    assert set(GAPS) <= {row.n for row in ROWS}


# The rules of this round the rows above do not reach alone, read by the field layer directly (19:00 on Monday).
def _ctx(zone: str):
    from bot.conversation.fields.spec import Context

    return Context(zone, datetime(2026, 12, 7, 19, tzinfo=ZoneInfo(zone)).astimezone(UTC))


@pytest.mark.parametrize(
    ("typed", "items"),
    [
        ("the deck by fri + my certs on tuesday", [("the deck", "2026-12-11"), ("my certs", "2026-12-08")]),
        ("refs tmrw & the portfolio by thurs", [("refs", "2026-12-08"), ("the portfolio", "2026-12-10")]),
        ("I think I said I'd send my transcript but not sure when", [("my transcript", None)]),
    ],
)
def test_a_promise_line_splits_at_a_plus_after_a_day_and_drops_its_hedges(typed, items):
    from bot.conversation.fields.days import promise

    got = promise(typed, _ctx("Europe/London"))
    assert [(i.what, i.due and i.due.latest.isoformat()) for i in got.items] == items


@pytest.mark.parametrize(
    ("zone", "typed", "local"),
    [
        ("Europe/Bucharest", "azi la 10", "2026-12-07T10:00"),
        ("Europe/Istanbul", "dün saat 3'te", "2026-12-06T15:00"),
        ("Europe/Istanbul", "bu sabah 9:30", "2026-12-07T09:30"),
        ("Pacific/Auckland", "fri just gone at 2pm", "2026-12-04T14:00"),
    ],
)
def test_interview_times_in_romanian_and_turkish_and_a_day_just_gone(zone, typed, local):
    from bot.conversation.fields.interview import when

    assert at(zone, local)(when(typed, _ctx(zone)).at)


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [("within the week", "2026-12-07", "2026-12-11"), ("within a week", "2026-12-07", "2026-12-14")],
)
def test_within_the_week_is_this_week_and_within_a_week_is_seven_days(typed, first, last):
    from bot.common.parsing.days import read_day

    got = read_day(typed, "Europe/London", _ctx("Europe/London").now)
    assert (got.earliest, got.latest) == (d(first), d(last))


def test_nothing_special_is_mixed_in_any_language():
    from bot.conversation.fields.notes import assessment

    assert [assessment(s) for s in ("nothing special", "rien de fou", "bien, nada especial", "creo que bien!")] == [
        "mixed", "mixed", "mixed", "well",
    ]  # fmt: skip


# This round's shapes typed into the Slack form (one block per field): the form reads them with the chat's field
# layer, so the stored interview is the one the rows above store in the chat.
FORM_ANSWERS = {
    "company": "lineman position w/ JPS",
    "role": "lineman",
    "when": "earlier today, bout quarter to 12",
    "people": "+44 141 496 0123 - Morag MacLeod, care home manager\nSra. María José de la Fuente, jefa de RRHH",
    "open_questions": "nothing really, maybe the shift pattern",
    "challenges": "nu stiu, n-au zis",
    "why_me": "5 years at Caravelle front office + speak Korean and English",
    "assessment": "bien creo, nada espectacular",
    "clarification": "no i didnae",
    "next_steps": "they'll call for a 2nd interview inshallah",
    "decision": "Friday week",
    "my_promises": "send my iqama copy tmrw and the driving license on wednesday",
    "their_promises": "no sah, nothing",
}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_seventh_sets_answers_in_the_slack_form_store_what_the_chat_stores(app, clock):
    from sqlalchemy import select

    from bot.common.events import Who
    from bot.store.models import Interview
    from tests.support.databases import START

    evening = datetime.combine(MONDAY, time(19), tzinfo=ZoneInfo("America/Jamaica")).astimezone(UTC)
    clock.advance(seconds=(evening - START).total_seconds())
    errors, _ = await app.submit_form(Who("slack", "T1:U9", "Dwayne"), FORM_ANSWERS, tz_hint="America/Jamaica")
    assert errors == {}
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert (interview.company, interview.role) == ("JPS", "lineman")
        assert at("Dwayne", "2026-12-07T11:45")(interview.happened_at)
        people = [(p.name, p.role, p.phone) for p in interview.people]
        assert people == [
            ("Morag MacLeod", "care home manager", "+441414960123"),
            ("Sra. María José de la Fuente", "jefa de RRHH", None),
        ]
        notes = (interview.challenges, interview.clarification)
        assert notes == (None, None) and "shift pattern" in interview.open_questions
        assert interview.assessment == "mixed" and interview.decision_on == d("2026-12-18")
        assert sorted((p.what, p.due_on, p.mine) for p in interview.promises) == [
            ("my iqama copy", d("2026-12-08"), True),
            ("the driving license", d("2026-12-09"), True),
        ]
