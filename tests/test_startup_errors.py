"""Misconfigurations, tried through the real `followup-bot` command: a short message naming the setting, no traceback."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.databases import require_postgres
from tests.support.fake_slack import SECRET, FakeSlack
from tests.support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.slow

COMMAND = str(Path(sys.executable).parent / "followup-bot")
SECRET_PASSWORD = "s3cret-pw"  # made up; the output must never show it


def env_for(tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment without the developer's bot settings, plus `settings`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FOLLOWUP_", "DATABASE_URL", "TELEGRAM_", "SLACK_", "HEALTH_", "PORT", "LOG_"))
    }
    env.update(FOLLOWUP_DATA_DIR=str(tmp_path / "data"), DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    env.update(settings)
    return env


def followup_bot(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMMAND, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,  # never the checkout: a .env there would be read
        env=env_for(tmp_path, **settings),
    )


def message_of(stderr: str) -> list[str]:
    """The operator's message: stderr without log lines (ts=...), which must hold no traceback either."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("ts=")]


def assert_short_failure(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert result.returncode != 0
    lines = message_of(result.stderr)
    assert 1 <= len(lines) <= 2, result.stderr
    text = "\n".join(lines)
    assert text.startswith("followup-bot: ")
    for fragment in fragments:
        assert fragment in text, text
    return text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("url", "fragments"),
    [
        ("not a url at all", ["DATABASE_URL", "not a database URL", "postgresql+psycopg://"]),
        (f"mysql://bot:{SECRET_PASSWORD}@db/bot", ["DATABASE_URL", "'mysql'", "sqlite:///"]),
        ("postgresql+psycopg:///bot", ["DATABASE_URL", "no host"]),
        # A raw @ in the password: SQLAlchemy would take "w0rd@db" for the host and every error would show it.
        (f"postgresql://bot:p@{SECRET_PASSWORD}@db:5432/bot", ["DATABASE_URL", "%40", "DATABASE_PASSWORD"]),
    ],
)
def test_a_bad_database_url_names_the_setting_and_what_works(tmp_path, url, fragments):
    text = assert_short_failure(followup_bot(tmp_path, "db", "upgrade", DATABASE_URL=url), *fragments)
    assert SECRET_PASSWORD not in text


def test_an_unreachable_postgresql_is_one_message_without_the_password(tmp_path):
    url = f"postgresql://bot:{SECRET_PASSWORD}@127.0.0.1:{free_port()}/bot"
    for args in (("db", "upgrade"), ("chat",)):
        result = followup_bot(tmp_path, *args, DATABASE_URL=url)
        text = assert_short_failure(result, "Cannot use the database", "Connection refused", "DATABASE_URL")
        assert "postgresql+psycopg://bot:***@127.0.0.1:" in text
        assert SECRET_PASSWORD not in result.stdout + result.stderr


def test_a_postgres_url_is_accepted_and_shown_without_its_password(tmp_path):
    require_postgres()
    result = followup_bot(
        tmp_path, "db", "upgrade", DATABASE_URL=f"postgres://postgres:{SECRET_PASSWORD}@127.0.0.1:5432/test"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Database is up to date: postgresql+psycopg://postgres:***@127.0.0.1:5432/test"
    assert SECRET_PASSWORD not in result.stdout + result.stderr


def test_an_sqlite_file_where_nothing_can_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = followup_bot(tmp_path, "db", "upgrade", DATABASE_URL=f"sqlite:///{blocker}/sub/bot.sqlite3")
    assert_short_failure(result, "SQLite", "FOLLOWUP_DATA_DIR", "DATABASE_URL")


def test_a_bad_setting_is_one_line_naming_it(tmp_path):
    result = followup_bot(tmp_path, "db", "upgrade", FOLLOWUP_QUIET_HOURS="late", HEALTH_PORT="http")
    assert result.returncode == 2
    assert_short_failure(result, "FOLLOWUP_QUIET_HOURS", "HH:MM-HH:MM", "HEALTH_PORT")


@pytest.mark.parametrize(
    ("command", "fragments"),
    [
        ("telegram", ["TELEGRAM_BOT_TOKEN is not set", "@BotFather"]),
        ("slack", ["SLACK_BOT_TOKEN", "xoxb-"]),
        ("run", ["No adapter is configured", "TELEGRAM_BOT_TOKEN", "SLACK_CLIENT_ID", "followup-bot chat"]),
    ],
)
def test_missing_tokens(tmp_path, command, fragments):
    result = followup_bot(tmp_path, command)
    assert_short_failure(result, *fragments)
    # Status 2, a setting to fix: the unit's RestartPreventExitStatus=2 stops there instead of restarting every 5 s.
    assert result.returncode == 2


def test_both_platforms_on_one_port_is_a_setting_to_fix(tmp_path):
    result = followup_bot(
        tmp_path,
        "run",
        TELEGRAM_BOT_TOKEN="123:abc",
        TELEGRAM_WEBHOOK_URL="https://bot.example/telegram",
        TELEGRAM_WEBHOOK_SECRET="s3cret",
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET="signing",
    )
    assert_short_failure(result, "both listen on PORT", "SLACK_APP_TOKEN")
    assert result.returncode == 2  # not restarted by the unit: only a change of settings helps


def test_env_file_lookup(tmp_path):
    # FOLLOWUP_ENV_FILE set but missing: said so, rather than "the token is not set" later.
    missing = tmp_path / "conf" / "followup.env"
    result = followup_bot(tmp_path, "telegram", FOLLOWUP_ENV_FILE=str(missing))
    assert result.returncode == 2
    assert_short_failure(result, f"FOLLOWUP_ENV_FILE={missing} does not exist")

    # FOLLOWUP_ENV_FILE elsewhere is read...
    missing.parent.mkdir()
    missing.write_text(f"DATABASE_URL=sqlite:///{tmp_path / 'from-env-file.sqlite3'}\n")
    env = env_for(tmp_path, FOLLOWUP_ENV_FILE=str(missing))
    del env["DATABASE_URL"]
    result = subprocess.run([COMMAND, "db", "upgrade"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "from-env-file.sqlite3" in result.stdout

    # ...and without it, .env in the current folder.
    (tmp_path / ".env").write_text(f"DATABASE_URL=sqlite:///{tmp_path / 'from-cwd.sqlite3'}\n")
    del env["FOLLOWUP_ENV_FILE"]
    result = subprocess.run([COMMAND, "db", "upgrade"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "from-cwd.sqlite3" in result.stdout


async def run_until_exit(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    """`followup-bot` in a subprocess while this event loop serves the fakes it talks to."""
    proc = await asyncio.create_subprocess_exec(
        COMMAND,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path,
        env=env_for(tmp_path, **settings),
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout=90)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return subprocess.CompletedProcess(list(args), proc.returncode or 0, out.decode(), err.decode())


async def test_a_slack_port_already_in_use(tmp_path):
    fake = await FakeSlack().start()
    try:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = str(taken.getsockname()[1])
            result = await run_until_exit(
                tmp_path,
                "slack",
                SLACK_BOT_TOKEN="xoxb-test",
                SLACK_SIGNING_SECRET=SECRET,
                SLACK_API_URL=fake.api_url,
                HOST="127.0.0.1",
                PORT=port,
            )
    finally:
        await fake.stop()
    assert_short_failure(result, f"127.0.0.1:{port}", "PORT", "SLACK_APP_TOKEN")


async def test_a_health_port_already_in_use(tmp_path):
    async with FakeTelegram() as tg:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = str(taken.getsockname()[1])
            result = await run_until_exit(
                tmp_path,
                "telegram",
                TELEGRAM_BOT_TOKEN=tg.token,
                TELEGRAM_API_BASE_URL=tg.base_url,
                HOST="127.0.0.1",
                HEALTH_PORT=port,
            )
    assert_short_failure(result, f"127.0.0.1:{port}", "HEALTH_PORT")
