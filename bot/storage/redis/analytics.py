"""Misses and usage events in Redis: counts only. Events expire after EVENT_MEMORY; misses
are counted per UTC day, each day's key expiring when its oldest ask is `miss_memory` old."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.asyncio import Redis

from bot.storage.analytics import MISS_MEMORY, Analytics, Miss, kept_text
from bot.storage.redis.connection import decoded
from bot.storage.redis.keys import RedisKeys, event_pair, kind_and_detail

# Events older than this are dropped; the admin statistics read the last seven days.
EVENT_MEMORY = timedelta(days=30)


class RedisAnalytics(Analytics):
    """Borrows the store's client (`RedisStore.analytics()`); the store closes it."""

    def __init__(self, redis: Redis, keys: RedisKeys, miss_memory: timedelta = MISS_MEMORY) -> None:
        super().__init__(miss_memory)
        self.redis = redis
        self.keys = keys

    async def _count_miss(self, text: str, kind: str, at: datetime) -> None:
        del kind  # only the counts are read (top_misses), so only they are kept
        async with self.redis.pipeline(transaction=True) as pipe:
            self._queue_count(pipe, text, 1, at)
            await pipe.execute()

    def _queue_count(self, pipe: Any, text: str, times: int, at: datetime) -> None:
        day = _day(at)
        key = self.keys.misses_on(day)
        pipe.zincrby(key, times, text)
        # Relative to `at`, not an absolute time: the same rule as forget_old_misses, on
        # Redis's own clock, so a bot that records nothing more still forgets.
        left = _start(day) + self.miss_memory - at
        pipe.expire(key, max(1, int(left.total_seconds())))
        pipe.sadd(self.keys.miss_days, day)

    async def forget_old_misses(self, now: datetime) -> None:
        """Drop the days whose oldest ask is `miss_memory` old (Redis expires them too), and
        scrub misses an older program kept word for word into `now`'s day."""
        days = [decoded(day) for day in await self.redis.smembers(self.keys.miss_days)]
        old = [day for day in days if _start(day) + self.miss_memory <= now]
        unbounded = _scored(
            await self.redis.zrange(self.keys.unbounded_misses, 0, -1, withscores=True)
        )
        if not old and not unbounded:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            for day in old:
                pipe.delete(self.keys.misses_on(day))
                pipe.srem(self.keys.miss_days, day)
            for text, count in unbounded:
                self._queue_count(pipe, kept_text(text), int(count), now)
            pipe.delete(self.keys.unbounded_misses)
            await pipe.execute()

    async def top_misses(self, limit: int) -> list[Miss]:
        """Most asked first, ties by text: the days still kept, added up."""
        days = sorted(decoded(day) for day in await self.redis.smembers(self.keys.miss_days))
        if limit <= 0 or not days:
            return []
        keys = [self.keys.misses_on(day) for day in days]
        counted = _scored(await self.redis.zunion(keys, withscores=True))
        ranked = sorted(counted, key=lambda pair: (-pair[1], pair[0]))
        return [Miss(text, int(count)) for text, count in ranked[:limit]]

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        pair = event_pair(kind, detail)
        key = self.keys.events(pair)
        # A random member, made before the call: a retried ZADD adds the same one again.
        member = secrets.token_hex(8)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: at.timestamp()})
            pipe.zremrangebyscore(key, "-inf", f"({(at - EVENT_MEMORY).timestamp()}")
            pipe.expire(key, EVENT_MEMORY)
            pipe.sadd(self.keys.event_kinds, pair)
            await pipe.execute()

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        pairs = sorted(decoded(pair) for pair in await self.redis.smembers(self.keys.event_kinds))
        async with self.redis.pipeline(transaction=False) as pipe:
            for pair in pairs:
                pipe.zcount(self.keys.events(pair), since.timestamp(), "+inf")
            counts = await pipe.execute()
        return {
            kind_and_detail(pair): int(count)
            for pair, count in zip(pairs, counts, strict=True)
            if count  # a pair whose events all expired counts nothing
        }

    async def close(self) -> None:
        return None  # the store owns the connections


def _scored(rows: Sequence[Any]) -> list[tuple[str, float]]:
    """(member, score) pairs from a WITHSCORES reply, in Redis's order."""
    return [(decoded(member), float(score)) for member, score in rows]


def _day(at: datetime) -> str:
    return at.astimezone(UTC).date().isoformat()


def _start(day: str) -> datetime:
    """Midnight UTC at the start of `day`."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC)
