"""The commands: `/start` with its deep links, the quiz's (with `/skip`, `/back` and `/menu`,
which typed words reach too), browsing the roles, `/forget`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.content.quiz import RESULT
from bot.conversation.dialog import Dialog
from bot.conversation.events import Reply
from bot.conversation.payloads import Back, Skip
from bot.conversation.quiz_buttons import QuizButtons
from bot.conversation.result_actions import ResultActions
from bot.conversation.state import UserState

DEEP_LINK_LIMIT = 64
# Commands that show something beside the quiz: mid-quiz its question comes again after them,
# so that what is on screen last is what a typed answer answers.
ASIDES = frozenset({"start", "roles", "role", "tools", "result", "help"})


class Commands:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        views = dialog.views
        self.handlers: dict[str, Callable[[str], None]] = {
            "start": self.start,
            "quiz": lambda _: self.quiz(),
            "restart": lambda _: self.restart(),
            "cancel": lambda _: self.cancel(),
            "skip": lambda _: self.skip(),
            "back": lambda _: self.back(),
            "menu": lambda _: self.menu(),
            "roles": lambda _: dialog.show(views.role_list()),
            "role": self.role,
            "tools": self.tools,
            "result": lambda _: self.result(),
            "help": lambda _: dialog.show(views.help()),
            "forget": lambda _: self.forget(),
        }

    def run(self, name: str, arg: str) -> None:
        handler = self.handlers.get(name)
        if handler is None:
            self.dialog.say("unknown_command", command=name[:40])
        else:
            handler(arg)
        if handler is None or (name in ASIDES and not (name == "start" and arg == "quiz")):
            self.back_to_question()

    def result(self) -> None:
        """/result: the last result (while changing an answer of it, the change is left); at
        the checkpoint, before any, its "Show my result" (a tester got "You don't have a
        result yet" right under that button)."""
        dialog = self.dialog
        if dialog.private and dialog.state.changing:
            # Asked for while changing one answer: back to the result, the change left. Shown
            # under the result, the question took a tester's next number, meant for the
            # result's Path, as its answer.
            dialog.say(_left_change("change_left", dialog))
            dialog.state = replace(dialog.state, step=None, changing=False)
        step = dialog.pending_step()
        if step is not None and dialog.private and not dialog.state.finished:
            now = next((o for o in dialog.quiz.options(step) if o.next == RESULT), None)
            if now is not None:
                dialog.record_answer(step, now.value, replace_message=False)
                return
        dialog.show_result(updated=False)

    def back_to_question(self) -> None:
        """Mid-quiz, in the private chat, the pending question again after something else."""
        step = self.dialog.pending_step()
        if self.dialog.private and step is not None:
            self.dialog.back_to_question(step)

    def start(self, arg: str) -> None:
        """`/start` with a deep-link payload: quiz, role_<id>, faq_<slug>."""
        link = arg if len(arg) <= DEEP_LINK_LIMIT and _is_link(arg) else ""
        kb, views = self.dialog.kb, self.dialog.views
        if link == "quiz":
            self.quiz()
        elif link.startswith("role_") and link.removeprefix("role_") in kb.roles:
            self.dialog.show(views.role_card(link.removeprefix("role_")))
        elif link.startswith("faq_") and link.removeprefix("faq_") in kb.faq:
            answer_id = f"faq.{link.removeprefix('faq_')}"
            self.dialog.show(views.faq_answer(answer_id, quiz_known=self.dialog.quiz_known))
        else:
            self.dialog.show(views.greeting())

    def quiz(self) -> None:
        dialog = self.dialog
        step = dialog.state.step
        if step is not None:
            dialog.say(_quiz_again(dialog.state))
            dialog.state = replace(dialog.state, paused=False)
            dialog.ask(step)
        elif dialog.state.answers:
            dialog.ask_to_confirm("restart")  # never a silent restart
        else:
            dialog.begin_quiz()

    def restart(self) -> None:
        if self.dialog.state.answers:
            self.dialog.ask_to_confirm("restart")
        else:
            self.dialog.begin_quiz()

    def forget(self) -> None:
        if self.dialog.keeps_nothing():
            # Nothing to lose, so nothing to ask: a question asked would not be stored either
            # (nothing is, for them), and a typed "yes" would find no question open.
            self.dialog.forget_everything()
        else:
            self.dialog.ask_to_confirm("forget")

    def cancel(self) -> None:
        dialog = self.dialog
        if dialog.pending_step() is None:
            dialog.say("quiz_not_running")
            return
        if dialog.state.changing:  # leaving a change: the result as it was (_left_change)
            # "/quiz picks up" would be untrue: it starts over.
            dialog.say(_left_change("change_cancelled", dialog))
            dialog.state = replace(dialog.state, step=None, changing=False)
        else:
            dialog.state = replace(dialog.state, paused=True)
            dialog.say("quiz_cancelled")

    def skip(self) -> None:
        step = self._running_step()
        if step is None:
            return
        if self.dialog.quiz.steps[step].field is None:  # a choice of path, not a question
            self.dialog.say("quiz_no_skip")
            self.dialog.ask(step)
        else:
            QuizButtons(self.dialog).skip(Skip(self.dialog.quiz.version, step))

    def back(self) -> None:
        step = self._running_step()
        if step is not None:
            QuizButtons(self.dialog).back(Back(self.dialog.quiz.version, step))

    def menu(self) -> None:
        """The greeting's choices, the quiz paused first so that nothing typed next is taken
        for an answer (in a group, the person's private quiz is left as it is)."""
        if self.dialog.private and self.dialog.pending_step() is not None:
            self.cancel()
        self.dialog.show(self.dialog.views.greeting())

    def _running_step(self) -> str | None:
        """The question Skip or Back applies to; if none, the person is told why."""
        state = self.dialog.state
        if state.step is None:
            self.dialog.say("quiz_not_running")
        elif state.paused:
            self.dialog.say("quiz_cancelled")
        return self.dialog.pending_step()

    def role(self, name: str) -> None:
        """A role's card, the FAQ entry owning a title outside the nine, or a choice."""
        views = self.dialog.views
        if not name.strip():
            self.dialog.show(views.role_list())
            return
        found = self.dialog.context.roles.lookup(name)
        if found.role_id is not None:
            self.dialog.show(views.role_card(found.role_id))
        elif found.found is not None:
            self.dialog.show(views.faq_answer(found.found, quiz_known=self.dialog.quiz_known))
        else:
            self._not_found(name, found.suggestions)

    def tools(self, name: str) -> None:
        views = self.dialog.views
        if not name.strip():
            # After a result, the person's own tools to learn (the role's card a tap away).
            if self.dialog.top_role() is None:
                self.dialog.show(views.tools_pick())
            else:
                ResultActions(self.dialog).top_role_facet("tools")
            return
        found = self.dialog.context.roles.lookup(name)
        if found.role_id is not None:
            self.dialog.show(self._tools(found.role_id))
        elif found.found is not None:  # a title outside the nine: its entry names the tools
            self.dialog.show(views.faq_answer(found.found, quiz_known=self.dialog.quiz_known))
        else:
            self._not_found(name, found.suggestions)

    def _tools(self, role_id: str) -> Reply:
        return self.dialog.views.faq_answer(f"role.{role_id}.tools", quiz_known=False)

    def _not_found(self, name: str, suggestions: tuple[str, ...]) -> None:
        views = self.dialog.views
        if suggestions:
            self.dialog.show(views.title_suggestions(name, suggestions))
        else:
            self.dialog.show(views.role_list(not_found=name))


def _is_link(arg: str) -> bool:
    return all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in arg)


def _quiz_again(state: UserState) -> str:
    """What /quiz says with a question open: welcome back after a pause; otherwise the
    person never left, whether in the quiz or changing one answer of a result."""
    if state.paused:
        return "quiz_resume"
    return "quiz_changing" if state.changing else "quiz_in_progress"


def _left_change(message_id: str, dialog: Dialog) -> str:
    """What leaving a change says: the result stands as it was, except at the tools step,
    whose ticks count as they are made (a reviewer read "stands as it was" beside a tool just
    ticked, which the result counted)."""
    return f"{message_id}_tools" if dialog.state.step == dialog.quiz.tools_step else message_id
