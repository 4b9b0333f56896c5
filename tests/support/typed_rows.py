"""The one row runner of the typed-answer tables (tests/test_typed_answers_*.py).

A row starts a fresh user onboarded in a zone, with the clock at 19:00 there on the table's day, walks to a question
by the plain answers of tests/test_typed_answers.py (PATHS), types its answer (" || " separates the messages of a row
typed in several) and checks what the bot said back and what it stored. Each table keeps its rows, its judging
helpers and its xfails; this module only runs them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.support.databases import START
from tests.support.driver import ChatUser
from tests.support.scripts import Says, Taps, onboard, play
from tests.test_typed_answers import _NOTES, _PERSON_DONE, PATHS, _stored

Fragments = str | tuple[str, ...] | None
Value = Callable[[Any, str], Awaitable[Any]]


def fragments(value: Fragments) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value or ()


def right(got: Any, want: Any) -> bool:
    """A stored value against a row's want: a check, a set of right values, or the value itself."""
    if callable(want):
        return want(got)
    if isinstance(want, set):
        return got in want
    return got == want


async def outcome(app, said: str, stored: dict[str, Any], asks: Fragments, not_asks: Fragments, value: Value):
    """What is wrong with one outcome: a fragment missing from the reply or there unwanted, a stored value."""
    wrong = []
    for fragment in fragments(asks):
        if fragment.casefold() not in said.casefold():
            wrong.append(f"expected {fragment!r} in the reply")
    for fragment in fragments(not_asks):
        if fragment.casefold() in said.casefold():
            wrong.append(f"did not expect {fragment!r} in the reply")
    for key, want in stored.items():
        got = await value(app, key)
        if not right(got, want):
            wrong.append(f"{key} stored {got!r}")
    return wrong


# The questions PATHS does not reach (tests/test_typed_answers_new_users.py's numbering has them).
MORE_PATHS = {
    "why_me": [*_PERSON_DONE, Taps("That's everyone"), Says("/skip"), Says("/skip")],
    "clarify": [*_NOTES, Taps("Mixed")],
    # who promised one of their promises: the date given with it, Jane Doe to choose from
    "their_promise_who": [*PATHS["their_promise"], Says("they'll send the contract by friday")],
    "settings_tz": [Says("/settings"), Taps("Time zone")],
}


def path_to(at: str) -> list[Any]:
    return MORE_PATHS.get(at) or PATHS[at]


async def run_typed_row(
    app,
    clock,
    *,
    zone: str,
    day: date,
    at: str,
    typed: str,
    stored: dict[str, Any],
    asks: Fragments = None,
    not_asks: Fragments = None,
    value: Value | None = None,
    alt: Any = None,
    alt_not_asks: Fragments = None,
    kept: Callable[[], Awaitable[list[str]]] | None = None,
) -> list[str]:
    """Type the answer at its question; what is wrong (empty when the answer was understood).

    `alt` (with .stored and .asks) is another outcome as right as the row's own, judged with `alt_not_asks`;
    `kept` says what the walk stored on the way and the answer lost.
    """
    value = value or _stored
    evening = datetime.combine(day, time(19), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    clock.advance(seconds=(evening - START).total_seconds())
    ada = ChatUser(app)
    if at == "tz":
        await ada.says("/start")
        await ada.says("Ada Lovelace")
    else:
        await onboard(ada, tz=zone)
        await play(ada, path_to(at))
    for message in typed.split(" || "):
        await ada.says(message)
    said = ada.text
    wrong = await outcome(app, said, stored, asks, not_asks, value)
    if wrong and alt:
        other = await outcome(app, said, alt.stored, alt.asks, alt_not_asks, value)
        wrong = [] if not other else [*wrong, "nor the other right outcome:", *other]
    if kept:
        wrong += await kept()
    if wrong:
        wrong.append(f"the bot said: {said!r}")
    return wrong


def row_param(row: Any, row_id: str | None = None, fast: set[int] | None = None):
    """A table row as a test case: a strict xfail while it has a gap (why it is not understood yet); with `fast`,
    a row not in it is a `measure` row, left to CI by a default run."""
    marks = [pytest.mark.xfail(reason=row.gap, strict=True)] if getattr(row, "gap", None) else []
    if fast is not None and row.n not in fast:
        marks.append(pytest.mark.measure)
    return pytest.param(row, id=row_id or f"{row.n}:{row.typed[:30]}", marks=marks)


def items(*fragments: str):
    """One promise per item, each holding its fragment, in this order."""

    def check(got) -> bool:
        parts = (got or "").split(" | ")
        return len(parts) == len(fragments) and all(
            f.casefold() in p.casefold() for f, p in zip(fragments, parts, strict=False)
        )

    return check
