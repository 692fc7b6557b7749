"""The buttons under the result: why not the runner-up, change an answer, the top role's
tools and path, refine with the skills questions, take the quiz again."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import cast

from bot.content.text import fold
from bot.conversation.dialog import Dialog
from bot.conversation.payloads import ChangeAnswer, ResultAction, ResultActionName
from bot.conversation.result_views import Facet

# The buttons that read the suggested role; with nothing answered there is none.
_ABOUT_THE_RESULT = frozenset({"why", "tools", "path"})
# The result's buttons whose label may be typed back instead of pressed ("Path", "Tools");
# "Why not {role}?" names a role and is a question like any other.
_TYPED_LABELS: dict[str, ResultActionName] = {
    "btn_change": "change",
    "btn_result_tools": "tools",
    "btn_result_path": "path",
    "btn_my_tools": "tools",  # under an answer that names /quiz (a tester typed "my path")
    "btn_my_path": "path",
    "btn_again": "again",
    "btn_refine": "refine",
}


# Where the first clause of a message ends: "why not ML engineer? i said i want ML" asks
# about the role, while in "what about ml engineer salary" the role is not the whole clause.
_CLAUSE_END = re.compile(r"[?.!,;]")


class ResultActions:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        self.views = dialog.context.result_views
        self.handlers: dict[ResultActionName, Callable[[], None]] = {
            "why": self.why_not,
            "change": lambda: dialog.show(
                self.views.change_pick(dialog.state.answers, dialog.state.known_tools)
            ),
            "tools": lambda: self.top_role_facet("tools"),
            "path": lambda: self.top_role_facet("path"),
            "again": lambda: dialog.ask_to_confirm("restart"),
            "refine": self.refine,
        }

    def act(self, payload: ResultAction) -> None:
        dialog = self.dialog
        if not dialog.state.finished:
            dialog.stale()
        elif payload.action in _ABOUT_THE_RESULT and dialog.nothing_answered():
            # An older result's button, after its one answer was withdrawn: no result now.
            dialog.show(self.views.nothing_answered())
        else:
            self.handlers[payload.action]()

    def typed(self, text: str) -> bool:
        """A result button's label typed back, or asked for in other words ("what tools
        should I learn?"), after a result: that button pressed; "why not <role>?": that role
        side by side with the suggestion; "why <role>?" (_why_named)."""
        words = fold(text)
        for label, action in _TYPED_LABELS.items():
            if words == fold(self.dialog.kb.text(label)):
                self.act(ResultAction(action))
                return True
        asked = self.dialog.quiz.asked_after_result(text)
        # With nothing answered there is no role to read: the FAQ answers the question.
        if asked in _TYPED_LABELS.values() and not self.dialog.nothing_answered():
            self.act(ResultAction(cast("ResultActionName", asked)))
            return True
        clause = _CLAUSE_END.split(text.strip(), maxsplit=1)[0]
        named = self.dialog.quiz.why_not_named(clause)
        if named is not None:
            return self._why_not_named(named)
        named = self.dialog.quiz.why_is_named(clause)
        return named is not None and self._why_named(named)

    def _why_named(self, name: str) -> bool:
        """ "why <role>?": for the suggestion, its reasons; for another role, that role
        beside the suggestion, as "why not <role>?" shows it."""
        dialog = self.dialog
        role = dialog.context.roles.find(name)
        if role is None or dialog.nothing_answered():
            return False
        result = dialog.recommendation()
        if role != result.ranking[0].role:
            return self._why_not_named(name)
        dialog.show(self.views.why_top(dialog.profile(), result))
        return True

    def _why_not_named(self, name: str) -> bool:
        """False when `name` is no role of the nine (the FAQ answers the text), or when
        nothing was answered, so there is no ranking to compare in."""
        dialog = self.dialog
        role = dialog.context.roles.find(name)
        if role is None or dialog.nothing_answered():
            return False
        result = dialog.recommendation()
        if role == result.ranking[0].role:
            dialog.show(self.views.why_not_top(result))
        elif role == result.ranking[1].role:
            self.why_not()  # the "Why not X?" button's reply, with the change that swaps them
        else:
            state = dialog.state
            comparison = dialog.context.compare(state.answers, state.known_tools, role)
            dialog.show(self.views.why_not_role(result, comparison))
        return True

    def why_not(self) -> None:
        self.dialog.show(self.views.why_not(self.dialog.recommendation()))

    def top_role_facet(self, facet: Facet) -> None:
        self.dialog.show(self.views.own_facet(self.dialog.recommendation(), facet))

    def refine(self) -> None:
        """The skills part of the quiz: what follows the checkpoint."""
        quiz = self.dialog.quiz
        checkpoint = quiz.steps.get("checkpoint")
        self.dialog.go_to(checkpoint.next if checkpoint is not None else quiz.questions[-1])

    def change(self, payload: ChangeAnswer) -> None:
        dialog = self.dialog
        if payload.question not in dialog.quiz.asked:
            dialog.say("bad_button")
        elif not dialog.state.finished or payload.quiz_version != dialog.quiz.version:
            dialog.stale()
        else:
            dialog.state = replace(dialog.state, step=payload.question, changing=True)
            dialog.ask(payload.question)
