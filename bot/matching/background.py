"""The embedding signal and the language model, loaded in a background thread at start.

Importing the model library and reading its weights takes seconds; the first reply after
start must not wait for it. Until `ready()` the bot answers with the lexical matcher alone and
recognises other languages by their script only; then `matcher` is the embedding matcher.
With embeddings off (`build` None) only the language model loads, so a Spanish or German
message still gets its note in its own language.
Readers never block: they look at what is there now ("may be None, not ready yet"); only a
caller that must answer as the loaded bot does (`career-bot ask`, a piped chat) waits.
`close()` stops the loading and waits for the thread, so the process never exits while the
thread is inside onnxruntime (which would abort it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.matching.language import LanguageDetector
from bot.matching.memory import give_back_freed_memory
from bot.matching.reader import SemanticSlot
from bot.matching.stopped import EncodingStopped

if TYPE_CHECKING:  # numpy comes with it: loaded in the background, not at start
    from bot.matching.semantic import EmbeddingMatcher

log = logging.getLogger(__name__)

CLOSE_WAIT_S = 5.0  # a stopped load ends within one text's encode; imports can take longer


class Background:
    def __init__(
        self,
        build: Callable[[], EmbeddingMatcher] | None,
        language: LanguageDetector | None = None,
        stop: Callable[[], None] | None = None,
    ) -> None:
        self._build = build
        self._stop = stop  # tells the model to encode nothing more
        self.language = language or LanguageDetector()
        self.slot = SemanticSlot()  # what the question reader looks at
        self._done = threading.Event()  # set when loading ended, loaded or failed
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin loading (once); returns at once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="model-loader", daemon=True)
            self._thread.start()

    def ready(self) -> bool:
        return self.slot.get() is not None

    @property
    def matcher(self) -> EmbeddingMatcher | None:
        """The embedding matcher once it is loaded; None before (or if loading failed)."""
        return self.slot.get()

    def wait(self, timeout: float | None = None) -> bool:
        """Until loading has ended, or `timeout`; whether it has. Loading never started has
        nothing to wait for (the bot itself never waits: see the module's docstring)."""
        if self._thread is None:
            return True
        return self._done.wait(timeout)

    def close(self, timeout: float = CLOSE_WAIT_S) -> bool:
        """Stop loading and wait for the thread (at most `timeout`); whether it ended.
        A loaded matcher stays usable only for what was already encoded."""
        if self._stop is not None:
            self._stop()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the model loader did not stop within %.0f s", timeout)
            return False
        return True

    def _load(self) -> None:
        try:
            self._warm_up_language()
            if self._build is None:  # embeddings off: the language model alone
                return
            matcher = self._build()
            matcher.scores("warm up")  # the first encode pays for the model's lazy parts
            self.slot.fill(matcher)
        except EncodingStopped:  # closed while loading: the bot is stopping
            log.debug("model loading stopped")
        except Exception:  # any failure leaves the bot lexical, which still answers
            # Worded for every caller: the bot then answers by words, `career-bot ask` stops.
            log.exception("the embedding model could not be loaded")
        else:  # not after the `return` above: with embeddings off there is no model
            # For operators (and benchmarks.replies): from here on questions are read by
            # meaning too, not only by their words.
            log.info("the embedding model is ready (%d vectors)", matcher.size)
            give_back_freed_memory()  # after: readers need not wait for it
        finally:
            self._done.set()

    def _warm_up_language(self) -> None:
        """Its own failure, logged as its own: the embedding model may still load, and until
        then, or without it, other languages are told apart by their script alone."""
        try:
            self.language.warm_up()
        except Exception:
            log.exception("the language model could not be loaded (scripts alone tell languages)")
