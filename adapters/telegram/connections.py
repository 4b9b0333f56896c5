"""The HTTP side of Bot API calls: pooled connections for sends, and a getUpdates that yields after a 409."""

from __future__ import annotations

import asyncio
import math
from http import HTTPStatus
from typing import Any

import httpx
from telegram.error import TimedOut
from telegram.request import BaseRequest, HTTPXRequest


class BotRequest(BaseRequest):
    """HTTPX for Bot API calls: `connections` connections in all, as several small pools.

    httpcore's pool rescans every connection (a syscall for each idle one) and every queued request
    each time a request starts or ends, so one pool of 32 busy connections costs more CPU than the
    calls themselves. Here a request takes one of `connections` slots (first come, first served),
    then the first pool with a free connection: httpcore never queues, scans at most `per_pool`
    connections, and light traffic stays on the first pool's few connections. Waiting for a slot
    counts against the pool timeout and fails as PTB's own pool timeout does (TimedOut, which the
    pacer retries).
    """

    def __init__(self, *, connections: int = 32, per_pool: int = 4, pool_timeout: float | None = 10.0) -> None:
        per_pool = max(1, min(per_pool, connections))
        self._per_pool = per_pool
        tls = httpx.create_ssl_context()  # what each client would load for itself, loaded once
        self._pools = [
            HTTPXRequest(connection_pool_size=per_pool, pool_timeout=pool_timeout, httpx_kwargs={"verify": tls})
            for _ in range(math.ceil(connections / per_pool))
        ]
        self._busy = [0] * len(self._pools)
        self._slots = asyncio.Semaphore(per_pool * len(self._pools))
        self._pool_timeout = pool_timeout

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout, as HTTPXRequest's."""
        return self._pools[0].read_timeout

    async def initialize(self) -> None:
        """Open every pool's client."""
        for pool in self._pools:
            await pool.initialize()

    async def shutdown(self) -> None:
        """Close every pool's client."""
        for pool in self._pools:
            await pool.shutdown()

    async def do_request(self, url: str, method: str, request_data: Any = None, **timeouts: Any) -> tuple[int, bytes]:
        """Make the request on a free connection once there is one."""
        if self._slots.locked():
            wait = timeouts.get("pool_timeout", BaseRequest.DEFAULT_NONE)
            if wait is BaseRequest.DEFAULT_NONE:
                wait = self._pool_timeout
            try:
                async with asyncio.timeout(wait):
                    await self._slots.acquire()
            except TimeoutError:
                raise TimedOut(
                    "Pool timeout: all connections in the connection pool are occupied. "
                    "Request was *not* sent to Telegram."
                ) from None
        else:
            await self._slots.acquire()  # a slot is free: returns at once
        # Holding a slot, some pool has a free connection (fewer than all slots are taken by others).
        index = next(i for i, busy in enumerate(self._busy) if busy < self._per_pool)
        self._busy[index] += 1
        try:
            return await self._pools[index].do_request(url, method, request_data, **timeouts)
        finally:
            self._busy[index] -= 1
            self._slots.release()


class PollRequest(HTTPXRequest):
    """getUpdates over HTTPX that goes quiet after a 409 Conflict.

    After a conflict PTB still calls getUpdates once more on shutdown to confirm the offset;
    that call would in turn terminate the other instance's long poll (Telegram lets the newest
    poll win), so both would stop. Answering it locally with no updates lets the other one live.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.conflicted = False

    async def do_request(self, url: str, method: str, request_data: Any = None, **timeouts: Any) -> tuple[int, bytes]:
        """Make the request, unless a 409 was seen already."""
        if self.conflicted:
            return HTTPStatus.OK, b'{"ok": true, "result": []}'
        code, payload = await super().do_request(url, method, request_data, **timeouts)
        if code == HTTPStatus.CONFLICT:
            self.conflicted = True
        return code, payload
