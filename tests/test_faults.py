"""Faults, with real processes: kill -9 in the middle of a batch, PostgreSQL restarted under a running
bot, and a platform API that fails for a while. No reminder is lost, none is sent early, and the only
repeats are the ones that were in flight when the process died."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select, update

from bot.app import Followup
from bot.common.events import DeliveryError
from bot.followups.dispatch.rules import LEASE, backoff
from bot.service.config import Settings
from bot.store.db import make_sync_engine
from bot.store.models import Reminder, ReminderState
from tests.support.databases import PG_ADMIN, truncate
from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard
from tests.support.seeds import seed_due_reminders

ROOT = Path(__file__).resolve().parents[1]


def states(url: str) -> dict[int, str]:
    engine = make_sync_engine(url)
    try:
        with engine.connect() as conn:
            return dict(conn.execute(select(Reminder.id, Reminder.state)).all())
    finally:
        engine.dispose()


def delivered(out: Path) -> list[int]:
    return [int(line.split()[0]) for line in out.read_text().splitlines()] if out.exists() else []


# ---- kill -9 ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_kill_9_mid_batch_loses_nothing_and_repeats_only_what_was_in_flight(settings, tmp_path):
    """Five times: start a bot process, SIGKILL it while a batch is being delivered; then let one finish.

    Each restart's clock is past the lease of the dead process's claims (the claims are recovered),
    as a restart a few minutes later would be.
    """
    url = settings.resolved_database_url
    count, kills = 1000, 5
    app = Followup(settings)
    asyncio.run(seed_due_reminders(app, count, datetime.now(UTC)))
    asyncio.run(app.stop())
    out = tmp_path / "delivered.txt"
    in_flight: list[set[int]] = []

    def worker(round_: int) -> subprocess.Popen:
        offset = round_ * (LEASE + timedelta(seconds=30)).total_seconds()
        command = [sys.executable, "-m", "tests.support.fault_worker", url, str(out), "0.3", str(offset)]
        return subprocess.Popen(command, cwd=ROOT)

    for round_ in range(kills):
        seen = len(delivered(out))
        process = worker(round_)
        try:
            deadline = time.monotonic() + 60
            while len(delivered(out)) == seen:  # kill as soon as this batch starts reaching the platform
                assert process.poll() is None, "the bot process died by itself"
                assert time.monotonic() < deadline, "nothing was delivered"
                time.sleep(0.005)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        sending = {rid for rid, state in states(url).items() if state == ReminderState.SENDING}
        assert sending, "the kill did not land in the middle of a batch"
        in_flight.append(sending)

    process = worker(kills)
    try:
        deadline = time.monotonic() + 120
        while any(state != ReminderState.SENT for state in states(url).values()):
            assert process.poll() is None and time.monotonic() < deadline, Counter(states(url).values())
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()

    sends = Counter(delivered(out))
    assert set(sends) == set(states(url)), "a reminder was never delivered"
    for rid, times in sends.items():
        # A repeat is allowed only for a reminder that was in flight at a kill, once per such kill.
        assert times - 1 <= sum(rid in batch for batch in in_flight), (rid, times)
    repeats = sum(sends.values()) - count
    assert repeats <= sum(map(len, in_flight))
    print(f"kill -9: {count} reminders, in flight at the kills {[len(b) for b in in_flight]}, repeats {repeats}")


# ---- PostgreSQL restarted -----------------------------------------------------------------------


def pg_cluster() -> list[str]:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def pg_started_at() -> datetime:
    with psycopg.connect(PG_ADMIN) as conn:
        return conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0]


def pg_ready() -> bool:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


@pytest.fixture
def restartable_postgres(pg_url):
    if not Path("/etc/postgresql").is_dir():
        pytest.skip("no local PostgreSQL cluster to restart")  # CI installs one, see .ci/run
    yield pg_url
    # Whatever happened, leave the shared server running.
    if not pg_ready():
        subprocess.run([*pg_cluster(), "start"], check=False, capture_output=True)
    for _ in range(60):
        if pg_ready():
            break
        time.sleep(0.5)
    assert pg_ready(), "PostgreSQL is not back up"


@pytest.mark.slow
@pytest.mark.exclusive  # every other test's PostgreSQL connections would die with it
async def test_postgres_restart_while_the_bot_runs(restartable_postgres, tmp_path):
    url = restartable_postgres
    truncate(url)
    settings = Settings(database_url=url, FOLLOWUP_SAFETY_INTERVAL=0.3, FOLLOWUP_DATA_DIR=tmp_path, _env_file=None)
    app = await Followup.create(settings)  # the real clock and the real scheduler
    sender = RecordingSender()
    app.add_sender(sender)
    await app.start()
    try:
        ada = ChatUser(app)
        await onboard(ada)
        # 60 reminders: due now, and due over the next seconds, while the server restarts.
        now = datetime.now(UTC)
        await seed_due_reminders(app, 60, now, users=3)
        async with app.sessions() as session, session.begin():
            for rid in range(1, 61, 2):
                due = now + timedelta(seconds=rid / 10)
                await session.execute(update(Reminder).where(Reminder.id == rid).values(due_at=due, send_after=due))
        app.dispatcher.wake(now)

        started_before = pg_started_at()
        restarted = threading.Event()

        def restart() -> None:
            # A bare `restart` is down for about 0.1 s; two seconds let messages and reminders arrive meanwhile.
            subprocess.run([*pg_cluster(), "stop", "-m", "fast"], check=True, capture_output=True, timeout=60)
            time.sleep(2)
            subprocess.run([*pg_cluster(), "start"], check=True, capture_output=True, timeout=60)
            restarted.set()

        thread = threading.Thread(target=restart)
        thread.start()
        during: list[str] = []
        slowest = 0.0
        while not restarted.is_set():  # the user keeps writing; every message gets an answer, no crash
            began = time.monotonic()
            await ada.says("/help")
            slowest = max(slowest, time.monotonic() - began)
            during.append(ada.text)
            await asyncio.sleep(0.05)
        thread.join()
        assert pg_started_at() > started_before, "the server was not restarted"  # every connection died
        assert any(text.startswith("Sorry, I'm very busy") for text in during), "no message met the outage"

        await ada.says("/help")  # answers again once the server is back
        ada.expect("/interviews")
        deadline = time.monotonic() + 30
        while len({r.buttons[0].action for _, r in sender.sent}) < 60 and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        sent = Counter(int(r.buttons[0].action.split(":")[1]) for _, r in sender.sent)
        assert set(sent) == set(range(1, 61)), f"lost: {sorted(set(range(1, 61)) - set(sent))}"
        assert max(sent.values()) == 1
        assert app.dispatcher.healthy and await app.health()
        answers = Counter(text.split("\n")[0] for text in during)
        print(f"postgres restart: {len(during)} messages during it, slowest {slowest:.2f} s, answers {answers}")
    finally:
        await app.stop()


# ---- the platform fails for a while -----------------------------------------------------------


class FlakySender(RecordingSender):
    """Fails the first `failures` attempts (a 5xx, a timeout, a 429 with Retry-After), then accepts."""

    def __init__(self, clock, failures: list[Exception]) -> None:
        super().__init__()
        self.clock, self.failures, self.attempts = clock, list(failures), []

    async def deliver(self, user_key, replies):
        self.attempts.append(self.clock())
        if self.failures:
            raise self.failures.pop(0)
        await super().deliver(user_key, replies)


async def test_platform_errors_delay_reminders_but_never_lose_them_or_send_them_early(app, clock):
    failures = [
        DeliveryError("502 Bad Gateway"),
        TimeoutError("read timed out"),  # an adapter that lets a timeout through: still retried
        DeliveryError("429 Too Many Requests", retry_after=120),
        DeliveryError("503 Service Unavailable"),
    ]
    sender = FlakySender(clock, failures)
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada, [("Jane Doe", "Hiring manager", "jane@acme.example", None)], mine=None, theirs=None)
    await ada.taps("Write the drafts")
    [first] = [r for r in await reminders(app) if r.label == "first"]
    due = first.send_after

    clock.now = due - timedelta(seconds=1)
    assert await app.dispatch_due() == 0 and not sender.attempts  # never early
    clock.now = due
    expected_gaps = []
    for attempt, failure in enumerate(failures, 1):
        assert await app.dispatch_due() == 0
        row = await reminder(app, first.id)
        assert (row.state, row.attempts) == (ReminderState.SCHEDULED, attempt)
        gap = backoff(attempt, getattr(failure, "retry_after", None))
        assert row.send_after == clock.now + gap
        expected_gaps.append(gap)
        clock.now = row.send_after - timedelta(seconds=1)
        assert await app.dispatch_due() == 0  # not before the backoff is over
        clock.now = row.send_after
    assert await app.dispatch_due() == 1
    row = await reminder(app, first.id)
    assert (row.state, row.attempts, row.last_error) == (ReminderState.SENT, 5, None)
    assert [b - a for a, b in zip(sender.attempts, sender.attempts[1:], strict=False)] == expected_gaps
    assert expected_gaps[2] == timedelta(seconds=120)  # the platform's Retry-After was honoured
    assert all(moment >= due for moment in sender.attempts)
    assert [key for key, _ in sender.sent] == ["console:ada"]
    clock.advance(hours=1)
    assert await app.dispatch_due() == 0  # sent once, not again


async def reminders(app) -> list[Reminder]:
    async with app.sessions() as session:
        return list(await session.scalars(select(Reminder).order_by(Reminder.id)))


async def reminder(app, rid: int) -> Reminder:
    async with app.sessions() as session:
        return await session.get(Reminder, rid)


async def test_claims_that_could_not_be_loaded_go_back_at_once_not_after_the_lease(app, clock):
    """The database goes away between a claim and the load of what was claimed: nothing was tried, so the
    claims go back to 'scheduled' (attempts not counted) and the next dispatch sends them, well before
    the lease would have."""
    sender = RecordingSender()
    app.add_sender(sender)
    await seed_due_reminders(app, 6, clock(), users=2)
    real_load, failures = app.dispatcher.sending.load, []

    async def load_once_fails(ids):
        if not failures:
            failures.append(list(ids))
            raise ConnectionError("the database went away")
        return await real_load(ids)

    app.dispatcher.sending.load = load_once_fails
    # The batch that could not be loaded is given back and claimed again in the same run: all six go
    # out at once (no lease to wait out), each once, each attempt counted once.
    assert await app.dispatch_due() == 6
    assert failures and len(failures[0]) == 6
    async with app.sessions() as session:
        rows = list(await session.scalars(select(Reminder).order_by(Reminder.id)))
    assert {r.state for r in rows} == {ReminderState.SENT}
    assert {r.attempts for r in rows} == {1}
    assert sorted(int(r.buttons[0].action.split(":")[1]) for _, r in sender.sent) == [r.id for r in rows]
