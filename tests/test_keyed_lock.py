"""bot/common/keyed_lock.py: one lock per key, held in turn by one key's work, and forgotten once unused."""

from __future__ import annotations

import asyncio
import gc

from bot.common.keyed_lock import KeyedLocks


async def test_work_for_one_key_runs_one_at_a_time_in_arrival_order():
    locks = KeyedLocks()
    inside, most, order = 0, 0, []

    async def work(n: int) -> None:
        nonlocal inside, most
        async with locks("ada"):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.01)
            order.append(n)
            inside -= 1

    await asyncio.gather(*(work(n) for n in range(5)))
    assert most == 1
    assert order == [0, 1, 2, 3, 4]


async def test_work_for_different_keys_runs_side_by_side():
    locks = KeyedLocks()
    both_inside = asyncio.Event()
    inside: set[str] = set()

    async def work(key: str) -> None:
        async with locks(key):
            inside.add(key)
            if len(inside) == 2:
                both_inside.set()
            await asyncio.wait_for(both_inside.wait(), 1)  # would time out if one waited for the other

    await asyncio.gather(work("ada"), work("bob"))
    assert inside == {"ada", "bob"}


async def test_a_key_is_remembered_while_held_or_awaited_and_forgotten_after():
    locks = KeyedLocks()
    release = asyncio.Event()

    async def hold() -> None:
        async with locks("ada"):
            await release.wait()

    holder = asyncio.create_task(hold())
    waiter = asyncio.create_task(hold())
    await asyncio.sleep(0.01)
    assert "ada" in locks and len(locks) == 1
    assert locks("ada").locked()  # the same lock, still held: the waiter waits on it
    release.set()
    await asyncio.gather(holder, waiter)
    gc.collect()
    assert "ada" not in locks and len(locks) == 0

    for n in range(1000):
        async with locks(f"user{n}"):
            pass
    gc.collect()
    assert len(locks) == 0
