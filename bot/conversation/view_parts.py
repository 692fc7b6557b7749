"""What every view reads (the content, the answer book, whether charts are drawn) and the
buttons every view builds: `views`, `faq_views`, `result_views` and `why_views` share them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.knowledge import Knowledge
from bot.content.questions import Answer, question_field
from bot.content.quiz import Quiz
from bot.content.recommender_config import RecommenderConfig
from bot.conversation.events import Button
from bot.conversation.payloads import ButtonPayload, show_answer
from bot.matching.answers import AnswerBook


@dataclass(frozen=True)
class ViewParts:
    """What every view reads: the content, the answer book, and whether charts are drawn."""

    kb: Knowledge
    quiz: Quiz
    book: AnswerBook
    recommender: RecommenderConfig
    charts: bool

    def short_name(self, question: str, value: Answer | None) -> str:
        """A question's short name with the answer given ("Deployment: Dislike"), as the
        result's change list and its comparisons write it."""
        field, key = question_field(question)
        if field == "tasks" and key is not None:
            name = self.kb.tasks[key].name
        elif field == "skills" and key is not None:
            name = self.kb.text("short_skill", skill=self.kb.skills[key].name)
        else:
            name = self.kb.text("short_code" if field == "code" else "short_deep_learning")
        option = self.quiz.option(question, value) if value is not None else None
        if option is None:
            return name
        return self.kb.text("labelled", label=name, text=self.kb.text(option.label))

    def _button(
        self, message_id: str, payload: ButtonPayload, *, key: str = "", **values: object
    ) -> Button:
        return button(self.kb, message_id, payload, key=key, **values)


def button(
    kb: Knowledge, message_id: str, payload: ButtonPayload, *, key: str = "", **values: object
) -> Button:
    """A button labelled with a message from the knowledge files."""
    return Button(kb.text(message_id, **values), payload.pack(), key)


def answer_button(label: str, answer_id: str) -> Button:
    return Button(label, show_answer(answer_id).pack())
