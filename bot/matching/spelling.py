"""English words spelt right, which the typo corrector (analyzer.py) must leave alone.

The corrector moves a word it does not know to the nearest word of the knowledge base, one or
two letters away. Without this list, real people's words are "corrected" into ours: on the
train split of the real questions (`python -m benchmarks.spelling`, the list switched off),
488 of the 552 words it changes are in the list ("said" -> "laid", "post" -> "cost",
"anything" -> "nothing", "statistical" -> "statistician", "pilot" -> "pivot"). With it, 83
are changed: a plural read as the knowledge base's singular or the reverse ("days" -> "day",
analyzer.py, before this list is asked), typos ("pyton", "experince"), abbreviations, and
English words the tokenizer splits into pieces and so lacks ("allocate" -> "relocate").
What it gives up: a typo that is itself a word is no longer caught ("what roll suits me" is
offered the role question instead of being answered).

The list is the whole words of the packaged model's tokenizer (WordPiece, uncased, 21,745
words in ASCII letters: English and common names): shipped already, so no word list of our
own to keep, and a typo like "lerning" or "enginer" is not in it.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

from bot.matching.model_files import MINILM

log = logging.getLogger(__name__)

TOKENIZER = MINILM / "tokenizer.json"


@functools.cache
def english_words(path: Path = TOKENIZER) -> frozenset[str]:
    """The tokenizer's whole words in ASCII letters (its word pieces "##ing", punctuation and
    accented words are never a folded word). Read once per process: about 15 ms. Without the
    file (a broken install) the corrector works as before rather than the bot failing: the
    lexical matcher is what answers while the model loads."""
    try:
        vocabulary = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("no English word list in %s: every unknown word may be corrected", path)
        return frozenset()
    return frozenset(word for word in vocabulary if word.isascii() and word.isalpha())
