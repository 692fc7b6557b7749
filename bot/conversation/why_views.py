"""The result's comparisons: why the suggestion ("why data scientist?"), why not the
runner-up or a role further down, and which role a typed name meant when it fits several.
Shown from the recommendation the turn computed; nothing computed here."""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.recommender_config import level_word
from bot.conversation.events import Button, Reply
from bot.conversation.payloads import OpenRole, ResultAction, WhyRole
from bot.conversation.tool_buttons import in_rows
from bot.conversation.view_parts import ViewParts, button
from bot.recommend.comparison import Comparison
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation
from bot.recommend.summary import top_lines


class WhyViews(ViewParts):
    def why_top(self, profile: Profile, result: Recommendation) -> Reply:
        """ "Why <the suggestion>?": the result's best match with its reasons for and against,
        and the runner-up a tap away (a tester's "Why software engineer?" got the role's
        card; the whole result again buried the answer)."""
        lines = top_lines(result, profile, self.kb, self.recommender)
        runner_up = result.ranking[1].name
        buttons = ((button(self.kb, "btn_why_not", ResultAction("why"), role=runner_up),),)
        return Reply("why_top", "\n".join(lines), buttons)

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

    def why_which_role(self, roles: Sequence[str]) -> Reply:
        """The roles a typed "why not researcher?" may mean, one to pick."""
        buttons = [Button(self.kb.roles[role].name, WhyRole(role).pack()) for role in roles]
        return Reply("why_which_role", self.kb.text("why_which_role"), in_rows(buttons, 1))

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
