"""GET /healthz and GET /metrics over real HTTP: 200 while the bot works, 503 while deliveries keep failing."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from adapters.telegram.updates import WebhookServer
from bot.common.events import Incoming, Who
from bot.store.db import make_engine, sessionmaker_for
from tests.support.fake_telegram import FakeTelegram
from tests.support.recording import RecordingSender
from tests.support.seeds import seed_due_reminders


async def get(port: int, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}{path}") as response:
        return response.status, await response.text()


async def healthz(port: int) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/healthz") as response:
        return response.status, await response.json()


def samples(page: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """A /metrics page parsed by prometheus-client's own parser: {(name, labels): value}."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
    }


async def metric_values(port: int) -> dict:
    status, page = await get(port, "/metrics")
    assert status == 200
    return samples(page)


FAILED = ("followup_reminders_failed_total", (("platform", "console"),))
RETRIED = ("followup_reminder_retries_total", (("platform", "console"),))
SENT = ("followup_reminders_sent_total", ())
DUE = ("followup_reminders_due", ())
DELIVERED = ("followup_reminder_send_attempts_total", (("platform", "console"), ("result", "sent")))
UNDELIVERED = ("followup_reminder_send_attempts_total", (("platform", "console"), ("result", "retry")))
GIVEN_UP = ("followup_reminder_send_attempts_total", (("platform", "console"), ("result", "failed")))
TURNS = ("followup_turns_total", (("kind", "message"),))
TURN_COUNT = ("followup_turn_seconds_count", ())


async def test_healthz_follows_the_scheduler_and_failing_deliveries(app, clock):
    sender = RecordingSender()
    app.add_sender(sender)
    port = await app.serve_health(0)

    status, body = await healthz(port)
    assert (status, body["scheduler"]) == (503, "stopped")  # a sender but no scheduler: reminders would stall

    await app.start()
    status, body = await healthz(port)
    assert status == 200, body
    assert body == {"database": "ok", "scheduler": "ok", "deliveries": "ok", "ok": True}

    sender.fail_next = 1000  # the platform answers 502 to every send
    await seed_due_reminders(app, 3, clock(), users=3)
    # (the scheduler's own tick may get to them first: either way each is tried, under one lock)
    await app.dispatch_due()
    assert not sender.sent
    status, body = await healthz(port)
    assert status == 200  # failing, but not for long yet
    assert body["deliveries"] == "failing for 0 s"

    clock.advance(seconds=app.settings.health_max_failing.delta.total_seconds() + 1)
    status, body = await healthz(port)
    assert status == 503
    assert "HEALTH_MAX_FAILING=15m" in body["deliveries"]

    sender.fail_next = 0  # the platform is back: the retries go through
    clock.advance(hours=1)  # past any backoff
    await app.dispatch_due()
    assert len(sender.sent) == 3
    status, body = await healthz(port)
    assert status == 200, body


async def test_metrics_count_reminders_due_sent_retried_and_failed(app, clock):
    """No scheduler here, so every dispatch is this test's own and the counts are exact."""
    sender = RecordingSender()
    app.add_sender(sender)
    port = await app.serve_health(0)
    before = await metric_values(port)
    await seed_due_reminders(app, 3, clock(), users=3)
    assert (await metric_values(port))[DUE] == 3

    sender.fail_next = 3
    assert await app.dispatch_due() == 0
    values = await metric_values(port)
    # A retry is a retry, not a failure: "failed" counts only reminders given up on.
    assert values.get(FAILED, 0) - before.get(FAILED, 0) == 0
    assert values[RETRIED] - before.get(RETRIED, 0) == 3
    assert values[UNDELIVERED] - before.get(UNDELIVERED, 0) == 3
    assert values[DUE] == 0  # backing off

    clock.advance(hours=1)
    assert (await metric_values(port))[DUE] == 3
    assert await app.dispatch_due() == 3
    values = await metric_values(port)
    assert values[SENT] - before.get(SENT, 0) == 3
    assert values[DELIVERED] - before.get(DELIVERED, 0) == 3
    assert values[DUE] == 0


async def test_failed_counts_each_reminder_given_up_once(app, clock):
    sender = RecordingSender()
    app.add_sender(sender)
    port = await app.serve_health(0)
    before = await metric_values(port)
    await seed_due_reminders(app, 2, clock(), users=2)
    sender.fail_next = 1000
    attempts = app.settings.max_delivery_attempts
    for _ in range(attempts + 2):
        await app.dispatch_due()
        clock.advance(hours=1)  # past any backoff
    values = await metric_values(port)
    assert values[FAILED] - before.get(FAILED, 0) == 2
    assert values[GIVEN_UP] - before.get(GIVEN_UP, 0) == 2
    assert values[RETRIED] - before.get(RETRIED, 0) == 2 * (attempts - 1)
    assert not any(name == "followup_reminders_failed_total" and dict(labels).get("reason") for name, labels in values)


async def test_the_health_listener_binds_this_machine_only_by_default(app):
    assert app.settings.health_host == "127.0.0.1"
    await app.serve_health(0)
    assert [address[0] for address in app.health_server._runner.addresses] == ["127.0.0.1"]


async def test_healthz_is_503_when_the_database_does_not_answer(app, free_port):
    await app.start()
    port = await app.serve_health(0)
    assert (await healthz(port))[0] == 200
    working = app.sessions
    nowhere = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port}/nowhere")
    app.sessions = sessionmaker_for(nowhere)
    try:
        status, body = await healthz(port)
    finally:
        app.sessions = working
        await nowhere.dispose()
    assert status == 503
    assert body["database"].startswith("unreachable")


async def test_turns_are_counted_with_their_latency(app):
    port = await app.serve_health(0)
    before = await metric_values(port)
    await app.handle(Incoming(Who("console", "metrics", "Ada"), text="/start"))
    after = await metric_values(port)
    assert after[TURNS] - before.get(TURNS, 0) == 1
    assert after[TURN_COUNT] - before.get(TURN_COUNT, 0) == 1


async def test_a_webhook_listener_serves_neither_healthz_nor_metrics(free_port):
    """The public PORT carries the platform's callbacks only; the operator's pages are on HEALTH_PORT."""
    server = WebhookServer(None, url="https://bot.example/tg", secret="s", host="127.0.0.1", port=free_port)
    await server.start()
    try:
        assert (await get(free_port, "/metrics"))[0] == 404
        assert (await get(free_port, "/healthz"))[0] == 404
    finally:
        await server.stop()


@pytest.fixture
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
async def test_followup_bot_run_serves_health_and_metrics_on_health_port_while_polling(tmp_path, free_port):
    """The real process in polling mode (no webhook port of its own): HEALTH_PORT answers."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "DATABASE_URL", "TELEGRAM_", "SLACK_"))
    }
    async with FakeTelegram() as tg:
        env.update(
            DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}",
            FOLLOWUP_DATA_DIR=str(tmp_path),
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.base_url,
            HOST="127.0.0.1",
            HEALTH_PORT=str(free_port),
            LOG_FORMAT="json",
        )
        proc = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).parent / "followup-bot"),
            "run",
            env=env,
            cwd=tmp_path,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await tg.wait_for(lambda: tg.calls_to("getUpdates"), timeout=60)
            status, body = await healthz(free_port)
            assert status == 200, body
            user = tg.user(5)
            await user.says("/start")
            await user.expect("what name")
            values = await metric_values(free_port)
            assert values[TURNS] >= 1
            assert values[DUE] == 0
        finally:
            proc.terminate()
            _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
        assert proc.returncode == 0, err.decode()


@pytest.mark.slow
async def test_followup_bot_slack_in_socket_mode_serves_health_on_health_port(tmp_path, free_port):
    """Socket Mode opens no port of its own: HEALTH_PORT is where /healthz and /metrics live."""
    from tests.support.fake_slack import FakeSlack

    fake = await FakeSlack().start()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "DATABASE_URL", "TELEGRAM_", "SLACK_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'socket.sqlite3'}",
        FOLLOWUP_DATA_DIR=str(tmp_path),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-1-test",
        SLACK_API_URL=fake.api_url,
        HOST="127.0.0.1",
        HEALTH_PORT=str(free_port),
    )
    proc = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "followup-bot"),
        "slack",
        env=env,
        cwd=tmp_path,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        for _ in range(300):
            if fake.connections_opened:
                break
            assert proc.returncode is None
            await asyncio.sleep(0.1)
        status, body = await healthz(free_port)
        assert status == 200, body
        assert DUE in await metric_values(free_port)
    finally:
        proc.terminate()
        _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
        await fake.stop()
    assert proc.returncode == 0, err.decode()


def test_a_platform_s_failure_counters_start_at_zero(tmp_path):
    """In a fresh process (the registry is per process): once a platform is served, its labelled counters are
    at 0, so the README's `increase(followup_reminders_failed_total[1h]) > 0` sees the first give-up after a
    start; a series that first appears at 1 has no earlier sample and increase() stays 0."""
    script = f"""
import asyncio
from bot.app import Followup
from bot.service import metrics
from bot.service.config import Settings
from tests.support.recording import RecordingSender

async def main():
    app = await Followup.create(Settings(_env_file=None, database_url="sqlite:///{tmp_path}/m.sqlite3"))
    assert 'platform="console"' not in metrics.render()[0].decode()  # nothing served yet
    app.add_sender(RecordingSender())
    print(metrics.render()[0].decode())
    await app.stop()

asyncio.run(main())
"""
    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "DATABASE_", "LOG_"))}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=root, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    values = samples(done.stdout)
    for key in (FAILED, RETRIED, GIVEN_UP, UNDELIVERED, DELIVERED):
        assert values[key] == 0, key
