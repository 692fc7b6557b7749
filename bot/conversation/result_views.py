"""The result and what its buttons open: the summary with its chart, "Why not...?", the
questions to change. Shown from the recommendation the turn computed; nothing computed here."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import partial
from typing import Literal

from bot.content.questions import Answer
from bot.content.text import in_sentence
from bot.conversation.events import Button, Image, Reply
from bot.conversation.payloads import ChangeAnswer, ResultAction, Shortcut, show_answer
from bot.conversation.tool_buttons import Rows, in_rows
from bot.conversation.view_parts import ViewParts, button
from bot.recommend.chart import chart_plan, chart_png
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation
from bot.recommend.summary import path_lines, summary_text, tools_lines

Facet = Literal["tools", "path"]  # the parts of a result shown on their own


class ResultViews(ViewParts):
    def result(self, profile: Profile, result: Recommendation, *, updated: bool) -> list[Reply]:
        text = summary_text(result, profile, self.kb, self.recommender)
        if updated:
            text = self.kb.text("result_updated") + "\n\n" + text
        replies = [Reply("result", text, self._result_buttons(result, profile))]
        if self.charts:
            replies.append(self._chart(profile, result))
        return replies

    def result_reminder(self) -> Reply:
        """After a result, under an answer that sends the person to /quiz ("what should I
        learn first?"): where the result is, with its path and tools a tap away (a tester
        read the answer as if the result did not count)."""
        buttons = (
            (
                button(self.kb, "btn_my_path", ResultAction("path")),
                button(self.kb, "btn_my_tools", ResultAction("tools")),
            ),
        )
        return Reply("faq_result_reminder", self.kb.text("faq_result_reminder"), buttons)

    def welcome_back(self, *, paused: bool) -> Reply:
        """Someone with a result comes back: the result and its path and tools a tap away,
        or the roles; first, the questions they were adding to it (the skills, or any after
        Back), if they paused them."""
        key = "welcome_back_result_paused" if paused else "welcome_back_result"
        resume = (button(self.kb, "btn_continue_skills", Shortcut("quiz")),)
        buttons = (
            *((resume,) if paused else ()),
            (button(self.kb, "btn_my_result", ResultAction("result")),),
            (
                button(self.kb, "btn_my_path", ResultAction("path")),
                button(self.kb, "btn_my_tools", ResultAction("tools")),
            ),
            (button(self.kb, "btn_browse_roles", Shortcut("roles")),),
        )
        return Reply(key, self.kb.text(key), buttons)

    def _change_label(self, question: str, value: Answer | None) -> str:
        """The question with its answer, or "not answered" (a tester read a bare "How you
        code" among the answers as a button with nothing behind it)."""
        name = self.short_name(question, value)
        if value is not None:
            return name
        return self.kb.text("labelled", label=name, text=self.kb.text("short_not_answered"))

    def own_facet(self, result: Recommendation, facet: Facet) -> Reply:
        """The result's own tools to learn or path, as the result lists them under a heading
        of their own, with the role's whole card a tap away: a tester's "My tools to learn"
        got the card, which listed the tools they had just ticked."""
        top = result.ranking[0]
        if facet == "tools":
            lines = tools_lines(result, self.kb, self.recommender)
        else:
            lines = path_lines(result, self.recommender)
        if facet == "path" or result.tools:  # the summary's heading gives way to ours
            heading = self.kb.text(f"own_{facet}_heading", role=in_sentence(top.name))
            lines = [heading, *lines[1:]]
        card = f"role.{top.role}.{facet}"
        buttons = ((Button(self.book.title(card), show_answer(card).pack()),),)
        return Reply(f"result_{facet}", "\n".join(lines), buttons)

    def tools_said_used(self, tools: Sequence[str], ticked: Collection[str]) -> Reply:
        """Tools named as used after a result: all ticked already, or the ones not ticked,
        with the tools question a tap away (the result updates when it is answered)."""
        unticked = [tool for tool in tools if tool not in ticked]
        labels = ", ".join(self.kb.tools[tool].label for tool in unticked or tools)
        if not unticked:
            tools_button = button(self.kb, "btn_my_tools", ResultAction("tools"))
            text = self.kb.text("result_tools_known", tools=labels)
            return Reply("result_tools_known", text, ((tools_button,),))
        change = ChangeAnswer(self.quiz.version, self.quiz.tools_step or "")
        buttons = ((button(self.kb, "btn_change_tools", change),),)
        text = self.kb.text("result_tools_unticked", tools=labels)
        return Reply("result_tools_unticked", text, buttons)

    def nothing_answered(self) -> Reply:
        """Instead of a result when every question was skipped: a ranking of nothing would be
        ties dressed as advice. Changing an answer, or starting again, leads back in."""
        buttons = (
            (button(self.kb, "btn_change", ResultAction("change")),),
            (button(self.kb, "btn_again", ResultAction("again")),),
        )
        return Reply("result_empty", self.kb.text("result_empty"), buttons)

    def _result_buttons(self, result: Recommendation, profile: Profile) -> Rows:
        runner_up = result.ranking[1].name
        first = [button(self.kb, "btn_why_not", ResultAction("why"), role=runner_up)]
        first.append(button(self.kb, "btn_change", ResultAction("change")))
        second = [
            button(self.kb, "btn_result_tools", ResultAction("tools")),
            button(self.kb, "btn_result_path", ResultAction("path")),
        ]
        last = [button(self.kb, "btn_again", ResultAction("again"))]
        if not profile.skills:
            last.insert(0, button(self.kb, "btn_refine", ResultAction("refine")))
        return (tuple(first), tuple(second), tuple(last))

    def _chart(self, profile: Profile, result: Recommendation) -> Reply:
        # A picklable recipe (a plan and a module-level function), so a transport may draw it
        # in another process; matplotlib loads on the first drawing only.
        render = partial(chart_png, chart_plan(profile, result, self.kb, self.recommender))
        # With no skill rated the chart shows the targets alone: a tester read "Your skills
        # against..." above bars that all said "not rated".
        key = "chart_caption" if profile.skills else "chart_caption_unrated"
        caption = self.kb.text(key, role=result.ranking[0].name)
        return Reply("chart", caption, image=Image(render, caption))

    def change_pick(self, answers: Mapping[str, Answer], tools: Collection[str] = ()) -> Reply:
        """Every question as a button with the answer given, each label unique (the deep
        learning interest and skill say which they are)."""
        version = self.quiz.version
        buttons = [
            Button(self._change_label(q, answers.get(q)), ChangeAnswer(version, q).pack())
            for q in self.quiz.questions
        ]
        if self.quiz.tools_step is not None:
            label = self.kb.text("short_known_tools")
            if tools:
                chosen = self.kb.text("short_tools_chosen", count=len(tools))
                label = self.kb.text("labelled", label=label, text=chosen)
            buttons.append(Button(label, ChangeAnswer(version, self.quiz.tools_step).pack()))
        # A way back that changes nothing (a tester typed "b" and got the FAQ's fallback).
        key = self.quiz.navigation.key("back")  # the terminal's [b], as on a question
        back = (button(self.kb, "btn_back_to_result", ResultAction("result"), key=key),)
        return Reply("change_pick", self.kb.text("change_pick"), (*in_rows(buttons, 2), back))
