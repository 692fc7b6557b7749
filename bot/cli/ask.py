"""`career-bot ask`: the FAQ matcher from the command line, one question or one per line.

By default the words alone answer (the lexical matcher: what the bot answers while its model
loads, or with CAREER_BOT_EMBEDDINGS=off), in a fraction of a second. `--model` first loads
the embedding model and reads every question as the running bot does once it is loaded (the
hybrid): slower to start (about a second, more on a first run, which encodes every phrasing
into CAREER_BOT_CACHE), but the answer a person in the chat would get.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from bot.cli.arguments import folder
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.content.knowledge import load_knowledge
from bot.matching.matcher import FaqMatcher, Match
from bot.matching.reader import QuestionReader
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.matching.background import Background

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


class Reads(Protocol):
    def match(self, query: str) -> Match: ...


class ModelUnavailable(RuntimeError):
    """`ask --model` without a model: a broken install, not bad input (exit 1, logged)."""


def add_ask_command(commands: Commands) -> None:
    ask = commands.add_parser(
        "ask",
        help="answer a question from the knowledge base",
        description="Answer QUESTION, or every line of standard input when none is given.",
    )
    ask.add_argument("question", nargs="?", help="the question (default: one per stdin line)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--dir", type=folder, default=None, help="folder holding knowledge/")
    ask.add_argument(
        "--model",
        action="store_true",
        help="read by meaning too, as the running bot does (loads the embedding model first)",
    )
    ask.set_defaults(handler=_ask)


def _ask(args: argparse.Namespace, env: Environment) -> ExitStatus:
    matcher = FaqMatcher(load_knowledge(args.dir))
    questions = [args.question] if args.question is not None else _lines(env.stdin)
    if not args.model:
        _answer_all(matcher, matcher, questions, args.json, env)
        return ExitStatus.OK
    models = _loaded_models(matcher, Settings.from_env(env.variables).cache_dir)
    try:
        _answer_all(QuestionReader(matcher, models.slot), matcher, questions, args.json, env)
    finally:
        models.close()
    return ExitStatus.OK


def _loaded_models(matcher: FaqMatcher, cache_dir: Path) -> Background:
    """The embedding model, loaded before the first question (the bot loads it in the
    background and answers by words meanwhile; a command asked for the model waits)."""
    from bot.app import start_models

    models = start_models(matcher.kb, cache_dir)
    try:
        models.wait()
        if not models.ready():
            raise ModelUnavailable("the embedding model could not be loaded (the log says why)")
    except BaseException:  # Ctrl-C too: onnxruntime must not be inside a run at exit
        models.close()
        raise
    return models


def _answer_all(
    reader: Reads,
    matcher: FaqMatcher,
    questions: Iterable[str],
    as_json: bool,
    env: Environment,
) -> None:
    for question in questions:
        match = reader.match(question)
        if as_json:
            print(json.dumps(_match_json(matcher, match), ensure_ascii=False), file=env.stdout)
        else:
            print(_render_match(matcher, match), end="\n\n", file=env.stdout)


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def _reply_text(matcher: FaqMatcher, match: Match) -> str:
    """What a person reads: the answer, the did-you-mean prompt, or the fallback."""
    kb = matcher.kb
    if match.outcome == "answer" and match.id is not None:
        return matcher.book.text(match.id)
    if match.outcome == "did_you_mean":
        return kb.text("did_you_mean")
    fallback = {"empty": "empty_input", "unreadable": "unreadable_input"}
    return kb.text(fallback.get(match.reason, "not_answered"))


def _render_match(matcher: FaqMatcher, match: Match) -> str:
    lines = [_reply_text(matcher, match)]
    lines += [
        f"[{i}] {s.title}"
        for i, s in enumerate(match.suggestions, 1)
        if match.outcome == "did_you_mean"
    ]
    return "\n".join(lines)


def _match_json(matcher: FaqMatcher, match: Match) -> dict[str, Any]:
    return {
        "query": match.query,
        "id": match.id,
        "score": match.score,
        "answer": _reply_text(matcher, match),
        "suggestions": [
            {"id": s.id, "title": s.title, "score": s.score} for s in match.suggestions
        ],
    }
