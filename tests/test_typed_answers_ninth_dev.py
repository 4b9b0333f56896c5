"""The ninth dev set of typed answers of issue 19: 44 answers written before reading the parser, as ten new personas
(Nigeria, Colombia, Turkey, New Zealand, Nepal, Mexico, Norway, Ghana, Czechia, Scotland; retail, nursing, transport,
warehousing, hospitality, banking, trades) would type them on a phone right after an interview, with weight on the
shapes the eighth round left: "no one else" typed at the next person's name, two people in one line, a number of
another country typed without its country code, and values wrapped in a sentence ("i said i'd send them my portfolio
by friday", "team lead i think", "it was at boots, the pharmacy one").

Each row runs as the eighth dev set's rows do (`run_fourth_row`): a fresh user onboarded in the persona's zone, the
clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer typed (" || " separates the
messages of a row typed in several), then the stored value and what the bot says back; the question just answered
must not come back and nothing stored on the way may be lost. The rows marked FAST run in the default run; the others
are a `measure` table left to CI.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.support.typed_rows import row_param
from tests.test_typed_answers_fourth_heldout import (
    CHALLENGES,
    DECIDE,
    DUE,
    HOW,
    MINE,
    PH,
    PR,
    TOPIC,
    TZ,
    WHAT,
    WHEN,
    C,
    E,
    N,
    Or,
    R,
    T,
    between,
    both,
    either,
    has,
    lacks,
    run_fourth_row,
    same,
    t,
)  # fmt: skip

ZONES = {
    "Ngozi": "Africa/Lagos", "Mateo": "America/Bogota", "Fatma": "Europe/Istanbul", "Siosaia": "Pacific/Auckland",
    "Anjali": "Asia/Kathmandu", "Pedro": "America/Mexico_City", "Ingrid": "Europe/Oslo", "Kwame": "Africa/Accra",
    "Hana": "Europe/Prague", "Callum": "Europe/London",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
ANOTHER = "Add another person || "  # the button typed at "anyone else involved", then the next person's name
UK = "United Kingdom"


def at(zone: str, iso: str, minutes: int = 0):
    """A stored moment that is this wall time in the persona's zone."""
    from tests.test_typed_answers_seventh_dev import at as seventh_at

    return seventh_at(ZONES.get(zone, zone), iso, minutes)


ROWS: list[T] = [
    # ---- 1 company, with chatter or the role around it ---------------------------------------------------------
    t(1, "Callum", 1, "it was at boots, the pharmacy one", {C: same("Boots"), R: None}, "What's the role"),
    t(2, "Kwame", 1, "it was with MTN, the telecom people", {C: same("MTN"), R: None}, "What's the role"),
    t(3, "Hana", 1, "at Lidl, the one on Vinohradská", {C: both(has("Lidl"), lacks("the one")), R: None},
      "What's the role"),
    t(4, "Mateo", 1, "en Bancolombia, cajero principal", {C: same("Bancolombia"), R: same("cajero principal")},
      "When was the interview"),
    # ---- 2 role, with a remark after it ------------------------------------------------------------------------
    t(5, "Ngozi", 2, "team lead i think", {R: same("team lead")}, "When was the interview"),
    t(6, "Fatma", 2, "warehouse supervisor, night shift probably",
      {R: both(has("warehouse supervisor"), lacks("probably"))}, "When was the interview"),
    t(7, "Siosaia", 2, "bus driver (school runs mostly)", {R: both(has("bus driver"), lacks("mostly"))},
      "When was the interview"),
    t(8, "Anjali", 2, "staff nurse i guess, they didn't say the grade",
      {R: same("staff nurse")}, "When was the interview"),
    # ---- 3 when ------------------------------------------------------------------------------------------------
    t(9, "Anjali", 3, "this morning around 11", {WHEN: at("Anjali", "2026-12-07T11:00")}, "Who interviewed you"),
    # ---- 4 who interviewed you: two people in one line, a number of another country ---------------------------
    t(10, "Pedro", 4, "Lic. Jorge Treviño de RH y el gerente de planta",
      {"people": 1, N: {"Jorge Treviño", "Lic. Jorge Treviño"}, PR: either(lambda got: got is None, has("RH"))},
      "gerente de planta"),
    t(11, "Callum", 4, "sarah from hr and her manager tom",
      {"people": 1, N: {"Sarah", "sarah"}, PR: either(lambda got: got is None, same("hr", "HR"))}, "Tom"),
    t(12, "Ngozi", 4, "Mrs Adaeze Obi and one other man, didn't get his name",
      {"people": 1, N: {"Adaeze Obi", "Mrs Adaeze Obi", "Mrs. Adaeze Obi"}}),
    t(13, "Ingrid", 4, "Kari Nordmann og Ole Hansen fra HR", {"people": 1, N: "Kari Nordmann"}, "Ole Hansen"),
    t(14, "Siosaia", 4, "Mere Tane (practice manager) plus the owner, Dr Walsh",
      {"people": 1, N: "Mere Tane", PR: same("practice manager")}, "Walsh"),
    t(15, "Mateo", 4, "James Carter, ops lead, j.carter@tesco.co.uk, 07700 900123",
      {N: "James Carter", PR: same("ops lead"), E: "j.carter@tesco.co.uk", PH: "+447700900123"}, UK,
      alt=Or({N: "James Carter", PH: None}, "07700 900123")),
    # ---- 5 that person's role, with a remark ---------------------------------------------------------------------
    t(16, "Callum", 5, "ops manager - she runs the whole site", {PR: same("ops manager")}, "email"),
    t(17, "Pedro", 5, "jefe de almacén creo", {PR: same("jefe de almacén")}, "email"),
    t(18, "Kwame", 5, "the branch manager, i think", {PR: same("branch manager")}, "email"),
    t(19, "Hana", 5, "head chef, really nice guy", {PR: same("head chef")}, "email"),
    # ---- 6, 7 email and phone: numbers of another country without their code ----------------------------------
    t(20, "Callum", 6, "its tom.b@boots.co.uk i think", {E: "tom.b@boots.co.uk"}, "phone number"),
    t(21, "Mateo", 7, "07700 900123", {PH: "+447700900123"}, UK, alt=Or({PH: None}, ("07700 900123", "country code"))),
    t(22, "Pedro", 7, "+44 7700 900123", {PH: "+447700900123"}, "One thing you discussed"),
    t(23, "Ingrid", 7, "020 7946 0958", {PH: "+442079460958"}, UK, alt=Or({PH: None}, "country code")),
    t(24, "Fatma", 7, "0412 345 678", {PH: "+61412345678"}, "Australia", alt=Or({PH: None}, "country code")),
    # ---- 8 one thing discussed --------------------------------------------------------------------------------
    t(25, "Ingrid", 8, "mostly the night shifts and the new forklift certs", {TOPIC: has("night shifts")},
      "Added Jane Doe"),
    # ---- 9 the next person's name: "no one else" in every form ends the list; "didn't catch it" notes one --------
    t(26, "Anjali", 9, ANOTHER + "nothing", {"people": 1}, "still open"),
    t(27, "Mateo", 9, ANOTHER + "no one else", {"people": 1}, "still open"),
    t(28, "Fatma", 9, ANOTHER + "nope that's it", {"people": 1}, "still open"),
    t(29, "Kwame", 9, ANOTHER + "none", {"people": 1}, "still open"),
    t(30, "Siosaia", 9, ANOTHER + "nah just her", {"people": 1}, "still open"),
    t(31, "Hana", 9, ANOTHER + "didn't catch her name", {"people": 2}, None, "still open"),
    t(32, "Ngozi", 9, ANOTHER + "sorry i dont remember his name", {"people": 2}, None, "still open"),
    # ---- 11, 13 -------------------------------------------------------------------------------------------------
    t(33, "Kwame", 11, "staff turnover at the branches is high", {CHALLENGES: has("staff turnover")},
      "why are you in particular"),
    t(34, "Hana", 13, "went well i think", {HOW: "well"}, "set straight"),
    # ---- 16 when they decide ----------------------------------------------------------------------------------
    t(35, "Kwame", 16, "they said two weeks or so", {DECIDE: between("2026-12-18", "2026-12-22")},
      "promise to send them", alt=Or({DECIDE: None}, "21 December")),
    # ---- 17 what you promised, said as a sentence --------------------------------------------------------------
    t(36, "Callum", 17, "i said i'd send them my portfolio by friday",
      {"promises": 1, WHAT: same("my portfolio", "portfolio"), DUE: date(2026, 12, 11)}),
    t(37, "Kwame", 17, "i promised references", {"promises": 1, WHAT: same("references"), DUE: None}, "By when"),
    t(38, "Anjali", 17, "told them i would email my nursing council certificate tomorrow",
      {"promises": 1, WHAT: both(has("nursing council certificate"), lacks("told", "email")),
       DUE: date(2026, 12, 8)}),
    t(39, "Siosaia", 17, "I'm gonna drop off my licence copy on wednesday",
      {"promises": 1, WHAT: both(has("licence copy"), lacks("gonna", "drop")), DUE: date(2026, 12, 9)}),
    # ---- 18 by when ---------------------------------------------------------------------------------------------
    t(40, "Fatma", 18, "by friday i'd say", {DUE: date(2026, 12, 11)}, "Anything else you promised"),
    # ---- 19 what they promised, said as a sentence -------------------------------------------------------------
    t(41, "Mateo", 19, "they're gonna email me the contract tmrw",
      {MINE: False, WHAT: same("the contract", "contract"), DUE: date(2026, 12, 8)}),
    t(42, "Ngozi", 19, "HR said they'll send the offer letter by thursday",
      {MINE: False, WHAT: both(has("offer letter"), lacks("said", "send")), DUE: date(2026, 12, 10)}),
    t(43, "Pedro", 19, "me van a mandar el contrato el viernes",
      {MINE: False, WHAT: both(has("contrato"), lacks("van a", "mandar")), DUE: date(2026, 12, 11)}),
    # ---- 20 time zone -------------------------------------------------------------------------------------------
    t(44, "Siosaia", 20, "NZ time", {TZ: "Pacific/Auckland"}, "Time zone set"),
]  # fmt: skip

# Rows not understood the first time yet (strict xfails): why, in a line.
GAPS: dict[int, str] = {}
ROWS = [replace(row, gap=GAPS.get(row.n)) for row in ROWS]

# A dozen rows, one or more per shape, run in the default run; the rest are left to CI (`measure`).
FAST = {1, 5, 10, 11, 15, 16, 21, 26, 31, 36, 41}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_ninth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_fourth_row(app, clock, row, ZONES, MONDAY)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_ninth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert 8 <= len(FAST) <= 15
    assert set(GAPS) <= {row.n for row in ROWS}


@pytest.mark.parametrize("typed", ["nothing", "none", "no one else", "nope that's it", "no"])
def test_no_at_the_next_persons_name_ends_the_list_and_is_no_unnamed_person(typed):
    from bot.conversation.fields import name_not_known, no_one_more

    assert no_one_more(typed) and not name_not_known(typed)


@pytest.mark.parametrize("typed", ["didn't catch her name", "sorry i dont remember his name", "dunno", "forgot"])
def test_a_name_not_caught_is_an_unnamed_person_not_the_end_of_the_list(typed):
    from bot.conversation.fields import name_not_known, no_one_more

    assert name_not_known(typed) and not no_one_more(typed)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("sarah from hr and her manager tom", ["sarah from hr", "Tom (manager)"]),
        ("Lic. Jorge Treviño de RH y el gerente de planta", ["Lic. Jorge Treviño de RH", "el gerente de planta"]),
        ("Kari Nordmann og Ole Hansen fra HR", ["Kari Nordmann", "Ole Hansen fra HR"]),
        ("Ana Paula e Silva", ["Ana Paula e Silva"]),  # one person's family names
        ("José Ortega y Gasset", ["José Ortega y Gasset"]),
        ("head of the night shift", ["head of the night shift"]),
    ],
)
def test_a_line_naming_two_people_is_one_piece_per_person(line, pieces):
    from bot.conversation.fields import by_role_only, several_people

    assert several_people(line) == pieces
    assert by_role_only("el gerente de planta") and not by_role_only("her boss Tom")


@pytest.mark.parametrize(
    ("typed", "region", "readings"),
    [
        ("0412 345 678", "TR", ["+61412345678", "+94412345678", "+31412345678", "+380412345678"]),
        ("612 34 56 78", "MX", ["+34612345678", "+224612345678"]),
        ("+44 7700 900123", "CO", []),  # a country code typed says where it is
    ],
)
def test_a_number_of_another_country_is_read_for_the_countries_that_write_it_so(typed, region, readings):
    from bot.common.parsing.contacts import readings_elsewhere

    assert sorted(readings_elsewhere(typed, region)) == sorted(readings)


def test_a_uk_mobile_without_its_code_is_read_for_the_address_country_and_never_keeps_a_trunk_zero():
    from bot.common.parsing.contacts import read_phone

    assert read_phone("07700 900123", "PE", ("GB",)) == "+447700900123"
    assert read_phone("0412 345 678", "TR") is None  # never "+900412345678"
    assert read_phone("07911 123456", "GB") == "+447911123456"  # the user's own country first


@pytest.mark.parametrize(
    ("typed", "rest", "mine"),
    [
        ("I'm gonna drop off my licence copy on wednesday", "my licence copy on wednesday", True),
        ("they're gonna email me the contract tmrw", "the contract tmrw", False),
        ("theyre gonna send the offer", "the offer", False),
        ("me van a mandar el contrato el viernes", "el contrato el viernes", False),
        ("les voy a enviar mi CV", "mi CV", True),
    ],
)
def test_the_sentence_frame_around_a_promise_is_taken_off(typed, rest, mine):
    from bot.drafts.writer.promises import lead_in

    lead = lead_in(typed)
    assert (lead.rest, lead.mine, lead.who) == (rest, mine, None)


@pytest.mark.parametrize(
    ("typed", "what", "mine"),
    [
        ("gonna send them my references tomorrow", "my references", True),
        ("i have to drop my police check at reception wednesday", "my police check at reception", True),
        ("going to email my cover letter tomorrow morning", "my cover letter", None),
        ("they said they'd let me know by friday", "an update", False),
        ("she'll ring me tomorrow with the outcome", "the outcome", False),
        ("HR will get back to me next week", "an update", False),
    ],
)
def test_a_promise_said_as_a_sentence_keeps_only_its_item(typed, what, mine):
    from datetime import UTC, datetime

    from bot.conversation.fields import Context, promise

    said = promise(typed, Context("Europe/London", datetime(2026, 12, 7, 19, tzinfo=UTC)))
    assert [item.what for item in said.items] == [what]
    assert said.items[0].due is not None and said.mine is mine


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("sous chef, think it's nights", "sous chef"),
        ("receptionist tho it's mostly admin", "receptionist"),
        ("site manager, seemed stressed", "site manager"),
        ("ops manager - she runs the whole site", "ops manager"),
        ("head chef, really nice guy", "head chef"),
        ("IT, she runs the helpdesk", "IT"),
        ("cafe manager, full time (finally lol)", "cafe manager, full time"),
    ],
)
def test_a_remark_after_a_role_is_not_part_of_it(typed, role):
    from bot.conversation.fields import person_role

    assert person_role(typed) == role
