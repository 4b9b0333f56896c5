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

from bot import actions
from bot import templates as t
from bot.actions import Kind

try:
    import termios
except ImportError:  # not a POSIX terminal: secrets are still never printed back
    termios = None

from bot.app import Followup
from bot.events import Attachment, Button, Incoming, Reply, Who
from bot.parsing.text import shorten

PLATFORM = "console"
BLOCK = '"""'  # a line of its own that starts and ends a message of several lines
EDIT_QUESTION = t.Q_DRAFT_EDIT.split("{", 1)[0]


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


def render(reply: Reply, number_from: int = 1, tag: str | None = None) -> str:
    """A reply as terminal text: buttons become numbered choices ([1], [2] ...), or, for a reminder's
    buttons, numbers under the reminder's own tag ([r1.1], [r1.2] ...) that no later message reuses."""
    if reply.notice:
        return f"(note) {reply.text}"
    if reply.replace:
        lines = [f"  ↳ {reply.text.rsplit(chr(10) * 2, 1)[-1]}"]
    else:
        lines = [f"bot> {line}" if i == 0 else f"     {line}" for i, line in enumerate(reply.text.split("\n"))]
        if reply.text.startswith(EDIT_QUESTION):
            lines.append(
                f"     (To send several lines, type {BLOCK} on a line of its own, then the text, then {BLOCK} again.)"
            )
    for offset, button in enumerate(reply.buttons):
        number = f"{tag}.{offset + 1}" if tag else str(number_from + offset)
        lines.append(f"     [{number}] {button.label}")
    return "\n".join(lines)


def is_step(reply: Reply) -> bool:
    """Buttons about a follow-up step (a reminder's, or a step's in /interviews): they stay usable."""
    kinds = {(actions.decode(b.action) or actions.Action("c", 0, "")).kind for b in reply.buttons}
    steps = {Kind.REMINDER, Kind.FOLLOW_UP, Kind.PERSON}
    # A step's message may also carry its draft's buttons and the person's "Edit details".
    return bool(kinds & steps) and kinds <= steps | {Kind.DRAFT, Kind.INTERVIEW}


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
