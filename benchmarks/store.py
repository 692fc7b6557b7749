"""The store at scale: one get + save with 1k to 1M people stored, and the memory it takes.

    python -m benchmarks.store [--quick] [--redis URL]

Each size runs in a fresh process (so its RSS is its own). SQLite is our default store;
python-telegram-bot's PicklePersistence (user_data) is what a PTB bot would otherwise use:
it keeps every person in memory and rewrites the whole file on each flush. Its per-operation
figure is the in-memory work between flushes (what PTB's Application does per update); the
cost of writing everyone back is the flush column.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import percentile, print_table, write_json
from tests.harness.redis_server import RedisServer

OPS = 2000
STATE = {  # a realistic quiz state: 10 answers, the trail, a finished flag
    "schema": 1,
    "quiz": 1,
    "step": "skill_mathematics",
    "finished": False,
    "answers": {
        "task_data_engineering": 3,
        "task_modeling": 4,
        "task_deployment": 2,
        "task_business_analysis": 1,
        "task_ai_infrastructure": 0,
        "code": "both",
        "deep_learning_interest": 3,
        "skill_machine_learning": 2,
        "skill_deep_learning": 1,
        "skill_data_science": 2,
    },
    "trail": [
        "task_data_engineering",
        "task_modeling",
        "task_deployment",
        "task_business_analysis",
        "task_ai_infrastructure",
        "code",
        "deep_learning_interest",
        "checkpoint",
        "skill_machine_learning",
        "skill_deep_learning",
        "skill_data_science",
    ],
}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def state_json(user: int) -> str:
    return json.dumps({**STATE, "quiz": 1 + user % 2}, separators=(",", ":"), sort_keys=True)


def fill_sqlite(path: Path, people: int) -> None:
    import sqlite3

    from bot.storage.sqlite.store import SqliteStore

    asyncio.run(SqliteStore(path).close())  # creates the schema
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO people (user_id, state, updated) VALUES (?, ?, ?)",
            ((u, state_json(u), time.time()) for u in range(people)),
        )
    db.close()


async def time_ops(storage: Any, people: int) -> list[float]:
    rng = random.Random(people)
    samples = []
    for _ in range(OPS):
        user = rng.randrange(people)
        start = time.perf_counter()
        async with storage.isolation.lock(user):
            state = await storage.state.get(user)
            await storage.state.save(user, (state or "")[:-1] + " }")
        samples.append(time.perf_counter() - start)
    return samples


def measure_sqlite(people: int) -> dict[str, Any]:
    from bot.storage.factory import sqlite_storage

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bot.sqlite3"
        fill_sqlite(path, people)
        storage = sqlite_storage(path)
        samples = asyncio.run(time_ops(storage, people))
        figures = _figures(samples) | {"rss_mb": rss_mb(), "file_mb": path.stat().st_size / 2**20}
        asyncio.run(storage.close())
    return figures


def measure_redis(people: int, url: str) -> dict[str, Any]:
    from redis.asyncio import Redis

    from bot.storage.factory import redis_storage
    from bot.storage.redis.keys import RedisKeys
    from bot.storage.redis.store import RedisStore

    prefix = f"bench{people}"
    keys = RedisKeys(prefix)

    async def fill(raw: Redis) -> None:
        """Straight into the documented key layout, a pipeline at a time."""
        for first in range(0, people, 10_000):
            batch = range(first, min(people, first + 10_000))
            async with raw.pipeline(transaction=False) as pipe:
                for user in batch:
                    pipe.set(keys.state(user), state_json(user))
                pipe.sadd(keys.people, *batch)
                await pipe.execute()

    async def run() -> dict[str, Any]:
        raw = Redis.from_url(url)
        await raw.flushdb()
        await fill(raw)
        storage = redis_storage(await RedisStore.connect(url, key_prefix=prefix))
        samples = await time_ops(storage, people)
        memory = (await raw.info("memory"))["used_memory"] / 2**20
        await raw.flushdb()
        await storage.close()
        await raw.aclose()
        return _figures(samples) | {"rss_mb": rss_mb(), "redis_mb": memory}

    return asyncio.run(run())


def measure_pickle(people: int) -> dict[str, Any]:
    from telegram.ext import PersistenceInput, PicklePersistence

    async def run(path: Path) -> dict[str, Any]:
        # on_flush: write only on flush() (by default every update rewrites the whole file,
        # which makes filling a million people impossible); the flush is timed below.
        writer = PicklePersistence(
            path,
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            on_flush=True,
        )
        for user in range(people):
            await writer.update_user_data(user, json.loads(state_json(user)))
        await writer.flush()
        del writer
        persistence = PicklePersistence(
            path,
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            on_flush=True,
        )
        start = time.perf_counter()
        # As PTB's Application does: read everyone once at start, then work in memory and
        # hand changed entries back; the file is written whole on flush.
        user_data = await persistence.get_user_data()
        load = time.perf_counter() - start
        rng = random.Random(people)
        samples = []
        for _ in range(OPS):
            user = rng.randrange(people)
            start = time.perf_counter()
            data = user_data[user]
            data["step"] = "skill_communication"
            await persistence.update_user_data(user, data)
            samples.append(time.perf_counter() - start)
        start = time.perf_counter()
        await persistence.flush()
        flush = time.perf_counter() - start
        return _figures(samples) | {
            "rss_mb": rss_mb(),
            "load_s": load,
            "flush_s": flush,
            "file_mb": path.stat().st_size / 2**20,
        }

    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(run(Path(folder) / "bot.pickle"))


def _figures(samples: list[float]) -> dict[str, Any]:
    return {
        "p50_us": percentile(samples, 50) * 1e6,
        "p99_us": percentile(samples, 99) * 1e6,
        "mean_us": statistics.fmean(samples) * 1e6,
    }


def in_child(kind: str, people: int, url: str | None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and read its JSON back."""
    command = [sys.executable, "-m", "benchmarks.store", "--child", kind, str(people)]
    if url:
        command += ["--redis", url]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="up to 100k people")
    parser.add_argument(
        "--redis",
        help="also measure a RedisStore at this URL (a database "
        "of its own: it is flushed); default: start a redis-server if installed",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, people = args.child[0], int(args.child[1])
        measure = {"sqlite": measure_sqlite, "pickle": measure_pickle}.get(kind)
        result = measure(people) if measure else measure_redis(people, args.redis)
        print(json.dumps(result))
        return
    if args.redis:
        run(args.quick, args.redis)
        return
    with local_redis() as url:
        run(args.quick, url)


@contextmanager
def local_redis() -> Iterator[str | None]:
    """A throwaway redis-server on a free port, or None when it is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        print("redis-server not installed: no Redis column")
        yield None
        return
    with tempfile.TemporaryDirectory() as folder:
        server = RedisServer(binary, Path(folder))
        server.start()  # returns once it answers PING
        try:
            yield server.url()
        finally:
            server.stop()


def run(quick: bool, redis_url: str | None) -> dict[str, Any]:
    sizes = [1_000, 10_000, 100_000] if quick else [1_000, 10_000, 100_000, 1_000_000]
    figures: dict[str, Any] = {}
    rows = []
    for people in sizes:
        for kind in ("sqlite", "pickle", *(("redis",) if redis_url else ())):
            if kind == "redis" and people not in (1_000, 100_000):
                continue
            result = in_child(kind, people, redis_url)
            figures[f"{kind}.{people}"] = result
            rows.append(
                [
                    f"{people:,}",
                    kind,
                    f"{result['p50_us']:.0f}",
                    f"{result['p99_us']:.0f}",
                    f"{result['rss_mb']:.0f}",
                    f"{result['flush_s'] * 1000:,.0f}" if "flush_s" in result else "-",
                ]
            )
    sqlite_ratio = figures[f"sqlite.{sizes[-1]}"]["p99_us"] / figures["sqlite.1000"]["p99_us"]
    print_table(
        "One get + save, by people stored",
        ["people", "store", "p50 µs", "p99 µs", "RSS MB", "flush ms"],
        rows,
    )
    print(f"\nSQLite p99 at {sizes[-1]:,} / p99 at 1,000: {sqlite_ratio:.2f} (target <= 1.5)")
    figures["sqlite_p99_ratio"] = sqlite_ratio
    print(f"written: {write_json('store', figures)}")
    return figures


if __name__ == "__main__":
    main()
