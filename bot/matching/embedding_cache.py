"""Phrasing embeddings (and the answer head, head.py) kept on disk, keyed by a checksum of
what they were computed from.

Encoding every spelt-out phrasing takes seconds; reading them back takes milliseconds. The
key covers the model name and every phrasing with its answer id, so an edit to the knowledge
base or another model makes a new file instead of reading stale vectors. The folder comes
from the caller (settings), never the repository.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

import numpy as np

from bot.matching.embedder import Embedder, Vectors

_BATCH = 64  # texts per encode call: large enough for numpy, small enough for memory
# A cache file nobody has read for this long is deleted when the bot writes another of its
# kind: each edit of the knowledge base leaves an 11 MB file of phrasing vectors behind, and a
# folder shared by several bots must not grow forever. Reading a file marks it used.
UNUSED_FOR = timedelta(days=30)


def checksum(model: str, pairs: Sequence[tuple[str, str]]) -> str:
    digest = hashlib.sha256(model.encode())
    for text, answer_id in pairs:
        digest.update(b"\0" + text.encode() + b"\1" + answer_id.encode())
    return digest.hexdigest()[:16]


def cached_vectors(
    embedder: Embedder,
    pairs: Sequence[tuple[str, str]],
    folder: Path | None,
    source: str | None = None,
) -> Vectors:
    """The phrasings' vectors: from `folder` when a file with their checksum is there,
    else encoded and written for next time (a folder that cannot be written is no error).
    `source`: that checksum, when the caller has computed it already (it keys the head too)."""
    key = checksum(embedder.name, pairs) if source is None else source
    name = f"phrasings-{key}.npy"
    return cached_array(
        folder, name, len(pairs), lambda: encode_all(embedder, [text for text, _ in pairs])
    )


def cached_array(
    folder: Path | None, name: str, rows: int, compute: Callable[[], Vectors]
) -> Vectors:
    """The array in `folder`/`name` if it is there whole (`rows` rows), else computed and
    written there (the name carries the checksum of what it was computed from)."""
    path = folder / name if folder else None
    if path is not None and path.exists():
        loaded = _read(path, rows)
        if loaded is not None:
            _mark_used(path)
            return loaded
    array = compute()
    if path is not None:
        _write(path, array)
        prune(path)
    return array


def prune(kept: Path) -> list[Path]:
    """Delete the files of `kept`'s kind (its name up to the first "-": "phrasings",
    "head") in its folder that nobody has read for UNUSED_FOR; the deleted paths. A file
    another process removes first, or one that cannot be removed, is left to the next prune."""
    kind = kept.name.split("-", 1)[0] + "-"
    oldest = time.time() - UNUSED_FOR.total_seconds()
    removed = []
    for path in kept.parent.glob(f"{kind}*"):
        try:
            if path != kept and path.stat().st_mtime < oldest:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _mark_used(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:  # a read-only cache folder still serves its files
        return


def encode_all(embedder: Embedder, texts: Sequence[str]) -> Vectors:
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    parts = [embedder.encode(texts[i : i + _BATCH]) for i in range(0, len(texts), _BATCH)]
    return np.concatenate(parts).astype(np.float32)


def _read(path: Path, rows: int) -> Vectors | None:
    """None for a truncated or foreign file: it is recomputed rather than trusted."""
    try:
        vectors: Vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return vectors if vectors.ndim == 2 and len(vectors) == rows else None


def _write(path: Path, vectors: Vectors) -> None:
    """Written to a temporary name and renamed, so a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as out:
            np.save(out, vectors, allow_pickle=False)
        partial.replace(path)
    except OSError:
        return
