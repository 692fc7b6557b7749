"""Replies built from knowledge and state: messages, quiz questions, FAQ answers, role cards
(the result's replies are in `result_views`, its comparisons in `why_views`).

Every sentence comes from the knowledge files; this module only arranges them and the
buttons (whose payloads `bot.conversation.payloads` declares and checks).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.content.knowledge import ROLE_FACETS, Knowledge
from bot.content.messages import one_or_more
from bot.content.questions import SKILL_PREFIX, Answer, question_field
from bot.content.quiz import Quiz
from bot.content.recommender_config import RecommenderConfig
from bot.conversation.events import Button, Reply
from bot.conversation.payloads import (
    Back,
    ButtonPayload,
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
    show_answer,
)
from bot.conversation.state import Confirmable
from bot.conversation.tool_buttons import Rows, in_rows, off_buttons, tool_rows
from bot.matching.answers import AnswerBook
from bot.matching.matcher import Match

PROGRESS_CELLS = 10
# The checkpoint's words when no interest was answered: "That's your interests covered"
# would not be true. Checked tools alone rank no role, so they do not count.
NOTHING_YET = "q_checkpoint_nothing_yet"
SKILLS_ONLY = "q_checkpoint_skills_only"
_CONFIRM_BUTTONS: dict[str, tuple[str, str]] = {  # each prompt's Yes and No labels
    "restart": ("btn_restart_yes", "btn_keep"),
    "forget": ("btn_forget_yes", "btn_keep"),
}


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


class Views(ViewParts):
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

    def confirm(self, what: Confirmable, count: int) -> Reply:
        text = self.kb.text("restart_confirm", count=count) if what == "restart" else None
        yes, no = _CONFIRM_BUTTONS[what]
        buttons = ((self._button(yes, Confirm(what)), self._button(no, Decline(what))),)
        return Reply(f"{what}_confirm", text or self.kb.text("forget_confirm"), buttons)

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

    # answers and browsing -------------------------------------------------------------

    def faq_answer(self, answer_id: str) -> Reply:
        """An answer with its next steps; a long one keeps its rest behind "More"."""
        book = self.book
        more = [self._button("btn_more", ShowMore(answer_id))] if book.more(answer_id) else []
        return Reply(
            answer_id, book.text(answer_id), in_rows(more + self._follow_ups(answer_id), 1)
        )

    def faq_more(self, answer_id: str) -> Reply:
        text = self.book.more(answer_id) or ""
        return Reply(f"{answer_id}.more", text, in_rows(self._follow_ups(answer_id), 1))

    def _follow_ups(self, answer_id: str) -> list[Button]:
        book = self.book
        return [_answer_button(book.title(f), f) for f in book.follow_ups(answer_id)]

    def faq_reply(self, match: Match, *, in_quiz: bool = False, has_result: bool = False) -> Reply:
        """What typed text gets: the FAQ answer it matched, suggestions, or the fallback. In
        the quiz the fallback neither offers the quiz nor takes the place of its buttons (the
        question follows); after a result it offers it (a tester with one was offered /quiz)."""
        if match.outcome == "answer" and match.id is not None:
            return self.faq_answer(match.id)
        if match.outcome == "did_you_mean":
            buttons = [_answer_button(s.title, s.id) for s in match.suggestions]
            text = self.kb.text(one_or_more("did_you_mean", len(buttons)))
            return Reply("did_you_mean", text, in_rows(buttons, 1))
        key = {"empty": "empty_input", "unreadable": "unreadable_input"}.get(
            match.reason, "not_answered"
        )
        if in_quiz:
            return Reply(key, self.kb.text(f"{key}_in_quiz"))
        start = ResultAction("result") if has_result else Shortcut("quiz")
        row = (
            self._button("btn_my_result" if has_result else "btn_start_quiz", start),
            self._button("btn_browse_roles", Shortcut("roles")),
        )
        said = f"{key}_with_result" if has_result and key == "not_answered" else key
        return Reply(key, self.kb.text(said), (row,))

    def other_language(self, code: str, answer_id: str | None, *, in_quiz: bool) -> Reply:
        """A message in another language: in it, "I speak English for now" and, outside the
        quiz, that /quiz is answered with buttons; then the English answer the multilingual
        model is confident about, as a button."""
        text = self.kb.english_only(code, in_quiz=in_quiz)
        if answer_id is None:
            return Reply("other_language", text)
        text += "\n\n" + self.kb.text(f"english_offer_{code}")
        button = _answer_button(self.book.title(answer_id), answer_id)
        return Reply("other_language", text, ((button,),))

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
            else _answer_button(self.book.title(a), a)
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
            _answer_button(other.name, f"compare.{min(role_id, oid)}.{max(role_id, oid)}")
            for oid, other in self.kb.roles.items()
            if oid != role_id
        ]
        text = self.kb.text("compare_pick", role=self.kb.roles[role_id].name)
        return Reply("compare_pick", text, in_rows(buttons, 1))

    def tools_pick(self) -> Reply:
        buttons = [_answer_button(r.name, f"role.{rid}.tools") for rid, r in self.kb.roles.items()]
        return Reply("tools_pick", self.kb.text("tools_pick"), in_rows(buttons, 1))

    def _button(
        self, message_id: str, payload: ButtonPayload, *, key: str = "", **values: object
    ) -> Button:
        return button(self.kb, message_id, payload, key=key, **values)


def button(
    kb: Knowledge, message_id: str, payload: ButtonPayload, *, key: str = "", **values: object
) -> Button:
    """A button labelled with a message from the knowledge files."""
    return Button(kb.text(message_id, **values), payload.pack(), key)


def _answer_button(label: str, answer_id: str) -> Button:
    return Button(label, show_answer(answer_id).pack())


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
