"""What a reply the quiz did not count seems to say: offered, never recorded."""

from __future__ import annotations

import pytest

from bot.content.likely_answers import is_rating, likely_answer, rating

FIVE = (0, 1, 2, 3, 4)
FOUR = (0, 1, 2, 3)
CHOICES = {"none yet": 0, "no": 0, "beginning": 1, "developing": 2, "not bad": 2}


@pytest.mark.parametrize(
    ("typed", "values", "meant"),
    [
        ("5/5", FIVE, 4),
        (" 1 / 5 ", FIVE, 0),
        ("3/4!", FOUR, 2),
        ("3/5", FOUR, None),  # another scale: no answer of these
        ("0/5", FIVE, None),
        ("6/5", FIVE, None),
        ("5/5 easily", FIVE, None),  # more than a rating
        ("5", FIVE, None),
    ],
)
def test_a_rating_out_of_the_number_of_answers_is_that_answer(
    typed: str, values: tuple[int, ...], meant: int | None
) -> None:
    assert rating(typed, values) == meant


def test_a_rating_on_any_scale_reads_as_a_try_at_an_answer() -> None:
    assert is_rating("7/10")
    assert not is_rating("24/7 support")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("developing i think? i did some CNNs in pytorch", 2),
        ("hmm none yet really, never tried", 0),  # the hedge aside, two words opening
        ("Not bad at all", 2),  # the longest answer it opens with
        ("nothing like that", None),  # "no" is no opening of "nothing"
        ("i would say developing", 2),
        ("no thanks", None),  # one word before more words: no opening
        ("average salary", None),
        ("not bad but what does it mean", None),
        ("none yet, what does it mean", None),  # it asks: the FAQ's
    ],
)
def test_the_answer_a_reply_opens_with_is_offered(typed: str, meant: int | None) -> None:
    hedges = ("hmm", "i think", "i would say")
    assert likely_answer(typed, CHOICES, hedges, {"what", "mean"}) == meant
