"""Where the packaged model's files are (bot/models). A module of its own, without numpy, so the
lexical path can read the tokenizer's word list (spelling.py) and stay fast to import."""

from __future__ import annotations

from pathlib import Path

MODELS = Path(__file__).resolve().parent.parent / "models"
MINILM = MODELS / "minilm"  # all-MiniLM-L6-v2, int8 (embedder.py), and its tokenizer
EXAMPLES = MODELS / "examples.npz"  # the real questions the answer head learns from
