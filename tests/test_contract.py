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
from sqlalchemy import select

from adapters.console.chat import ConsoleChat
from bot.app import Followup
from bot.common.clock import FakeClock
from bot.common.events import Incoming
from bot.service.config import Settings
from bot.store.models import FollowUp, Person
from tests.support.databases import START
from tests.support.fake_slack import FakeSlack, running_slack, unescape
from tests.support.fake_telegram import BotMessage, FakeTelegram, bot_settings, running_bot
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


# ---- the reminder contract: the same ladder, through each adapter's Sender port ---------------------


class ConsoleSteps:
    """The terminal chat with a test clock: reminders print with their own tags ([r1.1] ...)."""

    def __init__(self, driver: ConsoleDriver, clock: FakeClock) -> None:
        self.driver, self.chat, self.app, self.clock = driver, driver.chat, driver.chat.app, clock
        self.says, self.taps, self.expect = driver.says, driver.taps, driver.expect
        self._last: str | None = None

    def mark(self) -> None:
        self.driver._mark = len(self.driver.out.getvalue())

    async def tap_on(self, fragment: str, label: str) -> None:
        tag, (_, buttons) = next((t, g) for t, g in reversed(self.chat.groups.items()) if fragment in g[0])
        number = next(n for n, b in enumerate(buttons, 1) if b.label.startswith(label))
        self._last = buttons[number - 1].action
        await self.says(f"{tag}.{number}")  # the terminal's way to tap a reminder's button

    async def updated(self, fragment: str, *words: str) -> None:
        shown = self.driver.out.getvalue()[self.driver._mark :]
        assert "↳" in shown, shown  # printed as an update of the reminder, not as a new one
        await self.expect(*words)

    async def tap_again(self) -> None:
        self.mark()
        self.chat.show(await self.app.handle(Incoming(self.chat.who, action=self._last)) or [])

    async def notice(self, *words: str) -> None:
        await self.expect("(note)", *words)


class TelegramSteps:
    def __init__(self, tg: FakeTelegram, app: Followup, clock: FakeClock) -> None:
        self.tg, self.user, self.app, self.clock = tg, tg.user(7001), app, clock
        self._last = None

    def mark(self) -> None:
        self.user._mark = len(self.tg.calls)

    async def says(self, text: str) -> None:
        await self.user.says(text)

    async def taps(self, label: str) -> None:
        await self.user.taps(label)

    async def expect(self, *fragments: str) -> None:
        await self.user.expect(*fragments)

    def _message(self, fragment: str) -> BotMessage:
        return next(m for m in reversed(self.tg.chat(self.user.id)) if fragment in m.text)

    async def tap_on(self, fragment: str, label: str) -> None:
        await self.tg.wait_for(lambda: any(fragment in m.text and m.buttons() for m in self.tg.chat(self.user.id)))
        message = next(m for m in reversed(self.tg.chat(self.user.id)) if fragment in m.text and m.buttons())
        data = next(d for text, d in message.buttons() if text.startswith(label))
        self._last = (message, data)
        await self.user.taps_data(message, data)

    async def updated(self, fragment: str, *words: str) -> None:
        await self.tg.wait_for(
            lambda: self._message(fragment).edits and all(w in self._message(fragment).text for w in words)
        )

    async def tap_again(self) -> None:
        await self.user.taps_data(*self._last)

    async def notice(self, *words: str) -> None:
        def answered():
            texts = [c.params.get("text", "") for c in self.tg.calls_to("answerCallbackQuery")]
            return texts and all(w.casefold() in texts[-1].casefold() for w in words)

        await self.tg.wait_for(answered)


class SlackSteps:
    def __init__(self, running) -> None:
        self.running, self.user, self.app, self.clock = running, running.ada, running.app, running.clock
        self.driver = SlackDriver(running)
        self._last = None

    def mark(self) -> None:
        pass

    async def says(self, text: str) -> None:
        await self.user.says(text)

    async def taps(self, label: str) -> None:
        await self.user.taps(label)

    async def expect(self, *fragments: str) -> None:
        said = "\n".join(unescape(m.section_text) for m in self.running.fake.messages(self.user.channel)[-8:])
        for fragment in fragments:
            assert fragment.casefold() in said.casefold(), f"{fragment!r} not in {said!r}"

    def _message(self, fragment: str):
        return next(
            m for m in reversed(self.running.fake.messages(self.user.channel)) if fragment in unescape(m.section_text)
        )

    async def tap_on(self, fragment: str, label: str) -> None:
        message = next(
            m
            for m in reversed(self.running.fake.messages(self.user.channel))
            if fragment in unescape(m.section_text) and m.buttons
        )
        button = dict(message.button(label))
        self._last = (message, button)
        await self.user.taps(label, message)

    async def updated(self, fragment: str, *words: str) -> None:
        message = self._message(fragment)
        assert message.updates >= 1 and all(w in unescape(message.section_text) for w in words)

    async def tap_again(self) -> None:
        await self.running.side.click("U1", *self._last)
        await self.running.bot.drain()

    async def notice(self, *words: str) -> None:
        text = self.running.fake.ephemeral[-1]["text"]
        assert all(w.casefold() in text.casefold() for w in words), text


@contextlib.asynccontextmanager
async def steps_driver(platform: str, tmp_path: Path):
    """Each adapter with a test clock; the test moves it and runs the dispatcher itself."""
    if platform == "console":
        clock = FakeClock(START)
        settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}", FOLLOWUP_DATA_DIR=tmp_path, _env_file=None
        )
        app = await Followup.create(settings, clock=clock)
        out = io.StringIO()
        chat = ConsoleChat(app, "ada", out=out, drafts_dir=tmp_path / "drafts")
        app.add_sender(chat)  # the terminal chat is its own Sender
        try:
            yield ConsoleSteps(ConsoleDriver(chat, out, tmp_path / "drafts"), clock)
        finally:
            await app.stop()
    elif platform == "telegram":
        clock = FakeClock(START)
        async with FakeTelegram() as tg, running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3"), clock=clock) as bot:
            yield TelegramSteps(tg, bot.core, clock)
    else:
        fake = await FakeSlack().start()
        try:
            async with running_slack(fake, tmp_path) as running:
                yield SlackSteps(running)
        finally:
            await fake.stop()


async def follow_up_states(app: Followup) -> dict[tuple[str, str], str]:
    async with app.sessions() as session:
        rows = await session.execute(
            select(Person.name, FollowUp.kind, FollowUp.state).join(FollowUp, FollowUp.person_id == Person.id)
        )
        return {(name, kind): state for name, kind, state in rows}


@pytest.mark.parametrize("platform", ["console", "telegram", "slack"])
async def test_every_adapter_keeps_the_reminder_contract(platform, tmp_path):
    async with steps_driver(platform, tmp_path) as user:
        script = [*onboarding(), *debriefing(PEOPLE, when="today 11:00", decision=None, mine=None, theirs=None)]
        await play(user, [*script, Taps("Write the drafts"), Expects("keep you on track")])

        # The reminders go out through the adapter's Sender port, each with its buttons.
        user.clock.advance(hours=2)
        user.mark()
        assert await user.app.dispatch_due() == 2
        await user.expect("thank-you email to Jane Doe")
        await user.expect("thank-you email to Bob Stone")

        # "Sent" updates that very message and plans the next rung.
        user.mark()
        await user.tap_on("thank-you email to Jane Doe", "Sent")
        await user.updated("thank-you email to Jane Doe", "Done", "second email")
        # "They replied" stops only that person.
        user.mark()
        await user.tap_on("thank-you email to Bob Stone", "They replied")
        await user.updated("thank-you email to Bob Stone", "Bob Stone replied")
        states = await follow_up_states(user.app)
        assert states[("Bob Stone", "thank_you")] == "replied"
        assert states[("Jane Doe", "thank_you")] == "done" and states[("Jane Doe", "second_email")] == "pending"
        # A stale tap gets the notice and changes nothing.
        user.mark()
        await user.tap_again()
        await user.notice("already")
        assert await follow_up_states(user.app) == states

        # Jane's second email goes out and scrolls away; /interviews still acts on it.
        user.clock.advance(days=6)
        assert await user.app.dispatch_due() == 1
        await user.says("/stats")
        user.mark()
        await user.says("/interviews")
        await user.expect("Jane Doe: second email")
        user.mark()
        await user.tap_on("Jane Doe: second email", "Sent")
        await user.expect("Done", "call")
        states = await follow_up_states(user.app)
        assert states[("Jane Doe", "second_email")] == "done" and states[("Jane Doe", "call")] == "pending"
