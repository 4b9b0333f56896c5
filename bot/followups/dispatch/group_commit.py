"""Group commits: items written to the database as they come, each transaction taking whatever arrived
while the previous one ran."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.followups.dispatch.rules import WRITE_RETRIES

log = logging.getLogger("bot.followups.dispatch")  # the whole dispatcher logs as one, as its logs always did


class GroupCommit:
    """Writes items to the database as they come: one transaction at a time, each taking whatever
    arrived while the previous one ran. `add` returns a future set once the item is committed."""

    def __init__(self, write: Callable[[list], Awaitable[None]]) -> None:
        self._write = write
        self._pending: list[tuple[object, asyncio.Future[None]]] = []
        self._task: asyncio.Task[None] | None = None

    def add(self, item: object) -> asyncio.Future[None]:
        future = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        return future

    async def _run(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            for attempt in range(WRITE_RETRIES + 1):
                try:
                    await self._write([item for item, _ in batch])
                except Exception as exc:
                    if attempt == WRITE_RETRIES:
                        # The rows stay 'sending' and are sent again after the lease: a repeat, never a loss.
                        log.exception("could not record delivery outcomes", extra={"count": len(batch)})
                        for _, future in batch:
                            if not future.done():
                                future.set_exception(exc)
                        break
                    log.warning("recording delivery outcomes failed; retrying", extra={"error": type(exc).__name__})
                    await asyncio.sleep(0.5)
                else:
                    for _, future in batch:
                        if not future.done():
                            future.set_result(None)
                    break
