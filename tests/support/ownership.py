"""Whose row is it: every row of every table, traced through the foreign keys to the user it refers to.

Used by the data-rights and fuzz tests to compare one user's rows before and after a turn. The
tracing is generic (it follows `Base.metadata`), so a table added later is covered without a change
here; a table with no path to `users` is reported under the owner `None`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, Table, select

from bot.store.models import Base

Rows = dict[str, dict[tuple, dict[str, Any]]]  # table -> primary key -> row


@lru_cache(maxsize=4)
def _tables(count: int) -> tuple[tuple[Table, tuple[str, ...], tuple[tuple[str, str], ...]], ...]:
    """The schema's tables, parents before children, each with its primary key's columns and its foreign keys
    as (column, table it points at); worked out once per schema (`count`: its number of tables), not per call:
    sorting the tables took longer than reading a small database's rows."""
    out = []
    for table in Base.metadata.sorted_tables:
        fks = []
        for fk in table.foreign_keys:
            target_pk = tuple(c.name for c in fk.column.table.primary_key.columns)
            assert target_pk == (fk.column.name,), f"{table.name}: composite foreign keys are not traced"
            fks.append((fk.parent.name, fk.column.table.name))
        out.append((table, tuple(c.name for c in table.primary_key.columns), tuple(fks)))
    return tuple(out)


def all_rows(engine: Engine, *, raw: bool = False) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Every row of every table of the schema, keyed by table name and primary key.

    `raw` skips SQLAlchemy's type processing (as the driver returns them: much faster, fine to compare).
    """
    out: dict[str, dict[tuple, dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table, pk, _fks in _tables(len(Base.metadata.tables)):
            result = conn.exec_driver_sql(f'SELECT * FROM "{table.name}"') if raw else conn.execute(select(table))
            out[table.name] = {tuple(row[c] for c in pk): row for row in (dict(r._mapping) for r in result)}
    return out


def by_owner(engine: Engine) -> dict[str | None, Rows]:
    """Every row grouped by the key of the user it refers to (`None`: rows that refer to no user)."""
    rows = all_rows(engine, raw=True)
    owner: dict[tuple[str, tuple], str | None] = {}
    grouped: dict[str | None, Rows] = {}
    for table, _pk, fks in _tables(len(Base.metadata.tables)):  # parents before children
        for key, row in rows[table.name].items():
            owners = {row["key"]} if table.name == "users" else set()
            for column, target in fks:
                value = row[column]
                if value is not None:
                    owners.add(owner.get((target, (value,))))
            # A row pointing at two users' rows (a step of Ada's on Eve's interview) is a leak in itself.
            assert len(owners) <= 1, f"{table.name} row {key} refers to several users: {owners}"
            who = owners.pop() if owners else None
            owner[(table.name, key)] = who
            grouped.setdefault(who, {}).setdefault(table.name, {})[key] = row
    return grouped
