"""The typo corrector fixes typos, not English: a word spelt right is never turned into another
word of the knowledge base, only into its own plural or singular there
(bot/matching/spelling.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.knowledge import Knowledge
from bot.matching.analyzer import Analyzer, Entity
from bot.matching.matcher import FaqMatcher
from bot.matching.phrasing_index import build_analyzer
from bot.matching.spelling import english_words


def test_the_word_list_holds_english_words_and_no_word_pieces_or_typos() -> None:
    words = english_words()
    assert {"nurse", "pilot", "anything", "statistical", "matching"} <= words
    assert not {"lerning", "enginer", "machne", "pyton", "experince"} & words
    assert all(word.isascii() and word.isalpha() for word in words)


def test_a_missing_word_list_is_empty_not_an_error(tmp_path: Path) -> None:
    """A broken install loses only the list: the corrector then works as it did before it."""
    english_words.cache_clear()
    try:
        assert english_words(tmp_path / "missing.json") == frozenset()
    finally:
        english_words.cache_clear()


@pytest.mark.parametrize(
    "word",
    ["pilot", "anything", "statistical", "matching", "said"],  # were pivot, nothing, ...
)
def test_a_word_spelt_right_is_kept_as_written(lexical: FaqMatcher, word: str) -> None:
    # The matcher's own analyzer: it has learnt every phrasing's words, which is what
    # English words were once "corrected" into.
    assert lexical.analyzer.correct(word) == word


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("waht does a machine lerning enginer do", "machine_learning_engineer"),
        ("how do i become a data scientst", "data_scientist"),
    ],
)
def test_typos_are_still_corrected(lexical: FaqMatcher, question: str, role: str) -> None:
    assert Entity("role", role) in lexical.analyzer.analyze(question).entities


def test_only_a_plural_reads_as_the_knowledge_bases_form(lexical: FaqMatcher) -> None:
    """ "sparked" shares a stem with the tool "spark" and "stated" with "stats", yet neither
    names anything; "programmers" is the plural of a name and is that name."""
    assert lexical.analyzer.analyze("this sparked my interest").entities == ()
    assert lexical.analyzer.analyze("as stated in the ad").entities == ()
    assert lexical.analyzer.analyze("jokes about programmers").entities == (
        Entity("role", "software_engineer"),
    )


def test_the_corrector_leaves_a_listed_word_alone_and_fixes_an_unlisted_one() -> None:
    # Both "lot" and "plot" are one letter from the other; only the list tells them apart.
    plain = Analyzer([], {}, {"data lot": Entity("task", "lot")})
    spelling = Analyzer([], {}, {"data lot": Entity("task", "lot")}, spelt={"plot"})
    assert plain.analyze("plot").content == ("lot",)
    assert spelling.analyze("plot").content == ("plot",)
    assert spelling.analyze("lott").content == ("lot",)


def test_a_word_known_in_another_form_is_no_typo() -> None:
    # The phrasings say "tasks"; "task" once became "ask", a stop word, and vanished.
    analyzer = Analyzer(["ask"], {}, {"data tasks": Entity("task", "x")})
    assert analyzer.analyze("task").content == ("task",)


def test_a_task_named_with_the_word_task_is_that_task(kb: Knowledge) -> None:
    analysis = build_analyzer(kb).analyze("deployment task in ai projects")
    assert analysis.entities == (Entity("task", "deployment"),)
    assert "task" not in analysis.content


def test_a_career_we_know_nothing_of_is_offered_nothing(lexical: FaqMatcher) -> None:
    match = lexical.match("how do I become an airline pilot")
    assert (match.outcome, match.suggestions) == ("not_answered", ())


class TestWordsRunTogether:
    """Two words typed as one are read as both when the phrasings write them side by side or
    they make a name: typo distance read "mlengineer" as "engineer" (two letters off) and a
    tester asking for its skills got the prompt engineer."""

    def test_a_name_run_together_is_the_name(self, lexical: FaqMatcher) -> None:
        analysis = lexical.analyzer.analyze("mlengineer skills")
        assert analysis.entities == (Entity("role", "machine_learning_engineer"),)

    def test_words_the_phrasings_write_side_by_side_are_both(self) -> None:
        analyzer = Analyzer([], {}, {})
        analyzer.analyze("what does an ai engineer build", template=True)
        assert analyzer.correct("aiengineer") == "ai engineer"

    def test_two_known_words_never_side_by_side_stay_one_word(self) -> None:
        # A reviewer: "devops" read as "dev ops" named the developer role.
        analyzer = Analyzer([], {}, {})
        analyzer.analyze("a dev team runs ops", template=True)
        assert analyzer.correct("devops") == "devops"

    def test_a_word_that_splits_two_ways_is_left_to_the_typo_corrector(self) -> None:
        analyzer = Analyzer([], {}, {})
        analyzer.analyze("a data set up in a dat aset", template=True)
        assert analyzer.correct("dataset") == "dataset"  # "data set" or "dat aset"
