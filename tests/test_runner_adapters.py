"""`followup-bot run` asks each adapter whether it is configured: an OAuth-only Slack app is started too."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import aiohttp
import pytest

from adapters.runner import configured, run_all
from adapters.slack import run as slack
from adapters.telegram import run as telegram
from bot.service.config import Settings
from tests.support.fake_slack import SECRET, FakeSlack


def test_each_adapter_decides_whether_it_is_configured():
    oauth_only = Settings(
        slack_client_id="111.222", slack_client_secret="shh", slack_signing_secret="x", _env_file=None
    )
    assert slack.is_configured(oauth_only) and not telegram.is_configured(oauth_only)
    assert configured(oauth_only) == ["slack"]
    # Half an OAuth app still counts, so Slack's own check can say what is missing instead of "nothing configured".
    half = Settings(slack_client_id="111.222", _env_file=None)
    assert configured(half) == ["slack"]
    with pytest.raises(slack.SlackSetupError, match="SLACK_CLIENT_SECRET"):
        slack.check_settings(half)


async def test_run_starts_an_oauth_only_slack_app(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fake = await FakeSlack().start()
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 'oauth.sqlite3'}",
        FOLLOWUP_DATA_DIR=tmp_path,
        slack_client_id="111.222",
        slack_client_secret="shh",
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        host="127.0.0.1",
        port=port,
    )
    task = asyncio.create_task(run_all(settings))
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with http.get(f"http://127.0.0.1:{port}/slack/install") as page:
                        assert page.status == 200
                        assert "https://slack.com/oauth/v2/authorize" in await page.text()
                        break
                assert not task.done(), task.exception()
                await asyncio.sleep(0.05)
            else:
                pytest.fail("the OAuth install page never answered")
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await fake.stop()
