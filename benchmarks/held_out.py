"""The embedding matcher each question is judged with: no figure on the train split may rest
on an answer head that learnt the question itself (bot/matching/head.py learns from train).

A train question is judged by the matcher whose head learnt from the other folds only
(benchmarks.real_questions.FOLDS, a thread in one fold); any other question (the test split,
faq_eval, faq_holdout) by the bot's own, which learnt from all of train.

The shipped encoder learnt from every train message too (scripts/tune_minilm.py), so a train
figure read through it is kind, head held out or not. What chooses anything from train figures
(`benchmarks.hybrid_fit`) reads each fold with an encoder tuned without it (`encoders`); the
other benchmarks' train figures read through the shipped one and say so.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from benchmarks import embedding
from benchmarks.examples import examples_of, labelled, without_fold
from benchmarks.real_questions import FOLDS, fold_of, load_set
from bot.content.knowledge import Knowledge
from bot.matching.embedder import Embedder, MiniLmEmbedder
from bot.matching.semantic import EmbeddingMatcher

SHIPPED_ENCODER_SAW_TRAIN = True  # bot/models/minilm/README.md says how it was made


def fold_matchers(
    kb: Knowledge,
    semantic: EmbeddingMatcher,
    questions: list[dict[str, Any]],
    encoders: Path | None = None,
) -> dict[int, EmbeddingMatcher]:
    """For each fold, the embedding matcher whose answer head learnt from the other folds'
    questions only (what `labelled` picks of `questions`); with `encoders`, read by the
    encoder fine-tuned without that fold's questions too (`fold_embedder`)."""
    taught = labelled(questions)
    shared = None if encoders else examples_of(taught, semantic.embedder)
    matchers = {}
    for fold in range(FOLDS):
        embedder = fold_embedder(semantic.embedder, encoders, fold)
        everything = shared if shared is not None else examples_of(taught, embedder)
        learnt = without_fold(taught, everything, fold)
        matchers[fold] = EmbeddingMatcher(kb, embedder, embedding.CACHE, examples=learnt)
    return matchers


def fold_embedder(shipped: Embedder, encoders: Path | None, fold: int) -> Embedder:
    """The encoder that reads `fold`: the shipped one, or from `encoders`/<fold> the one
    scripts/tune_minilm.py fine-tuned without that fold's messages (an encoder tuned on a
    message reads it better than it will read a new one). Its name, part of the phrasing
    cache's key, carries the start of its file's sha256."""
    if encoders is None:
        return shipped
    folder = encoders / str(fold)
    embedder = MiniLmEmbedder(folder)
    digest = hashlib.sha256((folder / "model.onnx").read_bytes()).hexdigest()[:8]
    embedder.name = f"minilm-l6-int8-{digest}"
    return embedder


class HeldOut:
    def __init__(self, kb: Knowledge, semantic: EmbeddingMatcher) -> None:
        self.semantic = semantic
        self.by_fold = fold_matchers(kb, semantic, load_set())

    def __call__(self, question: dict[str, Any]) -> EmbeddingMatcher:
        if question.get("split") == "train":
            return self.by_fold[fold_of(question)]
        return self.semantic
