"""Each note is checked once and each draft written once: kept on the interview (`note_fixes`, `drafts_written`)
with a digest of what they were made from, and made afresh as soon as any of it changes (a corrected note or
name, another day, another version)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.drafts import check
from bot.drafts import draft as drafts
from bot.drafts import store as ds
from bot.store.models import Interview, Person, Promise
from tests.test_reminders import ready

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # a Wednesday, 16:00 in Berlin


def _interview() -> Interview:
    interview = Interview(id=7, user_id=1, company="Acme Analytics", role="data engineer", status="active")
    interview.happened_at = NOW - timedelta(hours=3)
    interview.challenges = "migrating 200 legacy pipelines to streaming w/o downtime"
    interview.why_me = "i led a similar migration at beta gmbh, cutting costs by 30%"
    interview.open_questions = "how the team splits on-call work"
    interview.assessment = "well"
    interview.people = [
        Person(id=1, name="Jane Doe", role="Hiring manager", email="jane@example.com"),
        Person(id=2, name="Bob Stone", role="Tech lead", email="bob@example.com"),
    ]
    interview.promises = [Promise(id=1, mine=True, what="writing samples")]
    return interview


def _refuse(*_args, **_kwargs):
    raise AssertionError("checked or written again")


@pytest.fixture
def counted(monkeypatch):
    """How often the thank-you composer really writes."""
    calls = []
    composer = ds.COMPOSERS["thank_you"]

    def counting(*args, **kwargs):
        calls.append(args[0].id)
        return composer(*args, **kwargs)

    monkeypatch.setitem(ds.COMPOSERS, "thank_you", counting)
    return calls


def test_a_note_is_checked_once_and_again_when_what_the_debrief_knows_changes(monkeypatch):
    interview = _interview()
    fixed = drafts.cleaned(interview, interview.challenges)
    assert fixed != interview.challenges and "without" in fixed  # "w/o" written out
    assert interview.note_fixes is None  # the writer changes nothing a session would save: the store keeps them
    drafts.keep_fixes(interview)
    assert interview.note_fixes and len(interview.note_fixes["f"]) == 1
    setattr(interview, drafts.NEW_FIXES, None)  # as loaded afresh

    monkeypatch.setattr(check, "fix_text", _refuse)
    drafts.checked.cache_clear()  # not the process's memory: the interview's
    assert drafts.cleaned(interview, interview.challenges) == fixed

    interview.people[0].name = "Jane Dough"  # a corrected name: the check may read the note differently
    monkeypatch.undo()
    again = []
    real = check.fix_text
    monkeypatch.setattr(check, "fix_text", lambda text, known: again.append(text) or real(text, known))
    assert drafts.cleaned(interview, interview.challenges) == fixed
    assert again == [interview.challenges]


def test_a_draft_is_written_once_per_day_and_afresh_when_a_note_changes(counted):
    interview = _interview()
    key = ds.DraftKey(interview.id, "thank_you", 1)
    how = ds.Writing("Ada Lovelace", "Europe/Berlin", NOW)
    first = ds.compose(interview, key, how, {})
    assert counted == [7] and interview.drafts_written
    assert "today" in first.body

    later = ds.Writing("Ada Lovelace", "Europe/Berlin", NOW + timedelta(hours=4))  # 20:00, the same day
    assert ds.compose(interview, key, later, {}) == first
    assert counted == [7]

    tomorrow = ds.Writing("Ada Lovelace", "Europe/Berlin", NOW + timedelta(days=1))
    next_day = ds.compose(interview, key, tomorrow, {})
    assert counted == [7, 7] and "yesterday" in next_day.body and "today" not in next_day.body

    interview.why_me = "I have run on-call for a streaming platform for three years"
    changed = ds.compose(interview, key, tomorrow, {})
    assert counted == [7, 7, 7] and "three years" in changed.body


def test_another_version_or_a_stored_row_is_part_of_what_a_draft_is_written_from(counted):
    interview = _interview()
    key = ds.DraftKey(interview.id, "thank_you", 1)
    how = ds.Writing("Ada Lovelace", "Europe/Berlin", NOW)
    first = ds.compose(interview, key, how, {})
    row = ds.StoredDraft(interview_id=7, person_id=1, kind="thank_you", state="offered", variant=1, subject="", body="")
    other = ds.compose(interview, key, how, {key: row})
    assert counted == [7, 7] and other.body != first.body
    assert ds.compose(interview, key, how, {}) == first and counted == [7, 7, 7]  # only the last one is kept


async def test_the_first_reminder_shows_the_draft_the_debrief_wrote_without_checking_or_writing_it(
    app, clock, counted, monkeypatch
):
    _ada, sender = await ready(app, clock)
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert interview.note_fixes and interview.note_fixes["f"]
        assert len(interview.drafts_written) == 2  # both thank-yous, as the debrief showed them
    written = len(counted)

    monkeypatch.setattr(check, "fix_text", _refuse)
    drafts.checked.cache_clear()
    clock.advance(hours=2)  # the first thank-you reminders, the same afternoon
    assert await app.dispatch_due() == 2
    shown = sender.take()
    assert len(counted) == written  # shown as written at the end of the debrief
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        bodies = [kept[4] for kept in interview.drafts_written.values()]
    assert all(any(body in reply.text for body in bodies) for reply in shown)


async def test_write_the_drafts_saves_the_interview_once_and_the_ladder_in_one_statement_each(app):
    """The debrief's row is updated once (its status with the kept fixes and drafts), the follow-ups and their
    reminders are inserted in one statement each."""
    from sqlalchemy import event

    from bot.store.models import FollowUp, Reminder
    from tests.support.driver import ChatUser
    from tests.support.scripts import debrief, onboard

    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    seen: list[str] = []

    def statement(_conn, _cursor, sql, *_args):
        seen.append(" ".join(sql.split()[:3]).upper())

    event.listen(app.engine.sync_engine, "before_cursor_execute", statement)
    try:
        await ada.taps("Write the drafts")
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", statement)
    assert "I'll keep you on track" in ada.text
    assert seen.count("UPDATE INTERVIEWS SET") == 1
    assert seen.count("INSERT INTO FOLLOW_UPS") == 1 and seen.count("INSERT INTO REMINDERS") == 1
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert interview.status == "active" and interview.debriefed_at is not None and interview.drafts_written
        follow_ups = list(await session.scalars(select(FollowUp)))
        reminders = list(await session.scalars(select(Reminder)))
    assert {f.kind for f in follow_ups} >= {"thank_you"} and all(f.state == "pending" for f in follow_ups)
    assert {r.follow_up_id for r in reminders} == {f.id for f in follow_ups}
    assert all(r.state == "scheduled" and r.attempts == 0 and r.send_after == r.due_at for r in reminders)


async def test_the_stored_drafts_are_read_with_a_draft_row_not_yet_saved_and_without_saving_anything_else(app):
    from tests.support.driver import ChatUser
    from tests.support.scripts import debrief, onboard

    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    async with app.sessions() as session, session.begin():
        interview = await session.scalar(select(Interview))
        person = interview.people[0]
        interview.company = "Acme Robotics"  # unsaved: a read of the drafts leaves it to the turn's flush
        assert await ds.stored(session, [interview.id]) == {}
        assert interview in session.dirty
        row = ds.StoredDraft(
            user_id=interview.user_id, interview_id=interview.id, person_id=person.id, kind="thank_you",
            state="edited", variant=0, subject="Thanks", body="Dear Jane,\n\nThanks.",
        )  # fmt: skip
        session.add(row)  # unsaved too: a read of the drafts must see it, so it saves first
        found = await ds.stored(session, [interview.id])
        assert list(found.values()) == [row] and row.id is not None
        assert interview not in session.dirty
        await session.delete(person)  # unsaved: the database's cascade deletes the person's draft on the flush
        assert await ds.stored(session, [interview.id]) == {}
