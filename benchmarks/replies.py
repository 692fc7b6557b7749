"""Reply time to a typed question: career-bot, its models loaded, beside a bare echo bot.

    python -m benchmarks.replies [--quick]

Issue 14 asks that a question's reply, now that the hybrid matcher reads it, stay within 2.0x
of a bare python-telegram-bot echo bot over the same fake Bot API. Both run here as real
processes against the in-suite fake Telegram Bot API over HTTP on 127.0.0.1 (tests/harness),
with long polling as `make run` does, one after the other in this one run: the echo bot
(benchmarks/echo_bot.py) and `career-bot run` with the embedding model on (timing starts
once its log says the model is ready), its SQLite store and, like the echo bot, no send
limit. One person at a time asks one
question and waits for the reply, so this is the time of one reply, not of a crowd
(benchmarks.spike is the crowd); the latency runs from queuing the update on the fake to the
first message in that chat. Two sets of questions: faq_eval's (what people type to a bot)
and the real-question test split (long forum messages, the hybrid's slowest).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from pathlib import Path

from benchmarks.common import percentile, print_table, write_json
from benchmarks.embedding import CACHE
from benchmarks.matchers import sets
from benchmarks.spike import echo_bot
from benchmarks.spike_load import Person, Tally
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess

MODEL_READY_WITHIN = 120.0  # seconds: a model that never loads ends the run, not hangs it
READY_LINE = "the embedding model is ready"  # what bot/matching/background.py logs
WARM_UP = 20  # questions first asked by other people, not timed
HEADER = ["questions", "bot", "replies", "p50 ms", "p95 ms", "p99 ms", "p50 ratio", "p99 ratio"]
Setup = Callable[[FakeBotApi, Path], AbstractAsyncContextManager[object]]


@asynccontextmanager
async def career_bot(fake: FakeBotApi, folder: Path) -> AsyncIterator[object]:
    """`career-bot run` with the embedding model, its phrasing vectors read from the
    benchmarks' cache (as a bot that has started before)."""
    env = {
        "CAREER_BOT_EMBEDDINGS": "on",
        "CAREER_BOT_CACHE": str(CACHE.parent),
        # The echo bot has no send limiter. Ours keeps Telegram's free 30 new messages a
        # second, which makes a reply sent right after another wait for its turn (33 ms):
        # lifted, as for paid broadcasts, so both are timed on their own work.
        "CAREER_BOT_SENDS_PER_SECOND": "1000",
    }
    bot = BotProcess(fake, folder / "bot.sqlite3", env=env)
    await bot.start()
    try:
        await _logged(bot.logs[-1], READY_LINE, MODEL_READY_WITHIN)
        yield bot
    finally:
        await bot.stop()


async def _logged(log: Path, line: str, within: float) -> None:
    deadline = time.monotonic() + within
    while line not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise SystemExit(f"the bot did not log {line!r} within {within:.0f} s: see {log}")
        await asyncio.sleep(0.05)  # a benchmark polling a log file, not a test waiting


async def echo(fake: FakeBotApi, folder: Path) -> AsyncIterator[object]:
    async with echo_bot(fake, folder, "") as pids:
        yield pids


SETUPS: dict[str, Setup] = {
    "echo bot (bare PTB, polling)": asynccontextmanager(echo),
    "career-bot (hybrid, polling, SQLite, no send limit)": career_bot,
}


def questions(quick: bool) -> dict[str, list[str]]:
    every = sets()
    chosen = {"faq_eval": every["faq_eval"], "real test split": every["real test"]}
    limit = 60 if quick else None
    return {name: [q["q"] for q in found][:limit] for name, found in chosen.items()}


async def latencies(setup: Setup, asked: dict[str, list[str]]) -> dict[str, list[float]]:
    """ms from each question to its reply, one person per question, one at a time."""
    found: dict[str, list[float]] = {}
    async with FakeBotApi(TEST_TOKEN) as fake:
        with tempfile.TemporaryDirectory() as folder:
            async with setup(fake, Path(folder)):
                warm_up = [q for texts in asked.values() for q in texts][:WARM_UP]
                await _ask(fake, warm_up, first_person=900_000)
                for name, texts in asked.items():
                    found[name] = await _ask(fake, texts, first_person=100_000)
    return found


async def _ask(fake: FakeBotApi, texts: list[str], first_person: int) -> list[float]:
    tally = Tally()
    for i, text in enumerate(texts):
        person = Person(fake, first_person + i, tally)
        await person.act(partial(fake.send_text, person.user, text), press=False)
    return [seconds * 1000 for seconds in tally.latencies]


async def run(quick: bool) -> dict[str, object]:
    asked = questions(quick)
    measured = {name: await latencies(setup, asked) for name, setup in SETUPS.items()}
    echo_name, ours_name = SETUPS
    rows: list[list[object]] = []
    figures: dict[str, object] = {}
    for name in asked:
        base, ours = measured[echo_name][name], measured[ours_name][name]
        for bot, found in ((echo_name, base), (ours_name, ours)):
            figures[f"{name}: {bot}"] = row = _figures(found, base)
            rows.append([name, bot, len(found), *_cells(row)])
    print_table(
        "Reply to a typed question (fake Bot API over HTTP, one question at a time)", HEADER, rows
    )
    return figures


def _figures(found: list[float], base: list[float]) -> dict[str, float]:
    return {
        "replies": len(found),
        "p50_ms": percentile(found, 50),
        "p95_ms": percentile(found, 95),
        "p99_ms": percentile(found, 99),
        "p50_ratio": percentile(found, 50) / percentile(base, 50),
        "p99_ratio": percentile(found, 99) / percentile(base, 99),
    }


def _cells(f: dict[str, float]) -> list[str]:
    times = [f"{f[k]:.1f}" for k in ("p50_ms", "p95_ms", "p99_ms")]
    return [*times, f"{f['p50_ratio']:.2f}", f"{f['p99_ratio']:.2f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="60 questions of each set")
    figures = asyncio.run(run(parser.parse_args().quick))
    print(f"\nwritten: {write_json('replies', figures)}")


if __name__ == "__main__":
    main()
