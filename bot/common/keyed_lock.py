"""One asyncio.Lock per key (a user, a chat, a channel), forgotten once no one holds or waits for it."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Hashable


class KeyedLocks:
    """`locks(key)` is the key's lock: the same object for as long as anyone holds or awaits it.

    The locks live in a WeakValueDictionary: a task inside `async with locks(key)`, or waiting to get
    in, keeps the lock alive; when the last one leaves it is dropped, so the map only ever holds keys
    in use. asyncio.Lock wakes its waiters first come, first served, so a key's work keeps its order.
    """

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = weakref.WeakValueDictionary()

    def __call__(self, key: Hashable) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def __contains__(self, key: Hashable) -> bool:
        """Whether someone holds or awaits the key's lock."""
        return key in self._locks

    def __len__(self) -> int:
        """How many keys are in use."""
        return len(self._locks)
