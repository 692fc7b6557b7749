"""The quiz as data: load `conversations/quiz.yaml` (validated by quiz_file.py), then walk
it and read what people type at its questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.content.answer_options import Options
from bot.content.asking import first_clause
from bot.content.hedges import without_hedges
from bot.content.home import data_home
from bot.content.knowledge import Knowledge
from bot.content.likely_answers import is_rating, likely_answer, rating
from bot.content.located import load_located
from bot.content.navigation import Navigation
from bot.content.phrases import after_opening, before_tail, typos_of
from bot.content.questions import Answer
from bot.content.quiz_file import RESULT, QuizFile, QuizOption, QuizStep, check_quiz
from bot.content.text import fold, symbol_key
from bot.content.typed_answers import read_typed_answer
from bot.content.validation import validate_file
from bot.problems import DataError

__all__ = ["RESULT", "Quiz", "QuizOption", "QuizStep", "load_quiz"]

_SENTENCE_END = re.compile(r"[?.!]")
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)  # a letter three times or more


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
    using: tuple[str, ...] = ()  # folded openings of "I use ...", longest first
    why_not: tuple[str, ...] = ()  # folded openings of "why not <role>?", longest first
    why_is: tuple[str, ...] = ()  # folded openings of "why <role>?", longest first
    why_tails: tuple[str, ...] = ()  # folded endings after the role ("my runner up")
    asking: frozenset[str] = frozenset()  # folded words that make a short reply a question
    doubts: frozenset[str] = frozenset()  # folded words of doubt after an answer's opening
    fillers: frozenset[str] = frozenset()  # folded words beside an answer's ("super good")
    tool_amounts: tuple[str, ...] = ()  # folded: how much of a tool ("a bit of python")
    # Folded requests for a result button in other words, by the button's action (quiz_file).
    after_result: Mapping[str, frozenset[str]] = field(default_factory=dict)
    openers: tuple[str, ...] = ()  # folded words before an `after_result` phrase (quiz file)
    # Every tool of knowledge/tools.yaml: the buttons offer a few, a typed name notes any.
    all_tools: tuple[str, ...] = ()

    @cached_property
    def _not_answers(self) -> frozenset[str]:
        """Words that, after an answer's opening, leave a reply no answer: questions, doubts."""
        return self.asking | self.doubts

    def asked_after_result(self, text: str) -> str | None:
        """The result button (its action) a reply asks for in other words ("what tools should
        I learn?", "wat tools shud i lern"), hedges aside; None for anything else. Word for
        word, each as listed or a typo of it (typos_of): a whole-message likeness let "what
        skills should i learn" and "what do i earn first" through (a reviewer's)."""
        return self._asked(dict.fromkeys([fold(text), without_hedges(fold(text), self.hedges)]))

    def asked_first(self, text: str) -> tuple[str, str] | None:
        """The result button a reply's first sentence of more than courtesies asks for, and
        the sentences after it: "ok but what should i learn first? i only have evenings" (a
        tester got the advice to take /quiz). The caller decides whether the rest says what
        for ("... for the ml engineer role")."""
        sentences = _SENTENCE_END.split(text.strip())
        asides = (*self.hedges, *(fold(c) for c in self.navigation.courtesies), *self.openers)
        for at, sentence in enumerate(sentences):
            words = without_hedges(fold(sentence), asides)
            if words:
                action = self._asked([words])
                return None if action is None else (action, " ".join(sentences[at + 1 :]))
        return None

    def _asked(self, readings: Iterable[str]) -> str | None:
        for words in readings:
            typed = words.split()
            for action, says in self.after_result.items():
                if any(typos_of(typed, said.split()) for said in says):
                    return action
        return None

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
        """Whether a typed reply says "I don't know" ("idk", "hmm not sure tbh", "🤷")."""
        if not fold(text):
            return bool(symbol_key(text)) and symbol_key(text) in self.unsure
        readings = (words for typed in _unstretched(text) for words in self.readings(typed))
        return any(words in self.unsure for words in readings)

    def not_used(self, text: str) -> str | None:
        """What a reply says the person does not use, when it opens by saying so ("never
        used git", "tbh no docker"): the folded rest, or None."""
        return after_opening(without_hedges(fold(text), self.hedges), self.not_using)

    def used(self, text: str) -> str | None:
        """What a reply says the person uses, when it opens by saying so ("i use jupyter"):
        the folded rest, or None."""
        return after_opening(without_hedges(fold(text), self.hedges), self.using)

    def why_not_named(self, text: str) -> str | None:
        """The role a reply asks about when it opens with "why not" ("why not ML engineer?",
        "so why not mle"): the folded rest, or None."""
        return self._named_after(text, self.why_not)

    def why_is_named(self, text: str) -> str | None:
        """The role a reply asks about when it opens with "why" ("why software engineer?",
        "why did you suggest data scientist"): the folded rest, or None."""
        return self._named_after(text, self.why_is)

    def _named_after(self, text: str, openings: tuple[str, ...]) -> str | None:
        for words in self.readings(text):
            rest = after_opening(words, openings)
            if rest is not None:
                return before_tail(rest, self.why_tails)
        return None

    def readings(self, text: str) -> tuple[str, ...]:
        """The folded reply as typed, then without its hedges ("hmm not sure tbh")."""
        words = fold(text)
        return (words, without_hedges(words, self.hedges))

    def skips(self, step: str, text: str) -> bool:
        """Whether a reply is the step's own way of saying Skip ("i don't code" at the
        coding question), as typed or without its hedges, with a reason after it or not
        ("i dont write code, never done that": a tester's got "did you mean")."""
        says = {fold(said) for said in self.steps[step].skip_says}
        clause = first_clause(text, self._not_answers)
        replies = (text,) if clause is None else (text, clause)
        return any(words in says for reply in replies for words in self.readings(reply))

    def answer_like(self, text: str) -> bool:
        """Whether a reply that answered nothing still reads as a try at an answer: at most
        three words (hedges aside), no question mark, each word from an answer at some
        question or a filler beside one ("super good", "meh" at a skill, "hell no"), at
        least one of them a one-word answer. "average salary" or "basic math" is a
        question."""
        if is_rating(text):  # "3/5" beside four answers
            return True
        if "?" in text:
            return False
        words = without_hedges(fold(text), self.hedges).split()
        if not 0 < len(words) <= 3 or self.asking.intersection(words):
            return False
        answers, said = self._said
        return bool(answers.intersection(words)) and set(words) <= said | self.fillers

    @property
    def answer_words(self) -> frozenset[str]:
        """Every word of the questions' answers as people type them ("hell", "bit")."""
        return self._said[1]

    @cached_property
    def _said(self) -> tuple[frozenset[str], frozenset[str]]:
        """The one-word `says` of the questions ("good", "meh": never "i" or "it" alone from
        "i like it", nor the checkpoint's "now" and "more"), and every word of their `says`
        ("hell yes": "hell", "yes")."""
        sets = {self.steps[q].options for q in self.questions}
        phrases = [
            fold(said)
            for set_id in sets
            if set_id is not None
            for option in self.option_sets[set_id]
            for said in option.says
        ]
        whole = frozenset(p for p in phrases if len(p.split()) == 1)
        return whole, frozenset(word for p in phrases for word in p.split())

    def typed_answer(self, step: str, text: str, labels: Mapping[str, str]) -> Answer | None:
        """The option a typed reply means ("4", "love it", "nto really"), or None. A number
        is the answer's position from 1, as the terminal numbers them: "0" is no answer
        unless an answer's label is "0"."""
        choices = self.choices(step, labels)
        symbol = symbol_key(text)
        if symbol:
            return choices.get(symbol)
        values = [o.value for o in self.options(step)]
        options = Options(choices, values, self.hedges, self._not_answers)
        found = (_read(reading, values, options) for reading in _unstretched(text))
        return next((answer for answer in found if answer is not None), None)

    def likely_answer(self, step: str, text: str, labels: Mapping[str, str]) -> Answer | None:
        """The answer a reply not taken as one opens with (`likely_answers`): to offer."""
        readers = (self.choices(step, labels), self.hedges, self._not_answers)
        found = (likely_answer(typed, *readers) for typed in _unstretched(text))
        return next((answer for answer in found if answer is not None), None)

    def choices(self, step: str, labels: Mapping[str, str]) -> dict[str, Answer]:
        """Each folded way to type an answer of `step` (its label, its `says`) to its value."""
        choices: dict[str, Answer] = {}
        for option in self.options(step):
            for said in (labels[option.label], *option.says):
                # An emoji in says ("👍") folds to nothing: it is matched by its symbol.
                choices.setdefault(fold(said) or symbol_key(said), option.value)
        return choices


def _unstretched(text: str) -> tuple[str, ...]:
    """The reply as typed, then with a letter typed three times or more read as two, then as
    one: "coool" is "cool", "yesss" is "yes", "idkkk" is "idk" (testers got "not sure")."""
    return tuple(dict.fromkeys((text, _STRETCHED.sub(r"\1\1", text), _STRETCHED.sub(r"\1", text))))


def _read(text: str, values: list[Answer], options: Options) -> Answer | None:
    """A rating out of the number of answers, at a scale only ("2/3" at the coding question
    or the checkpoint had pressed "Show my result", a reviewer's), or the answer in words."""
    rated = rating(text, values) if _is_scale(values) else None
    return rated if rated is not None else read_typed_answer(text, options)


def _is_scale(values: list[Answer]) -> bool:
    """Whether a question's answers are a scale (interests 0-4, levels 0-3), not a choice of
    words (how you code, the checkpoint's paths)."""
    return all(isinstance(value, int) for value in values)


def load_quiz(kb: Knowledge, root: Path | None = None) -> Quiz:
    """Load and validate `root/conversations/quiz.yaml` against the knowledge base."""
    src = load_located(
        (root or data_home()) / "conversations" / "quiz.yaml", "conversations/quiz.yaml"
    )
    record, problems = validate_file(QuizFile, src)
    if record is None:
        raise DataError(problems)
    problems = list(check_quiz(record, src, kb))
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
        frozenset(fold(phrase) or symbol_key(phrase) for phrase in record.unsure),
        _longest_first(record.not_using),
        _longest_first(record.using),
        _longest_first(record.why_not),
        _longest_first(record.why_is),
        _longest_first(record.why_tails),
        frozenset(fold(word) for word in record.asking),
        frozenset(fold(word) for word in record.doubts),
        frozenset(fold(word) for word in record.fillers),
        tuple(fold(amount) for amount in record.tool_amounts),
        {
            action: frozenset(fold(said) for said in says)
            for action, says in record.after_result.model_dump().items()
        },
        tuple(fold(opener) for opener in record.openers),
        tuple(kb.tools),
    )


def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({fold(phrase) for phrase in phrases}, key=len, reverse=True))
