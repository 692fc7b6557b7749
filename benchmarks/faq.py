"""FAQ matcher vs plain rapidfuzz, side by side on the same question set.

    python -m benchmarks.faq [--quick]

Baseline: `rapidfuzz.process.extractOne(q, phrasings, scorer=WRatio, score_cutoff=80,
processor=default_process)` over every phrasing spelled out (templates filled with every
role name and alias). Top-1 counts the answer, or for our matcher the first "did you mean"
button; rejection counts out-of-scope questions that got no confident answer. The
embedding-only matcher (benchmarks/embedding.py) is a third row: its build ms is cold (every
phrasing encoded) / warm (read from the on-disk cache), and it is timed over one round, as
is the hybrid decision (bot/matching/hybrid.py) that weighs both.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process, utils

from benchmarks import embedding
from benchmarks.common import percentile, print_table, time_each, write_json
from bot.content.knowledge import Knowledge, load_knowledge
from bot.matching.hybrid import HybridMatcher
from bot.matching.matcher import FaqMatcher, Phrasing, collect_phrasings
from bot.matching.phrasings import expand_phrasings
from bot.matching.semantic import EmbeddingMatcher

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SCALED = 10_000


class Baseline:
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.texts = [text for text, _ in pairs]
        self.ids = [answer_id for _, answer_id in pairs]

    def answer(self, query: str) -> str | None:
        best = process.extractOne(
            query,
            self.texts,
            scorer=fuzz.WRatio,
            score_cutoff=80,
            processor=utils.default_process,
        )
        return self.ids[best[2]] if best else None


def baseline_pairs(kb: Knowledge) -> list[tuple[str, str]]:
    expanded = expand_phrasings(kb, collect_phrasings(kb))
    return sorted((text, answer_id) for answer_id, texts in expanded.items() for text in texts)


def synthetic(kb: Knowledge, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Filler phrasings of knowledge-base words, each pointing at a real answer id."""
    rng = random.Random(seed)
    words = sorted({w for e in kb.faq.values() for q in e.questions for w in q.split()})
    ids = sorted(kb.answer_ids)
    return [(" ".join(rng.sample(words, rng.randint(4, 9))), rng.choice(ids)) for _ in range(count)]


def quality(answer: Any, questions: list[dict[str, Any]]) -> tuple[float, float, float]:
    """Top-1, out-of-scope rejection, and in-scope questions answered with a wrong id."""
    in_scope = [q for q in questions if q["ids"]]
    out = [q for q in questions if not q["ids"]]
    given = [answer(q["q"]) for q in in_scope]
    top1 = sum(a in q["ids"] for a, q in zip(given, in_scope, strict=True)) / len(in_scope)
    wrong = sum(a is not None and a not in q["ids"] for a, q in zip(given, in_scope, strict=True))
    rejected = sum(answer(q["q"]) is None for q in out) / len(out)
    return top1, rejected, wrong / len(in_scope)


def ours_top(matcher: FaqMatcher | EmbeddingMatcher | HybridMatcher) -> Any:
    def answer(query: str) -> str | None:
        match = matcher.match(query)
        return match.id or (match.suggestions[0].id if match.suggestions else None)

    return answer


def ours_confident(matcher: FaqMatcher | EmbeddingMatcher | HybridMatcher) -> Any:
    return lambda query: matcher.match(query).id


def timed_build(build: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    built = build()
    return built, (time.perf_counter() - start) * 1000


def run(quick: bool) -> dict[str, Any]:
    kb = load_knowledge()
    rounds = 2 if quick else 10
    figures: dict[str, Any] = {}
    rows = []
    semantic, semantic_build = embedding.build(kb)
    for set_name in ("faq_eval", "faq_holdout"):
        questions = yaml.safe_load((DATA / f"{set_name}.yaml").read_text())["questions"]
        texts = [q["q"] for q in questions]
        ours, ours_build = timed_build(lambda: FaqMatcher(kb))
        base, base_build = timed_build(lambda: Baseline(baseline_pairs(kb)))
        hybrid = HybridMatcher(ours, semantic)
        for name, top_fn, reject_fn, build_ms, size in (
            ("ours", ours_top(ours), ours_confident(ours), f"{ours_build:.0f}", ours.size),
            ("baseline", base.answer, base.answer, f"{base_build:.0f}", len(base.texts)),
            (
                "embedding",
                ours_top(semantic),
                ours_confident(semantic),
                semantic_build,
                semantic.size,
            ),
            ("hybrid", ours_top(hybrid), ours_confident(hybrid), "(both)", semantic.size),
        ):
            top1, _, _ = quality(top_fn, questions)
            _, rejected, wrong = quality(reject_fn, questions)
            samples = time_each(reject_fn, texts, 1 if name in {"embedding", "hybrid"} else rounds)
            row = [
                set_name,
                name,
                size,
                f"{top1:.1%}",
                f"{rejected:.1%}",
                f"{wrong:.1%}",
                f"{percentile(samples, 50) * 1e3:.3f}",
                f"{percentile(samples, 99) * 1e3:.3f}",
                build_ms,
            ]
            rows.append(row)
            figures[f"{set_name}.{name}"] = dict(zip(HEADER[2:], row[2:], strict=True))
    rows += scaled_rows(kb, texts, rounds, figures)
    print_table("FAQ matcher vs plain rapidfuzz", HEADER, rows)
    return figures


def scaled_rows(
    kb: Knowledge, texts: list[str], rounds: int, figures: dict[str, Any]
) -> list[list[object]]:
    ours_size = FaqMatcher(kb).size
    extra = [Phrasing(t, a) for t, a in synthetic(kb, SCALED - ours_size)]
    ours, ours_build = timed_build(lambda: FaqMatcher(kb, extra=extra))
    pairs = baseline_pairs(kb)
    base, base_build = timed_build(lambda: Baseline(pairs + synthetic(kb, SCALED - len(pairs))))
    rows: list[list[object]] = []
    for name, fn, size, build_ms in (
        ("ours", ours_confident(ours), ours.size, ours_build),
        ("baseline", base.answer, len(base.texts), base_build),
    ):
        samples = time_each(fn, texts, max(1, rounds // 2))
        row: list[object] = [
            "scaled",
            name,
            size,
            "-",
            "-",
            "-",
            f"{percentile(samples, 50) * 1e3:.3f}",
            f"{percentile(samples, 99) * 1e3:.3f}",
            f"{build_ms:.0f}",
        ]
        rows.append(row)
        figures[f"scaled.{name}"] = dict(zip(HEADER[2:], row[2:], strict=True))
    return rows


HEADER = [
    "questions",
    "matcher",
    "phrasings",
    "top-1",
    "rejected (out of scope)",
    "answered wrong",
    "p50 ms",
    "p99 ms",
    "build ms",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer timing rounds")
    args = parser.parse_args()
    figures = run(args.quick)
    print(f"\nwritten: {write_json('faq', figures)}")


if __name__ == "__main__":
    main()
