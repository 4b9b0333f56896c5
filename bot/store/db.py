"""The database: URLs, engines (async for the bot, sync for Alembic) and migrations."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from bot.store import sqlite_onehop
from bot.store.urls import normalise_database_url

log = logging.getLogger(__name__)

# Seconds to wait for PostgreSQL to accept a connection: an unreachable host fails at start-up, not never.
CONNECT_TIMEOUT = 10

# Inside the package (declared as package data), so an installed wheel finds its migrations.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ALEMBIC_DIR = MIGRATIONS_DIR  # the old name


class DatabaseSetupError(RuntimeError):
    """The database cannot be opened as configured; the message names the setting to change."""


# The PostgreSQL advisory lock every process takes around its migrations ("Followup" in ASCII).
MIGRATION_LOCK = 0x466F6C6C6F777570


def _urls(url: str) -> tuple[URL, URL]:
    """The (async, sync) forms of a database URL."""
    parsed = make_url(normalise_database_url(url))
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseSetupError(
                    f"Cannot create {folder} for the SQLite database ({exc.strerror or exc}): set FOLLOWUP_DATA_DIR "
                    "to a folder this user may write, or DATABASE_URL to another database."
                ) from None
        # aiosqlite with one thread hop per statement instead of three or four (bot/store/sqlite_onehop.py).
        return parsed.set(drivername=f"sqlite+{sqlite_onehop.NAME}"), parsed.set(drivername="sqlite")
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg"), parsed.set(drivername="postgresql+psycopg")
    raise ValueError(f"unsupported database {backend!r}: use sqlite:/// or postgresql+psycopg://")


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE, so turns from several processes queue up safely."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _reset_open_transactions_only(engine: Engine) -> None:
    """Roll back a connection given back to the pool only if it is still in a transaction.

    The pool's own reset (`pool_reset_on_return="rollback"`) rolls back every connection given back, also
    right after a commit; on aiosqlite that is one more round trip to the connection's thread per turn.
    SQLite itself says whether a transaction is open (nothing begins one implicitly: see `_sqlite_setup`).
    """

    @event.listens_for(engine, "reset")
    def _on_reset(dbapi_conn: Any, record: Any, state: Any) -> None:
        if state.asyncio_safe and dbapi_conn.begun:  # see OneHopConnection.begun (a BEGIN may wait unsent)
            dbapi_conn.rollback()


def make_engine(url: str) -> AsyncEngine:
    async_url, _ = _urls(url)
    if async_url.get_backend_name() == "sqlite":
        # One connection per process: every transaction here takes SQLite's write lock (BEGIN IMMEDIATE),
        # so a second connection could only wait in SQLite's busy handler, which sleeps and polls; turns
        # queued on the pool instead start the moment the previous one commits (Telegram bench: ~157 ->
        # ~200 messages/s). Other processes still queue on the lock with the busy timeout.
        engine = create_async_engine(async_url, pool_reset_on_return=None, pool_size=1, max_overflow=0)
        _sqlite_setup(engine.sync_engine)
        _reset_open_transactions_only(engine.sync_engine)
        return engine
    # No `pool_pre_ping`: it cost a round trip to the server before every transaction (every turn). A
    # connection the server dropped (a restart) instead fails its first statement with a disconnect error;
    # SQLAlchemy then discards every pooled connection of that generation, and whoever used it does the
    # work again: a turn retries (bot/conversation/core.py, `Core._retry`), the dispatcher's writes retry
    # (group commits) or its next tick does, the health check asks twice (`disconnected`).
    return create_async_engine(
        async_url, pool_size=5, max_overflow=5, connect_args={"connect_timeout": CONNECT_TIMEOUT}
    )


def disconnected(exc: BaseException) -> bool:
    """The database connection was found dead (the server restarted): trying again gets a fresh one."""
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def make_sync_engine(url: str) -> Engine:
    _, sync_url = _urls(url)
    if sync_url.get_backend_name() == "sqlite":
        engine = create_engine(sync_url)
        _sqlite_setup(engine)
        return engine
    return create_engine(sync_url, connect_args={"connect_timeout": CONNECT_TIMEOUT})


def sessionmaker_for(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)


def upgrade(url: str, revision: str = "head") -> None:
    """Apply the Alembic migrations (used at start-up and by `followup-bot db upgrade`)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_sync_engine(url)
    try:
        with engine.connect() as connection:
            # Any number of processes may start together on a fresh database: on PostgreSQL they take
            # turns through a session-level advisory lock held on this very connection, so the first
            # migrates and the others find the schema at head (concurrent CREATE TABLEs would collide
            # in pg_type). On SQLite, BEGIN IMMEDIATE already serialises the migration transactions.
            postgres = connection.dialect.name == "postgresql"
            if postgres:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
                connection.commit()
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
            finally:
                if postgres:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
                    connection.commit()
    finally:
        engine.dispose()
