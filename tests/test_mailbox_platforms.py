"""The mailbox password on each platform: Telegram deletes the message carrying it; Slack asks for it in a
modal, so it never sits in the DM history. No mail server is needed: a refused connection is enough to see
where the password went (the check itself is tested against real servers in test_mailbox_chat.py)."""

from __future__ import annotations

import socket

from cryptography.fernet import Fernet

from tests.support.fake_telegram import FakeTelegram, bot_settings, running_bot
from tests.support.scripts import TELEGRAM_ONBOARDING, play

PASSWORD = "tg-app-pw-7731"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_telegram_deletes_the_password_message_and_never_shows_it(tmp_path):
    async with FakeTelegram() as tg:
        settings = bot_settings(tg, tmp_path / "t.sqlite3", FOLLOWUP_SECRET_KEY=Fernet.generate_key().decode())
        async with running_bot(tg, settings):
            user = tg.user(601, "Ana", "Silva")
            await play(user, TELEGRAM_ONBOARDING)
            await user.says("/mailbox")
            await user.expect("Which email address")
            await user.says("ana@mail.example")
            await user.expect("sending (SMTP) server")
            await user.says(f"127.0.0.1:{closed_port()} starttls")
            await user.expect("reading (IMAP) server")
            await user.says(f"127.0.0.1:{closed_port()}")
            await user.expect("user name")
            await user.says("ana")
            await user.expect("app password", "I delete your message")
            await user.says(PASSWORD)
            carried = user.last_message_id
            await user.expect("couldn't connect, so nothing was saved", "can't reach the sending server 127.0.0.1")
            assert (user.id, carried) in tg.deleted
            assert tg.deleted == [(user.id, carried)], "only the password message is deleted"
            assert all(PASSWORD not in m.text for m in tg.chat(user.id))
            # The next answer (an ordinary one) is left alone.
            await user.says("/cancel")
            await user.expect("Mailbox setup stopped")
            assert tg.deleted == [(user.id, carried)]
