"""What the typo corrector changes in real messages, with and without the English word list.

    python -m benchmarks.spelling

On the English messages of the real-question train split: every word (folded, as the
analyzer reads it) that the corrector turns into another word (not another form of the same
word: both sides of a match are stemmed), counted by whether it is in the
English word list (bot/matching/spelling.py) or not, with the commonest. In the shipped row a
word in the list is changed only as the plural or singular of a knowledge-base word ("days"
-> "day"); the rest is typos, abbreviations, and English words the tokenizer splits into
pieces and so lacks ("allocate", "augmentation").
The other row switches the list off and keeps the rest of today's corrector.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from benchmarks.common import print_table, write_json
from benchmarks.real_questions import load_set
from bot.content.knowledge import Knowledge, load_knowledge
from bot.content.text import fold
from bot.matching.analyzer import Analyzer, stem
from bot.matching.phrasing_index import PhrasingIndex, build_analyzer, collect_phrasings
from bot.matching.spelling import english_words

HEADER = ["corrector", "corrections", "of words in the list", "commonest (word -> read as)"]
SHOWN = 6


def taught(kb: Knowledge, *, spelling: bool) -> Analyzer:
    """The analyzer as the matcher has it: it learns the phrasings' words while they are
    indexed (FaqMatcher)."""
    analyzer = build_analyzer(kb, spelling=spelling)
    PhrasingIndex(collect_phrasings(kb), analyzer, kb.phrasings.matching.name_weight)
    return analyzer


def corrections(analyzer: Analyzer, texts: list[str]) -> Counter[tuple[str, str]]:
    changed: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for word in fold(text).split():
            read = analyzer.correct(word)
            if stem(read) != stem(word):  # "looking" read as "look" changes nothing
                changed[(word, read)] += 1
    return changed


def main() -> None:
    kb = load_knowledge()
    texts = [q["q"] for q in load_set() if q["split"] == "train" and q["scope"] != "other_language"]
    words = english_words()
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}
    for name, spelling in (("without the word list", False), ("shipped", True)):
        changed = corrections(taught(kb, spelling=spelling), texts)
        right = Counter({pair: n for pair, n in changed.items() if pair[0] in words})
        common = ", ".join(f"{w} -> {r}" for (w, r), _ in changed.most_common(SHOWN))
        rows.append([name, changed.total(), right.total(), common])
        figures[name] = {
            "corrections": changed.total(),
            "in_the_list": right.total(),
            "commonest": [f"{w} -> {r}: {n}" for (w, r), n in changed.most_common(20)],
        }
    title = f"Typo corrections in {len(texts)} real train messages (a list of {len(words)} words)"
    print_table(title, HEADER, rows)
    print(f"written: {write_json('spelling', {'words_in_list': len(words), **figures})}")


if __name__ == "__main__":
    main()
