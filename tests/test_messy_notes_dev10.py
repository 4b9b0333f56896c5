"""The tenth dev table (issue 20, drafts10): the families of faults a careful reader still found in drafts written
from notes typed by someone who never read the code, each in wordings of our own. One row per note, as in
tests/test_messy_notes.py (the rest of the debrief is tidy, so the row is the test): the sentence the first draft
must contain, or None for "left out" (lead-in included), and words that must never reach it.

Families: a chatty "so ..." consequence or intensifier; a clock without its "at"; people named by their origin, "you"
for anyone, pay, a bare "all hours" as a challenge; a month span after its noun; family and upbringing in a line
about one's fit; "X done 2024"; "always" after the object; "N years" of a plural or at a named employer. Then the
answers that are read before the drafts: a company's place said against another ("the depot in leeds not head
office") is no role; a title with the person's own name beside their name ("(mr nguyen)") is the greeting; "X sorry
Y, Full Y" is one name. Last, what the user set straight and no draft could say is said under the drafts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.conversation.fields import Context, corrected, nickname
from bot.conversation.fields.interview import read_interview
from bot.conversation.flows.people import read_person_answer
from bot.drafts import review
from bot.drafts.thank_you import thank_you_drafts
from tests.support.debriefs import run_one
from tests.test_clarifications_dev import JOBS, debrief
from tests.test_messy_notes import NOW, Row, build

ROWS = [
    # "so" with a clause after it: the reason is chat, the intensifier a note; the fragment goes, the rest stays
    Row("why_me", "4 yrs bartending in galway so hen parties are nothing new to me", None, never=("nothing new",)),
    Row(
        "why_me",
        "did retail for years so rude customers dont bother me, 2 yrs as a porter",
        "I have 2 years as a porter.",
        never=("bother", "rude"),
    ),
    Row("challenges", "shifts so long and hot", None, never=("so long", "challenge")),
    # a clock with no "at": the next challenge, or none
    Row("challenges", "kitchen opens 6.30, split shifts", "One challenge we discussed, split shifts,", never=("6.30",)),
    Row("challenges", "shift ends 11pm", None, never=("11pm", "challenge")),
    # people by their origin, "you" for anyone, what the job pays, "all" and a bare noun: never a challenge
    Row("challenges", "crew of 30 mostly brazilian", None, never=("Brazilian", "brazilian")),
    Row("challenges", "portuguese agency staff, long shifts", "One challenge we discussed, long shifts,"),
    Row("challenges", "customers shouting at you", None, never=("shouting",)),
    Row("challenges", "all hours", None, never=("all hours",)),
    Row("challenges", "low starting salary", None, never=("salary",)),
    # a month span after its noun takes "from"
    Row("challenges", "the rush oct-dec", "the rush from October to December"),
    # family and upbringing: the user's private life, left out of a line about their fit
    Row(
        "why_me",
        "grew up on a farm so animals are no bother, 3 yrs kennel work",
        "I have 3 years of kennel work.",
        never=("farm",),
    ),
    Row("why_me", "my mum was a carer so i know the job, NVQ 3 in care", None, never=("mum", "mother")),
    # a qualification and its year; "always" before the verb
    Row("why_me", "first aid course done 2024, 4 yrs landscaping", "I completed my first aid course in 2024"),
    Row("why_me", "i label every batch always", "I always label every batch.", never=("batch always",)),
    # "N years" of a plural, or at a named employer: experience
    Row("why_me", "6 yrs hotel kitchens", "I have 6 years of experience in hotel kitchens."),
    Row("why_me", "3 yrs at Screwfix on the trade counter", "I have 3 years' experience at Screwfix"),
    Row("why_me", "1 yr at Lidl", "I have 1 year's experience at Lidl."),
    # what the user set straight: the remark about the slip, an emoji and "forgot to say" are no part of the point
    Row(
        "clarification",
        "my notice is 4 weeks not 8, need to fix that",
        "my notice is 4 weeks, not 8.",
        never=("fix", ",,"),
    ),
    Row(
        "clarification",
        "said the ward has 20 beds, i meant 28 🙈 pls fix",
        "the ward has 28 beds, not 20.",
        never=("pls", "🙈"),
    ),
    Row("clarification", "i said the course was level 2, i meant level 3 lol", "the course was level 3, not level 2."),
    Row(
        "clarification",
        "i can start in january - they asked about notice and i forgot to say",
        "I can also start in January, which I forgot to mention.",
    ),
    Row("clarification", "my contract runs till sept 2027 not 2026, i said it wrong", "until September 2027, not 2026"),
    # a falling-out at an old job, or an aside in brackets, never reaches the personal line
    Row("topic", "the row with my last manager, i overshared", None, never=("manager", "overshared")),
    Row(
        "topic", "the flood at my old site (water came through the roof)", "the flood at my old site.", never=("roof",)
    ),
    # shorthand of a kind: a "reno", a language pair with an arrow, "send back" and a clock after the day
    Row("topic", "the reno of the old kitchen", "the renovation of the old kitchen"),
    Row("mine", "send back the signed contract by friday at 10am", "I'll send the signed contract by Friday"),
    # a one-word gloss in brackets after a paper, and a prefix before a word English knows
    Row("mine", "forklift cert (carretillero)", "I'll send my forklift certificate shortly.", never=("carretillero",)),
    Row("mine", "a de-identified care plan", "I'll send a de-identified care plan shortly."),
    # a limit typed as a sentence of its own after a stop is joined to its point
    Row(
        "clarification",
        "i said i dont do spanish — i can do spanish>english for letters. just not contracts",
        "I can do Spanish to English for letters, but not contracts.",
        never=("Just not",),
    ),
    # a licence's letters joined by a plus are no note-speak; "I do have" added after the interview is "I also have"
    Row(
        "clarification",
        "i DO have my HGV licence (C+E), forgot to say",
        "I also have my HGV licence (C+E), which I forgot to mention.",
    ),
    Row("mine", "my drivers licence copy", "I'll send my driver's licence copy shortly."),
    Row("topic", "interview qs about safeguarding", "interview questions about safeguarding"),
    # a topic with a spaced slash is a note of two things: left out
    Row("topic", "rota changes / fewer nights", None, never=("/",)),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.field}: {r.typed[:40]}" for r in ROWS])
def test_a_note_of_a_known_family_gives_the_sentence_or_is_left_out(row):
    item = build(row)
    first = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    assert review.questions(item, "Priya Raman") == []  # nothing to ask: written, or left out
    if row.says:
        assert row.says in first, first
    else:  # left out whole: what the other notes say stands alone
        piece = {"why_me": "I opened three stores at Argos", "challenges": "opening two new stores"}.get(row.field)
        assert piece is None or piece not in first, first
        assert row.field != "topic" or "conversation about" not in first, first
    for word in row.never:
        assert word not in first, first


CTX = Context("Europe/London", datetime(2026, 12, 2, 15, tzinfo=UTC))


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("harbour foods, the depot in leeds not the head office", "harbour foods"),
        ("kmart, the one in parramatta not the city", "kmart"),
        ("dhl, the hub at heathrow, not the HQ", "dhl"),
    ],
)
def test_a_company_place_said_against_another_is_no_role(typed, company):
    values = read_interview(typed).values
    assert values["company"] == company
    assert "role" not in values  # asked next: "team leader inbound" is the role, not "depot in leeds"


@pytest.mark.parametrize(
    ("typed", "what", "mine"),
    [
        ("nothing? oh wait i said id send my ACCA result slip. tonight", "my ACCA result slip", True),
        ("no, actually ill send my portfolio link by friday", "my portfolio link", True),
        ("food handler cert (manipulador) tmrw", "food handler cert (manipulador)", None),  # the gloss: drafts' to drop
    ],
)
def test_a_promise_answer_that_takes_back_nothing(typed, what, mine):
    from bot.conversation.fields.days import promise

    said = promise(typed, CTX)
    assert said is not None and said.items[0].what == what and said.items[0].due is not None
    assert said.mine is mine


def test_two_languages_joined_by_an_arrow_are_written_out():
    from bot.drafts.writer.cleaning import language_pairs

    assert language_pairs("arabic <> english translator") == "Arabic-English translator"
    assert language_pairs("i can do french>english for simple docs") == "i can do French to English for simple docs"
    assert language_pairs("spanish -> german") == "Spanish to German"
    assert language_pairs("heroku -> eks") == "heroku -> eks"  # no language: left to the check


@pytest.mark.parametrize(
    ("typed", "name", "nick"),
    [
        (
            "pieter van der berg — or van den berg? badge said P. v.d. Berg, going w/ van den Berg",
            "Pieter van den Berg",
            None,
        ),
        ("anna de jong — or de jongh? i'll go with de Jongh", "Anna de Jongh", None),
        ("gaz pearce - well gary but everyone calls him gaz", "gary pearce", "Gaz"),
    ],
)
def test_a_name_settled_in_the_same_line(typed, name, nick):
    assert nickname(corrected(typed)) == (name, nick)


def test_a_contrast_of_jobs_after_a_company_is_still_the_role():
    assert read_interview("acme, analyst not engineer").values["role"] == "analyst not engineer"


@pytest.mark.parametrize(
    ("typed", "name", "greeting"),
    [
        ("Nguyen Thi Lan (ms nguyen)", "Nguyen Thi Lan", "Ms Nguyen"),
        ("Sarah O'Neill, dr o'neill", "Sarah O'Neill", "Dr O'Neill"),
        ("kwame mensah (prof mensah)", "Kwame Mensah", "Prof Mensah"),
        ("dr anna weber - no wait weaver, Anna Weaver", "Anna Weaver", "Dr Weaver"),
    ],
)
def test_a_title_and_their_own_name_beside_the_name_is_how_to_greet_them(typed, name, greeting):
    text, _nick = nickname(corrected(typed))
    values = read_person_answer(text, CTX).values
    assert values["person_name"].name == name
    assert values["person_name"].greeting == greeting
    assert not values["person_name"].confirm  # the user said it: not asked
    assert "person_role" not in values  # "ms nguyen" is no role


def test_a_title_beside_another_persons_name_is_the_role_as_before():
    values = read_person_answer("Sam Lee, HR", CTX).values
    assert values["person_name"].greeting == "Sam" and values["person_role"] == "HR"


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("jon smyth — sorry its Smith, Jon Smith", "Jon Smith"),
        ("omar farouk - no wait el-Farouk, Omar el-Farouk", "Omar el-Farouk"),
    ],
)
def test_a_name_corrected_then_said_whole_is_one_name(typed, name):
    assert corrected(typed) == name


def test_a_correction_no_draft_can_say_is_said_under_the_first_draft_it_belongs_in():
    # self-criticism with no point to say (issue 20: "i rambled" is left out, with this note)
    item = build(Row("clarification", "messed up the numeracy test lol pls fix", None))
    unsaid, note = review.clarification_left_out(item, "Priya Raman")
    assert unsaid and unsaid[0] is item.people[0]
    assert note == "messed up the numeracy test lol pls fix"
    # a figure corrected is said in the draft, the right figure first: no note
    said = build(Row("clarification", "said i had 2 yrs on nights, its 3 actually lol pls fix", None))
    assert review.clarification_left_out(said, "Priya Raman")[0] == []


def test_a_correction_the_draft_says_or_the_user_left_out_gets_no_note():
    said = build(Row("clarification", "forgot to mention i have my forklift licence", None))
    assert review.clarification_left_out(said, "Priya Raman")[0] == []
    left = build(Row("clarification", "said i had 2 yrs on nights, its 3 actually lol pls fix", None))
    left.short_notes = {"clarification": "-"}  # "Leave it out" tapped: the user chose
    assert review.clarification_left_out(left, "Priya Raman")[0] == []


async def test_the_note_under_the_draft_in_the_chat(tmp_path):
    typed = "i rambled on every answer tbh, need to fix that"
    result = await run_one(debrief(JOBS["nurse"], "Mixed", typed), tmp_path, 0)
    text = result.thank_yous[0]
    assert "I left out what you wanted to set straight" in text, text
    assert typed in text and "tap “Edit”" in text
    assert len(result.questions) <= 3


async def test_a_corrected_date_is_said_in_the_draft_with_no_note(tmp_path):
    typed = "told her the course ends june but its actually sept lol, need to fix that"
    result = await run_one(debrief(JOBS["nurse"], "Mixed", typed), tmp_path, 0)
    text = result.thank_yous[0]
    assert "the course ends September, not June." in text and "I left out" not in text, text
