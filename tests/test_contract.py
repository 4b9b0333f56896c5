"""One conversation contract, run against every adapter: the terminal chat, Telegram and Slack.

Each platform gets a thin driver with the same four verbs (says, taps, expect, drafts); the same
script then walks through onboarding and a complete debrief with two interviewers, and checks what
every adapter must do alike: questions in order, buttons that work by tapping, user text that comes
back intact, and two different drafts delivered as files.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
from pathlib import Path

import pytest

from adapters.console import ConsoleChat
from bot.app import Followup
from bot.config import Settings
from tests.support.fake_slack import FakeSlack, running_slack, unescape
from tests.support.fake_telegram import FakeTelegram, bot_settings, running_bot


class ConsoleDriver:
    """The terminal chat in-process: numbered choices, printed text, drafts saved as files."""

    def __init__(self, chat: ConsoleChat, out: io.StringIO, drafts: Path) -> None:
        self.chat, self.out, self.drafts_dir, self._mark = chat, out, drafts, 0

    async def says(self, text: str) -> None:
        self._mark = len(self.out.getvalue())
        self.chat.show(await self.chat.app.handle(self.chat.event_for(text)) or [])

    async def taps(self, label: str) -> None:
        number = next(i for i, b in enumerate(self.chat.choices, 1) if b.label == label)
        await self.says(str(number))  # the terminal's way to tap: type the number

    async def expect(self, *fragments: str) -> None:
        shown = self.out.getvalue()[self._mark :]
        for fragment in fragments:
            assert fragment.casefold() in shown.casefold(), f"{fragment!r} not in {shown!r}"

    def files(self) -> list[tuple[str, bytes]]:
        return [(p.name, p.read_bytes()) for p in sorted(self.drafts_dir.glob("*"))]


class TelegramDriver:
    def __init__(self, tg: FakeTelegram) -> None:
        self.tg, self.user = tg, tg.user(7001)

    async def says(self, text: str) -> None:
        await self.user.says(text)
        await self.settle()

    async def taps(self, label: str) -> None:
        await self.user.taps(label)
        await self.settle()

    async def settle(self) -> None:
        """Wait until the bot has answered and gone quiet, so the next tap finds the newest buttons."""
        await self.user.expect()
        count = -1
        while count != len(self.tg.calls):
            count = len(self.tg.calls)
            await asyncio.sleep(0.15)

    async def expect(self, *fragments: str) -> None:
        await self.user.expect(*fragments)

    def files(self) -> list[tuple[str, bytes]]:
        return [call.files["document"][:2] for call in self.tg.calls_to("sendDocument", self.user.id)]


class SlackDriver:
    def __init__(self, running) -> None:
        self.running, self.user = running, running.ada

    async def says(self, text: str) -> None:
        await self.user.says(text)

    async def taps(self, label: str) -> None:
        await self.user.taps(label)

    async def expect(self, *fragments: str) -> None:
        # What the bot posted since the last action, and the tapped message it updated in place.
        updated = [unescape(m.section_text) for m in self.running.fake.messages(self.user.channel)[-3:]]
        said = "\n".join([self.user.said, *updated])
        for fragment in fragments:
            assert fragment.casefold() in said.casefold(), f"{fragment!r} not in {said!r}"

    def files(self) -> list[tuple[str, bytes]]:
        return list(self.running.fake.uploaded.values())


@contextlib.asynccontextmanager
async def driver(platform: str, tmp_path: Path):
    if platform == "console":
        settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}", FOLLOWUP_DATA_DIR=tmp_path, _env_file=None
        )
        app = await Followup.create(settings)
        out = io.StringIO()
        try:
            yield ConsoleDriver(
                ConsoleChat(app, "ada", out=out, drafts_dir=tmp_path / "drafts"), out, tmp_path / "drafts"
            )
        finally:
            await app.stop()
    elif platform == "telegram":
        async with FakeTelegram() as tg, running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
            yield TelegramDriver(tg)
    else:
        fake = await FakeSlack().start()
        try:
            async with running_slack(fake, tmp_path) as running:
                yield SlackDriver(running)
        finally:
            await fake.stop()


PEOPLE = [("Jane Doe", "Hiring manager", "jane@acme.example"), ("Bob Stone", "Tech lead", "bob@acme.example")]


@pytest.mark.parametrize("platform", ["console", "telegram", "slack"])
async def test_the_same_debrief_works_the_same_on_every_adapter(platform, tmp_path):
    async with driver(platform, tmp_path) as user:
        await user.says("/start")
        await user.expect("what name")
        await user.says("Ada Lovelace")
        await user.expect("time zone")
        await user.says("Berlin")
        await user.expect("Europe/Berlin")
        await user.says("/new")
        await user.expect("Which company")
        await user.says("Acme <Labs> & Co")
        await user.expect("role")
        await user.says("Data Engineer")
        await user.expect("When was the interview")
        await user.says("just now")
        await user.expect("Got it")
        for index, (name, role, email) in enumerate(PEOPLE):
            if index:
                await user.taps("Add another person")
            await user.says(name)
            await user.expect(f"{name}'s role")
            await user.says(role)
            await user.says(email)
            await user.expect("phone")
            await user.says("/skip")
            await user.expect(f"Added {name}")
        await user.taps("That's everyone")
        await user.expect("still open")
        await user.says("How on-call is shared")
        await user.says("Streaming without downtime")
        await user.says("I did it before at Beta")
        await user.expect("how did it go")
        await user.taps("Mixed")
        await user.says("I undersold my Kafka experience")
        await user.says("A take-home exercise")
        await user.taps("Not sure")
        await user.says("writing samples")
        await user.taps("No date")
        await user.taps("That's all")
        await user.taps("Nothing")
        await user.expect("Here's your debrief", "Acme <Labs> & Co", "Jane Doe", "Bob Stone")
        await user.taps("Write the drafts")
        await user.expect("thank-you emails")
        drafts = [content for name, content in user.files() if name.endswith(".eml")]
        assert len(drafts) == 2
        assert drafts[0] != drafts[1]
        assert all(b"X-Unsent: 1" in d for d in drafts)

        # The user's data, from every adapter: an export as files, then a confirmed delete.
        await user.says("/export")
        await user.expect("everything I store about you")
        exported = {name.rsplit(".", 1)[-1]: content for name, content in user.files()}
        assert b"Acme <Labs> & Co" in exported["json"]
        assert b"BEGIN:VCALENDAR" in exported["ics"]
        await user.says("/delete")
        await user.expect("can't be undone")
        await user.taps("Yes, delete everything")
        await user.expect("erased")
        await user.says("/start")
        await user.expect("what name")  # a stranger again
