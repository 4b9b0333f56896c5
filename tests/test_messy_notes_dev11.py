"""The eleventh dev table (issue 20, drafts11): the families of faults a careful reader found in drafts written from
notes typed by someone who never read the code (set 9), each in wordings of our own. One row per note, as in
tests/test_messy_notes.py: the sentence the first draft must contain, or None for "left out", and words that must
never reach it.

Families: a role title with the terms of its contract ("bus driver full time"); a short company name with its words
spelt out in brackets (an acronym); "well placed to help" only after a challenge; no "the" before an adverb and an
-ing word ("still keeping to the timetable"); chat words of one table ("nye", "walk-thru", "prep", "senior tech");
a product's name before the kind of thing it is ("the cobas analyser") never "corrected"; a person's role the user
was unsure of, or a department, never named as fact; a class after its plural, "a 5 star", a course without its
article; a topic typed as several sentences, or the very thing the user set straight, not the personal line."""

from __future__ import annotations

import pytest

from bot.conversation.fields.interview import read_interview
from bot.drafts.draft import person_role, plain_title
from bot.drafts.later import second_email
from bot.drafts.thank_you import thank_you_drafts
from bot.store.models import Person
from tests.test_messy_notes import NOW, Row, build

ROWS = [
    # an adverb before an -ing word: an activity, never "the still keeping"
    Row("challenges", "still keeping to the timetable", "still keeping to the timetable", never=("the still",)),
    Row("challenges", "always chasing late invoices", "always chasing late invoices", never=("the always",)),
    Row("challenges", "constantly juggling two sites", "constantly juggling two sites", never=("the constantly",)),
    # chat words, written out from the one table
    Row("topic", "how id get a table on nye", "New Year's Eve", never=("NYE", "nye")),
    Row("topic", "my walk-thru of the new store layout", "walk-through of the new store layout", never=("thru",)),
    Row("topic", "audit prep for the inspection", "audit preparation for the inspection", never=("prep ",)),
    Row("topic", "picture boards for non verbal kids", "non-verbal children", never=("kids", "non verbal")),
    # what the user did, as a sentence says it
    Row("why_me", "8 yrs driving trucks class 2", "8 years of driving class 2 trucks", never=("trucks class",)),
    Row("why_me", "8 yrs driving trucks class 2, clean licence", "driving class 2 trucks", never=("trucks class",)),
    Row(
        "why_me",
        "i dont get rattled, done de-escalation course at my last job",
        "I've done a de-escalation course at my last job",
    ),
    Row("why_me", "done manual handling module, 3 yrs in a warehouse", "done a manual handling module"),
    Row("why_me", "3 yrs at a 5 star in dubai", "at a five-star hotel in Dubai", never=("5 star",)),
    Row("why_me", "2 yrs on reception at a 4-star hotel", "4-star hotel", never=("hotel hotel",)),
    # a past weakness owned up to in a line about one's fit: running oneself down, left out
    Row(
        "why_me",
        "2 yrs at a busy station, i actually debrief properly now instead of bottling it",
        "I have 2 years' experience at a busy station.",
        never=("bottling", "properly now"),
    ),
    Row("why_me", "i no longer panic on the phones, 3 yrs in a call centre", None, never=("panic",)),
    Row("why_me", "used to be terrible at saying no but 4 yrs as a PA", None, never=("terrible",)),
    # a remark about how the slip happened, after the point: the user's note to themselves
    Row(
        "clarification",
        "the figure i quoted was 68% not 86% oops typed it in my head backwards",
        "68%",
        never=("oops", "backwards", "in my head"),
    ),
    Row("clarification", "my french is B1 not B2, brain fart", "B1", never=("brain", "fart")),
    Row(
        "clarification",
        "the start date is the 15th not the 5th my bad i flipped the numbers",
        "15th",
        never=("flipped",),
    ),
    # a topic typed as several sentences: notes, no one thing to name (left out, with its lead-in)
    Row("topic", "his sourdough starter is 40 yrs old lol he let me feed it. and the rye loaf", None),
    Row("topic", "the new rota. she said nights are shared", None, never=("rota",)),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.field}: {r.typed[:40]}" for r in ROWS])
def test_a_note_of_a_known_family_gives_the_sentence_or_is_left_out(row):
    item = build(row)
    first = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    if row.says:
        assert row.says in first, first
    else:
        assert "conversation about" not in first and "said about" not in first, first
    for word in row.never:
        assert word not in first, first


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("bus driver full time, onehunga depot", "bus driver"),
        ("part-time barista", "barista"),
        ("care assistant permanent", "care assistant"),
        ("warehouse operative temp", "warehouse operative"),
        ("contract manager", "contract manager"),  # the job, not its terms
        ("full stack developer", "full stack developer"),
    ],
)
def test_the_terms_of_the_contract_stay_out_of_the_title(typed, title):
    assert plain_title(typed) == title


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("swast (south western ambulance service)", "SWAST"),
        ("hse (health service executive)", "HSE"),
        ("kfc (kentucky fried chicken)", "KFC"),
        ("myer (the dept store)", "myer"),  # a bracket that spells nothing out: the name as typed
        ("acme (a small agency)", "acme"),
    ],
)
def test_a_short_name_with_its_words_spelt_out_is_an_acronym(typed, company):
    assert read_interview(typed).values["company"] == company


def test_a_product_before_the_kind_of_thing_it_is_is_never_corrected():
    for typed in ("running controls on the cobas analyser", "calibrating the sysmex machine every morning"):
        item = build(Row("topic", typed, None))
        first = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
        assert "cobras" not in first and "system machine" not in first, first


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("clinical team leader i think? or ops manager", None),  # unsure: never stated as fact
        ("didn't catch surname", None),
        ("not sure", None),
        ("health and safety", None),  # a department: "as the health and safety" does not read
        ("quality", None),
        ("payroll", None),
        ("senior nurse", "senior nurse"),
    ],
)
def test_a_role_the_user_was_unsure_of_or_a_department_is_not_named(typed, named):
    from bot.conversation.fields.people import person_role as read_role

    item = build(Row("topic", "the new rota", None))
    person = Person(id=3, name="Karen Walsh", role=read_role(typed), email="k@brightwell.example")
    item.people.append(person)
    assert person_role(item, person) == named


def test_well_placed_to_help_follows_a_challenge_only():
    item = build(Row("topic", "languages, he tested my arabic", None))
    body = second_email(item, item.people[0], "Priya Raman", "Europe/London", NOW).body
    assert "well placed to help" not in body, body
    assert "I believe my background fits the role well: I opened three stores at Argos." in body, body
    item = build(Row("challenges", "opening two new stores next year", None))
    body = second_email(item, item.people[1], "Priya Raman", "Europe/London", NOW).body
    assert "challenge" in body and "well placed to help: I opened three stores at Argos." in body, body


@pytest.mark.parametrize(
    ("topic", "clarification"),
    [
        ("the gap in my cv 2022", "the gap was bc i was caring for my mum, not that i was fired"),
        ("the costx test", "i mostly used cubit not costx, the logic is the same"),
        ("languages", "i said 4 languages but my french is more B1"),
        ("my notice period", "my notice is 4 weeks not 8"),
    ],
)
def test_the_point_the_user_set_straight_is_not_raised_as_the_personal_line(topic, clarification):
    item = build(Row("topic", topic, None))
    item.clarification = clarification
    item.assessment = "mixed"
    first = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    assert "conversation about" not in first and "talk about" not in first, first


def test_a_topic_that_only_shares_a_word_with_what_was_set_straight_stays():
    item = build(Row("topic", "my walk-thru of the handbag range", None))
    item.clarification = "the sell thru i quoted for my range was 68% not 86%"
    item.assessment = "mixed"
    first = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    assert "walk-through of the handbag range" in first, first
