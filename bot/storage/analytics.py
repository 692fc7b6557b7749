"""The analytics contract: questions the bot could not answer, and usage events.

Kept apart from the state store because nothing here is about one person: no record carries
a user id, and nothing here is written in the state's transaction (a lost miss costs a line
in `/misses`, never a person's progress). The admin commands read it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime

MISS_TEXT_LIMIT = 200  # a recorded question is cut to this many characters


@dataclass(frozen=True)
class Miss:
    """A question the bot could not answer, and how often it was asked."""

    text: str
    count: int


class Analytics(ABC):
    @abstractmethod
    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        """Count an unanswered question (cut to MISS_TEXT_LIMIT characters)."""

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
