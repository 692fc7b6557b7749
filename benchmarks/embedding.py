"""The embedding-only matcher as the benchmarks build it, with its vectors cached where the
bot keeps them (data/cache/embeddings, outside version control): the first build of a
knowledge base encodes every phrasing (cold), later ones read the vectors back (warm)."""

from __future__ import annotations

import time
from pathlib import Path

from bot.content.knowledge import Knowledge
from bot.matching.embedder import MiniLmEmbedder
from bot.matching.semantic import EmbeddingMatcher

CACHE = Path(__file__).resolve().parent.parent / "data" / "cache" / "embeddings"


def model_load_ms() -> float:
    """Importing the model library, reading its weights and the first encode (what the bot's
    background thread does at start), in ms; the first call in a process is the real one."""
    start = time.perf_counter()
    MiniLmEmbedder().warm_up()
    return (time.perf_counter() - start) * 1000


def build(kb: Knowledge) -> tuple[EmbeddingMatcher, str]:
    """The matcher and its build ms: "cold / warm" when this run encoded the phrasings,
    "- / warm" when an earlier run had (the cold figure is in that run's results)."""
    embedder = MiniLmEmbedder()
    cached = any(CACHE.glob("phrasings-*.npy"))
    start = time.perf_counter()
    EmbeddingMatcher(kb, embedder, CACHE)
    first = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    matcher = EmbeddingMatcher(kb, embedder, CACHE)
    warm = (time.perf_counter() - start) * 1000
    return matcher, f"{'-' if cached else f'{first:.0f}'} / {warm:.0f}"
