"""The embedding-only matcher as the benchmarks build it, with its vectors cached where the
bot keeps them (data/cache/embeddings, outside version control): the first build of a
knowledge base encodes every phrasing (cold), later ones read the vectors back (warm).

    python -m benchmarks.embedding

prints the time of one model run by the number of tokens read (a long message is one run
of up to 256; attention makes the time grow faster than the length)."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import percentile, print_table, write_json
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


TOKENS = (8, 16, 32, 64, 128, 192, 256)
_RUNS = 20


def run_ms(embedder: MiniLmEmbedder, tokens: int) -> float:
    """Median ms of one model run over a text of `tokens` tokens."""
    ids = [101, *range(2000, 2000 + tokens - 2), 102]  # [CLS] words [SEP]
    spent = []
    for _ in range(_RUNS):
        start = time.perf_counter()
        embedder.run(ids)
        spent.append((time.perf_counter() - start) * 1000)
    return percentile(spent, 50)


def main() -> None:
    embedder = MiniLmEmbedder()
    embedder.warm_up()
    timed = {tokens: run_ms(embedder, tokens) for tokens in TOKENS}
    rows = [[tokens, f"{ms:.2f}"] for tokens, ms in timed.items()]
    print_table("One run of the embedding model (median of 20)", ["tokens", "ms"], rows)
    print(f"\nwritten: {write_json('embedding', {str(t): ms for t, ms in timed.items()})}")


if __name__ == "__main__":
    main()
