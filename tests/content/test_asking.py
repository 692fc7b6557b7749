"""Whether a reply typed at a quiz question asks anything (bot/content/asking.py)."""

import pytest

from bot.content.asking import states_only

OPENERS = frozenset({"explain", "tell", "what", "how"})


@pytest.mark.parametrize(
    "text",
    [
        "That is my strongest area. I present to the board every quarter.",
        "hmm, acho que not really, I clean data from simulations but it is boring",
        "I would say I am fairly competent at that",
        "lorem ipsum dolor",
    ],
)
def test_statements_ask_nothing(text: str) -> None:
    assert states_only(text, OPENERS)


@pytest.mark.parametrize(
    "text",
    [
        "not really?",
        "is it hard",
        "ok, can you explain",
        "zero, I don't even know what customer lifetime value is",
        "explain that",
        "nice, tell me more",
    ],
)
def test_a_question_mark_an_opening_or_a_question_word_asks(text: str) -> None:
    assert not states_only(text, OPENERS)
