"""Finding the question in a paragraph (issue 14, point 2): a long message is also read part
by part, its questions first, so context sentences inform without taking over."""

from __future__ import annotations

from bot.matching.sentences import MAX_PARTS, parts, questions


def test_a_one_sentence_question_has_no_parts_it_is_read_whole() -> None:
    assert parts("should I do a master's in data science?") == []
    assert parts("hi") == []


def test_a_story_yields_its_sentences_with_the_question_first() -> None:
    message = (
        "I'm 34 and a biologist with a PhD. I have done some R for my thesis. "
        "Is it too late to become a data scientist?"
    )
    found = parts(message)
    assert found[0].text == "Is it too late to become a data scientist?"
    assert found[0].asks
    assert [p.text for p in found[1:]] == [
        "I'm 34 and a biologist with a PhD.",
        "I have done some R for my thesis.",
    ]
    assert not any(p.asks for p in found[1:])


def test_a_forum_post_title_is_a_part_of_its_own() -> None:
    found = parts("Should I pursue a PhD\n\nSo I'm in my late 20s and work as a consultant.")
    assert found[0].text == "Should I pursue a PhD"
    assert found[0].asks  # it opens with a question word, though it has no question mark


def test_a_question_joined_to_context_by_a_comma_is_split_off() -> None:
    texts = [p.text for p in parts("I have a degree in physics, but should I learn SQL first?")]
    assert "but should I learn SQL first?" in texts


def test_short_fragments_are_not_parts() -> None:
    texts = [p.text for p in parts("Thanks. Hi all. What does a data engineer actually do?")]
    assert texts == ["What does a data engineer actually do?"]


def test_a_long_message_is_read_in_a_bounded_number_of_parts() -> None:
    message = " ".join(f"This is sentence number {n} of a story." for n in range(40))
    assert len(parts(message)) == MAX_PARTS


def test_the_questions_of_a_message_are_its_sentences_that_end_with_a_question_mark() -> None:
    asked = questions("I'm a nurse. What does an ML engineer do? And do I need a PhD? Thanks!")
    assert asked == ["What does an ML engineer do?", "And do I need a PhD?"]
    assert questions("what does an ML engineer do") == []  # no mark: read whole, no second
    assert questions("why? ok?? what is mlops?") == ["what is mlops?"]  # too short to ask


def test_a_message_of_many_questions_is_read_in_a_bounded_number() -> None:
    assert len(questions(" ".join(["is it too late?"] * 50))) == MAX_PARTS
