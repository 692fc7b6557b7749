"""Load and validate `knowledge/recommender.yaml`: the scoring weights and every sentence
the recommender can say, reported as `file:line: what (fix)` like the other knowledge files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from bot.content.advice_config import Advice, check_advice
from bot.content.home import data_home
from bot.content.knowledge_checks import placeholders
from bot.content.located import Located, load_located
from bot.content.recommender_placeholders import PLACEHOLDERS
from bot.content.schema import Record, Text, Version
from bot.content.validation import validate_file
from bot.problems import DataError, Problem

FILE = "recommender.yaml"

# Above 0: a weight of 0 would make a question count for nothing yet still be "answered".
Weight = Annotated[float, Field(strict=True, ge=0.1, le=100)]
Share = Annotated[float, Field(strict=True, ge=0, le=1)]
Direction = Annotated[float, Field(strict=True, ge=-1, le=1)]
Points = Annotated[int, Field(strict=True, ge=0, le=100)]
# A layout line of the readable summary: leading spaces are indentation, so they are kept.
Line = Annotated[str, StringConstraints(strict=True, min_length=1)]


class Weights(Record):
    task: Weight
    deep_learning_interest: Weight
    code: Weight
    skill: Weight
    known_tools: Weight  # the tools step as a whole (bot/recommend/tools.py)


class SkillFit(Record):
    below: Share
    above: Share


class ByLevel(Record):
    """One value per skill level, 0 none .. 3 accomplished (see `level_direction`)."""

    none: Direction
    beginning: Direction
    developing: Direction
    accomplished: Direction


class ByCode(Record):
    prototyping: Share
    both: Share
    production: Share


class CodeFit(Record):
    prototyping: ByCode
    both: ByCode
    production: ByCode


class Confidence(Record):
    low_margin: Points
    high_margin: Points
    high_min_answers: Annotated[int, Field(strict=True, ge=0, le=15)]


class Reasons(Record):
    max: Annotated[int, Field(strict=True, ge=2, le=4)]
    min_lean: Annotated[float, Field(strict=True, ge=0, le=0.5)]
    min_against: Annotated[float, Field(strict=True, ge=0)]


class LevelWords(Record):
    none: Text
    beginning: Text
    developing: Text
    accomplished: Text


class InterestWords(Record):
    """One phrase per interest answer, 0 dislike .. 4 love (see `interest_word`)."""

    dislike: Text
    not_keen: Text
    neutral: Text
    like: Text
    love: Text


class CodeWords(Record):
    prototyping: Text
    both: Text
    production: Text


class ConfidenceWords(Record):
    high: Text
    medium: Text
    low: Text


class ReasonTexts(Record):
    task_done: Text
    task_not_done: Text
    deep_learning_core: Text
    deep_learning_minor: Text
    code_same: Text
    code_close: Text
    code_differs: Text
    skill_meets: Text
    skill_above: Text
    skill_unused: Text
    skill_close: Text
    skill_modest: Text
    skill_below: Text


class SwapTexts(Record):
    """The swap hint speaks of the change (more, less, a level to reach); the plain forms
    are for a question that was skipped."""

    task: Text
    task_more: Text
    task_less: Text
    deep_learning: Text
    deep_learning_more: Text
    deep_learning_less: Text
    code: Text
    skill: Text
    skill_up: Text
    skill_down: Text
    skill_none: Text


class QuestionTexts(Record):
    task: Text
    code: Text
    deep_learning_interest: Text
    skill: Text


class SummaryTexts(Record):
    best: Line
    best_flat: Line
    best_sparse: Line
    confidence: Line
    reason_for: Line
    reason_against: Line
    runner_ups: Line
    runner_up: Line
    runner_up_flat: Line
    swap_hint: Line
    tie_breaker: Line
    tie_breaker_answered: Line
    answered_interest: Line
    answered_skill: Line
    answered_code: Line
    gaps: Line
    gap: Line
    no_skills: Line
    no_gaps: Line
    tools: Line
    tools_for_task: Line
    tools_for_unwanted_task: Line
    separator: Line
    no_tools: Line
    path: Line
    path_step: Line
    chart_saved: Line
    disclaimer: Line
    disclaimer_no_skills: Line


class ChartTexts(Record):
    title: Text
    title_unrated: Text  # no skill rated: the targets alone
    gap: Text  # the mark beside a skill below the suggested role's target
    you: Text
    top: Text
    runner_up: Text
    not_rated: Text


class Texts(Record):
    levels: LevelWords
    feel: InterestWords
    felt: InterestWords
    code_answer: CodeWords
    code_role: CodeWords
    confidence: ConfidenceWords
    reasons: ReasonTexts
    swap: SwapTexts
    questions: QuestionTexts
    summary: SummaryTexts
    chart: ChartTexts


class RecommenderConfig(Record):
    version: Version
    weights: Weights
    skill_fit: SkillFit
    deep_learning_direction: ByLevel
    code_fit: CodeFit
    confidence: Confidence
    reasons: Reasons
    texts: Texts
    advice: Advice


LEVEL_KEYS = tuple(LevelWords.model_fields)
INTEREST_KEYS = tuple(InterestWords.model_fields)


def level_word(words: LevelWords, level: int) -> str:
    """The word for skill level 0-3."""
    return str(getattr(words, LEVEL_KEYS[level]))


def level_direction(directions: ByLevel, level: int) -> float:
    """How deep-learning interest counts for a role whose deep-learning target is `level`."""
    return float(getattr(directions, LEVEL_KEYS[level]))


def interest_word(words: InterestWords, interest: int) -> str:
    """The phrase for interest answer 0-4."""
    return str(getattr(words, INTEREST_KEYS[interest]))


def load_recommender_config(root: Path | None = None) -> RecommenderConfig:
    """Load and validate `root/knowledge/recommender.yaml`; raise DataError with every problem."""
    folder = (root or data_home()) / "knowledge"
    src = load_located(folder / FILE, f"{folder.name}/{FILE}")
    config, problems = validate_file(RecommenderConfig, src)
    if config is not None:
        problems.extend(_check(config, src))
    if problems or config is None:
        raise DataError(problems)
    return config


def _check(config: RecommenderConfig, src: Located) -> Iterator[Problem]:
    confidence = config.confidence
    if confidence.high_margin < confidence.low_margin:
        yield src.problem(
            ("confidence", "high_margin"),
            f"high_margin {confidence.high_margin} is below low_margin {confidence.low_margin}",
            "a high-confidence margin must be at least the low one",
        )
    yield from _checkplaceholders(config.texts, src)
    yield from check_advice(config.advice, src)


def _checkplaceholders(texts: Texts, src: Located) -> Iterator[Problem]:
    for section_name in Texts.model_fields:
        section: BaseModel = getattr(texts, section_name)
        allowed_here = PLACEHOLDERS.get(section_name, {})
        for key in type(section).model_fields:
            allowed = allowed_here.get(key, frozenset())
            used = placeholders(str(getattr(section, key)))
            if used is None or used - allowed:
                shown = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
                yield src.problem(
                    ("texts", section_name, key),
                    f"texts.{section_name}.{key} has an unknown or broken placeholder",
                    f"placeholders allowed here: {shown}; write {{{{ and }}}} for literal braces",
                )
