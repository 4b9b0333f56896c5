"""Issue 20, held-out round 4: the role named as its plain title, "the role" when none was given, a fit clause
never cut off, Spanish and Portuguese titles and compound family names, and a chase that asks only for what
that person promised."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.common import names
from bot.drafts import draft
from bot.drafts.later import only_theirs, without_speaker
from bot.drafts.writer import fit
from bot.drafts.writer.clarification import clarification
from bot.drafts.writer.perspective import Context
from bot.store.models import Interview, Person


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("teacher of science (chemistry specialist), starting jan", "teacher of science"),
        ("senior correspondent - civic affairs / urban", "senior correspondent"),
        ("chemistry + gen science teacher, 0.8 ongoing", "chemistry + gen science teacher"),
        ("sous chef starting in march", "sous chef"),
        ("staff nurse on a 6 month contract", "staff nurse"),
        ("litigation paralegal", "litigation paralegal"),
        ("head of sales role", "head of sales"),
        ("(locum)", "(locum)"),  # nothing left: kept as typed rather than emptied
    ],
)
def test_the_role_an_email_names_is_the_plain_title(typed, plain):
    assert draft.plain_title(typed) == plain


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Thank you: {role} interview at {company}", "Thank you: interview at Acme"),
        ("Following up: {role} at {company}", "Following up: Acme"),
        ("about the {role} role at {company}.", "about the role at Acme."),
        ("learning more about the {role} position at {company}.", "learning more about the position at Acme."),
        ("about joining {company} in the {role} role.", "about joining Acme."),
        ("I'm still very interested in the {role} role.", "I'm still very interested in the role."),
    ],
)
def test_without_a_role_the_email_says_the_role_and_never_invents_one(template, expected):
    assert draft.filled(template, {"role": "", "company": "Acme"}) == expected
    assert "open" not in draft.filled(template, {"role": "", "company": "Acme"})


def test_with_a_role_the_template_is_filled_as_it_is():
    fields = {"role": "Chemistry Teacher", "company": "Acme"}
    assert draft.filled("the {role} role at {company}", fields) == "the Chemistry Teacher role at Acme"


@pytest.mark.parametrize(
    ("typed", "clause"),
    [
        ("prepped 2 cases all the way to trial including", "I prepped 2 cases all the way to trial"),
        ("ran the rota and", "I ran the rota"),
        ("4 yrs at a PI firm with", "I have 4 years' experience at a PI firm"),
        ("used to banquets like", "I'm used to banquets"),
    ],
)
def test_a_fit_clause_never_ends_on_a_dangling_word(typed, clause):
    assert fit.as_clause(typed) == clause


def test_incl_with_a_full_stop_does_not_cut_the_fit_in_two():
    parts = fit.fragments(
        "4 yrs at a PI firm, prepped 2 cases all the way to trial incl. the binders + witness folders"
    )
    assert parts[1] == "prepped 2 cases all the way to trial including the binders + witness folders"
    text = fit.joined(fit.choose(fit.clauses(parts), 30))
    assert not text.rstrip(".").endswith(("including", "incl", "and", "with"))
    assert "including the binders" in text


@pytest.mark.parametrize(
    ("name", "likely"),
    [
        ("dra. ana beatriz dos santos ferreira", "Dra. Ana Beatriz"),
        ("Lic. Jorge Pérez", "Lic. Jorge"),
        ("María Fernanda López de la Garza", "María Fernanda"),
        ("José Luis Rodríguez de la Fuente", "José Luis"),
        ("Ana Paula de Souza Lima", "Ana Paula"),  # unchanged
        ("Pieter van der Berg", "Pieter"),  # unchanged
    ],
)
def test_spanish_and_portuguese_titles_and_compound_family_names(name, likely):
    assert names.propose_greeting(name).likely == likely


@pytest.mark.parametrize("name", ["Dra", "dra.", "Dr", "Mr.", "Lic"])
def test_a_title_alone_greets_no_one_by_it(name):
    assert names.title_only(name)
    person = SimpleNamespace(id=None, name=name, greeting=None)
    assert draft.greeting_line(person, 0, None) == "Hello,"


def test_a_real_name_is_not_a_title_alone():
    assert not names.title_only("Drake")
    assert not names.title_only("Dra. Ana")


def _person(n: int, name: str) -> SimpleNamespace:
    return SimpleNamespace(id=n, name=name)


def test_a_chase_asks_only_for_what_that_person_promised():
    wanjiru, abdallah = _person(1, "Wanjiru Kamau"), _person(2, "Abdallah bin Salim")
    typed = "the test link tmrw, abdallah said hed share the fleet utilisation report sometime"
    assert only_theirs(typed, wanjiru, [wanjiru, abdallah]) == "the test link tmrw"
    # what names nobody else is kept whole
    assert only_theirs("the slides and the brief", wanjiru, [wanjiru, abdallah]) == "the slides and the brief"
    # the person's own name is no cut
    assert only_theirs("the map, wanjiru said friday", wanjiru, [wanjiru, abdallah]) == "the map, wanjiru said friday"


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("7 yrs", "I have 7 years of experience"),
        ("filed 60+ RTIs so i know how to get docs when sources go quiet", "I filed 60+ RTIs"),
        ("i stay calm when ppl shout at me bc thats literally every night shift", "I stay calm when ppl shout at me"),
        ("i'm calm in a lab w/ 30 yr 9s and i actually like them which helps", None),
    ],
)
def test_a_fit_clause_says_of_what_and_leaves_the_reason_tacked_on_out(note, expected):
    found = fit.clauses(fit.fragments(note))
    if expected is None:
        assert all("which helps" not in c.text for c in found)
    else:
        assert [c.text for c in found] == [expected]


@pytest.mark.parametrize(
    ("typed", "what"),
    [
        ("priya said she'd email me the ks4 curriculum map either way, didnt say when", "the ks4 curriculum map"),
        ("the fleet utilisation report sometime", "the fleet utilisation report"),
        ("the slides, no idea when", "the slides"),
        ("the contract", "the contract"),
    ],
)
def test_a_chase_leaves_out_remarks_about_when(typed, what):
    assert without_speaker(typed, ["Priya Raman"]) == what


def _clarified(text: str):
    return clarification(text, Context.of("Acme", ("Rafael Lima",), (), []))


def test_a_clarification_keeps_one_matter_leading_with_the_corrected_point():
    found = _clarified(
        "the group task - i wasnt trying to dominate, nobody was watching the clock so i kept pushing us to decide."
        " and for the swim test ive already booked lessons at the club starting saturday"
    )
    assert found.topic == "the group task"
    assert "swim" not in found.point and "pushing us to decide" in found.point


def test_a_limit_stays_with_its_point():
    found = _clarified(
        "i said i never used relativity, but i did finish the review training cert, just not on a live case"
    )
    assert found.point.endswith("review training cert, just not on a live case")


def test_what_a_figure_meant_keeps_the_figure():
    found = _clarified(
        "when rafael asked salary i said R$ 4.500 but i meant as CLT. as PJ it has to be more like R$ 6.500"
    )
    assert found.point.startswith("the R$ 4.500 I mentioned was meant as CLT")


def test_its_actually_corrects_the_slip():
    found = _clarified("i said 5 yrs at my last company, its actually 6")
    assert found.point == "I have 6 years' experience at my last company, not 5"  # a sentence, the right figure first


@pytest.mark.parametrize(
    ("role", "email", "named"),
    [
        ("HR", "k.fawzy@x.example", None),
        ("senior paralegal / office manager", "lf@x.example", "senior paralegal"),
        ("deputy head (curriculum)", "p.raman@x.example", "deputy head"),
        ("ana beatriz dos santos ferreira", "anabeatriz@x.example", None),
        ("head of audience & video", "zoya.q@x.example", "head of audience and video"),
    ],
)
def test_a_person_role_is_one_plain_role_or_none(role, email, named):
    person = Person(id=1, name="X Y", role=role, email=email)
    interview = Interview(company="Acme", role="")
    interview.people = [person]
    assert draft.person_role(interview, person) == named


@pytest.mark.parametrize(
    ("topic", "clause"),
    [
        ("you want reporters doing reels", True),
        ("month-end close takes 12 working days and your goal is 6", True),
        ("the trucking accident case you're taking to trial in February", False),
        ("your plan to move KS4 to a 3 year GCSE and what it means for triple science uptake", False),
        ("how research and design share findings", False),
        ("the PJ contract and 40 minute sessions", False),
        ("demurrage and detention costs", False),  # a plural noun, not a verb
    ],
)
def test_a_topic_typed_as_a_clause_is_said_after_a_colon_not_after_about(topic, clause):
    assert draft.reads_as_clause(topic) is clause


@pytest.mark.parametrize(
    "topic", ["how you are rolling out the new POS", "what the team needs next", "why it was late"]
)
def test_a_question_word_makes_a_noun_so_about_stays(topic):
    assert not draft.reads_as_clause(topic)


def test_a_title_stored_alone_with_the_name_as_role_is_read_as_one_name():
    person = Person(id=1, name="Dra", role="ana beatriz dos santos ferreira", email="anabeatriz@clinica.example")
    assert names.display_name(draft.full_name(person)) == "Dra Ana Beatriz dos Santos Ferreira"
    assert draft.greeting_line(person, 0, None) == "Dear Dra. Ana Beatriz,"
    other = Person(id=2, name="Rafael Lima", role="gerente administrativo", email="rafael.lima@clinica.example")
    assert draft.full_name(other) == "Rafael Lima"
