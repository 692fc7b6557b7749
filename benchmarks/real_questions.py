"""The matcher on questions real people asked in public forums (tests/data/real_questions.yaml).

    python -m benchmarks.real_questions

Coverage is the share of in-domain questions (scope `career`) that some entry answers, by the
labels. For the matcher: covered top-1 (a confident answer that is acceptable), top-1 or first
suggestion, covered questions left unanswered, and confident answers to questions that nothing
answers (uncovered career questions and off-topic messages), which should be rare. The train
split was used to find topics and phrasings; the test split is only reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import print_table, write_json
from bot.content.knowledge import load_knowledge
from bot.matching.matcher import FaqMatcher, Match

SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_questions.yaml"
HEADER = [
    "split",
    "career",
    "covered",
    "coverage",
    "covered top-1",
    "top-1 or 1st suggestion",
    "covered, unanswered",
    "confident wrong (uncovered + off-topic)",
]


@dataclass(frozen=True)
class Outcome:
    labelled: dict[str, Any]
    match: Match

    @property
    def acceptable(self) -> set[str]:
        return set(self.labelled["ids"])

    @property
    def first(self) -> str | None:
        suggestions = self.match.suggestions
        return self.match.id or (suggestions[0].id if suggestions else None)


def load_set() -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = yaml.safe_load(SET.read_text(encoding="utf-8"))["questions"]
    return questions


def figures_for(outcomes: list[Outcome]) -> dict[str, Any]:
    career = [o for o in outcomes if o.labelled["scope"] == "career"]
    covered = [o for o in career if o.acceptable]
    nothing_answers = [o for o in career if not o.acceptable]
    nothing_answers += [o for o in outcomes if o.labelled["scope"] == "offtopic"]
    return {
        "career": len(career),
        "covered": len(covered),
        "coverage": len(covered) / len(career),
        "covered_top1": _share(covered, lambda o: o.match.id in o.acceptable),
        "top1_or_first_suggestion": _share(covered, lambda o: o.first in o.acceptable),
        "covered_unanswered": _share(covered, lambda o: o.match.id is None),
        "confident_wrong_uncovered": _share(nothing_answers, lambda o: o.match.id is not None),
    }


def _share(outcomes: list[Outcome], test: Any) -> float:
    return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else 0.0


def run() -> dict[str, Any]:
    kb = load_knowledge()
    matcher = FaqMatcher(kb)
    questions = load_set()
    figures: dict[str, Any] = {}
    rows = []
    for split in ("train", "test"):
        chosen = [q for q in questions if q["split"] == split]
        split_figures = figures_for([Outcome(q, matcher.match(q["q"])) for q in chosen])
        figures[split] = split_figures
        rows.append([split, *_cells(split_figures)])
    print_table("Real questions (tests/data/real_questions.yaml)", HEADER, rows)
    return figures


def _cells(figures: dict[str, Any]) -> list[object]:
    percent = [
        "coverage",
        "covered_top1",
        "top1_or_first_suggestion",
        "covered_unanswered",
        "confident_wrong_uncovered",
    ]
    return [figures["career"], figures["covered"], *(f"{figures[k]:.1%}" for k in percent)]


def main() -> None:
    figures = run()
    print(f"\nwritten: {write_json('real_questions', figures)}")


if __name__ == "__main__":
    main()
