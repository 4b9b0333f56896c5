"""The fit typed as CV fragments becomes one sentence with a verb, never a list pasted after "I"."""

from __future__ import annotations

import pytest

from bot.drafts.writer import fit


@pytest.mark.parametrize(
    ("fragment", "clause"),
    [
        ("8 years in retail with 3 store openings", "I have 8 years in retail with 3 store openings"),
        ("4 years ICU experience at a 20 bed unit", "I have 4 years of ICU experience at a 20 bed unit"),
        ("6yrs practice", "I have 6 years of practice"),
        ("2 years subbing in Dublin 15", "I have spent 2 years subbing in Dublin 15"),
        ("6 month internship at a fintech", "I did a 6-month internship at a fintech"),
        ("ran click and collect for 2 stores", "I ran click and collect for 2 stores"),
        ("trained 10 new grads as preceptor", "I trained 10 new grads as preceptor"),
        ("done plenty of live-site work", "I've done plenty of live-site work"),
        ("BLS and ACLS certified", "I'm BLS and ACLS certified"),
        ("I write tests first", "I write tests first"),
        ("last 4 as 2IC", None),  # a fragment hanging on the one before
        ("1h minimum", None),
        ("that's kind of the whole point", None),  # an aside
        ("honestly i know what its like on the floor", None),
        ("SQL and Python daily", None),
        # note-speak every word of which is English: written as a careful writer would, or left out
        ("5 yrs of nights with the HSE", "I have spent 5 years working nights with the HSE"),
        ("6 yrs ICU at St Luke's", "I have 6 years in ICU at St Luke's"),
        ("6 years of frontline with HSE", "I have 6 years of frontline experience with HSE"),
        ("3 yrs front desk at a community centre", "I have 3 years of front desk experience at a community centre"),
        ("6 yrs cutting and colour", "I have 6 years in cutting and colour"),
        ("2 years of school runs", "I have 2 years of school runs"),  # a plural says what was done
        ("did the rotas for 30 staff", "I was responsible for the rotas for 30 staff"),
        ("handled the tills and cashing up", "I handled the tills and the cashing up"),
        ("10 years of retail", "I have 10 years of retail"),  # a field: as typed
    ],
)
def test_a_fragment_becomes_a_first_person_clause_or_is_left_out(fragment, clause):
    assert fit.as_clause(fragment) == clause


@pytest.mark.parametrize(
    ("clause", "role", "written"),
    [
        ("3 yrs RVN at a busy practice", "rvn", "I have 3 years as an RVN at a busy practice"),
        (
            "3 years store manager at a busy branch",
            "store manager",
            "I have 3 years as a store manager at a busy branch",
        ),
        ("5 years of nights", "", "I have spent 5 years working nights"),
        ("6 years of frontline with HSE", "", "I have 6 years of frontline experience with HSE"),
        ("8 years in retail", "", "8 years in retail"),  # none of the shapes: the clause as it is
    ],
)
def test_years_typed_as_a_note_types_them_are_written_out_or_left_out(clause, role, written):
    assert fit.years_written(clause, role) == written


def test_the_strongest_two_are_joined_in_typed_order_with_one_subject():
    found = fit.clauses(
        ["4 years ICU experience at a 20 bed unit", "trained 10 new grads as preceptor", "BLS and ACLS certified"]
    )
    chosen = fit.choose(found, 40)
    assert (
        fit.joined(chosen)
        == "I have 4 years of ICU experience at a 20 bed unit and have trained 10 new grads as a preceptor"
    )
    assert fit.joined(fit.choose(found, 40, most=1)) == "I have 4 years of ICU experience at a 20 bed unit"


def test_the_next_reader_hears_a_point_the_first_did_not_and_their_own_field_first():
    found = fit.clauses(["5 years as shift lead at a DHL hub", "got picking errors down 40%", "forklift certified"])
    first = fit.choose(found, 40)
    second = fit.choose(found, 40, used=[c.index for c in first])
    assert {c.index for c in first} != {c.index for c in second}
    safety = fit.choose(found, 40, about="forklift trainer", most=1)
    assert fit.joined(safety) == "I'm forklift certified"


def test_nothing_with_a_verb_gives_nothing_within_the_budget():
    assert fit.choose(fit.clauses(["last 4 as 2IC", "1h minimum"]), 40) == []
    assert fit.choose(fit.clauses(["8 years in retail with 3 store openings"]), 5) == []


def test_a_fit_note_splits_into_fragments_with_reasons_and_connectors_left_out():
    typed = (
        "8 years on labour ward (2 of them in Dublin), i covered as acting CMM for 6 months last year when our "
        "manager was on leave so I've done the rota, n honestly I know what it's like. people come to me"
    )
    assert fit.fragments(typed) == [
        "8 years on labour ward (2 of them in Dublin)",
        "I covered as acting CMM for 6 months last year",
        "honestly I know what it's like",
        "people come to me",
    ]
    chosen = fit.choose(fit.clauses(fit.fragments(typed)), 40)
    assert fit.joined(chosen) == (
        "I have 8 years on labour ward (2 of them in Dublin) and have covered as acting CMM for 6 months last year"
    )


def test_a_rough_figure_is_said_in_words():
    assert fit.as_clause("trained 40ish staff on it") == "I trained about 40 staff on it"
