"""Which storage a run opens: SQLite without CAREER_BOT_STORE, Redis with a Redis URL, and
an error for anything else."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.problems import InputError
from bot.storage.analytics import Miss
from bot.storage.bookkeeping import QuietAnalytics
from bot.storage.factory import open_storage
from bot.storage.isolation import KeyedLocks
from bot.storage.redis.lock import RedisIsolation
from bot.storage.redis.store import RedisStore
from bot.storage.sqlite.store import SqliteAnalytics, SqliteStore

# The session's server, as a fixture of this module (pytest finds fixtures by name).
from tests.harness.redis_server import redis_url as redis_url  # noqa: PLC0414


class TestOpenStorage:
    async def test_misses_past_their_time_are_forgotten_when_the_bot_starts(
        self, tmp_path: Path
    ) -> None:
        # A bot stopped for months keeps nothing past its time, though nobody asks anything.
        now = datetime.now(UTC)
        earlier = SqliteStore(tmp_path / "state.db")
        await earlier.analytics().record_miss("asked long ago", "faq", now - timedelta(days=31))
        await earlier.analytics().record_miss("asked lately", "faq", now - timedelta(days=29))
        await earlier.close()
        storage = await open_storage(None, tmp_path / "state.db", timedelta(days=30))
        assert await storage.analytics.top_misses(5) == [Miss("asked lately", 1)]
        await storage.close()

    async def test_without_a_store_url_it_is_sqlite(self, tmp_path: Path) -> None:
        storage = await open_storage(None, tmp_path / "state.db")
        assert isinstance(storage.state, SqliteStore)
        assert isinstance(storage.isolation, KeyedLocks)  # one instance per file
        assert isinstance(storage.analytics, QuietAnalytics)  # bookkeeping never stops a reply
        assert isinstance(storage.analytics.inner, SqliteAnalytics)
        await storage.close()
        assert (tmp_path / "state.db").is_file()

    async def test_a_redis_url_opens_redis(self, redis_url: str, tmp_path: Path) -> None:
        storage = await open_storage(f" {redis_url} ", tmp_path / "state.db")
        assert isinstance(storage.state, RedisStore)
        assert isinstance(storage.isolation, RedisIsolation)  # locks across instances
        await storage.close()
        assert not (tmp_path / "state.db").exists()

    async def test_anything_else_is_refused_not_taken_for_sqlite(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match=r"redis:// or rediss:// URL.*'https://\*\*\*@x'"):
            await open_storage("https://user@x", tmp_path / "state.db")

    def test_a_run_on_sqlite_never_loads_the_redis_client(self, tmp_path: Path) -> None:
        script = (
            "import asyncio, sys\n"
            "from pathlib import Path\n"
            "from bot.storage.factory import open_storage\n"
            "async def main():\n"
            f"    await (await open_storage(None, Path({str(tmp_path / 'state.db')!r}))).close()\n"
            "asyncio.run(main())\n"
            "assert 'redis' not in sys.modules, 'the Redis client was imported'\n"
        )
        subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
