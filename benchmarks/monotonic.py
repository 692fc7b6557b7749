"""How often a better skill rating lowers a match it should not: one skill raised by one
level, and a role whose target for that skill is at the new level or above shows a lower
percentage than before. Within one scoring model that never happens (a property test says
so); it happens where the raise makes another model rank (the conflict model, for interests
and skills that pull apart, or the at-start one, for a beginner), whose percentages sit on
another scale. Testers met it twice (README, "Known limit: a better skill can lower a
match").

    python -m benchmarks.monotonic [--quick]

Profiles: seeded random ones, every interest answered, each skill rated with probability
0.9; per profile one skill below accomplished is raised.
"""

from __future__ import annotations

import argparse
import collections
import random
from typing import Any

from benchmarks.common import print_table
from bot.content.knowledge import SKILL_IDS, TASK_IDS, Knowledge, load_knowledge
from bot.content.questions import CODE_STYLES
from bot.content.recommender_config import load_recommender_config
from bot.recommend.profile import parse_profile
from bot.recommend.recommender import Recommender
from bot.recommend.result import Recommendation

PAIRS = 2000
MIN_DROP = 1  # percentage points, as a person reads them


def model(result: Recommendation) -> str:
    """Which scoring model ranked the result, as the result says."""
    parts = result.confidence_parts
    conflict = parts is not None and parts.conflict is not None
    return ("at start" if result.at_start else "usual") + (", conflict" if conflict else "")


def random_data(rng: random.Random) -> dict[str, Any]:
    return {
        "tasks": {task: rng.randint(0, 4) for task in TASK_IDS},
        "code": rng.choice(CODE_STYLES),
        "deep_learning_interest": rng.randint(0, 4),
        "skills": {skill: rng.randint(0, 3) for skill in SKILL_IDS if rng.random() < 0.9},
    }


def raised(data: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, Any]] | None:
    below = [skill for skill, level in data["skills"].items() if level < 3]
    if not below:
        return None
    skill = rng.choice(below)
    return skill, {**data, "skills": {**data["skills"], skill: data["skills"][skill] + 1}}


def lowered(
    kb: Knowledge, before: Recommendation, after: Recommendation, skill: str, level: int
) -> bool:
    """Whether a role that needs `skill` at `level` or more lost percentage points."""
    was = {match.role: match.score for match in before.ranking}
    return any(
        kb.roles[match.role].levels[skill] >= level and was[match.role] - match.score >= MIN_DROP
        for match in after.ranking
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the pairs")
    pairs = PAIRS // 10 if parser.parse_args().quick else PAIRS
    kb = load_knowledge()
    recommender = Recommender(kb, load_recommender_config())
    rng = random.Random(7)
    counted: collections.Counter[tuple[str, str]] = collections.Counter()
    lowering: collections.Counter[tuple[str, str]] = collections.Counter()
    while sum(counted.values()) < pairs:
        data = random_data(rng)
        change = raised(data, rng)
        if change is None:
            continue
        skill, data_after = change
        before = recommender.recommend(parse_profile(data))
        after = recommender.recommend(parse_profile(data_after))
        switch = (model(before), model(after))
        counted[switch] += 1
        lowering[switch] += lowered(kb, before, after, skill, data_after["skills"][skill])
    rows = [
        [f"{was} -> {now}", count, lowering[(was, now)], f"{lowering[(was, now)] / count:.1%}"]
        for (was, now), count in counted.most_common()
    ]
    total = sum(lowering.values())
    rows.append(["all", pairs, total, f"{total / pairs:.1%}"])
    header = ["model before -> after", "raises", "a match lowered", "share"]
    print_table("One skill raised by one level (seeded random profiles)", header, rows)


if __name__ == "__main__":
    main()
