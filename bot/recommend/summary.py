"""The result as a person reads it: top role with reasons, runners-up, gaps, tools, path.

Shared by `career-bot recommend` and the chat's result step; every sentence comes from
knowledge/recommender.yaml.
"""

from __future__ import annotations

from bot.content.knowledge import Knowledge
from bot.content.recommender_config import RecommenderConfig, level_word
from bot.content.text import in_sentence
from bot.recommend.explain import answer_phrase, question_text
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation

RUNNER_UPS_SHOWN = 3
STRENGTH = 2  # developing: a skill named as a strength at the start


def summary_text(
    result: Recommendation, profile: Profile, kb: Knowledge, config: RecommenderConfig
) -> str:
    """The readable summary: top role with reasons, runners-up, gaps, tools, path."""
    sections = (
        *_start(result, profile, kb, config),
        top_lines(result, profile, kb, config),
        _parts(result),
        *_adjacent(result, kb, config),
        _runner_ups(result, config),
        _gaps(result, profile, kb, config),
        tools_lines(result, kb, config),
        path_lines(result, config),
        [_disclaimer(profile, config)],
    )
    return "\n\n".join("\n".join(lines) for lines in sections)


def top_lines(
    result: Recommendation, profile: Profile, kb: Knowledge, config: RecommenderConfig
) -> list[str]:
    """The best match, how sure the suggestion is, and the reasons for and against it."""
    words, top = config.texts.summary, result.ranking[0]
    confidence = getattr(config.texts.confidence, result.confidence)
    lines = [
        _best_line(result, config),
        words.confidence.format(confidence=confidence),
    ]
    for reason in top.reasons:
        template = words.reason_for if reason.stance == "for" else words.reason_against
        lines.append(template.format(text=reason.text))
    swap = result.swap_hint
    # The swap hint below says what a change to that same question would do ("If you enjoyed
    # modeling more, ..."): asking it again above would say one thing twice.
    if result.tie_breaker is not None and (swap is None or swap.question != result.tie_breaker):
        question = question_text(result.tie_breaker, kb, config)
        # Skipped questions and neutral answers are tie-breakers, any answer when all are alike.
        answer = profile.answer(result.tie_breaker)
        if answer is None:
            lines.append(words.tie_breaker.format(question=question))
        else:
            said = answer_phrase(result.tie_breaker, answer, config.texts)
            lines.append(words.tie_breaker_answered.format(question=question, answer=said))
    return lines


def _runner_ups(result: Recommendation, config: RecommenderConfig) -> list[str]:
    words = config.texts.summary
    shown = result.ranking[1 : 1 + RUNNER_UPS_SHOWN]
    line = words.runner_up if result.shows_percentages else words.runner_up_flat
    lines = [words.runner_ups, *(line.format(role=m.name, score=m.score) for m in shown)]
    if result.swap_hint is not None:
        lines.append(words.swap_hint.format(text=result.swap_hint.text))
    return lines


def _gaps(
    result: Recommendation, profile: Profile, kb: Knowledge, config: RecommenderConfig
) -> list[str]:
    """The skills to grow, and the ones the role needs that were not rated: a tester who
    skipped business acumen read no word on it beside a data analyst's accomplished target
    (only the chart said "not rated")."""
    words, levels = config.texts.summary, config.texts.levels
    if not profile.skills:
        return [words.no_skills]
    lines = [words.gaps] if result.gaps else [words.no_gaps]
    for gap in result.gaps:
        have, need = level_word(levels, gap.have), level_word(levels, gap.need)
        line = words.gap.format(skill=gap.name, have=have, need=need, first_step=gap.first_step)
        lines.append(line)
    if result.unknown_skills:
        names = words.separator.join(in_sentence(kb.skills[s].name) for s in result.unknown_skills)
        texts = config.advice.texts
        unknown = texts.gap_unknown if result.gaps else texts.gap_unknown_alone
        lines.append(unknown.format(skills=names))
    return lines


def tools_lines(result: Recommendation, kb: Knowledge, config: RecommenderConfig) -> list[str]:
    """One line per task, the most enjoyed task first (the order `result.tools` keeps)."""
    words = config.texts.summary
    if not result.tools:
        return [words.no_tools]
    by_task: dict[tuple[str, bool], list[str]] = {}
    for tool in result.tools:
        by_task.setdefault((tool.task, tool.unwanted), []).append(tool.name)
    lines = [words.tools]
    for (task, unwanted), names in by_task.items():
        template = words.tools_for_unwanted_task if unwanted else words.tools_for_task
        task_name = in_sentence(kb.tasks[task].name)
        lines.append(template.format(task=task_name, tools=words.separator.join(names)))
    return lines


def path_lines(result: Recommendation, config: RecommenderConfig) -> list[str]:
    words = config.texts.summary
    steps = (words.path_step.format(number=i, step=s) for i, s in enumerate(result.path, 1))
    return [words.path, *steps]


def _start(
    result: Recommendation, profile: Profile, kb: Knowledge, config: RecommenderConfig
) -> list[list[str]]:
    """At the start: said plainly, with the skills the person has at developing or more (a
    nurse with accomplished communication read only what she lacked) and the role needs no
    more of (a skill the gaps list is not also a strength), the entry routes with reasons,
    then the first months."""
    if not result.at_start:
        return []
    words = config.advice.texts
    to_grow = {gap.skill for gap in result.gaps}
    strong = [
        in_sentence(skill.name)
        for skill_id, skill in kb.skills.items()
        if profile.skills.get(skill_id, 0) >= STRENGTH and skill_id not in to_grow
    ]
    opening = [words.at_start]
    if strong:
        listed = config.texts.summary.separator.join(strong)
        opening.append(words.at_start_strengths.format(skills=listed))
    routes = [words.entry_route.format(role=r.name, reason=r.reason) for r in result.entry_routes]
    months = (
        words.first_month_step.format(number=i, step=step)
        for i, step in enumerate(result.first_months, 1)
    )
    return [
        opening,
        [words.entry_routes, *routes],
        [words.first_months, *months],
    ]


def _parts(result: Recommendation) -> list[str]:
    return [] if result.confidence_parts is None else list(result.confidence_parts.texts)


def _adjacent(result: Recommendation, kb: Knowledge, config: RecommenderConfig) -> list[list[str]]:
    found = result.adjacent
    if found is None:
        return []
    words = config.advice.texts
    role = in_sentence(kb.roles[found.role].name)
    title = kb.faq[found.faq.removeprefix("faq.")].title
    text = words.adjacent.format(career=in_sentence(found.name), role=role, why=found.why)
    return [[text, words.adjacent_more.format(title=title)]]


def _best_line(result: Recommendation, config: RecommenderConfig) -> str:
    words, top = config.texts.summary, result.ranking[0]
    parts = result.confidence_parts
    if parts is not None and parts.flat:
        return words.best_flat.format(role=top.name)
    if parts is not None and parts.sparse:
        return words.best_sparse.format(role=top.name)
    return words.best.format(role=top.name, score=top.score)


def _disclaimer(profile: Profile, config: RecommenderConfig) -> str:
    words = config.texts.summary
    return words.disclaimer if profile.skills else words.disclaimer_no_skills
