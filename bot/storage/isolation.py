"""The event-isolation contract: one person's events are handled one at a time.

As aiogram's `BaseEventIsolation`, apart from the state store: the engine holds a person's
lock while it reads, decides and saves one event. `KeyedLocks` isolates within one process
(enough for SQLite, one instance per file); the Redis isolation holds across instances.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager


class EventIsolation(ABC):
    @abstractmethod
    def lock(self, key: int) -> AbstractAsyncContextManager[None]:
        """Hold while reading, handling and saving one event of `key` (a user id)."""

    @abstractmethod
    def __len__(self) -> int:
        """How many keys this process holds or waits for: zero when it is idle, however
        many people it has served."""

    @abstractmethod
    async def close(self) -> None: ...


class KeyedLocks(EventIsolation):
    """One asyncio lock per key, dropped as soon as nobody holds or waits for it, so the
    table never grows with the number of people who ever wrote."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def lock(self, key: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)

    async def close(self) -> None:
        return None
