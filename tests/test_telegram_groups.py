"""Telegram groups and deep links, against the local fake Bot API: the bot works in private chats only."""

from __future__ import annotations

import asyncio

import pytest

from adapters.telegram.inbound import deep_link_command
from tests.support.fake_telegram import BOT_USERNAME, FakeTelegram, bot_settings, running_bot

GROUP = -1001234567890


@pytest.fixture
async def tg():
    async with FakeTelegram() as fake:
        yield fake


def notices(tg: FakeTelegram, chat_id: int) -> list:
    return [m for m in tg.chat(chat_id) if "private chat" in m.text]


async def test_in_a_group_the_bot_says_once_that_it_works_in_a_private_chat_with_a_button_to_it(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "g.sqlite3")):
        ada, bob = tg.user(11), tg.user(12, "Bob", "Stone")
        await ada.adds_bot_to_group(GROUP)
        await tg.wait_for(lambda: notices(tg, GROUP))
        (notice,) = notices(tg, GROUP)
        ((button,),) = notice.reply_markup["inline_keyboard"]
        assert button["url"] == f"https://t.me/{BOT_USERNAME}?start=group"
        assert "callback_data" not in button

        await bob.says_in_group(GROUP, "/new")
        await ada.says_in_group(GROUP, f"/interviews@{BOT_USERNAME}")
        await ada.says("/start group")  # the button opens the private chat with this
        await ada.expect("what name should I sign")
        await asyncio.sleep(0.3)
        assert len(tg.chat(GROUP)) == 1  # once per group, and nothing of the debrief in the group
        assert not tg.chat(bob.id)  # Bob has not opened a private chat: nothing is sent to him

        # A new group gets its own notice (the first message there, without being added first).
        await bob.says_in_group(GROUP - 1, "hello bot")
        await tg.wait_for(lambda: notices(tg, GROUP - 1))


async def test_the_command_menu_shows_in_private_chats_only(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "m.sqlite3")):
        await tg.wait_for(lambda: tg.calls_to("setMyCommands"))
        assert {c["command"] for c in tg.menu_in("private")} >= {"start", "new", "interviews", "export"}
        assert tg.menu_in("supergroup") == []
        assert tg.menu_in("group") == []


async def test_start_with_a_payload(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "d.sqlite3")):
        ada = tg.user(21)
        await ada.says("/start new")  # t.me/<bot>?start=new on first use: set up first, then the debrief
        await ada.expect("what name should I sign")
        await ada.says("Ada Lovelace")
        await ada.says("Europe/Lisbon")
        await ada.expect("company")
        await ada.says("/cancel")
        await ada.says("/start new")  # and later straight into a new debrief
        await ada.expect("company")
        await ada.says("/cancel")
        await ada.says("/start some-campaign")  # an unknown payload is a plain /start
        await ada.expect("What would you like to do?")


def test_deep_link_payloads():
    assert deep_link_command("/start new") == "/new"
    assert deep_link_command("/start upcoming") == "/upcoming"
    assert deep_link_command("/start group") == "/start"
    assert deep_link_command("/start") == "/start"
    assert deep_link_command("/newer start") == "/newer start"
    assert deep_link_command("start new") == "start new"
