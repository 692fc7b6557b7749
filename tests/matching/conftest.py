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
    (a temporary one when pytest runs without its cache, `-p no:cacheprovider`). Named
    `embeddings` in both, as in the bot's CAREER_BOT_CACHE, so a command given the parent
    folder finds the same vectors."""
    store = getattr(request.config, "cache", None)
    if store is not None:
        folder: Path = store.mkdir("embeddings")
        return folder
    folder = tmp_path_factory.mktemp("cache") / "embeddings"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def semantic(kb: Knowledge, embedder: MiniLmEmbedder, cache: Path) -> EmbeddingMatcher:
    return EmbeddingMatcher(kb, embedder, cache)


@pytest.fixture(scope="session")
def lexical(kb: Knowledge) -> FaqMatcher:
    return FaqMatcher(kb)
