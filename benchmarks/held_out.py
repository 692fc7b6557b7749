"""The embedding matcher each question is judged with: no figure on the train split may rest
on an answer head that learnt the question itself (bot/matching/head.py learns from train).

A train question is judged by the matcher whose head learnt from the other folds only
(benchmarks.real_questions.FOLDS, a thread in one fold); any other question (the test split,
faq_eval, faq_holdout) by the bot's own, which learnt from all of train.
"""

from __future__ import annotations

from typing import Any

from benchmarks import embedding
from benchmarks.examples import examples_of, labelled, without_fold
from benchmarks.real_questions import FOLDS, fold_of, load_set
from bot.content.knowledge import Knowledge
from bot.matching.semantic import EmbeddingMatcher


def fold_matchers(
    kb: Knowledge, semantic: EmbeddingMatcher, questions: list[dict[str, Any]]
) -> dict[int, EmbeddingMatcher]:
    """For each fold, the embedding matcher whose answer head learnt from the other folds'
    questions only (what `labelled` picks of `questions`)."""
    taught = labelled(questions)
    everything = examples_of(taught, semantic.embedder)
    return {
        fold: EmbeddingMatcher(
            kb, semantic.embedder, embedding.CACHE, examples=without_fold(taught, everything, fold)
        )
        for fold in range(FOLDS)
    }


class HeldOut:
    def __init__(self, kb: Knowledge, semantic: EmbeddingMatcher) -> None:
        self.semantic = semantic
        self.by_fold = fold_matchers(kb, semantic, load_set())

    def __call__(self, question: dict[str, Any]) -> EmbeddingMatcher:
        if question.get("split") == "train":
            return self.by_fold[fold_of(question)]
        return self.semantic
