"""Waiting for what a process does, instead of sleeping: a free port, a line of output, a condition."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import IO, TypeVar

T = TypeVar("T")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate: Callable[[], T], timeout: float = 30.0, *, what: str = "", interval: float = 0.02) -> T:
    """Poll `predicate` until it returns something truthy (returned), or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what or predicate!r}")
        time.sleep(interval)


class Output:
    """A process's text stream read on a thread: `wait_for` a fragment, `text` for all so far.

    Reading on a thread keeps a blocked read from hanging the test; the deadline is the test's.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._chunks: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: IO[str]) -> None:
        for line in iter(stream.readline, ""):
            with self._changed:
                self._chunks.append(line)
                self._changed.notify_all()
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    closed = False

    @property
    def text(self) -> str:
        with self._changed:
            return "".join(self._chunks)

    def wait_for(self, fragment: str, timeout: float = 60.0, *, start: int = 0, count: int = 1) -> int:
        """Wait until `fragment` was printed `count` times after position `start`; where the last one ends."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                text = "".join(self._chunks)
                found, at = 0, start
                while found < count and (hit := text.find(fragment, at)) >= 0:
                    found, at = found + 1, hit + len(fragment)
                if found == count:
                    return at
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise AssertionError(f"{fragment!r} (x{count}) not printed; the process said:\n{text[-3000:]}")
                self._changed.wait(left)

    def join(self, timeout: float = 30.0) -> str:
        """All the output, once the stream is closed (the process exited)."""
        self._thread.join(timeout)
        return self.text
