"""Turn benchmark: the core's time per turn over complete debriefs, on SQLite and PostgreSQL.

Run from the repository root:

    .venv/bin/python -m bench.turns_bench                   # 50 debriefs per backend
    .venv/bin/python -m bench.turns_bench --debriefs 10 --backends sqlite
    .venv/bin/python -m bench.turns_bench --distinct          # each debrief with a company of its own

Each debrief is a new user going through the whole conversation the tests drive (tests/driver.py):
/start, name, time zone, /new, company, role, time, two interviewers with their details, the open
questions, challenges, why me, assessment, clarification, next steps, decision, both promises, and
the tap on "Write the drafts" that plans the reminder ladder. Every `Followup.handle` call is timed;
the first debrief warms the caches and is not counted. The clock is fixed (a Wednesday afternoon in
Berlin), the reminder dispatcher is not started: this measures the core alone. The SQL statements
(BEGIN included) and the commits per turn are counted too: unlike the times, they do not depend on the
machine's load, and the process's CPU time per turn (all its threads) depends on it less than the
wall-clock time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests/driver.py is not an installed package

from bench.reminders_bench import PG_ADMIN, loadavg, machine, pg_conninfo, postgres_version  # noqa: E402

START = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # a Wednesday afternoon in Berlin


class TimedApp:
    """Stands in for the app the test driver talks to, timing every turn and counting its database work."""

    def __init__(self, app) -> None:
        self.app = app
        self.samples: list[tuple[str, float]] = []
        self.work: list[tuple[int, int]] = []  # (SQL statements, transactions) per timed turn
        self.cpu: list[float] = []  # the process's CPU time per timed turn (all threads: aiosqlite's too)
        self.recording = True
        self.statements = self.transactions = 0
        engine = app.engine.sync_engine
        event.listen(engine, "before_cursor_execute", self._statement)  # BEGIN IMMEDIATE included
        event.listen(engine, "commit", self._transaction)
        event.listen(engine, "rollback", self._transaction)

    def _statement(self, *_args) -> None:
        self.statements += 1

    def _transaction(self, *_args) -> None:
        self.transactions += 1

    async def handle(self, event):
        statements, transactions = self.statements, self.transactions
        c0, t0 = time.process_time(), time.perf_counter()
        replies = await self.app.handle(event)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        if self.recording:
            action = re.sub(r"\d+", "N", event.action or "")  # ids differ from debrief to debrief
            label = f"text {event.text[:28]!r}" if event.text is not None else f"tap {action[:20]}"
            self.samples.append((label, elapsed))
            self.work.append((self.statements - statements, self.transactions - transactions))
            self.cpu.append(cpu)
        return replies


async def one_debrief(timed: TimedApp, index: int, distinct: bool = False) -> None:
    from tests.support.driver import ChatUser
    from tests.support.scripts import debrief, onboard

    user = ChatUser(timed, user_id=f"bench{index}", name=f"Bench {index}")
    await onboard(user)
    if distinct:  # a company of its own: nothing the check remembered from another debrief applies
        await debrief(user, company=f"Acme {index} <Corp> & Co")
    else:
        await debrief(user)
    await user.taps("Write the drafts")
    user.expect("I'll keep you on track")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


async def bench_backend(url: str, data_dir: Path, debriefs: int, distinct: bool = False) -> dict:
    from bot.app import Followup
    from bot.common.clock import FakeClock
    from bot.service.config import Settings

    clock = FakeClock(START)
    settings = Settings(database_url=url, FOLLOWUP_DATA_DIR=data_dir, _env_file=None)
    app = await Followup.create(settings, clock=clock)
    timed = TimedApp(app)
    try:
        timed.recording = False
        await one_debrief(timed, 0)  # warm-up
        timed.recording = True
        per_debrief: list[float] = []
        turns_per_debrief = 0
        for index in range(1, debriefs + 1):
            clock.advance(seconds=7)
            before = len(timed.samples)
            t0 = time.perf_counter()
            await one_debrief(timed, index, distinct)
            per_debrief.append(time.perf_counter() - t0)
            turns_per_debrief = len(timed.samples) - before
    finally:
        await app.stop()
    times = [seconds for _, seconds in timed.samples]
    statements = [n for n, _ in timed.work]
    transactions = [n for _, n in timed.work]
    by_position: dict[int, list[float]] = {}
    cpu_by_position: dict[int, list[float]] = {}
    labels: dict[int, str] = {}
    for position, ((label, seconds), cpu) in enumerate(zip(timed.samples, timed.cpu, strict=True)):
        by_position.setdefault(position % turns_per_debrief, []).append(seconds)
        cpu_by_position.setdefault(position % turns_per_debrief, []).append(cpu)
        labels.setdefault(position % turns_per_debrief, label)
    slowest = sorted(by_position, key=lambda pos: statistics.median(by_position[pos]), reverse=True)[:3]
    return {
        "debriefs": debriefs,
        "turns": len(times),
        "turns_per_debrief": turns_per_debrief,
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": percentile(times, 90) * 1000,
        "p99_ms": percentile(times, 99) * 1000,
        "max_ms": max(times) * 1000,
        "mean_ms": statistics.fmean(times) * 1000,
        "debrief_median_s": statistics.median(per_debrief),
        "cpu_median_ms": statistics.median(timed.cpu) * 1000,
        "cpu_mean_ms": statistics.fmean(timed.cpu) * 1000,
        "statements_per_turn": statistics.fmean(statements),
        "transactions_per_turn": statistics.fmean(transactions),
        "slowest_turns": [
            {
                "turn": pos + 1,
                "event": labels[pos],
                "median_ms": statistics.median(by_position[pos]) * 1000,
                "cpu_median_ms": statistics.median(cpu_by_position[pos]) * 1000,
                "statements": statements[pos],
            }
            for pos in slowest
        ],
    }


@contextlib.asynccontextmanager
async def postgres_database(admin: str) -> AsyncIterator[str]:
    """An empty database of this run, dropped at the end."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"followup_turns_{os.getpid()}"
    with psycopg.connect(pg_conninfo(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(pg_conninfo(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs, {m['cpu_model']}, {m['memory']} RAM; Python {m['python']}, "
        f"SQLite {m['sqlite']}" + (f", PostgreSQL {m['postgres']}" if m.get("postgres") else ""),
        f"Load average before / after the run: {results['loadavg_before']} / {results['loadavg_after']}",
        "Each debrief names its own company (--distinct)"
        if results.get("distinct")
        else "Every debrief is the same one (--distinct: each with its own company)",
        "",
    ]
    header = (
        f"{'backend':<10} {'debriefs':>8} {'turns':>6} {'median':>9} {'p90':>9} {'p99':>9} {'max':>9} "
        f"{'per debrief':>12}"
    )
    lines += [header, "-" * len(header)]
    for name, r in results["backends"].items():
        lines.append(
            f"{name:<10} {r['debriefs']:>8} {r['turns']:>6} {r['median_ms']:>6.1f} ms {r['p90_ms']:>6.1f} ms "
            f"{r['p99_ms']:>6.1f} ms {r['max_ms']:>6.1f} ms {r['debrief_median_s'] * 1000:>9.0f} ms"
        )
    for name, r in results["backends"].items():
        lines.append(
            f"per turn on {name}: {r['statements_per_turn']:.2f} SQL statements (BEGIN included), "
            f"{r['transactions_per_turn']:.2f} commits/rollbacks; process CPU time median {r['cpu_median_ms']:.2f} ms, "
            f"mean {r['cpu_mean_ms']:.2f} ms"
        )
    for name, r in results["backends"].items():
        slow = "; ".join(
            f"#{s['turn']} {s['event']} {s['median_ms']:.1f} ms, CPU {s['cpu_median_ms']:.1f} ms ({s['statements']} statements)"
            for s in r["slowest_turns"]
        )
        lines.append(f"slowest turns on {name} (median): {slow}")
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> dict:
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    results: dict = {
        "machine": machine(),
        "backends": {},
        "loadavg_before": loadavg(),
        "distinct": args.distinct,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    workdir = Path(tempfile.mkdtemp(prefix="followup-turns-"))
    try:
        for name in backends:
            t0 = time.perf_counter()
            if name == "sqlite":
                url = f"sqlite:///{workdir / 'turns.sqlite3'}"
                results["backends"][name] = await bench_backend(url, workdir / "data", args.debriefs, args.distinct)
            elif name == "postgres":
                results["machine"]["postgres"] = postgres_version(args.pg_admin)
                async with postgres_database(args.pg_admin) as url:
                    results["backends"][name] = await bench_backend(url, workdir / "data", args.debriefs, args.distinct)
            else:
                raise SystemExit(f"unknown backend {name!r}")
            elapsed = timedelta(seconds=round(time.perf_counter() - t0))
            print(f"{time.strftime('%H:%M:%S')} [{name}] {args.debriefs} debriefs in {elapsed}", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["loadavg_after"] = loadavg()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debriefs", type=int, default=50, help="complete debriefs per backend (default 50)")
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="each debrief names its own company, so no cached check result is shared between debriefs",
    )
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--pg-admin", default=PG_ADMIN, help="a PostgreSQL URL allowed to CREATE/DROP DATABASE")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    results = asyncio.run(run(args))
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
