"""The analytics contract: questions the bot could not answer, and usage events.

Kept apart from the state store because nothing here is about one person: no record carries
a user id, and nothing here is written in the state's transaction (a lost miss costs a line
in `/misses`, never a person's progress). The admin commands read it.

A question is what a person typed, so it may say who they are: it is scrubbed
(scrub.py) before any implementation sees it, and kept for `miss_memory` only. Each
implementation forgets older misses whenever it records one and when the bot starts
(`forget_old_misses`); Redis also lets them expire on its own clock.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.storage.scrub import scrub

MISS_TEXT_LIMIT = 200  # a recorded question is cut to this many characters
MISS_MEMORY = timedelta(days=90)  # how long an unanswered question is kept by default


@dataclass(frozen=True)
class Miss:
    """A question the bot could not answer, and how often it was asked."""

    text: str
    count: int


def kept_text(text: str) -> str:
    """What is kept of a question: scrubbed first, then cut (cutting first could leave half
    an e-mail address that no pattern recognises)."""
    return scrub(text)[:MISS_TEXT_LIMIT]


def day_of(at: datetime) -> datetime:
    """The start of `at`'s UTC day: all a stored miss keeps of its time. To the second, it
    could be matched with the person whose quiz state was saved in the same moment."""
    return at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


class Analytics(ABC):
    def __init__(self, miss_memory: timedelta = MISS_MEMORY) -> None:
        self.miss_memory = miss_memory

    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        """Count an unanswered question, scrubbed and cut to MISS_TEXT_LIMIT characters;
        misses older than `miss_memory` before `at` are forgotten."""
        await self._count_miss(kept_text(text), kind, at)
        await self.forget_old_misses(at)

    @abstractmethod
    async def _count_miss(self, text: str, kind: str, at: datetime) -> None:
        """Store a miss whose text is already scrubbed and cut, with its day (`day_of`), not
        its time."""

    @abstractmethod
    async def forget_old_misses(self, now: datetime) -> None:
        """Delete every miss recorded before `now - miss_memory`."""

    @abstractmethod
    async def top_misses(self, limit: int) -> list[Miss]:
        """The most asked first, ties by text."""

    @abstractmethod
    async def record_event(self, kind: str, detail: str, at: datetime) -> None: ...

    @abstractmethod
    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        """Events from `since` on, counted by (kind, detail)."""

    @abstractmethod
    async def close(self) -> None: ...
