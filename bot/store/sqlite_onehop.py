"""SQLite through aiosqlite in one thread hop per statement (the `sqlite+followup_aiosqlite` dialect).

SQLAlchemy's aiosqlite adapter sends every statement to aiosqlite's thread three or four times: make a
cursor, execute, fetch the rows, close the cursor; each hop is a queue put, a thread wake-up and an event
loop wake-up (`call_soon_threadsafe`). A turn of four statements plus BEGIN and COMMIT made about 27 such
hops. The cursor here runs the whole statement on the thread in one function (make a sqlite3 cursor,
execute, fetch every row, note rowcount/lastrowid/description, close) and keeps the results on this
side, so a statement is one hop. Everything else (the connection, commit, rollback, errors, the
dialect's SQL) is SQLAlchemy's own aiosqlite dialect; only the client-side cursor is replaced.

BEGIN goes with the transaction's first statement: the engine's "begin" hook (bot/store/db.py) issues
`BEGIN IMMEDIATE` right before that statement anyway, so the connection keeps it and runs it on the thread
in the same hop, just before the statement (a turn: BEGIN, the load, the flush, COMMIT is one hop fewer).
Nothing else runs on that connection in between, so the lock is taken at the same point of the
transaction; if BEGIN fails (busy), the statement fails with its error and is not run. A transaction that
ends before any statement ran never began: its COMMIT or ROLLBACK is no hop at all.

It leans on two internals: aiosqlite's `Connection._execute(fn, *args)` (runs `fn` on the connection's
thread; every public aiosqlite call goes through it) and `Connection._conn` (the sqlite3 connection,
used only on that thread). tests/test_storage_engine.py checks both are still there and behave.
"""

from __future__ import annotations

import collections
import sqlite3
from threading import Thread
from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

NAME = "followup_aiosqlite"  # the driver's name in URLs: sqlite+followup_aiosqlite:///...


def _run(
    conn: sqlite3.Connection, begin: str | None, operation: str, parameters: Any, many: bool
) -> tuple[Any, int, int | None, list[Any]]:
    """On aiosqlite's thread: the whole statement (after the BEGIN kept for it), from a fresh cursor to its
    closed state."""
    if begin is not None:
        conn.execute(begin).close()
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A client-side cursor whose statements each take one hop to aiosqlite's thread (see the module)."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # no aiosqlite cursor: nothing to make or close on the thread
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        pass

    async def _async_soft_close(self) -> None:
        """Nothing is open on the thread: the rows are already here."""

    def close(self) -> None:
        self._rows.clear()

    def setinputsizes(self, *inputsizes: Any) -> None:
        pass

    def nextset(self) -> None:
        self._rows.clear()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        if not parameters and operation.startswith("BEGIN"):
            self._adapt_connection._begin = operation  # sent with the next statement (see the module)
            self._description, self._rowcount, self._lastrowid = None, -1, None
            self._rows = collections.deque()
            return None
        return await self._hop(operation, parameters, many=False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        return await self._hop(operation, seq_of_parameters, many=True)

    async def _hop(self, operation: Any, parameters: Any, *, many: bool) -> None:
        connection = self._connection  # aiosqlite.Connection
        adapt = self._adapt_connection
        async with adapt._execute_mutex:
            begin, adapt._begin = adapt._begin, None
            description, rowcount, lastrowid, rows = await connection._execute(
                _run, connection._conn, begin, operation, parameters, many
            )
        self._description, self._rowcount, self._lastrowid = description, rowcount, lastrowid
        self._rows = collections.deque(rows)


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ("_begin",)
    _cursor_cls = OneHopCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self._begin: str | None = None  # a BEGIN not yet sent: it goes with the next statement

    @property
    def begun(self) -> bool:
        """A transaction is open, or a BEGIN waits for its first statement."""
        return self._begin is not None or self._connection.in_transaction

    def commit(self) -> None:
        if self._begin is not None:  # no statement since BEGIN: nothing began, nothing to commit
            self._begin = None
            return
        super().commit()

    def rollback(self) -> None:
        if self._begin is not None:
            self._begin = None
            return
        super().rollback()


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        connection = self.aiosqlite.connect(*arg, **kw)
        thread = connection if isinstance(connection, Thread) else connection._thread
        thread.daemon = True  # as SQLAlchemy's own aiosqlite dialect does
        return OneHopConnection(self, await_(connection))


class OneHopDialect(SQLiteDialect_aiosqlite):
    driver = NAME
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> OneHopDBAPI:
        return OneHopDBAPI(__import__("aiosqlite"), __import__("sqlite3"))


registry.register(f"sqlite.{NAME}", __name__, "OneHopDialect")
