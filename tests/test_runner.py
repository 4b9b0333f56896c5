"""`followup-bot run`: every configured adapter on one core and one scheduler."""

from __future__ import annotations

import asyncio

import pytest

from adapters.runner import configured, run_all
from bot.service.config import Settings
from tests.support.fake_telegram import FakeTelegram, bot_settings


def test_only_configured_platforms_run_and_port_clashes_are_refused():
    assert configured(Settings(_env_file=None)) == []
    both = Settings(telegram_bot_token="1:x", slack_bot_token="xoxb-1", slack_app_token="xapp-1", _env_file=None)
    assert configured(both) == ["telegram", "slack"]
    clash = Settings(
        telegram_bot_token="1:x",
        telegram_webhook_url="https://x.example/tg",
        slack_bot_token="xoxb-1",
        slack_signing_secret="s",
        _env_file=None,
    )
    with pytest.raises(RuntimeError, match="both listen on PORT"):
        configured(clash)


async def test_nothing_configured_is_a_clear_error():
    with pytest.raises(RuntimeError, match="No adapter is configured"):
        await run_all(Settings(_env_file=None))


async def test_run_serves_a_configured_telegram_bot(tmp_path):
    async with FakeTelegram() as tg:
        task = asyncio.create_task(run_all(bot_settings(tg, tmp_path / "r.sqlite3")))
        try:
            user = tg.user(77)
            await tg.wait_for(lambda: tg.calls_to("setMyCommands"), timeout=20)
            await user.says("/start")
            await user.expect("what name")
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
