"""One event, decided: commands, button presses and free text become a new state and replies.

Pure apart from rendering the chart: no I/O, no clock. The engine loads the state before and
saves it after; `misses` and `events` are what the engine records anonymously.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from bot.content.knowledge import Knowledge
from bot.content.quiz import RESULT, Quiz, Value
from bot.content.recommender_config import RecommenderConfig
from bot.conversation.events import Event, Reply
from bot.conversation.payloads import CONFIRMABLE, RESULT_ACTIONS, Payload, answer_id_of, parse
from bot.conversation.state import UserState
from bot.conversation.views import Views
from bot.matching.matcher import FaqMatcher

DEEP_LINK_LIMIT = 64


@dataclass(frozen=True)
class TurnContext:
    """Everything a turn reads and never changes."""

    kb: Knowledge
    quiz: Quiz
    matcher: FaqMatcher
    recommender: RecommenderConfig
    charts: bool

    @cached_property
    def views(self) -> Views:
        return Views(self.kb, self.quiz, self.matcher, self.recommender, self.charts)


class Turn:
    def __init__(self, context: TurnContext, state: UserState, notice: str | None) -> None:
        self.context = context
        self.quiz = context.quiz
        self.views = context.views
        self.state = state
        self.forget = False
        self.private = True
        self.misses: list[tuple[str, str]] = []
        self.events: list[tuple[str, str]] = []
        self.replies: list[Reply] = []
        if notice is not None:
            self.replies.append(self.views.notice(notice))

    # entry points ---------------------------------------------------------------------

    def handle(self, event: Event) -> list[Reply]:
        self.private = event.private
        pending_confirm = self.state.confirm
        self.state = replace(self.state, confirm=None)  # any other event cancels it
        if event.payload is not None:
            self._press(event.payload, pending_confirm)
        elif event.command is not None:
            self._command(event.command, event.arg)
        else:
            self._text(event.text)
        return self.replies

    def opening(self) -> list[Reply]:
        if self.state.step is not None and not self.state.paused:
            self._say("quiz_resume")
            self._ask(self.state.step)
        else:
            self.replies.append(self.views.greeting())
        return self.replies

    # commands -------------------------------------------------------------------------

    def _command(self, name: str, arg: str) -> None:
        handlers: dict[str, Callable[[str], None]] = {
            "start": self._start,
            "quiz": lambda _: self._quiz(),
            "restart": lambda _: self._restart(),
            "cancel": lambda _: self._cancel(),
            "roles": lambda _: self.replies.append(self.views.role_list()),
            "role": self._role,
            "tools": self._tools,
            "result": lambda _: self._result(updated=False),
            "help": lambda _: self.replies.append(self.views.help()),
            "forget": lambda _: self._confirm("forget"),
        }
        handler = handlers.get(name)
        if handler is None:
            self._say("unknown_command", command=name[:40])
        else:
            handler(arg)

    def _start(self, arg: str) -> None:
        """`/start` with a deep-link payload: quiz, role_<id>, faq_<slug>."""
        link = arg if len(arg) <= DEEP_LINK_LIMIT and _is_link(arg) else ""
        kb = self.context.kb
        if link == "quiz":
            self._quiz()
        elif link.startswith("role_") and link[5:] in kb.roles:
            self.replies.append(self.views.role_card(link[5:]))
        elif link.startswith("faq_") and link[4:] in kb.faq:
            self.replies.append(self.views.answer(f"faq.{link[4:]}"))
        else:
            self.replies.append(self.views.greeting())

    def _quiz(self) -> None:
        step = self.state.step
        if step is not None:
            self.state = replace(self.state, paused=False)
            self._say("quiz_resume")
            self._ask(step)
        elif self.state.answers:
            self._confirm("restart")  # never a silent restart
        else:
            self._begin()

    def _begin(self) -> None:
        self.state = UserState(self.quiz.version, step=self.quiz.start)
        self.events.append(("quiz_started", ""))
        self._say("quiz_intro")
        self._ask(self.quiz.start)

    def _restart(self) -> None:
        if self.state.answers:
            self._confirm("restart")
        else:
            self._begin()

    def _cancel(self) -> None:
        if self.state.step is None or self.state.paused:
            self._say("quiz_not_running")
            return
        if self.state.changing:  # leaving a change: the result stands as it was
            self.state = replace(self.state, step=None, changing=False)
        else:
            self.state = replace(self.state, paused=True)
        self._say("quiz_cancelled")

    def _confirm(self, what: str) -> None:
        self.state = replace(self.state, confirm="restart" if what == "restart" else "forget")
        count = sum(1 for q in self.state.answers if q in self.quiz.questions)
        self.replies.append(self.views.confirm(what, count))

    def _role(self, name: str) -> None:
        if not name.strip():
            self.replies.append(self.views.role_list())
            return
        role_id = self.views.find_role(name)
        if role_id is None:
            self.replies.append(self.views.role_list(not_found=name))
        else:
            self.replies.append(self.views.role_card(role_id))

    def _tools(self, name: str) -> None:
        role_id = self.views.find_role(name) if name.strip() else self._top_role()
        if role_id is None and name.strip():
            self.replies.append(self.views.role_list(not_found=name))
        elif role_id is None:
            self.replies.append(self.views.tools_pick())
        else:
            self.replies.append(self.views.answer(f"role.{role_id}.tools"))

    def _top_role(self) -> str | None:
        if not self.state.finished:
            return None
        return self.views.recommend(self.state.answers).ranking[0].role

    # buttons --------------------------------------------------------------------------

    def _press(self, raw: str, pending_confirm: str | None) -> None:
        payload = parse(raw)
        if payload is None:
            self._say("bad_button")
            return
        quiz_kinds = {"a": self._answer_button, "s": self._skip, "b": self._back}
        if payload.kind in quiz_kinds:
            self._quiz_button(payload, quiz_kinds[payload.kind])
        elif payload.kind in {"y", "n"}:
            self._confirmation(payload, pending_confirm)
        else:
            self._browse_button(payload)

    def _quiz_button(self, payload: Payload, action: Callable[[Payload], None]) -> None:
        version, step = payload.args[0], payload.args[1]
        if not version.isdigit():
            self._say("bad_button")
        elif int(version) != self.quiz.version:
            self._stale()  # an older quiz: its steps may be gone, and that is no forgery
        elif step not in self.quiz.steps:
            self._say("bad_button")
        elif step != self.state.step:
            self._stale()
        else:
            self.state = replace(self.state, paused=False)
            action(payload)

    def _stale(self) -> None:
        """An old button: say so, and show where we are (the question, or the result)."""
        self._say("quiz_stale_button")
        if self.state.step is not None and not self.state.paused:
            self._ask(self.state.step)
        elif self.state.step is None and self.state.finished:
            self.replies.extend(self.views.result(self.state.answers, updated=False))

    def _answer_button(self, payload: Payload) -> None:
        step, raw = payload.args[1], payload.args[2]
        value = next((o.value for o in self.quiz.options(step) if str(o.value) == raw), None)
        if value is None:
            self._say("bad_button")
        else:
            self._apply(step, value, replace_message=True)

    def _skip(self, payload: Payload) -> None:
        step = payload.args[1]
        answers = {q: v for q, v in self.state.answers.items() if q != step}
        self.state = replace(self.state, answers=answers)
        self._advance(step, self.quiz.steps[step].next, replace_message=True)

    def _back(self, payload: Payload) -> None:
        if self.state.changing:
            self._finish(updated=False)
        elif not self.state.trail:
            self._say("quiz_first_question")
            self._ask(payload.args[1], replace_message=True)
        else:
            previous = self.state.trail[-1]
            self.state = replace(self.state, step=previous, trail=self.state.trail[:-1])
            self._ask(previous, replace_message=True)

    def _confirmation(self, payload: Payload, pending: str | None) -> None:
        what = payload.args[0]
        if what not in CONFIRMABLE:
            self._say("bad_button")
        elif what != pending:
            self._stale()
        elif payload.kind == "n":
            self._say("restart_kept" if what == "restart" else "forget_kept")
            if self.state.step is not None and not self.state.paused:
                self._ask(self.state.step)
        elif what == "restart":
            self._begin()
        else:
            self.forget = True
            self.state = UserState(self.quiz.version)
            self._say("forgot")

    def _browse_button(self, payload: Payload) -> None:
        kind, arg = payload.kind, payload.args[-1]
        kb = self.context.kb
        answer_id = answer_id_of(payload)
        if answer_id is not None and answer_id in kb.answer_ids:
            self.replies.append(self.views.answer(answer_id))
        elif kind == "r" and arg in kb.roles:
            self.replies.append(self.views.role_card(arg))
        elif kind == "c" and arg in kb.roles:
            self.replies.append(self.views.compare_pick(arg))
        elif kind == "l" and arg in {"roles", "quiz", "help"}:
            self._command(arg, "")
        elif kind == "x" and arg in RESULT_ACTIONS:
            self._result_action(arg)
        elif kind == "g":
            self._change(payload)
        else:
            self._say("bad_button")

    # the result -----------------------------------------------------------------------

    def _result_action(self, action: str) -> None:
        if not self.state.finished:
            self._stale()
            return
        recommendation = self.views.recommend(self.state.answers)
        top = recommendation.ranking[0].role
        if action == "why":
            self.replies.append(self.views.why_not(recommendation))
        elif action == "change":
            self.replies.append(self.views.change_pick(self.state.answers))
        elif action in {"tools", "path"}:
            self.replies.append(self.views.answer(f"role.{top}.{action}"))
        elif action == "again":
            self._confirm("restart")
        else:  # refine: the skills part of the quiz
            self._go_to(
                self.quiz.steps["checkpoint"].next
                if "checkpoint" in self.quiz.steps
                else self.quiz.questions[-1]
            )

    def _change(self, payload: Payload) -> None:
        if len(payload.args) != 2 or payload.args[1] not in self.quiz.questions:
            self._say("bad_button")
        elif not self.state.finished or payload.args[0] != str(self.quiz.version):
            self._stale()
        else:
            self.state = replace(self.state, step=payload.args[1], changing=True)
            self._ask(payload.args[1])

    def _go_to(self, step: str) -> None:
        self.state = replace(self.state, step=step, changing=False)
        self._ask(step)

    def _result(self, *, updated: bool) -> None:
        if not self.state.finished:
            self._say("result_none")
            return
        self.replies.extend(self.views.result(self.state.answers, updated=updated))

    def _finish(self, *, updated: bool) -> None:
        self.state = replace(self.state, step=None, changing=False, finished=True)
        self._result(updated=updated)

    # answering ------------------------------------------------------------------------

    def _apply(self, step: str, value: Value, *, replace_message: bool) -> None:
        field = self.quiz.steps[step].field
        if field is not None:
            self.state = replace(self.state, answers={**self.state.answers, field: value})
        self._advance(step, self.quiz.next_step(step, value), replace_message=replace_message)

    def _advance(self, step: str, following: str, *, replace_message: bool) -> None:
        if self.state.changing:
            self._finish(updated=True)
            return
        trail = (*self.state.trail, step)
        if following == RESULT:
            self.state = replace(self.state, trail=trail)
            first = not self.state.finished
            self._finish(updated=False)
            if first:
                top = self.views.recommend(self.state.answers).ranking[0].role
                self.events.append(("quiz_finished", top))
            return
        self.state = replace(self.state, step=following, trail=trail)
        self._ask(following, replace_message=replace_message)

    def _text(self, text: str) -> None:
        # Only in the person's private chat does text answer (and re-ask) their question.
        step = None if self.state.paused or not self.private else self.state.step
        if step is not None:
            value = self.quiz.typed_answer(step, text, self.context.kb.messages)
            if value is not None:
                self._apply(step, value, replace_message=False)
                return
        self._faq(text)
        if step is not None:
            self._say("quiz_back_to_question")
            self._ask(step)

    def _faq(self, text: str) -> None:
        match = self.context.matcher.match(text)
        if match.outcome != "answer" and match.reason in {"unsure", "unknown"}:
            self.misses.append((" ".join(text.split()), match.outcome))
        self.replies.append(self.views.faq(match))

    # helpers --------------------------------------------------------------------------

    def _ask(self, step: str, *, replace_message: bool = False) -> None:
        self.replies.append(
            self.views.question(
                step,
                self.state.answers.get(self.quiz.steps[step].field or ""),
                self.state.trail,
                replace_message=replace_message,
            )
        )

    def _say(self, message_id: str, **values: object) -> None:
        self.replies.append(self.views.say(message_id, **values))


def _is_link(arg: str) -> bool:
    return all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in arg)
