"""What a reply the quiz did not count seems to say: offered, never recorded."""

from __future__ import annotations

import pytest

from bot.content.likely_answers import answer_range, is_rating, likely_answer, rating

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


CHOICES = {
    **CHOICES,
    "love it": 4,
    "a lot": 4,
    "very much": 4,
    "kind of": 3,
    "in between": 2,
    "i dont like": 1,
    "not yet": 0,
    "not much": 1,
}
ASKING = {"what", "mean"}
DOUBTS = {"sure", "understand", "know", "unsure"}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("developing i think? i did some CNNs in pytorch", 2),
        ("love it!!! is my favorite", 4),  # after "!", "is ..." is no question
        ("hmm none yet really, never tried", 0),  # the hedge aside, two words opening
        ("Not bad at all", 2),  # a word or two after a multi-word answer
        ("i would say developing", 2),
        ("nothing like that", None),  # "no" is no opening of "nothing"
        ("no thanks", None),  # one word before more words: no opening
        ("average salary", None),
        ("none yet, what does it mean", None),  # it asks: the FAQ's
        ("not bad but what does it mean", None),
        # A reviewer's, each offered the opposite or a guess at a question:
        ("very much not my thing", None),
        ("a lot of it is boring", None),
        ("i dont like math but modeling sounds cool", None),
        ("kind of depends on the project", None),
        ("in between jobs right now", None),
        ("not yet, is it needed?", None),
        ("not much, is calculus needed for this", None),
        # A doubt anywhere leaves it to the hint (a reviewer was offered Neutral for "ok, i
        # don't know"; a nurse's reasons that doubt something else are asked again too).
        ("not much. I am unsure about production code", None),
        ("no, I do not know", None),
        ("not bad at all, not sure", None),
        ("developing? not sure, what does it mean", None),
        ("hmm not sure", None),
    ],
)
def test_the_answer_a_reply_opens_with_is_offered(typed: str, meant: int | None) -> None:
    hedges = ("hmm", "i think", "i would say")
    assert likely_answer(typed, CHOICES, hedges, ASKING | DOUBTS) == meant


LEVELS = {"none yet": 0, "beginning": 1, "developing": 2, "accomplished": 3, "no": 0}
LEVELS |= {"not yet": 0, "never": 0, "beginner": 1, "a little": 1}
RANGE_HEDGES = ("i would say", "i think")
RANGE_ASKING = {"what", "explain", "examples", "meaning", "who", "when", "vs"}


@pytest.mark.parametrize(
    ("typed", "pair"),
    [
        # A teacher's and a designer's, asked again or sent to the FAQ.
        ("somewhere between beginning and developing?", (1, 2)),
        ("Between beginning and developing. I did the Kaggle course", (1, 2)),
        ("developing or beginning", (1, 2)),  # lower first, whatever the order typed
        ("beginning and developing", None),  # no "between", no "or": two things, not a range
        ("between jobs right now", None),
        ("beginning or developing or accomplished", None),  # three is no range
        ("is it fair to call someone between beginning and developing a junior", None),
        # A reviewer's: each asks about the scale, or denies, and is no range.
        ("is there a difference between beginning and developing?", None),
        ("what does between beginning and developing mean", None),
        ("whats the difference between beginning and accomplished", None),
        ("not beginning or developing, accomplished", None),
        # A reviewer's second round: "to" and "/" say a range; a hedge or "could be" before
        # it does not ask; a negative answer may be one end ("not yet" is None yet) ...
        ("developing to accomplished", (2, 3)),
        ("developing/accomplished", (2, 3)),
        ("i would say beginning or developing", (1, 2)),
        ("could be beginner or developing", (1, 2)),
        ("should be developing or accomplished", (2, 3)),
        ("not yet or beginner", (0, 1)),
        ("never or a little", (0, 1)),
        # ... while asking words anywhere ask.
        ("explain beginner or developing", None),
        ("examples of beginner or developing", None),
        ("who counts as beginner or developing", None),
        ("diff between beginner and developing?", None),
        ("went from none yet to accomplished", None),
        ("from beginning to developing", (1, 2)),  # a range again (a reviewer's)
        ("beginner trying to get developing", None),
    ],
)
def test_two_answers_given_as_a_range_are_found(typed: str, pair: tuple[int, int] | None) -> None:
    assert answer_range(typed, LEVELS, FOUR, RANGE_HEDGES, RANGE_ASKING) == pair


LIKING = {"not really": 1, "neutral": 2, "in between": 2, "maybe": 2, "sure": 3, "like it": 3}
LIKING |= {"love it": 4, "fun": 3, "boring": 1, "yes": 3, "no": 1}


@pytest.mark.parametrize(
    ("typed", "pair"),
    [
        ("like it or love it", (3, 4)),
        # A reviewer's: "in between" and "maybe" are Neutral on their own, not inside a range.
        ("in between like it and love it", (3, 4)),
        ("like it or maybe love it", (3, 4)),
        # ... and a reviewer's that ask or deny, kept from the FAQ or read as answers.
        ("is data engineering fun or boring?", None),
        ("do most people like it or not really?", None),
        ("not sure or neutral", None),
        ("yes or no?", None),
        ("not really or neutral", (1, 2)),  # a negative answer at one end (a reviewer's)
        # A reviewer's third round: the range word must stand between the two answers.
        ("yeah i love it - it's my job", None),
        ("sure i would love to", None),
        ("ok i would like to try it", None),
        ("like it-love it", (3, 4)),
        ("like it or in between", (2, 3)),  # "in between" as an answer of its own
    ],
)
def test_a_range_of_liking_is_found_and_a_question_is_not(
    typed: str, pair: tuple[int, int] | None
) -> None:
    assert answer_range(typed, LIKING, FIVE, RANGE_HEDGES, RANGE_ASKING) == pair


def test_a_choice_has_no_range() -> None:
    assert (
        answer_range(
            "prototyping or production",
            {"prototyping": "p", "production": "q"},
            ("p", "q"),
            RANGE_HEDGES,
            RANGE_ASKING,
        )
        is None
    )
