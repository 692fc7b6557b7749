"""`career-bot ask` and `career-bot kb export`: the FAQ matcher from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.content.knowledge import Knowledge, load_knowledge
from bot.matching.answers import AnswerBook
from bot.matching.matcher import FaqMatcher, Match, collect_phrasings
from bot.matching.phrasings import expand_phrasings

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
    ask.add_argument("--dir", type=Path, default=None, help="folder holding knowledge/")
    ask.set_defaults(handler=_ask)


def add_export_command(kb_commands: Commands) -> None:
    export = kb_commands.add_parser(
        "export", help="every answer id with its title, text and phrasings"
    )
    export.add_argument("--json", action="store_true", required=True, help="JSON output")
    export.add_argument("--dir", type=Path, default=None, help="folder holding knowledge/")
    export.set_defaults(handler=_export)


def _ask(args: argparse.Namespace) -> int:
    matcher = FaqMatcher(load_knowledge(args.dir))
    questions = [args.question] if args.question is not None else _lines(sys.stdin)
    for question in questions:
        match = matcher.match(question)
        if args.json:
            print(json.dumps(match_json(matcher, match), ensure_ascii=False))
        else:
            print(render_match(matcher, match), end="\n\n")
    return 0


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def reply_text(matcher: FaqMatcher, match: Match) -> str:
    """What a person reads: the answer, the did-you-mean prompt, or the fallback."""
    kb = matcher.kb
    if match.outcome == "answer" and match.id is not None:
        return matcher.book.text(match.id)
    if match.outcome == "did_you_mean":
        return kb.text("did_you_mean")
    fallback = {"empty": "empty_input", "unreadable": "unreadable_input"}
    return kb.text(fallback.get(match.reason, "not_answered"))


def render_match(matcher: FaqMatcher, match: Match) -> str:
    lines = [reply_text(matcher, match)]
    lines += [
        f"[{i}] {s.title}"
        for i, s in enumerate(match.suggestions, 1)
        if match.outcome == "did_you_mean"
    ]
    return "\n".join(lines)


def match_json(matcher: FaqMatcher, match: Match) -> dict[str, Any]:
    return {
        "query": match.query,
        "id": match.id,
        "score": match.score,
        "answer": reply_text(matcher, match),
        "suggestions": [
            {"id": s.id, "title": s.title, "score": s.score} for s in match.suggestions
        ],
    }


def _export(args: argparse.Namespace) -> int:
    kb = load_knowledge(args.dir)
    json.dump(export_answers(kb), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def export_answers(kb: Knowledge) -> list[dict[str, Any]]:
    book = AnswerBook(kb)
    phrasings = expand_phrasings(kb, collect_phrasings(kb))
    return [
        {
            "id": answer_id,
            "title": book.title(answer_id),
            "answer": book.text(answer_id),
            "follow_ups": list(book.follow_ups(answer_id)),
            "phrasings": sorted(phrasings.get(answer_id, ())),
        }
        for answer_id in book.ids()
    ]
