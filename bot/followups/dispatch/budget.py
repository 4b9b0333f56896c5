"""A platform's send budget for the whole deployment: one row per platform (`delivery_budget`), its next
free send slot, shared by every process, for reminders and replies alike.

- A slot is computed from the time read once the row's lock is held (not before asking for it): a
  process that waited for the lock would otherwise take a slot already past and send at once, and
  several such slots make a burst over the platform's rate.
- Replies to what users write come first: a reply takes the next slot however far ahead the budget is
  booked; a reminder takes one only while the budget is booked less than `REMINDER_HORIZON` ahead, else
  it waits and asks again, so a burst of reminders never stands between a user and their answer.
"""

from __future__ import annotations

import asyncio
import math
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.store.models import DeliveryBudget

# How far ahead the budget may be booked for a reminder to take a slot: beyond it, reminders yield (the
# slots are left to replies). A few slots' worth, so reminders still flow at the full rate when no one writes.
REMINDER_HORIZON = timedelta(seconds=0.2)


def step(rate: float) -> timedelta:
    """The time between two slots, rounded up to the microsecond: rounded down (1/30 s is 33,333.3 µs),
    30 slots would take 0.99999 s and the 31st would fall within the same second."""
    return timedelta(microseconds=math.ceil(1_000_000 / rate))


class SendBudget:
    """Send slots from the platform's budget row (one short transaction per slot)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock, lease: timedelta) -> None:
        self.sessions = sessions
        self.clock = clock
        self.lease = lease  # a budget booked further ahead than this is from another time: start afresh
        self.sleep = asyncio.sleep  # tests run it on their clock

    async def slot(self, platform: str, rate: float, *, reply: bool = False) -> datetime | None:
        """Take the next send slot, or None for a reminder while replies have the budget booked ahead
        (past `REMINDER_HORIZON`); the caller sends at the slot it got, or asks again later."""
        async with self.sessions() as session, session.begin():
            locked = select(DeliveryBudget.next_slot).where(DeliveryBudget.platform == platform).with_for_update()
            booked = await session.scalar(locked)
            if booked is None:  # the platform's first message ever: make its row (another process may race us)
                make = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
                await session.execute(
                    make(DeliveryBudget).values(platform=platform, next_slot=self.clock()).on_conflict_do_nothing()
                )
                booked = await session.scalar(locked)
            now = self.clock()  # read with the row's lock held: a slot is never already past when it is taken
            if booked - now > self.lease:  # the clock went back (or a budget from another time): start afresh
                booked = now
            if not reply and booked - now > REMINDER_HORIZON:
                return None
            slot = max(booked, now)
            await session.execute(
                update(DeliveryBudget).where(DeliveryBudget.platform == platform).values(next_slot=slot + step(rate))
            )
        return slot

    async def wait(self, platform: str, rate: float, *, reply: bool = False) -> None:
        """Wait for a slot and until it comes (a reminder waits, too, while replies go first)."""
        while True:
            slot = await self.slot(platform, rate, reply=reply)
            if slot is not None:
                break
            await self.sleep(REMINDER_HORIZON.total_seconds() / 2)
        wait = (slot - self.clock()).total_seconds()
        if wait > 0:
            await self.sleep(wait)
