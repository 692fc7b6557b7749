"""One bot process as `career-bot run` builds it (the Telegram transport imported, the models
loading in the background), measured from inside: the first reply, the models ready, RSS.

    python -m benchmarks.running_bot CACHE_DIR     (prints one JSON line; run by startup.py)
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402 (the clock starts before any import)
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from bot.app import build_engine, load_data, start_models  # noqa: E402
from bot.conversation.events import Event  # noqa: E402
from bot.storage.factory import Storage  # noqa: E402
from bot.storage.isolation import KeyedLocks  # noqa: E402
from bot.storage.memory import MemoryAnalytics, MemoryStore  # noqa: E402
from bot.transports.telegram import launch  # noqa: E402, F401 (its imports are in the RSS)

MODEL_WAIT_S = 300


def memory_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ms_since_start() -> float:
    return (time.perf_counter() - START) * 1000


def main() -> None:
    data = load_data()
    models = start_models(data.kb, Path(sys.argv[1]))
    engine = build_engine(
        Storage(MemoryStore(), KeyedLocks(), MemoryAnalytics()), data, models=models, charts=False
    )
    asyncio.run(engine.handle(Event.typed(1, "what does an mle do")))
    first_reply = ms_since_start()
    rss_lexical = memory_mb("VmRSS")
    assert models.wait(MODEL_WAIT_S), "the models did not finish loading"
    assert models.ready(), "the models failed to load"
    ready = ms_since_start()
    for text in ("how do i become a data scientist", "как стать аналитиком данных"):
        asyncio.run(engine.handle(Event.typed(1, text)))
    figures = {
        "first_reply_ms": first_reply,
        "models_ready_ms": ready,
        "rss_before_models_mb": rss_lexical,
        "rss_mb": memory_mb("VmRSS"),
        "peak_rss_mb": memory_mb("VmHWM"),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
