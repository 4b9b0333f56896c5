"""One conversation contract, run against every adapter: the terminal chat, Telegram and Slack.

Each platform gets a thin driver with the same four verbs (says, taps, expect, files); the shared
scripts of `tests/support/scripts.py` then walk through onboarding and a complete debrief with two
interviewers (every question checked on the way), and the test checks what
every adapter must do alike: questions in order, buttons that work by tapping, user text that comes
back intact, and two different drafts delivered as files.
"""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from pathlib import Path

import pytest

from adapters.console import ConsoleChat
from bot.app import Followup
from bot.config import Settings
from tests.support.fake_slack import FakeSlack, running_slack, unescape
from tests.support.fake_telegram import FakeTelegram, bot_settings, running_bot
from tests.support.scripts import Expects, Taps, debriefing, onboarding, play


def delivered(files: list[tuple[str, bytes]], suffixes: tuple[str, ...]) -> bool:
    """At least as many files end with each suffix as it is listed (".eml", ".eml": two drafts)."""
    return all(sum(name.endswith(s) for name, _ in files) >= n for s, n in Counter(suffixes).items())


class ConsoleDriver:
    """The terminal chat in-process: numbered choices, printed text, drafts saved as files."""

    def __init__(self, chat: ConsoleChat, out: io.StringIO, drafts: Path) -> None:
        self.chat, self.out, self.drafts_dir, self._mark = chat, out, drafts, 0

    async def says(self, text: str) -> None:
        self._mark = len(self.out.getvalue())
        await self.chat.send(text)

    async def taps(self, label: str) -> None:
        number = next(i for i, b in enumerate(self.chat.choices, 1) if b.label == label)
        await self.says(str(number))  # the terminal's way to tap: type the number

    async def expect(self, *fragments: str) -> None:
        shown = self.out.getvalue()[self._mark :]
        for fragment in fragments:
            assert fragment.casefold() in shown.casefold(), f"{fragment!r} not in {shown!r}"

    async def files(self, *suffixes: str) -> list[tuple[str, bytes]]:
        """The files the bot has delivered (saved) so far, once one of each suffix is there."""
        found = [(p.name, p.read_bytes()) for p in sorted(self.drafts_dir.glob("*"))]
        assert delivered(found, suffixes), (suffixes, found)
        return found


class TelegramDriver:
    """A Telegram user on the fake Bot API; every verb of the script waits for the bot's answer."""

    def __init__(self, tg: FakeTelegram) -> None:
        self.tg, self.user = tg, tg.user(7001)

    async def says(self, text: str) -> None:
        await self.user.says(text)

    async def taps(self, label: str) -> None:
        await self.user.taps(label)

    async def expect(self, *fragments: str) -> None:
        await self.user.expect(*fragments)

    def _documents(self) -> list[tuple[str, bytes]]:
        return [call.files["document"][:2] for call in self.tg.calls_to("sendDocument", self.user.id)]

    async def files(self, *suffixes: str) -> list[tuple[str, bytes]]:
        """The documents sent so far, once one of each suffix has arrived (they follow the text)."""
        await self.tg.wait_for(lambda: delivered(self._documents(), suffixes), timeout=10)
        return self._documents()


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

    async def files(self, *suffixes: str) -> list[tuple[str, bytes]]:
        found = list(self.running.fake.uploaded.values())  # every request was settled before the answer
        assert delivered(found, suffixes), (suffixes, found)
        return found


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


# No phone numbers (every adapter's /skip), a decision left open, no promise of theirs.
PEOPLE = [
    ("Jane Doe", "Hiring manager", "jane@acme.example", None),
    ("Bob Stone", "Tech lead", "bob@acme.example", None),
]
SCRIPT = [*onboarding(), Expects("Europe/Berlin")]
SCRIPT += debriefing(
    PEOPLE,
    company="Acme <Labs> & Co",
    when="just now",  # the real clock
    decision=None,
    mine=("writing samples", None),
    theirs=None,
)
SCRIPT += [Taps("Write the drafts"), Expects("thank-you emails")]


@pytest.mark.parametrize("platform", ["console", "telegram", "slack"])
async def test_the_same_debrief_works_the_same_on_every_adapter(platform, tmp_path):
    async with driver(platform, tmp_path) as user:
        await play(user, SCRIPT)
        drafts = [content for name, content in await user.files(".eml", ".eml") if name.endswith(".eml")]
        assert len(drafts) == 2
        assert drafts[0] != drafts[1]
        assert all(b"X-Unsent: 1" in d for d in drafts)

        # The user's data, from every adapter: an export as files, then a confirmed delete.
        await user.says("/export")
        await user.expect("everything I store about you")
        exported = {name.rsplit(".", 1)[-1]: content for name, content in await user.files(".json", ".ics")}
        assert b"Acme <Labs> & Co" in exported["json"]
        assert b"BEGIN:VCALENDAR" in exported["ics"]
        await user.says("/delete")
        await user.expect("can't be undone")
        await user.taps("Yes, delete everything")
        await user.expect("erased")
        await user.says("/start")
        await user.expect("what name")  # a stranger again
