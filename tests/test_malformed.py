"""Malformed payloads at each adapter's entry point: answered without a crash, nothing changed."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.store.models import User
from tests.support.fake_slack import FakeSlack, running_slack
from tests.support.fake_telegram import SECRET, SECRET_HEADER, FakeTelegram, running_bot, webhook_settings

TELEGRAM_BODIES = [
    b"{",  # truncated JSON
    b'{"update_id": 1, "message": {"message_id": 1, "chat": {"id": 5, "type": "private"}',
    b"[]",  # not an object
    b'"just a string"',
    b'{"update_id": "not a number"}',
    b'{"update_id": 2}',  # no content at all
    b'{"update_id": 3, "message": {"text": 5}}',  # missing fields, wrong types
    b'{"update_id": 4, "message": {"message_id": "x", "date": "y", "chat": 7, "text": ["a"]}}',
    b'{"update_id": 5, "callback_query": {"id": "q1", "from": {"id": 9}}}',  # no data, no chat_instance
    b'{"update_id": 6, "poll": {"id": "p", "question": "?", "options": []}}',  # a kind we do not handle
    b'{"update_id": 7, "business_connection": {"id": "b"}}',
    b"\xff\xfe not utf-8",
]


async def users(app) -> int:
    async with app.sessions() as session:
        return await session.scalar(select(func.count()).select_from(User))


async def test_telegram_webhook_survives_malformed_updates(tmp_path):
    async with FakeTelegram() as tg:
        settings = webhook_settings(tg, tmp_path)
        async with running_bot(tg, settings) as bot, aiohttp.ClientSession() as http:
            for body in TELEGRAM_BODIES:
                async with http.post(
                    settings.telegram_webhook_url,
                    data=body,
                    headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"},
                ) as response:
                    assert response.status < 500, (body, response.status)
            assert await users(bot.core) == 0
            assert not tg.calls_to("sendMessage")
            user = tg.user(42)
            await user.says("/start")  # still alive and answering
            await user.expect("what name")


SLACK_BODIES = [
    ("{", "application/json"),
    ("[]", "application/json"),
    ('{"type": "event_callback"}', "application/json"),  # no event
    (
        '{"type": "event_callback", "team_id": "T1", "event": {"type": "message", "user": 5, "text": ["x"]}}',
        "application/json",
    ),
    (
        '{"type": "event_callback", "team_id": "T1", "event": {"type": "message", "channel_type": "im"}}',
        "application/json",
    ),
    ('{"type": "something_new", "team_id": "T1"}', "application/json"),
    (urlencode({"payload": "{"}), "application/x-www-form-urlencoded"),  # truncated interactivity JSON
    (
        urlencode({"payload": json.dumps({"type": "block_actions", "user": {}, "actions": "no"})}),
        "application/x-www-form-urlencoded",
    ),
    (
        urlencode({"payload": json.dumps({"type": "view_submission", "user": {"id": "U1"}, "view": 5})}),
        "application/x-www-form-urlencoded",
    ),
    (urlencode({"command": "/followup"}), "application/x-www-form-urlencoded"),  # no user, no team
    ("not=a&real=request", "application/x-www-form-urlencoded"),
]


@pytest.mark.parametrize(("body", "content_type"), SLACK_BODIES)
async def test_slack_endpoint_survives_malformed_payloads(tmp_path, body, content_type):
    fake = await FakeSlack().start()
    try:
        async with running_slack(fake, tmp_path) as slack:
            status, _, _ = await slack.side.post(body, content_type)
            await slack.bot.drain()
            assert status < 500, (body, status)
            assert await users(slack.app) == 0
            assert not fake.messages("DU1")
            (await slack.ada.says("hi")).expect("what name")  # still alive and answering
    finally:
        await fake.stop()
