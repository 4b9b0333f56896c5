"""Issue 19's kinds of answers, through the real chat: people in one line, "no" in every form, company and role
in one answer, spoken times and parts of the day, ranges and quarters, promise lists with a day per item,
several fields at once, time zones by name. Each row: the stored value, or the question expected back.

Same harness as tests/test_typed_answers.py (a fresh user per row, Wednesday 25 November 2026, 14:00 in Madrid).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.common.events import Who
from bot.store.models import Interview
from tests.support.databases import START
from tests.test_typed_answers import Row, d, run_row, utc

N, PR, E, PH = "person.name", "person.role", "person.email", "person.phone"
C, R, WHEN = "interview.company", "interview.role", "interview.happened_at"
DECIDE, WHAT, DUE, MINE = "interview.decision_on", "promise.what", "promise.due_on", "promise.mine"
TZ = "user.timezone"
NO_PROMISES = {"promises": 0}
ASK_THEIRS = "Did they promise"
SUMMARY = "Here's your debrief"

ROWS: list[Row] = [
    # ---- a person in one line ----------------------------------------------------------------------
    Row("person", "Nadia Haddad, she's the head of finance, nadia@x.org",
        {N: "Nadia Haddad", PR: "head of finance", E: "nadia@x.org"}, "Nadia Haddad's phone"),
    Row("person", "Prof. Alan Reid (Dean of Engineering) a.reid@uni.ac.uk +44 131 650 1000",
        {N: "Prof. Alan Reid", PR: "Dean of Engineering", E: "a.reid@uni.ac.uk", PH: "+441316501000"}),
    Row("person", "Chen Jing - product lead - chen.jing@y.cn", {N: "Chen Jing", PR: "product lead", E: "chen.jing@y.cn"}),
    Row("person", "my interviewer was Omar Ali, CTO (omar@z.io)", {N: "Omar Ali", PR: "CTO", E: "omar@z.io"}),
    Row("person", "Sara Costa <sara.costa@w.com>, recruiter", {N: "Sara Costa", PR: "recruiter", E: "sara.costa@w.com"}),
    Row("person", "nadia haddad, head of finance", {N: "Nadia Haddad", PR: "head of finance"}, "email address"),
    Row("person", "Omar Ali CTO omar@z.io", {N: "Omar Ali", PR: "CTO", E: "omar@z.io"}),
    Row("person", "interviewed by Lena Vogt | Team Lead | lena.vogt@acme.de",
        {N: "Lena Vogt", PR: "Team Lead", E: "lena.vogt@acme.de"}),
    Row("person", "Tom Baker (tom@acme.example)", {N: "Tom Baker", E: "tom@acme.example"}, "Tom Baker's role"),
    Row("person", "jane.doe@acme.example - Jane Doe - hiring manager",
        {N: "Jane Doe", PR: "hiring manager", E: "jane.doe@acme.example"}),
    Row("person", "Ms. Ana Ruiz; talent partner; +34 612 34 56 78",
        {N: "Ms. Ana Ruiz", PR: "talent partner", PH: "+34612345678"}),
    Row("person", "it was Luis Gómez, who's the engineering manager", {N: "Luis Gómez", PR: "engineering manager"}),
    Row("person", "Pieter van der Berg", {N: "Pieter van der Berg"}, "Pieter van der Berg's role"),
    Row("person", "Sato-san. I don't know first name", {N: "Sato"}),
    Row("person", "rebecca thompson-hughes <rth@perkins.example> shes the paralegal manager",
        {N: "Rebecca Thompson-Hughes", PR: "paralegal manager", E: "rth@perkins.example"}),
    Row("person", "a.reid@uni.ac.uk", {"people": 0}, "not the person's name"),
    Row("person_role", "Head of Design, he'd be my boss", {PR: "Head of Design"}),
    Row("person_role", "recruiter i think", {PR: "recruiter"}),
    Row("email", "<jane@acme.example>", {E: "jane@acme.example"}, "phone"),
    Row("email", "mailto:jane@acme.example", {E: "jane@acme.example"}),
    # An email typed at the greeting question is the email (not asked again), never the greeting.
    Row("greeting", "zhang.wei@acme.example", {"person.greeting": None, E: "zhang.wei@acme.example"}, "Wei's role"),
    # ---- "no" in every form, at the promise questions and every optional one --------------------------
    *(Row("my_promise", no, NO_PROMISES, ASK_THEIRS) for no in (
        "no I didn't", "didn't promise anything", "not that I recall", "none I can think of", "nope, nothing",
        "I promised nothing", "no promises made", "nah not really", "Nothing specific", "nope not that i remember",
    )),
    *(Row("their_promise", no, NO_PROMISES, SUMMARY) for no in (
        "nothing from their side", "they didn't mention anything", "no, nothing from them", "not that I know of",
        "they didn't say anything about that",
    )),
    Row("open_questions", "none I can think of", {"interview.open_questions": None}, "What challenges"),
    Row("open_questions", "nothing really, they covered it all", {"interview.open_questions": None}),
    Row("challenges", "see above", {"interview.challenges": None}, "why are you in particular"),
    Row("challenges", "not sure tbh", {"interview.challenges": None}),
    Row("person_role", "not sure", {PR: None}, "Jane Doe's email"),
    Row("email", "dunno mate didnt get it", {E: None}, "phone"),
    Row("next_steps", "they didn't really say", {"interview.next_steps": None}, "When do they expect to decide"),
    Row("next_steps", "no idea, no timeline given", {"interview.next_steps": None}),
    Row("decision", "they didn't really say", {DECIDE: None}, "promise to send them"),
    Row("decision", "no idea, no timeline given", {DECIDE: None}, "promise to send them"),
    Row("decision", "They did not really say", {DECIDE: None}, "promise to send them"),
    Row("my_promise_when", "no date given", {DUE: None}, "Anything else you promised"),
    Row("my_promise", "two references", {WHAT: "two references"}, "By when"),  # not a "no"
    Row("my_promise", "no references yet, just my portfolio", {"promises": 1}, "By when"),
    # ---- company and role at either question -----------------------------------------------------
    Row("company", "product designer at Figma", {C: "Figma", R: "product designer"}, "When was the interview"),
    Row("company", "Linklaters - associate", {C: "Linklaters", R: "associate"}),
    Row("company", "Siemens (controls engineer)", {C: "Siemens", R: "controls engineer"}),
    Row("company", "it was with KPMG for a tax senior role", {C: "KPMG", R: "tax senior"}),
    Row("company", "Salesforce!!! 🙌", {C: "Salesforce", R: None}, "What's the role"),
    Row("company", "Designer at Large", {C: "Designer at Large", R: None}, "What's the role"),
    Row("company", "Made for Humans", {C: "Made for Humans", R: None}),
    Row("company", "senior data engineer @ Spotify", {C: "Spotify", R: "senior data engineer"}),
    Row("role", "junior analyst at Baker & Co", {C: "Baker & Co", R: "junior analyst"}, "Noted: Baker & Co"),
    Row("role", "Backend Engineer (Go)", {R: "Backend Engineer (Go)"}),
    Row("up_company", "Beta for the analyst role on Friday at 2pm",
        {C: "Beta", R: "analyst", WHEN: utc("2026-11-27T13:00")}, "I'll remind you"),
    # ---- several fields in one answer: filled, named in the echo, never asked again -----------------
    Row("company", "had my interview with Baker & Co for the junior analyst role at 10 this morning",
        {C: "Baker & Co", R: "junior analyst", WHEN: utc("2026-11-25T09:00")},
        "Noted: Baker & Co, Junior Analyst, today at 10:00"),
    Row("company", "Acme, data engineer, yesterday afternoon", {C: "Acme", R: "data engineer", WHEN: None},
        "About what time on Tuesday 24 November, in the afternoon"),
    Row("company", "Globex for the PM role, yesterday at 3pm",
        {C: "Globex", R: "PM", WHEN: utc("2026-11-24T14:00")}, "Who interviewed you"),
    Row("role", "data analyst, this morning at 9", {R: "data analyst", WHEN: utc("2026-11-25T08:00")},
        "Who interviewed you"),
    Row("assessment", "mixed - I rambled on the budget question",
        {"interview.assessment": "mixed", "interview.clarification": "I rambled on the budget question"}, "next steps"),
    Row("assessment", "Rough. My English was not so good in the system design part.",
        {"interview.assessment": "rough",
         "interview.clarification": "My English was not so good in the system design part."}, "next steps"),
    Row("assessment", "honestly killed it 🔥", {"interview.assessment": "well"}, "set straight"),
    Row("assessment", "Went well, I think? hard to read him", {"interview.assessment": "well"}),
    Row("assessment", "mixed", {"interview.assessment": "mixed"}, "set straight"),
    # ---- spoken times and parts of the day -----------------------------------------------------------
    Row("when", "earlier today at half past ten", {WHEN: utc("2026-11-25T09:30")}),
    Row("when", "today at half one", {WHEN: utc("2026-11-25T12:30")}),
    Row("when", "quarter to eleven this morning", {WHEN: utc("2026-11-25T09:45")}),
    Row("when", "11 this morning", {WHEN: utc("2026-11-25T10:00")}, "today at 11:00"),
    Row("when", "yesterday two thirty", {WHEN: utc("2026-11-24T13:30")}),
    Row("when", "yday 3pm", {WHEN: utc("2026-11-24T14:00")}),
    Row("when", "this arvo around 1", {WHEN: utc("2026-11-25T12:00")}),
    Row("when", "like an hour ago lol", {WHEN: utc("2026-11-25T12:00")}),
    Row("when", "monday just gone at 2", {WHEN: utc("2026-11-23T13:00")}),
    Row("when", "this afternoon, late-ish", {WHEN: None}, "in the late afternoon"),
    Row("when", "yesterday afternoon", {WHEN: None}, "About what time on Tuesday 24 November, in the afternoon"),
    Row("when", "this morning", {WHEN: None}, "in the morning"),
    Row("when", "yesterday afternoon || 2pm", {WHEN: utc("2026-11-24T13:00"), "people": 0}, "Who interviewed you"),
    Row("when", "yesterday afternoon || 2", {WHEN: utc("2026-11-24T13:00")}, "Who interviewed you"),
    Row("when", "yesterday afternoon || not sure", {WHEN: utc("2026-11-24T14:00")}, "Who interviewed you"),
    Row("when", "this morning || half past nine", {WHEN: utc("2026-11-25T08:30")}),
    Row("up_when", "Friday afternoon || 3pm", {WHEN: utc("2026-11-27T14:00")}, "I'll remind you"),
    # ---- ranges, quarters, "Friday week", vague and missing decision dates ---------------------------
    Row("decision", "in 7-10 days", {DECIDE: d("2026-12-05")}, "Wednesday 2 December to Saturday 5 December"),
    Row("decision", "In 7-10 days as per HR", {DECIDE: d("2026-12-05")}),
    Row("decision", "in 2-3 weeks", {DECIDE: d("2026-12-16")}),
    Row("decision", "by the end of Q2", {DECIDE: d("2027-06-30")}),
    Row("decision", "end of Q1 2027", {DECIDE: d("2027-03-31")}),
    Row("decision", "next quarter", {DECIDE: d("2027-03-31")}),
    Row("decision", "end of the year", {DECIDE: d("2026-12-31")}),
    Row("decision", "after the holidays", {DECIDE: d("2027-01-08")}),
    Row("decision", "Friday week", {DECIDE: d("2026-12-04")}),
    Row("decision", "a week on Friday", {DECIDE: d("2026-12-04")}),
    Row("decision", "within a fortnight", {DECIDE: d("2026-12-09")}),
    Row("decision", "KW 24", {DECIDE: d("2027-06-18")}),
    Row("decision", "after Golden Week", {DECIDE: None, "interview.decision_text": "after Golden Week"},
        "no day I can count from"),
    Row("decision", "after the midterm I'd say", {DECIDE: None}, "promise to send them"),
    # ---- promises with a day per item ----------------------------------------------------------------
    Row("my_promise", "the deck tomorrow and references on Friday",
        {"promises": 2, WHAT: "references", DUE: d("2026-11-27")}, "the deck by Thursday 26 November"),
    Row("my_promise", "my quota attainment deck by tomorrow and 3 references by friday",
        {"promises": 2, WHAT: "3 references", DUE: d("2026-11-27")}),
    Row("my_promise", "a case study within 48 hours", {WHAT: "a case study", DUE: d("2026-11-27")}),
    Row("my_promise", "my transcript and the reference letter, by monday",
        {"promises": 1, DUE: d("2026-11-30")}, "Anything else you promised"),
    Row("my_promise", "said i'd send my NMC pin and two references", {WHAT: "my NMC pin and two references"}),
    Row("my_promise_when", "the pin tonight, refs by end of the week", {"promises": 2, DUE: d("2026-11-27")}),
    Row("my_promise_when", "within 48 hours", {DUE: d("2026-11-27")}),
    Row("their_promise", "HR will share the compensation breakup and the offer timeline", {MINE: False}),
    # ---- the shapes of the fifth set and the chat read, in answers of our own (not the held-out ones) --------
    Row("when", "this morning 10ish", {WHEN: utc("2026-11-25T09:00")}, "Who interviewed you"),
    Row("when", "today after lunch, like 1:30", {WHEN: utc("2026-11-25T12:30")}),
    Row("when", "earlier, like 11:15", {WHEN: utc("2026-11-25T10:15")}),
    Row("when", "1130 today", {WHEN: utc("2026-11-25T10:30")}),
    Row("when", "heute um 10", {WHEN: utc("2026-11-25T09:00")}),
    Row("when", "a couple hours ago", {WHEN: utc("2026-11-25T11:00")}),
    Row("when", "i think around 1:30 today", {WHEN: utc("2026-11-25T12:30")}),
    Row("when", "ended 15 mins ago, was a long one", {WHEN: utc("2026-11-25T12:45")}),
    Row("when", "half 12 today, on teams", {WHEN: utc("2026-11-25T11:30")}),
    Row("when", "jana saa tatu asubuhi", {WHEN: utc("2026-11-24T08:00")}),
    # At 14:00 in Madrid it is past midnight in Sydney: "8pm Sydney time" is their evening just gone (10:00 here)
    Row("when", "at 8pm Sydney time", {WHEN: utc("2026-11-25T09:00")}),
    Row("when", "at 9pm sydney time", {WHEN: utc("2026-11-25T10:00")}),
    Row("decision", "domani", {DECIDE: d("2026-11-26")}, "promise to send them"),
    Row("decision", "la semana que viene", {DECIDE: d("2026-12-04")}),
    Row("decision", "v.52", {DECIDE: d("2026-12-25")}),
    Row("decision", "fri at the latest lol", {DECIDE: d("2026-11-27")}),
    Row("decision", "hr will email me", {DECIDE: None, "interview.next_steps": "hr will email me"}, "Did you promise"),
    Row("my_promise_when", "domani", {DUE: d("2026-11-26")}, "Anything else you promised"),
    Row("my_promise_when", "sent them this morning", NO_PROMISES, "Anything else you promised"),
    Row("email", "not yet but she said she'd email it over", {E: None}, "phone"),
    Row("person_role", "ops manager who'd be my boss", {PR: "ops manager"}, "email"),
    Row("person_role", "she's the head of people, super nice", {PR: "head of people"}, "email"),
    Row("assessment", "mixed || no ta mate", {"interview.clarification": None}, "next steps"),
    Row("person_more", "went well", {"people": 1}, "doesn't look like a person's name"),
    Row("person", "two of them: Ana Ruiz, the talent partner, and a guy from finance",
        {"people": 1, N: "Ana Ruiz", PR: "talent partner"}, "Ana Ruiz's email"),
    Row("company", "its a startup, Foobar Labs", {C: "Foobar Labs", R: None}, "What's the role"),
    Row("role", "data analyst (finally lol)", {R: "data analyst"}, "When was the interview"),
    Row("company", "ok so it was Monzo lol", {C: "Monzo", R: None}, "What's the role"),
    Row("company", "NHS Lothian - well technically the Royal Infirmary", {C: "NHS Lothian", R: None}, "What's the role"),
    Row("company", "its Acme, a small agency in Shoreditch", {C: "Acme", R: None}, "What's the role"),
    Row("company", "it's called Brightwave Ltd", {C: "Brightwave Ltd"}, "What's the role"),
    Row("person_role", "probs the hiring manager", {PR: "hiring manager"}, "email"),
    Row("person_role", "line manager if i get it", {PR: "line manager"}, "email"),
    Row("person", "uhh a guy called Dev, the team lead", {N: "Dev", PR: "team lead"}, "Dev's email"),
    Row("person", "Pierre Martin, DRH, p.martin@societe.fr", {N: "Pierre Martin", PR: "DRH", E: "p.martin@societe.fr"}),
    Row("assessment", "decent", {"interview.assessment": "well"}, "set straight"),
    Row("my_promise", "references asap", {WHAT: "references", DUE: d("2026-11-26")}),
    Row("my_promise", "the case study by EOD tomorrow", {WHAT: "the case study", DUE: d("2026-11-26")}),
    Row("my_promise", "nothing, they have my cv already", NO_PROMISES, ASK_THEIRS),
    Row("decision", "next wk sometime", {DECIDE: d("2026-12-04")}),
    Row("decision", "2 wks", {DECIDE: d("2026-12-09")}),
    Row("decision", "this side of christmas", {DECIDE: d("2026-12-24")}),
    Row("their_promise", "no, all sorted", NO_PROMISES, SUMMARY),
    # ---- time zones by name --------------------------------------------------------------------------
    Row("tz", "central time", {TZ: "America/Chicago"}, "Time zone set"),
    Row("tz", "pacific", {TZ: "America/Los_Angeles"}),
    Row("tz", "eastern", {TZ: "America/New_York"}),
    Row("tz", "Sydney time", {TZ: "Australia/Sydney"}),
    Row("tz", "Irish time, same as London", {TZ: "Europe/Dublin"}),
    Row("tz", "brasilia time", {TZ: "America/Sao_Paulo"}),
    Row("tz", "CET", {TZ: "Europe/Berlin"}),
    Row("tz", "melb", {TZ: "Australia/Melbourne"}),
    Row("tz", "IST", {TZ: None}, "could be more than one time zone"),
    Row("tz", "IST || Asia/Kolkata", {TZ: "Asia/Kolkata"}),
]  # fmt: skip


def _id(row: Row) -> str:
    return f"{row.at}:{row.typed[:40]}"


@pytest.mark.measure  # a persona table like the held-out ones: left to CI by a default run (README, "Tests")
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
async def test_issue_19_answers_through_the_chat(app, row):
    await run_row(app, row)


def test_the_table_has_at_least_a_hundred_answers():
    assert len(ROWS) >= 100


# The fifth set's kinds of answers in the Slack form (one block per field; Monday 7 December 2026, 19:00 in
# Johannesburg): the form reads them with the chat's field layer, so it stores what the chat stores.
FORM_ANSWERS = {
    "company": "Its Tema Freight Ltd",
    "role": "sous chef, but they hinted at chef de cuisine in a year",
    "when": "this morning, first slot 8h30",
    "people": "some oke called sipho and a lady from HR, didnt catch her name\n"
    "Maria Lopez from HR and her boss Tom Reed\n"
    "Johan Lindqvist | depot manager | johan.lindqvist@vasttrafik-drift.se | 070-123 45 67",
    "open_questions": "nothing really",
    "challenges": "idk honestly they didnt say much",
    "why_me": "been doing solar since 2019",
    "assessment": "horrible. llegué tarde por el taco and she was cold the whole time",
    "clarification": "",
    "next_steps": "",
    "decision": "they said hr will call",
    "my_promises": "Zeugnisse bis Mittwoch, Gesellenbrief morgen",
    "their_promises": "nope",
}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_fifth_sets_kinds_in_the_slack_form_store_what_the_chat_stores(app, clock):
    evening = datetime.combine(date(2026, 12, 7), time(19), tzinfo=ZoneInfo("Africa/Johannesburg")).astimezone(UTC)
    clock.advance(seconds=(evening - START).total_seconds())
    errors, _ = await app.submit_form(Who("slack", "T1:U9", "Thabo"), FORM_ANSWERS, tz_hint="Africa/Johannesburg")
    assert errors == {}
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert (interview.company, interview.role) == ("Tema Freight Ltd", "sous chef")
        assert interview.happened_at == datetime(2026, 12, 7, 8, 30, tzinfo=ZoneInfo("Africa/Johannesburg"))
        assert [(p.name, p.role, p.email, p.phone) for p in interview.people] == [
            ("Sipho", None, None, None),
            ("Maria Lopez", "HR", None, None),
            ("Tom Reed", "boss", None, None),
            ("Johan Lindqvist", "depot manager", "johan.lindqvist@vasttrafik-drift.se", "+46701234567"),
        ]
        assert (interview.open_questions, interview.challenges) == (None, None)
        assert interview.assessment == "rough" and "tarde" in interview.clarification
        assert interview.decision_on is None and interview.next_steps == "they said hr will call"
        assert sorted((p.what, p.due_on, p.mine) for p in interview.promises) == [
            ("Gesellenbrief", d("2026-12-08"), True),
            ("Zeugnisse", d("2026-12-09"), True),
        ]
