"""The quiz file's schema (`conversations/quiz.yaml`) and the checks its schema cannot make.

Validation runs at start-up and in `career-bot kb check`, never in the middle of someone's
conversation: an unknown next step, an unreachable step, a dead end, an unknown message or
profile field, a duplicate id or an option value out of range is a `file:line` error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Literal

from pydantic import Field, StrictInt, StrictStr

from bot.content.hedges import check_not_answers
from bot.content.knowledge import Knowledge
from bot.content.located import Located
from bot.content.navigation import Navigation, check_navigation
from bot.content.questions import QUESTION_IDS, answer_values, question_field
from bot.content.quiz_tools import check_tools_step
from bot.content.schema import Id, Record, Text, Version
from bot.content.text import fold
from bot.problems import Problem

RESULT = "result"  # the terminal step: every path ends here
Kind = Literal["scale", "level", "choice", "tools"]


class QuizOption(Record):
    value: StrictInt | StrictStr
    label: Id
    says: tuple[Text, ...] = ()
    next: Id | None = None


class QuizStep(Record):
    kind: Kind
    prompt: Id
    options: Id | None = None  # every kind but `tools`
    next: Id
    field: Id | None = None
    # kind `tools` only: tool ids, one row of toggle buttons per group, and what people type
    # for "Done" (a typed number toggles, a tool name checks).
    tools: tuple[tuple[Id, ...], ...] = ()
    done_says: tuple[Text, ...] = ()
    skip_says: tuple[Text, ...] = ()  # typed at this step only, it is Skip ("i don't code")
    # The answer on what the question asks about ("task.modeling"), for "what is that?".
    about: Text | None = None


class AfterResult(Record):
    """Asked after a result, a request for one of its buttons in other words ("what tools
    should I learn?"): that button pressed, so the answer is the person's own."""

    tools: tuple[Text, ...] = ()
    path: tuple[Text, ...] = ()
    reasons: tuple[Text, ...] = ()  # "but why?": the suggestion's own reasons
    why: tuple[Text, ...] = ()  # "what would change my result?": the runner-up beside it
    result: tuple[Text, ...] = ()  # "what was my result again?": the result itself
    change: tuple[Text, ...] = ()  # "I want to change an answer": the answers to pick from


class QuizFile(Record):
    version: Version
    start: Id
    option_sets: dict[Id, Annotated[tuple[QuizOption, ...], Field(min_length=2)]]
    steps: Annotated[dict[Id, QuizStep], Field(min_length=1)]
    navigation: Navigation
    hedges: tuple[Text, ...] = ()
    unsure: tuple[Text, ...] = ()
    not_using: tuple[Text, ...] = ()
    using: tuple[Text, ...] = ()
    why_not: tuple[Text, ...] = ()
    why_is: tuple[Text, ...] = ()
    why_tails: tuple[Text, ...] = ()
    asking: tuple[Text, ...] = ()
    doubts: tuple[Text, ...] = ()
    fillers: tuple[Text, ...] = ()
    tool_amounts: tuple[Text, ...] = ()
    after_result: AfterResult = AfterResult()
    openers: tuple[Text, ...] = ()


def check_quiz(quiz: QuizFile, src: Located, kb: Knowledge) -> Iterable[Problem]:
    """Every problem of a quiz file that its schema cannot see, each at its `file:line`."""
    if quiz.start not in quiz.steps:
        yield src.problem(("start",), f"unknown start step '{quiz.start}'", "name a step")
    yield from _check_option_sets(quiz, src, kb)
    fields: dict[str, str] = {}
    for step_id, step in quiz.steps.items():
        yield from _check_step(quiz, src, kb, step_id, step)
        if step.field is not None and fields.setdefault(step.field, step_id) != step_id:
            yield src.problem(
                ("steps", step_id, "field"),
                f"field '{step.field}' is also asked by '{fields[step.field]}'",
                "ask each question once",
            )
    yield from _check_graph(quiz, src)
    option_words = {
        set_id: [w for o in options for w in (kb.messages.get(o.label, ""), *o.says) if w]
        for set_id, options in quiz.option_sets.items()
    }
    yield from check_navigation(quiz.navigation, option_words, src)
    yield from check_not_answers("hedges", "hedge", quiz.hedges, option_words, src)
    yield from check_not_answers("unsure", "unsure reply", quiz.unsure, option_words, src)
    yield from check_not_answers("asking", "asking word", quiz.asking, option_words, src)
    for step_id, step in quiz.steps.items():
        # A step's own Skip words would silently win over an answer that says the same.
        if step.options in option_words:
            answers = {step.options: option_words[step.options]}
            at = ("steps", step_id)
            yield from check_not_answers(
                "skip_says", "skip word", step.skip_says, answers, src, at=at
            )


def _check_option_sets(quiz: QuizFile, src: Located, kb: Knowledge) -> Iterable[Problem]:
    for set_id, options in quiz.option_sets.items():
        for i, option in enumerate(options):
            at = ("option_sets", set_id, i)
            if option.label not in kb.messages:
                yield src.problem(
                    (*at, "label"),
                    f"unknown message '{option.label}'",
                    "add it to knowledge/messages.yaml",
                )
            if any(fold(said).isdigit() for said in option.says):
                yield src.problem(
                    (*at, "says"), "a number in says", "numbers pick answers by position"
                )
            if option.next is not None and option.next not in (*quiz.steps, RESULT):
                yield src.problem(
                    (*at, "next"),
                    f"unknown next step '{option.next}'",
                    f"use a step id or '{RESULT}'",
                )


def _check_step(
    quiz: QuizFile, src: Located, kb: Knowledge, step_id: str, step: QuizStep
) -> Iterable[Problem]:
    at = ("steps", step_id)
    if step.prompt not in kb.messages:
        yield src.problem(
            (*at, "prompt"), f"unknown message '{step.prompt}'", "add it to knowledge/messages.yaml"
        )
    if step.next not in (*quiz.steps, RESULT):
        yield src.problem(
            (*at, "next"), f"unknown next step '{step.next}'", f"use a step id or '{RESULT}'"
        )
    if step.about is not None and step.about not in kb.answer_ids:
        yield src.problem(
            (*at, "about"),
            f"unknown answer '{step.about}'",
            "name an answer id (task.modeling)",
        )
    if step.kind == "tools":
        yield from check_tools_step(src, kb, step_id, step)
        return
    if step.options is None or step.options not in quiz.option_sets:
        yield src.problem(
            (*at, "options"),
            f"unknown option set '{step.options}'",
            f"use one of: {', '.join(quiz.option_sets)}",
        )
        return
    if step.field is None:
        return
    if step.field != step_id:
        # Answers are stored under the field and found again by step id.
        yield src.problem(
            (*at, "field"),
            f"field '{step.field}' differs from the step id",
            f"name the step '{step.field}' (a question's step id is its field)",
        )
    if step.field in QUESTION_IDS and step.kind != _kind_of(step.field):
        yield src.problem(
            (*at, "kind"),
            f"kind '{step.kind}' does not fit {step.field}",
            f"ask {step.field} as kind '{_kind_of(step.field)}'",
        )
    if step.field not in QUESTION_IDS:
        yield src.problem(
            (*at, "field"),
            f"unknown profile field '{step.field}'",
            f"use one of: {', '.join(QUESTION_IDS)}",
        )
        return
    allowed = answer_values(step.field)
    for option in quiz.option_sets[step.options]:
        if option.value not in allowed:
            yield src.problem(
                (*at, "options"),
                f"option value {option.value!r} is out of range for {step.field}",
                f"use values from: {', '.join(map(str, allowed))}",
            )


def _kind_of(question: str) -> Kind:
    """How a question must be asked: skills as levels, code as a choice, interests as scales."""
    field, _ = question_field(question)
    kinds: dict[str, Kind] = {"skills": "level", "code": "choice"}
    return kinds.get(field, "scale")


def _check_graph(quiz: QuizFile, src: Located) -> Iterable[Problem]:
    edges = {sid: _targets(quiz, sid) for sid in quiz.steps}
    reachable = _walk(quiz.start, edges)
    for step_id in quiz.steps:
        if step_id not in reachable:
            yield src.problem(
                ("steps", step_id),
                f"step '{step_id}' is unreachable",
                f"lead to it from '{quiz.start}' or remove it",
            )
        elif RESULT not in _walk(step_id, edges):
            yield src.problem(
                ("steps", step_id),
                f"step '{step_id}' is a dead end",
                f"every path must reach '{RESULT}'",
            )


def _targets(quiz: QuizFile, step_id: str) -> set[str]:
    step = quiz.steps[step_id]
    options = quiz.option_sets.get(step.options or "", ())
    return {step.next} | {o.next for o in options if o.next is not None}


def _walk(start: str, edges: Mapping[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in edges.get(todo.pop(), set()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
