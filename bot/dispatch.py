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
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import draft_store, metrics
from bot.clock import Clock
from bot.config import Settings
from bot.events import DeliveryError, Reply, Sender, UserUnreachable
from bot.reminders import LATE_AFTER, failure_notice, render
from bot.retention import Retention
from bot.store.models import (
    DeliveryBudget,
    FollowUp,
    FollowUpState,
    Interview,
    Mailbox,
    Reminder,
    ReminderState,
    User,
)

log = logging.getLogger(__name__)

BATCH = 200  # reminders in flight at most, per process
LEASE = timedelta(minutes=2)  # default claim lease: a claim older than this was lost with its process
MAX_BACKOFF = timedelta(minutes=30)
WRITE_RETRIES = 20  # a group commit that fails (database restarting) is tried again, 0.5 s apart


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """Exponential backoff (5 s, 10 s, 20 s ... 30 min), or the platform's own Retry-After."""
    delay = timedelta(seconds=5 * 2 ** max(attempts - 1, 0))
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return min(delay, MAX_BACKOFF)


def global_rate(sender: Sender | None) -> float:
    """Messages a second this platform takes from the whole deployment (0: no limit); a sender
    declares it as `global_rate` (Telegram: 30)."""
    return float(getattr(sender, "global_rate", 0.0) or 0.0)


def chat_interval(sender: Sender | None) -> float:
    """Seconds a chat must rest per message on this platform, for the whole deployment (0: no limit).

    A sender declares it as `chat_interval` (1.0 on Telegram and Slack: about a message a second).
    """
    return float(getattr(sender, "chat_interval", 0.0) or 0.0)


@dataclass(slots=True)
class Outcome:
    """What became of one claimed reminder (kind: sent, retry, unreachable, failed, cancel, putback)."""

    reminder: Reminder
    user: User
    kind: str
    error: DeliveryError | None = None
    late: bool = False
    told: bool = False  # for 'failed': the user was told at once


@dataclass(slots=True)
class Release:
    """A chat served by this process is free again from `at` (its platform's interval after the last send)."""

    user_id: int
    at: datetime


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
                        log.exception("could not record %d delivery outcomes", len(batch))
                        for _, future in batch:
                            if not future.done():
                                future.set_exception(exc)
                        break
                    log.warning("recording delivery outcomes failed (%s); retrying", type(exc).__name__)
                    await asyncio.sleep(0.5)
                else:
                    for _, future in batch:
                        if not future.done():
                            future.set_result(None)
                    break


class Dispatcher:
    """Claims due reminders for the platforms this process serves and hands them to their senders."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Clock) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.senders: dict[str, Sender] = {}
        self.scheduler: AsyncIOScheduler | None = None
        self._running = asyncio.Lock()
        self._wanted = asyncio.Event()  # a wake-up came: claim again (during a dispatch, or run another)
        self._runner: asyncio.Task[None] | None = None
        self._stopping = False
        self._wake_at: datetime | None = None
        self._claimed_at: datetime | None = None  # the time the last claim looked at
        self.failing_since: datetime | None = None  # first failed delivery since the last one that went through
        self._commits = GroupCommit(self._write)
        self.lease = timedelta(seconds=settings.claim_lease_seconds)
        self.retention = Retention(sessions, settings, clock)  # erases old contact details on the tick

    @property
    def platforms(self) -> list[str]:
        return sorted(self.senders)

    # ---- claiming ---------------------------------------------------------------------------

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
        now = self._claimed_at = self.clock()
        try:
            return await self._claim(now, limit)
        except Exception:
            # The commit may have gone through before the connection died (we can't tell): the rows this
            # claim marked carry its exact `claimed_at`, so they are given back by that, not left to the lease.
            await self._give_back(claimed_at=now)
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

    async def _take_slot(self, platform: str, rate: float) -> datetime:
        """The next send slot in the platform's global budget, shared by every process through the
        database (one short transaction on the budget row): a message is sent at its slot, so the
        platform's global rate holds for the whole deployment."""
        now = self.clock()
        async with self.sessions() as session, session.begin():
            make = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
            await session.execute(
                make(DeliveryBudget).values(platform=platform, next_slot=now).on_conflict_do_nothing()
            )
            budget = await session.get(DeliveryBudget, platform, with_for_update=True, populate_existing=True)
            slot = max(budget.next_slot, now)
            if slot - now > self.lease:  # the clock went back (or a budget from another time): start afresh
                slot = now
            budget.next_slot = slot + timedelta(seconds=1 / rate)
        return slot

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
        now = self._claimed_at or self.clock()
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

    # ---- sending ----------------------------------------------------------------------------

    async def dispatch_due(self) -> int:
        """Send everything due now; return how many the platforms accepted.

        Claims run while earlier claims are still being delivered (up to BATCH reminders in
        flight), and a wake-up that comes meanwhile claims again at once: a reminder that falls due
        during a long dispatch does not wait for it to end.
        """
        sent = 0
        async with self._running:
            flying: dict[asyncio.Task[int], int] = {}
            while True:
                self._wanted.clear()
                room = BATCH - sum(flying.values())
                ids = await self.claim(room) if room > 0 and not self._stopping else []
                if ids:
                    flying[asyncio.create_task(self._send_batch(ids))] = len(ids)
                    if len(ids) < room:
                        continue  # claim again at once: more may have fallen due meanwhile
                if not flying:
                    break
                # Nothing more is due (or no room): be woken for the next due time, which may come
                # while these are sent. Also after an empty claim: a timer may fire a hair early.
                await self.reschedule()
                poke = asyncio.create_task(self._wanted.wait())
                done, _ = await asyncio.wait({*flying, poke}, return_when=asyncio.FIRST_COMPLETED)
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

    async def _load(self, ids: Sequence[int]) -> tuple[list, draft_store.Rows, set[int]]:
        """The claimed reminders with their follow-ups, interviews and users, the stored drafts, and
        which of those users have a mailbox connected."""
        async with self.sessions() as session:
            rows = list(
                (
                    await session.execute(
                        select(Reminder, FollowUp, Interview, User)
                        .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
                        .join(Interview, Interview.id == FollowUp.interview_id)
                        .join(User, User.id == Reminder.user_id)
                        .where(Reminder.id.in_(ids))
                        .order_by(Reminder.send_after, Reminder.id)
                    )
                ).all()
            )
            # The drafts the users approved or edited, for the reminders that show a draft.
            stored = await draft_store.stored(session, {row[2].id for row in rows})
            # Users with a mailbox connected get "Send now" on their emails (bot/mailchat.py).
            users = {row[3].id for row in rows}
            mailboxes = set(await session.scalars(select(Mailbox.user_id).where(Mailbox.user_id.in_(users))))
        return rows, stored, mailboxes

    async def _give_back(self, ids: Sequence[int] = (), *, claimed_at: datetime | None = None) -> None:
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
                log.warning("gave back %s claimed reminders that were never tried", count)
                return
            except Exception:
                if attempt + 1 == WRITE_RETRIES:
                    log.warning("could not give back %s claims; the lease will", count, exc_info=True)
                    return
                await asyncio.sleep(0.5)

    async def _send_batch(self, ids: Sequence[int]) -> int:
        """Deliver claimed reminders: chats in parallel, each chat's reminders in order."""
        try:
            rows, stored, mailboxes = await self._load(ids)
        except Exception:
            # Nothing of this batch was tried (the database went away right after the claim): give the
            # claims back as soon as it answers again, instead of letting them wait out the lease.
            await self._give_back(ids)
            raise
        by_user: dict[int, list] = {}
        for row in rows:
            by_user.setdefault(row[3].id, []).append(row)
        memo: dict = {}  # each interview's thank-you drafts, written once per batch
        committed: list[asyncio.Future[None]] = []
        sent = 0

        async def serve(chat: list) -> None:
            nonlocal sent
            user = chat[0][3]
            sender = self.senders[user.platform]
            unreachable = held = False
            delivered = 0
            last: datetime | None = None  # when this chat's previous reminder went out
            for reminder, step, interview, _ in chat:
                if not (unreachable or held):
                    try:
                        await self._await_turn(sender, last)
                    except Exception:  # no slot (the database is away): not tried, not counted
                        log.warning("no send slot for user=%s; trying later", user.key, exc_info=True)
                        held = True
                if unreachable or held:
                    outcome = Outcome(reminder, user, "putback")
                else:
                    last = self.clock()
                    outcome = await self._deliver(
                        sender, reminder, step, interview, user, stored, memo, user.id in mailboxes
                    )
                    self._note(outcome)
                    unreachable = outcome.kind == "unreachable"
                    delivered += outcome.kind in {"sent", "failed"}
                sent += outcome.kind == "sent"
                committed.append(self._commits.add(outcome))
            interval = chat_interval(sender)
            if interval:
                # The chat rests as long as the platform needs to count these messages off at its
                # per-chat rate, whichever process writes to it next.
                rest = timedelta(seconds=interval * max(delivered, 1))
                committed.append(self._commits.add(Release(user.id, self.clock() + rest)))

        await asyncio.gather(*(serve(chat) for chat in by_user.values()))
        await asyncio.gather(*committed)
        return sent

    async def _await_turn(self, sender: Sender, last: datetime | None) -> None:
        """Wait for this chat's per-chat interval since its previous reminder, then for a slot in the
        platform's global budget (both hold for the whole deployment)."""
        interval = chat_interval(sender)
        if interval and last is not None:
            wait = (last + timedelta(seconds=interval) - self.clock()).total_seconds()
            if wait > 0:
                await asyncio.sleep(wait)
        rate = global_rate(sender)
        if rate:
            wait = (await self._take_slot(sender.platform, rate) - self.clock()).total_seconds()
            if wait > 0:
                await asyncio.sleep(wait)

    async def _deliver(
        self,
        sender: Sender,
        reminder: Reminder,
        follow_up: FollowUp,
        interview: Interview,
        user: User,
        stored: draft_store.Rows,
        memo: dict,
        mailbox: bool = False,
    ) -> Outcome:
        if follow_up.state != FollowUpState.PENDING:
            return Outcome(reminder, user, "cancel")
        now = self.clock()
        late = reminder.late = now - reminder.due_at > LATE_AFTER  # render says sorry for a late one
        reply: Reply = render(reminder, follow_up, interview, user, now, stored, memo, mailbox=mailbox)
        try:
            await sender.deliver(user.key, [reply])
        except UserUnreachable as exc:
            return Outcome(reminder, user, "unreachable", exc)
        except DeliveryError as exc:
            error = exc
        except Exception as exc:  # a bug in an adapter must not lose the reminder
            log.exception("deliver crashed reminder=%s user=%s", reminder.id, user.key)
            error = DeliveryError(repr(exc))
        else:
            return Outcome(reminder, user, "sent", late=late)
        if reminder.attempts < self.settings.max_delivery_attempts or error.retry_after is not None:
            return Outcome(reminder, user, "retry", error)
        told = False
        try:  # a short plain notice often gets through where the reminder did not
            await sender.deliver(user.key, [failure_notice(follow_up, interview)])
            told = True
        except Exception as exc:
            log.info("could not tell user=%s about failed reminder=%s yet: %s", user.key, reminder.id, exc)
        return Outcome(reminder, user, "failed", error, told=told)

    async def _write(self, items: list) -> None:
        """Record outcomes and chat releases in one transaction."""
        now = self.clock()
        outcomes = [item for item in items if isinstance(item, Outcome)]
        releases = [item for item in items if isinstance(item, Release)]
        sent = [o.reminder.id for o in outcomes if o.kind == "sent"]
        late = [o.reminder.id for o in outcomes if o.kind == "sent" and o.late]
        async with self.sessions() as session, session.begin():
            if sent:
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
            for outcome in outcomes:
                values = await self._settle_values(session, outcome, now)
                if values is None:
                    continue
                await session.execute(
                    update(Reminder)
                    .where(Reminder.id == outcome.reminder.id, Reminder.state == ReminderState.SENDING)
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
            for release in releases:
                await session.execute(
                    update(User)
                    .where(User.id == release.user_id)
                    .values(paced_until=release.at)
                    .execution_options(synchronize_session=False)
                )
        if sent:
            log.info("reminders sent count=%d", len(sent))
            metrics.REMINDERS_SENT.inc(len(sent))
            metrics.REMINDERS_LATE.inc(len(late))

    # ---- health and metrics -------------------------------------------------------------------

    def _note(self, outcome: Outcome) -> None:
        """Count one delivery, and track since when deliveries fail: from the first error after a success
        until one goes through again. A user who blocked the bot is not the bot failing, so "unreachable"
        counts as neither a failure of the bot nor a success.
        """
        kind = outcome.kind
        metrics.DELIVERIES.labels(outcome.user.platform, "ok" if kind == "sent" else "error").inc()
        if kind == "retry":
            metrics.REMINDERS_RETRIED.inc()
            metrics.REMINDERS_FAILED.labels("error").inc()
        elif kind in {"unreachable", "failed"}:
            metrics.REMINDERS_FAILED.labels(kind).inc()
        if kind == "sent":
            self.failing_since = None
        elif kind in {"retry", "failed"} and self.failing_since is None:
            self.failing_since = self.clock()

    def failing_for(self) -> timedelta | None:
        """How long deliveries have been failing, or None when the last ones went through."""
        if self.failing_since is None:
            return None
        return max(self.clock() - self.failing_since, timedelta(0))

    async def refresh_metrics(self) -> None:
        """Update the gauges read from the database (reminders due now, for the platforms served)."""
        query = select(func.count(Reminder.id)).where(
            Reminder.state == ReminderState.SCHEDULED, Reminder.send_after <= self.clock()
        )
        if self.senders:
            query = query.where(Reminder.platform.in_(self.platforms))
        async with self.sessions() as session:
            metrics.REMINDERS_DUE.set(await session.scalar(query) or 0)

    async def _settle_values(self, session: AsyncSession, outcome: Outcome, now: datetime) -> dict | None:
        reminder, user, error = outcome.reminder, outcome.user, outcome.error
        reason = str(error)[:500] if error is not None else None
        if outcome.kind == "cancel":
            return {"state": ReminderState.CANCELLED}
        if outcome.kind == "putback":  # not tried: the chat turned out unreachable on an earlier one
            return {"state": ReminderState.SCHEDULED, "attempts": Reminder.attempts - 1}
        if outcome.kind == "failed":
            log.error(
                "reminder failed for good id=%s user=%s attempts=%d reason=%s told=%s",
                reminder.id,
                user.key,
                reminder.attempts,
                reason,
                outcome.told,
            )
            return {"state": ReminderState.FAILED, "last_error": reason, "failure_told": outcome.told}
        if outcome.kind in {"retry", "unreachable"}:
            log.warning(
                "reminder not delivered id=%s user=%s kind=%s attempts=%d reason=%s",
                reminder.id,
                user.key,
                outcome.kind,
                reminder.attempts,
                reason,
            )
            if outcome.kind == "unreachable":
                # Paused, not dropped: the claim skips inactive users until they /start again.
                await session.execute(update(User).where(User.id == user.id).values(active=False))
                return {"state": ReminderState.SCHEDULED, "last_error": reason}
            retry_after = error.retry_after if error else None
            return {
                "state": ReminderState.SCHEDULED,
                "send_after": now + backoff(reminder.attempts, retry_after),
                "last_error": reason,
            }
        return None

    # ---- waking -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the scheduler on the running event loop: a safety tick plus a wake at the next due time."""
        self._stopping = False
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

    async def stop(self) -> None:
        """Stop waking; a dispatch already running finishes its deliveries first (claiming nothing new),
        since cancelling it mid-query would strand a database connection (and, on SQLite, its thread)."""
        self._stopping = True
        if self.scheduler is not None:
            self.scheduler.pause()
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        if self._runner is not None:
            await asyncio.shield(self._runner)
            self._runner = None
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
