"""The buttons under a quiz question: an option, a tool to toggle and Done, Skip, Back. Each
names the quiz version and the step it was shown for, so a press on an older message is
recognised as stale."""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.dialog import Dialog
from bot.conversation.payloads import Back, QuizAnswer, Skip, ToggleTool, ToolsDone


class QuizButtons:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog

    def answer(self, payload: QuizAnswer) -> None:
        if not self._current(payload.quiz_version, payload.step):
            return
        options = self.dialog.quiz.options(payload.step)
        value = next((o.value for o in options if str(o.value) == payload.value), None)
        if value is None:
            self.dialog.say("bad_button")
        else:
            self.dialog.record_answer(payload.step, value, replace_message=True)

    def toggle(self, payload: ToggleTool) -> None:
        if not self._current(payload.quiz_version, payload.step):
            return
        if payload.tool not in self.dialog.quiz.tool_ids(payload.step):
            self.dialog.say("bad_button")
        else:
            self.dialog.toggle_tool(payload.step, payload.tool, replace_message=True)

    def done(self, payload: ToolsDone) -> None:
        if not self._current(payload.quiz_version, payload.step):
            return
        if payload.step != self.dialog.quiz.tools_step:
            self.dialog.say("bad_button")
        else:
            self.dialog.tools_done(payload.step, replace_message=True)

    def skip(self, payload: Skip) -> None:
        if not self._current(payload.quiz_version, payload.step):
            return
        dialog, step = self.dialog, payload.step
        if dialog.state.changing:
            # "Change an answer", then Skip: the person came to withdraw this answer.
            answers = {q: v for q, v in dialog.state.answers.items() if q != step}
            tools = () if step == dialog.quiz.tools_step else dialog.state.known_tools
            dialog.state = replace(dialog.state, answers=answers, known_tools=tools)
        # Otherwise Skip moves on and clears nothing: a question never answered stays unknown,
        # one answered before (the person came back with Back) keeps its answer and checked
        # tools stay checked. People skip forward past what they gave; progress is never lost.
        dialog.advance(step, dialog.quiz.steps[step].next, replace_message=True)

    def back(self, payload: Back) -> None:
        if not self._current(payload.quiz_version, payload.step):
            return
        dialog = self.dialog
        if dialog.state.changing:
            dialog.finish(updated=False)
        elif not dialog.state.trail:
            dialog.say("quiz_first_question")
            dialog.ask(payload.step, replace_message=True)
        else:
            previous = dialog.state.trail[-1]
            dialog.state = replace(dialog.state, step=previous, trail=dialog.state.trail[:-1])
            dialog.ask(previous, replace_message=True)

    def _current(self, quiz_version: int, step: str) -> bool:
        """Whether the button belongs to the pending question; if not, the person is told."""
        dialog = self.dialog
        if quiz_version != dialog.quiz.version:
            dialog.stale()  # an older quiz: its steps may be gone, and that is no forgery
        elif step not in dialog.quiz.steps:
            dialog.say("bad_button")
        elif step != dialog.state.step:
            dialog.stale()
        else:
            dialog.state = replace(dialog.state, paused=False)
            return True
        return False
