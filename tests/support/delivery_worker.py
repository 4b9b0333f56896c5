"""A bot process for the delivery tests: the real dispatcher and scheduler on a shared database, and a
fake platform that writes down each message it accepts (fsync'd, so a kill -9 loses no line).

    python -m tests.support.delivery_worker DATABASE_URL OUT_FILE [--delay S] [--chat-interval S] [--global-rate N]
                                    [--lease S] [--tick S]

Each line of OUT_FILE is `A reminder_id user_key pid at` when the platform accepted a message and
`R reminder_id user_key pid at` when its answer reached the bot (Unix times). The answer comes
`--delay` seconds after the platform accepted, as a reply travels back; with `--chat-interval` it
paces each chat in this process (as the Telegram and Slack adapters do) and declares the interval,
so the dispatcher keeps the chat's rate across processes too; `--global-rate` declares the platform's
rate for the whole deployment (the dispatcher shares it through the database).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import time
from collections.abc import Sequence

from bot.app import Followup
from bot.common.events import Reply
from bot.service.config import Settings


class AcceptingSender:
    platform = "console"

    def __init__(self, path: str, delay: float, chat_interval: float, global_rate: float) -> None:
        self.path, self.delay, self.chat_interval, self.global_rate = path, delay, chat_interval, global_rate
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._out = open(path, "a")  # noqa: SIM115 - one file for the life of the process

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        async with self._locks.setdefault(user_key, asyncio.Lock()):
            wait = self._last.get(user_key, 0.0) + self.chat_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            reminder_id = next(b.action for r in replies for b in r.buttons).split(":")[1]
            self._write("A", reminder_id, user_key)
            self._last[user_key] = time.monotonic()
        await asyncio.sleep(self.delay)  # the platform's answer is on its way back
        self._write("R", reminder_id, user_key)

    def _write(self, what: str, reminder_id: str, user_key: str) -> None:
        self._out.write(f"{what} {reminder_id} {user_key} {os.getpid()} {time.time():.6f}\n")
        self._out.flush()
        os.fsync(self._out.fileno())


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--delay", type=float, default=0.02)
    parser.add_argument("--chat-interval", type=float, default=0.0)
    parser.add_argument("--global-rate", type=float, default=0.0)
    parser.add_argument("--lease", type=float, default=120.0)
    parser.add_argument("--tick", type=float, default=0.2)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = Settings(
        database_url=args.url,
        FOLLOWUP_SAFETY_INTERVAL=args.tick,
        FOLLOWUP_CLAIM_LEASE=args.lease,
        _env_file=None,
    )
    app = await Followup.create(settings)
    app.add_sender(AcceptingSender(args.out, args.delay, args.chat_interval, args.global_rate))
    await app.start()
    print("ready", flush=True)
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(main())
