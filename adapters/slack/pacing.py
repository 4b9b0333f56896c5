"""Calls to Slack's Web API for the adapter: retries in the client, pacing per channel, 429 Retry-After, error mapping."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import KeyedLocks
from bot.common.events import DeliveryError, UserUnreachable

log = logging.getLogger(__name__)
T = TypeVar("T")

# Errors after which the user cannot be written to until something changes on their side.
UNREACHABLE_ERRORS = frozenset(
    {
        "user_not_found",
        "user_disabled",
        "account_inactive",
        "cannot_dm_bot",
        "channel_not_found",
        "is_archived",
        "user_is_restricted",
        "missing_scope",  # the app was reinstalled without im:write; writing again will not help
        "invalid_auth",
        "token_revoked",
        "not_allowed_token_type",
        "team_access_not_granted",
    }
)


def retry_after(error: SlackApiError) -> float | None:
    """Slack's Retry-After (seconds) on a 429, else None."""
    response = error.response
    if getattr(response, "status_code", None) != 429:
        return None
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(float(value), 0.0) if value is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


def delivery_error(error: BaseException) -> DeliveryError:
    """The core's view of a failed call: unreachable user, or transient (retry later)."""
    if isinstance(error, ChannelHeld):
        return DeliveryError(str(error), retry_after=error.retry_after)
    if isinstance(error, SlackApiError):
        code = (error.response.get("error") if error.response is not None else None) or "unknown"
        status = getattr(error.response, "status_code", 0)
        if status == 429:
            return DeliveryError("Slack rate limit (429)", retry_after=retry_after(error))
        if code in UNREACHABLE_ERRORS:
            return UserUnreachable(f"Slack refused: {code}")
        return DeliveryError(f"Slack answered {status} {code}")
    return DeliveryError(f"Slack unreachable: {type(error).__name__}: {error}")


# ---- retries inside the Web API client (slack_sdk's own retry handlers) ---------------------------

RETRIES = 2  # after the first try: a short outage (about 0.25 s, then 0.5 s, plus jitter) is ridden out
PAUSES = BackoffRetryIntervalCalculator(backoff_factor=0.25)


class ServerErrorRetryHandler(AsyncServerErrorRetryHandler):
    """slack_sdk's server-error handler, for every 5xx (its own covers 500 and 503 only; Slack's edge
    also answers 502 and 504)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and 500 <= response.status_code <= 599


def retry_handlers() -> list[AsyncRetryHandler]:
    """What every Web API client of the adapter retries by itself: 5xx answers and connections that
    failed or dropped mid-reply. A 429 is not retried here: the Pacer holds that channel for its
    Retry-After, and the reminder dispatcher reschedules instead of waiting.

    chat.postMessage has no idempotency key, so a retry after a reply was lost mid-way can post the
    message twice; see "Delivery guarantees" in the README.
    """
    dropped = [
        aiohttp.ServerConnectionError,  # refused, reset, disconnected (ServerDisconnectedError)
        aiohttp.ClientOSError,  # [Errno 104] connection reset by peer
        aiohttp.ClientPayloadError,  # the connection closed in the middle of the answer's body
    ]
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=RETRIES, interval_calculator=PAUSES, error_types=dropped),
        ServerErrorRetryHandler(max_retry_count=RETRIES, interval_calculator=PAUSES),
    ]


def web_client(token: str | None, base_url: str) -> AsyncWebClient:
    """A Web API client with the adapter's retry handlers."""
    return AsyncWebClient(token=token, base_url=base_url, retry_handlers=retry_handlers())


class ChannelHeld(Exception):
    """Slack asked (429) to wait before writing to this channel again, and the caller would not wait."""

    def __init__(self, channel: str, retry_after: float) -> None:
        super().__init__(f"Slack asked to wait {retry_after:.0f}s before writing to {channel}")
        self.retry_after = retry_after


TRANSIENT = (SlackApiError, SlackRequestError, ChannelHeld, aiohttp.ClientError, asyncio.TimeoutError, OSError)


class Pacer:
    """Keeps chat.postMessage to about one a second per channel and honours 429 Retry-After.

    Calls for one channel run one after another (so replies keep their order), each at least
    `interval` after the previous one; a 429 holds the channel back for Retry-After seconds.
    """

    def __init__(
        self,
        interval: float = 1.0,
        *,
        max_wait: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.interval = interval
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}  # pacing: the earliest next call
        self._held: dict[str, float] = {}  # a 429: no call before this
        self._locks = KeyedLocks()  # one call at a time per channel

    def _lock(self, channel: str) -> asyncio.Lock:
        if len(self._next) + len(self._held) > 1000:  # forget idle channels so the dicts do not grow with users
            now = self._clock()
            for key in {*self._next, *self._held}:
                if key not in self._locks and max(self._next.get(key, 0), self._held.get(key, 0)) <= now:
                    self._next.pop(key, None)
                    self._held.pop(key, None)
        return self._locks(channel)

    async def call(self, channel: str, make_call: Callable[[], Awaitable[T]], *, retries: int = 3) -> T:
        """Run `make_call` for `channel` when its turn comes; on a 429, wait and retry `retries` times.

        With retries=0 nothing waits for a 429: it is raised (SlackApiError, or ChannelHeld while
        an earlier Retry-After runs) so that the reminder dispatcher can come back later itself.
        """
        async with self._lock(channel):
            attempt = 0
            while True:
                held = self._held.get(channel, 0.0) - self._clock()
                if held > 0:
                    if attempt >= retries or held > self.max_wait:
                        raise ChannelHeld(channel, held)
                    await self._sleep(held)
                wait = self._next.get(channel, 0.0) - self._clock()
                if wait > 0:
                    await self._sleep(wait)
                try:
                    result = await make_call()
                except SlackApiError as error:
                    pause = retry_after(error)
                    if pause is None:
                        raise
                    self._held[channel] = self._clock() + pause
                    if attempt >= retries or pause > self.max_wait:
                        raise
                    attempt += 1
                    log.info(
                        "Slack asked to slow down; retrying",
                        extra={"platform": "slack", "channel": channel, "retry_in": round(pause, 1)},
                    )
                    continue
                self._next[channel] = self._clock() + self.interval
                return result
