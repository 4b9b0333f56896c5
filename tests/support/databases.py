"""The test databases: where PostgreSQL is, whether CI demands it, and how to empty it between tests."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import psycopg
import pytest

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


def truncate(url: str) -> None:
    """Empty every table of a PostgreSQL test database and restart its id sequences.

    DELETE and ALTER SEQUENCE ... RESTART, not TRUNCATE: the same empty tables and fresh ids, but a TRUNCATE
    creates new files for every table and index (about 0.2 s here), a DELETE of a test's few rows takes
    milliseconds, and this runs before every PostgreSQL test.
    """
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]  # children before parents
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        sequences = [
            row[0]
            for row in conn.execute(
                "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences WHERE schemaname = current_schema()"
            )
        ]
        with conn.transaction():
            conn.execute(
                "; ".join([*(f"DELETE FROM {t}" for t in tables), *(f"ALTER SEQUENCE {s} RESTART" for s in sequences)])
            )
