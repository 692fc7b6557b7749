"""The buttons under the result: why not the runner-up, change an answer, the top role's
tools and path, refine with the skills questions, take the quiz again."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.content.text import fold
from bot.conversation.dialog import Dialog
from bot.conversation.payloads import ChangeAnswer, ResultAction, ResultActionName, WhyRole
from bot.conversation.result_views import Facet
from bot.conversation.tools_text import said_used

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
    "btn_my_result": "result",
}


# The result asked for in words names it, or the role: the listed phrases are also read with
# typos, and "my resume" is one away from "my result" (a reviewer's got the result).
_RESULT_WORD = re.compile(r"\b(?:results?|role)\b", re.IGNORECASE)
# Where the first clause of a message ends: "why not ML engineer? i said i want ML" asks
# about the role, while in "what about ml engineer salary" the role is not the whole clause.
_CLAUSE_END = re.compile(r"[?.!,;]")


class ResultActions:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        self.views, self.why = dialog.context.result_views, dialog.context.why_views
        self.handlers: dict[ResultActionName, Callable[[], None]] = {
            "why": self.why_not,
            "change": lambda: dialog.show(
                self.views.change_pick(dialog.state.answers, dialog.state.known_tools)
            ),
            "tools": lambda: self.top_role_facet("tools"),
            "path": lambda: self.top_role_facet("path"),
            "again": lambda: dialog.ask_to_confirm("restart"),
            "refine": self.refine,
            "result": lambda: dialog.show_result(updated=False),
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
        should I learn?"), after a result: that button pressed; "I already know docker":
        whether the result counts it; "why not <role>?" or "why <role>?": that role beside
        the suggestion (_role_asked)."""
        words = fold(text)
        for label, action in _TYPED_LABELS.items():
            if words == fold(self.dialog.kb.text(label)):
                self.act(ResultAction(action))
                return True
        asked = self.dialog.quiz.asked_after_result(text) or self._asked_first(text)
        if asked == "result" and not _RESULT_WORD.search(text):
            asked = None
        # With nothing answered there is no role to read: the FAQ answers the question.
        if asked in {*_TYPED_LABELS.values(), "why"} and not self.dialog.nothing_answered():
            self.act(ResultAction(asked))
            return True
        if asked == "reasons" and not self.dialog.nothing_answered():
            self._beside_the_suggestion(self.dialog.recommendation().ranking[0].role)
            return True
        if self._tools_said_used(text):
            return True
        clause = _CLAUSE_END.split(text.strip(), maxsplit=1)[0]
        quiz = self.dialog.quiz
        named = quiz.why_not_named(clause)
        if named is not None:
            return self._role_asked(named, why_not=True)
        named = quiz.why_is_named(clause)
        return named is not None and self._role_asked(named, why_not=False)

    def _asked_first(self, text: str) -> str | None:
        """A result button the first sentence asks for, unless the rest says for what: "what
        should i learn first? for the ml engineer role" is about that role (a reviewer's)."""
        found = self.dialog.quiz.asked_first(text)
        if found is None:
            return None
        action, rest = found
        context = self.dialog.context
        named = context.matcher.analyzer.analyze(rest).entities
        padded = f" {fold(rest)} "
        titled = any(f" {title} " in padded for title in context.roles.owner_by_title)
        return None if named or titled else action

    def _tools_said_used(self, text: str) -> bool:
        """ "I already know docker" after a result: whether the result counts the tools it
        names, and how to tick the ones it does not (a tester got Docker's card)."""
        dialog, step = self.dialog, self.dialog.quiz.tools_step
        if step is None or dialog.nothing_answered():
            return False
        tools = said_used(dialog, step, text)
        if tools:
            dialog.show(self.views.tools_said_used(tools, dialog.state.known_tools))
        return bool(tools)

    def _role_asked(self, name: str, *, why_not: bool) -> bool:
        """ "why not <role>?" or "why <role>?": that role beside the suggestion (`why_role`);
        a name that fits several roles ("why not researcher?") lets the person pick one.
        False when it names no role (the FAQ answers the text), or when nothing was
        answered, so there is no ranking to compare in."""
        dialog = self.dialog
        if dialog.nothing_answered():
            return False
        role = dialog.context.roles.find(name)
        # A name that fits several roles (a tester's "why not researcher?" got the FAQ's "I
        # disagree with my result"): one to pick.
        roles = (role,) if role is not None else dialog.context.roles.holding(name)
        if len(roles) > 1:
            dialog.show(self.why.why_which_role(roles))
            return True
        if not roles:
            return False
        top = dialog.recommendation().ranking[0].role
        if why_not and roles[0] == top:
            dialog.show(self.why.why_not_top(dialog.recommendation()))
        else:
            self._beside_the_suggestion(roles[0])
        return True

    def why_role(self, payload: WhyRole) -> None:
        """A role picked to set beside the suggestion."""
        dialog = self.dialog
        if payload.role not in dialog.kb.roles:
            dialog.say("bad_button")
        elif not dialog.state.finished:
            dialog.stale()
        elif dialog.nothing_answered():
            dialog.show(self.views.nothing_answered())
        else:
            self._beside_the_suggestion(payload.role)

    def _beside_the_suggestion(self, role: str) -> None:
        """The suggestion's own reasons, the "Why not X?" button's reply for the runner-up,
        or the comparison for a role further down."""
        dialog = self.dialog
        result = dialog.recommendation()
        if role == result.ranking[0].role:
            dialog.show(self.why.why_top(dialog.profile(), result))
        elif role == result.ranking[1].role:
            self.why_not()  # with the change that would swap them
        else:
            state = dialog.state
            comparison = dialog.context.compare(state.answers, state.known_tools, role)
            dialog.show(self.why.why_not_role(result, comparison))

    def why_not(self) -> None:
        self.dialog.show(self.why.why_not(self.dialog.recommendation()))

    def top_role_facet(self, facet: Facet) -> None:
        self.dialog.show(self.views.own_facet(self.dialog.recommendation(), facet))

    def refine(self) -> None:
        """The skills part of the quiz (what follows the checkpoint), from its first question
        not answered: a tester who had rated some was walked through all eight again."""
        quiz, answers = self.dialog.quiz, self.dialog.state.answers
        checkpoint = quiz.steps.get("checkpoint")
        first = checkpoint.next if checkpoint is not None else quiz.questions[-1]
        step = first
        while step in quiz.steps and quiz.steps[step].field in answers:
            step = quiz.steps[step].next
        # Every skill rated: from the first, as before (the tools step is no skill).
        self.dialog.go_to(step if step in quiz.questions else first)

    def change(self, payload: ChangeAnswer) -> None:
        dialog = self.dialog
        if payload.question not in dialog.quiz.asked:
            dialog.say("bad_button")
        elif not dialog.state.finished or payload.quiz_version != dialog.quiz.version:
            dialog.stale()
        else:
            dialog.state = replace(dialog.state, step=payload.question, changing=True)
            dialog.ask(payload.question)
