"""A static embedding (no attention: a text is the mean of its tokens' fixed vectors) against
the packaged MiniLM, on the train split of tests/data/real_questions.yaml.

    make bench-static      (installs the `compare` extra, then runs this module)

The static model is WordLlama's l2_supercat_256, which ships inside its PyPI package
`wordllama` (MIT): a 32,000-token table of 256-wide vectors trained for sentence similarity
from the token embeddings of several models that share Llama 2's tokenizer (its package
description names Llama 2 70B and Phi-3 medium). It is the one static model we found whose
weights come in a package (README, "A static embedding, measured and not kept"). It is not a
dependency of the bot, only of this measurement, which asks whether a model without attention
(a fraction of a millisecond per message, whatever its length) could replace MiniLM or add to
it.

Rows: MiniLM, WordLlama, and both: each text's two vectors side by side, WordLlama's scaled so
that the cosine of two such rows is (MiniLM's cosine + w x WordLlama's) / (1 + w), for each
weight w of `--weight`. Columns as in benchmarks.head (the nearest phrasing, then the answer
head with the shipped settings, out of fold), the time to encode each covered train message on
its own, the model's weights on disk and the arrays the matcher holds (the static table as
float32, the phrasing and gist vectors). A second table compares each "both" row with MiniLM
question by question: how many it gains and loses, and the exact two-sided McNemar p-value
(the chance of a split at least this uneven if the two were equally good).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import time
from collections.abc import Sequence
from importlib import util
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

# The phrasing vectors of these models are kept apart from the bot's own cache.
CACHES = embedding.CACHE.parent / "static-comparison"
# WordLlama's cosine against MiniLM's 1 (the README's table).
BOTH_WEIGHTS = [0.1, 0.25, 0.5, 1.0]
HEADER = [
    "embedding",
    "nearest phrasing: first",
    "head: first",
    "head: top 3",
    "nothing: none first",
    "encode p50 ms",
    "encode p99 ms",
    "weights MB",
    "arrays MB",
]
PAIRED_HEADER = [
    "against MiniLM",
    "first: gained",
    "first: lost",
    "first: p",
    "none first: gained",
    "none first: lost",
    "none first: p",
]


class WordLlamaEmbedder:
    """WordLlama's packaged static model read straight from its wheel's files, as its `embed`
    reads a text: the mean of the table's rows for the text's tokens, without the tokenizer's
    start token. Its own loader (0.4.0.post1) looks for the tokenizer in a folder the wheel
    does not have and then downloads it (unless told where to look), and importing the
    package sets the root logger to INFO: the files are found without importing it."""

    multilingual = False

    def __init__(self) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        root = _package_folder("wordllama")
        self.weights = root / "weights" / "l2_supercat_256.safetensors"
        vocabulary = root / "tokenizers" / "l2_supercat_tokenizer_config.json"
        self._tokenizer = Tokenizer.from_file(str(vocabulary))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        with safe_open(str(self.weights), framework="np") as weights:
            self.table = np.asarray(weights.get_tensor("embedding.weight"), dtype=np.float32)
        # The name keys the cached phrasing vectors: another file or reading is another key.
        digest = hashlib.sha256(self.weights.read_bytes()).hexdigest()[:8]
        self.name = f"wordllama-l2-supercat-256-{digest}-mean"

    def encode(self, texts: Sequence[str]) -> Vectors:
        last = len(self.table) - 1
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        rows = [
            self.table[np.clip(np.asarray(e.ids, dtype=np.int64), 0, last)].mean(axis=0)
            if e.ids
            else np.zeros(self.table.shape[1], np.float32)  # nothing to read: no direction
            for e in encodings
        ]
        return normalised(np.vstack(rows))


def _package_folder(name: str) -> Path:
    """Where an installed package's files are, without running its __init__."""
    spec = util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: run make bench-static")
    return Path(next(iter(spec.submodule_search_locations)))


class SideBySide:
    """Two embedders' unit vectors of each text side by side, the second scaled by the
    square root of `weight`: the cosine of two such rows is (the first model's cosine +
    weight x the second's) / (1 + weight)."""

    multilingual = False

    def __init__(self, first: Embedder, second: Embedder, weight: float) -> None:
        self.first, self.second = first, second
        self._scale = math.sqrt(weight)
        self.name = f"{first.name}+{weight}x{second.name}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        first, second = self.first.encode(texts), self.second.encode(texts)
        return normalised(np.hstack([first, self._scale * second]))


def encode_ms(embedder: Embedder, texts: Sequence[str]) -> list[float]:
    """Each text encoded on its own (as the bot reads a message), in ms."""
    spent = []
    for text in texts:
        start = time.perf_counter()
        embedder.encode([text])
        spent.append((time.perf_counter() - start) * 1000)
    return spent


def mcnemar_p(gained: int, lost: int) -> float:
    """Exact two-sided McNemar p-value: the chance that `gained + lost` questions on which
    two rankers differ split at least this unevenly if each were as likely to win."""
    n = gained + lost
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(gained, lost) + 1)) / 2**n
    return min(1.0, 2 * tail)


def measure(
    kb: Knowledge, embedder: Embedder, questions: list[dict[str, Any]], megabytes: float
) -> tuple[list[object], list[int]]:
    """The table's row for `embedder`, and each question's rank by its head out of fold."""
    folder = CACHES / embedder.name
    semantic = EmbeddingMatcher(kb, embedder, folder)
    covered = [q for q in questions if q["ids"]]
    texts = [q["q"] for q in covered]
    nobody = np.zeros(len(covered), np.float32)  # the nearest phrasing has no "none"
    nearest = ranks(semantic.table(texts), nobody, semantic.answer_ids, covered)
    everything = examples_of(questions, embedder)
    found = held_out_ranks(kb, semantic, questions, everything, Training(), cache=folder)
    spent = encode_ms(embedder, texts)
    width = embedder.encode(["width"]).shape[1]
    arrays = semantic.size * width * 4 + sum(part.table.nbytes for part in _static_parts(embedder))
    row: list[object] = [
        embedder.name,
        shares(nearest)[0],
        *shares(found),
        f"{percentile(spent, 50):.2f}",
        f"{percentile(spent, 99):.2f}",
        f"{megabytes:.1f}",
        f"{arrays / 1e6:.1f}",
    ]
    return row, found


def paired(name: str, mine: list[int], minilm: list[int]) -> list[object]:
    """How a ranker's per-question outcomes (benchmarks.head.ranks) differ from MiniLM's."""
    first = [(a == 1, b == 1) for a, b in zip(mine, minilm, strict=True) if b >= 0]
    none = [(a == -1, b == -1) for a, b in zip(mine, minilm, strict=True) if b < 0]
    cells: list[object] = [name]
    for pairs in (first, none):
        gained = sum(1 for a, b in pairs if a and not b)
        lost = sum(1 for a, b in pairs if b and not a)
        cells += [gained, lost, f"{mcnemar_p(gained, lost):.3f}"]
    return cells


def _static_parts(embedder: Embedder) -> list[WordLlamaEmbedder]:
    if isinstance(embedder, WordLlamaEmbedder):
        return [embedder]
    if isinstance(embedder, SideBySide):
        return _static_parts(embedder.first) + _static_parts(embedder.second)
    return []


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A static embedding against MiniLM.")
    parser.add_argument(
        "--weight",
        type=float,
        nargs="+",
        default=BOTH_WEIGHTS,
        help="WordLlama's cosine against MiniLM's 1 in the 'both' rows (default: %(default)s)",
    )
    weights: list[float] = parser.parse_args(argv).weight
    kb = load_knowledge()
    questions = labelled(load_set())
    minilm = MiniLmEmbedder()
    static = WordLlamaEmbedder()
    sizes = {
        "minilm": (MODEL_DIR / "model.onnx").stat().st_size / 1e6,
        "static": static.weights.stat().st_size / 1e6,
    }
    minilm_row, minilm_ranks = measure(kb, minilm, questions, sizes["minilm"])
    static_row, _ = measure(kb, static, questions, sizes["static"])
    rows, comparisons = [minilm_row, static_row], []
    for weight in weights:
        both = SideBySide(minilm, static, weight)
        row, found = measure(kb, both, questions, sum(sizes.values()))
        rows.append(row)
        comparisons.append(paired(both.name, found, minilm_ranks))
    covered = sum(1 for q in questions if q["ids"])
    title = f"Static embedding against MiniLM ({covered} covered train questions, out of fold)"
    print_table(title, HEADER, rows)
    print_table("Question by question, against MiniLM", PAIRED_HEADER, comparisons)
    figures = {str(row[0]): dict(zip(HEADER[1:], row[1:], strict=True)) for row in rows}
    figures["paired"] = {
        str(c[0]): dict(zip(PAIRED_HEADER[1:], c[1:], strict=True)) for c in comparisons
    }
    print(f"\nwritten: {write_json('static_embedding', figures)}")


if __name__ == "__main__":
    main()
