"""The evidence for each candidate answer, from every signal, over the whole message and its
parts (sentences.py): the numbers the hybrid decision's logistic model weighs. The signals:
the lexical matcher's scores, the nearest phrasing's cosine (and the answer's gist), and the
answer head's probabilities (head.py), with its probability that none of our answers fits.

The whole message and its best part are kept apart, so the fit can learn how much a single
sentence may say on its own: a long story's one question ("should I do a master's?") finds its
answer, while a context sentence ("I'm 34, a biologist") that happens to echo some phrasing
cannot carry the decision alone, because the whole message still weighs in. (Scoring only the
parts that ask something was measured too, by 5-fold cross-validation on train: top-1 13%
against 19% with every part, confident wrong the same.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.content.text import without_links
from bot.matching.embedder import Vectors
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher
from bot.matching.sentences import parts

FEATURES = (
    "lexical",  # lexical score of the whole message / 100
    "cosine",  # embedding cosine of the whole message
    "lexical_part",  # the best lexical score of a part (0 for a message of one sentence)
    "cosine_part",  # the best cosine of a part (0 for a message of one sentence)
    "lexical_margin",  # how far the answer's best lexical score leads the next answer's
    "cosine_margin",  # the same for the cosine
    "name",  # a name in the message (role, task, skill, tool) is part of the answer id
    "length",  # log of the message's word count: long messages are harder to read
    "lexical_first",  # the answer is the lexical signal's best (whole or part)
    "cosine_first",  # the answer is the embedding signal's best (whole or part)
    "gist",  # best cosine of the whole message or a part with the answer's gist (gist.py)
    "head",  # the answer head's probability for the whole message (head.py)
    "head_part",  # its best probability for a part (0 for a message of one sentence)
    "head_first",  # the answer is the head's best (whole or part)
    "head_none",  # the head's probability that none of our answers answers the whole message
)
# Candidates taken from each signal's best: the decision can only pick among them. 5 against
# 3, measured on train (top-1 or first 54.4% -> 55.1%, top-1 25.5% -> 26.2%) and faq_eval
# (top-1 88.9% -> 90.9%), confident wrong unchanged.
PER_SIGNAL = 5


@dataclass(frozen=True)
class Candidate:
    answer_id: str
    features: tuple[float, ...]


@dataclass(frozen=True)
class _Signal:
    """One signal's scores: of the whole message, of the best asking part, and best of all."""

    whole: Mapping[str, float]
    part: Mapping[str, float]

    def best(self) -> dict[str, float]:
        merged = dict(self.whole)
        for answer_id, score in self.part.items():
            merged[answer_id] = max(score, merged.get(answer_id, 0.0))
        return merged


def _best_of(rows: Sequence[Mapping[str, float]]) -> dict[str, float]:
    best: dict[str, float] = {}
    for row in rows:
        for answer_id, score in row.items():
            best[answer_id] = max(score, best.get(answer_id, 0.0))
    return best


def _margin(scores: Mapping[str, float], answer_id: str) -> float:
    others = [s for a, s in scores.items() if a != answer_id]
    return scores.get(answer_id, 0.0) - max(others, default=0.0)


def _top(scores: Mapping[str, float]) -> list[str]:
    return sorted(scores, key=lambda a: (-scores[a], a))[:PER_SIGNAL]


@dataclass(frozen=True)
class _Signals:
    lexical: _Signal
    cosine: _Signal
    head: _Signal
    gists: dict[str, float]
    none: float


def _per_text(semantic: EmbeddingMatcher, table: Vectors) -> list[dict[str, float]]:
    return [dict(zip(semantic.answer_ids, row, strict=True)) for row in table.tolist()]


def _signals(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, message: str, whole: Mapping[str, float]
) -> _Signals:
    """Every signal over the whole message and its parts (the embedding reads the parts
    inside the message, in one pass: embedder.encode_in_context)."""
    pieces = [part.text for part in parts(message)]
    per_text_lexical = [
        {a: s / 100 for a, s in scores.items()}
        for scores in [whole, *(lexical.scores(piece)[1] for piece in pieces)]
    ]
    readings = semantic.tables(message, pieces)
    cosines, heads = _per_text(semantic, readings.cosines), _per_text(semantic, readings.head)
    gist_best = dict(zip(semantic.answer_ids, readings.gists.max(axis=0).tolist(), strict=True))
    return _Signals(
        _Signal(per_text_lexical[0], _best_of(per_text_lexical[1:])),
        _Signal(cosines[0], _best_of(cosines[1:])),
        _Signal(heads[0], _best_of(heads[1:])),
        gist_best,
        float(readings.none[0]),
    )


def candidates(
    lexical: FaqMatcher,
    semantic: EmbeddingMatcher,
    message: str,
    whole: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """Every candidate answer with its features, in the order of FEATURES. `whole`: the
    message's lexical scores, when the caller has them already (FaqMatcher.read)."""
    message = without_links(message)  # as HybridMatcher reads it (a benchmark may call this)
    if whole is None:
        whole = lexical.scores(message)[1]
    signals = _signals(lexical, semantic, message, whole)
    lex, emb, head, gists = signals.lexical, signals.cosine, signals.head, signals.gists
    named = {e.id for e in lexical.analyzer.analyze(message).entities}
    length = math.log1p(len(message.split()))
    lex_best, emb_best, head_best = lex.best(), emb.best(), head.best()
    ids = dict.fromkeys(
        [
            *_top(lex_best),
            *_top(emb_best),
            *_top(lex.whole),
            *_top(emb.whole),
            *_top(head_best),
            *_top(head.whole),
        ]
    )
    lex_first, emb_first = _top(lex_best)[:1], _top(emb_best)[:1]
    head_first = _top(head_best)[:1]
    return [
        Candidate(
            answer_id,
            (
                lex.whole.get(answer_id, 0.0),
                emb.whole.get(answer_id, 0.0),
                lex.part.get(answer_id, 0.0),
                emb.part.get(answer_id, 0.0),
                _margin(lex_best, answer_id),
                _margin(emb_best, answer_id),
                float(any(piece in named for piece in answer_id.split("."))),
                length,
                float(answer_id in lex_first),
                float(answer_id in emb_first),
                gists.get(answer_id, 0.0),
                head.whole.get(answer_id, 0.0),
                head.part.get(answer_id, 0.0),
                float(answer_id in head_first),
                signals.none,
            ),
        )
        for answer_id in ids
    ]
