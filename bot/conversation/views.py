"""Replies built from knowledge and state: questions, answers, role cards, the result.

Every sentence comes from the knowledge files; this module only arranges them and the
buttons (whose payloads `bot.conversation.payloads.make` builds and checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.content.knowledge import ROLE_FACETS, Knowledge
from bot.content.questions import SKILL_PREFIX, question_field
from bot.content.quiz import Quiz, Value
from bot.content.recommender_config import RecommenderConfig
from bot.content.text import fold
from bot.conversation.events import Button, Image, Reply
from bot.conversation.payloads import answer_payload, make
from bot.matching.matcher import FaqMatcher, Match
from bot.recommend.model import Recommendation, Recommender
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.summary import summary_text
from bot.storage.analytics import Miss

PROGRESS_CELLS = 10
ROLE_NAME_CUTOFF = 80  # a typed role name this close to a known name or alias is that role

Rows = tuple[tuple[Button, ...], ...]


class Views:
    def __init__(
        self,
        kb: Knowledge,
        quiz: Quiz,
        matcher: FaqMatcher,
        recommender: RecommenderConfig,
        charts: bool,
    ) -> None:
        self.kb, self.quiz, self.matcher = kb, quiz, matcher
        self.recommender, self.charts = recommender, charts
        self.scorer = Recommender(kb, recommender)  # its tables are built once
        # The same answers give the same result: a turn that finishes the quiz needs it for
        # the reply and for the statistics, and "Why not...?" right after needs it again.
        self.recommendation = lru_cache(maxsize=256)(self._recommendation)

    # plain messages -------------------------------------------------------------------

    def say(self, message_id: str, **values: object) -> Reply:
        return Reply(message_id, self.kb.text(message_id, **values))

    def notice(self, message_id: str) -> Reply:
        return self.say(message_id)

    def greeting(self) -> Reply:
        buttons = (
            (
                self._button("btn_start_quiz", "l", "quiz"),
                self._button("btn_browse_roles", "l", "roles"),
            ),
        )
        return Reply("greeting", self.kb.text("greeting"), buttons)

    def help(self) -> Reply:
        lines = [self.kb.text("help_intro")]
        lines += [self.kb.text("help_line", command=c, text=t) for c, t in self.kb.commands.items()]
        return Reply("help_intro", "\n".join(lines))

    def confirm(self, what: str, count: int) -> Reply:
        if what == "restart":
            text, yes = self.kb.text("restart_confirm", count=count), "btn_restart_yes"
            no = "btn_keep"
        else:
            text, yes, no = self.kb.text("forget_confirm"), "btn_forget_yes", "btn_keep"
        buttons = ((self._button(yes, "y", what), self._button(no, "n", what)),)
        return Reply(f"{what}_confirm", text, buttons)

    # the quiz -------------------------------------------------------------------------

    def question(
        self, step: str, current: Value | None, trail: Sequence[str], *, replace_message: bool
    ) -> Reply:
        spec = self.quiz.steps[step]
        text = "\n\n".join((self._progress(step), self._prompt(step)))
        rows = self._option_rows(step, current)
        nav = [self._button("btn_back", "b", self.quiz.version, step)] if trail else []
        if spec.field is not None:
            nav.append(self._button("btn_skip", "s", self.quiz.version, step))
        return Reply(
            spec.prompt, text, (*rows, tuple(nav)) if nav else rows, replace=replace_message
        )

    def _progress(self, step: str) -> str:
        position = self.quiz.progress(step)
        if position is None:
            return self.kb.text("quiz_checkpoint_progress", bar=_bar(1, 2))
        n, total = position
        return self.kb.text("quiz_progress", n=n, total=total, bar=_bar(n, total))

    def _prompt(self, step: str) -> str:
        spec = self.quiz.steps[step]
        if spec.kind != "level" or spec.field is None:
            return self.kb.text(spec.prompt)
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
        return self.kb.text(spec.prompt, skill=skill.name, covers=skill.covers, levels=levels)

    def _option_rows(self, step: str, current: Value | None) -> Rows:
        buttons = []
        for option in self.quiz.options(step):
            label = self.kb.text(option.label)
            if option.value == current:
                label = self.kb.text("btn_selected", label=label)
            payload = make("a", self.quiz.version, step, option.value)
            buttons.append(Button(label, payload))
        return _rows(buttons, 3 if len(buttons) > 4 else 2)

    # answers and browsing -------------------------------------------------------------

    def answer(self, answer_id: str) -> Reply:
        book = self.matcher.book
        buttons = [Button(book.title(f), answer_payload(f)) for f in book.follow_ups(answer_id)]
        return Reply(answer_id, book.text(answer_id), _rows(buttons, 1))

    def faq(self, match: Match) -> Reply:
        if match.outcome == "answer" and match.id is not None:
            return self.answer(match.id)
        if match.outcome == "did_you_mean":
            buttons = [Button(s.title, answer_payload(s.id)) for s in match.suggestions]
            return Reply("did_you_mean", self.kb.text("did_you_mean"), _rows(buttons, 1))
        key = {"empty": "empty_input", "unreadable": "unreadable_input"}.get(
            match.reason, "not_answered"
        )
        buttons = [
            self._button("btn_start_quiz", "l", "quiz"),
            self._button("btn_browse_roles", "l", "roles"),
        ]
        return Reply(key, self.kb.text(key), (tuple(buttons),))

    def role_list(self, not_found: str | None = None) -> Reply:
        buttons = [Button(role.name, make("r", rid)) for rid, role in self.kb.roles.items()]
        if not_found is None:
            return Reply("roles_list", self.kb.text("roles_list"), _rows(buttons, 1))
        text = self.kb.text("role_not_found", name=" ".join(not_found.split())[:60])
        return Reply("role_not_found", text, _rows(buttons, 1))

    def role_card(self, role_id: str) -> Reply:
        buttons = [self._button(f"btn_{f}", "f", f"role.{role_id}.{f}") for f in ROLE_FACETS]
        buttons.append(self._button("btn_compare", "c", role_id))
        rows = (*_rows(buttons, 3), (self._button("btn_all_roles", "l", "roles"),))
        return Reply(f"role.{role_id}", self.matcher.book.text(f"role.{role_id}"), rows)

    def compare_pick(self, role_id: str) -> Reply:
        buttons = [
            Button(other.name, answer_payload(f"compare.{min(role_id, oid)}.{max(role_id, oid)}"))
            for oid, other in self.kb.roles.items()
            if oid != role_id
        ]
        text = self.kb.text("compare_pick", role=self.kb.roles[role_id].name)
        return Reply("compare_pick", text, _rows(buttons, 1))

    def tools_pick(self) -> Reply:
        buttons = [
            Button(r.name, answer_payload(f"role.{rid}.tools")) for rid, r in self.kb.roles.items()
        ]
        return Reply("tools_pick", self.kb.text("tools_pick"), _rows(buttons, 1))

    def find_role(self, name: str) -> str | None:
        """A role from what someone typed: a name or alias, typos tolerated."""
        return _find_role(self.matcher, name)

    # the result -----------------------------------------------------------------------

    def recommend(self, answers: Mapping[str, Value]) -> Recommendation:
        return self.recommendation(tuple(sorted(answers.items())))

    def _recommendation(self, answers: tuple[tuple[str, Value], ...]) -> Recommendation:
        return self.scorer.recommend(self.profile(dict(answers)))

    def profile(self, answers: Mapping[str, Value]) -> Profile:
        data: dict[str, object] = {}
        for question, value in answers.items():
            field, key = question_field(question)
            if key is None:
                data[field] = value
            else:
                data.setdefault(field, {})[key] = value  # type: ignore[index]
        return parse_profile(data)

    def result(self, answers: Mapping[str, Value], *, updated: bool) -> list[Reply]:
        profile = self.profile(answers)
        result = self.recommend(answers)
        text = summary_text(result, profile, self.kb, self.recommender)
        if updated:
            text = self.kb.text("result_updated") + "\n\n" + text
        replies = [Reply("result", text, self._result_buttons(result, profile))]
        if self.charts:
            replies.append(self._chart(profile, result))
        return replies

    def _result_buttons(self, result: Recommendation, profile: Profile) -> Rows:
        runner_up = result.ranking[1].name
        first = [self._button("btn_why_not", "x", "why", role=runner_up)]
        first.append(self._button("btn_change", "x", "change"))
        second = [
            self._button("btn_result_tools", "x", "tools"),
            self._button("btn_result_path", "x", "path"),
        ]
        last = [self._button("btn_again", "x", "again")]
        if not profile.skills:
            last.insert(0, self._button("btn_refine", "x", "refine"))
        return (tuple(first), tuple(second), tuple(last))

    def _chart(self, profile: Profile, result: Recommendation) -> Reply:
        kb, config = self.kb, self.recommender

        def render() -> bytes:
            from bot.recommend.chart import skill_chart  # matplotlib loads on the first chart only

            return skill_chart(profile, result, kb, config)

        caption = kb.text("chart_caption", role=result.ranking[0].name)
        return Reply("chart", caption, image=Image(render, caption))

    def why_not(self, result: Recommendation) -> Reply:
        hint = result.swap_hint
        runner_up = result.ranking[1]
        text = (
            hint.text
            if hint is not None
            else self.kb.text("why_not_close", role=runner_up.name, score=runner_up.score)
        )
        buttons = [
            Button(self.matcher.book.title(f"role.{runner_up.role}"), make("r", runner_up.role))
        ]
        return Reply("why_not", text, _rows(buttons, 1))

    def change_pick(self, answers: Mapping[str, Value]) -> Reply:
        buttons = [
            Button(self._short_name(q, answers.get(q)), make("g", self.quiz.version, q))
            for q in self.quiz.questions
        ]
        return Reply("change_pick", self.kb.text("change_pick"), _rows(buttons, 2))

    def _short_name(self, question: str, value: Value | None) -> str:
        field, key = question_field(question)
        if field == "tasks" and key is not None:
            name = self.kb.tasks[key].name
        elif field == "skills" and key is not None:
            name = self.kb.skills[key].name
        else:
            name = self.kb.text("short_code" if field == "code" else "short_deep_learning")
        option = self.quiz.option(question, value) if value is not None else None
        if option is None:
            return name
        return self.kb.text("labelled", label=name, text=self.kb.text(option.label))

    # admin ----------------------------------------------------------------------------

    def stats(self, people: int, events: Mapping[tuple[str, str], int]) -> Reply:
        started = sum(n for (kind, _), n in events.items() if kind == "quiz_started")
        finished = {d: n for (kind, d), n in events.items() if kind == "quiz_finished"}
        lines = [
            self.kb.text(
                "stats_report", people=people, started=started, finished=sum(finished.values())
            )
        ]
        lines += [
            self.kb.text("stats_role_line", role=self.kb.roles[rid].name, count=n)
            for rid, n in sorted(finished.items(), key=lambda kv: (-kv[1], kv[0]))
            if rid in self.kb.roles
        ]
        return Reply("stats_report", "\n".join(lines))

    def misses(self, misses: Sequence[Miss]) -> Reply:
        if not misses:
            return self.say("misses_none")
        lines = [self.kb.text("misses_report")]
        lines += [self.kb.text("misses_line", count=m.count, text=m.text) for m in misses]
        return Reply("misses_report", "\n".join(lines))

    def _button(self, message_id: str, kind: str, *args: object, **values: object) -> Button:
        return Button(self.kb.text(message_id, **values), make(kind, *args))


def _rows(buttons: Iterable[Button], width: int) -> Rows:
    items = list(buttons)
    return tuple(tuple(items[i : i + width]) for i in range(0, len(items), width))


def _bar(n: int, total: int) -> str:
    filled = round(PROGRESS_CELLS * n / total)
    return "▰" * filled + "▱" * (PROGRESS_CELLS - filled)


def _find_role(matcher: FaqMatcher, name: str) -> str | None:
    analysis = matcher.analyzer.analyze(name)
    roles = [e.id for e in analysis.entities if e.kind == "role"]
    if roles:
        return roles[0]
    names = {
        fold(alias): rid
        for rid, role in matcher.kb.roles.items()
        for alias in (role.name, *role.aliases)
    }
    best = process.extractOne(
        fold(name), list(names), scorer=fuzz.ratio, score_cutoff=ROLE_NAME_CUTOFF
    )
    return names[best[0]] if best else None
