"""A button press: the payload unpacked, then one table from its type to what it does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.conversation.commands import Commands
from bot.conversation.dialog import MY_RESULT, Dialog
from bot.conversation.payloads import (
    Back,
    ButtonPayload,
    ChangeAnswer,
    Compare,
    CompareWith,
    Confirm,
    Decline,
    OpenRole,
    QuizAnswer,
    ResultAction,
    Shortcut,
    ShowAnswer,
    ShowMore,
    Skip,
    ToggleTool,
    ToolsDone,
    WhyRole,
    unpack,
)
from bot.conversation.quiz_buttons import QuizButtons
from bot.conversation.result_actions import ResultActions

# Presses that show something beside the quiz (an answer, a role): the question follows.
_BROWSING = (ShowAnswer, ShowMore, Compare, OpenRole, CompareWith)


def _reads_the_result(payload: ButtonPayload) -> bool:
    """An older result's Why not, Tools or Path (or a role picked to set beside it), pressed
    mid-quiz (while adding the skills): shown beside the quiz like a browsing press. Change,
    Again and Add my skills ask their own question."""
    reads = isinstance(payload, ResultAction) and payload.action in {
        "why",
        "tools",
        "path",
        "result",
    }
    return reads or isinstance(payload, WhyRole)


class Buttons:
    def __init__(self, dialog: Dialog, commands: Commands) -> None:
        self.dialog, self.commands = dialog, commands
        quiz, result = QuizButtons(dialog), ResultActions(dialog)
        # Each handler takes the payload type it is listed with (hence Any: a dict cannot
        # tie each value's parameter to its key).
        self.handlers: dict[type[ButtonPayload], Callable[[Any], None]] = {
            QuizAnswer: quiz.answer,
            Skip: quiz.skip,
            Back: quiz.back,
            ToggleTool: quiz.toggle,
            ToolsDone: quiz.done,
            ChangeAnswer: result.change,
            ResultAction: result.act,
            WhyRole: result.why_role,
            Confirm: self.confirm,
            Decline: self.decline,
            ShowAnswer: self.show_answer,
            ShowMore: self.show_more,
            Compare: self.show_answer,
            OpenRole: self.open_role,
            CompareWith: self.compare_with,
            Shortcut: lambda payload: commands.run(payload.command, ""),
        }

    def press(self, raw: str) -> None:
        payload = unpack(raw)
        if payload is None:
            self.dialog.say("bad_button")
        else:
            self.handlers[type(payload)](payload)
            finished = self.dialog.state.finished  # else the result's button was stale
            if isinstance(payload, _BROWSING) or (finished and _reads_the_result(payload)):
                self.commands.back_to_question()  # as after a typed question

    # browsing -------------------------------------------------------------------------

    def show_answer(self, payload: ShowAnswer | Compare) -> None:
        dialog = self.dialog
        if payload.answer_id == MY_RESULT and dialog.state.finished:
            dialog.show_result(updated=False)  # the result itself, not "Send /result"
        elif payload.answer_id in dialog.kb.answer_ids:
            dialog.show(dialog.views.faq_answer(payload.answer_id, quiz_known=dialog.quiz_known))
        else:
            dialog.say("bad_button")

    def show_more(self, payload: ShowMore) -> None:
        if self.dialog.views.book.more(payload.answer_id) is not None:
            known = self.dialog.quiz_known
            self.dialog.show(self.dialog.views.faq_more(payload.answer_id, quiz_known=known))
        else:
            self.dialog.say("bad_button")

    def open_role(self, payload: OpenRole) -> None:
        if payload.role in self.dialog.kb.roles:
            self.dialog.show(self.dialog.views.role_card(payload.role))
        else:
            self.dialog.say("bad_button")

    def compare_with(self, payload: CompareWith) -> None:
        if payload.role in self.dialog.kb.roles:
            self.dialog.show(self.dialog.views.compare_pick(payload.role))
        else:
            self.dialog.say("bad_button")

    # yes or no ------------------------------------------------------------------------

    def confirm(self, payload: Confirm) -> None:
        dialog = self.dialog
        if payload.what != dialog.confirming and not self._forgetting_nobody(payload.what):
            dialog.stale()
        elif payload.what == "restart":
            dialog.begin_quiz()
        else:
            dialog.forget_everything()

    def _forgetting_nobody(self, what: str) -> bool:
        """An answer to "delete everything?" from someone we keep nothing about: no row is
        stored for them, not even the open question (engine._commit), so it arrives with none
        open. It is answered all the same, never as an old button: "nothing happened" would
        leave the person unsure whether they were forgotten."""
        return what == "forget" and self.dialog.keeps_nothing()

    def decline(self, payload: Decline) -> None:
        dialog = self.dialog
        if payload.what != dialog.confirming and not self._forgetting_nobody(payload.what):
            dialog.stale()
            return
        dialog.say("restart_kept" if payload.what == "restart" else "forget_kept")
        pending = dialog.pending_step()
        if pending is not None:
            dialog.ask(pending)
