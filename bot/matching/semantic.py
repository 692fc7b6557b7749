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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.content.knowledge import Knowledge
from bot.content.text import has_words, without_links
from bot.matching.answers import AnswerBook
from bot.matching.embedder import Embedder, Stoppable, Vectors, encode_message
from bot.matching.embedding_cache import cached_vectors, checksum
from bot.matching.examples import Examples, bundled
from bot.matching.gist import gist
from bot.matching.head import Head, Training, blend, cached_head, lessons
from bot.matching.matcher import Match, Suggestion
from bot.matching.phrasing_index import collect_phrasings
from bot.matching.phrasings import expand_phrasings
from bot.matching.words import FORMAT as WORDS_FORMAT
from bot.matching.words import Vocabulary, bag

# The word head's share of the blended probabilities (words.py): of 0.3 and 0.5, measured out
# of fold on the train split (`python -m benchmarks.word_head`), 0.3 ranked more right answers
# first (226 against 222 of 365) and 0.5 put "none" first for more messages nothing answers
# (130 against 126 of 160); the first counts for more questions.
WORD_SHARE = 0.3


def lesson_texts(kb: Knowledge, book: AnswerBook) -> tuple[list[tuple[str, str]], int]:
    """Every spelt-out phrasing with its answer's id, sorted by id (so each answer's phrasings
    are one run of columns), then one gist per answer in the same order (one cache file, whose
    key covers both); and how many of them are phrasings."""
    expanded = expand_phrasings(kb, collect_phrasings(kb))
    pairs = sorted((a, t) for a, texts in expanded.items() for t in texts)
    phrasings = [(t, a) for a, t in pairs]
    gists = [(gist(book, a), a) for a in sorted(expanded)]
    return phrasings + gists, len(phrasings)


@dataclass(frozen=True)
class Thresholds:
    """Cosines fitted on the train split of tests/data/real_questions.yaml by
    `python -m benchmarks.real_questions --fit` (see `fit` there); the margin is set by hand.
    They decide for the embedding matcher alone, the baseline of the benchmarks' tables (the
    bot decides with the hybrid). Refitted for the fine-tuned encoder, which learnt from those
    same messages, so they are kinder to it than new messages will be."""

    answer: float = 0.57
    margin: float = 0.02
    suggest: float = 0.402
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
        this model (none for another model). `cache`: where vectors and heads are kept."""
        self.book = AnswerBook(kb)
        self.embedder = embedder
        self.thresholds = thresholds or Thresholds()
        texts, phrased = lesson_texts(kb, self.book)
        self.answer_ids = [a for _, a in texts[phrased:]]
        self._starts = np.searchsorted([a for _, a in texts[:phrased]], self.answer_ids)
        source = checksum(embedder.name, texts)  # keys the vectors' file and the head's
        if examples is None:
            examples = bundled(embedder.name) or Examples.none(0)
        training = training or Training()
        labels = [a for _, a in texts]
        # A bot stopped while a cold start trains a head stops within one step (as within
        # one text while encoding): onnxruntime is not involved, but the process waits.
        check = embedder.check_running if isinstance(embedder, Stoppable) else None
        # The word head first: on a cold start its fit's memory is freed before the model's
        # runs take theirs (`python -m benchmarks.running_bot`, a cold cache: peak RSS 269 MB
        # this way, 317 MB with the word head trained after the encoding).
        self.vocabulary, self.word_head = self._word_head(
            texts, labels, examples, training=training, source=source, cache=cache, check=check
        )
        both = cached_vectors(embedder, texts, cache, source)
        self._vectors, self._gists = both[:phrased], both[phrased:]
        taught = lessons(self.answer_ids, both, labels, examples.of_width(both.shape[1]), training)
        self.head = cached_head(taught, training, source, cache, check)

    def _word_head(
        self,
        texts: Sequence[tuple[str, str]],
        labels: Sequence[str],
        examples: Examples,
        *,
        training: Training,
        source: str,
        cache: Path | None,
        check: Callable[[], None] | None,
    ) -> tuple[Vocabulary, Head]:
        """The word head learns the same lessons as the answer head, over words (words.py).
        Examples whose words are not known (a file written before they were kept, examples
        built from vectors alone) are left out: as empty rows they would teach the head's
        bias their mix of answers, which then leans every message that way."""
        if not examples.words:
            examples = Examples.none(0)
        said = [bag(t) for t, _ in texts]
        bags = examples.known_to(set(self.answer_ids)).word_bags()
        vocabulary = Vocabulary(said + list(bags))
        taught = lessons(self.answer_ids, vocabulary.rows(said), labels, examples, training)
        over_words = replace(taught, questions=vocabulary.rows(bags))
        keyed = f"words-{WORDS_FORMAT}/{source}"
        return vocabulary, cached_head(over_words, training, keyed, cache, check, kind="words")

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
        sentences = self.head.probabilities(queries)
        said = self.vocabulary.rows([bag(message), *(bag(part) for part in parts)])
        head, none = blend(sentences, self.word_head.probabilities(said), WORD_SHARE)
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
