"""Reminder benchmark: memory, start-up time and dispatch rate with 1,000,000 scheduled reminders.

Run from the repository root:

    .venv/bin/python -m bench.reminders_bench                      # full size: 1,000,000 reminders
    .venv/bin/python -m bench.reminders_bench --reminders 100000   # a quick run
    .venv/bin/python -m bench.reminders_bench --backends sqlite --apscheduler-jobs 0

For each backend (an SQLite file, and a PostgreSQL database it creates and drops) it
1. migrates an empty database and starts the bot in a fresh process (Followup.create, a null sender,
   app.start(), the start-up dispatch pass): resident memory and time to ready;
2. bulk-loads N future reminders (10,000 users with their interviews, people, promises and steps;
   executemany in one transaction on SQLite, COPY on PostgreSQL) and starts the bot again the same way;
3. makes K of them due and times, in a fresh process, `dispatch_due()` claiming them and handing each
   to a null sender.
Then, for scale, it measures APScheduler's own cost in fresh processes: one DateTrigger job per reminder
in a MemoryJobStore (resident memory), and adding jobs to an SQLAlchemyJobStore (time per job).
Every measurement runs in its own child process (`--child ...`), so import costs and caches are alike.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = "telegram"
PG_ADMIN = os.environ.get("BENCH_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")

TARGET_RSS_MB = 20.0
TARGET_START_S = 2.0
TARGET_RATE = 2000.0

STEPS_PER_INTERVIEW = 5  # thank-you x2 (one per interviewer), second email, call, promised item
REMINDERS_PER_STEP = 2  # "first" and "last_call"
COMPANIES = 977  # interview i is with "Company {i % 977}"


# ---- measuring inside a process -----------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB, from /proc/self/status."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, amount, _unit = line.split()
                values[key] = int(amount) / 1024
    return values["VmRSS:"], values["VmHWM:"]


class NullSender:
    """A Sender that accepts everything at once and only counts."""

    def __init__(self, platform_: str = PLATFORM) -> None:
        self.platform = platform_
        self.delivered = 0
        self.sample = ""

    async def deliver(self, user_key: str, replies: Sequence[object]) -> None:
        if not self.delivered:
            self.sample = f"{user_key}: {replies[0].text[:120]!r} ({len(replies[0].buttons)} buttons)"
        self.delivered += 1


def _settings(url: str, data_dir: str):
    from bot.service.config import Settings

    return Settings(database_url=url, FOLLOWUP_DATA_DIR=data_dir, _env_file=None)


async def _child_startup(url: str, data_dir: str) -> dict:
    """Start the bot as a real process would and report memory and time to ready."""
    t_imp = time.perf_counter()
    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED

    from bot.app import Followup

    imports_s = time.perf_counter() - t_imp
    rss_imports, _ = rss_mb()

    t0 = time.perf_counter()
    app = await Followup.create(_settings(url, data_dir))
    created_s = time.perf_counter() - t0
    sender = NullSender()
    app.add_sender(sender)
    startup_done = asyncio.get_running_loop().create_future()

    def on_job(event) -> None:
        if event.job_id == "startup" and not startup_done.done():
            startup_done.set_result(event.code)

    await app.start()  # schedules the start-up dispatch pass; nothing runs before we yield
    app.dispatcher.scheduler.add_listener(on_job, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    code = await asyncio.wait_for(startup_done, timeout=120)
    ready_s = time.perf_counter() - t0
    rss, peak = rss_mb()
    next_due = await app.dispatcher.next_due()
    await app.stop()
    return {
        "imports_s": imports_s,
        "create_s": created_s,
        "ready_s": ready_s,
        "rss_imports_mb": rss_imports,
        "rss_mb": rss,
        "peak_mb": peak,
        "startup_job_ok": code == EVENT_JOB_EXECUTED,
        "delivered_at_start": sender.delivered,
        "next_due": next_due.isoformat() if next_due else None,
    }


async def _child_dispatch(url: str, data_dir: str) -> dict:
    """Time dispatch_due() until every due reminder was claimed and handed to the null sender."""
    from bot.app import Followup

    app = await Followup.create(_settings(url, data_dir))
    sender = NullSender()
    app.add_sender(sender)
    rss0, _ = rss_mb()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    passes = 0
    while True:
        passes += 1
        if await app.dispatch_due() == 0:
            break
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    rss, peak = rss_mb()
    await app.stop()
    return {
        "delivered": sender.delivered,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "rate": sender.delivered / elapsed if elapsed else 0.0,
        "passes": passes,
        "sample": sender.sample,
        "rss_before_mb": rss0,
        "rss_mb": rss,
        "peak_mb": peak,
    }


async def _child_debrief(url: str, data_dir: str, due: int) -> dict:
    """The debrief's "Write the drafts" turn for the interviews of the first `due` reminders: each person's
    thank-you written through the draft store (`compose`), which keeps it on the interview as a turn saves it."""
    from sqlalchemy import select

    from bot.app import Followup
    from bot.drafts import store as ds
    from bot.store.models import FollowUp, Interview, Reminder, User

    app = await Followup.create(_settings(url, data_dir))
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    written = 0
    async with app.sessions() as session:
        ids = sorted(
            set(
                await session.scalars(
                    select(FollowUp.interview_id)
                    .join(Reminder, Reminder.follow_up_id == FollowUp.id)
                    .where(Reminder.id <= due)
                )
            )
        )
    for start in range(0, len(ids), 500):
        async with app.sessions() as session, session.begin():
            interviews = list(
                await session.scalars(select(Interview).where(Interview.id.in_(ids[start : start + 500])))
            )
            users = {
                u.id: u for u in await session.scalars(select(User).where(User.id.in_({i.user_id for i in interviews})))
            }
            for interview in interviews:
                how = ds.Writing.of(users[interview.user_id], now)
                memo: dict = {}
                for person in interview.people:
                    ds.compose(interview, ds.DraftKey(interview.id, "thank_you", person.id), how, {}, memo)
                    written += 1
    await app.stop()
    return {"written": written, "seconds": time.perf_counter() - t0}


async def _noop_job(reminder_id: int) -> None:
    """What an APScheduler job per reminder would call."""


async def _child_apscheduler(jobs: int) -> dict:
    """One DateTrigger job per reminder in APScheduler's MemoryJobStore: resident memory per job."""
    import gc

    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.date import DateTrigger

    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    await asyncio.sleep(0.05)
    gc.collect()
    rss0, _ = rss_mb()
    base = datetime.now(UTC) + timedelta(days=1)
    span = 365 * 86400 / max(jobs, 1)
    t0 = time.perf_counter()
    for i in range(jobs):
        scheduler.add_job(
            _noop_job,
            DateTrigger(run_date=base + timedelta(seconds=i * span)),
            args=(i,),
            id=f"reminder-{i}",
            misfire_grace_time=None,
        )
    add_s = time.perf_counter() - t0
    for _ in range(5):  # let the scheduler process the wake-ups that add_job queued
        await asyncio.sleep(0.01)
    gc.collect()
    rss1, peak = rss_mb()
    count = len(scheduler.get_jobs())
    scheduler.shutdown(wait=False)
    await asyncio.sleep(0)
    return {
        "jobs": count,
        "rss_delta_mb": rss1 - rss0,
        "bytes_per_job": (rss1 - rss0) * 1024 * 1024 / max(count, 1),
        "add_us_per_job": add_s / max(jobs, 1) * 1e6,
        "peak_mb": peak,
    }


def _child_sqla_jobstore(jobs: int, data_dir: str) -> dict:
    """Adding jobs to APScheduler's SQLAlchemyJobStore (an SQLite file): time per job."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.date import DateTrigger

    path = Path(data_dir) / "apscheduler-jobs.sqlite3"
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{path}")}, timezone="UTC")
    scheduler.start(paused=True)
    base = datetime.now(UTC) + timedelta(days=1)
    t0 = time.perf_counter()
    for i in range(jobs):
        scheduler.add_job(
            "bench.reminders_bench:_noop_job",
            DateTrigger(run_date=base + timedelta(minutes=i)),
            args=(i,),
            id=f"reminder-{i}",
        )
    elapsed = time.perf_counter() - t0
    scheduler.shutdown(wait=False)
    return {"jobs": jobs, "ms_per_job": elapsed / max(jobs, 1) * 1000}


def child_main(args: argparse.Namespace) -> None:
    if args.child == "startup":
        result = asyncio.run(_child_startup(args.url, args.data_dir))
    elif args.child == "dispatch":
        result = asyncio.run(_child_dispatch(args.url, args.data_dir))
    elif args.child == "debrief":
        result = asyncio.run(_child_debrief(args.url, args.data_dir, args.jobs))
    elif args.child == "apscheduler":
        result = asyncio.run(_child_apscheduler(args.jobs))
    elif args.child == "sqla-jobstore":
        result = _child_sqla_jobstore(args.jobs, args.data_dir)
    else:
        raise SystemExit(f"unknown child {args.child!r}")
    print("RESULT " + json.dumps(result))


def run_child(*argv: str) -> dict:
    """Run one measurement in a fresh interpreter and return what it reported."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.reminders_bench", "--child", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise RuntimeError(f"child {argv[0]} failed with exit code {proc.returncode}")
    result = json.loads(lines[-1][len("RESULT ") :])
    result["process_wall_s"] = wall
    return result


# ---- the data -----------------------------------------------------------------------------------


class Layout:
    """Ids and shapes of the synthetic data, so that rows of every table can be generated in order.

    Reminder r (0-based) belongs to user r % users, so consecutive ids (and send times) spread over
    all users. Each step has two reminders, each interview five steps and two interviewers.
    """

    def __init__(self, reminders: int, users: int, start: datetime) -> None:
        self.reminders = reminders
        self.users = min(users, reminders) or 1
        per_user = math.ceil(reminders / self.users)
        self.steps_per_user = math.ceil(per_user / REMINDERS_PER_STEP)
        self.interviews_per_user = math.ceil(self.steps_per_user / STEPS_PER_INTERVIEW)
        self.start = start  # when the data was made (created_at, happened_at)
        self.first_due = start + timedelta(days=1)
        self.spacing = timedelta(days=365) / max(reminders, 1)
        self.fixes: dict[int, str | None] = {}  # company number -> interviews.note_fixes (debrief_fixes)
        self.drafts_written = False  # the due reminders' thank-yous written today, as the debrief's last turn does

    def users_rows(self) -> Iterator[tuple]:
        for u in range(self.users):
            uid = u + 1
            yield (
                uid,
                f"{PLATFORM}:{100000 + uid}",
                PLATFORM,
                f"User {uid}",
                f"Bench User {uid}",
                "Europe/Berlin",
                True,
            )

    def interview_rows(self) -> Iterator[tuple]:
        happened = self.start - timedelta(hours=3)
        for u in range(self.users):
            for i in range(self.interviews_per_user):
                iid = u * self.interviews_per_user + i + 1
                yield (iid, u + 1, f"Company {iid % COMPANIES}", "Data Engineer", happened)

    def people_rows(self) -> Iterator[tuple]:
        for iid in range(1, self.users * self.interviews_per_user + 1):
            yield (2 * iid - 1, iid, "Jane Doe", "Hiring manager", f"jane{iid}@example.com", "+49 30 901820")
            yield (2 * iid, iid, "Bob Stone", "Tech lead", f"bob{iid}@example.com", None)

    def promise_rows(self) -> Iterator[tuple]:
        for iid in range(1, self.users * self.interviews_per_user + 1):
            yield (iid, iid, True, "writing samples", None)

    def step_rows(self) -> Iterator[tuple]:
        deadline = self.start + timedelta(days=1)
        for u in range(self.users):
            for s in range(self.steps_per_user):
                sid = u * self.steps_per_user + s + 1
                iid = u * self.interviews_per_user + s // STEPS_PER_INTERVIEW + 1
                kind, person, promise = (
                    ("thank_you", 2 * iid - 1, None),
                    ("thank_you", 2 * iid, None),
                    ("second_email", 2 * iid - 1, None),
                    ("call", 2 * iid, None),
                    ("send_promised", None, iid),
                )[s % STEPS_PER_INTERVIEW]
                yield (sid, u + 1, iid, person, promise, kind, deadline)

    def reminder_rows(self) -> Iterator[tuple]:
        for r in range(self.reminders):
            u, j = r % self.users, r // self.users
            sid = u * self.steps_per_user + j // REMINDERS_PER_STEP + 1
            label = "first" if j % REMINDERS_PER_STEP == 0 else "last_call"
            due = self.first_due + r * self.spacing
            yield (r + 1, u + 1, sid, label, due)

    def counts(self) -> dict[str, int]:
        interviews = self.users * self.interviews_per_user
        return {
            "users": self.users,
            "interviews": interviews,
            "people": 2 * interviews,
            "promises": interviews,
            "steps": self.users * self.steps_per_user,
            "reminders": self.reminders,
        }


INTERVIEW_TEXT = (
    "active",
    60,
    "How the team splits on-call work. Also the roadmap.",
    "Migrating 200 legacy pipelines to streaming without downtime.",
    "I led a similar migration at Beta GmbH, cutting costs by 30%.",
    "mixed",
    "I undersold my Kafka experience",
    "A take-home exercise next week",
    "in two weeks",
)

COLUMNS = {
    "users": "id, key, platform, display_name, name, timezone, active, created_at",
    "interviews": (
        "id, user_id, company, role, happened_at, status, duration_minutes, open_questions, challenges, why_me,"
        " assessment, clarification, next_steps, decision_text, created_at, debriefed_at, note_fixes"
    ),
    "people": "id, interview_id, name, role, email, phone",
    "promises": "id, interview_id, mine, what, due_on",
    "follow_ups": "id, user_id, interview_id, person_id, promise_id, kind, deadline, state, created_at",
    "reminders": "id, user_id, follow_up_id, label, due_at, send_after, platform, state, attempts, late",
}


def debrief_fixes(layout: Layout, companies: int) -> dict[int, str | None]:
    """`interviews.note_fixes` as the debrief's "Write the drafts" turn leaves it (company number -> JSON): each
    note as the check fixed it, written by the bot's own code for each distinct interview of the data."""
    from bot.drafts.draft import keep_fixes
    from bot.drafts.thank_you import thank_you_drafts
    from bot.store.models import Interview, Person, Promise

    columns = [c.strip() for c in COLUMNS["interviews"].split(",")][5:14]
    out: dict[int, str | None] = {}
    for number in range(companies):
        interview = Interview(id=number + 1, company=f"Company {number}", role="Data Engineer")
        interview.happened_at = layout.start - timedelta(hours=3)
        for column, value in zip(columns, INTERVIEW_TEXT, strict=True):
            setattr(interview, column, value)
        interview.people = [
            Person(id=1, name="Jane Doe", role="Hiring manager", email="jane@example.com", phone="+49 30 901820"),
            Person(id=2, name="Bob Stone", role="Tech lead", email="bob@example.com"),
        ]
        interview.promises = [Promise(id=1, mine=True, what="writing samples")]
        thank_you_drafts(interview, "Bench User", "Europe/Berlin", layout.start)
        keep_fixes(interview)  # as the draft store does when the debrief's drafts are shown
        out[number] = json.dumps(interview.note_fixes) if interview.note_fixes else None
    return out


def _full_rows(layout: Layout, table: str, stamp) -> Iterator[tuple]:
    """Rows with every NOT NULL column (the schema has no server defaults); `stamp` formats datetimes."""
    now = stamp(layout.start)
    if table == "users":
        return ((*row, now) for row in layout.users_rows())
    if table == "interviews":
        fixes = layout.fixes
        return (
            (*row[:4], stamp(row[4]), *INTERVIEW_TEXT, now, now, fixes.get(row[0] % COMPANIES))
            for row in layout.interview_rows()
        )
    if table == "people":
        return layout.people_rows()
    if table == "promises":
        return layout.promise_rows()
    if table == "follow_ups":
        return ((*row[:6], stamp(row[6]), "pending", now) for row in layout.step_rows())
    if table == "reminders":
        return (
            (rid, uid, sid, label, stamp(due), stamp(due), PLATFORM, "scheduled", 0, False)
            for rid, uid, sid, label, due in layout.reminder_rows()
        )
    raise ValueError(table)


def sqlite_stamp(moment: datetime) -> str:
    """The text SQLAlchemy stores for a UTC DateTime on SQLite (naive, microseconds always shown)."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def load_sqlite(path: Path, layout: Layout) -> float:
    """executemany in one transaction per table; the bot's own indexes stay in place."""
    t0 = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=ON")
    for table, columns in COLUMNS.items():
        marks = ", ".join("?" * len(columns.split(",")))
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", _full_rows(layout, table, sqlite_stamp))
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0


RESET_DUE = (
    "UPDATE reminders SET state = 'scheduled', attempts = 0, claimed_at = NULL, sent_at = NULL, late = {false},"
    " due_at = {mark}, send_after = {mark} WHERE id <= {mark}"
)


def make_due_sqlite(path: Path, due: int, when: datetime) -> None:
    """The first `due` reminders (spread over all users) fall due now; a repeat run resets them."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(RESET_DUE.format(false=0, mark="?"), (sqlite_stamp(when), sqlite_stamp(when), due))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def pg_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def load_postgres(url: str, layout: Layout) -> tuple[float, float]:
    """COPY per table in one transaction, then VACUUM ANALYZE (what autovacuum does soon after a load)."""
    import psycopg

    t0 = time.perf_counter()
    with psycopg.connect(pg_conninfo(url)) as conn:
        with conn.cursor() as cur:
            for table, columns in COLUMNS.items():
                with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in _full_rows(layout, table, lambda moment: moment):
                        copy.write_row(row)
            for table in COLUMNS:
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
    loaded = time.perf_counter() - t0
    t1 = time.perf_counter()
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        with contextlib.suppress(psycopg.Error):  # needs superuser (or pg_checkpoint); a nicety only
            conn.execute("CHECKPOINT")
    return loaded, time.perf_counter() - t1


def make_due_postgres(url: str, due: int, when: datetime) -> None:
    """As make_due_sqlite, then VACUUM ANALYZE and CHECKPOINT so the run does not pay for the set-up."""
    import psycopg

    with psycopg.connect(pg_conninfo(url)) as conn:
        conn.execute(RESET_DUE.format(false="false", mark="%s"), (when, when, due))
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE reminders")
        with contextlib.suppress(psycopg.Error):  # needs superuser (or pg_checkpoint); a nicety only
            conn.execute("CHECKPOINT")


# ---- one backend --------------------------------------------------------------------------------


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def startup_runs(url: str, data_dir: str, repeats: int) -> dict:
    runs = [run_child("startup", "--url", url, "--data-dir", data_dir) for _ in range(repeats)]
    summary = {key: median_of(runs, key) for key in ("imports_s", "create_s", "ready_s", "rss_mb", "peak_mb")}
    summary["process_wall_s"] = median_of(runs, "process_wall_s")
    summary["rss_runs_mb"] = [round(run["rss_mb"], 1) for run in runs]
    summary["ok"] = all(run["startup_job_ok"] for run in runs)
    summary["delivered_at_start"] = max(run["delivered_at_start"] for run in runs)
    summary["next_due"] = runs[0]["next_due"]
    return summary


def bench_backend(name: str, url: str, layout: Layout, due: int, data_dir: str, repeats: int, log) -> dict:
    from bot.store.db import upgrade

    upgrade(url)
    log(f"[{name}] empty database: starting the bot {repeats}x")
    empty = startup_runs(url, data_dir, repeats)
    log(f"[{name}] loading {layout.reminders:,} reminders ...")
    if name == "sqlite":
        load_s, analyze_s = load_sqlite(Path(url.removeprefix("sqlite:///")), layout), 0.0
    else:
        load_s, analyze_s = load_postgres(url, layout)
    log(f"[{name}] loaded in {load_s:.1f} s (+{analyze_s:.1f} s VACUUM ANALYZE); starting the bot {repeats}x")
    full = startup_runs(url, data_dir, repeats)
    size_mb = db_size_mb(name, url)
    due = min(due, layout.reminders)
    if layout.drafts_written:
        debrief = run_child("debrief", "--url", url, "--data-dir", data_dir, "--jobs", str(due))
        log(f"[{name}] debrief drafts written today: {debrief['written']:,} in {debrief['seconds']:.1f} s")
    runs = []
    for attempt in range(repeats):
        when = datetime.now(UTC) - timedelta(seconds=30)
        if name == "sqlite":
            make_due_sqlite(Path(url.removeprefix("sqlite:///")), due, when)
        else:
            make_due_postgres(url, due, when)
        log(f"[{name}] {due:,} reminders due: dispatching (run {attempt + 1}/{repeats})")
        run = run_child("dispatch", "--url", url, "--data-dir", data_dir)
        run["rows_sent"] = count_sent(name, url)
        log(
            f"[{name}] dispatched {run['delivered']:,} in {run['seconds']:.2f} s "
            f"({run['rate']:,.0f}/s); rows marked sent: {run['rows_sent']:,}"
        )
        runs.append(run)
    dispatch = sorted(runs, key=lambda run: run["rate"])[len(runs) // 2]  # the median run
    dispatch["rates"] = [round(run["rate"]) for run in runs]
    sent = min(run["rows_sent"] for run in runs)
    return {
        "empty": empty,
        "full": full,
        "load_s": load_s,
        "analyze_s": analyze_s,
        "db_size_mb": size_mb,
        "due": due,
        "dispatch": dispatch,
        "rows_sent": sent,
    }


def db_size_mb(name: str, url: str) -> float:
    if name == "sqlite":
        return Path(url.removeprefix("sqlite:///")).stat().st_size / 1024 / 1024
    import psycopg

    with psycopg.connect(pg_conninfo(url)) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1024 / 1024


def count_sent(name: str, url: str) -> int:
    sql = "SELECT count(*) FROM reminders WHERE state = 'sent'"
    if name == "sqlite":
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            return conn.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(pg_conninfo(url)) as conn:
        return conn.execute(sql).fetchone()[0]


@contextlib.contextmanager
def postgres_database(admin: str) -> Iterator[str]:
    """A database of this run, dropped at the end."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"followup_bench_{os.getpid()}"
    with psycopg.connect(pg_conninfo(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with psycopg.connect(pg_conninfo(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---- the report ---------------------------------------------------------------------------------


def machine() -> dict:
    model = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as info:
        model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model)
    memory = "unknown"
    with contextlib.suppress(OSError), open("/proc/meminfo") as info:
        kb = int(next(line.split()[1] for line in info if line.startswith("MemTotal")))
        memory = f"{kb / 1024 / 1024:.1f} GB"
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "kernel": platform.release(),
    }


def loadavg() -> str:
    """The 1-, 5- and 15-minute load averages."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def postgres_version(admin: str) -> str:
    import psycopg

    with psycopg.connect(pg_conninfo(admin)) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


STORED_WORDS = {
    "fixes": "have their notes' fixes stored, as a debrief leaves them; their drafts were written on an earlier day.",
    "drafts": "have their notes' fixes stored and their thank-yous written today, as the debrief's last turn leaves them.",
    "none": "have nothing stored (rows from before migration 0011: each reminder checks its notes).",
}


def report(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs, {m['cpu_model']}, {m['memory']} RAM; Python {m['python']}, "
        f"SQLite {m['sqlite']}" + (f", PostgreSQL {m['postgres']}" if m.get("postgres") else ""),
        f"Data: {results['layout']['reminders']:,} scheduled reminders over {results['layout']['users']:,} users "
        f"({results['layout']['interviews']:,} interviews, {results['layout']['steps']:,} steps); "
        f"{results['due']:,} made due for the dispatch run; start-up and dispatch figures are the median of "
        f"{results['repeats']} fresh processes each; the interviews "
        + STORED_WORDS.get(results.get("stored", "none"), "?"),
        f"Load average before / after the run: {results['loadavg_before']} / {results.get('loadavg_after', '?')} "
        "(other work on the machine slows the figures down).",
        "",
    ]
    header = f"{'measure':<44} {'backend':<10} {'figure':>14} {'target':>12}  verdict"
    lines += [header, "-" * len(header)]

    def row(measure: str, backend: str, figure: str, target: str, ok: bool | None) -> None:
        mark = "" if ok is None else verdict(ok)
        lines.append(f"{measure:<44} {backend:<10} {figure:>14} {target:>12}  {mark}")

    for name, r in results["backends"].items():
        n = f"{results['layout']['reminders']:,}"
        delta = r["full"]["rss_mb"] - r["empty"]["rss_mb"]
        row("RSS after start-up, empty database", name, f"{r['empty']['rss_mb']:.1f} MB", "", None)
        row(f"RSS after start-up, {n} reminders", name, f"{r['full']['rss_mb']:.1f} MB", "", None)
        row("  difference", name, f"{delta:+.1f} MB", f"<= +{TARGET_RSS_MB:.0f} MB", delta <= TARGET_RSS_MB)
        row("Start-up to ready, empty database", name, f"{r['empty']['ready_s']:.3f} s", "", None)
        row(
            f"Start-up to ready, {n} reminders",
            name,
            f"{r['full']['ready_s']:.3f} s",
            f"<= {TARGET_START_S:.0f} s",
            r["full"]["ready_s"] <= TARGET_START_S,
        )
        row(
            "  whole process incl. interpreter+imports",
            name,
            f"{r['full']['process_wall_s']:.3f} s",
            f"<= {TARGET_START_S:.0f} s",
            r["full"]["process_wall_s"] <= TARGET_START_S,
        )
        d = r["dispatch"]
        row(
            f"Claim + hand to null sender ({d['delivered']:,} due)",
            name,
            f"{d['rate']:,.0f} /s",
            f">= {TARGET_RATE:,.0f} /s",
            d["rate"] >= TARGET_RATE and r["rows_sent"] == r["due"],
        )
        row(
            "  bot process CPU time per reminder",
            name,
            f"{d['cpu_seconds'] / max(d['delivered'], 1) * 1000:.2f} ms",
            "",
            None,
        )
        row("Bulk load of the reminders (bench set-up)", name, f"{r['load_s']:.1f} s", "", None)
        row("Database size", name, f"{r['db_size_mb']:.0f} MB", "", None)
    aps = results.get("apscheduler")
    if aps:
        lines.append("")
        lines.append("For scale, APScheduler 3 holding the reminders itself (fresh processes, same run):")
        lines.append(
            f"  MemoryJobStore, one DateTrigger job per reminder: {aps['jobs']:,} jobs = {aps['rss_delta_mb']:+.1f} MB "
            f"RSS ({aps['bytes_per_job']:,.0f} bytes/job; add_job {aps['add_us_per_job']:.0f} us each); "
            f"extrapolated to {results['layout']['reminders']:,}: "
            f"{aps['bytes_per_job'] * results['layout']['reminders'] / 1024 / 1024:,.0f} MB"
        )
        for name, r in results["backends"].items():
            delta = r["full"]["rss_mb"] - r["empty"]["rss_mb"]
            lines.append(
                f"  the bot ({name}), {results['layout']['reminders']:,} reminders in the database: {delta:+.1f} MB RSS"
            )
    sqla = results.get("sqla_jobstore")
    if sqla:
        lines.append(
            f"  SQLAlchemyJobStore (SQLite file), add_job: {sqla['ms_per_job']:.2f} ms per job over {sqla['jobs']:,} jobs; "
            "the bot plans a reminder as one INSERT inside the turn that creates it"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reminders", type=int, default=1_000_000, help="scheduled reminders to load (default 1,000,000)"
    )
    parser.add_argument("--users", type=int, default=10_000, help="users they belong to (default 10,000)")
    parser.add_argument("--due", type=int, default=20_000, help="reminders made due for the dispatch run")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--pg-admin", default=PG_ADMIN, help="a PostgreSQL URL allowed to CREATE/DROP DATABASE")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per start-up measurement")
    parser.add_argument("--apscheduler-jobs", type=int, default=100_000, help="MemoryJobStore jobs (0: skip)")
    parser.add_argument("--sqla-jobs", type=int, default=2_000, help="SQLAlchemyJobStore jobs (0: skip)")
    parser.add_argument("--workdir", help="where the SQLite files go (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument(
        "--stored",
        choices=("fixes", "drafts", "none"),
        default="fixes",
        help="what the debriefs left on their interviews (migration 0011): each note's fixes (default: a reminder "
        "on a later day than the debrief writes its draft afresh), also the drafts written today (a reminder the "
        "day of the debrief shows them as written), or nothing (rows from before 0011: each reminder checks its notes)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args)
        return

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)

    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="followup-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data_dir = str(workdir / "data")
    Path(data_dir).mkdir(exist_ok=True)
    layout = Layout(args.reminders, args.users, datetime.now(UTC))
    layout.drafts_written = args.stored == "drafts"
    if args.stored != "none":
        t_fixes = time.perf_counter()
        layout.fixes = debrief_fixes(layout, min(COMPANIES, layout.users * layout.interviews_per_user))
        log(f"note fixes of {len(layout.fixes)} distinct debriefs written in {time.perf_counter() - t_fixes:.1f} s")
    results: dict = {
        "machine": machine(),
        "layout": layout.counts(),
        "due": min(args.due, args.reminders),
        "repeats": args.repeats,
        "backends": {},
        "command": " ".join([Path(sys.executable).name, "-m", "bench.reminders_bench", *(argv or sys.argv[1:])]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "stored": args.stored,
        "loadavg_before": loadavg(),
    }
    try:
        if args.apscheduler_jobs:
            log(f"APScheduler MemoryJobStore: {args.apscheduler_jobs:,} jobs")
            results["apscheduler"] = run_child("apscheduler", "--jobs", str(args.apscheduler_jobs))
        if args.sqla_jobs:
            log(f"APScheduler SQLAlchemyJobStore: {args.sqla_jobs:,} jobs")
            results["sqla_jobstore"] = run_child("sqla-jobstore", "--jobs", str(args.sqla_jobs), "--data-dir", data_dir)
        for name in backends:
            if name == "sqlite":
                url = f"sqlite:///{workdir / 'bench.sqlite3'}"
                results["backends"][name] = bench_backend(name, url, layout, args.due, data_dir, args.repeats, log)
            elif name == "postgres":
                results["machine"]["postgres"] = postgres_version(args.pg_admin)
                with postgres_database(args.pg_admin) as url:
                    results["backends"][name] = bench_backend(name, url, layout, args.due, data_dir, args.repeats, log)
            else:
                raise SystemExit(f"unknown backend {name!r}")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    results["loadavg_after"] = loadavg()
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
