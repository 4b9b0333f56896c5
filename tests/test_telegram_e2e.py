"""End to end over real HTTP: the real PTB and core against the local fake Bot API, polling and webhook."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from adapters.telegram.run import PollingConflict, TelegramSetupError, run
from tests.support.fake_telegram import (
    SECRET,
    SECRET_HEADER,
    FakeTelegram,
    bot_settings,
    running_bot,
    webhook_settings,
)
from tests.support.scripts import TELEGRAM_DEBRIEF, TELEGRAM_ONBOARDING, play


@pytest.fixture
async def tg():
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture(params=["polling", "webhook"])
def settings(request, tg, tmp_path):
    if request.param == "webhook":
        return webhook_settings(tg, tmp_path)
    return bot_settings(tg, tmp_path / "t.sqlite3")


# ---- conversations ---------------------------------------------------------------------------------


async def test_a_full_debrief_with_two_interviewers(tg, settings):
    async with running_bot(tg, settings) as bot:
        user = tg.user(501, "Ada", "Lovelace")
        await play(user, TELEGRAM_ONBOARDING)
        await play(user, TELEGRAM_DEBRIEF)
        await tg.wait_for(lambda: sum(1 for m in tg.chat(user.id) if m.document) >= 2)  # the documents follow the text

        chat = tg.chat(user.id)
        texts = [m.text for m in chat]
        # User text round-trips through HTML mode intact (the fake parses HTML as strictly as Telegram).
        summary = next(t for t in texts if t.startswith("Here's your debrief"))
        assert "Data Engineer at Acme <Labs> & Co" in summary
        # One draft per interviewer, each personal, and different.
        grace = next(t for t in texts if t.startswith("To: Grace Hopper <grace@example.com>"))
        alan = next(t for t in texts if t.startswith("To: Alan Turing <alan@example.com>"))
        assert grace != alan
        assert "Grace" in grace
        assert "Alan" in alan
        # ...also as .eml documents that open as drafts.
        documents = [m.document for m in chat if m.document]
        assert len(documents) == 2
        assert all(name.endswith(".eml") and mime == "message/rfc822" for name, _, mime in documents)
        assert all(b"X-Unsent: 1" in content for _, content, _ in documents)
        # A tapped question is edited to show the answer, and its buttons are gone.
        mixed = next(m for m in chat if m.text.endswith("→ Mixed"))
        assert mixed.edits == 1
        assert mixed.buttons() == []
        # Every tap was answered exactly once.
        assert tg.answers()
        assert set(tg.answers().values()) == {1}
        # The command menu was set at start-up.
        assert [c["command"] for c in tg.commands][:3] == ["start", "new", "upcoming"]
        if settings.telegram_webhook_url:
            assert tg.webhook["url"] == settings.telegram_webhook_url
            assert tg.webhook["secret_token"] == SECRET
            assert {status for _, status in tg.webhook_posts} == {200}
            assert not tg.calls_to("getUpdates")
        await bot.stop()


async def test_a_stale_button_gets_a_toast_and_changes_nothing(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
        user = tg.user(502)
        await play(user, TELEGRAM_ONBOARDING)
        await user.says("/new")
        await user.expect("Which company")
        await user.says("Acme")
        await user.says("Engineer")
        await user.says("just now")
        await user.says("Grace Hopper")
        await user.says("Lead")
        await user.says("grace@example.com")
        await user.says("/skip")
        await user.says("/skip")
        await user.expect("anyone else")
        old, data = user.find_button("That's everyone")
        await user.taps("That's everyone")
        await user.expect("still open")
        before = len(tg.calls_to("sendMessage", user.id))
        query = await user.taps_data(old, data)  # the same tap again, as from a second device
        await tg.wait_for(lambda: tg.answers()[query])
        answer = tg.calls_to("answerCallbackQuery")[-1]
        assert "out of date" in answer.params["text"] or "can't use" in answer.params["text"]
        await asyncio.sleep(0.3)
        assert len(tg.calls_to("sendMessage", user.id)) == before


async def test_tapping_new_debrief_right_after_onboarding_starts_one(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
        user = tg.user(503)
        await play(user, TELEGRAM_ONBOARDING)
        await user.taps("New debrief")
        await user.expect("Which company", timeout=3)


async def test_photos_get_the_cores_hint(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
        user = tg.user(504)
        await play(user, TELEGRAM_ONBOARDING)
        await user.sends_photo()
        await user.expect("I can only read text")


# ---- webhook ----------------------------------------------------------------------------------------


async def test_webhook_refuses_posts_without_the_right_secret(tg, tmp_path):
    settings = webhook_settings(tg, tmp_path)
    async with running_bot(tg, settings) as bot:
        await bot.core.start()  # the scheduler runs, so the bot reports healthy
        user = tg.user(601)
        for secret in (None, "wrong-secret", SECRET + "x", ""):
            status = await tg.post_webhook(user.message_update("/start"), secret=secret)
            assert status == 403, secret
        await asyncio.sleep(0.3)
        assert not tg.calls_to("sendMessage")  # nothing forged got through
        assert await tg.post_webhook({"update_id": 1, **user.message_update("/start")}, secret=SECRET) == 200
        await user.expect("what name should I sign")
        async with aiohttp.ClientSession() as http:
            url = f"http://127.0.0.1:{settings.port}"
            for path in ("/healthz", "/metrics"):  # the operator's pages are on HEALTH_PORT only
                async with http.get(f"{url}{path}") as response:
                    assert response.status == 404, path
            async with http.post(f"{url}/tg/hook", data=b"not json", headers={SECRET_HEADER: SECRET}) as response:
                assert response.status == 400


async def test_healthz_says_503_when_the_core_is_unwell(tg, tmp_path, monkeypatch):
    settings = webhook_settings(tg, tmp_path)
    async with running_bot(tg, settings) as bot:

        async def unwell() -> dict:
            return {"ok": False}

        monkeypatch.setattr(bot.core, "health_report", unwell)
        port = await bot.core.serve_health(0)
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/healthz") as response:
            assert response.status == 503


@pytest.mark.parametrize("secret", ["", "has spaces", "ünïcode"])
async def test_webhook_mode_needs_a_usable_secret(tg, tmp_path, secret):
    settings = webhook_settings(tg, tmp_path, telegram_webhook_secret=secret)
    with pytest.raises(TelegramSetupError, match="TELEGRAM_WEBHOOK_SECRET"):
        await run(settings)
    assert not tg.calls  # refused before talking to Telegram


async def test_missing_token_is_a_clear_error(tmp_path):
    async with FakeTelegram() as tg:
        settings = bot_settings(tg, tmp_path / "t.sqlite3", telegram_bot_token="")
        with pytest.raises(TelegramSetupError, match="TELEGRAM_BOT_TOKEN"):
            await run(settings)
        settings = bot_settings(tg, tmp_path / "t.sqlite3", telegram_bot_token="999:wrong")
        with pytest.raises(TelegramSetupError, match="refused"):
            await run(settings)


# ---- redelivery and a second poller -------------------------------------------------------------------


async def test_a_redelivered_update_changes_nothing_twice(tg, settings):
    async with running_bot(tg, settings):
        user = tg.user(701)
        await play(user, TELEGRAM_ONBOARDING)
        await user.says("/new")
        await user.expect("Which company")
        update_id = await user.says("Acme")
        await user.expect("What's the role")
        await tg.redeliver(update_id)  # returns once the bot has fetched it again
        await user.says("Engineer")  # answered as the role, not as a second company
        await user.expect("When was the interview")
        roles = [m for m in tg.chat(user.id) if m.text == "What's the role?"]
        assert len(roles) == 1


async def test_a_second_poller_makes_the_first_exit_with_a_clear_message(tg, tmp_path):
    first = bot_settings(tg, tmp_path / "a.sqlite3")
    second = bot_settings(tg, tmp_path / "b.sqlite3")
    async with running_bot(tg, first) as a, running_bot(tg, second):
        with pytest.raises(PollingConflict, match="another process is polling"):
            await asyncio.wait_for(a.task, 10)
        conflict = next(i for i, c in enumerate(tg.calls) if c.status == 409)
        polls_after = [c for c in tg.calls[conflict + 1 :] if c.method == "getUpdates"]
        # The survivor keeps polling; the loser sent nothing more (no loop, no parting poll).
        await asyncio.sleep(1.5)
        assert all(c.status == 200 for c in polls_after)
        assert len([c for c in tg.calls if c.status == 409]) == 1
        user = tg.user(702)
        await user.says("/start")
        await user.expect("what name should I sign")


async def test_a_tap_is_answered_once_even_when_the_core_fails(tg, tmp_path, monkeypatch):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")) as bot:
        user = tg.user(703)
        await play(user, TELEGRAM_ONBOARDING)
        await user.says("/help")
        await user.expect("Here is what I can do")

        async def broken(event):
            raise RuntimeError("database on fire")

        monkeypatch.setattr(bot.core, "handle", broken)
        query = await user.taps("New debrief")
        await user.expect("something went wrong on my side")
        assert tg.answers()[query] == 1
        await user.says("/help")  # the adapter keeps going
        await user.expect("something went wrong on my side")


async def test_after_a_restart_old_buttons_are_answered_and_the_debrief_resumes(tg, tmp_path):
    settings = bot_settings(tg, tmp_path / "t.sqlite3")
    user = tg.user(704)
    async with running_bot(tg, settings):
        await play(user, TELEGRAM_ONBOARDING)
        await user.says("/new")
        await user.says("Acme")
        await user.says("Engineer")
        await user.says("just now")
        await user.says("Grace Hopper")
        await user.says("Lead")
        await user.says("grace@example.com")
        await user.says("/skip")
        await user.says("/skip")
        await user.expect("anyone else")
        old = user.find_button("That's everyone")
        await user.taps("That's everyone")
        await user.expect("still open")
    async with running_bot(tg, settings):  # a new process on the same database
        query = await user.taps_data(*old)
        await tg.wait_for(lambda: tg.answers()[query])
        assert tg.answers()[query] == 1
        await user.says("How they measure quality")  # the debrief goes on where it was
        await user.expect("What challenges")


# ---- a long paste Telegram split in two (issue 19) --------------------------------------------------


async def test_a_paste_split_by_telegram_is_joined_not_stored_as_a_fragment(tg, tmp_path, monkeypatch):
    from sqlalchemy import select

    from adapters.telegram import bot as telegram_bot
    from bot.store.models import Interview

    monkeypatch.setattr(telegram_bot, "JOIN_WINDOW", 0.5)
    settings = bot_settings(tg, tmp_path / "t.sqlite3")
    async with running_bot(tg, settings) as bot:
        user = tg.user(502, "Ada", "Lovelace")
        await play(user, TELEGRAM_ONBOARDING)
        await user.says("/new")
        await user.says("Acme")
        first = "we talked about the data platform and " * 107  # 4,066 characters: Telegram's first part
        await user.says(first[:4066])
        await user.says("and the end of the note, mid-sentence")
        await tg.wait_for(lambda: any("characters long" in (m.text or "") for m in tg.chat(user.id)))
        refusals = [m.text for m in tg.chat(user.id) if "characters long" in (m.text or "")]
        assert len(refusals) == 1 and "4,103 characters" in refusals[0], refusals  # the two parts, as one
        async with bot.core.sessions() as session:
            interview = await session.scalar(select(Interview))
            assert interview.role is None  # neither part stored as the answer
        # A long message with no continuation is answered on its own once the window is over.
        await user.says("x" * 4050)
        await tg.wait_for(lambda: sum("characters long" in (m.text or "") for m in tg.chat(user.id)) == 2)
