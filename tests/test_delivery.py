"""Delivery guarantees with real processes and the real clock (issue 13):

- `kill -9` of one of two workers, again and again mid-batch: the only repeats are messages that were
  in flight at the kill, never one whose acceptance the process had already heard back;
- two workers together keep each chat within its per-chat rate;
- reminders falling due a few milliseconds apart, while a dispatch is running, each reach the platform
  within a second of their due time.

Assertions are on recorded timestamps (when the fake platform accepted each message) against due times
and kill times, never on how long a test took.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.app import Followup
from bot.common.events import Reply
from bot.service.config import Settings
from bot.store.db import make_sync_engine
from bot.store.models import Reminder, ReminderState, User
from tests.support.seeds import seed_due_reminders

ROOT = Path(__file__).resolve().parents[1]
# Each asserts on when messages arrived (lateness, rates, how long before a kill): alone, not racing other tests.
pytestmark = [pytest.mark.slow, pytest.mark.exclusive]


def states(url: str) -> dict[int, str]:
    engine = make_sync_engine(url)
    try:
        with engine.connect() as conn:
            return dict(conn.execute(select(Reminder.id, Reminder.state)).all())
    finally:
        engine.dispose()


def log_of(out: Path, what: str) -> list[tuple[int, str, int, float]]:
    """(reminder id, user key, pid, time) of every message the fake platform accepted (what="A"), or
    whose answer reached the bot (what="R")."""
    if not out.exists():
        return []
    rows = []
    for line in out.read_text().splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] == what:  # fsync'd lines: a kill never leaves half of one
            rows.append((int(parts[1]), parts[2], int(parts[3]), float(parts[4])))
    return rows


def accepted(out: Path) -> list[tuple[int, str, int, float]]:
    return log_of(out, "A")


def worker(url: str, out: Path, *options: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.support.delivery_worker", url, str(out), *options]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready", "the worker did not start"
    return process


def seed(settings: Settings, count: int, users: int) -> None:
    app = Followup(settings)
    asyncio.run(seed_due_reminders(app, count, datetime.now(UTC), users=users))
    asyncio.run(app.stop())


# ---- kill -9 of one of two workers ---------------------------------------------------------------

DELAY = 0.1  # the platform's answer arrives this long after it accepted a message
LEASE = 4.0


def test_kill_9_of_one_of_two_workers_repeats_only_messages_in_flight(settings, tmp_path):
    url = settings.resolved_database_url
    count, users, kills = 3000, 10, 5
    seed(settings, count, users)
    out = tmp_path / "accepted.txt"
    options = ("--delay", str(DELAY), "--lease", str(LEASE), "--tick", "0.2")
    steady = worker(url, out, *options)
    victim = worker(url, out, *options)
    chance = random.Random(13)
    killed: list[tuple[int, float, set[int]]] = []  # (pid, when, rows 'sending' at that moment)
    try:
        for _ in range(kills):
            deadline = time.monotonic() + 60
            while not any(pid == victim.pid for _, _, pid, _ in accepted(out)):  # it is sending
                assert time.monotonic() < deadline, "the victim never got to send"
                if len(accepted(out)) >= count and ReminderState.SCHEDULED not in states(url).values():
                    break  # a slow machine: the other worker finished meanwhile
                time.sleep(0.02)
            else:
                time.sleep(chance.uniform(0.0, 0.5))  # then a random moment of its batches
            if not any(pid == victim.pid for _, _, pid, _ in accepted(out)):
                break
            assert victim.poll() is None and steady.poll() is None, "a worker died by itself"
            at = time.time()
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            sending = {rid for rid, state in states(url).items() if state == ReminderState.SENDING}
            killed.append((victim.pid, at, sending))
            victim = worker(url, out, *options)
        deadline = time.monotonic() + 120
        while any(state != ReminderState.SENT for state in states(url).values()):
            assert time.monotonic() < deadline, Counter(states(url).values())
            time.sleep(0.2)
    finally:
        for process in (steady, victim):
            process.send_signal(signal.SIGKILL)
            process.wait()

    rows = accepted(out)
    times = Counter(rid for rid, *_ in rows)
    assert set(times) == set(states(url)), "a reminder was never delivered"
    answered = {(rid, pid): at for rid, _, pid, at in log_of(out, "R")}
    sends: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for rid, _, pid, at in rows:
        sends[rid].append((at, pid))
    by_pid = {pid: (at, sending) for pid, at, sending in killed}
    repeats_per_kill: Counter[int] = Counter()
    ages = []  # for each repeat: how long before the kill the bot had heard the platform accept it
    for rid, attempts in sends.items():
        attempts.sort()
        for at, pid in attempts[:-1]:  # every acceptance but the last was repeated later
            # ...which only a kill explains: the process that sent it died, after it sent it, while the
            # row was still 'sending' (in flight, or answered but not yet in the group commit under way).
            assert pid in by_pid, f"reminder {rid} repeated though its sender {pid} was not killed"
            killed_at, sending = by_pid[pid]
            assert at <= killed_at and rid in sending, (rid, at, killed_at)
            heard = answered.get((rid, pid))
            if heard is not None:
                ages.append(killed_at - heard)
            repeats_per_kill[pid] += 1
    # The whole point: a message whose answer had come back was marked sent at once (a group commit
    # takes milliseconds; a second is room for a loaded machine), never left to the end of a batch.
    assert max(ages, default=0.0) < 1.0, sorted(ages)[-5:]
    assert sum(times.values()) - count == sum(repeats_per_kill.values())
    assert len(killed) >= 2, "the batch ended before the kills could land"
    print(
        f"kill -9 x{len(killed)} of one of two workers, {count} reminders over {users} chats: repeats per kill "
        f"{[repeats_per_kill[pid] for pid, *_ in killed]} (in flight at the kill); of those, {len(ages)} had "
        f"been answered, at most {max(ages, default=0) * 1000:.0f} ms before the kill"
    )


# ---- per-chat rate across workers ----------------------------------------------------------------


def test_two_workers_keep_each_chat_and_the_platform_within_their_rates(settings, tmp_path):
    # Which worker wins each claim is the scheduler's choice: on a slow machine one worker sometimes won them
    # all (about one run in five), and the run then proves nothing across workers. Every run's rows are
    # checked in full; a run that only one worker took part in is played again with new chats, up to 3 times.
    for attempt in range(3):
        pids = _two_workers_within_their_rates(settings, tmp_path, attempt)
        if len(pids) == 2:
            break
    assert len(pids) == 2, "both workers took part"


def _two_workers_within_their_rates(settings, tmp_path, attempt: int) -> set[int]:
    url = settings.resolved_database_url
    interval, rate, users, per_user = 0.3, 12, 8, 6
    out = tmp_path / f"accepted{attempt}.txt"
    # A short lease makes each claim take at most 2 of a chat's reminders (lease / 4 / interval), and
    # a chat's reminders fall due 0.15 s apart, faster than its rate allows: both workers wake for
    # every due time and race for the chats, which pass from one worker to the other.
    options = ("--delay", "0.01", "--chat-interval", str(interval), "--global-rate", str(rate))
    options += ("--lease", "2.4", "--tick", "0.1")
    workers = [worker(url, out, *options) for _ in range(2)]
    app = Followup(settings)
    start = datetime.now(UTC) + timedelta(seconds=1)
    prefix = f"seed{attempt}x"
    asyncio.run(seed_due_reminders(app, users * per_user, start + timedelta(hours=1), users=users, prefix=prefix))

    async def stagger() -> None:
        async with app.sessions() as session, session.begin():
            mine = select(User.id).where(User.key.like(f"console:{prefix}%"))
            ids = await session.scalars(select(Reminder.id).where(Reminder.user_id.in_(mine)).order_by(Reminder.id))
            for n, rid in enumerate(ids.all()):
                chat, nth = n % users, n // users
                due = start + timedelta(seconds=0.15 * nth + 0.02 * chat)
                await session.execute(update(Reminder).where(Reminder.id == rid).values(due_at=due, send_after=due))
        await app.stop()

    asyncio.run(stagger())
    try:
        deadline = time.monotonic() + 60
        while len(accepted(out)) < users * per_user:
            assert time.monotonic() < deadline and all(w.poll() is None for w in workers), len(accepted(out))
            time.sleep(0.1)
        time.sleep(0.5)  # nothing more arrives
    finally:
        for process in workers:
            process.send_signal(signal.SIGKILL)
            process.wait()
    rows = accepted(out)
    assert Counter(Counter(rid for rid, *_ in rows).values()) == {1: users * per_user}  # each exactly once
    by_chat: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for _, key, pid, at in rows:
        by_chat[key].append((at, pid))
    gaps, handoffs = [], 0
    for sends in by_chat.values():
        sends.sort()
        gaps += [b[0] - a[0] for a, b in itertools.pairwise(sends)]
        handoffs += sum(a[1] != b[1] for a, b in itertools.pairwise(sends))
    pids = {pid for *_, pid, _ in rows}
    assert len(pids) == 1 or handoffs >= 1, "no chat passed from one worker to the other"
    assert min(gaps) >= interval - 0.005, sorted(gaps)[:5]  # the fake counts each chat's rate
    # ...and the platform's: each message goes out at its own slot, 1/rate after the one before,
    # whichever worker sends it. The fake sees them at the slot plus whatever a busy machine adds, so
    # the whole run cannot be shorter than its slots (less the first one's delay)...
    times = sorted(at for *_, at in rows)
    span = times[-1] - times[0]
    assert span >= (len(times) - 1) / rate - 0.5, span
    # ...and no second comes near what two workers pacing themselves would send (26 a second here).
    busiest = max(sum(1 for t in times if begin <= t < begin + 1) for begin in times)
    assert busiest <= rate * 1.5, busiest
    print(
        f"two workers: {len(rows)} messages, {handoffs} hand-overs between workers, smallest gap in a chat "
        f"{min(gaps):.3f} s (limit {interval} s), {len(times)} messages in {span:.2f} s, busiest second "
        f"{busiest} (limit {rate}/s)"
    )
    return pids


# ---- on time under load --------------------------------------------------------------------------


class TimedSender:
    """Accepts after a network-like latency and writes down when; one chat is very slow."""

    platform = "console"

    def __init__(self, slow_user: str) -> None:
        self.slow_user = slow_user
        self.accepted: dict[int, datetime] = {}

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        await asyncio.sleep(2.0 if user_key == self.slow_user else 0.03)
        reminder_id = int(next(b.action for r in replies for b in r.buttons).split(":")[1])
        self.accepted[reminder_id] = datetime.now(UTC)


async def test_reminders_due_a_few_ms_apart_arrive_within_a_second_of_due(settings):
    users, apart = 40, timedelta(milliseconds=5)
    app = await Followup.create(settings)  # the real clock and the real scheduler
    sender = TimedSender(slow_user="console:seed0")
    app.add_sender(sender)
    try:
        start = datetime.now(UTC) + timedelta(seconds=1.5)
        await seed_due_reminders(app, users, start, users=users)
        async with app.sessions() as session, session.begin():
            for rid in range(1, users + 1):
                due = start + (rid - 1) * apart
                await session.execute(update(Reminder).where(Reminder.id == rid).values(due_at=due, send_after=due))
        await app.start()  # the safety tick is 30 s away: only the wake-ups can be on time
        app.dispatcher.wake(start)
        deadline = time.monotonic() + 20
        while len(sender.accepted) < users and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        async with app.sessions() as session:
            due_at = dict((await session.execute(select(Reminder.id, Reminder.due_at))).all())
    finally:
        await app.stop()
    assert set(sender.accepted) == set(due_at)
    late = {rid: (sender.accepted[rid] - due_at[rid]).total_seconds() for rid in due_at}
    # The first chat takes 2 s to answer; everyone after it falls due during that dispatch.
    fast = {rid: s for rid, s in late.items() if rid != 1}
    assert all(s >= 0 for s in late.values()), "sent before its due time"
    assert max(fast.values()) < 1.0, sorted(fast.items(), key=lambda kv: -kv[1])[:5]
    print(
        f"{users} reminders due {apart.total_seconds() * 1000:.0f} ms apart: lateness max "
        f"{max(fast.values()) * 1000:.0f} ms, median {statistics.median(fast.values()) * 1000:.0f} ms"
    )
