"""English words spelt right, which the typo corrector (analyzer.py) must leave alone.

The corrector moves a word it does not know to the nearest word of the knowledge base, one or
two letters away. Without this list, real people's words were "corrected" into ours: on the
train split of the real questions, 434 of the 496 words it changed were spelt right ("said"
-> "laid", "anything" -> "nothing", "statistical" -> "statistician", "pilot" -> "pivot");
with it, none of the 62 left is (`python -m benchmarks.spelling`): they are typos ("pyton",
"experince"), abbreviations and names the list lacks. A word the
knowledge base has in another form ("task" for its "tasks", "programmers" for the name
"programmer") is read as its form there (analyzer.py), before this list is asked.

The list is the whole words of the packaged model's tokenizer (WordPiece, uncased, 22,501
words in letters: English and common names): shipped already, so no word list of our own to
keep, and a typo like "lerning" or "enginer" is not in it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from bot.matching.model_files import MINILM

TOKENIZER = MINILM / "tokenizer.json"


@functools.cache
def english_words(path: Path = TOKENIZER) -> frozenset[str]:
    """The tokenizer's whole words made of letters (its word pieces "##ing" and its
    punctuation are not words). Read once per process: about 16 ms."""
    vocabulary = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(word for word in vocabulary if word.isalpha())
