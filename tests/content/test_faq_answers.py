"""FAQ answers read well in a chat: short before "More", with a next step, honest about whose
word they are."""

from __future__ import annotations

import re

import pytest

from bot.content.knowledge import Knowledge

# "About 120 words at most before a More button": a few words of slack, no more.
MAX_WORDS = 130


def words(text: str) -> int:
    return sum(1 for word in text.split() if word != "•")


def test_every_answer_is_chat_sized_before_more(kb: Knowledge) -> None:
    long = {slug: words(e.answer) for slug, e in kb.faq.items() if words(e.answer) > MAX_WORDS}
    assert long == {}


def test_every_answer_offers_a_next_step(kb: Knowledge) -> None:
    assert [slug for slug, entry in kb.faq.items() if not entry.related] == []


def test_every_entry_has_at_least_six_ways_of_asking(kb: Knowledge) -> None:
    assert min(len(entry.questions) for entry in kb.faq.values()) >= 6


@pytest.mark.parametrize("slug", ["salary", "job_market"])
def test_market_answers_invent_no_figures(kb: Knowledge, slug: str) -> None:
    """Salaries and the job market: where to look, never a number we made up."""
    answer = kb.faq[slug].answer + (kb.faq[slug].more or "")
    assert not any(ch.isdigit() for ch in answer.replace("/quiz", ""))


def test_our_own_advice_says_so_once(kb: Knowledge) -> None:
    """The note for the project's own advice, unless the answer says so in its words (a tester
    read "This is the project's general advice" and the note one under the other); an answer
    from the source never has it."""
    from bot.matching.answers import AnswerBook

    book = AnswerBook(kb)
    note = kb.text("our_take")
    says = ("project's", "not from my source", "our take")
    for slug, entry in kb.faq.items():
        text = book.text(f"faq.{slug}")
        said = any(words in entry.answer.lower() for words in says)
        assert text.endswith(note) == (entry.take == "project" and not said), slug
        if entry.take == "project":
            assert said or text.endswith(note), slug


def test_every_text_that_counts_the_quiz_questions_counts_them_right(kb: Knowledge) -> None:
    """A tester: the welcome said 16 questions and the FAQ said 15 (the tools step came later)."""
    from bot.app import load_data

    quiz = load_data().quiz
    progress = quiz.progress(quiz.start)
    assert progress is not None
    _, total = progress
    texts = [*kb.messages.values(), *(entry.answer for entry in kb.faq.values())]
    counted = [
        int(number)
        for text in texts
        for number in re.findall(r"(\d+) (?:quick |short )?questions", text)
    ]
    assert counted
    assert set(counted) == {total}
