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
and the real-question test split (long forum messages, the hybrid's slowest), after 20 train
messages as a warm-up. The two bots take turns (ROUNDS each, alternating) so that both meet
the machine's other work alike. Bounded: a reply is waited for 20 s at most (then counted as
"no reply"), the model 120 s; every bot process is stopped, or killed, at the end.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from pathlib import Path

from benchmarks.common import percentile, print_table, run_with_quick
from benchmarks.embedding import CACHE
from benchmarks.matchers import sets
from benchmarks.real_questions import load_set
from benchmarks.spike import echo_bot
from benchmarks.spike_load import Person, Tally
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess

MODEL_READY_WITHIN = 120.0  # seconds: a model that never loads ends the run, not hangs it
READY_LINE = "the embedding model is ready"  # what bot/matching/background.py logs
FAILED_LINE = "the embedding model could not be loaded"
WARM_UP = 20  # questions first asked by other people, not timed
ROUNDS = 2  # echo, ours, echo, ours: both meet the machine's moods alike
HEADER = [
    "questions",
    "bot",
    "replies",
    "no reply",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "p50 ratio",
    "p99 ratio",
]
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
    try:
        await bot.start()
        await _model_ready(bot)
        yield bot
    finally:
        await _ended(bot)


async def _model_ready(bot: BotProcess) -> None:
    """Until the bot's log says its model is ready; SystemExit with the log's end if it
    exits, fails to load the model, or takes longer than MODEL_READY_WITHIN."""
    log, process = bot.logs[-1], bot.process
    assert process is not None
    deadline = time.monotonic() + MODEL_READY_WITHIN
    while READY_LINE not in (text := log.read_text(errors="replace")):
        if process.poll() is not None or FAILED_LINE in text or time.monotonic() > deadline:
            tail = "\n".join(text.splitlines()[-20:])
            raise SystemExit(f"the bot's embedding model is not ready; its log ends:\n{tail}")
        await asyncio.sleep(0.05)  # a benchmark polling a log file, not a test waiting


async def _ended(bot: BotProcess) -> None:
    """Stopped, or killed if it does not stop: no bot outlives the benchmark."""
    if bot.process is None:
        return
    try:
        await bot.stop()
    except AssertionError:  # did not exit within BotProcess's bound
        await bot.kill()


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


def warm_up_texts() -> list[str]:
    """Train messages, never timed: the timed questions meet no warm cache of their own."""
    return [q["q"] for q in load_set() if q["split"] == "train"][:WARM_UP]


async def latencies(
    setup: Setup, asked: dict[str, list[str]], *, ours: bool
) -> dict[str, list[float]]:
    """ms from each question to its reply (a reply that never came is left out: the row's
    "no reply"), one person per question, one at a time. The fake Bot API checks the texts
    of our bot only: the echo bot sends back whatever a person typed."""
    found: dict[str, list[float]] = {}
    async with FakeBotApi(TEST_TOKEN, checks_texts=ours) as fake:
        with tempfile.TemporaryDirectory() as folder:
            async with setup(fake, Path(folder)):
                await _ask(fake, warm_up_texts(), first_person=900_000)
                for n, (name, texts) in enumerate(asked.items()):
                    found[name] = await _ask(fake, texts, first_person=100_000 * (n + 1))
    return found


async def _ask(fake: FakeBotApi, texts: list[str], first_person: int) -> list[float]:
    tally = Tally()
    for i, text in enumerate(texts):
        person = Person(fake, first_person + i, tally)
        await person.act(partial(fake.send_text, person.user, text), press=False)
    return [seconds * 1000 for seconds in tally.latencies]


async def run(quick: bool) -> dict[str, object]:
    asked = questions(quick)
    measured: dict[str, dict[str, list[float]]] = {name: {} for name in SETUPS}
    echo_name, ours_name = SETUPS
    for _ in range(ROUNDS):
        for setup_name, setup in SETUPS.items():
            found_by_set = await latencies(setup, asked, ours=setup_name == ours_name)
            for name, found in found_by_set.items():
                measured[setup_name].setdefault(name, []).extend(found)
    rows: list[list[object]] = []
    figures: dict[str, object] = {}
    for name, texts in asked.items():
        base = measured[echo_name][name]
        for bot in (echo_name, ours_name):
            found = measured[bot][name]
            figures[f"{name}: {bot}"] = row = _figures(found, base, ROUNDS * len(texts))
            rows.append([name, bot, len(found), *_cells(row)])
    print_table(
        "Reply to a typed question (fake Bot API over HTTP, one question at a time)", HEADER, rows
    )
    return figures


def _figures(found: list[float], base: list[float], asked: int) -> dict[str, float]:
    return {
        "replies": len(found),
        "no_reply": asked - len(found),
        "p50_ms": percentile(found, 50),
        "p95_ms": percentile(found, 95),
        "p99_ms": percentile(found, 99),
        "p50_ratio": percentile(found, 50) / percentile(base, 50),
        "p99_ratio": percentile(found, 99) / percentile(base, 99),
    }


def _cells(f: dict[str, float]) -> list[str]:
    times = [f"{f[k]:.1f}" for k in ("p50_ms", "p95_ms", "p99_ms")]
    return [f"{f['no_reply']:.0f}", *times, f"{f['p50_ratio']:.2f}", f"{f['p99_ratio']:.2f}"]


def main() -> None:
    run_with_quick("replies", __doc__, run, quick="60 questions of each set")


if __name__ == "__main__":
    main()
