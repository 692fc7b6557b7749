"""How long the skills chart takes: matplotlib's import once, then renders (budget 300 ms).

Run: python -m benchmarks.chart
"""

from __future__ import annotations

import importlib
import statistics
import time

from bot.content.knowledge import load_knowledge
from bot.content.recommender_config import load_recommender_config
from bot.recommend.chart import skill_chart
from bot.recommend.profile import parse_profile
from bot.recommend.recommender import recommend

BUDGET_MS = 300
RUNS = 20
PROFILES = {
    "full profile": {
        "tasks": {"data_engineering": 3, "modeling": 4, "deployment": 4},
        "code": "both",
        "skills": {"machine_learning": 2, "mathematics": 1, "software_engineering": 2},
    },
    "no skills rated": {"tasks": {"business_analysis": 4, "modeling": 1}},
}


def main() -> None:
    kb, config = load_knowledge(), load_recommender_config()
    started = time.perf_counter()
    for module in ("matplotlib.figure", "matplotlib.backends.backend_agg"):
        importlib.import_module(module)  # what skill_chart imports on its first call
    print(f"matplotlib import: {(time.perf_counter() - started) * 1000:.0f} ms\n")
    print(f"| profile | first render (ms) | median of {RUNS} (ms) | max (ms) | PNG (KB) |")
    print("|---|---:|---:|---:|---:|")
    for name, data in PROFILES.items():
        profile = parse_profile(data)
        result = recommend(profile, kb, config)
        times, png = [], b""
        for _ in range(RUNS + 1):
            started = time.perf_counter()
            png = skill_chart(profile, result, kb, config)
            times.append((time.perf_counter() - started) * 1000)
        first, rest = times[0], times[1:]
        row = f"| {name} | {first:.0f} | {statistics.median(rest):.0f} | {max(rest):.0f} |"
        print(f"{row} {len(png) / 1024:.0f} |")
    print(f"\nbudget: {BUDGET_MS} ms per render after the import")


if __name__ == "__main__":
    main()
