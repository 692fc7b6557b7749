"""Replies built from knowledge and state: messages, quiz questions, role cards
(FAQ replies are in `faq_views`, the result's in `result_views`, its comparisons in
`why_views`).

Every sentence comes from the knowledge files; this module only arranges them and the
buttons (whose payloads `bot.conversation.payloads` declares and checks).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.content.knowledge import ROLE_FACETS
from bot.content.messages import one_or_more
from bot.content.questions import SKILL_PREFIX, Answer
from bot.conversation.events import Button, Reply
from bot.conversation.faq_views import FaqViews
from bot.conversation.payloads import (
    Back,
    CompareWith,
    Confirm,
    Decline,
    OpenRole,
    QuizAnswer,
    Shortcut,
    ShowAnswer,
    Skip,
)
from bot.conversation.state import Confirmable
from bot.conversation.tool_buttons import Rows, in_rows, off_buttons, tool_rows
from bot.conversation.view_parts import answer_button

PROGRESS_CELLS = 10
# The checkpoint's words when no interest was answered: "That's your interests covered"
# would not be true. Checked tools alone rank no role, so they do not count.
NOTHING_YET = "q_checkpoint_nothing_yet"
SKILLS_ONLY = "q_checkpoint_skills_only"
_CONFIRM_BUTTONS: dict[str, tuple[str, str]] = {  # each prompt's Yes and No labels
    "restart": ("btn_restart_yes", "btn_keep"),
    "forget": ("btn_forget_yes", "btn_keep"),
}


class Views(FaqViews):
    # plain messages -------------------------------------------------------------------

    def say(self, message_id: str, **values: object) -> Reply:
        return Reply(message_id, self.kb.text(message_id, **values))

    def notice(self, message_id: str) -> Reply:
        return self.say(message_id)

    def greeting(self, *, paused: bool = False) -> Reply:
        """The greeting; to someone back with a quiz paused, a welcome back that says so,
        the quiz first (a tester's reopened chat showed the first-time greeting)."""
        key = "welcome_back_quiz" if paused else "greeting"
        quiz = "btn_continue_quiz" if paused else "btn_start_quiz"
        buttons = (
            (
                self._button(quiz, Shortcut("quiz")),
                self._button("btn_browse_roles", Shortcut("roles")),
            ),
        )
        return Reply(key, self.kb.text(key), buttons)

    def help(self) -> Reply:
        lines = [self.kb.text("help_intro")]
        lines += [self.kb.text("help_line", command=c, text=t) for c, t in self.kb.commands.items()]
        return Reply("help_intro", "\n".join(lines))

    def confirm(self, what: Confirmable, count: int, *, with_result: bool = False) -> Reply:
        # Starting over clears the result too: a tester lost his, warned only of his answers.
        restart = "restart_confirm_result" if with_result else "restart_confirm"
        text = self.kb.text(restart, count=count) if what == "restart" else None
        yes, no = _CONFIRM_BUTTONS[what]
        buttons = ((self._button(yes, Confirm(what)), self._button(no, Decline(what))),)
        return Reply(f"{what}_confirm", text or self.kb.text("forget_confirm"), buttons)

    def no_result(self, place: tuple[int, int] | None) -> Reply:
        """/result before any: mid-quiz, where the person is (a tester at question 7 read
        "/quiz starts the quiz" as if his answers were gone)."""
        if place is None:
            return self.say("result_none")
        return self.say("result_none_mid_quiz", number=place[0], total=place[1])

    def confirm_labels(self, what: Confirmable) -> tuple[str, str]:
        """The labels of a Yes/No prompt's two buttons, as people may type them back."""
        yes, no = _CONFIRM_BUTTONS[what]
        return self.kb.text(yes), self.kb.text(no)

    # the quiz -------------------------------------------------------------------------

    def question(
        self,
        step: str,
        current: Answer | None,
        chosen: Collection[str] = (),
        *,
        replace_message: bool,
        answered: Collection[str] = (),
    ) -> Reply:
        """A question with its buttons; `chosen` are the tools checked on the tools step,
        `answered` the questions answered so far, which the checkpoint's words depend on."""
        spec = self.quiz.steps[step]
        key = spec.prompt if step in self.quiz.asked else _checkpoint_words(spec.prompt, answered)
        parts = [self._progress(step), self._prompt(step, key)]
        if spec.kind == "tools":
            parts += off_buttons(self.kb, self.quiz, step, chosen)
            rows = tool_rows(self.kb, self.quiz, step, chosen)
        else:
            rows = self._option_rows(step, current)
        text = "\n\n".join(parts)
        return Reply(key, text, (*rows, self._navigation(step)), replace=replace_message)

    def _navigation(self, step: str) -> tuple[Button, ...]:
        """Back, Skip and Menu, the same on every question (Skip where there is a field to
        leave empty), each with its terminal key. Back on the first question says so."""
        version, keys = self.quiz.version, self.quiz.navigation
        nav = [self._button("btn_back", Back(version, step), key=keys.key("back"))]
        if self.quiz.steps[step].field is not None:
            nav.append(self._button("btn_skip", Skip(version, step), key=keys.key("skip")))
        nav.append(self._button("btn_menu", Shortcut("menu"), key=keys.key("menu")))
        return tuple(nav)

    def _progress(self, step: str) -> str:
        position = self.quiz.progress(step)
        if position is None:
            return self.kb.text("quiz_checkpoint_progress", bar=_bar(1, 2))
        n, total = position
        return self.kb.text("quiz_progress", n=n, total=total, bar=_bar(n, total))

    def _prompt(self, step: str, key: str) -> str:
        spec = self.quiz.steps[step]
        if spec.kind != "level" or spec.field is None:
            return self.kb.text(key)
        skill = self.kb.skills[spec.field.removeprefix(SKILL_PREFIX)]
        described = (
            self.kb.text("skill_level_none"),
            skill.levels.beginning,
            skill.levels.developing,
            skill.levels.accomplished,
        )
        levels = "\n".join(
            self.kb.text("q_skill_level", label=self.kb.text(o.label), text=described[int(o.value)])
            for o in self.quiz.options(step)
        )
        return self.kb.text(key, skill=skill.name, covers=skill.covers, levels=levels)

    def _option_rows(self, step: str, current: Answer | None) -> Rows:
        buttons = []
        for option in self.quiz.options(step):
            label = self.kb.text(option.label)
            if option.value == current:
                label = self.kb.text("btn_selected", label=label)
            payload = QuizAnswer(self.quiz.version, step, str(option.value))
            buttons.append(Button(label, payload.pack()))
        return in_rows(buttons, 3 if len(buttons) > 4 else 2)

    def noted(self, step: str, value: Answer, *, then_asked: bool) -> Reply:
        """What a typed answer was read as, said before what comes next: a misread reply
        ("ok" read as Neutral) showed only in the result before. Back is named only when a
        question follows (a result has its own Change button)."""
        labels = [o.label for o in self.quiz.options(step) if o.value == value]
        answer = self.kb.text(labels[0]) if labels else str(value)
        return self.say("quiz_noted" if then_asked else "quiz_noted_last", answer=answer)

    # answers and browsing -------------------------------------------------------------

    def role_list(self, not_found: str | None = None) -> Reply:
        buttons = [Button(role.name, OpenRole(rid).pack()) for rid, role in self.kb.roles.items()]
        if not_found is None:
            return Reply("roles_list", self.kb.text("roles_list"), in_rows(buttons, 1))
        text = self.kb.text("role_not_found", name=" ".join(not_found.split())[:60])
        return Reply("role_not_found", text, in_rows(buttons, 1))

    def title_suggestions(self, typed: str, answer_ids: Sequence[str]) -> Reply:
        """`/role` with a name it does not know exactly: the closest roles and titles."""
        buttons = [
            Button(self.book.title(a), OpenRole(a.removeprefix("role.")).pack())
            if a.startswith("role.") and a.count(".") == 1
            else answer_button(self.book.title(a), a)
            for a in answer_ids
        ]
        name = " ".join(typed.split())[:60]
        text = self.kb.text(one_or_more("role_did_you_mean", len(buttons)), name=name)
        return Reply("role_did_you_mean", text, in_rows(buttons, 1))

    def role_card(self, role_id: str) -> Reply:
        buttons = [self._button(f"btn_{f}", ShowAnswer(f"role.{role_id}.{f}")) for f in ROLE_FACETS]
        buttons.append(self._button("btn_compare", CompareWith(role_id)))
        rows = (*in_rows(buttons, 3), (self._button("btn_all_roles", Shortcut("roles")),))
        return Reply(f"role.{role_id}", self.book.text(f"role.{role_id}"), rows)

    def compare_pick(self, role_id: str) -> Reply:
        buttons = [
            answer_button(other.name, f"compare.{min(role_id, oid)}.{max(role_id, oid)}")
            for oid, other in self.kb.roles.items()
            if oid != role_id
        ]
        text = self.kb.text("compare_pick", role=self.kb.roles[role_id].name)
        return Reply("compare_pick", text, in_rows(buttons, 1))

    def tools_pick(self) -> Reply:
        buttons = [answer_button(r.name, f"role.{rid}.tools") for rid, r in self.kb.roles.items()]
        return Reply("tools_pick", self.kb.text("tools_pick"), in_rows(buttons, 1))


def _bar(n: int, total: int) -> str:
    filled = round(PROGRESS_CELLS * n / total)
    return "▰" * filled + "▱" * (PROGRESS_CELLS - filled)


def _checkpoint_words(prompt: str, answered: Collection[str]) -> str:
    """The checkpoint's message (the one step that is no question) for what is answered."""
    if not answered:
        return NOTHING_YET
    if all(question.startswith(SKILL_PREFIX) for question in answered):
        return SKILLS_ONLY
    return prompt
