"""The terminal itself: the machine's time zone, lines read from stdin without blocking the chat, and
typing hidden for a secret."""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

try:
    import termios
except ImportError:  # not a POSIX terminal: secrets are still never printed back
    termios = None


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
