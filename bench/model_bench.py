"""Language-model benchmark (issue 21): how long the turns that use the model take, against a local fake of the
chat-completions API (the real `openai` client over HTTP), next to the same turns with the model off.

Run from the repository root:

    .venv/bin/python -m bench.model_bench                  # 5 users per case, LLM_TIMEOUT=2
    .venv/bin/python -m bench.model_bench --users 10 --timeout 1

Cases, each on a fresh SQLite database, each user a whole debrief then "Write the drafts" (two interviewers):

- off: no model (the default);
- answering: the fake answers at once with a draft the checks accept;
- slow: the fake answers after 3x LLM_TIMEOUT, so every call times out. The first user's "Write the drafts"
  waits LLM_TIMEOUT; the model is then paused (LLM_PAUSE_AFTER_FAILURE) and the next users' turns take the
  built-in path at their usual speed;
- down: nothing listens at LLM_BASE_URL (connection refused).

Not a test: the figures depend on the machine; the README quotes one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests/support is not an installed package

from bot.app import Followup  # noqa: E402
from bot.common.clock import FakeClock  # noqa: E402
from bot.service.config import Settings  # noqa: E402
from bot.store.db import upgrade  # noqa: E402
from tests.support.driver import ChatUser  # noqa: E402
from tests.support.fake_llm import Answer, FakeLLM, debrief_of  # noqa: E402
from tests.support.scripts import PEOPLE, debrief, onboard  # noqa: E402

START = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


def good(body: dict) -> str:
    d = debrief_of(body)
    promised = " ".join(f"As promised, I'll send {p['what']} by {p['by']}." for p in d["promises"] if p["by"])
    return json.dumps(
        {
            "body": f"Thank you for talking with me today about the {d['job']} role at {d['company']}.\n\n"
            f"{promised} I look forward to hearing from you."
        }
    )


async def run_case(case: str, users: int, timeout: float) -> list[float]:
    fake = FakeLLM()
    await fake.start()
    if case == "answering":
        fake.reply = good
    elif case == "slow":
        fake.reply = lambda body: Answer(content="{}", delay=timeout * 3)
    url = fake.url if case != "down" else "http://127.0.0.1:9/v1"
    model = {} if case == "off" else {"LLM_BASE_URL": url, "LLM_MODEL": "bench", "LLM_WRITING": True}
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{folder}/bench.sqlite3"
        await asyncio.to_thread(upgrade, db)
        settings = Settings(
            database_url=db, FOLLOWUP_DATA_DIR=Path(folder), LLM_TIMEOUT=timeout, _env_file=None, **model
        )
        app = Followup(settings, FakeClock(START))
        times = []
        try:
            for n in range(users):
                user = ChatUser(app, user_id=f"u{n}")
                await onboard(user)
                await debrief(user, PEOPLE)
                started = time.perf_counter()
                await user.taps("Write the drafts")
                times.append(time.perf_counter() - started)
        finally:
            await app.stop()
            await fake.stop()
    return times


async def main() -> None:
    import logging

    logging.disable(logging.WARNING)  # the fallbacks are logged; here only the times matter
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    print(f"'Write the drafts' turn (two interviewers), {args.users} users per case, LLM_TIMEOUT={args.timeout:g}")
    print(f"{'case':<10} {'first':>9} {'median of the rest':>19} {'max of the rest':>16}")
    for case in ("off", "answering", "slow", "down"):
        times = await run_case(case, args.users, args.timeout)
        rest = times[1:] or times
        print(
            f"{case:<10} {times[0] * 1000:>7.0f} ms {statistics.median(rest) * 1000:>16.0f} ms "
            f"{max(rest) * 1000:>13.0f} ms"
        )


if __name__ == "__main__":
    asyncio.run(main())
