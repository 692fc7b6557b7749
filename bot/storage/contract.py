"""The state-storage contract: one JSON document per person, and processed-update marks.

As aiogram's `BaseStorage`: get / save / delete / close, nothing about locks or statistics.
The store keeps, per person, the engine's `UserState` JSON keyed by the Telegram user id,
nothing else about them. The processed-update marks belong here, not beside the locks, since
a mark is written in the same transaction as the state its update changed: that is what
makes applying an update exactly-once. Every implementation passes the same contract tests
(tests/storage/test_contract.py).
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from datetime import timedelta

from bot.problems import ExpectedError

# How long a processed update id is remembered. Telegram gives up redelivering an update after
# about a day; remembering it for two covers that with room to spare.
UPDATE_MEMORY = timedelta(days=2)


class StoreError(ExpectedError, sqlite3.DatabaseError):
    """A store that cannot be used as it is (e.g. written by a newer version): exit 2."""


class StateStore(ABC):
    """Each person's state, and which updates have been applied to it."""

    @abstractmethod
    async def get(self, user_id: int) -> str | None: ...

    @abstractmethod
    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        """Store the state; with `update_id`, mark that update processed in the same
        transaction, so a redelivered copy is recognised exactly when its effect is stored."""

    @abstractmethod
    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        """Forget everything about `user_id` (and mark `update_id` processed, atomically);
        True when there was something to forget."""

    @abstractmethod
    async def count_people(self) -> int:
        """How many people have a stored state (the admin statistics)."""

    @abstractmethod
    async def seen_update(self, update_id: int) -> bool:
        """True when an update with this id was processed (within UPDATE_MEMORY)."""

    @abstractmethod
    async def mark_update(self, update_id: int) -> None:
        """Mark an update processed that changed no state (a question, a role card)."""

    @abstractmethod
    async def close(self) -> None: ...
