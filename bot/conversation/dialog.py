"""What one turn builds up (the new state, the replies, what to record) and the moves every
part of a turn shares: say, ask a step, walk the quiz, show the result."""

from __future__ import annotations

from dataclasses import replace

from bot.content.questions import Answer
from bot.content.quiz import RESULT
from bot.content.quiz_tools import toggled, with_tools
from bot.conversation.context import TurnContext, profile_of
from bot.conversation.events import Reply
from bot.conversation.state import Confirmable, UserState
from bot.recommend.certainty import profile_size
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation

# The FAQ's answer on where the result is ("Send /result ..."): its button, pressed by someone
# with a result, shows the result itself. (Typed, the matcher's reading of it also took "is my
# result private?": the words for the result are `after_result.result` in the quiz file.)
MY_RESULT = "faq.my_result"


class Dialog:
    def __init__(self, context: TurnContext, state: UserState) -> None:
        self.context = context
        self.kb, self.quiz, self.views = context.kb, context.quiz, context.views
        # "Did you mean X?" lasts one turn: the event right after it may say yes to it, and
        # nothing later can (a reviewer's "yes" after a question, a hint, /cancel or Back
        # had recorded an offer made long before).
        self.offer = state.offered
        self.state = replace(state, offered=None)
        self.confirming: Confirmable | None = None  # the Yes/No question this event answers
        self.forget = False  # the person asked to be forgotten: delete, do not save
        self.private = True
        self.misses: list[tuple[str, str]] = []
        self.events: list[tuple[str, str]] = []
        self.replies: list[Reply] = []

    def keeps_nothing(self) -> bool:
        """Nothing about this person is kept: their state is a new person's."""
        return replace(self.state, confirm=None) == UserState(self.quiz.version)

    def take_confirmation(self) -> None:
        """A pending Yes/No question is answered by this event or cancelled by it."""
        self.confirming = self.state.confirm
        self.state = replace(self.state, confirm=None)

    # replies --------------------------------------------------------------------------

    def show(self, reply: Reply) -> None:
        self.replies.append(reply)

    def say(self, message_id: str, **values: object) -> None:
        self.show(self.views.say(message_id, **values))

    def ask(self, step: str, *, replace_message: bool = False) -> None:
        current = self.state.answers.get(self.quiz.steps[step].field or "")
        chosen, answered = self.state.known_tools, tuple(self.state.answers)
        self.show(
            self.views.question(
                step, current, chosen, replace_message=replace_message, answered=answered
            )
        )

    def back_to_question(self, step: str) -> None:
        """The question again after something else, saying whether an answer to it is kept:
        after Back or from the result it is, and "nothing counted for this question yet"
        beside a ticked answer read as lost (a tester's)."""
        tools = step == self.quiz.tools_step and bool(self.state.known_tools)
        kept = self.quiz.steps[step].field in self.state.answers or tools
        self.say("quiz_back_to_answered" if kept else "quiz_back_to_question")
        self.ask(step)

    def pending_step(self) -> str | None:
        """The quiz question waiting for an answer: None outside the quiz or after /cancel."""
        return None if self.state.paused else self.state.step

    def stale(self) -> None:
        """An old button: say so, and show where we are (the question, or the result)."""
        self.say("quiz_stale_button")
        pending = self.pending_step()
        if pending is not None:
            self.ask(pending)
        elif self.state.step is None and self.state.finished:
            self.show_result(updated=False)

    def forget_everything(self) -> None:
        """Delete everything kept about the person (the engine deletes, does not save)."""
        self.forget = True
        self.state = UserState(self.quiz.version)
        self.say("forgot")

    def ask_to_confirm(self, what: Confirmable) -> None:
        self.state = replace(self.state, confirm=what)
        count = _answered(self.state, self.quiz.questions)
        self.show(self.views.confirm(what, count, with_result=self.has_result))

    # the quiz -------------------------------------------------------------------------

    def begin_quiz(self) -> None:
        self.state = UserState(self.quiz.version, step=self.quiz.start)
        self.events.append(("quiz_started", ""))
        self.say("quiz_intro")
        self.ask(self.quiz.start)

    def go_to(self, step: str) -> None:
        self.state = replace(self.state, step=step, changing=False)
        self.ask(step)

    def record_answer(
        self, step: str, value: Answer, *, replace_message: bool, noted: bool = False
    ) -> None:
        """`noted`: say first what the answer was read as (a typed one), at a question (the
        checkpoint's choice shows itself: "Noted: Show my result." read oddly)."""
        field = self.quiz.steps[step].field
        had_result = not self.nothing_answered()
        if field is not None:
            answers = {**self.state.answers, field: value}
            self.state = replace(self.state, answers=answers, unsure=None)
        following = self.quiz.next_step(step, value)
        if noted and field is not None:
            asked = following != RESULT and not self.state.changing
            self.show(self.views.noted(step, value, then_asked=asked))
        self.advance(step, following, replace_message=replace_message, had_result=had_result)

    def unsure_again(self, step: str) -> bool:
        """Whether "not sure" was typed at this question before, with no answer since;
        noted either way, so that a third time counts as a first."""
        again = self.state.unsure == step
        self.state = replace(self.state, unsure=None if again else step)
        return again

    def toggle_tool(self, step: str, tool: str, *, replace_message: bool) -> None:
        """Check or uncheck one tool and show the step again with its marks."""
        chosen = toggled(self.state.known_tools, tool, self.quiz.tool_ids(step))
        self._show_tools(step, chosen, replace_message=replace_message)

    def add_tools(self, step: str, tools: tuple[str, ...], *, replace_message: bool) -> None:
        """Check every tool a typed reply names and show the step again with its marks."""
        chosen = with_tools(self.state.known_tools, tools, self.quiz.tool_ids(step))
        self._show_tools(step, chosen, replace_message=replace_message)

    def drop_tools(self, step: str, tools: tuple[str, ...], *, replace_message: bool) -> None:
        """Uncheck every tool the person says they do not use and show the step again."""
        chosen = tuple(t for t in self.state.known_tools if t not in tools)
        self._show_tools(step, chosen, replace_message=replace_message)

    def _show_tools(self, step: str, chosen: tuple[str, ...], *, replace_message: bool) -> None:
        self.state = replace(self.state, known_tools=chosen)
        self.ask(step, replace_message=replace_message)

    def tools_done(self, step: str, *, replace_message: bool) -> None:
        self.advance(step, self.quiz.steps[step].next, replace_message=replace_message)

    def advance(
        self, step: str, following: str, *, replace_message: bool, had_result: bool | None = None
    ) -> None:
        """`had_result`: whether the answers before this step's made a result (by default,
        whether they make one now: a skip or the tools change no role's chances)."""
        if self.state.changing:
            # "Updated" only over a result shown before: the first answer after an all-skipped
            # quiz brings the first result.
            self.finish(updated=not self.nothing_answered() if had_result is None else had_result)
        elif following == RESULT:
            self._reach_result(step)
        else:
            trail = (*self.state.trail, step)
            self.state = replace(self.state, step=following, trail=trail)
            self.ask(following, replace_message=replace_message)

    def _reach_result(self, step: str) -> None:
        first = not self.state.finished
        self.state = replace(self.state, trail=(*self.state.trail, step))
        self.finish(updated=False)
        if first:
            # A quiz with every question skipped is finished but suggests nothing: it counts
            # as finished and for no role (stats list only role ids).
            role = "" if self.nothing_answered() else self.recommendation().ranking[0].role
            self.events.append(("quiz_finished", role))

    # the result -----------------------------------------------------------------------

    def finish(self, *, updated: bool) -> None:
        self.state = replace(self.state, step=None, changing=False, finished=True)
        self.show_result(updated=updated)

    def show_result(self, *, updated: bool) -> None:
        if not self.state.finished:
            step = self.state.step
            self.show(self.views.no_result(self.quiz.progress(step) if step else None))
            return
        if self.nothing_answered():
            self.show(self.context.result_views.nothing_answered())
            return
        replies = self.context.result_views.result(
            self.profile(), self.recommendation(), updated=updated
        )
        self.replies.extend(replies)

    def nothing_answered(self) -> bool:
        """Every quiz question skipped (tools alone rank no role)."""
        return profile_size(self.profile()) == 0

    def profile(self) -> Profile:
        return profile_of(self.state.answers, self.state.known_tools)

    def recommendation(self) -> Recommendation:
        """The recommendation for the answers as they stand now (computed once for them)."""
        return self.context.recommend(self.state.answers, self.state.known_tools)

    @property
    def has_result(self) -> bool:
        return self.state.finished and not self.nothing_answered()

    @property
    def quiz_known(self) -> bool:
        """Taking the quiz or with a result: answers leave out "Take /quiz" (answer_text)."""
        return self.has_result or self.pending_step() is not None

    def top_role(self) -> str | None:
        return self.recommendation().ranking[0].role if self.has_result else None


def _answered(state: UserState, questions: tuple[str, ...]) -> int:
    """Counted as "How much you answered" counts them: the tools step is one question."""
    return sum(1 for q in state.answers if q in questions) + bool(state.known_tools)
