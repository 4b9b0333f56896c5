"""The terminal chat: a real adapter on the same core, with numbered choices for buttons."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

try:
    import termios
except ImportError:  # not a POSIX terminal: secrets are still never printed back
    termios = None

from bot.app import Followup
from bot.events import Attachment, Button, Incoming, Reply, Who

PLATFORM = "console"


def machine_timezone() -> str | None:
    """The machine's IANA zone (TZ, /etc/timezone or the /etc/localtime link), offered as the default."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz:
        return tz
    try:
        name = Path("/etc/timezone").read_text().strip()
        if name:
            return name
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return None
    match = re.search(r"zoneinfo/(.+)$", target)
    return match.group(1) if match else None


def render(reply: Reply, number_from: int = 1) -> str:
    """A reply as terminal text: buttons become numbered choices."""
    if reply.notice:
        return f"(note) {reply.text}"
    if reply.replace:
        last = reply.text.rsplit("\n\n", 1)[-1]
        return f"  ↳ {last}"
    lines = [f"bot> {line}" if i == 0 else f"     {line}" for i, line in enumerate(reply.text.split("\n"))]
    for offset, button in enumerate(reply.buttons):
        lines.append(f"     [{number_from + offset}] {button.label}")
    return "\n".join(lines)


def read_lines(stream: TextIO) -> asyncio.Queue[str]:
    """Lines of `stream` as they come ('' at the end), read by a daemon thread: a blocked read must
    never keep the process alive once the chat is stopped (the default executor would wait for it)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def pump() -> None:
        while True:
            line = stream.readline()
            try:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            except RuntimeError:  # the chat has stopped and its loop is closed
                return
            if not line:
                return

    threading.Thread(target=pump, name="stdin", daemon=True).start()
    return queue


def hide_typing(stream: TextIO) -> Callable[[], None] | None:
    """Turn the terminal's echo off (as getpass does) for a secret typed next; returns how to turn it back
    on, or None when the input is not a terminal (a pipe echoes nothing anyway)."""
    if termios is None:
        return None
    try:
        fd = stream.fileno()
        if not os.isatty(fd):
            return None
        before = termios.tcgetattr(fd)
        hidden = termios.tcgetattr(fd)
        hidden[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSADRAIN, hidden)
    except (OSError, ValueError, AttributeError, termios.error):
        return None
    return lambda: termios.tcsetattr(fd, termios.TCSADRAIN, before)


class ConsoleChat:
    """Reads the user's lines, prints the bot's replies; also the sender for reminders."""

    platform = PLATFORM

    def __init__(self, app: Followup, user: str, out: TextIO = sys.stdout, drafts_dir: Path | None = None) -> None:
        self.app = app
        self.who = Who(PLATFORM, user, user)
        self.out = out
        self.drafts_dir = drafts_dir or app.settings.resolved_drafts_dir
        self.choices: list[Button] = []
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
        with_buttons = [r for r in replies if r.buttons and not r.replace and not r.notice]
        if with_buttons:
            self.choices = []
        for reply in replies:
            text = render(reply, len(self.choices) + 1)
            if reply.buttons and not reply.replace and not reply.notice:
                self.choices.extend(reply.buttons)
            print(text, file=self.out)
            for attachment in reply.files:
                print(f"     📎 saved: {self.save(attachment)}", file=self.out)
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

    def event_for(self, line: str) -> Incoming:
        """A typed number or button label taps that button; anything else is text."""
        typed = line.strip()
        if typed.isdigit() and 1 <= int(typed) <= len(self.choices):
            return Incoming(self.who, action=self.choices[int(typed) - 1].action)
        for button in self.choices:
            if button.label.casefold() == typed.casefold():
                return Incoming(self.who, action=button.action)
        return Incoming(self.who, text=line.rstrip("\n"), tz_hint=machine_timezone())

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        """Reminders print between prompts, as they fire."""
        print("\n🔔 Reminder", file=self.out)
        self.show(replies)
        self.prompt()

    def prompt(self) -> None:
        if self.interactive:
            print("you> ", end="", file=self.out, flush=True)

    async def run(self, stdin: TextIO = sys.stdin) -> None:
        self.show(await self.app.handle(Incoming(self.who, text="/start", tz_hint=machine_timezone())))
        lines = read_lines(stdin)
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
            self.show(await self.app.handle(self.event_for(line)))


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
