"""`career-bot ask`: the FAQ matcher from the command line, one question or one per line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from bot.cli.arguments import folder
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.content.knowledge import load_knowledge
from bot.matching.matcher import FaqMatcher, Match

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_ask_command(commands: Commands) -> None:
    ask = commands.add_parser(
        "ask",
        help="answer a question from the knowledge base",
        description="Answer QUESTION, or every line of standard input when none is given.",
    )
    ask.add_argument("question", nargs="?", help="the question (default: one per stdin line)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--dir", type=folder, default=None, help="folder holding knowledge/")
    ask.set_defaults(handler=_ask)


def _ask(args: argparse.Namespace, env: Environment) -> ExitStatus:
    matcher = FaqMatcher(load_knowledge(args.dir))
    questions = [args.question] if args.question is not None else _lines(env.stdin)
    for question in questions:
        match = matcher.match(question)
        if args.json:
            print(json.dumps(_match_json(matcher, match), ensure_ascii=False), file=env.stdout)
        else:
            print(_render_match(matcher, match), end="\n\n", file=env.stdout)
    return ExitStatus.OK


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
