"""The table that decides (issue 14 point 6): the lexical, embedding-only and hybrid matchers
side by side on the real-question test split and on the two earlier sets.

    python -m benchmarks.matchers

Per set and matcher: covered top-1 (a confident answer that is acceptable), top-1 or first
suggestion, confident wrong on what nothing answers (uncovered career questions and off-topic
messages; in faq_eval/faq_holdout the `ids: []` block), and ms per question for single-
question calls (one BLAS thread, as the bot runs: bot/__init__.py pins it). Build ms:
lexical index / embedding model load (import, weights, first encode) + phrasing vectors
(cold: encoded, warm: read from the on-disk cache). RSS: this process's peak after building
everything (the running bot's own RSS is measured by benchmarks.startup).

A second table: the language detector (bot/matching/language.py) on the real messages in
other languages, on tests/data/other_languages.yaml, and its false positives on every English
message of the three sets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from benchmarks import embedding
from benchmarks.common import peak_rss_mb, percentile, print_table, time_each, write_json
from benchmarks.real_questions import Outcome, figures_for, load_set
from bot.content.knowledge import load_knowledge
from bot.content.messages import ANY_OTHER, OTHER_LANGUAGES
from bot.matching.hybrid import HybridMatcher
from bot.matching.language import LanguageDetector
from bot.matching.matcher import FaqMatcher, Match

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
HEADER = [
    "set",
    "matcher",
    "covered",
    "covered top-1",
    "top-1 or 1st suggestion",
    "confident wrong (uncovered + off-topic)",
    "p50 ms",
    "p99 ms",
    "build ms",
    "RSS MB",
]


def sets() -> dict[str, list[dict[str, Any]]]:
    """Every set in the real-question shape: q, ids, scope (career or offtopic)."""
    real = [q for q in load_set() if q["split"] == "test" and q["scope"] != "other_language"]
    chosen = {"real test": real}
    for name in ("faq_eval", "faq_holdout"):
        raw = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))["questions"]
        chosen[name] = [
            {"q": q["q"], "ids": q["ids"], "scope": "career" if q["ids"] else "offtopic"}
            for q in raw
        ]
    return chosen


def build_matchers() -> tuple[dict[str, Callable[[str], Match]], dict[str, str]]:
    kb = load_knowledge()
    start = time.perf_counter()
    lexical = FaqMatcher(kb)
    lexical_ms = (time.perf_counter() - start) * 1000
    load_ms = embedding.model_load_ms()
    semantic, vectors_ms = embedding.build(kb)
    matchers = {
        "lexical": lexical.match,
        "embedding": semantic.match,
        "hybrid": HybridMatcher(lexical, semantic).match,
    }
    builds = {
        "lexical": f"{lexical_ms:.0f}",
        "embedding": f"{load_ms:.0f} + {vectors_ms}",
        "hybrid": "(both)",
    }
    return matchers, builds


def matcher_rows(
    matchers: dict[str, Callable[[str], Match]], builds: dict[str, str], rss: float
) -> tuple[list[list[object]], dict[str, Any]]:
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}
    for set_name, questions in sets().items():
        texts = [q["q"] for q in questions]
        for name, match in matchers.items():
            samples = time_each(match, texts, 1)
            p50, p99 = (percentile(samples, p) * 1e3 for p in (50, 99))
            found = figures_for([Outcome(q, match(q["q"])) for q in questions])
            found |= {"p50_ms": p50, "p99_ms": p99, "build_ms": builds[name], "rss_mb": rss}
            figures[f"{set_name}.{name}"] = found
            rows.append(
                [
                    set_name,
                    name,
                    found["covered"],
                    f"{found['covered_top1']:.1%}",
                    f"{found['top1_or_first_suggestion']:.1%}",
                    f"{found['confident_wrong_uncovered']:.1%}",
                    f"{p50:.2f}",
                    f"{p99:.2f}",
                    builds[name],
                    f"{rss:.0f}",
                ]
            )
    return rows, figures


def language_rows() -> tuple[list[list[object]], dict[str, Any]]:
    detector = LanguageDetector()
    start = time.perf_counter()
    detector.warm_up()
    load_ms = (time.perf_counter() - start) * 1000
    real = load_set()
    written = yaml.safe_load((DATA / "other_languages.yaml").read_text(encoding="utf-8"))
    foreign = {
        "real, other_language": [q for q in real if q["scope"] == "other_language"],
        "other_languages.yaml": written["questions"],
    }
    # A career message in another language is labelled `other_language`, so the career
    # messages are English; off-topic ones carry no language label (some are in Chinese or
    # Portuguese) and get a row of their own, whose flags may be right.
    english = [q["q"] for q in real if q["scope"] == "career"]
    english += [q["q"] for name in ("faq_eval", "faq_holdout") for q in sets()[name]]
    off_topic = [q["q"] for q in real if q["scope"] == "offtopic"]
    samples = time_each(detector.detect, english, 1)
    rows: list[list[object]] = []
    figures: dict[str, Any] = {"load_ms": load_ms}
    for name, labelled in foreign.items():
        right = sum(1 for q in labelled if detector.detect(q["q"]) == _expected(q["lang"]))
        figures[name] = {"right": right, "of": len(labelled)}
        rows.append([name, f"{right}/{len(labelled)} recognised", "", ""])
    p50, p99 = (percentile(samples, p) * 1e3 for p in (50, 99))
    for name, texts, speed in (
        ("English (3 sets)", english, [f"{p50:.3f}", f"{p99:.3f}"]),
        ("real off-topic, any language", off_topic, ["", ""]),
    ):
        flagged = [text for text in texts if detector.detect(text) is not None]
        figures[f"{name} flagged"] = flagged
        rows.append([name, f"{len(flagged)}/{len(texts)} flagged", *speed])
        rows += [["  flagged", " ".join(text.split())[:60], "", ""] for text in flagged]
    return rows, figures


def _expected(lang: str) -> str:
    """What the detector should say: the language, or "another writing system" for one the
    bot has no reply in."""
    return lang if lang in OTHER_LANGUAGES else ANY_OTHER


def main() -> None:
    matchers, builds = build_matchers()
    rows, figures = matcher_rows(matchers, builds, peak_rss_mb())
    print_table("Matchers (real-question test split, faq_eval, faq_holdout)", HEADER, rows)
    language, figures["language"] = language_rows()
    title = f"Language detection (model load {figures['language']['load_ms']:.0f} ms)"
    print_table(title, ["messages", "result", "p50 ms", "p99 ms"], language)
    print(f"\nwritten: {write_json('matchers', figures)}")


if __name__ == "__main__":
    main()
