"""How long one `Recommender.recommend` call takes (budget 1.5 ms), as the bot calls it: one
Recommender per process, a call at every quiz result.

    python -m benchmarks.recommend [--quick]

Profiles: the evaluation personas (tests/data/personas.yaml) and seeded random valid profiles
(any subset of answers, some known tools). Building the Recommender is timed apart.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import percentile, print_table, time_each
from bot.content.knowledge import SKILL_IDS, TASK_IDS, Knowledge, load_knowledge
from bot.content.questions import CODE_STYLES, INTERESTS, LEVELS
from bot.content.recommender_config import load_recommender_config
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender

BUDGET_MS = 1.5
PERSONAS = Path(__file__).resolve().parent.parent / "tests" / "data" / "personas.yaml"
RANDOM_PROFILES = 400
HEADER = ["profiles", "count", "mean ms", "p50 ms", "p99 ms"]


def personas() -> list[Profile]:
    data = yaml.safe_load(PERSONAS.read_text(encoding="utf-8"))["personas"]
    return [parse_profile(persona["profile"]) for persona in data]


def random_profiles(kb: Knowledge, count: int, seed: int = 7) -> list[Profile]:
    """Valid profiles with each question answered with probability 20-100%."""
    rng, tools = random.Random(seed), sorted(kb.tools)
    found = []
    for _ in range(count):
        share = rng.choice([0.2, 0.5, 0.8, 1.0])
        data: dict[str, Any] = {
            "tasks": {t: rng.choice(INTERESTS) for t in TASK_IDS if rng.random() < share},
            "skills": {s: rng.choice(LEVELS) for s in SKILL_IDS if rng.random() < share},
            "known_tools": rng.sample(tools, rng.randint(0, min(8, len(tools)))),
        }
        if rng.random() < share:
            data["code"] = rng.choice(CODE_STYLES)
        if rng.random() < share:
            data["deep_learning_interest"] = rng.choice(INTERESTS)
        found.append(parse_profile(data))
    return found


def row(name: str, samples: list[float], count: int) -> list[object]:
    ms = [s * 1000 for s in samples]
    return [
        name,
        count,
        f"{statistics.mean(ms):.3f}",
        f"{percentile(ms, 50):.3f}",
        f"{percentile(ms, 99):.3f}",
    ]


def advisor_figures(recommender: Recommender) -> None:
    """The issue-15 bars on the advisor-labelled personas, and the personas that miss."""
    from tests.recommend.advisor import evaluate

    report = evaluate(recommender)
    rows = [[k, v] for k, v in report.figures().items()]
    print_table("Advisor-labelled personas (issue 15 bars)", ["figure", "value"], rows)
    for problem in report.problems():
        print(f"  miss: {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer timing rounds")
    args = parser.parse_args()
    rounds = 2 if args.quick else 10
    kb, config = load_knowledge(), load_recommender_config()
    builds = []
    for _ in range(rounds):
        started = time.perf_counter()
        recommender = Recommender(kb, config)
        builds.append(time.perf_counter() - started)
    advisor_figures(recommender)
    sets = {"personas": personas(), "random": random_profiles(kb, RANDOM_PROFILES)}
    rows, every = [], []
    for name, profiles in sets.items():
        samples = time_each(recommender.recommend, profiles, rounds)
        every += samples
        rows.append(row(name, samples, len(profiles)))
    rows.append(row("all", every, sum(len(p) for p in sets.values())))
    print_table(f"Recommender.recommend, {rounds} rounds after a warm-up", HEADER, rows)
    build_ms = statistics.median(builds) * 1000
    print(f"\nbuilding the Recommender (once per process): {build_ms:.1f} ms")
    print(f"budget: {BUDGET_MS} ms per call")


if __name__ == "__main__":
    main()
