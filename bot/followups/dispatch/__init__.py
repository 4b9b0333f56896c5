"""Sending due reminders exactly once: claim rows atomically, deliver, mark each one as it is accepted.

The reminder rows are the truth. APScheduler only wakes the dispatcher: one date job at the next
due time and one safety interval job, each carrying nothing but its name; a job only pokes the
dispatch loop and returns, so a wake-up during a running dispatch is never skipped. Any number of
processes can share a database:

- a row is claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, and under SQLite's single-writer
  lock (BEGIN IMMEDIATE) on SQLite, so no two processes send the same one;
- a reminder is marked sent as soon as its platform accepted it: outcomes go to the database in
  group commits (whatever arrived while the previous commit ran), so a `kill -9` repeats at most
  what was in flight at that instant;
- a chat is served by one process at a time: the claim leases the user's row (`users.paced_until`),
  and when its reminders are delivered the lease becomes "not before the platform's per-chat
  interval has passed", so the per-chat rate holds for the whole deployment, not per process;
- a reminder that fails `FOLLOWUP_MAX_DELIVERY_ATTEMPTS` times is marked failed, logged with the
  reason, and the user is told (at once if possible, else with the answer to their next message).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.common.events import Sender
from bot.followups.dispatch.budget import SendBudget
from bot.followups.dispatch.claims import Claims
from bot.followups.dispatch.outcomes import Outcomes
from bot.followups.dispatch.rules import BATCH, STOP_GRACE, Renewal
from bot.followups.dispatch.sending import Sending
from bot.service.config import Settings
from bot.service.retention import Retention

log = logging.getLogger(__name__)


class Dispatcher:
    """Claims due reminders for the platforms this process serves and hands them to their senders.

    Made of parts, each with its own state: `claims` (taking due reminders and their chats, giving back,
    what is next due), `budget` (the platforms' send slots, shared with replies), `sending` (delivering a
    claimed batch) and `outcomes` (recording what became of each, in group commits; delivery health). This
    class wakes them (APScheduler), runs the dispatch loop and is what the rest of the bot talks to.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Clock) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.senders: dict[str, Sender] = {}  # shared by the parts: adding a sender here serves its platform
        self.scheduler: AsyncIOScheduler | None = None
        self._running = asyncio.Lock()
        self._wanted = asyncio.Event()  # a wake-up came: claim again (during a dispatch, or run another)
        self._runner: asyncio.Task[None] | None = None
        self._stopping = False
        self._wake_at: datetime | None = None
        self.lease = timedelta(seconds=settings.claim_lease_seconds)
        self.claims = Claims(sessions, clock, self.senders, self.lease)
        self.budget = SendBudget(sessions, clock, self.lease)
        self.outcomes = Outcomes(sessions, clock, self.senders, self.claims)
        self.sending = Sending(sessions, settings, clock, self.senders, self.claims, self.budget, self.outcomes)
        self.retention = Retention(sessions, settings, clock)  # erases old contact details on the tick

    # ---- what the rest of the bot asks of it ----------------------------------------------------

    @property
    def platforms(self) -> list[str]:
        return self.claims.platforms

    async def claim(self, limit: int = BATCH) -> list[int]:
        return await self.claims.claim(limit)

    async def recover(self) -> int:
        return await self.claims.recover()

    async def next_due(self) -> datetime | None:
        return await self.claims.next_due()

    def failing_for(self) -> timedelta | None:
        return self.outcomes.failing_for()

    async def refresh_metrics(self) -> None:
        await self.outcomes.refresh_metrics()

    # ---- waking -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the scheduler on the running event loop: a safety tick plus a wake at the next due time."""
        self._stopping = self.sending.stopping = self.sending._abandoning = False
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.scheduler.add_job(
            self._poke,
            "interval",
            seconds=self.settings.safety_interval_seconds,
            id="safety",
            max_instances=1,
            coalesce=True,
        )
        self.scheduler.start()
        self.scheduler.add_job(self._poke, id="startup", max_instances=1)  # what fell due while we were down

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop waking and claiming, and end a dispatch already running within about `grace` seconds.

        Each chat's reminders not yet begun go back at once, untried (any process may claim them again, their
        attempt not counted). Sends under way get `grace` to finish and be recorded; one still hanging then is
        given up (cancelled in its Sender, never in a database query: that would strand a connection and, on
        SQLite, its thread) and its reminder is left claimed: when its lease runs out any process sends it, as
        after a crash. Whatever went out is recorded; at most a send given up mid-way is repeated."""
        self._stopping = self.sending.stopping = True
        if self.scheduler is not None:
            self.scheduler.pause()
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        ended = asyncio.ensure_future(self._dispatch_ended())
        done, _ = await asyncio.wait({ended}, timeout=grace)
        if not done:
            given_up = self.sending.abandon()
            log.warning("stopping: sends still under way given up", extra={"count": given_up, "grace": grace})
            await ended
        self._runner = None

    async def _dispatch_ended(self) -> None:
        """Wait (without cancelling it) for the dispatch running now, from a tick or called directly."""
        if self._runner is not None:
            await asyncio.shield(self._runner)
        async with self._running:
            pass

    async def _poke(self) -> None:
        """What the scheduler's jobs run: poke the dispatch loop and return at once, so no wake-up is
        ever skipped as 'maximum number of running instances reached' while a long dispatch runs."""
        if self._stopping:
            return
        self._wanted.set()
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())

    async def _tick(self) -> None:
        """One tick, waited for: poke the loop and wait until it has nothing left to do."""
        await self._poke()
        if self._runner is not None:
            await asyncio.shield(self._runner)

    async def _run(self) -> None:
        while self._wanted.is_set() and not self._stopping:
            self._wanted.clear()
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

    async def dispatch_due(self) -> int:
        """Send everything due now; return how many the platforms accepted.

        Claims run while earlier claims are still being delivered (up to BATCH reminders in
        flight), and a wake-up that comes meanwhile claims again at once: a reminder that falls due
        during a long dispatch does not wait for it to end.
        """
        sent = 0
        async with self._running:
            flying: dict[asyncio.Task[int], int] = {}
            renewed = self.clock()  # when the leases held were last renewed (the claims are as fresh)
            while True:
                self._wanted.clear()
                room = BATCH - sum(flying.values())
                ids = await self.claims.claim(room) if room > 0 and not self._stopping else []
                if ids:
                    flying[asyncio.create_task(self.sending.send_batch(ids))] = len(ids)
                    if len(ids) < room:
                        continue  # claim again at once: more may have fallen due meanwhile
                if not flying:
                    break
                # Nothing more is due (or no room): be woken for the next due time, which may come
                # while these are sent. Also after an empty claim: a timer may fire a hair early.
                await self.reschedule()
                renewed = self._renew(renewed)
                poke = asyncio.create_task(self._wanted.wait())
                done, _ = await asyncio.wait(
                    {*flying, poke}, timeout=self.renew_every, return_when=asyncio.FIRST_COMPLETED
                )
                poke.cancel()
                for task in done:
                    if task is poke:
                        continue
                    flying.pop(task)
                    try:
                        sent += task.result()
                    except Exception:  # the rows stay 'sending' and come back after the lease
                        log.exception("a reminder batch failed")
        await self.reschedule()
        return sent

    @property
    def renew_every(self) -> float:
        """How often the leases of claims and chats still in work are renewed: well within the time after which
        a claim is given back untried (half the lease) and another process takes it (the whole lease)."""
        return self.lease.total_seconds() / 4

    def _renew(self, last: datetime) -> datetime:
        """Renew the leases held (in the next group commit) when `renew_every` has passed since `last`."""
        now = self.clock()
        if (now - last).total_seconds() < self.renew_every or not self.claims.held:
            return last if self.claims.held else now
        done = self.outcomes.commits.add(Renewal())
        done.add_done_callback(lambda f: f.cancelled() or f.exception())  # a failed renewal: the lease decides
        return now

    async def reschedule(self) -> None:
        due = await self.next_due()
        if due is not None:
            self.wake(due)

    def wake(self, at: datetime) -> None:
        """Make sure the dispatcher runs at `at` (a reminder was planned or snoozed)."""
        if self.scheduler is None or self._stopping:
            return
        now = self.clock()
        at = max(at, now)
        if self._wake_at is not None and now <= self._wake_at <= at and self.scheduler.get_job("wake"):
            return  # an earlier wake-up is already set (and has not fired yet)
        self._wake_at = at
        self.scheduler.add_job(
            self._poke,
            DateTrigger(run_date=at),
            id="wake",
            replace_existing=True,
            max_instances=1,
            misfire_grace_time=None,
        )

    @property
    def healthy(self) -> bool:
        return self.scheduler is not None and self.scheduler.running
