"""Several bot processes on one database send every due reminder exactly once."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import Followup
from tests.support.processes import wait_until
from tests.support.seeds import seed_due_reminders

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


async def test_two_processes_send_a_thousand_due_reminders_exactly_once(settings, tmp_path):
    app = Followup(settings)
    await seed_due_reminders(app, 1000, datetime.now(UTC))
    await app.stop()
    out = tmp_path / "sent.txt"
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.dispatch_worker", settings.resolved_database_url, str(out), "0.02"],
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    # Both processes are up and waiting (each leaves a file), or one of them died trying.
    wait_until(
        lambda: len(list(tmp_path.glob("sent.txt.ready.*"))) == 2 or any(w.poll() is not None for w in workers),
        120,
        what="both workers to be ready",
    )
    assert all(worker.poll() is None for worker in workers), "a worker exited before the start"
    Path(f"{out}.go").touch()
    for worker in workers:
        assert worker.wait(timeout=240) == 0
    lines = [line.split() for line in out.read_text().splitlines()]
    sent = Counter(rid for rid, _ in lines)
    assert len(sent) == 1000
    assert max(sent.values()) == 1, [k for k, v in sent.items() if v > 1][:10]
    by_process = Counter(pid for _, pid in lines)
    assert len(by_process) == 2, by_process  # both took part
