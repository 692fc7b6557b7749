"""`career-bot ask`: a question answered as the bot answers it, one question or one per line.

The command first loads the models, as the running bot does in the background, and reads every
question as the bot does once they are loaded: a message in another language gets the bot's
note in that language, any other the hybrid's decision. So what an operator or a script sees
here is the reply a person in the chat gets. That costs about a second at start (about 20 s on
a first run, which encodes every phrasing into CAREER_BOT_CACHE). With CAREER_BOT_EMBEDDINGS=off
the command reads as a bot so configured does: the words alone, with the language note (whose
model still takes most of that second to load).
`--words` skips the models: the words alone (what the bot answers while its model loads), in a
fraction of a second.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.cli.arguments import data_root
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.content.knowledge import load_knowledge
from bot.content.messages import one_or_more
from bot.matching.matcher import FaqMatcher, Match
from bot.matching.reader import QuestionReader
from bot.settings import cache_dir, embeddings_on

if TYPE_CHECKING:  # loaded with the models, not for `--words`
    from bot.matching.background import Background
    from bot.matching.language import LanguageDetector

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_ask_command(commands: Commands) -> None:
    ask = commands.add_parser(
        "ask",
        help="answer a question from the knowledge base",
        description="Answer QUESTION, or every line of standard input when none is given, as"
        " the bot does: the embedding model is loaded first (about a second; about 20 s on a"
        " first run, which caches its vectors in $CAREER_BOT_CACHE; CAREER_BOT_EMBEDDINGS=off"
        " switches it off). --words answers at once by the words alone.",
    )
    ask.add_argument("question", nargs="?", help="the question (default: one per stdin line)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--dir", type=data_root, default=None, help="folder holding knowledge/")
    ask.add_argument(
        "--words",
        action="store_true",
        help="the words alone, without loading the models (what the bot answers while its"
        " model loads): answers at once",
    )
    ask.set_defaults(handler=_ask)


def _ask(args: argparse.Namespace, env: Environment) -> ExitStatus:
    matcher = FaqMatcher(load_knowledge(args.dir))
    questions = [args.question] if args.question is not None else _lines(env.stdin)
    if args.words:
        for question in questions:
            match = matcher.match(question)
            _print(_render_match(matcher, match), _match_json(matcher, match), args.json, env)
        return ExitStatus.OK
    embeddings = embeddings_on(env.variables)
    models = _loaded_models(matcher, cache_dir(env.variables), embeddings=embeddings)
    if models is None:
        message = (
            "error: the embedding model could not be loaded (the log above says why);"
            " `career-bot ask --words` answers by the words alone"
        )
        print(message, file=env.stderr)
        return ExitStatus.UNEXPECTED_ERROR
    try:
        bot = _AsTheBot(matcher, QuestionReader(matcher, models.slot), models.language)
        for question in questions:
            _print(*bot.reply(question), args.json, env)
    finally:
        models.close()
    return ExitStatus.OK


def _loaded_models(matcher: FaqMatcher, cache: Path, *, embeddings: bool) -> Background | None:
    """The models, loaded before the first question (the bot loads them in the background
    and answers by words meanwhile; a command that answers as the bot waits); None when the
    embedding model was asked for and could not be loaded (its loader has logged why)."""
    from bot.app import start_models

    models = start_models(matcher.kb, cache, embeddings=embeddings)
    try:
        models.wait()
    except BaseException:  # Ctrl-C: onnxruntime must not be inside a run when Python exits
        models.close()
        raise
    if models.ready() or not embeddings:
        return models
    models.close()
    return None


@dataclass(frozen=True)
class _AsTheBot:
    """A question read as the bot's free text reads it (conversation/free_text.py): a message
    in a language the bot does not speak gets the note in that language (the shipped model
    reads English only, so the note offers no answer); any other gets the hybrid's decision
    (the words' alone with the embedding model switched off).
    The JSON line also says which language the message was taken for (null: English)."""

    matcher: FaqMatcher
    reader: QuestionReader
    language: LanguageDetector

    def reply(self, question: str) -> tuple[str, dict[str, Any]]:
        code = self.language.detect(question)
        if code is None:
            match = self.reader.match(question)
            line = _match_json(self.matcher, match)
            return _render_match(self.matcher, match), {**line, "language": None}
        note = self.matcher.kb.english_only(code)
        line = {"query": question, "id": None, "score": 0.0, "answer": note, "suggestions": []}
        return note, {**line, "language": code}


def _print(text: str, line: dict[str, Any], as_json: bool, env: Environment) -> None:
    if as_json:
        print(json.dumps(line, ensure_ascii=False), file=env.stdout)
    else:
        print(text, end="\n\n", file=env.stdout)


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def _reply_text(matcher: FaqMatcher, match: Match) -> str:
    """What a person reads: the answer, the did-you-mean prompt, or the fallback."""
    kb = matcher.kb
    if match.outcome == "answer" and match.id is not None:
        return matcher.book.text(match.id)
    if match.outcome == "did_you_mean":
        return kb.text(one_or_more("did_you_mean", len(match.suggestions)))
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
