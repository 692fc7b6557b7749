"""For someone with a result, an answer's sentences that send them to /quiz are left out."""

import re

import pytest

from bot.content.answer_text import without_quiz_pointer
from bot.content.knowledge import load_knowledge


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Pick a direction. Take /quiz: your gaps tell you.", "Pick a direction."),
        ("Read the postings.\n\nNext: take /quiz to see which role fits.", "Read the postings."),
        (
            "Try this:\n• Take /quiz today. It is quick.\n• Build a project.",
            "Try this:\n• Build a project.",
        ),
        (
            "• Find the role that fits you, with /quiz.",
            "• Find the role that fits you, with /quiz.",
        ),
        (
            "Add statistics, then take /quiz to check the fit.",
            "Add statistics, then take /quiz to check the fit.",
        ),
        ("Nothing about the quiz here.", "Nothing about the quiz here."),
    ],
)
def test_only_sentences_opening_with_the_pointer_go(text: str, kept: str) -> None:
    assert without_quiz_pointer(text) == kept


def test_no_answer_is_left_empty_or_unchanged_elsewhere() -> None:
    kb = load_knowledge()
    for name, entry in kb.faq.items():
        shortened = without_quiz_pointer(entry.answer)
        assert shortened.strip(), name
        if "/quiz" not in entry.answer:
            assert shortened == entry.answer.strip(), name


def test_an_answer_sends_someone_with_a_result_to_the_quiz_only_if_it_is_about_the_quiz() -> None:
    """Testers with a result read "/quiz shows yours" and "The quiz shows which of these
    sides suits you" as if the quiz were still to do: outside the answers about the bot and
    the quiz, an answer's pointer to /quiz opens its sentence, so it goes for them."""
    about_the_quiz = {
        "what_can_you_do",
        "how_quiz_works",
        "which_role_for_me",
        "at_school",
        "greeting",
        "thanks",
        "goodbye",
        "not_helpful",
        "change_answers",
        "my_result",
        "statistician_vs_data_scientist",  # "add machine learning ..., then take /quiz"
    }
    promises = re.compile(r"\bquiz\s+(?:shows|finds|tells|suggests)\b", re.IGNORECASE)
    for slug, entry in load_knowledge().faq.items():
        if slug not in about_the_quiz:
            kept = without_quiz_pointer(entry.answer)
            assert "/quiz" not in kept, slug
            assert not promises.search(kept), slug


def test_data_engineer_vs_data_scientist_speaks_of_both() -> None:
    """A teacher asked "data engineer vs data scientist" three ways and read only about data
    engineers."""
    answer = load_knowledge().faq["data_engineer_role"].answer
    assert "Next to a data scientist" in answer


def test_mlops_is_set_beside_devops() -> None:
    """A backend developer's "mlops vs devops?" got the MLOps card with no word on DevOps."""
    assert "Next to DevOps" in (load_knowledge().faq["mlops"].more or "")


def test_goodbye_promises_kept_answers_only_to_those_who_gave_some() -> None:
    """ "Your quiz answers are kept" was said to a teacher who had never taken the quiz."""
    answer = load_knowledge().faq["goodbye"].answer
    assert "If you answered any quiz questions" in answer
