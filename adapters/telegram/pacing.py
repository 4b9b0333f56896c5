"""Outgoing pacing for the Bot API: Telegram's flood limits, 429 retry_after, and retries with backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.app import KeyedLocks
from bot.common.events import BUDGETED

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait a 429 asked for, in seconds, whichever type PTB's PTB_TIMEDELTA opt-in gives."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class ChatBucket:
    """A chat's leaky bucket (a burst, then `per_second`), counted from when each request finished.

    Telegram counts a message when it arrives, which is at the latest when its request finishes; a
    bucket counted from send times could let a request that stalled on its way arrive right before
    the next one. Counting from finish times can only overestimate what Telegram sees.
    """

    def __init__(self, burst: int, per_second: float) -> None:
        self.burst, self.rate = burst, per_second
        self.level, self.at = 0.0, 0.0

    def _level(self, now: float) -> float:
        return max(0.0, self.level - (now - self.at) * self.rate)

    async def wait(self) -> None:
        """Wait until one more request fits (callers hold the chat's turn, so nothing else fills it)."""
        excess = self._level(asyncio.get_running_loop().time()) + 1 - self.burst
        if excess > 0:
            await asyncio.sleep(excess / self.rate + 0.001)

    def record(self) -> None:
        now = asyncio.get_running_loop().time()
        self.level, self.at = self._level(now) + 1, now

    def idle(self) -> bool:
        return self._level(asyncio.get_running_loop().time()) == 0


class TelegramPacer(BaseRateLimiter[None]):
    """Keeps every request within Telegram's limits and retries what is worth retrying.

    - about `overall_per_second` messages per second for the whole bot: for the whole deployment once
      `share_budget` is given the core's shared budget (every worker's replies and reminders together,
      replies first), else for this process;
    - per chat, a burst of `chat_burst` and then `chat_per_second` sustained, and one request in
      flight at a time, so a chat's messages arrive in order and none is already on its way
      when a 429 comes back;
    - a 429 blocks that chat (only) until its retry_after has passed, then the request is sent
      again; a wait longer than `max_wait` is raised as RetryAfter instead, so a reminder can be
      rescheduled rather than hold the dispatcher;
    - network errors and 5xx (PTB raises NetworkError) are retried with exponential backoff.

    PTB's own AIORateLimiter only paces group chats per chat, and a 429 there halts every chat.
    getUpdates never comes through here (PTB exempts it).
    """

    def __init__(
        self,
        *,
        overall_per_second: float = 30,
        chat_burst: int = 3,
        chat_per_second: float = 1.0,
        max_attempts: int = 5,
        max_wait: float = 60.0,
        backoff: float = 0.5,
    ) -> None:
        self.overall_per_second = overall_per_second
        self._overall = AsyncLimiter(overall_per_second, 1) if overall_per_second else None
        self._budget: Callable[[], Awaitable[None]] | None = None
        self._chat_burst = chat_burst
        self._chat_rate = chat_per_second
        self._buckets: dict[object, ChatBucket] = {}
        self._turns = KeyedLocks()  # chat -> its turn: one request in flight
        self._blocked_until: dict[object, float] = {}
        self._max_attempts = max(1, max_attempts)
        self._max_wait = max_wait
        self._backoff = backoff

    def share_budget(self, take_slot: Callable[[], Awaitable[None]]) -> None:
        """Pace by the deployment's budget instead of this process's own: `take_slot` waits for a send slot
        shared by every process (the core's `reply_slot`), so the bot's overall rate holds however many
        workers run. Replies take their slot first in line; a reminder the dispatcher already took a slot
        for (`BUDGETED`) takes none here. Without an overall rate (pacing off) there is nothing to share."""
        if self._overall is not None:
            self._budget = take_slot

    async def _overall_slot(self) -> None:
        if BUDGETED.get() and self._budget is not None:
            return  # the dispatcher took this reminder's slot from the same budget
        if self._budget is not None:
            try:
                await self._budget()
                return
            except Exception as exc:  # the database is away: this process's own limit still holds
                log.warning(
                    "no send slot from the shared budget; pacing by this process alone",
                    extra={"platform": "telegram", "error": type(exc).__name__},
                )
        if self._overall is not None:
            await self._overall.acquire()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def _bucket(self, chat: object) -> ChatBucket | None:
        if not self._chat_rate:
            return None
        bucket = self._buckets.get(chat)
        if bucket is None:
            if len(self._buckets) > 1024:
                # Forget chats whose bucket is full again (they are indistinguishable from new ones)
                # and blocks that have run out, so memory follows the active chats only.
                for key, old in list(self._buckets.items()):
                    if old.idle():
                        del self._buckets[key]
                for key in [k for k in self._blocked_until if not self.blocked_for(k)]:
                    del self._blocked_until[key]
            bucket = self._buckets[chat] = ChatBucket(self._chat_burst, self._chat_rate)
        return bucket

    @contextlib.asynccontextmanager
    async def _chat_turn(self, chat: object) -> AsyncIterator[None]:
        """One request at a time per chat (FIFO); requests without a chat are not held."""
        if chat is None:
            yield
            return
        async with self._turns(chat):
            yield

    def blocked_for(self, chat: object) -> float:
        """Seconds until `chat` may be sent to again after a 429 (0 when it is not blocked)."""
        return max(0.0, self._blocked_until.get(chat, 0.0) - asyncio.get_running_loop().time())

    async def _send(
        self, chat: object, callback: Callable[..., Coroutine[Any, Any, JSON]], args: Any, kwargs: dict[str, Any]
    ) -> JSON:
        bucket = self._bucket(chat) if chat is not None else None
        if chat is not None:
            if bucket is not None:
                await bucket.wait()
            await self._overall_slot()
        try:
            return await callback(*args, **kwargs)
        finally:
            if bucket is not None:
                bucket.record()  # counted once it has surely arrived (one request per chat is in flight)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> JSON:
        """Send one request within the limits, retrying after 429s and transient failures."""
        chat = data.get("chat_id")
        # The chat's turn is held through the retries, so its later messages cannot overtake.
        async with self._chat_turn(chat):
            for attempt in range(1, self._max_attempts + 1):
                blocked = self.blocked_for(chat)
                if blocked > self._max_wait:
                    raise _retry_after(blocked)  # don't even try: Telegram would refuse it
                if blocked:
                    await asyncio.sleep(blocked)
                if chat in self._blocked_until and not self.blocked_for(chat):
                    del self._blocked_until[chat]
                try:
                    return await self._send(chat, callback, args, kwargs)
                except RetryAfter as exc:
                    wait = retry_after_seconds(exc)
                    until = asyncio.get_running_loop().time() + wait + 0.05
                    self._blocked_until[chat] = max(self._blocked_until.get(chat, 0.0), until)
                    log.warning(
                        "flood limit",
                        extra={"platform": "telegram", "endpoint": endpoint, "chat": chat, "retry_after": wait},
                    )
                    if wait > self._max_wait or attempt == self._max_attempts:
                        raise
                except BadRequest:
                    raise  # PTB files it under NetworkError, but sending it again cannot help
                except NetworkError as exc:
                    if attempt == self._max_attempts:
                        raise
                    delay = self._backoff * 2 ** (attempt - 1) * (1 + random.random() / 4)
                    log.warning(
                        "send retry",
                        extra={
                            "platform": "telegram",
                            "endpoint": endpoint,
                            "chat": chat,
                            "attempt": attempt,
                            "delay": round(delay, 1),
                            "error": type(exc).__name__,
                        },
                    )
                    await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises


def _retry_after(seconds: float) -> RetryAfter:
    with warnings.catch_warnings():  # PTB warns about its own int/timedelta migration here
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(timedelta(seconds=math.ceil(seconds)))
