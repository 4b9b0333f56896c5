"""Slack failing as networks do, and workspaces leaving: 5xx answers and connections dropped mid-reply are
retried by the Web API client (slack_sdk's retry handlers); a reminder Slack never takes ends as failed,
logged, and the user is told once; app_uninstalled and tokens_revoked erase the workspace's tokens and
stop its reminders. All through the signed HTTP endpoint, against the local fake."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import select

from adapters.slack.bot import SlackBot
from adapters.slack.oauth import oauth_settings
from adapters.slack.run import start_http
from bot.app import Followup
from bot.common.clock import FakeClock
from bot.store.models import FollowUp, FollowUpKind, Interview, InterviewStatus, Person, Reminder, ReminderState, User
from tests.support.fake_slack import SECRET, START, FakeSlack, SlackSide, settings_for, unescape
from tests.support.fake_slack import running_slack as running
from tests.support.scripts import debrief, onboard


@pytest.fixture
async def fake():
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


def said(fake: FakeSlack, channel: str = "DU1") -> list[str]:
    return [unescape(m.section_text or m.text) for m in fake.messages(channel)]


# ---- retries inside the client ----------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_a_5xx_during_a_reply_still_delivers_it_once(fake, tmp_path, status):
    async with running(fake, tmp_path) as slack:
        fake.fail("chat.postMessage", status, times=2)
        (await slack.ada.says("hi")).expect("what name")
        assert sum("what name" in text for text in said(fake)) == 1
        assert len(fake.called("chat.postMessage")) == len(fake.messages("DU1")) + 2


async def test_a_connection_reset_before_slack_acted_is_retried_and_delivers_once(fake, tmp_path):
    async with running(fake, tmp_path) as slack:
        fake.drop("chat.postMessage", times=2, processed=False)
        (await slack.ada.says("hi")).expect("what name")
        assert sum("what name" in text for text in said(fake)) == 1


async def test_a_reply_cut_off_midway_is_retried_and_still_arrives(fake, tmp_path):
    """Slack posted it, then the answer was lost: the retry posts it again. chat.postMessage has no
    idempotency key, so this is the one repeat the README documents."""
    async with running(fake, tmp_path) as slack:
        fake.drop("chat.postMessage", times=1, processed=True)
        (await slack.ada.says("hi")).expect("what name")
        texts = said(fake)
        assert texts[0] == texts[1] and len(texts) == len(set(texts)) + 1  # the first message, twice


async def test_a_reminder_slack_never_takes_ends_failed_logged_and_the_user_is_told_once(fake, tmp_path, caplog):
    async with running(fake, tmp_path, FOLLOWUP_MAX_DELIVERY_ATTEMPTS=2) as slack:
        await onboard(slack.ada)
        await debrief(slack.ada, write_drafts=True)
        async with slack.app.sessions() as session:
            [first, *_] = (await session.scalars(select(Reminder).order_by(Reminder.send_after))).all()
        # Every call for a while answers 500: the reminders, and the notice about them.
        fake.fail("chat.postMessage", 500, times=1000)
        slack.clock.now = first.send_after
        with caplog.at_level(logging.WARNING, logger="bot.followups.dispatch"):
            assert await slack.app.dispatch_due() == 0
            slack.clock.advance(minutes=1)
            assert await slack.app.dispatch_due() == 0
        async with slack.app.sessions() as session:
            failed = (await session.scalars(select(Reminder).where(Reminder.state == ReminderState.FAILED))).all()
        assert failed and all(r.attempts == 2 and "500" in r.last_error and not r.failure_told for r in failed)
        lines = [r for r in caplog.records if r.levelno >= logging.ERROR and "failed for good" in r.getMessage()]
        assert len(lines) == len(failed) and all(
            "Slack answered 500" in r.reason and r.kind for r in lines
        )  # fields, not text
        slack.clock.advance(hours=1)
        assert await slack.app.dispatch_due() == 0  # never tried again
        # Slack works again; the user writes and is told, once.
        fake._failures.clear()
        (await slack.ada.commands("help")).expect("I tried several times", "Jane Doe")
        (await slack.ada.commands("help")).expect("interviews")
        assert sum("I tried several times" in text for text in said(fake)) == len(failed)


# ---- workspaces leaving -------------------------------------------------------------------------


@pytest.fixture
async def installed(tmp_path):
    fake = await FakeSlack().start()
    fake.users["U5"] = {"id": "U5", "name": "kenji", "tz": "Asia/Tokyo", "profile": {"display_name": "Kenji"}}
    settings = settings_for(fake, tmp_path).model_copy(
        update={"slack_bot_token": "", "slack_client_id": "111.222", "slack_client_secret": "shh"}
    )
    clock = FakeClock(START)
    app = await Followup.create(settings, clock=clock)
    oauth = await oauth_settings(settings, app.engine)
    bot = SlackBot(app, settings, oauth=oauth, pace_seconds=0)
    app.add_sender(bot.sender)
    runner, port = await start_http(bot, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        for team in ("T2", "T3"):
            await install(fake, base, http, team, f"xoxb-{team.lower()}")
    sides = {team: SlackSide(f"{base}/slack/events", SECRET, fake, team=team) for team in ("T2", "T3")}
    try:
        for team, side in sides.items():
            await side.dm("U5", "hi", event_id=f"Ev{team}hi")  # Kenji uses the bot in both workspaces
        await bot.drain()
        yield fake, app, bot, sides, oauth.installation_store, clock
    finally:
        for side in sides.values():
            await side.close()
        await bot.drain()
        await runner.cleanup()
        await app.stop()
        await fake.stop()


async def install(fake: FakeSlack, base: str, http: aiohttp.ClientSession, team: str, token: str) -> None:
    async with http.get(f"{base}/slack/install") as page:
        state = re.search(r"state=([\w-]+)", await page.text()).group(1)
    fake.oauth_codes["code-" + team] = (team, token)
    cookie = {"Cookie": f"slack-app-oauth-state={state}"}
    async with http.get(f"{base}/slack/oauth_redirect?code=code-{team}&state={state}", headers=cookie) as done:
        assert done.status == 200


async def plant_reminders(app: Followup, clock: FakeClock) -> None:
    """A due thank-you reminder for each Slack user."""
    async with app.sessions() as session, session.begin():
        for user in (await session.scalars(select(User).where(User.platform == "slack"))).all():
            interview = Interview(user_id=user.id, status=InterviewStatus.ACTIVE, company="Acme", role="Engineer")
            interview.people.append(Person(name="Jane Doe", email="jane@acme.example"))
            session.add(interview)
            await session.flush()
            step = FollowUp(
                user_id=user.id,
                interview_id=interview.id,
                person_id=interview.people[0].id,
                kind=FollowUpKind.THANK_YOU,
            )
            session.add(step)
            await session.flush()
            due = clock() - timedelta(minutes=1)
            session.add(Reminder(user_id=user.id, follow_up_id=step.id, platform="slack", due_at=due, send_after=due))


async def state_of(app: Followup) -> dict[str, tuple[bool, list[str]]]:
    async with app.sessions() as session:
        users = (await session.scalars(select(User).where(User.platform == "slack"))).all()
        reminders = (await session.execute(select(Reminder.user_id, Reminder.state))).all()
    return {u.key: (u.active, [state for uid, state in reminders if uid == u.id]) for u in users}


async def test_app_uninstalled_erases_the_workspace_tokens_and_stops_its_reminders(installed):
    fake, app, bot, sides, store, clock = installed
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is not None
    status, _, _ = await sides["T2"].event({"type": "app_uninstalled"})
    assert status == 200
    await bot.drain()
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_installation(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T3") is not None  # the other one stays

    await plant_reminders(app, clock)
    posts = len(fake.called("chat.postMessage"))
    assert await app.dispatch_due() == 1  # T3's only
    assert [c.token for c in fake.called("chat.postMessage")[posts:]] == ["xoxb-t3"]
    states = await state_of(app)
    assert states["slack:T2:U5"] == (False, [ReminderState.SCHEDULED])  # paused, kept, not failing
    assert states["slack:T3:U5"] == (True, [ReminderState.SENT])
    clock.advance(hours=5)
    assert await app.dispatch_due() == 0


async def test_tokens_revoked_erases_the_revoked_tokens_and_stops_reminders_when_the_bot_token_went(installed):
    _fake, app, bot, sides, store, clock = installed
    # Only a user's token: the bot still works there, nothing stops.
    await sides["T3"].event({"type": "tokens_revoked", "tokens": {"oauth": ["U5"]}})
    await bot.drain()
    assert await store.async_find_bot(enterprise_id=None, team_id="T3") is not None
    # The bot token: erased, and the workspace's reminders stop.
    await sides["T2"].event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}})
    await bot.drain()
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is None
    await plant_reminders(app, clock)
    assert await app.dispatch_due() == 1
    states = await state_of(app)
    assert states["slack:T2:U5"] == (False, [ReminderState.SCHEDULED])
    assert states["slack:T3:U5"] == (True, [ReminderState.SENT])


async def test_a_reinstalled_workspace_gets_its_reminders_once_its_people_start_again(installed):
    """Like a user who had blocked the bot: the reminders wait for `/followup start`."""
    fake, app, bot, sides, _store, clock = installed
    await sides["T2"].event({"type": "app_uninstalled"})
    await bot.drain()
    await plant_reminders(app, clock)
    assert await app.dispatch_due() == 1
    async with aiohttp.ClientSession() as http:
        base = sides["T2"].endpoint.removesuffix("/slack/events")
        await install(fake, base, http, "T2", "xoxb-t2-new")
    await sides["T2"].command("U5", "start")
    await bot.drain()
    assert await app.dispatch_due() == 1
    assert fake.called("chat.postMessage")[-1].token == "xoxb-t2-new"
