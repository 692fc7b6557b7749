"""Sentence embeddings from a model that ships inside this package (nothing downloaded).

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) with int8 weights, run by
onnxruntime, in bot/models/minilm (how it was made: scripts/make_minilm.py and the README
there). Chosen by measurement on the train split of the real-question set (the README's
table): it ranks the right answer first far more often than the multilingual USE v3 it
replaced, with less memory and a third of the time per question. It reads English only, so a
message in another language gets its note without an English answer (`multilingual`).

onnxruntime, the tokenizer and the weights load when the first text is encoded (a background
thread at start), never on the way to the first reply.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from bot.matching.model_files import MINILM
from bot.matching.stopped import EncodingStopped

Vectors = npt.NDArray[np.float32]

MODEL_DIR = MINILM
# Part of the phrasing cache's key, so vectors of another model file are never read back: it
# ends with the start of model.onnx's sha256 (a test holds the two together).
MODEL_NAME = "minilm-l6-int8-8cfc1191"
_WIDTH = 384  # the model's vector size
# The model's own limit (sentence-transformers' max_seq_length): a longer message is read up
# to its 256th token (a few long forum posts are; their parts are still read whole).
_MAX_TOKENS = 256


class Embedder(Protocol):
    """Texts -> one L2-normalised row each, so a dot product is the cosine."""

    name: str
    multilingual: bool  # whether a question in another language lands near its English answer

    def encode(self, texts: Sequence[str]) -> Vectors: ...


@runtime_checkable
class ReadsInContext(Protocol):
    """An embedder that reads a message's parts inside the message, in one pass."""

    def encode_in_context(self, message: str, parts: Sequence[str]) -> Vectors: ...


@runtime_checkable
class Stoppable(Protocol):
    """An embedder told to stop (at shutdown): `check_running` raises EncodingStopped then, so
    work done between encodings (training the answer head) stops too."""

    def check_running(self) -> None: ...


def encode_message(embedder: Embedder, message: str, parts: Sequence[str]) -> Vectors:
    """The message's row, then one row per part: in one pass where the embedder can, else
    each text on its own."""
    if isinstance(embedder, ReadsInContext):
        return embedder.encode_in_context(message, parts)
    return embedder.encode([message, *parts])


def normalised(rows: Any) -> Vectors:
    vectors = np.asarray(rows, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: Vectors = vectors / np.clip(norms, 1e-12, None)
    return result


class MiniLmEmbedder:
    """The packaged model, loaded on first use, one onnxruntime thread (the bot shares two
    cores with everything else; a single question gains nothing from more)."""

    name = MODEL_NAME
    multilingual = False

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        self._folder = folder
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()  # a background warm-up and a question may race
        self._stopped = threading.Event()

    def encode(self, texts: Sequence[str]) -> Vectors:
        session, tokenizer = self._loaded()
        # One text per run, never a padded batch: the int8 model scales its activations over
        # the whole input, so a text's vector would depend on its batch mates, and padding a
        # short sentence to a long message's length would cost as much as the long message.
        rows = []
        for encoding in tokenizer.encode_batch(list(texts)):
            self.check_running()
            rows.append(_mean_token(session, encoding.ids))
        return normalised(np.vstack(rows)) if rows else np.zeros((0, _WIDTH), np.float32)

    def encode_in_context(self, message: str, parts: Sequence[str]) -> Vectors:
        """The message's vector, then each part's, from one run of the model over the message:
        a part's vector is the mean of its own tokens' vectors ("late chunking"). The whole
        message costs one run instead of one per part (a 256-token message takes about 30 ms,
        its eight parts as many again: `python -m benchmarks.embedding`), and each part is
        read knowing its context. A part the run did not reach (past the 256th token) or
        cannot be found is encoded on its own (then, as for any text alone, its special
        tokens count in the mean).
        Measured on the train split out of fold (`python -m benchmarks.hybrid_fit`, and with
        `--parts-alone` for the old way): no worse, slightly better (README, "Parts read in
        context")."""
        session, tokenizer = self._loaded()
        self.check_running()
        encoding = tokenizer.encode(message)
        tokens = _token_vectors(session, encoding.ids)
        rows = [tokens.mean(axis=0)]
        for part in parts:
            inside = _tokens_of(part, message, encoding.offsets)
            rows.append(tokens[inside].mean(axis=0) if inside else self.encode([part])[0])
        return normalised(np.vstack(rows))

    def stop(self) -> None:
        """Encode nothing more (each call in progress ends after its current text, within
        tens of ms). onnxruntime aborts the whole process if the interpreter exits while a
        thread is inside it, which a bot stopped while it encodes its phrasings would do."""
        self._stopped.set()

    def check_running(self) -> None:
        if self._stopped.is_set():
            raise EncodingStopped("the embedding model was stopped")

    def warm_up(self) -> None:
        """Load the model now (from a background thread at start)."""
        self.encode(["warm up"])

    def run(self, token_ids: list[int]) -> Vectors:
        """One run of the model over one unpadded text of token ids: a vector per token
        (what `python -m benchmarks.embedding` times by the text's length)."""
        session, _ = self._loaded()
        vectors: Vectors = _token_vectors(session, token_ids)
        return vectors

    def _loaded(self) -> tuple[Any, Any]:
        with self._lock:
            self.check_running()
            if self._session is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self._folder / "tokenizer.json"))
                tokenizer.enable_truncation(max_length=_MAX_TOKENS)
                tokenizer.no_padding()  # the file pads to 128 tokens; one text per run needs none
                options = ort.SessionOptions()
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                model = str(self._folder / "model.onnx")
                self._session = ort.InferenceSession(
                    model, options, providers=["CPUExecutionProvider"]
                )
                self._tokenizer = tokenizer
                self.check_running()  # stopped while the session was being built
            return self._session, self._tokenizer


def _token_vectors(session: Any, token_ids: list[int]) -> Any:
    """The model's vector of each token of one unpadded text, a row each."""
    ids = np.array([token_ids], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": ids * 0}
    return session.run(None, feeds)[0][0]


def _mean_token(session: Any, token_ids: list[int]) -> Any:
    """The mean of the model's token vectors (the sentence-transformers pooling of this model;
    with one unpadded text every token counts)."""
    return _token_vectors(session, token_ids).mean(axis=0)


def _tokens_of(part: str, message: str, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """The positions of the tokens that spell `part` inside the encoded `message`, or none
    when the part is not in the message or runs past its last encoded token (the special
    tokens have empty offsets and are never a part's). A part written twice in the message
    (sentences.parts keeps one) is read where it first occurs: same words, other context.
    `offsets` are characters of `message`, as the tokenizers library gives them."""
    start = message.find(part)
    end = start + len(part)
    read_up_to = max((stop for _, stop in offsets), default=0)
    if start < 0 or end > read_up_to:
        return []
    return [i for i, (a, b) in enumerate(offsets) if a < b and start <= a and b <= end]
