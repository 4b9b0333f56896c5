"""Clarifications typed as an aside about oneself, played through the real chat (issue 20).

The answer to "Is there one thing you'd like to set straight or add, in a line?" is often typed as a remark about
the user ("i kinda fluffed the budget question - we cut spend 15% last yr", "rusty on powerpoint but i use it every
week"). When it carries a corrected point (a fact, a skill, an experience, the right answer, enthusiasm) the point
reaches the thank-you once, as one sentence that leads with it, without the slip and without the chat words; only
self-criticism with no point ("i waffled", "bombed the typing test") is left out, with the note to the user under
the draft. The second email never repeats the slip.

`expect` is the sentence expected in the thank-you (any one of them), `LEFT_OUT` the note under the draft instead,
`NOTHING` neither; `never` lists words that must be in neither email.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.drafts import writer as w
from tests.support.debriefs import Debrief, run_one
from tests.support.typed_rows import row_param
from tests.test_clarifications_dev import JOBS, debrief

LEFT_OUT = "LEFT_OUT"
NOTHING = "NOTHING"
NOTE = "I left out what you wanted to set straight"


@dataclass(frozen=True)
class Row:
    n: int
    job: str
    typed: str
    expect: tuple[str, ...]
    never: tuple[str, ...] = ()
    gap: str = ""


ROWS = [
    # a slip on a question, then a dash and the fact behind the right answer
    Row(1, "accountant", "i kinda fluffed the budget question - we actually cut spend 15% last yr",
        ("On the budget question, we cut spend by 15% last year.",), ("fluffed", "kind of")),
    Row(2, "warehouse", "i was rubbish on the stock control q, we cut waste 20% with weekly counts",
        ("On the stock control question, we cut waste by 20% with weekly counts.",), ("rubbish",)),
    # rusty on a tool "but" using it: the tool named in the point, never "it"
    Row(3, "accountant", "im a bit rusty on powerpoint but i use it every week for board packs",
        ("I use PowerPoint every week for board packs.",), ("rusty", "use it every")),
    Row(4, "engineer", "i'm rusty on sql but i write queries for our reports every week",
        ("On SQL, I write queries for our reports every week.", "I write SQL queries for our reports every week."),
        ("rusty",)),
    # forgot to say / should've said / meant to say: the point, added
    Row(5, "electrician", "forgot to say i've got a full clean driving licence",
        ("I've also got a full clean driving licence", "I also have a full clean driving licence")),
    Row(6, "warehouse", "should've said i hold a first aid at work certificate",
        ("I hold a first aid at work certificate.",), ("should",)),
    Row(7, "chef", "meant to say i'm happy to work weekends", ("I'm happy to work weekends.",), ("meant",)),
    Row(8, "warehouse", "meant to say i've managed a team of 8", ("I've managed a team of 8.",), ("meant",)),
    Row(9, "paralegal", "i forgot to mention i volunteer at the citizens advice bureau",
        ("I also volunteer at the Citizens Advice Bureau", "I also volunteer at the citizens advice bureau")),
    # undersold an experience, then what it was
    Row(10, "teacher", "honestly i undersold my time at the food bank, i ran the saturday shift for 2 yrs",
        ("On my time at the food bank, I ran the Saturday shift for 2 years.",), ("undersold", "honestly")),
    # blanked on a question: the right answer, as the user's own, "to" before what to do
    Row(11, "teacher", "blanked on the fire safety one - answer is raise the alarm and evacuate",
        ("On the fire safety question, my answer is to raise the alarm and evacuate.",), ("blanked", "one,")),
    Row(12, "paralegal", "went blank on the gdpr question, the answer is report a breach within 72 hours",
        ("On the GDPR question, my answer is to report a breach within 72 hours.",), ("blank",)),
    # the slip denied a true thing: the true sentence, never the slip
    Row(13, "accountant", "told them i'd never done payroll but i have, at my last job",
        ("I have done payroll at my last job.",), ("never done", "told")),
    Row(14, "accountant", "i said i'd never used xero, i actually use it daily", ("I use Xero daily.",), ("never",)),
    Row(15, "nurse", "said i hadnt done a night shift - i have, on my elective placement",
        ("I have done a night shift on my elective placement.",), ("hadn't", "said")),
    # a figure said wrong: the right one first
    Row(16, "nurse", "said 3 years in care, it's actually 5", ("I have 5 years in care, not 3.",), ("said",)),
    # enthusiasm after coming across badly
    Row(17, "sales", "i came across a bit flat but i'm genuinely excited about the job",
        ("I'm genuinely excited about the job.",), ("flat", "came across")),
    Row(18, "designer", "i was so nervous lol but i really want this job", ("I really want this job.",), ("nervous",)),
    Row(19, "chef", "should have said i'm really keen on the role", ("I'm really keen on the role.",)),
    # self-criticism with no point: left out, with the note to the user
    Row(20, "designer", "made a mess of the spreadsheet task lol", (LEFT_OUT,), ("spreadsheet",)),
    Row(21, "chef", "i waffled", (LEFT_OUT,)),
    Row(22, "sales", "bombed the typing test", (LEFT_OUT,), ("typing test",)),
    Row(23, "teacher", "tbh i was all over the place", (LEFT_OUT,), ("all over",)),
    # nothing to set straight
    Row(24, "engineer", "nah nothing", (NOTHING,)),
    # a subject left out of the point after the slip ("did 3 yrs ...")
    Row(25, "teacher", "i undersold my playground duty stuff, did 4 yrs of lunchtime cover",
        ("On my playground duty stuff, I did 4 years of lunchtime cover.",
         "I did 4 years of lunchtime cover."), ("undersold",),
        gap="'stuff' is chat: the topic should read 'my playground duty experience'"),
    Row(26, "electrician", "kinda waffled on the testing q but actually we test every circuit before handover",
        ("On the testing question, we test every circuit before handover.",), ("waffled",)),
]  # fmt: skip

FAST = {1, 3, 11, 13, 17, 20}


@pytest.mark.parametrize("row", [row_param(r, fast=FAST) for r in ROWS])
async def test_a_clarification_typed_as_an_aside_reaches_the_email_once(row, tmp_path):
    result = await run_one(debrief(JOBS[row.job], "Mixed", row.typed), tmp_path, 0)
    shown = result.thank_yous[0]
    email = shown.split("\n\n", 1)[1].split(NOTE)[0]
    if row.expect == (LEFT_OUT,):
        assert NOTE in shown, shown
        assert "To be clear" not in email and "say more about" not in email, email
    elif row.expect == (NOTHING,):
        assert NOTE not in shown and "To be clear" not in email, shown
    else:
        said = [e for e in row.expect if e in email]
        assert said, (row.typed, email)
        assert email.count(said[0]) == 1, email
        assert NOTE not in shown, shown
    for word in row.never:
        assert word.lower() not in email.lower(), (word, email)
        for second in result.seconds:
            assert word.lower() not in second.lower(), (word, second)
    for chat in ("lol", "tbh", "kinda", "yrs"):
        assert f" {chat}" not in email.lower(), (chat, email)


async def test_two_interviewers_each_get_the_point_once(tmp_path):
    # about no one's topic in particular: in each interviewer's draft, once
    job = JOBS["accountant"]
    one = debrief(job, "Mixed", "i kinda waffled on the reporting q - we actually closed the books in 4 days")
    two = {"name": "Ruth Adeyemi", "role": "audit manager", "email": "ruth@hollisreed.example", "phone": "/skip",
           "topic": "the audit plan for next year"}  # fmt: skip
    result = await run_one(Debrief(one.title, one.answers, [*one.people, two]), tmp_path, 0)
    assert len(result.thank_yous) == 2
    for shown in result.thank_yous:
        email = shown.split("\n\n", 1)[1]
        assert email.count("we closed the books in 4 days") == 1, email
        assert "waffled" not in email and NOTE not in shown, shown


# Each shape, on the writer alone: (typed, topic, point) as the clarification reads it, or None (left out).
SHAPES = [
    ("waffled on the budget q - we actually cut costs 8% last yr", "the budget question", "we cut costs by 8% last yr"),
    ("a bit rusty on excel but i use it daily for rotas", "", "I use excel daily for rotas"),
    ("tbh i undersold my experience w/ teens, did 2 yrs at a youth club", "my experience with teens",
     "I did 2 years at a youth club"),
    ("blanked on the manual handling one, the answer is always assess the load first", "the manual handling question",
     "my answer is always to assess the load first"),
    ("said i'd never used sage — i have, at my temp job", "", "I have used sage at my temp job"),
    ("i came across nervous, i'm really keen on the role", "", "I'm really keen on the role"),
    ("messed up the role play lol", None, None),
    ("i rambled", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "topic", "point"), SHAPES, ids=[s[0][:30] for s in SHAPES])
def test_each_shape_of_an_aside_gives_the_point_first(typed, topic, point):
    found = w.clarification(typed, w.Context())
    if point is None:
        assert found is None, found
        return
    assert found is not None
    assert found.point.lower() == point.lower(), found
    assert found.topic.lower() == topic.lower(), found
