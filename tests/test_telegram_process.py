"""`followup-bot telegram` as a real process against the fake Bot API: as a new user would run it."""

from __future__ import annotations

import signal

import pytest

from tests.support.fake_telegram import SECRET, FakeTelegram, environment, finish, start
from tests.support.processes import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
async def tg():
    async with FakeTelegram() as fake:
        yield fake


async def test_polling_carries_a_conversation_and_stops_cleanly_on_sigint(tg, tmp_path):
    process = await start(environment(tg, tmp_path), tmp_path)
    try:
        await tg.wait_for(lambda: tg.calls_to("getUpdates"), timeout=30)
        user = tg.user(901)
        await user.says("/start")
        await user.expect("what name should I sign", timeout=15)
        await user.says("Ada")
        await user.says("Europe/Lisbon")
        await user.says("/new")
        await user.expect("Which company")
        assert tg.commands[0]["command"] == "start"
    finally:
        process.send_signal(signal.SIGINT)
    code, stderr = await finish(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr


async def test_a_second_poller_stops_the_first_with_a_clear_message(tg, tmp_path):
    first = await start(environment(tg, tmp_path), tmp_path)
    await tg.wait_for(lambda: tg.calls_to("getUpdates"), timeout=30)
    second = await start(environment(tg, tmp_path), tmp_path)
    try:
        code, stderr = await finish(first, timeout=30)
        assert code == 1
        assert "409 Conflict" in stderr
        assert "another process is polling" in stderr
        assert "Traceback" not in stderr
        user = tg.user(902)  # the second one carries on
        await user.says("/start")
        await user.expect("what name should I sign", timeout=15)
    finally:
        second.send_signal(signal.SIGINT)
        await finish(second)


async def test_webhook_mode_without_a_secret_exits_with_a_clear_message(tg, tmp_path):
    env = environment(tg, tmp_path, TELEGRAM_WEBHOOK_URL=f"https://bot.example.com:{free_port()}/tg")
    code, stderr = await finish(await start(env, tmp_path))
    assert code == 2  # a setting to fix: the unit does not restart it (RestartPreventExitStatus=2)
    assert "TELEGRAM_WEBHOOK_SECRET is required" in stderr
    assert "Traceback" not in stderr
    assert not tg.calls


async def test_webhook_mode_as_a_process(tg, tmp_path):
    port = free_port()
    env = environment(
        tg,
        tmp_path,
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/tg/hook",
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        HOST="127.0.0.1",
        PORT=str(port),
    )
    process = await start(env, tmp_path)
    try:
        await tg.wait_for(lambda: tg.webhook.get("url"), timeout=30)
        user = tg.user(903)
        assert await tg.post_webhook(user.message_update("/start"), secret="forged") == 403
        await user.says("/start")
        await user.expect("what name should I sign", timeout=15)
    finally:
        process.send_signal(signal.SIGINT)
    code, stderr = await finish(process)
    assert code == 0, stderr
