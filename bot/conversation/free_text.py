"""Typed text: an answer to the pending quiz question, or a question for the FAQ matcher."""

from __future__ import annotations

from bot.conversation.dialog import Dialog


class FreeText:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog

    def read(self, text: str) -> None:
        dialog = self.dialog
        # Only in the person's private chat does text answer (and re-ask) their question.
        step = dialog.pending_step() if dialog.private else None
        if step is not None:
            value = dialog.quiz.typed_answer(step, text, dialog.kb.messages)
            if value is not None:
                dialog.record_answer(step, value, replace_message=False)
                return
        self.ask_faq(text)
        if step is not None:
            dialog.say("quiz_back_to_question")
            dialog.ask(step)

    def ask_faq(self, text: str) -> None:
        match = self.dialog.context.matcher.match(text)
        if match.outcome != "answer" and match.reason in {"unsure", "unknown"}:
            self.dialog.misses.append((" ".join(text.split()), match.outcome))
        self.dialog.show(self.dialog.views.faq_reply(match))
