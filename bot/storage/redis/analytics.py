"""Misses and usage events in Redis: counts only, events expiring after EVENT_MEMORY."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from redis.asyncio import Redis

from bot.storage.analytics import MISS_TEXT_LIMIT, Analytics, Miss
from bot.storage.redis.connection import decoded
from bot.storage.redis.keys import RedisKeys, event_pair, kind_and_detail

# Events older than this are dropped; the admin statistics read the last seven days.
EVENT_MEMORY = timedelta(days=30)


class RedisAnalytics(Analytics):
    """Borrows the store's client (`RedisStore.analytics()`); the store closes it."""

    def __init__(self, redis: Redis, keys: RedisKeys) -> None:
        self.redis = redis
        self.keys = keys

    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        del kind, at  # only the counts are read (top_misses), so only they are kept
        await self.redis.zincrby(self.keys.misses, 1, text[:MISS_TEXT_LIMIT])

    async def top_misses(self, limit: int) -> list[Miss]:
        """Most asked first, ties by text. A descending range in Redis orders ties by text
        backwards, so: the counts above the limit-th one, then its ties in text order."""
        if limit <= 0:
            return []
        key = self.keys.misses
        cut = _scored(await self.redis.zrevrange(key, limit - 1, limit - 1, withscores=True))
        if not cut:  # fewer texts than the limit: all of them
            ranked = _scored(await self.redis.zrange(key, 0, -1, withscores=True))
        else:
            floor = cut[0][1]
            above = await self.redis.zrangebyscore(key, f"({floor}", "+inf", withscores=True)
            ties = await self.redis.zrangebyscore(
                key, floor, floor, start=0, num=limit - len(above), withscores=True
            )
            ranked = _scored([*above, *ties])
        misses = [Miss(text, int(count)) for text, count in ranked]
        return sorted(misses, key=lambda miss: -miss.count)[:limit]  # stable: ties stay sorted

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
