"""A fast embedder for tests that do not need the real model: each word is hashed to one of
64 dimensions, so texts that share words point the same way (and it can be held at a gate,
to stand for a model that is still loading)."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Sequence

import numpy as np

from bot.matching.embedder import Vectors, normalised
from bot.matching.stopped import EncodingStopped

GATE_SECONDS = 60  # bounded: a test that never opens its gate fails instead of hanging


class WordHashEmbedder:
    name = "word-hash-64"

    def __init__(
        self,
        *,
        gated: bool = False,
        translations: dict[str, str] | None = None,
        multilingual: bool = False,
    ) -> None:
        # A model that understands other languages stands in as a dictionary: each listed
        # message is read as its English wording.
        self.translations = translations or {}
        self.multilingual = multilingual
        self.gate = threading.Event()
        self.entered = threading.Event()  # set when a caller is waiting at the gate
        if not gated:
            self.gate.set()
        self.encoded = 0
        self.stopped = False

    def stop(self) -> None:
        """As the real model: encode nothing more (a caller held at the gate is let go)."""
        self.stopped = True
        self.gate.set()

    def check_running(self) -> None:
        if self.stopped:
            raise EncodingStopped("stopped")

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.entered.set()
        assert self.gate.wait(GATE_SECONDS), "the test never opened the gate"
        if self.stopped:
            raise EncodingStopped("stopped")
        self.encoded += len(texts)
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for word in self.translations.get(text, text).lower().split():
                row[zlib.crc32(word.encode()) % 64] += 1.0
            row[63] += 0.01  # no all-zero rows
        return normalised(rows)
