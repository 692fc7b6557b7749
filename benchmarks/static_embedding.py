"""A static embedding (no attention: a text is the mean of its tokens' fixed vectors) against
the packaged MiniLM, on the train split of tests/data/real_questions.yaml.

    make bench-static      (installs the `compare` extra, then runs this module)
    python -m benchmarks.static_embedding --weight 0.3 0.7   (other weights for "both")

The static model is WordLlama's l2_supercat_256 (MIT), which ships inside its PyPI package
`wordllama`: a 32,000-token table of 256-wide vectors cut from a large language model and
trained for sentence similarity. It is the one static model we found whose weights come in a
package (README, "Meaning, not only words"). It is not a dependency of the bot, only of this
measurement, which asks whether a model without attention (a fraction of a millisecond per
message whatever its length) could replace MiniLM or add to it.

Rows: MiniLM, WordLlama, and both (each text's two vectors side by side, WordLlama's scaled
by a weight, 0.5 unless `--weight` gives others, so the cosine is a weighted mean of the
two). Columns as in benchmarks.head (the nearest phrasing, then the answer head with the
shipped training, out of fold), then the time to encode each covered train message on its
own, and the model's weights on disk.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import embedding
from benchmarks.common import percentile, print_table, write_json
from benchmarks.examples import examples_of, labelled
from benchmarks.head import held_out_ranks, ranks, shares
from benchmarks.real_questions import load_set
from bot.content.knowledge import Knowledge, load_knowledge
from bot.matching.embedder import MODEL_DIR, Embedder, MiniLmEmbedder, Vectors, normalised
from bot.matching.head import Training
from bot.matching.semantic import EmbeddingMatcher

# Each model's phrasing vectors in a folder of its own: a cache keeps one file of its kind.
CACHES = embedding.CACHE.parent / "static-comparison"
BOTH_WEIGHTS = [0.5]
HEADER = [
    "embedding",
    "nearest phrasing: first",
    "head: first",
    "head: top 3",
    "nothing: none first",
    "encode p50 ms",
    "encode p99 ms",
    "weights MB",
]


class WordLlamaEmbedder:
    """WordLlama's packaged static model read straight from its files. The package's own
    loader (0.4.0) looks for the tokenizer in a folder the wheel does not have and then
    downloads it from Hugging Face, which nothing here may do; the files it needs are in the
    wheel, and the model is a table lookup and a mean (what its `embed` computes)."""

    name = "wordllama-l2-supercat-256"
    multilingual = False

    def __init__(self) -> None:
        import wordllama
        from safetensors import safe_open
        from tokenizers import Tokenizer

        root = Path(wordllama.__file__).parent
        self.weights = root / "weights" / "l2_supercat_256.safetensors"
        tokenizer = Tokenizer.from_file(
            str(root / "tokenizers" / "l2_supercat_tokenizer_config.json")
        )
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self._tokenizer = tokenizer
        with safe_open(str(self.weights), framework="np") as weights:
            self._table = np.asarray(weights.get_tensor("embedding.weight"), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> Vectors:
        last = len(self._table) - 1
        rows = [
            self._table[np.clip(np.asarray(e.ids, dtype=np.int64), 0, last)].mean(axis=0)
            if e.ids
            else np.zeros(self._table.shape[1], np.float32)
            for e in self._tokenizer.encode_batch(list(texts))
        ]
        return normalised(np.vstack(rows))


class SideBySide:
    """Two embedders' vectors of each text side by side, the second scaled by `weight`: the
    cosine of two such rows is a weighted mean of the two models' cosines."""

    multilingual = False

    def __init__(self, first: Embedder, second: Embedder, weight: float) -> None:
        self._first, self._second, self._weight = first, second, weight
        self.name = f"{first.name}+{weight}x{second.name}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        first, second = self._first.encode(texts), self._second.encode(texts)
        return normalised(np.hstack([first, self._weight * second]))


def encode_ms(embedder: Embedder, texts: Sequence[str]) -> list[float]:
    """Each text encoded on its own (as the bot reads a message), in ms."""
    spent = []
    for text in texts:
        start = time.perf_counter()
        embedder.encode([text])
        spent.append((time.perf_counter() - start) * 1000)
    return spent


def measure(
    kb: Knowledge, embedder: Embedder, questions: list[dict[str, Any]], megabytes: float
) -> list[object]:
    folder = CACHES / embedder.name
    semantic = EmbeddingMatcher(kb, embedder, folder)
    covered = [q for q in questions if q["ids"]]
    texts = [q["q"] for q in covered]
    nearest = ranks(
        semantic.table(texts), np.zeros(len(covered), np.float32), semantic.answer_ids, covered
    )
    everything = examples_of(questions, embedder)
    found = held_out_ranks(kb, semantic, questions, everything, Training(), cache=folder)
    spent = encode_ms(embedder, texts)
    return [
        embedder.name,
        shares(nearest)[0],
        *shares(found),
        f"{percentile(spent, 50):.2f}",
        f"{percentile(spent, 99):.2f}",
        f"{megabytes:.1f}",
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weight", type=float, nargs="+", default=BOTH_WEIGHTS)
    weights: list[float] = parser.parse_args(argv).weight
    kb = load_knowledge()
    questions = labelled(load_set())
    minilm = MiniLmEmbedder()
    static = WordLlamaEmbedder()
    sizes = {
        "minilm": (MODEL_DIR / "model.onnx").stat().st_size / 1e6,
        "static": static.weights.stat().st_size / 1e6,
    }
    rows = [
        measure(kb, minilm, questions, sizes["minilm"]),
        measure(kb, static, questions, sizes["static"]),
    ]
    rows += [
        measure(kb, SideBySide(minilm, static, weight), questions, sum(sizes.values()))
        for weight in weights
    ]
    covered = sum(1 for q in questions if q["ids"])
    title = f"Static embedding against MiniLM ({covered} covered train questions, out of fold)"
    print_table(title, HEADER, rows)
    figures = {str(row[0]): dict(zip(HEADER[1:], row[1:], strict=True)) for row in rows}
    print(f"\nwritten: {write_json('static_embedding', figures)}")


if __name__ == "__main__":
    main()
