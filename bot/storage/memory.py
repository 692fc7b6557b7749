"""The in-memory twins, for tests and experiments: everything is lost when the process ends."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from bot.storage.analytics import MISS_MEMORY, Analytics, Miss, day_of
from bot.storage.contract import UPDATE_MEMORY, StateStore


class MemoryStore(StateStore):
    def __init__(self) -> None:
        self._states: dict[int, str] = {}
        self._updates: dict[int, float] = {}  # id -> time; insertion order = arrival order

    async def get(self, user_id: int) -> str | None:
        return self._states.get(user_id)

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        self._states[user_id] = state
        if update_id is not None:
            await self.mark_update(update_id)

    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        if update_id is not None:
            await self.mark_update(update_id)
        return self._states.pop(user_id, None) is not None

    async def count_people(self) -> int:
        return len(self._states)

    async def seen_update(self, update_id: int) -> bool:
        return update_id in self._updates

    async def mark_update(self, update_id: int) -> None:
        now = time.time()
        horizon = now - UPDATE_MEMORY.total_seconds()
        while self._updates and next(iter(self._updates.values())) < horizon:
            del self._updates[next(iter(self._updates))]
        self._updates[update_id] = now

    async def close(self) -> None:
        return None


class MemoryAnalytics(Analytics):
    def __init__(self, miss_memory: timedelta = MISS_MEMORY) -> None:
        super().__init__(miss_memory)
        self._misses: list[tuple[str, str, datetime]] = []
        self._events: list[tuple[str, str, datetime]] = []

    async def _count_miss(self, text: str, kind: str, at: datetime) -> None:
        self._misses.append((text, kind, day_of(at)))

    async def forget_old_misses(self, now: datetime) -> None:
        horizon = now - self.miss_memory
        self._misses = [miss for miss in self._misses if miss[2] >= horizon]

    async def top_misses(self, limit: int) -> list[Miss]:
        counts: dict[str, int] = {}
        for text, _, _ in self._misses:
            counts[text] = counts.get(text, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [Miss(text, count) for text, count in ranked[:limit]]

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        self._events.append((kind, detail, at))

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for kind, detail, at in self._events:
            if at >= since:
                counts[(kind, detail)] = counts.get((kind, detail), 0) + 1
        return counts

    async def close(self) -> None:
        return None
