"""The terminal chat: a real adapter on the same core; it reads the user's lines (a number or a label taps
a button) and prints the bot's replies (adapters/console/render.py) and reminders as they fire."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from adapters.console.render import BLOCK, is_step, render
from adapters.console.terminal import hide_typing, machine_timezone, read_lines
from bot.app import Followup, is_reminder, shorten
from bot.common.events import Attachment, Button, Incoming, Reply, Who

PLATFORM = "console"
# Lines that come within this long of each other were pasted, not typed: one message, as Telegram delivers a
# multi-line message (a bullet list pasted at "what challenges?" is one answer, not one answer per line).
PASTE_WINDOW = 0.15


class ConsoleChat:
    """Reads the user's lines, prints the bot's replies; also the sender for reminders."""

    platform = PLATFORM

    def __init__(self, app: Followup, user: str, out: TextIO = sys.stdout, drafts_dir: Path | None = None) -> None:
        self.app = app
        self.who = Who(PLATFORM, user, user)
        self.out = out
        self.drafts_dir = drafts_dir or app.settings.resolved_drafts_dir
        self.choices: list[Button] = []  # the current question's buttons: [1], [2] ...
        # Each reminder's (and /interviews step's) buttons under its own tag, until that step changes.
        self.groups: dict[str, tuple[str, list[Button]]] = {}
        self._tags = 0
        self._tapped: str | None = None  # the tag whose button was just typed
        self.interactive = out.isatty()
        self.secret_next = False  # the next line answers a private prompt: typed without echo, never shown

    def show(self, replies: Sequence[Reply]) -> None:
        # A button with a private prompt (a mailbox password) is not a choice here: the next line typed
        # is the answer, read with the terminal's echo off.
        private = [b for r in replies for b in r.buttons if b.private_prompt]
        if private:
            self.secret_next = True
            replies = [
                dataclasses.replace(r, buttons=tuple(b for b in r.buttons if not b.private_prompt)) for r in replies
            ]
        fresh = [r for r in replies if r.buttons and not r.replace and not r.notice and not is_step(r)]
        if fresh:
            self.choices = []
        for reply in replies:
            tag = None
            if reply.replace and self._tapped in self.groups:
                tag = self._tapped
                if reply.buttons:  # the step asks something more (keep or drop the ladder?)
                    self.groups[tag] = (self.groups[tag][0], list(reply.buttons))
                else:  # the step changed: its buttons are done
                    del self.groups[tag]
                    tag = None
            elif reply.buttons and not reply.replace and not reply.notice and is_step(reply):
                self._tags += 1
                tag = f"r{self._tags}"
                self.groups[tag] = (shorten(reply.text.split("\n", 1)[0], 70), list(reply.buttons))
            text = render(reply, len(self.choices) + 1, tag)
            if reply.buttons and not reply.replace and not reply.notice and tag is None:
                self.choices.extend(reply.buttons)
            print(text, file=self.out)
            for attachment in reply.files:
                print(f"     📎 saved: {self.save(attachment)}", file=self.out)
        self._tapped = None
        self.out.flush()

    def save(self, attachment: Attachment) -> Path:
        self.drafts_dir.mkdir(parents=True, exist_ok=True)
        path = self.drafts_dir / attachment.filename
        stem, suffix, n = path.stem, path.suffix, 2
        while path.exists():
            path = self.drafts_dir / f"{stem}-{n}{suffix}"
            n += 1
        path.write_bytes(attachment.content)
        return path

    def event_for(self, line: str) -> Incoming | None:
        """A typed number (1, or r1.2 for a reminder's) or button label taps that button; anything else
        is text. A label several reminders share gets a question back (None: nothing to send)."""
        typed = line.strip()
        self._tapped = None
        if typed.isdigit() and 1 <= int(typed) <= len(self.choices):
            return Incoming(self.who, action=self.choices[int(typed) - 1].action)
        tag, _, number = typed.lower().partition(".")
        if tag in self.groups and number.isdigit():
            buttons = self.groups[tag][1]
            if 1 <= int(number) <= len(buttons):
                self._tapped = tag
                return Incoming(self.who, action=buttons[int(number) - 1].action)
        for button in self.choices:
            if button.label.casefold() == typed.casefold():
                return Incoming(self.who, action=button.action)
        found = [
            (tag, n, title, button)
            for tag, (title, buttons) in self.groups.items()
            for n, button in enumerate(buttons, 1)
            if button.label.casefold() == typed.casefold()
        ]
        if len(found) == 1:
            self._tapped = found[0][0]
            return Incoming(self.who, action=found[0][3].action)
        if found:
            which = "\n".join(f"     [{tag}.{n}] {title}" for tag, n, title, _ in found)
            print(f"(note) “{typed}” is on several reminders. Which one? Type its number:\n{which}", file=self.out)
            self.out.flush()
            return None
        return Incoming(self.who, text=line.rstrip("\n"), tz_hint=machine_timezone())

    async def send(self, line: str) -> None:
        """One typed line: tap, text or a question back, and the bot's answer printed."""
        event = self.event_for(line)
        if event is not None:
            self.show(await self.app.handle(event) or [])

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        """Reminders print between prompts, as they fire; so does news from the mailbox (a reply noticed,
        a sign-in finished), under its own heading."""
        print("\n🔔 Reminder" if is_reminder(replies) else "\n📬 Mailbox", file=self.out)
        self.show(replies)
        self.prompt()

    def prompt(self) -> None:
        if self.interactive:
            print("you> ", end="", file=self.out, flush=True)

    async def run(self, stdin: TextIO = sys.stdin, paste_window: float | None = None) -> None:
        """The chat until the end of input. In a terminal, lines pasted together (within `paste_window` seconds of
        each other) are one message; lines piped in (a script) are one message each."""
        window = paste_window if paste_window is not None else (PASTE_WINDOW if stdin.isatty() else 0.0)
        self.show(await self.app.handle(Incoming(self.who, text="/start", tz_hint=machine_timezone())))
        lines = read_lines(stdin)
        first = True  # the chat said /start itself: a /start typed as the first line is that one, not a second
        while True:
            self.prompt()
            restore = hide_typing(stdin) if self.secret_next else None
            try:
                line = await lines.get()
            finally:
                if restore is not None:
                    restore()
                    print(file=self.out)  # the Enter the hidden typing swallowed
            self.secret_next = False
            if not line:  # end of input
                print("\nBye! Your answers are saved; run the chat again to continue.", file=self.out)
                return
            if not line.strip():
                continue
            if first and line.strip().lower() == "/start":
                first = False
                continue
            first = False
            pasted = await _pasted_with(lines, window) if window > 0 and line.strip() != BLOCK else []
            if pasted:  # a multi-line paste: one answer, with its lines
                text = "\n".join(part.rstrip("\n") for part in (line, *pasted)).strip("\n")
                self.show(await self.app.handle(Incoming(self.who, text=text, tz_hint=machine_timezone())))
                continue
            if line.strip() == BLOCK:  # several lines as one message (a whole email, when editing a draft)
                block: list[str] = []
                while (more := await lines.get()) and more.strip() != BLOCK:
                    block.append(more.rstrip("\n"))
                line = "\n".join(block)
                if not line.strip():
                    continue
                self.show(await self.app.handle(Incoming(self.who, text=line, tz_hint=machine_timezone())))
                continue
            await self.send(line)


async def _pasted_with(lines: asyncio.Queue[str], window: float) -> list[str]:
    """The lines that came right after one (within `window` seconds of the one before): the rest of a paste."""
    more: list[str] = []
    while True:
        await asyncio.sleep(window)
        came = []
        while not lines.empty():
            line = lines.get_nowait()
            if not line:  # the end of input: left for the loop to see
                lines.put_nowait(line)
                return more + came
            came.append(line)
        if not came:
            return more
        more += came


async def run(settings, user: str | None = None) -> None:
    """Start the terminal chat (and the reminder scheduler, which prints reminders as they fire)."""
    import getpass

    app = await Followup.create(settings)
    chat = ConsoleChat(app, user or getpass.getuser() or "me")
    app.add_sender(chat)
    await app.start()
    try:
        await chat.run()
    finally:
        await app.stop()
