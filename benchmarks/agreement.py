"""How far two blind labellings of the real-question set agree (tests/data/second_labels.yaml).

    python -m benchmarks.agreement

A sample of the set was labelled a second time by someone who never saw the first labels.
Two labels **agree** when both say nothing answers the message (off-topic or an uncovered
career question: the bot should not answer either way) or when they share at least one
acceptable answer (the bot's answer would satisfy both); they are **identical** when they
name the same answers and the same scope. The table shows each collection apart, and the
messages on which the two disagree, so a reader can judge them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import print_table, write_json
from benchmarks.real_questions import collection_of, load_set

SECOND = Path(__file__).resolve().parent.parent / "tests" / "data" / "second_labels.yaml"


def load_second() -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = yaml.safe_load(SECOND.read_text(encoding="utf-8"))["labels"]
    return labels


def agree(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Both say nothing answers it, or both would accept one answer."""
    ids, other = set(first["ids"]), set(second["ids"])
    return bool(ids & other) or not (ids or other)


def identical(first: dict[str, Any], second: dict[str, Any]) -> bool:
    return set(first["ids"]) == set(second["ids"]) and first["scope"] == second["scope"]


def run() -> dict[str, Any]:
    firsts = {q["id"]: q for q in load_set()}
    pairs = [(firsts[s["id"]], s) for s in load_second()]
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}
    for collection in ("1st", "2nd"):
        chosen = [(f, s) for f, s in pairs if collection_of(f) == collection]
        agreeing = sum(agree(f, s) for f, s in chosen)
        same = sum(identical(f, s) for f, s in chosen)
        figures[collection] = {"labelled": len(chosen), "agree": agreeing, "identical": same}
        rows.append([collection, len(chosen), _share(agreeing, chosen), _share(same, chosen)])
    header = ["collection", "labelled twice", "agree", "identical"]
    print_table("Two blind labellings (tests/data/second_labels.yaml)", header, rows)
    print("\nDisagreements (first label | second label):")
    for first, second in pairs:
        if not agree(first, second):
            print(f"  {first['id']}: {_label(first)} | {_label(second)}")
    return figures


def _share(count: int, chosen: list[Any]) -> str:
    return f"{count} ({count / len(chosen):.0%})"


def _label(labelled: dict[str, Any]) -> str:
    return ", ".join(labelled["ids"]) or f"{labelled['scope']}, nothing answers"


def main() -> None:
    figures = run()
    print(f"\nwritten: {write_json('agreement', figures)}")


if __name__ == "__main__":
    main()
