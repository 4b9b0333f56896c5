"""What people type, through the real chat: each answer's stored value, or the question it gets back.

Every row starts a fresh user (onboarded in Madrid or New York, fixed clock: Wednesday 25 November
2026, 14:00 in Madrid), walks the chat to one question, types the answer and checks what the database
holds and what the bot asked next. The whole table runs on SQLite; a slice of it on PostgreSQL too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.store.models import Interview, User
from tests.support.driver import ChatUser
from tests.support.scripts import Says, Taps, onboard, play

MAD, NYC = "Europe/Madrid", "America/New_York"

# How to reach each question from the idle menu (the answers on the way are plain ones).
_INTERVIEW = [Says("/new"), Says("Acme"), Says("Data engineer"), Says("just now")]
_PERSON = [*_INTERVIEW, Says("Jane Doe"), Says("Hiring manager"), Says("jane@acme.example")]
_PERSON_DONE = [*_PERSON, Says("/skip"), Says("/skip")]  # no phone, no topic
_NOTES = [*_PERSON_DONE, Taps("That's everyone"), Says("/skip"), Says("/skip"), Says("/skip")]
_DECISION = [*_NOTES, Taps("Went well"), Says("/skip"), Says("/skip")]
_MINE = [*_DECISION, Taps("Not sure")]
PATHS: dict[str, list[Any]] = {
    "company": [Says("/new")],
    "role": [Says("/new"), Says("Acme")],
    "when": [Says("/new"), Says("Acme"), Says("Data engineer")],
    "when_time": [Says("/new"), Says("Acme"), Says("Data engineer"), Says("yesterday")],
    "person": _INTERVIEW,
    "greeting": [*_INTERVIEW, Says("Zhang Wei")],
    "person_role": [*_INTERVIEW, Says("Jane Doe")],
    "email": [*_INTERVIEW, Says("Jane Doe"), Says("Hiring manager")],
    "phone": _PERSON,
    "topic": [*_PERSON, Says("/skip")],
    "person_more": _PERSON_DONE,
    "open_questions": [*_PERSON_DONE, Taps("That's everyone")],
    "challenges": [*_PERSON_DONE, Taps("That's everyone"), Says("/skip")],
    "assessment": _NOTES,
    "next_steps": [*_NOTES, Taps("Went well"), Says("/skip")],
    "decision": _DECISION,
    "my_promise": _MINE,
    "my_promise_when": [*_MINE, Says("writing samples")],
    "my_more": [*_MINE, Says("writing samples"), Taps("No date")],
    "their_promise": [*_MINE, Taps("Nothing")],
    "up_company": [Says("/upcoming")],
    "up_when": [Says("/upcoming"), Says("Beta"), Says("Analyst")],
}


@dataclass(frozen=True)
class Row:
    at: str  # a key of PATHS, or "name" / "tz" for onboarding
    typed: str
    stored: dict[str, Any] = field(default_factory=dict)  # "interview.decision_on" -> value
    asks: str | None = None  # what the bot's answer must contain
    tz: str = MAD


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


DECIDE = "interview.decision_on"
DUE = "promise.due_on"
WHAT = "promise.what"
MINE = "promise.mine"
WHO = "promise.who"
NO_PROMISES = {"promises": 0}
ASK_THEIRS = "Did they promise"

ROWS: list[Row] = [
    # ---- decision dates in many phrasings, both numeric orders -----------------------------------
    Row("decision", "Friday", {DECIDE: d("2026-11-27")}, "Noted: a decision by Friday 27 November"),
    Row("decision", "the 11th", {DECIDE: d("2026-12-11")}, "Friday 11 December"),
    Row("decision", "Friday 11th", {DECIDE: d("2026-12-11")}),
    Row("decision", "end of next week", {DECIDE: d("2026-12-04")}),
    Row("decision", "by the end of the month", {DECIDE: d("2026-11-30")}),
    Row("decision", "within a week", {DECIDE: d("2026-12-02")}, "the last day"),
    Row("decision", "mid-December", {DECIDE: d("2026-12-15")}),
    Row("decision", "early next week", {DECIDE: d("2026-12-01")}, "I'll count from Tuesday 1 December"),
    Row("decision", "before Christmas", {DECIDE: d("2026-12-24")}),
    Row("decision", "in a couple of weeks", {DECIDE: d("2026-12-09")}),
    Row("decision", "in a few days", {DECIDE: d("2026-11-29")}),
    Row("decision", "Friday next week", {DECIDE: d("2026-12-04")}),
    Row("decision", "next month", {DECIDE: d("2026-12-31")}),
    Row("decision", "the week after next", {DECIDE: d("2026-12-11")}),
    Row("decision", "3rd of December", {DECIDE: d("2026-12-03")}),
    Row("decision", "Dec 11", {DECIDE: d("2026-12-11")}),
    Row("decision", "2026-12-11", {DECIDE: d("2026-12-11")}),
    Row("decision", "in two weeks", {DECIDE: d("2026-12-09")}),
    Row("decision", "02/12/2026", {DECIDE: d("2026-12-02")}, "Wednesday 2 December"),
    Row("decision", "11/12", {DECIDE: d("2026-12-11")}),
    Row("decision", "12/02/2026", {DECIDE: None}, "already past. Which day ahead?"),
    Row("decision", "12/02/2026", {DECIDE: d("2026-12-02")}, "Wednesday 2 December", tz=NYC),
    Row("decision", "12/11", {DECIDE: d("2026-12-11")}, tz=NYC),
    Row("decision", "02/12/2026", {DECIDE: None}, "already past", tz=NYC),
    Row("decision", "next Friday", {DECIDE: None}, "do you mean Friday 27 November or Friday 4 December"),
    Row("decision", "They said they'd decide next Friday", {DECIDE: None}, "do you mean"),
    Row("decision", "yesterday", {DECIDE: None}, "Which day ahead? E.g. “Friday”"),
    Row("decision", "asdf", {DECIDE: None}, "Try “Friday”, “the 11th”"),
    Row("decision", "not sure", {DECIDE: None}, "promise to send them"),
    Row("decision", "dunno", {DECIDE: None}, "promise to send them"),
    # ---- a date inside the next steps is offered as the decision date -------------------------------
    Row(
        "next_steps",
        "they decide by the 11th",
        {"interview.next_steps": "they decide by the 11th"},
        "decision expected by Friday 11 December",
    ),
    Row(
        "next_steps",
        "They'll let me know by end of next week",
        {DECIDE: None},
        "decision expected by Friday 4 December",
    ),
    Row(
        "next_steps",
        "A take-home exercise next week",
        {"interview.next_steps": "A take-home exercise next week"},
        "When do they expect to decide",
    ),
    Row(
        "next_steps",
        "They'll do a portfolio review with the whole team next week and decide by the end of the month",
        {DECIDE: None},
        "shall I note a decision expected by Monday 30 November?",
    ),
    Row("next_steps", "they didn't say", {"interview.next_steps": None}, "When do they expect to decide"),
    # ---- a date inside a promise fills its date --------------------------------------------------
    Row(
        "my_promise",
        "two references by Friday",
        {WHAT: "two references", DUE: d("2026-11-27")},
        "Anything else you promised",
    ),
    Row("my_promise", "writing samples by end of next week", {WHAT: "writing samples", DUE: d("2026-12-04")}),
    Row("my_promise", "my portfolio within a week", {WHAT: "my portfolio", DUE: d("2026-12-02")}),
    Row("my_promise", "a code sample by the 11th", {WHAT: "a code sample", DUE: d("2026-12-11")}),
    Row("my_promise", "references next Friday", {WHAT: "references", DUE: None}, "do you mean Friday 27 November"),
    Row("my_promise", "writing samples", {WHAT: "writing samples", DUE: None}, "By when will you send"),
    # ---- the lead-in is not stored; it says whose promise it is; one row per day -------------------------
    Row(
        "my_promise",
        "I said I'd send my Figma case study",
        {WHAT: "my Figma case study", DUE: None},
        "By when will you send “my Figma case study”",
    ),
    Row(
        "my_promise",
        "i said i'd send them a code sample and two references by Friday",
        {WHAT: "a code sample and two references", DUE: d("2026-11-27")},
        "Noted: “a code sample and two references” by Friday 27 November",
    ),
    Row("my_promise", "I'll share my slides by Monday", {WHAT: "my slides", DUE: d("2026-11-30"), MINE: True}),
    Row(
        "my_promise",
        "I said I'd send my Figma case study by Thursday and a link to my research repo by next Monday",
        {"promises": 2, WHAT: "a link to my research repo", DUE: d("2026-11-30"), MINE: True},
        "Noted: my Figma case study by Thursday 26 November; a link to my research repo by Monday 30 November.",
    ),
    Row(
        "my_promise",
        "marcus said he'd send me the salary bands by tomorrow",
        {"promises": 1, WHAT: "the salary bands", DUE: d("2026-11-26"), MINE: False},
        "Noted as something they'll send you: the salary bands, by Thursday 26 November.",
    ),
    Row(
        "my_promise",
        "Jane said she'd send me the team handbook",
        {WHO: "Jane Doe", MINE: False},
        "Noted as something they'll send you: the team handbook.",
    ),
    Row(
        "their_promise",
        "Laura will send me the brand guidelines",
        {WHAT: "the brand guidelines", MINE: False, WHO: None},
        "By when did they say you'd get “the brand guidelines”",
    ),
    Row("their_promise", "Jane will send me a timeline by Friday", {WHO: "Jane Doe"}, "Anything else they promised"),
    Row("their_promise", "doe said she'd share the salary bands by Friday", {WHO: "Jane Doe"}, "Anything else they"),
    Row("their_promise", "Jane Doe promised me the brand book by Friday", {WHO: "Jane Doe"}, "Anything else they"),
    Row("their_promise", "they'll send me the offer by Friday", {WHAT: "the offer", WHO: None}, "Who promised you"),
    Row(
        "their_promise",
        "I said I'd send them my portfolio",
        {WHAT: "my portfolio", MINE: True},
        "Noted as something you'll send them: my portfolio.",
    ),
    Row("my_promise_when", "mid-December", {DUE: d("2026-12-15")}, "Noted: “writing samples” by Tuesday 15 December"),
    Row("my_promise_when", "no date", {DUE: None}, "Anything else you promised"),
    Row("my_promise_when", "Friday", {DUE: d("2026-11-27")}),
    Row("my_promise_when", "last Monday", {DUE: None}, "already past"),
    # ---- "no" and its variants tap the question's "Nothing" / "That's all" / "That's everyone" -----
    *(Row("my_promise", no, NO_PROMISES, ASK_THEIRS) for no in ("no", "none", "nothing", "nope", "not really")),
    *(Row("my_promise", no, NO_PROMISES, ASK_THEIRS) for no in ("No.", "NOTHING!", "nah", "no thanks")),
    Row("their_promise", "no", NO_PROMISES, "Here's your debrief"),
    Row("my_more", "no", {"promises": 1}, ASK_THEIRS),
    Row("my_more", "That's All!", {"promises": 1}, ASK_THEIRS),
    Row("my_more", "a code sample by Monday", {"promises": 2, WHAT: "a code sample", DUE: d("2026-11-30")}),
    Row("my_more", "yes", {"promises": 1}, "Did you promise"),
    Row("my_more", "dunno", {"promises": 1}, "type the next thing promised"),
    Row("person_more", "nope", {"people": 1}, "still open"),
    Row("person_more", "thats everyone", {"people": 1}, "still open"),
    Row("person_more", "no, that's everyone", {"people": 1}, "still open"),
    Row("person_more", "ADD ANOTHER PERSON", {"people": 1}, "next person's name"),
    Row("person_more", "Bob Stone", {"people": 2, "person.name": "Bob Stone"}, "Bob Stone's role"),
    Row("person_more", "I think so", {"people": 1}, "tap one of the buttons"),
    Row("assessment", "went well", {"interview.assessment": "well"}, "set straight"),
    Row("assessment", "MIXED", {"interview.assessment": "mixed"}, "set straight"),
    Row(
        "assessment",
        "it went badly tbh, i blanked on the sql window function question",
        {"interview.assessment": "rough"},
        "set straight",
    ),
    Row(
        "assessment", "well overall but I fumbled the last question", {"interview.assessment": "mixed"}, "set straight"
    ),
    Row("assessment", "not bad at all", {"interview.assessment": "well"}, "set straight"),
    Row("assessment", "banana", {"interview.assessment": None}, "Choose went well, mixed or rough"),
    # ---- optional questions: skipped answers are left out -----------------------------------------
    Row("open_questions", "-", {"interview.open_questions": None}, "What challenges"),
    Row("challenges", "dunno", {"interview.challenges": None}, "why are you in particular"),
    Row("person_role", "no idea", {"person.role": None}, "Jane Doe's email"),
    # ---- sentences: names, companies, roles, emails ------------------------------------------------
    Row("name", "I'm Camille Dubois", {"user.name": "Camille Dubois"}, "time zone"),
    Row("name", "My name is Kenji Tanaka", {"user.name": "Kenji Tanaka"}),
    Row("name", "Doe, Jane", {"user.name": "Jane Doe"}),
    Row(
        "company",
        "It was with Spotify, for the backend engineer role",
        {"interview.company": "Spotify", "interview.role": "backend engineer"},
        "When was the interview",
    ),
    Row("company", "Smith, Jones & Co.", {"interview.company": "Smith, Jones & Co.", "interview.role": None}, "role"),
    Row("role", "for the backend engineer role", {"interview.role": "backend engineer"}),
    Row(
        "person",
        "We talked to Maria, she's the EM, maria@x.com",
        {"person.name": "Maria", "person.role": "engineering manager", "person.email": "maria@x.com"},
        "Maria's phone",
    ),
    Row(
        "person",
        "Jane Doe, Hiring manager, jane@x.com",
        {"person.name": "Jane Doe", "person.role": "Hiring manager", "person.email": "jane@x.com"},
    ),
    Row("person", "Tom Baker, CTO", {"person.name": "Tom Baker", "person.role": "CTO"}, "Tom Baker's email"),
    Row("person", "maria@x.com", {"people": 0}, "not the person's name"),
    Row("email", "her email is maria@x.com", {"person.email": "maria@x.com"}, "phone"),
    Row("email", "jane@@acme", {"person.email": None}, "not a valid email address"),
    Row("email", "I don't have it", {"person.email": None}, "Jane Doe's phone"),
    Row("phone", "don't have one", {"person.phone": None}, "One thing you discussed with Jane Doe"),
    Row("person_role", "she's the EM", {"person.role": "engineering manager"}),
    # ---- names in several cultures, and how to greet them ----------------------------------------
    Row("person", "Zhang Wei", {"person.name": "Zhang Wei"}, "How should the email to Zhang Wei greet them"),
    Row("person", "Dr. Anna-Lena Müller", {"person.name": "Dr. Anna-Lena Müller"}, "greet them"),
    Row("person", "Nguyễn Văn An", {"person.name": "Nguyễn Văn An"}, "greet them"),
    Row("person", "Mei Lin Tan", {"person.name": "Mei Lin Tan"}, "greet them"),
    Row(
        "person",
        "Siobhán O'Brien",
        {"person.name": "Siobhán O'Brien", "person.greeting": None},
        "Siobhán O'Brien's role",
    ),
    Row("person", "Oluwaseun Adeyemi", {"person.name": "Oluwaseun Adeyemi"}, "Oluwaseun Adeyemi's role"),
    Row("person", "Doe, Jane", {"person.name": "Jane Doe"}, "Jane Doe's role"),
    Row("greeting", "Mr Zhang", {"person.greeting": "Mr Zhang"}, "Zhang Wei's role"),
    Row("greeting", "wei", {"person.greeting": "Wei"}, "Zhang Wei's role"),
    # ---- phone numbers, read for the user's country -------------------------------------------------
    Row("phone", "612 34 56 78", {"person.phone": "+34612345678"}, "One thing you discussed with Jane Doe"),
    Row("phone", "07911 123456", {"person.phone": "+447911123456"}, tz="Europe/London"),
    Row("phone", "(201) 555-0123", {"person.phone": "+12015550123"}, tz=NYC),
    Row("phone", "030 901820", {"person.phone": "+4930901820"}, tz="Europe/Berlin"),
    Row("phone", "06 12 34 56 78", {"person.phone": "+33612345678"}, tz="Europe/Paris"),
    Row("phone", "090-1234-5678", {"person.phone": "+819012345678"}, tz="Asia/Tokyo"),
    Row("phone", "98765 43210", {"person.phone": "+919876543210"}, tz="Asia/Kolkata"),
    Row("phone", "0412 345 678", {"person.phone": "+61412345678"}, tz="Australia/Sydney"),
    Row("phone", "(11) 91234-5678", {"person.phone": "+5511912345678"}, tz="America/Sao_Paulo"),
    Row("phone", "044 668 18 00", {"person.phone": "+41446681800"}, tz="Europe/Zurich"),
    Row("phone", "her number is +44 20 7946 0958", {"person.phone": "+442079460958"}),
    Row("phone", "0412 345 678", {"person.phone": None}, "add the country code", tz="UTC+9"),
    Row("phone", "nope", {"person.phone": None}, "One thing you discussed with Jane Doe"),
    # ---- when the interview was: the typed time kept, a day alone asks for the time ------------------
    Row("when", "this morning at 9", {"interview.happened_at": utc("2026-11-25T08:00")}, "today at 09:00"),
    Row("when", "yesterday at 3pm", {"interview.happened_at": utc("2026-11-24T14:00")}),
    Row("when", "just now", {"interview.happened_at": utc("2026-11-25T13:00")}),
    Row("when", "24/11/2026 15:00", {"interview.happened_at": utc("2026-11-24T14:00")}),
    Row("when", "11/24/2026 3pm", {"interview.happened_at": utc("2026-11-24T20:00")}, tz=NYC),
    Row("when", "yesterday", {"interview.happened_at": None}, "What time was it on Tuesday 24 November"),
    Row("when", "Monday", {"interview.happened_at": None}, "What time was it on Monday 23 November"),
    Row("when", "tomorrow 10:00", {"interview.happened_at": None}, "/upcoming"),
    Row("when_time", "9:30", {"interview.happened_at": utc("2026-11-24T08:30")}, "yesterday at 09:30"),
    Row("when_time", "afternoon", {"interview.happened_at": utc("2026-11-24T14:00")}, "Who interviewed you"),
    Row("when_time", "half past", {"interview.happened_at": None}, "Tap morning or afternoon"),
    # ---- an interview still ahead: questions and refusals in the future tense ----------------------
    Row(
        "up_company",
        "Beta, for the analyst role",
        {"interview.company": "Beta", "interview.role": "analyst"},
        "When will it be",
    ),
    Row("up_when", "yesterday", {"interview.happened_at": None}, "already past. When will it be?"),
    Row("up_when", "Friday", {"interview.happened_at": None}, "What time will it be on Friday 27 November"),
    Row("up_when", "tomorrow 10:00", {"interview.happened_at": utc("2026-11-26T09:00")}, "I'll remind you"),
    # ---- zones as typed ---------------------------------------------------------------------------
    Row("tz", "UTC+9", {"user.timezone": "Etc/GMT-9"}, "Time zone set: UTC+9"),
]

# The slice that also runs on PostgreSQL: each kind of answer at least once.
PG_TYPED = {
    "end of next week", "02/12/2026", "next Friday", "they decide by the 11th", "two references by Friday", "none",
    "That's All!", "dunno", "My name is Kenji Tanaka", "We talked to Maria, she's the EM, maria@x.com",
    "Zhang Wei", "Mr Zhang", "07911 123456", "yesterday", "UTC+9", "It was with Spotify, for the backend engineer role",
}  # fmt: skip
PG_SLICE = [row for row in ROWS if row.typed in PG_TYPED]


async def _stored(app, key: str) -> Any:
    async with app.sessions() as session:
        user = await session.scalar(select(User).where(User.key == "console:ada"))
        if key.startswith("user."):
            return getattr(user, key.removeprefix("user."))
        interview = await session.scalar(
            select(Interview).where(Interview.user_id == user.id).order_by(Interview.id.desc()).limit(1)
        )
        if key == "people":
            return len(interview.people)
        if key == "promises":
            return len(interview.promises)
        if key.startswith("interview."):
            return getattr(interview, key.removeprefix("interview."))
        if key == WHO:  # the name of who promised the last promise
            last = interview.promises[-1]
            return next((p.name for p in interview.people if p.id == last.person_id), None)
        rows = interview.people if key.startswith("person.") else interview.promises
        return getattr(rows[-1], key.split(".", 1)[1]) if rows else None


async def run_row(app, row: Row) -> None:
    ada = ChatUser(app)
    if row.at in {"name", "tz"}:
        await ada.says("/start")
        if row.at == "tz":
            await ada.says("Ada Lovelace")
    else:
        await onboard(ada, tz=row.tz)
        await play(ada, PATHS[row.at])
    for typed in row.typed.split(" || "):  # " || " separates the messages of a row typed in several
        await ada.says(typed)
    if row.asks:
        ada.expect(row.asks)
    for key, value in row.stored.items():
        assert await _stored(app, key) == value, f"{key} after {row.typed!r}:\n{ada.text}"


def _id(row: Row) -> str:
    return f"{row.at}:{row.typed[:40]}:{row.tz}"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
async def test_typed_answer_through_the_chat(app, row):
    await run_row(app, row)


@pytest.mark.parametrize("row", PG_SLICE, ids=[_id(r) for r in PG_SLICE])
async def test_typed_answers_on_both_databases(app, row):
    await run_row(app, row)


# ---- a debrief told in sentences stores what one answered field by field stores -------------------

IN_SENTENCES = [
    Says("/new"),
    Says("It was with Spotify, for the backend engineer role"),
    Says("this morning at 10"),
    Says("We talked to Maria Lopez, she's the hiring manager, maria@x.com"),
    Says("nope"),
    Says("the data platform roadmap"),
    Says("Zhang Wei"),
    Says("Mr Zhang"),
    Says("he's the tech lead"),
    Says("his email is zhang@x.com"),
    Says("his number is 612 34 56 78"),
    Says("the migration to Kafka"),
    Says("no, that's everyone"),
    Says("How they split on-call work"),
    Says("Moving 40 pipelines to streaming"),
    Says("dunno"),
    Says("it went well"),
    Says("nope"),
    Says("They'll let me know by end of next week"),
    Taps("Yes"),
    Says("two references by Friday"),
    Says("nope"),
    Says("a timeline by the 11th"),
    Says("Maria"),
    Says("that's all"),
]
FIELD_BY_FIELD = [
    Says("/new"),
    Says("Spotify"),
    Says("backend engineer"),
    Says("this morning at 10"),
    Says("Maria Lopez"),
    Says("hiring manager"),
    Says("maria@x.com"),
    Says("/skip"),
    Says("the data platform roadmap"),
    Taps("Add another person"),
    Says("Zhang Wei"),
    Taps("Mr Zhang"),
    Says("tech lead"),
    Says("zhang@x.com"),
    Says("+34 612 34 56 78"),
    Says("the migration to Kafka"),
    Taps("That's everyone"),
    Says("How they split on-call work"),
    Says("Moving 40 pipelines to streaming"),
    Says("/skip"),
    Taps("Went well"),
    Says("/skip"),
    Says("They'll let me know by end of next week"),
    Says("4 December"),
    Says("two references"),
    Says("Friday"),
    Taps("That's all"),
    Says("a timeline"),
    Says("the 11th"),
    Taps("Maria Lopez"),
    Taps("That's all"),
]
REFUSALS = ("couldn't read", "not a valid", "please tap", "isn't optional", "try “", "i don't know", "already past")
COLUMNS = ("company", "role", "happened_at", "open_questions", "challenges", "why_me", "assessment", "clarification")
COLUMNS += ("next_steps", "decision_on", "status")


async def _interview_of(app, key: str) -> dict[str, Any]:
    async with app.sessions() as session:
        user = await session.scalar(select(User).where(User.key == key))
        interview = await session.scalar(select(Interview).where(Interview.user_id == user.id))
        return {
            **{column: getattr(interview, column) for column in COLUMNS},
            "people": [(p.name, p.role, p.email, p.phone, p.greeting, p.topic) for p in interview.people],
            "promises": [(p.mine, p.what, p.due_on) for p in interview.promises],
        }


async def test_a_debrief_in_free_sentences_stores_the_same_interview_as_field_by_field(app):
    told = await onboard(ChatUser(app, "told"), tz="Madrid")
    await play(told, IN_SENTENCES)
    told.expect("Here's your debrief")
    said = "\n".join(reply.text for reply in told.seen).casefold()
    assert [refusal for refusal in REFUSALS if refusal in said] == []
    asked = await onboard(ChatUser(app, "asked"), tz="Madrid")
    await play(asked, FIELD_BY_FIELD)
    asked.expect("Here's your debrief")
    stored = await _interview_of(app, "console:told")
    assert stored == await _interview_of(app, "console:asked")
    assert stored["people"] == [
        ("Maria Lopez", "hiring manager", "maria@x.com", None, None, "the data platform roadmap"),
        ("Zhang Wei", "tech lead", "zhang@x.com", "+34612345678", "Mr Zhang", "the migration to Kafka"),
    ]
    assert stored["promises"] == [(True, "two references", d("2026-11-27")), (False, "a timeline", d("2026-12-11"))]
    assert (stored["decision_on"], stored["why_me"]) == (d("2026-12-04"), None)


async def test_a_date_said_back_is_corrected_with_back_and_nothing_else_is_lost(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, _DECISION)
    await ada.says("Friday")
    ada.expect("Noted: a decision by Friday 27 November", "/back to change it")
    await ada.says("/back")
    ada.expect("When do they expect to decide")
    await ada.says("the 11th")
    await ada.says("two references by Friday")
    ada.expect("Noted: “two references” by Friday 27 November")
    await ada.says("/back")
    ada.expect("Did you promise")
    await ada.says("two references by Monday")
    ada.expect("Noted: “two references” by Monday 30 November")
    assert await _stored(app, DECIDE) == d("2026-12-11")
    assert (await _stored(app, "promises"), await _stored(app, DUE)) == (1, d("2026-11-30"))
    assert await _stored(app, "person.email") == "jane@acme.example"


async def test_the_country_set_in_settings_reads_phone_numbers_and_the_zone_shows_as_typed(app):
    ada = await onboard(ChatUser(app), tz="UTC+9")
    await ada.says("/settings")
    ada.expect("Time zone: UTC+9", "Country (for phone numbers and dates): not set")
    await ada.taps("Country")
    await ada.says("Atlantis")
    ada.expect("I don't know the country “Atlantis”", "Spain")
    await ada.says("uk")
    ada.expect("Country: United Kingdom")
    await ada.taps("Done")
    await play(ada, _PERSON)
    assert any("Got it: today at 22:00 (UTC+9)" in reply.text for reply in ada.seen)  # the zone as typed
    await ada.says("07911 123456")
    await ada.says("/skip")  # one thing discussed with her
    ada.expect("Added Jane Doe")
    assert (await _stored(app, "user.country"), await _stored(app, "person.phone")) == ("GB", "+447911123456")


async def test_yes_taps_the_offered_decision_day_and_no_leaves_it_open(app):
    """A typed "yes" to "shall I note a decision by ...?" takes the offered day (the button reads "Yes, by
    ..."); the next answer is then the promise it was meant as, not a second try at the date."""
    for typed, expected in (("yes", date(2026, 12, 4)), ("no", None)):
        user = await onboard(ChatUser(app, f"decides-{typed}"), tz="Madrid")
        upto = next(i for i, turn in enumerate(IN_SENTENCES) if "let me know" in getattr(turn, "text", ""))
        await play(user, IN_SENTENCES[: upto + 1])
        user.expect("shall I note a decision")
        await user.says(typed)
        user.expect("promise to send them")
        async with app.sessions() as session:
            interview = (await session.scalars(select(Interview).order_by(Interview.id.desc()))).first()
        assert interview.decision_on == expected, typed


async def test_yes_is_not_a_promise_and_a_titled_name_is_found_without_its_title(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, [*_INTERVIEW, Says("Dr. Anna-Lena Müller"), Taps("Dr. Müller"), Says("/skip"), Says("/skip")])
    await play(ada, [Says("/skip"), Says("/skip"), Taps("That's everyone"), Says("/skip"), Says("/skip")])
    await play(ada, [Says("/skip"), Taps("Went well"), Says("/skip"), Says("/skip"), Taps("Not sure")])
    await ada.says("yes")
    ada.expect("What is it?")
    assert await _stored(app, "promises") == 0
    await ada.says("nothing")
    await ada.says("a timeline by Monday")
    await ada.says("Anna-Lena Müller")
    ada.expect("Anything else they promised")


async def test_the_summary_shows_role_company_and_phone_as_the_drafts_do(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, [Says("/new"), Says("initech"), Says("backend engineer"), Says("just now"), Says("Jane Doe")])
    await play(ada, [Says("/skip"), Says("/skip"), Says("+65 6123 4567"), Says("/skip"), Taps("That's everyone")])
    await play(
        ada,
        [
            Says("/skip"),
            Says("/skip"),
            Says("/skip"),
            Taps("Went well"),
            Says("/skip"),
            Says("/skip"),
            Taps("Not sure"),
        ],
    )
    await play(ada, [Taps("Nothing"), Taps("Nothing")])
    ada.expect("Here's your debrief", "Backend Engineer at Initech", "Jane Doe, no role, no email yet, +65 6123 4567")
