"""The debrief as one form (Slack's modal), and settings changes that move pending reminders."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.common.events import Who
from bot.store.models import Interview, Reminder, ReminderState
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard

FORM = {
    "company": "Acme & <Sons>",
    "role": "Data Engineer",
    "when": "today 11:00",
    "people": "Jane Doe, Hiring manager, jane@acme.example, +49 30 901820\nBob Stone, Tech lead, bob@acme.example",
    "open_questions": "On-call split",
    "challenges": "Streaming migration",
    "why_me": "I did one before",
    "assessment": "rough",
    "clarification": "I froze on one question",
    "next_steps": "Take-home",
    "decision": "not sure",
    "my_promises": "writing samples by friday\nreferences",
    "their_promises": "",
}


async def test_a_valid_form_gives_the_same_drafts_and_ladder_as_the_chat(app):
    who = Who("slack", "T1:U2", "Ada Lovelace")
    errors, replies = await app.submit_form(who, FORM, tz_hint="Europe/Berlin")
    assert errors == {}
    drafts = [r for r in replies if r.files]
    assert len(drafts) == 2
    assert drafts[0].text != drafts[1].text
    assert any("keep you on track" in r.text for r in replies)
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert interview.company == "Acme & <Sons>"
        assert [p.due_on is not None for p in interview.promises] == [True, False]
        assert interview.people[0].phone == "+4930901820"


async def test_a_bad_form_names_every_bad_field_and_stores_nothing(app):
    who = Who("slack", "T1:U2", "Ada")
    # ("meh" is read as mixed, as in the chat; an answer with no verdict in it is refused)
    bad = {**FORM, "when": "whenever", "people": "Jane Doe, HM, not-an-email", "assessment": "purple", "company": ""}
    errors, replies = await app.submit_form(who, bad, tz_hint="Europe/Berlin")
    assert set(errors) == {"when", "people", "assessment", "company"}
    assert "Line 1" in errors["people"] and "valid email" in errors["people"]
    assert replies == []
    async with app.sessions() as session:
        assert await session.scalar(select(Interview)) is None


async def test_moving_to_another_zone_keeps_reminders_at_the_same_local_time(app, clock):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Write the drafts")
    async with app.sessions() as session:
        before = {r.id: r.send_after for r in await session.scalars(select(Reminder))}
    await ada.says("/settings")
    await ada.taps("Time zone")
    await ada.says("New York")
    ada.expect("America/New_York")
    async with app.sessions() as session:
        for reminder in await session.scalars(select(Reminder).where(Reminder.state == ReminderState.SCHEDULED)):
            old = before[reminder.id].astimezone(ZoneInfo("Europe/Berlin"))
            new = reminder.send_after.astimezone(ZoneInfo("America/New_York"))
            assert (new.hour, new.minute) == (old.hour, old.minute)
            assert reminder.send_after - before[reminder.id] == timedelta(hours=6)


async def test_a_redelivered_platform_event_is_handled_once(app):
    assert await app.first_time("telegram:update:42") is True
    assert await app.first_time("telegram:update:42") is False
    assert await app.first_time("telegram:update:43") is True


async def test_a_form_without_promises_or_optional_notes(app):
    bare = {**FORM, "my_promises": "", "their_promises": "", "open_questions": "", "clarification": ""}
    errors, replies = await app.submit_form(Who("slack", "T1:U3", "Bo"), bare, tz_hint="UTC")
    assert errors == {}
    assert len([r for r in replies if r.files]) == 2


async def test_a_form_in_sentences_reads_like_the_chat(app):
    """The form uses the chat's field layer: sentences per person, dates inside answers, skippable notes."""
    from datetime import date

    sentences = {
        **FORM,
        "when": "this morning at 9",
        "people": "We talked to Maria, she's the EM, maria@x.com\nDoe, Jane",
        "challenges": "dunno",
        "why_me": "",
        "next_steps": "They decide by the 11th",
        "decision": "",
        "my_promises": "two references by Friday\nno",
    }
    errors, _ = await app.submit_form(Who("slack", "T1:U4", "Cy"), sentences, tz_hint="Europe/Madrid")
    assert errors == {}
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert interview.happened_at.astimezone(ZoneInfo("Europe/Madrid")).strftime("%H:%M") == "09:00"
        assert [(p.name, p.role, p.email) for p in interview.people] == [
            ("Maria", "engineering manager", "maria@x.com"),
            ("Jane Doe", None, None),
        ]
        assert interview.challenges is None and interview.why_me is None
        assert interview.decision_on == date(2026, 12, 11)
        assert [(p.what, p.due_on) for p in interview.promises if p.mine] == [("two references", date(2026, 11, 27))]


async def test_a_form_asks_instead_of_guessing(app):
    unclear = {**FORM, "when": "yesterday", "decision": "next Friday"}
    errors, _ = await app.submit_form(Who("slack", "T1:U5", "Di"), unclear, tz_hint="Europe/Madrid")
    assert set(errors) == {"when", "decision"}
    assert "What time on Tuesday 24 November" in errors["when"]
    assert "Friday 27 November or Friday 4 December" in errors["decision"]


async def test_a_form_says_who_promised_what_when_the_line_names_them(app):
    named = {
        **FORM,
        "my_promises": "",
        "their_promises": "Bob will send me the architecture overview\nJane said she'd share the salary bands\n"
        "a team handbook\nMaria will send the rota",  # Maria was not in the interview: nobody
    }
    errors, _ = await app.submit_form(Who("slack", "T1:U6", "Ed"), named, tz_hint="Europe/Madrid")
    assert errors == {}
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        by_id = {p.id: p.name for p in interview.people}
        assert {(p.what, by_id.get(p.person_id)) for p in interview.promises} == {
            ("the architecture overview", "Bob Stone"),
            ("the salary bands", "Jane Doe"),
            ("a team handbook", None),
            ("the rota", None),
        }
        assert not any(p.mine for p in interview.promises)


async def test_a_form_line_of_two_things_joined_by_a_plus_or_an_ampersand_is_two_promises(app):
    """The form shares the chat's promise reader: "X + Y" and "X & Y" are two promises, the line's day for both; a
    firm's name ("Baker & Co") stays one thing."""
    paired = {
        **FORM,
        "my_promises": "payslips & my P60 by Friday\nthe audit notes for Baker & Co",
        "their_promises": "salary bands + the job spec",
    }
    errors, _ = await app.submit_form(Who("slack", "T1:U7", "Flo"), paired, tz_hint="Europe/Madrid")
    assert errors == {}
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        mine = [(p.what, p.due_on is not None) for p in interview.promises if p.mine]
        assert mine == [("payslips", True), ("my P60", True), ("the audit notes for Baker & Co", False)]
        due = {p.due_on for p in interview.promises if p.mine and p.due_on}
        assert len(due) == 1 and next(iter(due)).weekday() == 4
        assert [p.what for p in interview.promises if not p.mine] == ["salary bands", "the job spec"]
