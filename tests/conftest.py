"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, an app with a settable clock."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime

import psycopg
import pytest
import pytest_asyncio

from bot.app import Followup
from bot.clock import FakeClock
from bot.config import Settings
from bot.store.db import upgrade
from bot.store.models import Base

PG_ADMIN = os.environ.get("TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# A Wednesday afternoon in Berlin, far from any DST change.
START = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


def postgres_reachable() -> bool:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def require_postgres() -> None:
    """Skip when PostgreSQL is unreachable on a developer's machine; under CI=true, fail instead."""
    if postgres_reachable():
        return
    if IN_CI:
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN} and CI=true: storage tests must run on it")
    pytest.skip("PostgreSQL is not reachable (allowed locally only; CI never skips)")


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


def _truncate(url: str) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """Every storage test runs twice: on an SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_url")
    _truncate(url)
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
