"""An answer's gist: its title and opening, short, the embedding signal's second target for
each answer (a long message may land nearer an answer's opening than any short phrasing)."""

from __future__ import annotations

from bot.content.knowledge import Knowledge
from bot.matching.answers import AnswerBook
from bot.matching.gist import GIST_WORDS, gist


def test_a_gist_is_the_title_then_the_opening_of_the_text(kb: Knowledge) -> None:
    book = AnswerBook(kb)
    found = gist(book, "role.machine_learning_engineer", limit=40)
    title = book.title("role.machine_learning_engineer")
    assert found.startswith(title + " A machine learning engineer")
    assert " ".join(book.text("role.machine_learning_engineer").split()[:8]) in found


def test_a_gist_is_short_whatever_the_answer(kb: Knowledge) -> None:
    book = AnswerBook(kb)
    for answer_id in book.ids():
        title_words = len(book.title(answer_id).split())
        found = gist(book, answer_id)
        assert len(found.split()) <= max(GIST_WORDS, title_words), answer_id
        assert len(found.split()) > title_words or title_words >= GIST_WORDS, answer_id


def test_a_text_that_opens_with_its_title_does_not_say_it_twice(kb: Knowledge) -> None:
    book = AnswerBook(kb)
    answer_id = "compare.data_analyst.data_scientist"
    assert book.text(answer_id).startswith(book.title(answer_id))
    assert gist(book, answer_id, limit=40).count(book.title(answer_id)) == 1


def test_whole_sentences_are_kept_while_they_fit(kb: Knowledge) -> None:
    book = AnswerBook(kb)
    short, longer = gist(book, "faq.salary", limit=15), gist(book, "faq.salary", limit=40)
    assert longer.startswith(short.rsplit(" ", 1)[0])
    assert longer.endswith((".", "!", "?", ":"))
