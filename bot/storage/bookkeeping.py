"""Analytics that never stand in front of a reply.

Misses and usage events are bookkeeping: a person's answer does not depend on them. When the
store cannot write them (a full disk, Redis gone for a moment), the write is dropped with one
log line and the person is answered all the same; the next write after the store recovers
works again. Reads (the admin commands) are not hidden: a failure there is the answer.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.storage.analytics import Analytics, Miss
from bot.storage.outage import is_outage

log = logging.getLogger(__name__)


class QuietAnalytics(Analytics):
    """Wraps `inner`: its writes fail quietly on an outage, everything else passes through."""

    def __init__(self, inner: Analytics) -> None:
        super().__init__(inner.miss_memory)
        self.inner = inner

    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        try:
            await self.inner.record_miss(text, kind, at)
        except Exception as exc:
            _dropped_unless_outage(exc, "an unanswered question")

    async def _count_miss(self, text: str, kind: str, at: datetime) -> None:
        await self.record_miss(text, kind, at)  # never reached: record_miss is the inner's

    async def forget_old_misses(self, now: datetime) -> None:
        try:
            await self.inner.forget_old_misses(now)
        except Exception as exc:
            _dropped_unless_outage(exc, "forgetting old questions")

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        try:
            await self.inner.record_event(kind, detail, at)
        except Exception as exc:
            _dropped_unless_outage(exc, f"a usage event ({kind})")

    async def top_misses(self, limit: int) -> list[Miss]:
        return await self.inner.top_misses(limit)

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        return await self.inner.count_events(since)

    async def close(self) -> None:
        await self.inner.close()


def _dropped_unless_outage(exc: Exception, what: str) -> None:
    """Log a dropped write in one line (no traceback: it is the store's state, not a bug);
    anything that is not an outage is a bug and goes on up."""
    if not is_outage(exc):
        raise exc
    log.warning("%s not recorded, the store cannot write now: %s", what, exc)
