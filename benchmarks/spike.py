"""A spike: hundreds of people take the quiz at the same moment. How fast does each see a reply?

    python -m benchmarks.spike [--quick]

The real `career-bot run` over the in-suite fake Telegram Bot API (tests/harness), which
answers every call at once: one instance (long polling, SQLite, as `make run`), and three
webhook instances on one real redis-server behind a round-robin proxy (as benchmarks.scale_out,
with Telegram's default of 40 webhook connections). Beside them, a bare python-telegram-bot
echo bot (benchmarks/echo_bot.py) under the same load: as many people, each sending as many
updates, each waiting for the reply before the next.

Every person is a closed loop (benchmarks/spike_load.py): /quiz, seven answers and "Show my
result", each press waiting for the reply. Printed per setup: updates per second, reply
latency (p50, p95, max), the CPU and peak RSS of the bot process(es), and the presses after
which nothing visible came within 20 s. Each run is bounded: people still going at its
deadline are stopped and shown as not finished. Everything listens on 127.0.0.1, and
everything (the people, the fake, the bots) shares this machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from benchmarks.common import percentile, print_table, write_json
from benchmarks.spike_load import REPLY_WITHIN, Person, ProcessMeter, Tally
from benchmarks.store import local_redis
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess, start_webhook_instances
from tests.harness.ports import free_port
from tests.harness.proxy import RoundRobinProxy
from tests.harness.quiz_taker import random_interest_labels

UPDATES_PER_PERSON = 9  # /quiz, seven answers, "Show my result"
WEBHOOK_CONNECTIONS = 40  # Telegram's default max_connections
ECHO = "echo"
NAMES = {
    ECHO: "echo bot (bare PTB, polling)",
    "one": "career-bot, 1 instance (SQLite, polling)",
    "paid": "career-bot, 1 instance, 1000 sends/s",
    "three": "career-bot, 3 instances (Redis, webhook)",
}


@asynccontextmanager
async def echo_bot(fake: FakeBotApi, _folder: Path, _redis: str) -> AsyncIterator[list[int]]:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake.token}
    command = [sys.executable, "-m", "benchmarks.echo_bot", fake.base_url]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        await fake.wait_until(lambda: bool(fake.calls_of("getUpdates")), timeout=30)
        yield [process.pid]
    finally:
        process.terminate()
        try:
            await asyncio.to_thread(process.wait, 30)
        except subprocess.TimeoutExpired:  # no echo bot outlives its benchmark
            process.kill()
            await asyncio.to_thread(process.wait)


@asynccontextmanager
async def one_instance(
    fake: FakeBotApi, folder: Path, _redis: str, env: dict[str, str] | None = None
) -> AsyncIterator[list[int]]:
    bot = BotProcess(fake, folder / "bot.sqlite3", env=env)
    await bot.start()
    try:
        assert bot.process is not None
        yield [bot.process.pid]
    finally:
        await bot.stop()


@asynccontextmanager
async def three_instances(fake: FakeBotApi, folder: Path, redis: str) -> AsyncIterator[list[int]]:
    fake.webhook_concurrency = WEBHOOK_CONNECTIONS
    ports = [free_port() for _ in range(3)]
    proxy = RoundRobinProxy(ports, duplicate_every=10**9)  # no duplicates: Telegram's own pace
    url = await proxy.start()
    bots = await start_webhook_instances(fake, folder, url, ports, redis_url=redis, secret="spike")
    try:
        yield [bot.process.pid for bot in bots if bot.process is not None]
    finally:
        for bot in bots:
            await bot.stop()
        await proxy.stop()
        raw = Redis.from_url(redis)
        await raw.flushdb()
        await raw.aclose()


def paid_broadcasts(fake: FakeBotApi, folder: Path, redis: str) -> Any:
    """One instance allowed 1000 new messages a second (Telegram's paid broadcasts) instead
    of the free 30: what the bot itself can do when a crowd's first messages (200 people
    sending /quiz at once need 200 new messages) are not spread over seconds by the limit."""
    return one_instance(fake, folder, redis, {"CAREER_BOT_SENDS_PER_SECOND": "1000"})


SETUPS: dict[str, Any] = {
    ECHO: echo_bot,
    "one": one_instance,
    "paid": paid_broadcasts,
    "three": three_instances,
}


async def one_run(setup: str, people: int, deadline: float, redis: str) -> dict[str, Any]:
    """One setup under `people` at once, stopped at `deadline` seconds at the latest."""
    tally = Tally()
    rng = random.Random(people)
    users = [100_000 + i for i in range(people)]
    async with FakeBotApi(TEST_TOKEN) as fake:
        with tempfile.TemporaryDirectory() as folder:
            async with SETUPS[setup](fake, Path(folder), redis) as pids:
                meter = ProcessMeter(pids)
                start = time.perf_counter()
                await _bounded([_load(setup, Person(fake, u, tally), rng) for u in users], deadline)
                elapsed = time.perf_counter() - start
                cpu, rss = meter.cpu_percent(), meter.rss_peak_mb()
    return _figures(tally, people, elapsed, cpu, rss)


def _load(setup: str, person: Person, rng: random.Random) -> Awaitable[None]:
    if setup == ECHO:
        return person.echo_chat(UPDATES_PER_PERSON)
    return person.take_quiz(random_interest_labels(rng))


async def _bounded(work: list[Awaitable[None]], deadline: float) -> None:
    tasks = [asyncio.ensure_future(w) for w in work]
    _, late = await asyncio.wait(tasks, timeout=deadline)
    for task in late:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)  # a stuck person is not finished


def _figures(tally: Tally, people: int, elapsed: float, cpu: float, rss: float) -> dict[str, Any]:
    lat = tally.latencies or [float("nan")]
    return {
        "people": people,
        "finished": tally.finished,
        "updates": tally.updates,
        "seconds": elapsed,
        "updates_per_s": tally.updates / elapsed,
        "p50_s": percentile(lat, 50),
        "p95_s": percentile(lat, 95),
        "max_s": max(lat),
        "cpu_percent": cpu,
        "rss_peak_mb": rss,
        "presses": tally.presses,
        "presses_without_reply": len(tally.silent),
        "silent_presses": tally.silent[:20],
    }


def _row(setup: str, f: dict[str, Any]) -> list[object]:
    silent = "-" if setup == ECHO else f"{f['presses_without_reply']} of {f['presses']}"
    return [
        NAMES[setup],
        f"{f['people']}",
        f"{f['finished']}",
        f"{f['updates_per_s']:.0f}",
        f"{f['p50_s']:.2f}",
        f"{f['p95_s']:.2f}",
        f"{f['max_s']:.2f}",
        f"{f['cpu_percent']:.0f}%",
        f"{f['rss_peak_mb']:.0f}",
        silent,
    ]


async def run(quick: bool, only: list[str], chosen: list[int]) -> dict[str, Any]:
    sizes, deadline = ((50, 200), 90.0) if quick else ((200, 1_000), 240.0)
    sizes = tuple(chosen) or sizes
    figures: dict[str, Any] = {"deadline_s": deadline, "reply_within_s": REPLY_WITHIN}
    rows = []
    with local_redis() as redis:
        if redis is None:
            raise SystemExit("redis-server is needed for this benchmark")
        for people in sizes:
            for setup in only or SETUPS:
                result = await one_run(setup, people, deadline, redis)
                figures[f"{setup}.{people}"] = result
                rows.append(_row(setup, result))
                print(f"{NAMES[setup]}: {rows[-1][1:]}", flush=True)
    print_table(
        f"A spike of people taking the quiz at once (fake Bot API answering at once, "
        f"{os.cpu_count()} cores shared by everything, each run bounded at {deadline:.0f} s)",
        [
            "setup",
            "people",
            "finished",
            "updates/s",
            "p50 s",
            "p95 s",
            "max s",
            "CPU",
            "RSS MB",
            "presses without a reply",
        ],
        rows,
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer people, shorter deadline")
    parser.add_argument("--only", action="append", choices=list(SETUPS), default=[])
    parser.add_argument("--people", action="append", type=int, default=[], help="sizes to run")
    args = parser.parse_args()
    figures = asyncio.run(run(args.quick, args.only, args.people))
    print(f"\nwritten: {write_json('spike', figures)}")


if __name__ == "__main__":
    main()
