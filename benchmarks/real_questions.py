"""The matcher on questions real people asked in public forums (tests/data/real_questions.yaml).

    python -m benchmarks.real_questions

Coverage is the share of in-domain questions (scope `career`) that some entry answers, by the
labels. For the matcher: covered top-1 (a confident answer that is acceptable), top-1 or first
suggestion, covered questions left unanswered, covered questions answered with confidence by
an entry the labels do not accept, and confident answers to questions that nothing
answers (uncovered career questions and off-topic messages), which should be rare. The train
split was used to find topics and phrasings, to fit the embedding matcher's thresholds
(`--fit` prints them) and to teach the hybrid's answer head (head.py), so the hybrid's train
row is no estimate of new messages (benchmarks.hybrid_fit prints an out-of-fold one); the test
split is only reported.

Rows: the lexical matcher (the bot's fallback while the model loads, or without it), the
embedding-only baseline and the hybrid decision the bot uses once the model is ready
(bot/matching/hybrid.py over the whole message and its sentences, fitted on train by
benchmarks/hybrid_fit.py); ms per question on the
whole set (one pass after a warm-up), build ms (embedding: cold, every phrasing encoded /
warm, read from the on-disk cache) and the process's peak RSS after building each.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks import embedding
from benchmarks.common import peak_rss_mb, percentile, print_table, time_each, write_json
from bot.content.knowledge import load_knowledge
from bot.matching.hybrid import HybridMatcher
from bot.matching.matcher import FaqMatcher, Match
from bot.matching.semantic import EmbeddingMatcher, Thresholds

SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_questions.yaml"
HEADER = [
    "split",
    "matcher",
    "career",
    "covered",
    "coverage",
    "covered top-1",
    "top-1 or 1st suggestion",
    "covered, unanswered",
    "covered, wrong answer",
    "confident wrong (uncovered + off-topic)",
    "p50 ms",
    "p99 ms",
    "build ms",
    "RSS MB",
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


def thread_of(source: str) -> str:
    """A message's thread: comments of one Reddit thread share it (the split's unit)."""
    found = re.match(r"(.*?/comments/[a-z0-9]+)", source)
    return found.group(1) if found else source


SECOND_COLLECTION = 633  # the first id of the second collection

# Folds of the train split, for choices made on questions a model did not learn from
# (benchmarks.hybrid_fit, benchmarks.head).
FOLDS = 5


def fold_of(question: dict[str, Any]) -> int:
    """Digits 9-16 of the thread's SHA-256: the split used digits 1-8 (real_questions.md)."""
    digest = hashlib.sha256(thread_of(question["source"]).encode()).hexdigest()
    return int(digest[8:16], 16) % FOLDS


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
        "covered_wrong_answer": _share(
            covered, lambda o: o.match.id is not None and o.match.id not in o.acceptable
        ),
        "confident_wrong_uncovered": _share(nothing_answers, lambda o: o.match.id is not None),
    }


def _share(outcomes: list[Outcome], test: Any) -> float:
    return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else 0.0


def run() -> dict[str, Any]:
    kb = load_knowledge()
    questions = load_set()
    start = time.perf_counter()
    lexical = FaqMatcher(kb)
    builds = {"lexical": (lexical, f"{(time.perf_counter() - start) * 1000:.0f}", peak_rss_mb())}
    semantic, semantic_build = embedding.build(kb)
    builds["embedding"] = (semantic, semantic_build, peak_rss_mb())
    builds["hybrid"] = (HybridMatcher(lexical, semantic), "(both)", peak_rss_mb())
    figures: dict[str, Any] = {}
    rows = []
    for name, (matcher, build_ms, rss) in builds.items():
        samples = time_each(matcher.match, [q["q"] for q in questions], 1)
        speed = [f"{percentile(samples, p) * 1e3:.2f}" for p in (50, 99)]
        for split in ("train", "test"):
            chosen = [q for q in questions if q["split"] == split]
            split_figures = figures_for([Outcome(q, matcher.match(q["q"])) for q in chosen])
            split_figures |= {"p50_ms": speed[0], "p99_ms": speed[1], "build_ms": build_ms}
            figures[f"{split}.{name}"] = split_figures | {"rss_mb": round(rss)}
            rows.append([split, name, *_cells(split_figures), *speed, build_ms, f"{rss:.0f}"])
    rows.sort(key=lambda row: row[0] != "train")
    rows += _by_collection(builds["hybrid"][0], questions, figures)
    print_table("Real questions (tests/data/real_questions.yaml)", HEADER, rows)
    return figures


def collection_of(question: dict[str, Any]) -> str:
    """The set was collected twice (real_questions.md): rq001-rq632 first, then rq633 on."""
    return "1st" if int(question["id"].removeprefix("rq")) < SECOND_COLLECTION else "2nd"


def _by_collection(
    hybrid: Any, questions: list[dict[str, Any]], figures: dict[str, Any]
) -> list[list[object]]:
    """The hybrid's test rows by collection: the first keeps earlier figures comparable, the
    second was a fresh sample when it came."""
    rows: list[list[object]] = []
    for collection in ("1st", "2nd"):
        chosen = [q for q in questions if q["split"] == "test" and collection_of(q) == collection]
        found = figures_for([Outcome(q, hybrid.match(q["q"])) for q in chosen])
        figures[f"test.hybrid.{collection}_collection"] = found
        row = [f"test, {collection} collection", "hybrid", *_cells(found)]
        rows.append(row + [""] * (len(HEADER) - len(row)))
    return rows


def _cells(figures: dict[str, Any]) -> list[object]:
    percent = [
        "coverage",
        "covered_top1",
        "top1_or_first_suggestion",
        "covered_unanswered",
        "covered_wrong_answer",
        "confident_wrong_uncovered",
    ]
    return [figures["career"], figures["covered"], *(f"{figures[k]:.1%}" for k in percent)]


def fit(matcher: EmbeddingMatcher, questions: list[dict[str, Any]]) -> Thresholds:
    """The embedding matcher's thresholds from the train split only: answer at the lowest
    cosine that gives confident answers to at most 5% of the messages nothing answers, and
    suggest above the cosine that half of them reach (the other half get no list)."""
    train = [q for q in questions if q["split"] == "train"]
    nothing = [q for q in train if not q["ids"] and q["scope"] in {"career", "offtopic"}]
    tops = sorted(max(matcher.scores(q["q"]).values()) for q in nothing)
    answer = tops[min(len(tops) - 1, int(0.95 * len(tops)))] + 0.005
    suggest = tops[len(tops) // 2]
    return Thresholds(answer=round(answer, 3), suggest=round(suggest, 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fit", action="store_true", help="print thresholds fitted on train")
    if parser.parse_args().fit:
        semantic, _ = embedding.build(load_knowledge())
        print(fit(semantic, load_set()))
        return
    figures = run()
    print(f"\nwritten: {write_json('real_questions', figures)}")


if __name__ == "__main__":
    main()
