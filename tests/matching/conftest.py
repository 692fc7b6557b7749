"""The embedding model and matchers, built once per session: encoding every phrasing takes
tens of seconds the first time (pytest's cache folder keeps the vectors for later runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.knowledge import Knowledge
from bot.matching.embedder import MiniLmEmbedder
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher


@pytest.fixture(scope="session")
def embedder() -> MiniLmEmbedder:
    return MiniLmEmbedder()


@pytest.fixture(scope="session")
def cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest's own cache folder, so only the first run on a clone encodes every phrasing
    (a temporary one when pytest runs without its cache, `-p no:cacheprovider`)."""
    store = getattr(request.config, "cache", None)
    folder: Path = store.mkdir("embeddings") if store else tmp_path_factory.mktemp("embeddings")
    return folder


@pytest.fixture(scope="session")
def semantic(kb: Knowledge, embedder: MiniLmEmbedder, cache: Path) -> EmbeddingMatcher:
    return EmbeddingMatcher(kb, embedder, cache)


@pytest.fixture(scope="session")
def lexical(kb: Knowledge) -> FaqMatcher:
    return FaqMatcher(kb)
