"""Start-up: from process start to the first reply of `career-bot chat` (piped input), and
the whole of `career-bot kb check`. Target: under 1 s each, the knowledge base and the FAQ
index included; matplotlib and other heavy imports only when first needed.

    python -m benchmarks.startup
"""

from __future__ import annotations

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
    print(f"\nwritten: {write_json('startup', figures)}")


if __name__ == "__main__":
    main()
