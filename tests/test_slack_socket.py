"""Socket Mode end to end: the real slack_sdk client against a local fake WebSocket server."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import pytest

from adapters.slack.bot import SlackBot
from adapters.slack.run import SlackSetupError, run, start_socket_mode
from bot.app import Followup
from bot.common.clock import FakeClock
from tests.support.fake_slack import SECRET, START, FakeSlack, SlackSide, settings_for, unescape
from tests.support.processes import free_port


@pytest.fixture
async def socket_bot(tmp_path):
    fake = await FakeSlack().start()
    settings = settings_for(fake, tmp_path).model_copy(
        update={"slack_app_token": "xapp-1-test", "slack_signing_secret": ""}
    )
    app = await Followup.create(settings, clock=FakeClock(START))
    bot = SlackBot(app, settings, pace_seconds=0)
    app.add_sender(bot.sender)
    handler = await start_socket_mode(bot, settings.slack_app_token)
    yield fake, bot, SlackSide("unused", "unused", fake)
    await handler.close_async()
    await bot.drain()
    await app.stop()
    await fake.stop()


def said(fake: FakeSlack) -> str:
    return "\n".join(unescape(m.section_text) for m in fake.messages("DU1"))


async def test_socket_mode_connects_with_the_app_token_and_carries_a_conversation(socket_bot):
    fake, bot, side = socket_bot
    assert fake.connections_opened == 1
    assert fake.called("apps.connections.open")[0].token == "xapp-1-test"

    envelope = await fake.push("events_api", side.event_body(side.dm_event("U1", "hi"), event_id="Ev1"))
    ack = await fake.ack(envelope)  # within Slack's 3 seconds
    assert ack["envelope_id"] == envelope
    await bot.drain()
    assert "what name" in said(fake)

    # Slack redelivers an envelope it thinks was lost: handled once.
    before = len(fake.called("chat.postMessage"))
    again = await fake.push("events_api", side.event_body(side.dm_event("U1", "hi"), event_id="Ev1"), retry_attempt=1)
    await fake.ack(again)
    await bot.drain()
    assert len(fake.called("chat.postMessage")) == before

    await fake.ack(await fake.push("events_api", side.event_body(side.dm_event("U1", "Ada"))))
    await bot.drain()
    assert "Europe/Berlin" in said(fake)  # the time zone users.info gave

    # A button tap arrives as an interactive envelope and updates the message it came from.
    message = next(m for m in reversed(fake.messages("DU1")) if m.buttons)
    tap = side.click_payload("U1", message, message.button("Keep"))
    await fake.ack(await fake.push("interactive", tap))
    await bot.drain()
    assert message.updates == 1
    assert "→ Keep Europe/Berlin" in unescape(message.section_text)


async def test_socket_mode_slash_command_and_form(socket_bot):
    fake, bot, side = socket_bot
    command = {
        "team_id": "T1",
        "user_id": "U1",
        "user_name": "ada",
        "command": "/followup",
        "text": "form",
        "channel_id": "C1",
        "api_app_id": "A1",
        "response_url": fake.response_url(),
        "trigger_id": "trig.1",
    }
    await fake.ack(await fake.push("slash_commands", command))
    await bot.drain()
    [view] = fake.modals
    # An empty form submission is refused on the form itself (the ack carries the errors).
    submission = side.submission_payload("U1", view, {})
    ack = await fake.ack(await fake.push("interactive", submission))
    assert ack["payload"]["response_action"] == "errors"
    assert ack["payload"]["errors"]


async def test_start_socket_mode_refuses_a_bot_token_as_app_token(socket_bot):
    _, bot, _ = socket_bot
    with pytest.raises(SlackSetupError, match="xapp-"):
        await start_socket_mode(bot, "xoxb-not-an-app-token")


# `followup-bot slack` calls adapters.slack.run.run(settings): both modes, until cancelled. -------------


async def run_until_ready(settings, app) -> asyncio.Task:
    ready = asyncio.Event()
    task = asyncio.create_task(run(settings, core=app, ready=ready, pace_seconds=0))
    done, _ = await asyncio.wait([task, asyncio.create_task(ready.wait())], return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        task.result()  # raises what went wrong
    return task


async def stop(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_run_in_socket_mode_answers_until_cancelled(tmp_path):
    fake = await FakeSlack().start()
    settings = settings_for(fake, tmp_path).model_copy(
        update={"slack_app_token": "xapp-1-test", "slack_signing_secret": ""}
    )
    app = await Followup.create(settings, clock=FakeClock(START))
    side = SlackSide("unused", "unused", fake)
    try:
        task = await run_until_ready(settings, app)
        assert fake.called("auth.test")  # the token was checked at start-up
        await fake.ack(await fake.push("events_api", side.event_body(side.dm_event("U1", "hi"))))
        await fake.wait_until(lambda: fake.messages("DU1"))
        await fake.wait_until(lambda: any("what name" in m.section_text for m in fake.messages("DU1")))
        await stop(task)
        assert fake.socket is not None
        await fake.wait_until(lambda: fake.socket.closed)
    finally:
        await app.stop()
        await fake.stop()


async def test_run_in_http_mode_serves_signed_requests_and_nothing_else(tmp_path):
    fake = await FakeSlack().start()
    port = free_port()
    settings = settings_for(fake, tmp_path, host="127.0.0.1", port=port)
    app = await Followup.create(settings, clock=FakeClock(START))
    side = SlackSide(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
    try:
        task = await run_until_ready(settings, app)
        status, _, _ = await side.dm("U1", "hi")
        assert status == 200
        await fake.wait_until(lambda: any("what name" in m.section_text for m in fake.messages("DU1")))
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
            assert response.status == 404  # the operator's pages are on HEALTH_PORT, never beside the callbacks
        await stop(task)
        with pytest.raises(aiohttp.ClientConnectionError):
            await side.dm("U1", "still there?")
    finally:
        await side.close()
        await app.stop()
        await fake.stop()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slack_bot_token": ""}, "SLACK_BOT_TOKEN"),
        ({"slack_bot_token": "xoxp-user-token"}, "xoxb-"),
        ({"slack_app_token": "xoxb-wrong"}, "xapp-"),
        ({"slack_signing_secret": ""}, "SLACK_SIGNING_SECRET"),
    ],
)
async def test_run_refuses_settings_that_cannot_work(tmp_path, changes, message):
    fake = FakeSlack()
    settings = settings_for(fake, tmp_path).model_copy(update=changes)
    with pytest.raises(SlackSetupError, match=message):
        await run(settings)


async def test_run_refuses_a_token_slack_rejects(tmp_path):
    fake = await FakeSlack().start()
    settings = settings_for(fake, tmp_path, port=free_port())
    app = await Followup.create(settings, clock=FakeClock(START))
    fake.fail("auth.test", 200, error="invalid_auth")
    try:
        with pytest.raises(SlackSetupError, match="invalid_auth"):
            await run(settings, core=app)
    finally:
        await app.stop()
        await fake.stop()
