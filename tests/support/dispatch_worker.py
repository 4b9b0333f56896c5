"""A bot process for tests: dispatches due reminders to a sender that appends their ids to a file."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select

from bot.app import Followup
from bot.common.events import Reply
from bot.service.config import Settings
from bot.store.models import Reminder, ReminderState


class FileSender:
    platform = "console"

    def __init__(self, path: str, delay: float) -> None:
        self.path, self.delay = path, delay

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        if self.delay:
            await asyncio.sleep(self.delay)
        reminder_id = next(b.action for r in replies for b in r.buttons).split(":")[1]
        with open(self.path, "a") as out:
            out.write(f"{reminder_id} {os.getpid()}\n")
            out.flush()
            os.fsync(out.fileno())


async def main(url: str, out: str, delay: float) -> None:
    app = await Followup.create(Settings(database_url=url, _env_file=None))
    app.add_sender(FileSender(out, delay))
    Path(f"{out}.ready.{os.getpid()}").touch()  # up and connected: the test waits for every worker's file
    go = out + ".go"  # start together, so the processes really compete for the same rows
    while not os.path.exists(go):
        await asyncio.sleep(0.01)
    # Until every reminder is out, as the scheduler would keep waking a worker. A dispatch may find
    # nothing while the other worker's claim holds the chats' rows (SKIP LOCKED): that is not the end.
    while True:
        if not await app.dispatch_due():
            async with app.sessions() as session:
                left = await session.scalar(
                    select(func.count(Reminder.id)).where(
                        Reminder.state.in_([ReminderState.SCHEDULED, ReminderState.SENDING])
                    )
                )
            if not left:
                break
            await asyncio.sleep(0.01)
    await app.stop()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0))
