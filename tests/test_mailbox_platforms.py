"""The mailbox password on each platform: Telegram deletes the message carrying it; Slack asks for it in a
modal, so it never sits in the DM history. No mail server is needed: a refused connection is enough to see
where the password went (the check itself is tested against real servers in test_mailbox_chat.py)."""

from __future__ import annotations

import io
import json
import os
import pty
import socket
import termios

from cryptography.fernet import Fernet

from adapters.slack.outbound import PRIVATE_ACTION_PREFIX
from adapters.slack.views import PRIVATE_CALLBACK
from tests.support.fake_slack import FakeSlack, running_slack, unescape
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


async def test_slack_asks_for_the_password_in_a_modal_not_in_the_dm(tmp_path):
    fake = await FakeSlack().start()
    try:
        async with running_slack(fake, tmp_path, FOLLOWUP_SECRET_KEY=Fernet.generate_key().decode()) as slack:
            ana = slack.ada
            (await ana.says("hi")).expect("what name")
            (await ana.says("Ana")).expect("time zone")
            (await ana.taps("Keep")).expect("all set")
            (await ana.says("/mailbox")).expect("Which email address")
            (await ana.says("ana@mail.example")).expect("sending (SMTP) server")
            (await ana.says(f"127.0.0.1:{closed_port()} starttls")).expect("reading (IMAP) server")
            (await ana.says(f"127.0.0.1:{closed_port()}")).expect("user name")
            (await ana.says("ana")).expect("app password", "window that opens")
            # Typed in the DM instead: not used (the bot can't delete it there), and the user is told why.
            (await ana.says("typed-in-the-dm")).expect("I didn't use that", "private window")
            button = ana.with_button("Type the app password").button("Type the app password")
            assert button["action_id"].startswith(PRIVATE_ACTION_PREFIX)
            await ana.taps("Type the app password")
            [modal] = fake.modals
            assert modal["callback_id"] == PRIVATE_CALLBACK
            assert modal["blocks"][0]["element"]["type"] == "plain_text_input"
            status, body, _ = await slack.side.submit(ana.user, modal, {"private": PASSWORD})
            assert status == 200, body
            await slack.bot.drain()
            await fake.wait_until(lambda: any("couldn't connect" in m.text for m in fake.messages(ana.channel)))
            shown = fake.messages(ana.channel)
            assert any("can't reach the sending server 127.0.0.1" in unescape(m.section_text) for m in shown)
            assert all(PASSWORD not in m.text and PASSWORD not in json.dumps(m.blocks) for m in shown)
    finally:
        await fake.stop()


def test_the_terminal_reads_the_password_without_echo_and_never_prints_it(tmp_path):
    from adapters.console.chat import ConsoleChat
    from adapters.console.terminal import hide_typing
    from bot.common.events import Button, Reply

    out = io.StringIO()
    chat = ConsoleChat(app=None, user="ana", out=out, drafts_dir=tmp_path)
    ask = Reply("Last, an app password.", (Button("Type the app password (hidden)", "c:3:secret", "Type it"),))
    chat.show([ask])
    assert chat.secret_next and chat.choices == [] and "[1]" not in out.getvalue()
    assert chat.event_for(PASSWORD).text == PASSWORD  # the line is the answer, not a tap
    # On a real terminal (a pty here) echo goes off for that line and comes back after it.
    leader, follower = pty.openpty()
    with os.fdopen(follower, "r") as terminal:
        restore = hide_typing(terminal)
        assert restore is not None and not termios.tcgetattr(follower)[3] & termios.ECHO
        restore()
        assert termios.tcgetattr(follower)[3] & termios.ECHO
    os.close(leader)
    assert hide_typing(io.StringIO()) is None  # a pipe or a file: nothing to hide, nothing printed either
    assert PASSWORD not in out.getvalue()
