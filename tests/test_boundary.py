"""Everything a platform sends is cleaned at the boundary (bot/common/events.py) before the core or the database
sees it: a person whose name carries NUL and escape codes uses the bot normally, on both databases."""

from __future__ import annotations

import signal

import pytest
from sqlalchemy import select
from telegram import Update

from adapters.slack import inbound as slack_inbound
from adapters.telegram.inbound import incoming_from_update
from bot.common.events import MAX_ID, MAX_NAME, MAX_TEXT, Incoming, Who, scrub_line, scrub_text
from bot.store.db import make_sync_engine
from bot.store.models import Reminder, ReminderState, User
from tests.support.driver import ChatUser
from tests.support.fake_telegram import FakeTelegram, environment, finish, start
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard

HOSTILE_NAME = "Ann\x00e\x1b[31m O'Br\u202eien\r\n\x7f"


def test_text_keeps_line_feeds_and_tabs_and_loses_other_controls():
    assert scrub_text("a\x00b\r\nc\rd\te\x1b[0m\x85\ud800f") == "ab\nc\nd\te[0mf"
    assert scrub_text("x" * (MAX_TEXT + 10)) == "x" * MAX_TEXT
    assert scrub_text(None) is None


def test_one_line_fields_lose_breaks_controls_and_bidi_overrides():
    assert scrub_line(HOSTILE_NAME) == "Anne[31m O'Brien"
    assert scrub_line("  a\n\n b\tc  ") == "a b c"
    assert scrub_line("é" * 500) == "é" * MAX_NAME
    assert scrub_line("\x00\x01") == ""


def test_the_boundary_types_clean_whatever_an_adapter_passes():
    who = Who("telegram", "42\x00", HOSTILE_NAME)
    assert (who.user_id, who.name, who.key) == ("42", "Anne[31m O'Brien", "telegram:42")
    assert len(Who("slack", "T" * 1000).user_id) == MAX_ID
    event = Incoming(who, text="hi\x00\r\nthere", action="c:1:all\x00", tz_hint="Europe/Berlin\x00")
    assert (event.text, event.action, event.tz_hint) == ("hi\nthere", "c:1:all\ufffd", "Europe/Berlin")
    # A garbled action stays garbled: cleaning never makes it valid.
    assert Incoming(who, action=" c:1:all\n").action == " c:1:all\ufffd"
    assert Incoming(who, tz_hint="\x00").tz_hint is None


def test_telegram_and_slack_profiles_arrive_clean():
    update = Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": {"id": 42, "type": "private"},
                "from": {"id": 42, "is_bot": False, "first_name": "Ann\x00e", "last_name": "B\x1bob"},
                "text": "/start\x00",
            },
        },
        None,
    )
    event = incoming_from_update(update)
    assert event is not None and (event.who.name, event.text) == ("Anne Bob", "/start")
    clicked = slack_inbound.interaction_who({"user": {"id": "U1", "team_id": "T1", "name": "cy\x00\u202e"}})
    assert (clicked.key, clicked.name) == ("slack:T1:U1", "cy")


async def test_a_user_named_with_control_characters_debriefs_and_gets_reminders(app, clock):
    sender = RecordingSender("telegram")
    app.add_sender(sender)
    ann = ChatUser(app, "4242", "telegram", HOSTILE_NAME, tz_hint="Europe/Berlin\x00")
    await onboard(ann, "Ann\x00e O'Brien")
    await debrief(ann, [("Jane Doe", "Hiring manager", "jane@acme.example", None)], mine=None, theirs=None)
    await ann.taps("Write the drafts")
    ann.expect("Jane Doe")
    async with app.sessions() as session:
        user = await session.scalar(select(User).where(User.key == "telegram:4242"))
    assert (user.display_name, user.name) == ("Anne[31m O'Brien", "Anne O'Brien")
    clock.advance(hours=3)
    assert await app.dispatch_due() >= 1
    assert any("Jane Doe" in text for text in sender.texts("telegram:4242"))
    async with app.sessions() as session:
        states = set(await session.scalars(select(Reminder.state).where(Reminder.sent_at.is_not(None))))
    assert states == {ReminderState.SENT}
    clock.advance(minutes=1)
    await ann.says("/interviews")
    ann.expect("Jane Doe")


# ---- the real process -------------------------------------------------------------------------


@pytest.mark.slow
async def test_the_telegram_process_serves_a_user_named_with_control_characters(settings, tmp_path):
    """`followup-bot telegram` against the fake Bot API, on SQLite and PostgreSQL: a first name with NUL
    and escape codes, a last name with a bidi override; every turn is answered, nothing crashes."""
    async with FakeTelegram() as tg:
        env = environment(tg, tmp_path)
        env["DATABASE_URL"] = settings.resolved_database_url
        process = await start(env, tmp_path)
        try:
            await tg.wait_for(lambda: tg.calls_to("getUpdates"), timeout=30)
            user = tg.user(4343, first_name="Ann\x00e\x1b[2J\x07", last_name="O'Br\u202eien\r\n")
            for text, answer in [
                ("/start", "what name should I sign"),
                ("Ann\x00e O'Brien", "time zone"),
                ("Europe/Lisbon", "Time zone set"),
                ("/new", "Which company"),
                ("Acme\x00 Corp", "role"),
            ]:
                await user.says(text)
                await user.expect(answer, timeout=30)
            assert not [m.text for m in tg.chat(user.id) if "went wrong" in m.text]
        finally:
            process.send_signal(signal.SIGINT)
        code, stderr = await finish(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    engine = make_sync_engine(settings.resolved_database_url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(select(User.display_name, User.name).where(User.key == "telegram:4343")).one()
    finally:
        engine.dispose()
    assert tuple(stored) == ("Anne[2J O'Brien", "Anne O'Brien")
