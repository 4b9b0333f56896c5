"""The SQLite engine's one-hop cursor (bot/store/sqlite_onehop.py): one trip to aiosqlite's thread per
statement, and every DBAPI answer SQLAlchemy reads (rows, rowcount, lastrowid, errors) as before."""

from __future__ import annotations

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.store.db import make_engine
from bot.store.sqlite_onehop import NAME


@pytest.fixture
async def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'one-hop.db'}")
    assert engine.dialect.driver == NAME
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE NOT NULL)"))
    yield engine
    await engine.dispose()


@pytest.fixture
def hops(monkeypatch):
    """Counts calls that go to aiosqlite's thread (every aiosqlite operation goes through `_execute`)."""
    count = [0]
    real = aiosqlite.Connection._execute

    async def counting(self, fn, *args, **kwargs):
        count[0] += 1
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return count


async def test_a_statement_is_one_hop_and_answers_as_sqlite_does(engine, hops):
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))  # the pooled connection is set up and BEGIN issued
        before = hops[0]
        inserted = await conn.execute(text("INSERT INTO notes (body) VALUES ('call ana back')"))
        assert hops[0] - before == 1
        assert inserted.lastrowid == 1 and inserted.rowcount == 1
        before = hops[0]
        rows = (await conn.execute(text("SELECT id, body FROM notes ORDER BY id"))).all()
        assert hops[0] - before == 1
        assert [tuple(r) for r in rows] == [(1, "call ana back")]
        await conn.execute(text("INSERT INTO notes (body) VALUES (:b)"), [{"b": "send slides"}, {"b": "ask re: dates"}])
        updated = await conn.execute(text("UPDATE notes SET body = body || '!' WHERE id > 1"))
        assert updated.rowcount == 2
        returned = (await conn.execute(text("DELETE FROM notes WHERE id = 3 RETURNING body"))).scalars().all()
        assert returned == ["ask re: dates!"]
        with pytest.raises(IntegrityError):
            await conn.execute(text("INSERT INTO notes (body) VALUES ('call ana back')"))
        await conn.commit()


async def test_begin_goes_with_the_first_statement_and_an_empty_transaction_costs_nothing(engine, hops, tmp_path):
    async with engine.connect() as conn:  # the pooled connection is set up
        await conn.execute(text("SELECT 1"))
        await conn.commit()
        before = hops[0]
        await conn.execute(text("INSERT INTO notes (body) VALUES ('call ana back')"))  # BEGIN IMMEDIATE + INSERT
        assert hops[0] - before == 1
        assert conn.sync_connection.connection.driver_connection.in_transaction
        await conn.commit()
        assert hops[0] - before == 2
        before = hops[0]
        await conn.begin()  # a transaction that runs nothing: no BEGIN, no COMMIT on the thread
        await conn.commit()
        assert hops[0] == before
    # the BEGIN is IMMEDIATE all the same: another connection holding the write lock makes the statement fail
    async with aiosqlite.connect(tmp_path / "one-hop.db") as other:
        await other.execute("BEGIN IMMEDIATE")
        slow = make_engine(f"sqlite:///{tmp_path / 'one-hop.db'}")
        try:
            async with slow.connect() as conn:
                raw = await conn.get_raw_connection()
                await (await raw.driver_connection.execute("PRAGMA busy_timeout=50")).close()  # no BEGIN
                with pytest.raises(OperationalError, match="locked"):
                    await conn.execute(text("SELECT count(*) FROM notes"))  # a read, but after BEGIN IMMEDIATE
                await conn.rollback()
                assert not conn.sync_connection.connection.driver_connection.in_transaction
        finally:
            await slow.dispose()
        await other.rollback()
