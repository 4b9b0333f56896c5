"""The twelfth dev table (issue 20, drafts12): faults a careful reader still found in drafts written from notes
typed on a phone (sets 8-13), each family in wordings of our own. One row per note, as in tests/test_messy_notes.py:
the sentence the draft must contain, and words that must never reach it.

Families: a challenge that makes "the challenge of ..." a chain a careful writer would rephrase (a quantity, "the
many", "the amount of", or an "of" of its own), said after a colon instead; a thing named as new, coming or current
("new collective agreement") takes its article whatever its head; a mass noun in "-acy" ("polypharmacy") takes none;
"also" after "have" and before its participle ("I have also done"), and never twice; shorthand of one table ("hwy",
"doc control"); a road of a name in capitals ("the Southern Motorway"); a mass noun of what a team suffers from ("long-haul
fatigue") without an article; "last-minute", "full-time", "long-haul" before a noun; a field typed as its adjective
("6 yrs in dental") as the noun it stands for ("dental practice"); an inspector's grade as the rating it is ("to a Good rating")."""

from __future__ import annotations

import pytest

from bot.drafts.later import second_email
from bot.drafts.thank_you import thank_you_drafts
from tests.test_messy_notes import NOW, Row, build


def _drafts(row: Row) -> list[str]:
    """The first two thank-yous (each in its own frame) and the first person's second email."""
    item = build(row)
    firsts = [d.body for d in thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)]
    return [*firsts, second_email(item, item.people[0], "Priya Raman", "Europe/London", NOW).body]


ROWS = [
    # "the challenge of the many ...", "the challenge of the amount of ...", "of ... of": after a colon instead
    Row(
        "challenges",
        "lots of school groups in term time",
        "the many school groups in term time",
        never=("of the many",),
    ),
    Row("challenges", "lots of agency shifts to fill", "the many agency shifts to fill", never=("of the many",)),
    # how much, not how many, when the plural is only a word after a preposition ("at christmas")
    Row(
        "challenges", "a lot of overtime at christmas", "the amount of overtime at Christmas", never=("many overtime",)
    ),
    Row(
        "challenges",
        "the size of the patch we cover",
        "the size of the patch we cover",
        never=("challenge of the size",),
    ),
    Row("challenges", "the number of referrals", "the number of referrals", never=("challenge of the number",)),
    # a thing named as new, coming or current: one thing, with its article
    Row("challenges", "new collective agreement", "the new collective agreement", never=("of new collective",)),
    Row("challenges", "upcoming restructure", "the upcoming restructure", never=("of upcoming",)),
    Row("challenges", "next inspection", "the next inspection", never=("of next inspection",)),
    Row("challenges", "new rules on food labelling", "new rules on food labelling", never=("the new rules",)),
    # a mass noun in "-acy": no article
    Row("challenges", "polypharmacy in older patients", "polypharmacy in older patients", never=("the polypharmacy",)),
    Row("challenges", "low literacy among parents", "low literacy among parents", never=("the low literacy",)),
    # what a team suffers from is a mass noun: no article ("long-haul fatigue", "low morale")
    Row("challenges", "long haul fatigue", "long-haul fatigue", never=("the long", "long haul")),
    Row("challenges", "low morale on nights", "low morale on nights", never=("the low morale",)),
    Row("challenges", "paperwork on every job", "paperwork on every job", never=("the paperwork",)),
    # two words that describe the noun after them as one, hyphenated; "at the last minute" untouched
    Row("challenges", "last minute changes to bookings", "last-minute changes to bookings"),
    Row("why_me", "3 yrs full time on a busy ward", "3 years of full-time experience on a busy ward"),
    Row("challenges", "short haul routes out of leeds", "short-haul routes", never=("short haul",)),
    # a field of work typed as its adjective alone: the noun it stands for; never before a noun of its own
    Row("why_me", "6 yrs in dental", "I have 6 years in dental practice"),
    Row("why_me", "4 yrs in veterinary, ran the dental clinics", "4 years in veterinary practice"),
    Row("why_me", "worked in domiciliary for 3 yrs", "I worked in domiciliary care for 3 years"),
    Row("why_me", "5 yrs in dental nursing", "dental nursing", never=("practice nursing",)),
    # an inspector's grade typed as the bare word: the rating it is
    Row("why_me", "8 yrs in care, led the home to good at my last inspection", "led the home to a Good rating"),
    Row("why_me", "helped my last nursery to outstanding", "I helped my last nursery to an Outstanding rating"),
    Row("why_me", "took the team to good results in a year", "took the team to good results", never=("Good rating",)),
    # "also" after "have" and before the participle; never twice
    Row("clarification", "forgot to mention i have worked nights for 3 yrs", "I have also worked nights for 3 years"),
    Row("clarification", "forgot to say i have done 2 yrs of school runs", "I have also done 2 years of school runs"),
    Row(
        "clarification",
        "i also have driven minibuses, forgot to say",
        "I also have driven minibuses",
        never=("also also",),
    ),
    # shorthand of one table
    Row("topic", "doc control on the new site", "document control on the new site", never=("doc control",)),
    Row("why_me", "ran doc ctrl for a 40m road project", "I ran document control for a 40m road project"),
    Row("topic", "the new hwy upgrade out west", "the new highway upgrade", never=("hwy", "new Highway")),
    # a road of a name: a place, in capitals
    Row("topic", "the bruce hwy upgrade", "the Bruce Highway upgrade", never=("hwy", "Bruce highway")),
    Row("topic", "roadworks on the southern motorway", "the Southern Motorway", never=("southern motorway",)),
    Row("challenges", "traffic on the western expressway", "the Western Expressway", never=("western expressway",)),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.field}: {r.typed[:40]}" for r in ROWS])
def test_a_note_of_a_known_family_reads_as_a_careful_writer_would_put_it(row):
    bodies = _drafts(row)
    assert any(row.says in body for body in bodies), bodies
    for body in bodies:
        for word in row.never:
            assert word not in body, body
        assert "challenge of the many" not in body and "challenge of the amount" not in body, body
