"""The fourteenth dev set of typed answers of issue 19: faults found on main, each with more of its family in other
wordings, so that what makes them work is the family's shape and not their words:

- "no" at an optional question said as a sentence ("nah i think i asked everything", "they just said they'll get
  back to me"): the one "no answer" vocabulary, nothing stored;
- a zone's abbreviation with the city the user lives in ("PST - living in vancouver"): the city's own zone;
- remarks kept in a title: "for the barista thing", 'line cook - well, "commis chef" on paper' (the employer's
  name for it, completed by the user's own words when it leaves one out), "team lead i think? or his manager
  was... not sure" (the title said first);
- a title or a name in two languages or scripts ("gerente de ventas (sales manager)", "営業部 sales lead",
  "山田花子 Hanako Yamada"): the English title, the name in Latin letters the emails write;
- a person's line with an extension alone ("ward manager, extension 2210": a phone note), a titled family name
  said in full later ("it was ms adeyemi. funmi adeyemi"), a short given name said in full later ("kate from
  finance, katherine something": Katherine, who goes by Kate);
- an address said as a guess ("prob j.doe@acme.example i think"): said back as a guess; a phone number sent at the
  email question: stored as the phone, the email left for later;
- two people in one line with what is said of them after ("Maria Silva and Tom Baker, she's the hiring manager,
  he's the tech lead"; in Spanish and Portuguese too): one at a time, each with their title;
- a company named, corrected and the role ("unilever... well actually hindustan unilever, brand manager");
- who promised it, said in a sentence: the one interviewer named ("sort of both but jane's the one sending it"),
  or asked which when another person is offered ("jane i think? or maybe the recruiter, Thandeka").

Each row runs as the tenth dev set's rows do (`run_tenth_row`, with this table's personas): a fresh user onboarded in the persona's zone,
the clock at 19:00 there on Monday 7 December 2026, the walk to the question, the answer typed, then the stored
value and what the bot says back. The rows in FAST run in the default run; the others are a `measure` table.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.common import names
from tests.support.typed_rows import row_param
from tests.test_typed_answers import WHO
from tests.test_typed_answers_fourth_heldout import PR, C, E, R, has, same
from tests.test_typed_answers_tenth_dev import MORE_ASKED, Row, run_tenth_row, t

ZONES = {
    "Aroha": "Pacific/Auckland", "Darnell": "America/Chicago", "Mei": "America/Vancouver", "Jonas": "Europe/Warsaw",
    "Chidi": "Africa/Lagos", "Hana": "Asia/Tokyo", "Eilidh": "Europe/London", "Valentina": "America/Bogota",
    "Thabo": "Africa/Johannesburg", "Faisal": "Asia/Dubai",
}  # fmt: skip
MONDAY = date(2026, 12, 7)
N, PH, NOTE, TZ = "person.name", "person.phone", "person.phone_note", "user.timezone"
OPEN, NEXT = "interview.open_questions", "interview.next_steps"
SET, GUESS, WHICH = "Time zone set", "as your guess", "Which one was it"
WAS_PHONE, THEIRS_MORE, GREET_Q = "That's a phone number", "Anything else they promised", "greet them?"

ROWS: list[Row] = [
    # ---- 10 open questions, 15 next steps: "no" said as a sentence -------------------------------------------------
    t(1, "Aroha", 10, "nah i think i asked everything", {OPEN: None}),
    t(2, "Eilidh", 10, "no, think i covered all my questions", {OPEN: None}),
    t(3, "Thabo", 10, "i already asked everything i wanted to ask", {OPEN: None}),
    t(4, "Darnell", 15, "they just said they'll get back to me", {NEXT: None}),
    t(5, "Chidi", 15, "not really, only that we'll be in touch soon", {NEXT: None}),
    t(6, "Valentina", 15, "they didnt really say - just 'we will be in touch'", {NEXT: None}),
    # ---- 20 time zone: an abbreviation and the city the user lives in: the city's zone -----------------------------
    t(7, "Mei", 20, "PST - living in vancouver", {TZ: "America/Vancouver"}, SET),
    t(8, "Darnell", 20, "EST, im in toronto", {TZ: "America/Toronto"}, SET),
    t(9, "Darnell", 20, "mountain time, calgary", {TZ: "America/Edmonton"}, SET),
    t(10, "Jonas", 20, "cet. i live in amsterdam", {TZ: "Europe/Amsterdam"}, SET),
    # ---- 2 role, 5 their role: the title without the remark ----------------------------------------------------------
    t(11, "Aroha", 2, "for the barista thing", {R: same("barista")}),
    t(12, "Eilidh", 2, "for that ops coordinator position thing", {R: same("ops coordinator")}),
    t(13, "Eilidh", 2, 'line cook - well, "commis chef" on paper', {R: same("commis chef")}),
    t(14, "Thabo", 2, 'analyst, officially "associate analyst"', {R: same("associate analyst")}),
    t(15, "Aroha", 2, 'pastry chef.. well "junior pastry" they called it', {R: same("junior pastry chef")}),
    t(16, "Chidi", 5, "team lead i think? or his manager was... not sure", {PR: same("team lead")}),
    t(17, "Eilidh", 5, "recruiter? or her colleague is... anyway she ran it", {PR: same("recruiter")}),
    # ---- 5 their role, 4 who: a title or a name in two languages or scripts --------------------------------------------
    t(18, "Valentina", 5, "gerente de ventas (sales manager)", {PR: same("sales manager")}),
    t(19, "Jonas", 5, "Leiterin Vertrieb, head of sales", {PR: same("head of sales")}),
    t(20, "Hana", 5, "営業部 sales lead", {PR: same("sales lead")}),
    t(21, "Hana", 4, "山田花子 Hanako Yamada, 人事部 recruiter", {N: "Hanako Yamada", PR: same("recruiter")}),
    t(22, "Jonas", 4, "Joanna Nowak – kierowniczka sklepu (store manager), j.nowak@x.pl",
      {N: "Joanna Nowak", PR: same("store manager"), E: "j.nowak@x.pl"}),
    # ---- 4 who: an extension alone, a name said in full later ---------------------------------------------------------
    t(23, "Eilidh", 4, "Mark Ellis, ward manager, extension 2210",
      {N: "Mark Ellis", PR: same("ward manager"), PH: None, NOTE: has("2210")}, "2210"),
    t(24, "Thabo", 4, "Priya Nair, recruiter, x305", {N: "Priya Nair", PR: same("recruiter"), NOTE: has("305")}, "305"),
    t(25, "Chidi", 4, "it was ms adeyemi. funmi adeyemi, the hr lead", {N: "Funmi Adeyemi"}),
    t(26, "Eilidh", 4, "mrs smith, jane smith, the head teacher", {N: "Jane Smith", PR: same("head teacher")}),
    t(27, "Faisal", 4, "kate from finance, katherine something", {N: "Katherine"}),
    t(28, "Eilidh", 4, "tom from sales - thomas something i think", {N: "Thomas"}),
    # ---- 6 email: a guess said back as one; a phone number sent instead ----------------------------------------------
    t(29, "Thabo", 6, "prob j.doe@acme.example i think", {E: "j.doe@acme.example"}, GUESS),
    t(30, "Eilidh", 6, "the usual format so maybe jane.doe@acme.example", {E: "jane.doe@acme.example"}, GUESS),
    t(31, "Eilidh", 6, "07700 900123", {E: None, PH: "+447700900123"}, WAS_PHONE),
    t(32, "Chidi", 6, "0803 555 2190", {E: None, PH: "+2348035552190"}, WAS_PHONE),
    # ---- 4 who: two people, then what is said of them ---------------------------------------------------------------
    t(33, "Eilidh", 4, "Maria Silva and Tom Baker, she's the hiring manager, he's the tech lead",
      {N: "Maria Silva", PR: same("hiring manager")}, "Tom Baker"),
    t(34, "Valentina", 4, "Ana Sofía Torres y Pablo Ruiz, ella es la jefa de ventas, él no sé",
      {N: "Ana Sofía Torres", PR: has("jefa de ventas")}, ("Pablo Ruiz", GREET_Q)),
    t(35, "Valentina", 4, "João Pereira e Carla Mendes, ele é o diretor comercial",
      {N: "João Pereira", PR: has("diretor comercial")}, "Carla Mendes"),
    # ---- 1 company: named, corrected, then the role -----------------------------------------------------------------
    t(36, "Faisal", 1, "unilever... well actually hindustan unilever, brand manager",
      {C: same("hindustan unilever"), R: same("brand manager")}),
    t(37, "Thabo", 1, "the group... technically Acme Logistics i think, warehouse supervisor",
      {C: same("Acme Logistics"), R: same("warehouse supervisor")}),
    # ---- 21 who promised it: the one named, or asked which -----------------------------------------------------------
    t(38, "Faisal", 21, "sort of both but jane's the one sending it", {WHO: "Jane Doe"}, THEIRS_MORE),
    t(39, "Thabo", 21, "both of them really, but it's jane who'll send it", {WHO: "Jane Doe"}, THEIRS_MORE),
    t(40, "Thabo", 21, "jane i think? or maybe the recruiter, Thandeka", {WHO: None}, (WHICH, "Thandeka")),
]  # fmt: skip

# One or more rows per family run in the default run; the rest are left to CI (`measure`).
FAST = {1, 4, 7, 11, 13, 16, 18, 21, 23, 25, 27, 29, 31, 33, 36, 38, 40}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", [row_param(row, fast=FAST) for row in ROWS])
async def test_a_fourteenth_dev_answer_is_understood_the_first_time(app, clock, row):
    wrong = await run_tenth_row(app, clock, row, ZONES)
    assert not wrong, f"#{row.n} {row.typed!r} at question {row.question}:\n" + "\n".join(wrong)


def test_the_fourteenth_dev_table_is_whole():
    assert [row.n for row in ROWS] == list(range(1, len(ROWS) + 1))
    assert all(row.persona in ZONES for row in ROWS)
    assert {row.question for row in ROWS} <= {1, 2, 4, 5, 6, 10, 15, 20, *MORE_ASKED}
    assert FAST.issubset({row.n for row in ROWS})


# Spanish and Portuguese second given names with a family name's ending ("Lucía", "Pedro"): two given names and one
# family name, never two family names.
@pytest.mark.parametrize(
    ("name", "given", "formal"),
    [
        ("Ana Lucía Restrepo", "Ana Lucía", "Ms Restrepo"),
        ("Juan Pedro Ramos", "Juan Pedro", "Mr Ramos"),
        ("María Sofía Torres", "María Sofía", "Ms Torres"),
        ("Gabriel García Márquez", "Gabriel", "Mr García"),  # two family names stay two
    ],
)
def test_a_second_iberian_given_name_is_no_family_name(name, given, formal):
    greeting = names.propose_greeting(name)
    assert greeting.likely == given, greeting
    assert formal in greeting.options, greeting
