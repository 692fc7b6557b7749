"""An answer's gist: its title and opening sentences, a target for the embedding signal.

MiniLM was trained largely on question/answer pairs, so a long message often lands nearer an
answer's own opening than any short phrasing of the question. The gist is kept short (the
model reads a dense opening better than a page, and a long text would echo everything).
Its cosine is a feature of its own in the hybrid decision (evidence.py), not one more phrasing:
as a phrasing (an answer's cosine the best of phrasings and gist) it was measured on train and
lost top-1 (25.5% -> 24.3% with 60 words); as a feature, 15 words, train top-1 or first 55.1%
-> 56.3%, top-1 26.2% -> 27.8% (10 and 20 words about the same; 30 and more lost).
"""

from __future__ import annotations

import re

from bot.matching.answers import AnswerBook

GIST_WORDS = 15  # at most: the title and whole sentences up to this many words
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\s*\n+\s*")


def gist(book: AnswerBook, answer_id: str, limit: int = GIST_WORDS) -> str:
    """The title, then the text's sentences while they fit in `limit` words (the first one
    cut to fit when it alone is longer); a text that repeats its title does not say it twice."""
    title = book.title(answer_id)
    words = title.split()
    for sentence in _SENTENCE_END.split(book.text(answer_id).strip()):
        if sentence.strip().rstrip(".:") == title or not sentence.strip():
            continue
        more = sentence.split()
        if len(words) + len(more) > limit:
            if len(words) == len(title.split()):  # not even one sentence fits: cut it
                words += more[: max(0, limit - len(words))]
            break
        words += more
    return " ".join(words)
