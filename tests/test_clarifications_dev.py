"""Clarifications as people type them right after an interview, played through the real chat.

Each row is the answer to "Is there one thing you'd like to set straight or add, in a line?" in a debrief of one
of a few jobs (a nurse, a chef, an accountant, an electrician, a teacher, a designer, a paralegal ...), with the
sentence a careful person would send in the thank-you. The clarification must reach the email, stated once and
leading with the corrected point; a pronoun about a thing ("i use them daily", "ive installed 40 of them") stays
about that thing, and only a pronoun that clearly means the interviewer becomes "you". When it cannot be written
well, the check asks about it (Use it / Leave it out / one line instead); it is never dropped without a word.

`miss` marks a row the writer still gets wrong, with the reason: it must fail (strict xfail) until fixed.
`expect` lists the sentences a careful person would accept (any one of them, in the email); `ASK` among them
means a question of the check about this note is an acceptable answer too. `never` lists words that must not be
in the email (the slip itself, a pronoun turned into "you" that meant a thing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pytest

from tests.support.debriefs import Debrief, run_one

ASK = "ASK"


@dataclass(frozen=True)
class Job:
    company: str
    role: str
    name: str
    title: str
    email: str
    topic: str
    challenges: str
    why: str


JOBS = {
    "designer": Job(
        "Monzo", "senior product designer", "Priya Shah", "head of design", "priya.shah@monzo.example",
        "the new design system and how the squads adopt it", "keeping the design system consistent across squads",
        "I built the design system at my last job in Figma and ran the accessibility reviews",
    ),
    "nurse": Job(
        "St Thomas' Hospital", "ICU staff nurse", "Grace Mensah", "ward manager", "grace.mensah@gstt.example",
        "her plan to start a sepsis audit on every shift", "a lot of newly qualified nurses on the unit",
        "I have 4 years of ICU experience and trained 10 new nurses as a preceptor",
    ),
    "chef": Job(
        "Harbour Kitchen", "sous chef", "Marco Rossi", "head chef", "marco@harbourkitchen.example",
        "his new tasting menu for the spring", "a busy weekend service with a small brigade",
        "I ran a brigade of 6 at a 120-cover restaurant",
    ),
    "accountant": Job(
        "Hollis and Reed", "group financial accountant", "James Carter", "finance director",
        "james.carter@hollisreed.example", "how he wants to speed up the month-end close",
        "a slow month-end close", "I cut the month-end close from 10 days to 6 at my last firm",
    ),
    "electrician": Job(
        "Brightline Electrical", "approved electrician", "Dave Hughes", "contracts manager",
        "dave.hughes@brightline.example", "the new housing contract he just won", "tight deadlines on site",
        "I have 8 years on domestic and commercial sites",
    ),
    "teacher": Job(
        "Oakfield Primary School", "year 2 teacher", "Helen Clarke", "headteacher", "h.clarke@oakfield.example",
        "the reading scheme she introduced last year", "reading levels that vary a lot within one class",
        "I have taught for 5 years and led reading in my current school",
    ),
    "warehouse": Job(
        "Northgate Logistics", "warehouse shift manager", "Daniel Okafor", "regional operations manager",
        "daniel.okafor@northgate.example", "his plan to merge the two warehouses in the spring",
        "picking errors in the busy season", "I ran a night shift of 40 people for 3 years",
    ),
    "engineer": Job(
        "Northwind", "data engineer", "Sara Lindqvist", "engineering manager", "sara@northwind.example",
        "the on-call rota and how incidents are reviewed", "the pipeline drops events under peak load",
        "I rebuilt the event pipeline at my last job and cut lost events to zero",
    ),
    "paralegal": Job(
        "Khan and Partners", "litigation paralegal", "Aisha Khan", "senior associate", "aisha@khanpartners.example",
        "the big commercial case she is running", "a lot of disclosure on tight deadlines",
        "I have 3 years in commercial litigation",
    ),
    "sales": Job(
        "Brightwell Home Stores", "area sales manager", "Tom Becker", "sales director", "tom@brightwell.example",
        "his plan to open four new stores next year", "hitting targets in the new stores",
        "I ran 4 stores and grew sales by 20%",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Row:
    job: str
    how: str  # Went well / Mixed / Rough, as tapped
    typed: str
    expect: tuple[str, ...]
    never: tuple[str, ...] = ()
    miss: str = ""  # why the writer still gets it wrong (the test expects it to fail until that is fixed)


ROWS = [
    # a designer
    Row(
        "designer", "Mixed", "i said i hadnt used figma variables, i use them daily",
        ("To be clear on Figma variables: I use them daily.", "I use Figma variables daily."),
        never=("use you", "hadn't"),
    ),
    Row(
        "designer", "Rough", "when she asked about accessibility audits i blanked, actually i ran 3 of them last year",
        (
            "To be clear on accessibility audits: I ran 3 of them last year.",
            "On accessibility audits, I ran 3 of them last year.",
            "I ran 3 accessibility audits last year.",
        ),
        never=("of you", "blanked"),
    ),
    Row(
        "designer", "Went well", "forgot to mention i mentored 2 junior designers",
        ("I also mentored 2 junior designers.", "I also mentored 2 junior designers, which I forgot to mention."),
    ),
    # a nurse
    Row(
        "nurse", "Mixed", "i told her i had no nhs experience but i did 6 months agency work on nhs wards",
        (
            "To be clear on NHS experience: I did 6 months agency work on NHS wards.",
            "To be clear on NHS experience: I did 6 months of agency work on NHS wards.",
            "On NHS experience, I did 6 months agency work on NHS wards.",
            "To be clear: I did 6 months agency work on NHS wards.",
        ),
        never=("told you", "no NHS experience"),
    ),
    Row(
        "nurse", "Mixed", "i undersold my iv cannulation, im signed off and do it every shift",
        ("To be clear on IV cannulation: I'm signed off and do it every shift.", "On my IV cannulation, I'm signed off and do it every shift.", ASK),
        never=("do you",),
    ),
    Row(
        "nurse", "Went well", "she asked if i can do nights, yes i can do nights",
        ("To be clear: I can do nights.", "To be clear on nights: I can do nights.", ASK),
        never=("you asked",),
    ),
    Row(
        "nurse", "Went well", "meant to say my pin is active till 2028",
        ("my PIN is active until 2028.", "my PIN is active till 2028.", ASK),
    ),
    # a chef
    Row(
        "chef", "Rough", "i said id never run a pass but i ran it on weekends for a year",
        (
            "To be clear on running a pass: I ran it on weekends for a year.",
            "I ran the pass on weekends for a year.",
            "I ran a pass on weekends for a year.",
            ASK,
        ),
        never=("ran you",),
    ),
    Row(
        "chef", "Mixed", "he asked about food cost and i said 35% but i meant 28%",
        ("To be clear on food cost: I meant 28%.", "On food cost, I meant 28%, not 35%.", ASK),
        never=("you asked",),
    ),
    Row(
        "chef", "Went well", "forgot to mention i have my level 3 food hygiene certificate",
        ("I also have my Level 3 food hygiene certificate", "I also have my level 3 food hygiene certificate"),
    ),
    # an accountant
    Row(
        "accountant", "Mixed", "i said i hadnt done consolidations, i did them every quarter at my last firm",
        (
            "To be clear on consolidations: I did them every quarter at my last firm.",
            "I did consolidations every quarter at my last firm.",
        ),
        never=("did you",),
    ),
    Row(
        "accountant", "Rough", "when he asked about ifrs 16 i blanked, i led the lease project for it in 2023",
        ("To be clear on IFRS 16: I led the lease project for it in 2023.", "On IFRS 16, I led the lease project for it in 2023.", ASK),
        never=("for you", "blanked"),
    ),
    Row(
        "accountant", "Mixed", "undersold my excel, i build the models for the whole team",
        ("To be clear on Excel: I build the models for the whole team.", "On my Excel skills, I build the models for the whole team.", ASK),
    ),
    Row(
        "accountant", "Went well", "my notice period is 1 month not 3",
        ("my notice period is 1 month, not 3.",),
    ),
    # an electrician
    Row(
        "electrician", "Mixed", "he asked about ev chargers and i blanked, ive installed about 40 of them",
        ("To be clear on EV chargers: I've installed about 40 of them.", "On EV chargers, I've installed about 40 of them.", ASK),
        never=("of you", "blanked"),
    ),
    Row(
        "electrician", "Went well", "forgot to say i have my own van and tools",
        ("I also have my own van and tools.", "I also have my own van and tools, which I forgot to mention."),
    ),
    Row(
        "electrician", "Mixed", "i said i wasnt 18th edition qualified but i am, passed it in march",
        (
            "To be clear on the 18th Edition: I passed it in March.",
            "I am 18th Edition qualified; I passed it in March.",
            "I am 18th edition qualified and passed it in March.",
            ASK,
        ),
        never=("wasn't",),
    ),
    Row(
        "electrician", "Rough", "i told him i could start in 2 weeks, its actually 4 weeks",
        ("I can start in 4 weeks, not 2.", "I could start in 4 weeks, not 2.", ASK),
        never=("told you",),
    ),
    # a teacher
    Row(
        "teacher", "Mixed", "i said i hadnt taught ks1 but i did a year in year 2",
        (
            "To be clear on KS1: I did a year in Year 2.",
            "On KS1, I did a year in Year 2.",
            "On KS1, I did a year in year 2.",  # as tests/test_messy_notes.py writes "behaviour in year 10"
            ASK,
        ),
    ),
    Row(
        "teacher", "Rough", "when she asked about phonics i blanked, i trained in read write inc and use it daily",
        (
            "To be clear on phonics: I trained in Read Write Inc and use it daily.",
            "On phonics, I trained in Read Write Inc. and use it daily.",
            ASK,
        ),
        never=("use you", "blanked"),
    ),
    Row(
        "teacher", "Mixed", "i undersold behaviour management, my class had the best attendance in the school",
        (
            "To be clear on behaviour management: my class had the best attendance in the school.",
            "On behaviour management, my class had the best attendance in the school.",
        ),
    ),
    Row(
        "teacher", "Went well", "forgot to mention i run the after school coding club",
        ("I also run the after-school coding club", "I also run the after school coding club"),
    ),
    # warehouse
    Row(
        "warehouse", "Mixed", "i said i hadnt used sap, i used it for 3 yrs at my last job",
        ("To be clear on SAP: I used it for 3 years at my last job.", "I used SAP for 3 years at my last job."),
        never=("used you",),
    ),
    Row(
        "warehouse", "Went well", "should have said i cut picking errors by 40%",
        ("I cut picking errors by 40%.",),
    ),
    Row(
        "warehouse", "Mixed", "i told him i didnt have a forklift licence, i do, counterbalance and reach",
        (
            "To be clear: I do have a forklift licence, for counterbalance and reach trucks.",
            "To be clear: I do have a forklift licence (counterbalance and reach).",
            ASK,
        ),
        never=("told you",),
    ),
    # a data engineer
    Row(
        "engineer", "Mixed", "i fumbled the exactly-once question, the answer is idempotent writes keyed by event id",
        (
            "On the exactly-once question, my answer is idempotent writes keyed by event id.",
            "On the question about exactly-once, my answer is idempotent writes keyed by event ID.",
            "On the exactly-once question, my answer is idempotent writes keyed by event ID.",
        ),
    ),
    Row(
        "engineer", "Rough", "she asked about kafka and i said id only read about it, ive actually run it in prod for 2 yrs",
        (
            "To be clear on Kafka: I've run it in production for 2 years.",
            "On Kafka, I've run it in production for 2 years.",
            "I've run Kafka in production for 2 years.",
            ASK,
        ),
        never=("run you", "read about"),
    ),
    Row(
        "engineer", "Mixed", "i said python was my main language, its actually go these days",
        ("my main language is Go these days", ASK),
    ),
    # a paralegal
    Row(
        "paralegal", "Rough", "when she asked about disclosure i blanked, i managed disclosure on 2 big commercial cases",
        ("I managed disclosure on 2 big commercial cases.", ASK),
        never=("blanked",),
    ),
    Row(
        "paralegal", "Mixed", "i undersold my drafting, i draft most of the witness statements in my team",
        (
            "To be clear on my drafting: I draft most of the witness statements in my team.",
            "On my drafting, I draft most of the witness statements in my team.",
        ),
    ),
    Row(
        "paralegal", "Went well", "i told her i hadnt used relativity but i have, on 2 cases",
        ("To be clear on Relativity: I have used it on 2 cases.", "I have used Relativity on 2 cases.", ASK),
        never=("told you",),
        miss="a product typed in lower case that is an English word ('relativity'): nothing says it is a name",
    ),
    # sales
    Row(
        "sales", "Mixed", "i said i hit 90% of target last year, it was 110%",
        ("I hit 110% of target last year, not 90%.", ASK),
    ),
    Row(
        "sales", "Went well", "forgot to mention i speak portuguese and spanish",
        ("I also speak Portuguese and Spanish.", "I also speak Portuguese and Spanish, which I forgot to mention."),
    ),
    Row(
        "sales", "Rough", "he asked about my crm and i blanked, i use salesforce every day and built our dashboards in it",
        (
            "To be clear on my CRM: I use Salesforce every day and built our dashboards in it.",
            "On my CRM, I use Salesforce every day and built our dashboards in it.",
            ASK,
        ),
        never=("in you", "blanked"),
    ),
    Row(
        "sales", "Mixed", "i said i managed 5 people, it was 12",
        ("I managed 12 people, not 5.", ASK),
    ),
]  # fmt: skip

# nothing to set straight: no clarification sentence and no question about it
NOTHING = ["nothing really, it went ok", "nah all good"]


def debrief(job: Job, how: str, typed: str) -> Debrief:
    answers = {
        "company": job.company, "role": job.role, "when": "today 10:00", "open": "/skip",
        "challenges": job.challenges, "why": job.why, "how": how, "clarify": typed,
        "next": "a second interview next week", "decision": "/skip", "mine": "/skip", "theirs": "/skip",
    }  # fmt: skip
    person = {"name": job.name, "role": job.title, "email": job.email, "phone": "/skip", "topic": job.topic}
    return Debrief(typed, answers, [person])


# The lead-ins a clarification may have in the email: the writer's own, each leading with the corrected point.
LEADS = ("To be clear: ", "One thing I'd like to put more clearly than I did: ")


@pytest.mark.parametrize(
    "row",
    [pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=r.miss)) if r.miss else r for r in ROWS],
    ids=[r.typed[:50] for r in ROWS],
)
async def test_a_clarification_typed_in_a_hurry_reaches_the_email_or_is_asked_about(row, tmp_path):
    result = await run_one(debrief(JOBS[row.job], row.how, row.typed), tmp_path, 0)
    email = result.thank_yous[0].split("\n\n", 1)[1]
    asked = [q for q in result.questions if "what you wanted to set straight" in q]
    said = [e for e in row.expect if e != ASK and e in email]
    assert said or (ASK in row.expect and asked), (row.typed, email, result.questions)
    for word in row.never:
        assert word not in email, (word, email)
    # stated once, never the writer's old lead-in before a corrected point
    assert "To add to one of my answers" not in email
    if said:
        assert email.count(said[0]) == 1, email


@pytest.mark.parametrize("typed", NOTHING)
async def test_nothing_to_set_straight_gives_no_clarification_and_no_question(typed, tmp_path):
    result = await run_one(debrief(JOBS["designer"], "Mixed", typed), tmp_path, 0)
    email = result.thank_yous[0].split("\n\n", 1)[1]
    assert not [q for q in result.questions if "what you wanted to set straight" in q], result.questions
    assert not any(lead in email for lead in LEADS), email


# What was discussed with the interviewer: "he"/"she"/"his"/"her" there is the reader ("you"), and so is "they"
# for their company; "them" and "it" after another subject are the things or people talked about, never "you".
TOPICS = [
    ("warehouse", "his plan to merge the two warehouses", "your plan to merge the two warehouses"),
    (
        "nurse",
        "her team's new ehr rollout and how she's training them on it",
        "your team's new EHR rollout and how you're training them on it",
    ),
    ("sales", "the new tills and how they'll roll them out to every store", "how you'll roll them out to every store"),
    (
        "engineer",
        "the audit tool she built and how the team uses it",
        "the audit tool you built and how the team uses it",
    ),
    (
        "nurse",
        "how they onboard new nurses and pair them with a buddy",
        "how you onboard new nurses and pair them with",
    ),
    ("chef", "his new tasting menu and how he sources the fish for it", "how you source the fish for it"),
    (
        "electrician",
        "the solar panels he wants to fit on all their new builds",
        "you want to fit on all your new builds",
    ),
    ("designer", "her design system and the tokens behind it", "your design system and the tokens behind it"),
]


@pytest.mark.parametrize(("job", "typed", "expect"), TOPICS, ids=[t[1][:40] for t in TOPICS])
async def test_he_or_she_in_what_was_discussed_is_the_reader_and_them_stays_the_things(job, typed, expect, tmp_path):
    result = await run_one(debrief(replace(JOBS[job], topic=typed), "Went well", "/skip"), tmp_path, 0)
    email = result.thank_yous[0].split("\n\n", 1)[1]
    assert expect in email, email
    assert not re.search(r"\b(?:you|your)\b[^.]*\b(?:you|yourself)\b(?= (?:on|out|with|to|a|for)\b)", email), email
