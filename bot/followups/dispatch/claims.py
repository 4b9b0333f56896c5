"""Claiming due reminders: atomically, a chat (user) at a time per process, within each platform's rates."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.common.events import Sender
from bot.followups.dispatch.rules import BATCH, WRITE_RETRIES, chat_interval
from bot.store.models import Reminder, ReminderState, User

log = logging.getLogger("bot.followups.dispatch")  # the whole dispatcher logs as one, as its logs always did


class Claims:
    """Claims of due reminders: taking them (and their chats), putting back what was never tried or
    outlived its lease, and when something next becomes claimable."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, senders: dict[str, Sender], lease: timedelta
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.senders = senders  # the dispatcher's, shared: the platforms this process serves
        self.lease = lease
        self.claimed_at: datetime | None = None  # the time the last claim looked at

    @property
    def platforms(self) -> list[str]:
        return sorted(self.senders)

    def _per_chat(self, platform: str) -> int:
        """How many of one chat's reminders a claim may take: all of them on an unpaced platform, else
        as many as fit comfortably in the lease at the platform's per-chat interval."""
        interval = chat_interval(self.senders.get(platform))
        if not interval:
            return BATCH
        return max(1, int(self.lease.total_seconds() / 4 / interval))

    async def claim(self, limit: int = BATCH) -> list[int]:
        """Atomically move up to `limit` due reminders to 'sending' and return their ids.

        A chat (user) whose lease runs (`paced_until` in the future: another claim is serving it, or
        its platform's per-chat interval has not passed) is left alone; on paced platforms the claim
        leases each user it takes, so no other process writes to that chat meanwhile.
        """
        if not self.senders or limit <= 0:
            return []
        now = self.claimed_at = self.clock()
        try:
            return await self._claim(now, limit)
        except Exception:
            # The commit may have gone through before the connection died (we can't tell): the rows this
            # claim marked carry its exact `claimed_at`, so they are given back by that, not left to the lease.
            await self.give_back(claimed_at=now)
            raise

    async def _claim(self, now: datetime, limit: int) -> list[int]:
        async with self.sessions() as session, session.begin():
            candidates = (
                await session.execute(
                    select(Reminder.id, Reminder.user_id, Reminder.platform)
                    .join(User, User.id == Reminder.user_id)
                    .where(
                        Reminder.state == ReminderState.SCHEDULED,
                        Reminder.platform.in_(self.platforms),
                        Reminder.send_after <= now,
                        User.active.is_(True),
                        or_(User.paced_until.is_(None), User.paced_until <= now),
                    )
                    .order_by(Reminder.send_after, Reminder.id)
                    .limit(limit)
                    .with_for_update(of=(Reminder, User), skip_locked=True)
                )
            ).all()
            taken: dict[int, int] = {}
            ids: list[int] = []
            paced_users: set[int] = set()
            for rid, user_id, platform in candidates:
                if taken.get(user_id, 0) >= self._per_chat(platform):
                    continue
                taken[user_id] = taken.get(user_id, 0) + 1
                ids.append(rid)
                if chat_interval(self.senders.get(platform)):
                    paced_users.add(user_id)
            if not ids:
                return []
            await session.execute(
                update(Reminder)
                .where(Reminder.id.in_(ids))
                .values(state=ReminderState.SENDING, claimed_at=now, attempts=Reminder.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            if paced_users:
                await session.execute(
                    update(User)
                    .where(User.id.in_(paced_users))
                    .values(paced_until=now + self.lease)
                    .execution_options(synchronize_session=False)
                )
            return ids

    async def recover(self) -> int:
        """Put back reminders whose claim outlived its lease (the process died mid-send)."""
        now = self.clock()
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Reminder)
                .where(
                    Reminder.state == ReminderState.SENDING,
                    Reminder.platform.in_(self.platforms),
                    Reminder.claimed_at < now - self.lease,
                )
                .values(state=ReminderState.SCHEDULED)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount or 0

    async def next_due(self) -> datetime | None:
        """When something may next become claimable: the next planned reminder, or the end of a
        chat's pacing (a due reminder waits for it). Both are index lookups.

        "Next" counts from the last claim, so a reminder that fell due between that claim and this
        query is not skipped (its time is past: the wake-up comes at once).
        """
        if not self.senders:
            return None
        now = self.claimed_at or self.clock()
        async with self.sessions() as session:
            planned = await session.scalar(
                select(func.min(Reminder.send_after)).where(
                    Reminder.state == ReminderState.SCHEDULED,
                    Reminder.platform.in_(self.platforms),
                    Reminder.send_after > now,
                )
            )
            paced = await session.scalar(select(func.min(User.paced_until)).where(User.paced_until > now))
        times = [t for t in (planned, paced) if t is not None]
        return min(times) if times else None

    async def give_back(self, ids: Sequence[int] = (), *, claimed_at: datetime | None = None) -> None:
        """Claims never tried go back to 'scheduled' (their attempt not counted, their chats free again),
        by id or by the exact moment of the claim that marked them; retried like a group commit while the
        database restarts; failing that, the lease brings them back."""
        mine = Reminder.id.in_(ids) if claimed_at is None else Reminder.claimed_at == claimed_at
        count = len(ids) if claimed_at is None else "the"
        for attempt in range(WRITE_RETRIES):
            try:
                async with self.sessions() as session, session.begin():
                    now = self.clock()
                    chats = select(Reminder.user_id).where(mine, Reminder.state == ReminderState.SENDING)
                    chats = chats.scalar_subquery()
                    await session.execute(
                        update(User)
                        .where(User.id.in_(chats), User.paced_until > now)
                        .values(paced_until=now)
                        .execution_options(synchronize_session=False)
                    )
                    await session.execute(
                        update(Reminder)
                        .where(mine, Reminder.state == ReminderState.SENDING)
                        .values(state=ReminderState.SCHEDULED, claimed_at=None, attempts=Reminder.attempts - 1)
                        .execution_options(synchronize_session=False)
                    )
                log.warning("gave back claimed reminders that were never tried", extra={"count": count})
                return
            except Exception:
                if attempt + 1 == WRITE_RETRIES:
                    log.warning("could not give back claims; the lease will", extra={"count": count}, exc_info=True)
                    return
                await asyncio.sleep(0.5)
