"""Claiming due reminders: atomically, a chat (user) at a time per process, within each platform's rates."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.common.events import Sender
from bot.followups.dispatch.rules import BATCH, WRITE_RETRIES, Release, chat_interval
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
        # What this process holds now: its claimed reminders not yet settled (by id) and the chats it is
        # serving. `renew` keeps their leases fresh while it works on them (see `Renewal`).
        self.held: dict[int, Reminder] = {}
        self.serving: set[int] = set()  # paced chats claimed and not yet done with (one batch at a time)
        self.chat_of: dict[int, int] = {}  # claimed reminder id -> its paced chat, until its batch is done
        # The lease this process holds on each paced chat it claimed (`users.paced_until` as it wrote it): its
        # renewal and its release change the row only while it still says that, so a process that outlived its
        # lease (another one took the chat since) never frees or holds a chat that is not its own any more.
        self.chat_leases: dict[int, datetime] = {}

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
        ids, paced = await self._take(now, limit)
        for rid, user_id in paced.items():  # committed: this process holds these chats until then, and serves them
            self.chat_leases[user_id] = now + self.lease
            self.serving.add(user_id)
            self.chat_of[rid] = user_id
        return ids

    def done_with(self, ids: Sequence[int]) -> None:
        """A batch is over (or never started): its chats are not served by this process any more, unless a
        later claim took one of them again (the batch was done with that chat and released it while it still
        delivered to others): that claim's batch serves it now, and its lease must stay renewed and checked."""
        ended = {self.chat_of.pop(rid) for rid in ids if rid in self.chat_of}
        self.serving -= ended - set(self.chat_of.values())

    async def _take(self, now: datetime, limit: int) -> tuple[list[int], dict[int, int]]:
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
            paced: dict[int, int] = {}  # reminder id -> its chat (user), on paced platforms
            for rid, user_id, platform in candidates:
                if taken.get(user_id, 0) >= self._per_chat(platform) or user_id in self.serving:
                    continue  # a chat this process still serves (it lost its lease meanwhile) waits for it
                taken[user_id] = taken.get(user_id, 0) + 1
                ids.append(rid)
                if chat_interval(self.senders.get(platform)):
                    paced[rid] = user_id
            if not ids:
                return [], {}
            await session.execute(
                update(Reminder)
                .where(Reminder.id.in_(ids))
                .values(state=ReminderState.SENDING, claimed_at=now, attempts=Reminder.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            if paced:
                await session.execute(
                    update(User)
                    .where(User.id.in_(set(paced.values())))
                    .values(paced_until=now + self.lease)
                    .execution_options(synchronize_session=False)
                )
            return ids, paced

    async def renew(self, session: AsyncSession, now: datetime) -> tuple[list[tuple[Reminder, datetime]], dict]:
        """Renew the leases of what this process still works on: its claims still 'sending' under the claim it
        made (`claimed_at` unchanged: another process that took one back after its lease keeps it) and the
        chats it is serving (under the lease it holds). Returns the claims renewed with their new time and the
        chats with their new lease, to note once this is committed.

        Without it a process slowed down by load (a send, a commit or a wait for a slot taking seconds) could
        outlive its lease while it still sends: another process would then take the rows back and send them
        again, and write to a chat this one is still writing to."""
        renewed: list[tuple[Reminder, datetime]] = []
        by_claim: dict[datetime, list[int]] = {}
        for reminder in self.held.values():
            if reminder.claimed_at is not None:
                by_claim.setdefault(reminder.claimed_at, []).append(reminder.id)
        for claimed_at, ids in by_claim.items():
            result = await session.execute(
                update(Reminder)
                .where(
                    and_(
                        Reminder.id.in_(ids),
                        Reminder.state == ReminderState.SENDING,
                        Reminder.claimed_at == claimed_at,
                    )
                )
                .values(claimed_at=now)
                .returning(Reminder.id)
                .execution_options(synchronize_session=False)
            )
            renewed += [(self.held[rid], now) for rid in result.scalars() if rid in self.held]
        chats: dict[int, datetime] = {}
        by_lease: dict[datetime, list[int]] = {}
        for user_id in self.serving:
            if user_id in self.chat_leases:
                by_lease.setdefault(self.chat_leases[user_id], []).append(user_id)
        for lease, users in by_lease.items():
            result = await session.execute(
                update(User)
                .where(User.id.in_(users), User.paced_until == lease)
                .values(paced_until=now + self.lease)
                .returning(User.id)
                .execution_options(synchronize_session=False)
            )
            chats |= dict.fromkeys(result.scalars(), now + self.lease)
        return renewed, chats

    async def release(self, session: AsyncSession, release: Release) -> datetime | None:
        """Write a chat's release, only while the chat still has the lease this process holds: another process
        that took the chat after that lease ran out keeps it. Returns the lease released (None: nothing)."""
        lease = self.chat_leases.get(release.user_id)
        if lease is None:
            return None
        await session.execute(
            update(User)
            .where(User.id == release.user_id, User.paced_until == lease)
            .values(paced_until=release.at)
            .execution_options(synchronize_session=False)
        )
        return lease

    def released(self, user_id: int, lease: datetime) -> None:
        """The chat's release is committed: this process holds it no more (unless it claimed it again since)."""
        if self.chat_leases.get(user_id) == lease:
            del self.chat_leases[user_id]

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
        count = result.rowcount or 0
        if count:
            log.warning("took back claims that outlived their lease", extra={"count": count})
        return count

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
