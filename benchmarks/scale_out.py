"""Several webhook instances on one Redis: end-to-end updates per second with 1, 2 and 3.

    python -m benchmarks.scale_out [--quick]

The real `career-bot run --webhook-url` processes behind a round-robin proxy, a real
redis-server, and the in-suite fake Telegram Bot API (tests/harness) delivering updates the way
Telegram does with max_connections (parallel across chats, in order within one). People take
the quiz to a result, chart included. Everything runs on this one machine, so the figure shows
how the instances share its cores, not what separate machines would give.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from benchmarks.common import machine, print_table, run_with_quick
from benchmarks.store import local_redis
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, start_webhook_instances
from tests.harness.ports import free_port
from tests.harness.proxy import RoundRobinProxy
from tests.harness.quiz_taker import QuizTaker, random_interest_labels


async def one_run(instances: int, people: int, redis_url: str) -> float:
    """Updates per second with `instances` bots serving `people` at once."""
    fake = FakeBotApi(TEST_TOKEN)
    fake.webhook_concurrency = 16
    await fake.start()
    ports = [free_port() for _ in range(instances)]
    proxy = RoundRobinProxy(ports, duplicate_every=10**9)  # no duplicates: plain throughput
    url = await proxy.start()
    with tempfile.TemporaryDirectory() as folder:
        bots = await start_webhook_instances(
            fake, Path(folder), url, ports, redis_url=redis_url, secret="bench"
        )
        rng = random.Random(instances)
        plans = {10_000 * instances + i: random_interest_labels(rng) for i in range(people)}
        start = time.perf_counter()
        await asyncio.gather(*(QuizTaker(fake, u).take(labels) for u, labels in plans.items()))
        elapsed = time.perf_counter() - start
        for bot in bots:
            await bot.stop()
        raw = Redis.from_url(redis_url)
        await raw.flushdb()
        await raw.aclose()
    await proxy.stop()
    await fake.stop()
    return people * 9 / elapsed  # /quiz, 7 answers, "Show my result"


async def run(quick: bool) -> dict[str, Any]:
    people = 30 if quick else 100
    figures: dict[str, Any] = {"people": people}
    rows = []
    with local_redis() as url:
        if url is None:
            raise SystemExit("redis-server is needed for this benchmark")
        for instances in (1, 2, 3):
            rate = await one_run(instances, people, url)
            figures[f"instances.{instances}"] = rate
            base = figures["instances.1"]
            rows.append([instances, people, f"{rate:.0f}", f"{rate / base:.2f}"])
    cores = machine()["cores"]
    print_table(
        f"Webhook instances on one Redis ({cores} cores, charts included)",
        ["instances", "people", "updates/s", "vs 1 instance"],
        rows,
    )
    return figures


def main() -> None:
    run_with_quick("scale_out", __doc__, run, quick="fewer people")


if __name__ == "__main__":
    main()
