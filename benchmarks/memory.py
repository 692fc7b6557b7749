"""Memory under load: the real bot's RSS after each wave of people taking the quiz at once.

    python -m benchmarks.memory [--quick]

`career-bot run` (long polling, SQLite) against the in-suite fake Telegram Bot API
(tests/harness); each wave is a crowd of new people taking the whole quiz to its result,
chart included, all at once. The bot's resident memory (VmRSS of its process) is read after
start and after each wave, with its peak (VmHWM), and the same for its worker processes (the
chart worker and multiprocessing's resource tracker, started with the first chart), since
their memory is the bot's too. Bounded memory shows as a plateau: after the
first waves have warmed the caches (the chart library, the matcher), later waves add little,
though every wave brings people the bot has never seen.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import print_table, write_json
from benchmarks.spike_load import descendants, status_mb
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess
from tests.harness.quiz_taker import QuizTaker, random_interest_labels

# Seconds of silence before a person asks where they are: long, since every ask adds load and
# this benchmark measures memory, not latency (a loaded machine answers a crowd slowly).
PATIENCE = 60.0


def memory_mb(pid: int) -> tuple[float, float, float]:
    """Resident memory in MB: the bot process now, its workers now (summed), and the peaks of
    all of them (VmHWM) summed."""
    workers = descendants(pid)
    now = status_mb(pid, "VmRSS")
    worker_now = sum(status_mb(worker, "VmRSS") for worker in workers)
    peak = sum(status_mb(each, "VmHWM") for each in [pid, *workers])
    return now, worker_now, peak


async def wave(fake: FakeBotApi, first_user: int, people: int, rng: random.Random) -> float:
    """`people` new people take the quiz at once; returns the seconds it took."""
    plans = {first_user + n: random_interest_labels(rng) for n in range(people)}
    start = time.perf_counter()
    await asyncio.gather(
        *(QuizTaker(fake, u, patience=PATIENCE).take(labels) for u, labels in plans.items())
    )
    return time.perf_counter() - start


async def run(waves: int, people: int) -> dict[str, Any]:
    rng = random.Random(8)
    figures: dict[str, Any] = {"people_per_wave": people, "waves": waves}
    async with FakeBotApi(TEST_TOKEN) as fake:
        with tempfile.TemporaryDirectory() as folder:
            bot = BotProcess(fake, Path(folder) / "bot.sqlite3")
            await bot.start()
            assert bot.process is not None
            rows: list[list[object]] = [
                ["start", 0, "-", *_measure(bot.process.pid, figures, "start")]
            ]
            for n in range(1, waves + 1):
                seconds = await wave(fake, 100_000 * n, people, rng)
                rows.append(
                    [
                        n,
                        n * people,
                        f"{seconds:.0f}",
                        *_measure(bot.process.pid, figures, f"wave{n}"),
                    ]
                )
            await bot.stop()
    print_table(
        f"The bot's memory after each wave of {people} people at once (polling, SQLite)",
        ["wave", "people so far", "seconds", "bot RSS MB", "workers RSS MB", "total MB", "peak MB"],
        rows,
    )
    for key in ("rss_mb", "total_mb"):
        last, second = figures[f"{key}.wave{waves}"], figures[f"{key}.wave2"]
        print(f"{key}: from wave 2 to wave {waves}: {last - second:+.1f} MB")
    return figures


def _measure(pid: int, figures: dict[str, Any], moment: str) -> list[str]:
    """Read the memory now, record it under `moment` and return it as table cells."""
    bot, workers, peak = memory_mb(pid)
    figures[f"rss_mb.{moment}"], figures[f"workers_mb.{moment}"] = bot, workers
    figures[f"total_mb.{moment}"], figures[f"peak_mb.{moment}"] = bot + workers, peak
    return [f"{bot:.1f}", f"{workers:.1f}", f"{bot + workers:.1f}", f"{peak:.1f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 waves of 30 people")
    parser.add_argument("--waves", type=int, help="how many waves (default 5, quick 3)")
    parser.add_argument("--people", type=int, help="people per wave (default 200, quick 30)")
    args = parser.parse_args()
    waves = args.waves or (3 if args.quick else 5)
    people = args.people or (30 if args.quick else 200)
    figures = asyncio.run(run(max(2, waves), people))
    print(f"\nwritten: {write_json('memory', figures)}")


if __name__ == "__main__":
    main()
