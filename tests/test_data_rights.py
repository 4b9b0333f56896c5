"""The user's data, on SQLite and PostgreSQL: /export gives it all, /delete erases it all (after asking),
nobody reaches another user's rows, and contact details of long-closed interviews are erased."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import inspect, select

from bot.service.config import Settings
from bot.service.retention import erase_contact_details
from bot.store.db import make_sync_engine
from bot.store.models import Base, FollowUp, Interview, Person, Reminder, ReminderState
from tests.support.driver import ChatUser
from tests.support.ownership import all_rows, by_owner
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard

ADA_PEOPLE = [
    ("Jane Qadaq", "Hiring manager", "jane.qadaq@acme.example", "+49 30 901820"),
    ("Bob Qadaq", "Tech lead", "bob.qadaq@acme.example", None),
]
ADA_MARKS = ("qadaq", "console:ada", "+4930901820")
EVE_PEOPLE = [("Kim Qeveq", "Recruiter", "kim.qeveq@globex.example", "+44 20 7946 0958")]
EVE_MARKS = ("qeveq", "console:eve", "+442079460958")
USER_TABLES = {"users", "conversations", "interviews", "people", "promises", "follow_ups", "reminders"}


@pytest.fixture
def sync(settings):
    engine = make_sync_engine(settings.resolved_database_url)
    yield engine
    engine.dispose()


async def ada_and_eve(app) -> tuple[ChatUser, ChatUser]:
    """Ada with a finished debrief and an upcoming interview; Eve with a finished debrief of her own."""
    ada, eve = ChatUser(app, "ada", name="Ada Qadaq"), ChatUser(app, "eve", name="Eve Qeveq")
    await onboard(ada, "Ada Qadaq")
    await debrief(ada, ADA_PEOPLE, mine=("samples qadaq", "friday"), theirs=("timeline qadaq", None))
    await ada.taps("Write the drafts")
    for text in ("/upcoming", "Future qadaq", "Analyst", "tomorrow 10:00"):
        await ada.says(text)
    ada.expect("I'll remind you an hour before")
    await onboard(eve, "Eve Qeveq", tz="London")
    await debrief(eve, EVE_PEOPLE, when="just now", mine=("code qeveq", None), theirs=None)
    await eve.taps("Write the drafts")
    return ada, eve


async def rows(app, model, *where):
    async with app.sessions() as session:
        return list(await session.scalars(select(model).where(*where)))


def files(user: ChatUser) -> dict[str, bytes]:
    return {f.mime_type: f.content for r in user.last for f in r.files}


def contains(value, marks) -> bool:
    text = json.dumps(value, default=str, ensure_ascii=False).casefold() if not isinstance(value, str) else value
    return any(m.casefold() in text.casefold() for m in marks)


# ---- /export ----------------------------------------------------------------------------------


async def test_export_gives_json_of_everything_and_a_calendar_of_upcoming_follow_ups(app, clock):
    ada, _ = await ada_and_eve(app)
    await ada.says("/export")
    ada.expect("everything I store about you")
    exported = files(ada)
    assert set(exported) == {"application/json", "text/calendar"}

    data = json.loads(exported["application/json"])
    assert not contains(data, EVE_MARKS), "Eve's data in Ada's export"
    assert data["user"]["name"] == "Ada Qadaq" and data["user"]["timezone"] == "Europe/Berlin"
    done = next(i for i in data["interviews"] if i["status"] == "active")
    assert done["company"] == "Acme <Corp> & Co" and done["role"] == "Data Engineer"
    assert done["open_questions"].startswith("How the team splits on-call work")  # the notes
    assert done["challenges"] and done["why_me"] and done["clarification"] == "I undersold my Kafka experience"
    assert [(p["name"], p["email"], p["phone"]) for p in done["people"]] == [
        ("Jane Qadaq", "jane.qadaq@acme.example", "+4930901820"),
        ("Bob Qadaq", "bob.qadaq@acme.example", None),
    ]
    assert {(p["what"], p["mine"]) for p in done["promises"]} == {("samples qadaq", True), ("timeline qadaq", False)}
    assert any(i["status"] == "upcoming" and i["company"] == "Future qadaq" for i in data["interviews"])
    ada_id = data["user"]["id"]
    assert {r["id"] for r in data["reminders"]} == {r.id for r in await rows(app, Reminder, Reminder.user_id == ada_id)}
    assert {s["id"] for s in data["steps"]} == {s.id for s in await rows(app, FollowUp, FollowUp.user_id == ada_id)}

    # The calendar: one event per upcoming follow-up (not per reminder), at its next reminder, with an alarm.
    upcoming = await rows(app, Reminder, Reminder.user_id == ada_id, Reminder.state == ReminderState.SCHEDULED)
    first_due: dict[int, object] = {}
    for r in sorted(upcoming, key=lambda r: r.send_after):
        first_due.setdefault(r.follow_up_id, r.send_after)
    calendar = Calendar.from_ical(exported["text/calendar"])
    events = calendar.walk("VEVENT")
    assert len(events) == len(first_due) >= 5
    assert len(upcoming) > len(events)  # a thank-you's first reminder and last call are one event
    assert sorted(e.decoded("dtstart") for e in events) == sorted(first_due.values())
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids) and all(uid.endswith("@followup-bot") for uid in uids)
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == timedelta(0)
    summaries = [str(e["summary"]) for e in events]
    assert sum("Thank-you email: Jane Qadaq" in s for s in summaries) == 1
    assert sum("Thank-you email: Bob Qadaq" in s for s in summaries) == 1
    assert any("Send what you promised: samples qadaq" in s for s in summaries)
    assert any("Ask for what they promised: timeline qadaq" in s for s in summaries)
    assert any("Get ready" in s and "Future qadaq" in s for s in summaries)
    jane = next(e for e in events if "Jane Qadaq" in str(e["summary"]))
    assert "Interviewer: Jane Qadaq, Hiring manager" in str(jane["description"])
    assert "jane.qadaq@acme.example" in str(jane["description"]) and "+49 30 901820" in str(jane["description"])
    assert "Jane Qadaq" in str(jane["contact"]) and "attendee" not in jane  # no invitation to the interviewer
    await ada.says("/export")
    again = Calendar.from_ical(files(ada)["text/calendar"]).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in again) == sorted(uids)  # re-importing updates, never duplicates

    # Once the thank-you to Jane is sent, her thank-you events leave the calendar and the second email comes in.
    sender = RecordingSender()
    app.add_sender(sender)
    clock.advance(hours=2)
    await app.dispatch_due()
    reminder = next(r for _, r in sender.sent if "Jane Qadaq" in r.text.split("\n")[0])
    await ada.sends_action(next(b.action for b in reminder.buttons if b.label == "Sent"))
    await ada.says("/export")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(files(ada)["text/calendar"]).walk("VEVENT")]
    assert not any("Thank-you email: Jane" in s for s in summaries)
    assert any("Second email: Jane Qadaq" in s for s in summaries)


async def test_export_in_the_middle_of_a_debrief_includes_it_and_goes_on(app):
    ada = ChatUser(app, "ada")
    await onboard(ada, "Ada Qadaq")
    for text in ("/new", "Initech qadaq", "Engineer"):
        await ada.says(text)
    await ada.says("/export")
    data = json.loads(files(ada)["application/json"])
    assert [(i["company"], i["status"]) for i in data["interviews"]] == [("Initech qadaq", "debriefing")]
    ada.expect("When was the interview")  # the question is asked again


# ---- /delete ----------------------------------------------------------------------------------


async def test_delete_asks_first_no_keeps_everything_yes_erases_every_row(app, clock, sync):
    ada, _ = await ada_and_eve(app)
    app.add_sender(RecordingSender())
    clock.advance(hours=2)
    await app.dispatch_due()  # some of Ada's reminders are sent, the rest still scheduled
    before = by_owner(sync)
    assert set(before["console:ada"]) >= USER_TABLES, "Ada should have rows in every table that refers to users"

    await ada.says("/delete")
    ada.expect("erases everything", "can't be undone")
    assert [b.label for b in ada.buttons] == ["Yes, delete everything", "No, keep it"]
    assert by_owner(sync) == before  # asking changes nothing
    await ada.taps("No, keep it")
    ada.expect("Nothing was deleted")
    assert by_owner(sync) == before

    await ada.says("/delete")
    await ada.taps("Yes, delete everything")
    ada.expect("everything about you is erased")
    after = by_owner(sync)
    assert "console:ada" not in after
    assert after["console:eve"] == before["console:eve"], "Eve's rows changed"
    # No row of any table still refers to Ada, by a foreign key or by a copy of her data.
    tables = set(inspect(sync).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables), "a table outside the models would escape this check"
    for table, table_rows in all_rows(sync).items():
        for row in table_rows.values():
            assert not contains(row, ADA_MARKS), f"{table} still holds Ada's data: {row}"

    await ada.says("hello again")  # a new start
    ada.expect("what name should I sign")


async def test_an_old_delete_button_is_out_of_date(app, sync):
    ada, _ = await ada_and_eve(app)
    await ada.says("/delete")
    old = ada.button("Yes, delete").action
    await ada.says("/settings")  # the conversation moves on
    await ada.says("/cancel")
    before = by_owner(sync)
    await ada.sends_action(old)
    assert ada.last[0].notice and "out of date" in ada.text
    assert by_owner(sync) == before


# ---- other users' ids -------------------------------------------------------------------------


async def test_other_users_ids_in_buttons_are_refused_without_revealing_they_exist(app, sync):
    ada, eve = await ada_and_eve(app)
    await eve.says("/interviews")
    await eve.taps("Close")
    await eve.taps("Rejected")  # Eve's interview is closed: Ada must not learn even that
    eve_rows = by_owner(sync)["console:eve"]
    eve_reminder = min(pk[0] for pk in eve_rows["reminders"])
    eve_interview = min(pk[0] for pk in eve_rows["interviews"])
    missing = 2**31 - 1

    # Ada is in the middle of editing her own people, where "remove" buttons carry person ids.
    await ada.says("/new")
    for text in ("Initech", "Engineer", "just now", "Lee Qadaq", "CTO", "/skip", "/skip", "/skip"):
        await ada.says(text)
    await ada.taps("That's everyone")
    before = by_owner(sync)
    revision = before["console:ada"]["conversations"][next(iter(before["console:ada"]["conversations"]))]["revision"]

    forged = [f"r:{{}}:{op}" for op in ("d", "k", "y", "s1", "sm", "v", "db")]
    forged += ["i:{}:close", "i:{}:o:offer", "i:{}:o:rejected"]
    for pattern in forged:
        await ada.sends_action(pattern.format(eve_reminder if pattern[0] == "r" else eve_interview))
        theirs = [(r.text, r.notice) for r in ada.last]
        await ada.sends_action(pattern.format(missing))
        assert theirs == [(r.text, r.notice) for r in ada.last], pattern  # the same words either way
        assert all(notice for _, notice in theirs), pattern
    eve_person = min(pk[0] for pk in eve_rows["people"])
    await ada.sends_action(f"c:{revision}:rm_{eve_person}")  # a forged "remove" of Eve's person
    assert ada.last[0].notice
    assert by_owner(sync) == before, "a refused button changed something"


# ---- retention --------------------------------------------------------------------------------


async def test_contact_details_of_a_closed_interview_go_after_the_retention_period(app, clock, sync):
    ada, _ = await ada_and_eve(app)
    await ada.says("/interviews")
    await ada.taps("Close: Acme")
    await ada.taps("Rejected")
    ada.expect("Closed Data Engineer at Acme")
    closed = next(i for i in await rows(app, Interview) if i.status == "closed")
    assert closed.closed_at == clock.now and app.settings.retention_days == 90
    assert any(kept[2] for kept in closed.drafts_written.values())  # the drafts as written: their To: addresses
    before = by_owner(sync)

    clock.advance(days=89)
    await app.dispatcher._tick()  # the scheduler's periodic tick (safety interval)
    assert by_owner(sync) == before, "nothing is erased before the retention period is over"

    clock.advance(days=1, minutes=1)
    await app.dispatcher._tick()
    after = by_owner(sync)
    people = {p.name: p for p in await rows(app, Person, Person.interview_id == closed.id)}
    assert {n: (p.role, p.email, p.phone) for n, p in people.items()} == {
        "Jane Qadaq": ("Hiring manager", None, None),
        "Bob Qadaq": ("Tech lead", None, None),
    }
    # Only those two columns of those two rows changed: the outline, the other interviews and Eve stay.
    for key in ("console:ada", "console:eve"):
        for table, table_rows in before[key].items():
            for pk, row in table_rows.items():
                changed = {c for c in row if row[c] != after[key][table][pk][c]}
                erased = table == "people" and row["interview_id"] == closed.id
                if (
                    table == "interviews" and row["id"] == closed.id
                ):  # with the drafts kept as written (their To: lines)
                    assert changed == {"drafts_written"} and not after[key][table][pk]["drafts_written"]
                    continue
                assert changed == ({c for c in ("email", "phone") if row[c]} if erased else set()), (table, pk)
    await ada.says("/interviews")
    ada.expect("Jane Qadaq", "closed: rejected")  # the outline still shows


async def test_retention_is_a_setting_and_the_boundary_is_exact(app, clock, monkeypatch, settings):
    monkeypatch.setenv("FOLLOWUP_RETENTION_DAYS", "7")
    assert Settings(database_url=settings.database_url, _env_file=None).retention_days == 7
    ada, _ = await ada_and_eve(app)
    await ada.says("/interviews")
    await ada.taps("Close: Acme")
    await ada.taps("I withdrew")
    closed_at = clock.now
    assert await erase_contact_details(app.sessions, 7, closed_at + timedelta(days=7)) == 0
    assert await erase_contact_details(app.sessions, 7, closed_at + timedelta(days=7, seconds=1)) == 2
    assert await erase_contact_details(app.sessions, 7, closed_at + timedelta(days=8)) == 0  # idempotent
    # Active interviews keep their details however old they are.
    assert await erase_contact_details(app.sessions, 7, closed_at + timedelta(days=3650)) == 0
    assert [p.email for p in await rows(app, Person) if p.email] == ["kim.qeveq@globex.example"]
