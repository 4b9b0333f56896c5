"""The rename-only migration keeps every row and link, on SQLite and PostgreSQL, both ways."""

from __future__ import annotations

import os

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from bot.store.db import ALEMBIC_DIR, make_sync_engine, upgrade
from bot.store.models import StoredDraft
from tests.support.databases import PG_ADMIN, require_postgres

ROWS = [
    "INSERT INTO users (id, key, platform, display_name, active, created_at)"
    " VALUES (1, 'console:ada', 'console', 'Ada', true, '2026-01-01 09:00:00')",
    "INSERT INTO interviews (id, user_id, company, role, status, duration_minutes, created_at)"
    " VALUES (1, 1, 'Acme', 'Engineer', 'active', 60, '2026-01-01 09:00:00')",
    "INSERT INTO {table} (id, user_id, interview_id, kind, state, created_at)"
    " VALUES (1, 1, 1, 'thank_you', 'pending', '2026-01-01 09:00:00')",
    "INSERT INTO reminders (id, user_id, {column}, platform, label, due_at, send_after, state, attempts, late)"
    " VALUES (1, 1, 1, 'console', '', '2026-01-02 09:00:00', '2026-01-02 09:00:00', 'scheduled', 0, false)",
]


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db_url(request, tmp_path):
    """A database with no tables yet, to migrate step by step."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    require_postgres()
    name = f"followup_migrations_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _downgrade(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    engine = make_sync_engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def _links(url: str, table: str, column: str) -> list[tuple]:
    engine = make_sync_engine(url)
    try:
        with engine.begin() as connection:
            return list(
                connection.execute(
                    sa.text(f"SELECT r.id, f.kind FROM reminders r JOIN {table} f ON f.id = r.{column}")
                ).all()
            )
    finally:
        engine.dispose()


def test_follow_up_names_migration_keeps_rows_both_ways(empty_db_url):
    url = empty_db_url
    upgrade(url, "0001")
    engine = make_sync_engine(url)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(sa.text(statement.format(table="steps", column="step_id")))
    engine.dispose()

    upgrade(url, "0002_follow_up_names")
    assert _links(url, "follow_ups", "follow_up_id") == [(1, "thank_you")]
    engine = make_sync_engine(url)
    inspector = sa.inspect(engine)
    assert "steps" not in inspector.get_table_names()
    assert {i["name"] for i in inspector.get_indexes("follow_ups")} == {
        "ix_follow_ups_user_id",
        "ix_follow_ups_interview_id",
        "ix_follow_ups_person_id",
        "ix_follow_ups_promise_id",
    }
    assert "ix_reminders_follow_up_id" in {i["name"] for i in inspector.get_indexes("reminders")}
    keys = {k["name"]: k["referred_table"] for k in inspector.get_foreign_keys("reminders")}
    assert keys["fk_reminders_follow_up_id_follow_ups"] == "follow_ups"
    # The link still cascades: a deleted follow-up takes its reminders with it.
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM follow_ups WHERE id = 1"))
        assert connection.execute(sa.text("SELECT count(*) FROM reminders")).scalar() == 0
        connection.execute(sa.text(ROWS[2].format(table="follow_ups")))
        connection.execute(sa.text(ROWS[3].format(column="follow_up_id")))
    engine.dispose()

    _downgrade(url, "0001")
    assert _links(url, "steps", "step_id") == [(1, "thank_you")]


def test_promise_person_migration_adds_the_column_and_keeps_promises_both_ways(empty_db_url):
    url = empty_db_url
    upgrade(url, "0002_follow_up_names")
    engine = make_sync_engine(url)
    with engine.begin() as connection:
        for statement in ROWS[:2]:
            connection.execute(sa.text(statement))
        connection.execute(sa.text("INSERT INTO people (id, interview_id, name) VALUES (1, 1, 'Jane Doe')"))
        connection.execute(
            sa.text("INSERT INTO promises (id, interview_id, mine, what) VALUES (1, 1, false, 'case studies')")
        )
    engine.dispose()

    upgrade(url, "0007_promise_person")
    engine = make_sync_engine(url)
    with engine.begin() as connection:
        assert connection.execute(sa.text("SELECT person_id FROM promises")).scalar() is None
        connection.execute(sa.text("UPDATE promises SET person_id = 1"))
        assert connection.execute(sa.text("SELECT what, person_id FROM promises")).one() == ("case studies", 1)
    if engine.dialect.name == "postgresql":  # the key: a removed person leaves the promise, unnamed
        keys = {k["name"]: k["referred_table"] for k in sa.inspect(engine).get_foreign_keys("promises")}
        assert keys["fk_promises_person_id_people"] == "people"
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM people WHERE id = 1"))
            assert connection.execute(sa.text("SELECT person_id FROM promises")).one() == (None,)
    engine.dispose()

    _downgrade(url, "0002_follow_up_names")
    engine = make_sync_engine(url)
    assert "person_id" not in {c["name"] for c in sa.inspect(engine).get_columns("promises")}
    with engine.begin() as connection:
        assert connection.execute(sa.text("SELECT what FROM promises")).scalar() == "case studies"
    engine.dispose()


def test_drafts_migration_adds_the_topic_short_notes_and_drafts_table_and_undoes_them(empty_db_url):
    url = empty_db_url
    upgrade(url, "0002_follow_up_names")
    engine = make_sync_engine(url)
    with engine.begin() as connection:
        for statement in ROWS[:2]:
            connection.execute(sa.text(statement))
        connection.execute(sa.text("INSERT INTO people (id, interview_id, name) VALUES (1, 1, 'Jane Doe')"))
    engine.dispose()

    upgrade(url, "0006_drafts")
    engine = make_sync_engine(url)
    inspector = sa.inspect(engine)
    assert "topic" in {c["name"] for c in inspector.get_columns("people")}
    assert "short_notes" in {c["name"] for c in inspector.get_columns("interviews")}
    columns = {c["name"] for c in inspector.get_columns("drafts")}
    assert columns == {c.name for c in StoredDraft.__table__.columns} - {"written_by"}  # 0009 adds it
    assert {i["name"] for i in inspector.get_indexes("drafts")} == {
        f"ix_drafts_{c}" for c in ("user_id", "interview_id", "person_id", "promise_id")
    }
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE people SET topic = 'data contracts' WHERE id = 1"))
        connection.execute(
            sa.text(
                "INSERT INTO drafts (user_id, interview_id, person_id, kind, state, variant, subject, body, updated_at)"
                " VALUES (1, 1, 1, 'thank_you', 'edited', 0, 'Thanks', 'Dear Jane,', '2026-01-01 09:00:00')"
            )
        )
        # A person deleted takes their drafts with them.
        connection.execute(sa.text("DELETE FROM people WHERE id = 1"))
        assert connection.execute(sa.text("SELECT count(*) FROM drafts")).scalar() == 0
    engine.dispose()

    _downgrade(url, "0002_follow_up_names")
    engine = make_sync_engine(url)
    inspector = sa.inspect(engine)
    assert "drafts" not in inspector.get_table_names()
    assert "topic" not in {c["name"] for c in inspector.get_columns("people")}
    assert "short_notes" not in {c["name"] for c in inspector.get_columns("interviews")}
    engine.dispose()


def test_language_model_migration_adds_the_user_switch_on_and_the_drafts_author_and_undoes_them(empty_db_url):
    url = empty_db_url
    upgrade(url, "0008_reminders_due_by_id")
    engine = make_sync_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(ROWS[0]))
    engine.dispose()

    upgrade(url, "0009_language_model")
    engine = make_sync_engine(url)
    inspector = sa.inspect(engine)
    assert "use_model" in {c["name"] for c in inspector.get_columns("users")}
    assert {c["name"] for c in inspector.get_columns("drafts")} == {c.name for c in StoredDraft.__table__.columns}
    with engine.begin() as connection:  # a user from before is neither opted in nor out: the operator decides
        assert connection.execute(sa.text("SELECT use_model FROM users")).scalar() in (True, 1)
    engine.dispose()

    _downgrade(url, "0008_reminders_due_by_id")
    engine = make_sync_engine(url)
    assert "use_model" not in {c["name"] for c in sa.inspect(engine).get_columns("users")}
    assert "written_by" not in {c["name"] for c in sa.inspect(engine).get_columns("drafts")}
    engine.dispose()
