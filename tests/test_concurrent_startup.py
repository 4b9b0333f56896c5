"""Several processes migrating one fresh database at the same moment all succeed (PostgreSQL advisory
lock around Alembic's upgrade; on SQLite, BEGIN IMMEDIATE)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from bot.store.db import ALEMBIC_DIR, make_sync_engine
from tests.support.databases import PG_ADMIN, require_postgres

ROOT = Path(__file__).resolve().parents[1]
PROCESSES = 6
pytestmark = pytest.mark.slow


def head() -> str:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_url(request, tmp_path):
    """An empty database nobody migrated yet (a throwaway one on PostgreSQL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    require_postgres()
    name = f"followup_fresh_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_several_db_upgrades_at_once_on_a_fresh_database_all_succeed(fresh_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": fresh_url, "FOLLOWUP_DATA_DIR": str(tmp_path / "data")}
    go = tmp_path / "go"
    # Each process imports everything first and waits for the same go signal, so the migrations
    # themselves start within a millisecond or so of each other.
    starter = (
        "import os, sys, time\n"
        "from adapters.cli import main\n"
        "while not os.path.exists(sys.argv[1]):\n"
        "    time.sleep(0.002)\n"
        "sys.exit(main(['db', 'upgrade']))\n"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", starter, str(go)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    try:
        ready = [p for p in processes if p.poll() is None]
        assert len(ready) == PROCESSES
        time.sleep(2.0)  # the imports are done
        go.touch()
        results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
    failed = [(code, err[-2000:]) for code, _, err in results if code != 0]
    assert not failed, failed
    assert all("Database is up to date" in out for _, out, _ in results)
    engine = make_sync_engine(fresh_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
            assert conn.execute(text("SELECT count(*) FROM reminders")).scalar() == 0
    finally:
        engine.dispose()
