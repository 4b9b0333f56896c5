"""A bot process for the fault tests: the real scheduler dispatches due reminders to a slow sender
that appends each reminder id to a file (fsync'd, so a kill -9 loses no line), until it is killed.

    python -m tests.support.fault_worker DATABASE_URL OUT_FILE DELAY CLOCK_OFFSET_SECONDS

The clock runs CLOCK_OFFSET_SECONDS ahead of the real one: a restart "later" than the claims' lease,
without waiting minutes for it in a test.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.app import Followup
from bot.common.clock import system_clock
from bot.common.events import Reply
from bot.service.config import Settings


class SlowFileSender:
    """Accepts each reminder after a jittered delay, like a platform API, and writes it down."""

    platform = "console"

    def __init__(self, path: str, delay: float) -> None:
        self.path, self.delay = path, delay

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        await asyncio.sleep(random.uniform(0, self.delay))
        reminder_id = next(b.action for r in replies for b in r.buttons).split(":")[1]
        with open(self.path, "a") as out:
            out.write(f"{reminder_id} {os.getpid()}\n")
            out.flush()
            os.fsync(out.fileno())
        await asyncio.sleep(self.delay)  # the platform answers a moment after it accepted


async def main(url: str, out: str, delay: float, offset: float) -> None:
    # A batch outlasts the 0.2 s safety interval on purpose; APScheduler's "skipped" warnings are noise here.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)

    def clock() -> datetime:
        return system_clock() + timedelta(seconds=offset)

    settings = Settings(database_url=url, FOLLOWUP_SAFETY_INTERVAL=0.2, _env_file=None)
    app = await Followup.create(settings, clock=clock)
    app.add_sender(SlowFileSender(out, delay))
    await app.start()
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])))
