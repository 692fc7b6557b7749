"""The quiz as data: load and validate `conversations/quiz.yaml`, then walk it.

Validation runs at start-up and in `career-bot kb check`, never in the middle of someone's
conversation: an unknown next step, an unreachable step, a dead end, an unknown message or
profile field, a duplicate id or an option value out of range is a `file:line` error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictInt, StrictStr

from bot.content.hedges import check_not_answers, without_hedges
from bot.content.home import data_home
from bot.content.knowledge import Knowledge
from bot.content.located import Located, load_located
from bot.content.navigation import Navigation, check_navigation
from bot.content.questions import QUESTION_IDS, Answer, answer_values, question_field
from bot.content.quiz_tools import check_tools_step
from bot.content.schema import Id, Record, Text, Version
from bot.content.text import fold
from bot.content.typed_answers import read_typed_answer
from bot.content.validation import validate_file
from bot.problems import DataError, Problem

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
    # for "Done" (numbers and tool names toggle).
    tools: tuple[tuple[Id, ...], ...] = ()
    done_says: tuple[Text, ...] = ()


class QuizFile(Record):
    version: Version
    start: Id
    option_sets: dict[Id, Annotated[tuple[QuizOption, ...], Field(min_length=2)]]
    steps: Annotated[dict[Id, QuizStep], Field(min_length=1)]
    navigation: Navigation
    hedges: tuple[Text, ...] = ()
    unsure: tuple[Text, ...] = ()
    not_using: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Quiz:
    """A validated quiz with the lookups the engine needs."""

    version: int
    start: str
    steps: Mapping[str, QuizStep]
    option_sets: Mapping[str, tuple[QuizOption, ...]]
    questions: tuple[str, ...]  # steps that fill one answer of the profile, in file order
    navigation: Navigation
    tools_step: str | None = None  # the multi-select step that fills `known_tools`
    hedges: tuple[str, ...] = ()  # folded words around an answer that do not change it
    unsure: frozenset[str] = frozenset()  # folded ways of saying "I don't know"
    not_using: tuple[str, ...] = ()  # folded openings of "I don't use ...", longest first

    def options(self, step: str) -> tuple[QuizOption, ...]:
        option_set = self.steps[step].options
        return self.option_sets[option_set] if option_set is not None else ()

    def tool_ids(self, step: str) -> tuple[str, ...]:
        """The tools a `tools` step offers, in button order (empty for other steps)."""
        return tuple(tool for row in self.steps[step].tools for tool in row)

    @property
    def asked(self) -> tuple[str, ...]:
        """Every step that is a question (one answer or the tools), in quiz order."""
        return (*self.questions, *([self.tools_step] if self.tools_step else ()))

    def option(self, step: str, value: Answer) -> QuizOption | None:
        return next((o for o in self.options(step) if o.value == value), None)

    def next_step(self, step: str, value: Answer | None) -> str:
        chosen = self.option(step, value) if value is not None else None
        return chosen.next if chosen is not None and chosen.next else self.steps[step].next

    def progress(self, step: str) -> tuple[int, int] | None:
        """(n, total) for "Question n of total", or None for a step that is no question."""
        if step not in self.asked:
            return None
        return self.asked.index(step) + 1, len(self.asked)

    def is_unsure(self, text: str) -> bool:
        """Whether a typed reply says "I don't know" ("idk", "hmm not sure tbh")."""
        words = fold(text)
        return words in self.unsure or without_hedges(words, self.hedges) in self.unsure

    def not_used(self, text: str) -> str | None:
        """What a reply says the person does not use, when it opens by saying so ("never
        used git", "tbh no docker"): the folded rest, or None."""
        words = without_hedges(fold(text), self.hedges)
        for opening in self.not_using:
            rest = words.removeprefix(f"{opening} ")
            if rest != words:
                return rest
        return None

    def typed_answer(self, step: str, text: str, labels: Mapping[str, str]) -> Answer | None:
        """The option a typed reply means ("4", "love it", "nto really"), or None. A number
        is the answer's position from 1, as the terminal numbers them: "0" is no answer
        unless an answer's label is "0"."""
        options = self.options(step)
        choices: dict[str, Answer] = {}
        for option in options:
            for said in (labels[option.label], *option.says):
                choices.setdefault(fold(said), option.value)
        return read_typed_answer(text, choices, [o.value for o in options], self.hedges)


def load_quiz(kb: Knowledge, root: Path | None = None) -> Quiz:
    """Load and validate `root/conversations/quiz.yaml` against the knowledge base."""
    src = load_located(
        (root or data_home()) / "conversations" / "quiz.yaml", "conversations/quiz.yaml"
    )
    record, problems = validate_file(QuizFile, src)
    if record is None:
        raise DataError(problems)
    problems = list(_check(record, src, kb))
    if problems:
        raise DataError(problems)
    questions = tuple(
        sid for sid, step in record.steps.items() if step.field is not None and step.kind != "tools"
    )
    tools_step = next((sid for sid, step in record.steps.items() if step.kind == "tools"), None)
    return Quiz(
        record.version,
        record.start,
        record.steps,
        record.option_sets,
        questions,
        record.navigation,
        tools_step,
        tuple(fold(hedge) for hedge in record.hedges),
        frozenset(fold(phrase) for phrase in record.unsure),
        tuple(sorted({fold(phrase) for phrase in record.not_using}, key=len, reverse=True)),
    )


def _check(quiz: QuizFile, src: Located, kb: Knowledge) -> Iterable[Problem]:
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
