"""QuestionReader: the matcher the bot asks, lexical until the embedding model is ready.

The embedding model takes seconds to load and its phrasing vectors longer to build the first
time, and a first reply must not wait for either; an install may also lack the model. So the
embedding matcher arrives in a SemanticSlot whenever it is ready (whoever starts the bot fills
it, from a background thread), and until then, or if it never comes, every question is read by
the lexical matcher alone. Once the slot is filled, questions get the hybrid decision.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from bot.matching.matcher import FaqMatcher, Match
from bot.matching.stopped import EncodingStopped

if TYPE_CHECKING:  # numpy comes with these: loaded with the model, not at start
    from bot.matching.hybrid import HybridMatcher
    from bot.matching.semantic import EmbeddingMatcher


class SemanticSlot:
    """Empty, or holding the ready embedding matcher; filled once, read from any thread."""

    def __init__(self, matcher: EmbeddingMatcher | None = None) -> None:
        self._matcher = matcher
        self.filled = threading.Event()
        if matcher is not None:
            self.filled.set()

    def fill(self, matcher: EmbeddingMatcher) -> None:
        self._matcher = matcher
        self.filled.set()

    def get(self) -> EmbeddingMatcher | None:
        return self._matcher


class QuestionReader:
    def __init__(self, lexical: FaqMatcher, semantic: SemanticSlot | None = None) -> None:
        self.lexical = lexical
        self.semantic = semantic or SemanticSlot()
        self._hybrid: HybridMatcher | None = None

    @property
    def signals(self) -> str:
        """Which matcher reads questions now: "lexical" or "hybrid"."""
        return "hybrid" if self.semantic.get() is not None else "lexical"

    def match(self, query: str) -> Match:
        hybrid = self._current_hybrid()
        if hybrid is not None:
            try:
                return hybrid.match(query)
            except EncodingStopped:  # the bot is stopping: the words still answer
                pass
        return self.lexical.match(query)

    def _current_hybrid(self) -> HybridMatcher | None:
        semantic = self.semantic.get()
        if semantic is None:
            return None
        if self._hybrid is None or self._hybrid.semantic is not semantic:
            from bot.matching.hybrid import HybridMatcher  # here: it brings numpy

            self._hybrid = HybridMatcher(self.lexical, semantic)
        return self._hybrid
