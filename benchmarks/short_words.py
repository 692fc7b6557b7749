"""How many words make a message "short" (bot/matching/hybrid.py SHORT_WORDS): a short
message is answered only when the lexical matcher answers it, and the hybrid's candidates are
offered as "did you mean". 0 turns the rule off. Then, at the shipped length: the model never
overruling the words' answer (hybrid.OVERRULE), and the model answering short messages above
a probability (HybridMatcher's `short_answer`: measured, not kept; see hybrid.py).

    python -m benchmarks.short_words

On the tuning sets only: the real train split (questions in and out of scope) and faq_eval;
the test split and faq_holdout are never used to choose. The hybrid's weights and answer
threshold are the fitted ones (fitted with the rule at SHORT_WORDS), held fixed here; a train
question is judged by an answer head that did not learn from it (benchmarks.held_out).
"""

from __future__ import annotations

from typing import Any

from benchmarks import embedding
from benchmarks.common import print_table, write_json
from benchmarks.held_out import HeldOut
from benchmarks.matchers import sets
from benchmarks.real_questions import Outcome, figures_for, load_set
from bot.content.knowledge import load_knowledge
from bot.matching.hybrid import SHORT_WORDS, HybridMatcher
from bot.matching.matcher import FaqMatcher

CHOICES = (0, 4, 6, 8, 10, 12, 16)
NEVER_OVERRULED = -1  # a row: SHORT_WORDS with the model never overruling the words
# Rows at SHORT_WORDS where the model answers a short message the words do not answer above
# this probability (shipped: never).
SHORT_ANSWERS = (0.9, 0.95, 0.97, 0.99)


def tuning_sets() -> dict[str, list[dict[str, Any]]]:
    train = [q for q in load_set() if q["split"] == "train" and q["scope"] != "other_language"]
    return {"real train": train, "faq_eval": sets()["faq_eval"]}


def main() -> None:
    kb = load_knowledge()
    lexical = FaqMatcher(kb)
    semantic, _ = embedding.build(kb)
    judge = HeldOut(kb, semantic)
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}
    variants: list[tuple[float, dict[str, Any]]] = [(w, {"short_words": w}) for w in CHOICES]
    variants.append((NEVER_OVERRULED, {"overrule": False}))
    variants += [(p, {"short_answer": p}) for p in SHORT_ANSWERS]
    for name, questions in tuning_sets().items():
        for choice, settings in variants:
            found = figures_for(
                [
                    Outcome(q, HybridMatcher(lexical, judge(q), **settings).match(q["q"]))
                    for q in questions
                ]
            )
            figures[f"{name}.{_key(choice)}"] = found
            rows.append(
                [
                    name,
                    _label(choice),
                    f"{found['covered_top1']:.1%}",
                    f"{found['top1_or_first_suggestion']:.1%}",
                    f"{found['confident_wrong_uncovered']:.1%}",
                ]
            )
    header = ["set", "short = at most N words", "covered top-1", "top-1 or 1st", "confident wrong"]
    print_table("Short messages answered by the words alone", header, rows)
    print(f"\nwritten: {write_json('short_words', figures)}")


def _key(choice: float) -> str:
    if choice == NEVER_OVERRULED:
        return f"{SHORT_WORDS}.never_overruled"
    return f"{SHORT_WORDS}.short_answer_{choice}" if isinstance(choice, float) else str(choice)


def _label(choice: float) -> str:
    if isinstance(choice, float):
        return f"{SHORT_WORDS}, the model answers above {choice}"
    words = choice
    if words == NEVER_OVERRULED:
        return f"{SHORT_WORDS}, the model never overrules"
    if words == SHORT_WORDS:
        return f"{words} (shipped)"
    return f"{words}" if words else "0 (rule off)"


if __name__ == "__main__":
    main()
