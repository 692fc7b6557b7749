"""Start-up: from process start to the first reply of `career-bot chat` (piped input; the
greeting, which waits for no model: a piped chat's first answer waits for the models, whose
loading the second table times), and
the whole of `career-bot kb check`. Target: under 1 s each, the knowledge base and the FAQ
index included; matplotlib and other heavy imports only when first needed.

A second table: a bot process as `career-bot run` builds it (benchmarks/running_bot.py), with
the embedding and language models loading in the background: its first reply, when the
models are ready, and its RSS (target <= 250 MB), with the phrasing-vector cache cold (first
start: every phrasing encoded) and warm (read back).

    python -m benchmarks.startup
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import print_table, write_json

RUNS = 7
COMMAND = [sys.executable, "-m", "bot"]


def first_reply(db: Path) -> float:
    """Seconds until the chat prints the first line of its first reply."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*COMMAND, "chat", "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.stdin.close()
    process.wait(timeout=30)
    return elapsed


def whole(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*COMMAND, *args], check=True, capture_output=True, timeout=60)
    return time.perf_counter() - start


def data_load() -> float:
    """Reading and checking every data file in this process (YAML parsing dominates it)."""
    from bot.app import load_data

    start = time.perf_counter()
    load_data()
    return time.perf_counter() - start


def running_bot() -> tuple[list[list[object]], dict[str, object]]:
    rows: list[list[object]] = []
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as cache:
        for case in ("cold cache", "warm cache"):
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.running_bot", cache],
                check=True,
                capture_output=True,
                text=True,
                timeout=600,
            ).stdout
            found = json.loads(out.strip().splitlines()[-1])
            figures[case] = found
            rows.append(
                [
                    case,
                    f"{found['first_reply_ms']:.0f}",
                    f"{found['models_ready_ms']:.0f}",
                    f"{found['rss_before_models_mb']:.0f}",
                    f"{found['rss_mb']:.0f}",
                    f"{found['peak_rss_mb']:.0f}",
                ]
            )
    return rows, figures


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bot.sqlite3"
        cases = {
            "chat: first reply": lambda: first_reply(db),
            "kb check": lambda: whole(["kb", "check"]),
            "--version": lambda: whole(["--version"]),
            "data load (in process)": data_load,
        }
        rows, figures = [], {}
        for name, measure in cases.items():
            measure()  # warm the file cache
            samples = [measure() for _ in range(RUNS)]
            median = statistics.median(samples)
            figures[name] = {"median_s": median, "max_s": max(samples)}
            rows.append(
                [
                    name,
                    f"{median * 1000:.0f}",
                    f"{max(samples) * 1000:.0f}",
                    "yes" if median <= 1 else "NO",
                ]
            )
    print_table(f"Start-up ({RUNS} runs)", ["command", "median ms", "max ms", "<= 1 s"], rows)
    bot_rows, figures["running bot"] = running_bot()
    header = [
        "bot process",
        "first reply ms",
        "models ready ms",
        "RSS before models MB",
        "RSS MB",
        "peak RSS MB",
    ]
    print_table("A running bot, models loading in the background", header, bot_rows)
    print(f"\nwritten: {write_json('startup', figures)}")


if __name__ == "__main__":
    main()
