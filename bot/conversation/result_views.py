"""The result and what its buttons open: the summary with its chart, "Why not...?", the
questions to change. Shown from the recommendation the turn computed; nothing computed here."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import partial
from typing import Literal

from bot.content.questions import Answer, question_field
from bot.content.recommender_config import level_word
from bot.content.text import in_sentence
from bot.conversation.events import Button, Image, Reply
from bot.conversation.payloads import ChangeAnswer, OpenRole, ResultAction, show_answer
from bot.conversation.tool_buttons import Rows, in_rows
from bot.conversation.views import ViewParts, button
from bot.recommend.chart import chart_plan, chart_png
from bot.recommend.comparison import Comparison
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation
from bot.recommend.summary import path_lines, summary_text, tools_lines, top_lines

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

    def why_top(self, profile: Profile, result: Recommendation) -> Reply:
        """ "Why <the suggestion>?": the result's best match with its reasons for and against,
        and the runner-up a tap away (a tester's "Why software engineer?" got the role's
        card; the whole result again buried the answer)."""
        lines = top_lines(result, profile, self.kb, self.recommender)
        runner_up = result.ranking[1].name
        buttons = ((button(self.kb, "btn_why_not", ResultAction("why"), role=runner_up),),)
        return Reply("why_top", "\n".join(lines), buttons)

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

    def why_not(self, result: Recommendation) -> Reply:
        """The suggestion against the runner-up: the answers that separate them, the skill
        targets side by side, and the change that would put the runner-up first."""
        runner_up = result.ranking[1]
        lines = []
        if result.why_not is not None:
            lines = self._comparison(result.why_not, result.ranking[0].name, runner_up.name)
        hint = result.swap_hint
        if hint is not None:
            lines.append(self.kb.text("why_not_change", text=hint.text))
        elif not result.shows_percentages:
            lines.append(self.kb.text("why_not_unscored", role=runner_up.name))
        else:
            gap = result.ranking[0].score - runner_up.score
            words = {"role": runner_up.name, "score": runner_up.score}
            # "Close behind" while the margin is one at which confidence cannot be high.
            if gap >= self.recommender.confidence.high_margin:
                lines.append(self.kb.text("why_not_far", **words, gap=gap))
            else:
                lines.append(self.kb.text("why_not_close", **words))
        return self._why_not_reply(lines, runner_up.role)

    def why_not_role(self, result: Recommendation, comparison: Comparison) -> Reply:
        """The suggestion against a role further down the ranking, asked for by name ("why
        not ML engineer?"): as for the runner-up, without the smallest change to swap them,
        which is searched for the runner-up only."""
        top = result.ranking[0]
        place, other = next(
            (i, m) for i, m in enumerate(result.ranking, 1) if m.role == comparison.second
        )
        lines = self._comparison(comparison, top.name, other.name)
        key = "why_not_further" if result.shows_percentages else "why_not_further_unscored"
        lines.append(
            self.kb.text(
                key,
                role=other.name,
                place=place,
                count=len(result.ranking),
                score=other.score,
                first=top.name,
                top_score=top.score,
            )
        )
        return self._why_not_reply(lines, other.role)

    def why_not_top(self, result: Recommendation) -> Reply:
        return Reply("why_not_is_top", self.kb.text("why_not_is_top", role=result.ranking[0].name))

    def _why_not_reply(self, lines: list[str], role: str) -> Reply:
        buttons = [Button(self.book.title(f"role.{role}"), OpenRole(role).pack())]
        return Reply("why_not", "\n".join(lines), in_rows(buttons, 1))

    def _comparison(self, comparison: Comparison, first: str, second: str) -> list[str]:
        kb, levels = self.kb, self.recommender.texts.levels
        lines = [kb.text("why_not_title", first=first, second=second)]
        if comparison.separating:
            lines.append(kb.text("why_not_separating"))
            lines += [
                kb.text("why_not_answer", answer=self.short_name(q, value), role=first)
                for q, value in comparison.separating
            ]
        if comparison.skills:
            lines.append(kb.text("why_not_targets", first=first, second=second))
            unrated = kb.text("why_not_unrated")
            lines += [
                kb.text(
                    "why_not_target",
                    skill=kb.skills[t.skill].name,
                    have=unrated if t.have is None else level_word(levels, t.have),
                    first=level_word(levels, t.first),
                    second=level_word(levels, t.second),
                )
                for t in comparison.skills
            ]
        return lines

    def change_pick(self, answers: Mapping[str, Answer], tools: Collection[str] = ()) -> Reply:
        """Every question as a button with the answer given, each label unique (the deep
        learning interest and skill say which they are)."""
        version = self.quiz.version
        buttons = [
            Button(self.short_name(q, answers.get(q)), ChangeAnswer(version, q).pack())
            for q in self.quiz.questions
        ]
        if self.quiz.tools_step is not None:
            label = self.kb.text("short_known_tools")
            if tools:
                chosen = self.kb.text("short_tools_chosen", count=len(tools))
                label = self.kb.text("labelled", label=label, text=chosen)
            buttons.append(Button(label, ChangeAnswer(version, self.quiz.tools_step).pack()))
        return Reply("change_pick", self.kb.text("change_pick"), in_rows(buttons, 2))

    def short_name(self, question: str, value: Answer | None) -> str:
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
