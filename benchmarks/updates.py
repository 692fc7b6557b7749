"""Per-update cost: career-bot vs a bare python-telegram-bot echo bot, same harness.

    python -m benchmarks.updates [--quick]

Both are a PTB `Application` with an offline request object (no network; the Bot API calls
are answered at once), no rate limiter, fed updates through `process_update`, timed in the
steady state after a warm-up. The echo bot replies to each text with the same text. Ours gets
a realistic mix from many people: button presses through the quiz (about 60%), free-text
questions (about 25%) and commands (about 15%), with the default SQLite store on disk. The
result chart is left out here (charts off): it is drawn off the event loop and measured on
its own by benchmarks.chart.
"""

from __future__ import annotations

import itertools
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

from benchmarks.common import print_table, run_with_quick
from bot.app import build_engine, load_data
from bot.storage.factory import sqlite_storage
from bot.transports.telegram.adapter import TelegramAdapter
from tests.harness.offline import BOT_USER, OfflineRequest

TOKEN = "1234567:" + "B" * 35
QUESTIONS = [
    "what does a data scientist do",
    "mle vs dle",
    "do i need a phd",
    "tools for a data analyst",
    "how do i become an ml researcher",
    "what is ai infrastructure",
    "salary?",
    "tell me a joke",
]
COMMANDS = ["/help", "/roles", "/role data analyst", "/tools ml engineer"]
ANSWERS = {"scale": ["0", "1", "2", "3", "4"], "choice": ["prototyping", "production", "both"]}
App = Application[Any, Any, Any, Any, Any, Any]


def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}


class Script:
    """Updates as people send them: each person runs quiz cycles with questions between."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.ids = itertools.count(1)
        self.quiz = load_data().quiz

    def text(self, user_id: int, text: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self.ids),
            "date": 0,
            "from": user(user_id),
            "text": text,
            "chat": {"id": user_id, "type": "private", "first_name": "U"},
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split(maxsplit=1)[0])}
            ]
        return {"update_id": next(self.ids), "message": message}

    def press(self, user_id: int, data: str) -> dict[str, Any]:
        message = {
            "message_id": 1,
            "date": 0,
            "from": BOT_USER,
            "text": "q",
            "chat": {"id": user_id, "type": "private"},
        }
        query = {
            "id": str(next(self.ids)),
            "from": user(user_id),
            "chat_instance": "c",
            "data": data,
            "message": message,
        }
        return {"update_id": next(self.ids), "callback_query": query}

    def cycle(self, user_id: int, first: bool) -> list[dict[str, Any]]:
        """One quiz to a result: 9 presses, 4 questions, 2 commands (60% / 27% / 13%)."""
        updates = [self.text(user_id, "/restart")]
        if not first:
            updates.append(self.press(user_id, "1:y:restart"))
        step = self.quiz.start
        while step != "checkpoint":
            kind = self.quiz.steps[step].kind
            value = self.rng.choice(ANSWERS["choice" if kind == "choice" else "scale"])
            updates.append(self.press(user_id, f"1:a:{self.quiz.version}:{step}:{value}"))
            step = self.quiz.next_step(step, value if kind == "choice" else int(value))
        updates.append(self.press(user_id, f"1:a:{self.quiz.version}:checkpoint:result"))
        if first:
            updates.append(self.press(user_id, "1:x:why"))
        for _ in range(4):
            updates.insert(
                self.rng.randrange(1, len(updates)), self.text(user_id, self.rng.choice(QUESTIONS))
            )
        updates.append(self.text(user_id, self.rng.choice(COMMANDS)))
        return updates

    def mix(self, people: int, cycles: int) -> list[dict[str, Any]]:
        per_person = [
            [u for c in range(cycles) for u in self.cycle(1000 + p, first=c == 0)]
            for p in range(people)
        ]
        # Interleave people round-robin: many conversations at once, each in its own order.
        return [u for batch in itertools.zip_longest(*per_person) for u in batch if u]


async def ours(db: Path) -> App:
    storage = sqlite_storage(db)
    app = ApplicationBuilder().token(TOKEN).request(OfflineRequest(record=False)).build()
    TelegramAdapter(build_engine(storage, charts=False)).install(app)
    await app.initialize()
    return app


async def echo() -> App:
    async def reply(update: Update, _: Any) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    app = ApplicationBuilder().token(TOKEN).request(OfflineRequest(record=False)).build()
    app.add_handler(MessageHandler(filters.TEXT, reply))
    await app.initialize()
    return app


async def feed(app: App, updates: list[dict[str, Any]], warmup: int) -> float:
    """Seconds for the updates after the first `warmup` ones."""
    for raw in updates[:warmup]:
        await app.process_update(Update.de_json(raw, app.bot))
    start = time.perf_counter()
    for raw in updates[warmup:]:
        await app.process_update(Update.de_json(raw, app.bot))
    return time.perf_counter() - start


async def run(quick: bool) -> dict[str, Any]:
    script = Script()
    mixed = script.mix(people=100 if quick else 400, cycles=2 if quick else 3)
    texts = [script.text(5000 + i % 300, f"hello number {i}") for i in range(len(mixed))]
    warmup = len(mixed) // 5
    with tempfile.TemporaryDirectory() as folder:
        bot = await ours(Path(folder) / "bot.sqlite3")
        ours_s = await feed(bot, mixed, warmup)
        await bot.shutdown()
    bare = await echo()
    echo_s = await feed(bare, texts, warmup)
    await bare.shutdown()
    timed = len(mixed) - warmup
    shares = _shares(mixed)
    rows = [
        ["echo bot (PTB)", timed, f"{timed / echo_s:,.0f}", f"{echo_s / timed * 1e6:,.0f}", "1.00"],
        [
            "career-bot",
            timed,
            f"{timed / ours_s:,.0f}",
            f"{ours_s / timed * 1e6:,.0f}",
            f"{ours_s / echo_s:.2f}",
        ],
    ]
    print(f"\nmix: {shares}")
    print_table(
        "Per-update cost (offline Bot API, no rate limiter, steady state)",
        ["bot", "updates", "updates/s", "µs per update", "ratio to echo"],
        rows,
    )
    return {
        "updates": timed,
        "mix": shares,
        "echo_us": echo_s / timed * 1e6,
        "ours_us": ours_s / timed * 1e6,
        "ratio": ours_s / echo_s,
        "ours_updates_per_s": timed / ours_s,
    }


def _shares(updates: list[dict[str, Any]]) -> dict[str, str]:
    presses = sum("callback_query" in u for u in updates)
    commands = sum(u.get("message", {}).get("text", "").startswith("/") for u in updates)
    texts = len(updates) - presses - commands
    return {
        k: f"{v / len(updates):.0%}"
        for k, v in (("button presses", presses), ("questions", texts), ("commands", commands))
    }


def main() -> None:
    run_with_quick("updates", __doc__, run, quick="fewer updates")


if __name__ == "__main__":
    main()
