""" "Change an answer": one button per question, each label naming its question unambiguously
(the deep learning interest and the deep learning skill must not both read "Deep learning")."""

from __future__ import annotations

import pytest

from bot.app import load_data
from bot.content.questions import Answer, answer_values
from bot.conversation.context import TurnContext
from bot.conversation.payloads import ChangeAnswer, unpack
from bot.matching.matcher import FaqMatcher

DATA = load_data()
VIEWS = TurnContext(DATA.kb, DATA.quiz, FaqMatcher(DATA.kb), DATA.recommender, False).result_views


def first_answers() -> dict[str, Answer]:
    return {q: answer_values(q)[0] for q in DATA.quiz.questions}


@pytest.mark.parametrize(
    ("answers", "tools"),
    [({}, ()), (first_answers(), ("python", "sql"))],
    ids=["nothing answered", "everything answered"],
)
def test_every_question_has_one_button_with_a_label_no_other_has(
    answers: dict[str, Answer], tools: tuple[str, ...]
) -> None:
    reply = VIEWS.change_pick(answers, tools)
    buttons = [b for row in reply.buttons for b in row]
    labels = [b.label for b in buttons]
    assert len(set(labels)) == len(labels), labels
    asked = [p.question for b in buttons if isinstance(p := unpack(b.payload), ChangeAnswer)]
    assert asked == list(DATA.quiz.asked)


def test_the_deep_learning_interest_and_skill_say_which_they_are() -> None:
    labels = [b.label for row in VIEWS.change_pick({}).buttons for b in row]
    assert "Deep learning (interest): not answered" in labels
    assert "Deep learning (skill): not answered" in labels


def test_a_question_not_answered_says_so() -> None:
    """A tester read a bare "How you code" among the answers as a button with nothing behind
    it: the skipped question says it was not answered."""
    answers = {q: a for q, a in first_answers().items() if q != "code"}
    labels = [b.label for row in VIEWS.change_pick(answers).buttons for b in row]
    assert "How you code: not answered" in labels
    assert "Modeling: Dislike" in labels
