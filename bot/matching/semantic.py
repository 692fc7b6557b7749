"""EmbeddingMatcher: the cosine between a question and every spelt-out phrasing.

A baseline for the table, not the bot's matcher: it reads paraphrases that share no word
with any phrasing, but knows nothing of names, slots or typos. A message is read whole (up
to the model's 256 tokens).
Each answer's gist (its title and opening, gist.py) is encoded with the phrasings, for the
hybrid decision's `gist` feature, and an answer head (head.py) is trained on the phrasings,
gists and real example questions (examples.py), for its `head` features; this matcher itself
ranks by phrasings only (the zero-shot baseline).
Reading each sentence too and keeping an answer's best cosine was measured on the train
split and rejected (with the USE model used before MiniLM): top-1 fell from 29% to 26%, and
single sentences of off-topic messages came so close to some phrasing that no threshold kept
confident wrong answers under 5%.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.content.knowledge import Knowledge
from bot.content.text import has_words, without_links
from bot.matching.answers import AnswerBook
from bot.matching.embedder import Embedder, Stoppable, Vectors, encode_message
from bot.matching.embedding_cache import cached_vectors, checksum
from bot.matching.examples import Examples, bundled
from bot.matching.gist import gist
from bot.matching.head import Training, cached_head, lessons
from bot.matching.matcher import Match, Suggestion
from bot.matching.phrasing_index import collect_phrasings
from bot.matching.phrasings import expand_phrasings


@dataclass(frozen=True)
class Thresholds:
    """Cosines fitted on the train split of tests/data/real_questions.yaml by
    `python -m benchmarks.real_questions --fit` (see `fit` there); the margin is set by hand."""

    answer: float = 0.678
    margin: float = 0.02
    suggest: float = 0.458
    max_suggestions: int = 3


@dataclass(frozen=True)
class Readings:
    """A message and its parts against every answer (a row per text, a column per answer
    id in `answer_ids`)."""

    cosines: Vectors  # the best cosine with one of the answer's phrasings
    gists: Vectors  # the cosine with the answer's gist
    head: Vectors  # the answer head's probability
    none: Vectors  # the head's probability that none of our answers answers (one per text)


class EmbeddingMatcher:
    def __init__(
        self,
        kb: Knowledge,
        embedder: Embedder,
        cache: Path | None = None,
        thresholds: Thresholds | None = None,
        *,
        examples: Examples | None = None,
        training: Training | None = None,
    ) -> None:
        """`examples`: the real questions the head learns from; by default those shipped for
        this model (none for another model). `cache`: where vectors and head are kept."""
        self.book = AnswerBook(kb)
        self.embedder = embedder
        self.thresholds = thresholds or Thresholds()
        expanded = expand_phrasings(kb, collect_phrasings(kb))
        # Sorted by answer id, so each answer's phrasings are one run of columns.
        pairs = sorted((a, t) for a, texts in expanded.items() for t in texts)
        self.answer_ids = sorted(expanded)
        self._starts = np.searchsorted([a for a, _ in pairs], self.answer_ids)
        # One gist per answer, after the phrasings: one cache file, whose key covers both.
        gists = [(gist(self.book, a), a) for a in self.answer_ids]
        texts = [(t, a) for a, t in pairs] + gists
        source = checksum(embedder.name, texts)  # keys the vectors' file and the head's
        both = cached_vectors(embedder, texts, cache, source)
        self._vectors, self._gists = both[: len(pairs)], both[len(pairs) :]
        if examples is None:
            examples = bundled(embedder.name, both.shape[1])
        if examples is None:
            examples = Examples.none(both.shape[1])
        training = training or Training()
        labels = [a for a, _ in pairs] + self.answer_ids
        taught = lessons(self.answer_ids, both, labels, examples, training)
        # A bot stopped while a cold start trains the head stops within one step (as within
        # one text while encoding): onnxruntime is not involved, but the process waits.
        check = embedder.check_running if isinstance(embedder, Stoppable) else None
        self.head = cached_head(taught, training, source, cache, check)

    @property
    def size(self) -> int:
        """The vectors held (and cached): every phrasing and every answer's gist."""
        return len(self._vectors) + len(self._gists)

    def scores(self, query: str) -> dict[str, float]:
        """Each answer's best cosine with the question."""
        best = self.table([query])[0]
        return dict(zip(self.answer_ids, best.tolist(), strict=True))

    def table(self, texts: list[str]) -> Vectors:
        """Each text's best cosine with each answer (a row per text, a column per answer id
        in `answer_ids`), all texts encoded in one call."""
        return self._per_answer(self.embedder.encode(texts))

    def tables(self, message: str, parts: Sequence[str]) -> Readings:
        """The message and each of its parts (read in one pass where the model can,
        embedder.encode_message) against every answer, from one encoding."""
        queries = encode_message(self.embedder, message, parts)
        gist_cosines: Vectors = queries @ self._gists.T
        head, none = self.head.probabilities(queries)
        return Readings(self._per_answer(queries), gist_cosines, head, none)

    def match(self, query: str) -> Match:
        if not query.strip():
            return Match(query, "not_answered", None, 0.0, reason="empty")
        if not has_words(query):
            return Match(query, "not_answered", None, 0.0, reason="unreadable")
        text = without_links(query)
        ranked = sorted(self.scores(text).items(), key=lambda item: (-item[1], item[0]))
        return self._decide(query, ranked)

    def _per_answer(self, queries: Vectors) -> Vectors:
        cosines = queries @ self._vectors.T
        per_answer: Vectors = np.maximum.reduceat(cosines, self._starts, axis=1)
        return per_answer

    def _decide(self, query: str, ranked: list[tuple[str, float]]) -> Match:
        limits = self.thresholds
        top_id, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        suggestions = tuple(
            Suggestion(answer_id, self.book.title(answer_id), round(100 * score, 1))
            for answer_id, score in ranked[: limits.max_suggestions]
            if score >= limits.suggest
        )
        if top >= limits.answer and top - second >= limits.margin:
            return Match(query, "answer", top_id, round(100 * top, 1), suggestions)
        if suggestions:
            return Match(query, "did_you_mean", None, round(100 * top, 1), suggestions, "unsure")
        return Match(query, "not_answered", None, round(100 * top, 1), reason="unknown")
