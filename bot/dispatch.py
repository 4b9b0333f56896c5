"""Sending due reminders exactly once: claim rows atomically, deliver, then mark them sent.

The reminder rows are the truth. APScheduler only wakes the dispatcher: one date job at the next
due time and one safety interval job, each carrying nothing but its name. Any number of processes
can share a database: a row is claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, and under
SQLite's single-writer lock (BEGIN IMMEDIATE) on SQLite, so no two processes send the same one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import Settings
from bot.events import DeliveryError, Reply, Sender, UserUnreachable
from bot.reminders import LATE_AFTER, render
from bot.retention import Retention
from bot.store.models import FollowUp, FollowUpState, Interview, Mailbox, Reminder, ReminderState, User

log = logging.getLogger(__name__)

BATCH = 200
LEASE = timedelta(minutes=2)  # a claim older than this was lost with its process: send again
MAX_BACKOFF = timedelta(minutes=30)


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """Exponential backoff (5 s, 10 s, 20 s ... 30 min), or the platform's own Retry-After."""
    delay = timedelta(seconds=5 * 2 ** max(attempts - 1, 0))
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return min(delay, MAX_BACKOFF)


class Dispatcher:
    """Claims due reminders for the platforms this process serves and hands them to their senders."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Clock) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.senders: dict[str, Sender] = {}
        self.scheduler: AsyncIOScheduler | None = None
        self._running = asyncio.Lock()
        self._ticking = asyncio.Lock()
        self._wake_at: datetime | None = None
        self.retention = Retention(sessions, settings, clock)  # erases old contact details on the tick

    @property
    def platforms(self) -> list[str]:
        return sorted(self.senders)

    # ---- claiming ---------------------------------------------------------------------------

    async def claim(self, limit: int = BATCH) -> list[int]:
        """Atomically move up to `limit` due reminders to 'sending' and return their ids."""
        if not self.senders:
            return []
        now = self.clock()
        async with self.sessions() as session, session.begin():
            due = (
                select(Reminder.id)
                .join(User, User.id == Reminder.user_id)
                .where(
                    Reminder.state == ReminderState.SCHEDULED,
                    Reminder.platform.in_(self.platforms),
                    Reminder.send_after <= now,
                    User.active.is_(True),
                )
                .order_by(Reminder.send_after)
                .limit(limit)
                .with_for_update(of=Reminder, skip_locked=True)
            )
            claimed = await session.scalars(
                update(Reminder)
                # No second state test here: the rows are locked by the subquery (PostgreSQL re-checks the
                # state of rows changed meanwhile) or by BEGIN IMMEDIATE (SQLite), and on SQLite the extra
                # test made the planner walk the state index over every scheduled row for each batch.
                .where(Reminder.id.in_(due.scalar_subquery()))
                .values(state=ReminderState.SENDING, claimed_at=now, attempts=Reminder.attempts + 1)
                .returning(Reminder.id)
                .execution_options(synchronize_session=False)
            )
            return list(claimed)

    async def recover(self) -> int:
        """Put back reminders whose claim outlived its lease (the process died mid-send)."""
        now = self.clock()
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Reminder)
                .where(
                    Reminder.state == ReminderState.SENDING,
                    Reminder.platform.in_(self.platforms),
                    Reminder.claimed_at < now - LEASE,
                )
                .values(state=ReminderState.SCHEDULED)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount or 0

    async def next_due(self) -> datetime | None:
        if not self.senders:
            return None
        async with self.sessions() as session:
            return await session.scalar(
                select(func.min(Reminder.send_after)).where(
                    Reminder.state == ReminderState.SCHEDULED, Reminder.platform.in_(self.platforms)
                )
            )

    # ---- sending ----------------------------------------------------------------------------

    async def dispatch_due(self) -> int:
        """Send everything due now, batch by batch; return how many the platforms accepted."""
        sent = 0
        async with self._running:
            while True:
                ids = await self.claim()
                if not ids:
                    break
                sent += await self._send_batch(ids)
                if len(ids) < BATCH:
                    break
        await self.reschedule()
        return sent

    async def _send_batch(self, ids: Sequence[int]) -> int:
        now = self.clock()
        async with self.sessions() as session:
            rows = (
                await session.execute(
                    select(Reminder, FollowUp, Interview, User)
                    .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
                    .join(Interview, Interview.id == FollowUp.interview_id)
                    .join(User, User.id == Reminder.user_id)
                    .where(Reminder.id.in_(ids))
                )
            ).all()
            # Users with a mailbox connected get "Send now" on their emails (bot/mailchat.py).
            users = {row[3].id for row in rows}
            mailboxes = set(await session.scalars(select(Mailbox.user_id).where(Mailbox.user_id.in_(users))))
        outcomes: dict[int, tuple[str, DeliveryError | None]] = {}
        drafts_cache: dict = {}  # each interview's thank-you drafts, written once per batch

        async def deliver(reminder: Reminder, follow_up: FollowUp, interview: Interview, user: User) -> None:
            if follow_up.state != FollowUpState.PENDING:
                outcomes[reminder.id] = ("cancel", None)
                return
            reminder.late = now - reminder.due_at > LATE_AFTER
            reply: Reply = render(reminder, follow_up, interview, user, now, drafts_cache, user.id in mailboxes)
            try:
                await self.senders[user.platform].deliver(user.key, [reply])
            except UserUnreachable as exc:
                outcomes[reminder.id] = ("unreachable", exc)
            except DeliveryError as exc:
                outcomes[reminder.id] = ("retry", exc)
            except Exception as exc:  # a bug in an adapter must not lose the reminder
                log.exception("deliver crashed reminder=%s user=%s", reminder.id, user.key)
                outcomes[reminder.id] = ("retry", DeliveryError(repr(exc)))
            else:
                outcomes[reminder.id] = ("sent", None)

        await asyncio.gather(*(deliver(*row) for row in rows))
        await self._settle(rows, outcomes)
        return sum(1 for kind, _ in outcomes.values() if kind == "sent")

    async def _settle(self, rows: Sequence, outcomes: dict[int, tuple[str, DeliveryError | None]]) -> None:
        now = self.clock()
        by_id = {row[0].id: row for row in rows}
        sent = [rid for rid, (kind, _) in outcomes.items() if kind == "sent"]
        async with self.sessions() as session, session.begin():
            if sent:
                late = [rid for rid in sent if by_id[rid][0].late]
                await session.execute(
                    update(Reminder)
                    .where(Reminder.id.in_(sent), Reminder.state == ReminderState.SENDING)
                    .values(state=ReminderState.SENT, sent_at=now, last_error=None)
                    .execution_options(synchronize_session=False)
                )
                if late:
                    await session.execute(
                        update(Reminder)
                        .where(Reminder.id.in_(late))
                        .values(late=True)
                        .execution_options(synchronize_session=False)
                    )
            for rid, (kind, error) in outcomes.items():
                reminder, _, _, user = by_id[rid]
                if kind == "cancel":
                    values = {"state": ReminderState.CANCELLED}
                elif kind in {"retry", "unreachable"}:
                    values = {
                        "state": ReminderState.SCHEDULED,
                        "send_after": now + backoff(reminder.attempts, error.retry_after if error else None),
                        "last_error": str(error)[:500],
                    }
                    if kind == "unreachable":
                        # Paused, not dropped: the claim skips inactive users until they /start again.
                        await session.execute(update(User).where(User.id == user.id).values(active=False))
                        values["send_after"] = reminder.send_after
                    log.warning(
                        "reminder not delivered id=%s user=%s kind=%s attempts=%d",
                        rid,
                        user.key,
                        kind,
                        reminder.attempts,
                    )
                else:
                    continue
                await session.execute(
                    update(Reminder)
                    .where(Reminder.id == rid, Reminder.state == ReminderState.SENDING)
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
        if sent:
            log.info("reminders sent count=%d", len(sent))

    # ---- waking -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the scheduler on the running event loop: a safety tick plus a wake at the next due time."""
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.scheduler.add_job(
            self._tick,
            "interval",
            seconds=self.settings.safety_interval_seconds,
            id="safety",
            max_instances=1,
            coalesce=True,
        )
        self.scheduler.start()
        self.scheduler.add_job(self._tick, id="startup", max_instances=1)  # what fell due while we were down

    async def stop(self) -> None:
        """Stop waking; a tick already running finishes first, since cancelling it mid-query would
        strand a database connection (and, on SQLite, the thread that serves it)."""
        if self.scheduler is not None:
            self.scheduler.pause()
            async with self._ticking:
                self.scheduler.shutdown(wait=False)
                self.scheduler = None
        async with self._running:
            pass

    async def _tick(self) -> None:
        async with self._ticking:
            await self._tick_once()

    async def _tick_once(self) -> None:
        try:
            await self.recover()
            await self.dispatch_due()
        except Exception:
            log.exception("dispatch failed; will try again on the next tick")
        try:
            await self.retention.tick()
        except Exception:
            log.exception("retention failed; will try again on the next tick")

    async def reschedule(self) -> None:
        due = await self.next_due()
        if due is not None:
            self.wake(due)

    def wake(self, at: datetime) -> None:
        """Make sure the dispatcher runs at `at` (a reminder was planned or snoozed)."""
        if self.scheduler is None:
            return
        now = self.clock()
        at = max(at, now)
        if self._wake_at is not None and now <= self._wake_at <= at:
            return  # an earlier wake-up is already set
        self._wake_at = at
        self.scheduler.add_job(
            self._tick,
            DateTrigger(run_date=at),
            id="wake",
            replace_existing=True,
            max_instances=1,
            misfire_grace_time=None,
        )

    @property
    def healthy(self) -> bool:
        return self.scheduler is not None and self.scheduler.running
