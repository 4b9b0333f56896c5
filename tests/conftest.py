"""Shared fixtures: no internet for any test, a migrated database on SQLite and on PostgreSQL, an app
with a settable clock. Fakes, drivers and conversation scripts live in `tests/support/`."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import psycopg
import pytest
import pytest_asyncio

from bot.app import Followup
from bot.clock import FakeClock
from bot.config import Settings
from bot.store.db import upgrade
from tests.support import no_internet
from tests.support.databases import PG_ADMIN, START, require_postgres, truncate

CHILD_GUARD = Path(__file__).resolve().parent / "support" / "child_guard"


@pytest.fixture(scope="session")
def internet_log(tmp_path_factory):
    """Every Python process a test starts loads the guard too (PYTHONPATH), reporting to this file."""
    log = tmp_path_factory.mktemp("no-internet") / "attempts.log"
    log.touch()
    with pytest.MonkeyPatch.context() as patch:
        path = os.environ.get("PYTHONPATH")
        patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(CHILD_GUARD), path])))
        patch.setenv(no_internet.LOG_ENV, str(log))
        yield log


@pytest.fixture(autouse=True)
def no_internet_guard(monkeypatch, internet_log):
    """Any connection to a host other than this machine fails the test: in the test's own process
    (even when a library swallows the error) and in any Python process it starts. Loopback and unix
    sockets are allowed."""
    attempts: list[object] = []
    for name, guard in no_internet.guards(attempts.append).items():
        monkeypatch.setattr(socket.socket, name, guard)
    children = internet_log.stat().st_size
    yield
    with internet_log.open() as log:
        log.seek(children)
        attempts.extend(line.strip() for line in log)
    if attempts:
        pytest.fail(f"the test tried to reach the internet: {attempts}", pytrace=False)


@pytest.fixture(scope="session")
def pg_url():
    """A database of this test run, migrated once, dropped at the end."""
    require_postgres()
    name = f"followup_test_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    upgrade(url)
    yield url
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """Every storage test runs twice: on an SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_url")
    truncate(url)
    return url


@pytest.fixture
def clock():
    return FakeClock(START)


@pytest.fixture
def settings(db_url, tmp_path):
    return Settings(database_url=db_url, FOLLOWUP_DATA_DIR=tmp_path / "data", _env_file=None)


@pytest_asyncio.fixture
async def app(settings, clock):
    bot = Followup(settings, clock)
    yield bot
    await bot.stop()
