"""Installation in several workspaces through OAuth: bolt's install pages, the SQLAlchemy stores, per-team tokens."""

from __future__ import annotations

import re

import aiohttp
import pytest

from adapters.slack.bot import SlackBot
from adapters.slack.oauth import SCOPES, oauth_settings
from adapters.slack.run import SlackSetupError, check_settings, start_http
from bot.app import Followup
from bot.common.clock import FakeClock
from bot.common.events import Reply, UserUnreachable
from tests.support.fake_slack import SECRET, START, FakeSlack, SlackSide, settings_for, unescape


@pytest.fixture
async def installed(tmp_path):
    fake = await FakeSlack().start()
    fake.users["U5"] = {"id": "U5", "name": "kenji", "tz": "Asia/Tokyo", "profile": {"display_name": "Kenji"}}
    settings = settings_for(fake, tmp_path).model_copy(
        update={"slack_bot_token": "", "slack_client_id": "111.222", "slack_client_secret": "shh"}
    )
    app = await Followup.create(settings, clock=FakeClock(START))
    bot = SlackBot(app, settings, oauth=await oauth_settings(settings, app.engine), pace_seconds=0)
    app.add_sender(bot.sender)
    runner, port = await start_http(bot, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        yield fake, bot, base, http
    await bot.drain()
    await runner.cleanup()
    await app.stop()
    await fake.stop()


async def install(fake: FakeSlack, base: str, http: aiohttp.ClientSession, team: str, token: str) -> int:
    """Click "Add to Slack" and come back from Slack's consent page with a code, as a browser would."""
    async with http.get(f"{base}/slack/install") as page:
        assert page.status == 200
        html = await page.text()
    assert "https://slack.com/oauth/v2/authorize" in html
    assert "scope=" + "%2C".join(s.replace(":", "%3A") for s in SCOPES) in html or ",".join(SCOPES) in html
    state = re.search(r"state=([\w-]+)", html).group(1)
    fake.oauth_codes["code-" + team] = (team, token)
    cookie = {"Cookie": f"slack-app-oauth-state={state}"}
    async with http.get(f"{base}/slack/oauth_redirect?code=code-{team}&state={state}", headers=cookie) as done:
        return done.status


async def test_a_workspace_installs_the_app_and_its_people_chat_with_its_token(installed):
    fake, bot, base, http = installed
    assert await install(fake, base, http, "T2", "xoxb-t2") == 200
    [exchange] = fake.called("oauth.v2.access")
    assert exchange.args["code"] == "code-T2"

    kenji = SlackSide(f"{base}/slack/events", SECRET, fake, team="T2")
    try:
        status, _, _ = await kenji.dm("U5", "hi")
        assert status == 200
        await bot.drain()
    finally:
        await kenji.close()
    said = "\n".join(unescape(m.section_text) for m in fake.messages("DU5"))
    assert "what name" in said
    assert {c.token for c in fake.called("chat.postMessage")} == {"xoxb-t2"}
    assert {c.token for c in fake.called("users.info")} == {"xoxb-t2"}

    # Reminders use the workspace's token too; a workspace without the app is unreachable.
    await bot.sender.deliver("slack:T2:U5", [Reply("A reminder")])
    assert fake.last("DU5").text == "A reminder"
    assert fake.called("chat.postMessage")[-1].token == "xoxb-t2"
    with pytest.raises(UserUnreachable):
        await bot.sender.deliver("slack:T9:U5", [Reply("nobody installed me there")])


async def test_an_install_state_works_once_and_a_workspace_without_the_app_gets_nothing(installed):
    fake, bot, base, http = installed
    async with http.get(f"{base}/slack/install") as page:
        state = re.search(r"state=([\w-]+)", await page.text()).group(1)
    fake.oauth_codes["code-a"] = ("T2", "xoxb-t2")
    fake.oauth_codes["code-b"] = ("T3", "xoxb-t3")
    cookie = {"Cookie": f"slack-app-oauth-state={state}"}
    async with http.get(f"{base}/slack/oauth_redirect?code=code-a&state={state}", headers=cookie) as first:
        assert first.status == 200
    async with http.get(f"{base}/slack/oauth_redirect?code=code-b&state={state}", headers=cookie) as replay:
        assert replay.status >= 400
    assert [c.args["code"] for c in fake.called("oauth.v2.access")] == ["code-a"]

    stranger = SlackSide(f"{base}/slack/events", SECRET, fake, team="T7")
    try:
        await stranger.dm("U1", "hi")
        await bot.drain()
    finally:
        await stranger.close()
    assert fake.called("chat.postMessage") == []


def test_oauth_settings_are_checked(tmp_path):
    fake = FakeSlack()
    base = settings_for(fake, tmp_path).model_copy(update={"slack_bot_token": ""})
    with pytest.raises(SlackSetupError, match="both"):
        check_settings(base.model_copy(update={"slack_client_id": "1"}))
    with pytest.raises(SlackSetupError, match="HTTP mode"):
        check_settings(base.model_copy(update={"slack_client_id": "1", "slack_client_secret": "2",
                                               "slack_app_token": "xapp-1"}))  # fmt: skip
    check_settings(base.model_copy(update={"slack_client_id": "1", "slack_client_secret": "2"}))
