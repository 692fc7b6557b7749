"""`career-bot kb check | export | misses`: the knowledge base and what it failed to answer."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.arguments import data_root, positive_int
from bot.cli.database import named_by, open_checked
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.content.knowledge import Knowledge
    from bot.storage.analytics import Miss

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_kb_commands(commands: Commands) -> None:
    kb = commands.add_parser("kb", help="check and export the knowledge base")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    _add_check(kb_commands)
    _add_export(kb_commands)
    _add_misses(kb_commands)


def _add_check(kb_commands: Commands) -> None:
    check = kb_commands.add_parser("check", help="validate knowledge/ and conversations/")
    check.add_argument(
        "--dir",
        type=data_root,
        default=None,
        help="folder holding knowledge/ (default: the installed project's own)",
    )
    check.set_defaults(handler=_check)


def _add_export(kb_commands: Commands) -> None:
    export = kb_commands.add_parser(
        "export", help="every answer id with its title, text and phrasings"
    )
    export.add_argument("--json", action="store_true", required=True, help="JSON output")
    export.add_argument("--dir", type=data_root, default=None, help="folder holding knowledge/")
    export.set_defaults(handler=_export)


def _add_misses(kb_commands: Commands) -> None:
    misses = kb_commands.add_parser(
        "misses", help="the questions the bot could not answer, most frequent first"
    )
    misses.add_argument("--db", type=Path, default=None, help="SQLite file")
    misses.add_argument("--limit", type=positive_int, default=20, help="how many (default 20)")
    misses.set_defaults(handler=_misses)


def _check(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from bot.app import load_data

    data = load_data(args.dir)
    kb = data.kb
    phrasings = sum(len(entry.questions) for entry in kb.faq.values())
    templates = sum(len(t) for t in kb.phrasings.templates.values())
    print(
        f"ok: {len(kb.roles)} roles, {len(kb.tasks)} tasks, {len(kb.skills)} skills, "
        f"{len(kb.tools)} tools, {len(kb.faq)} FAQ entries, {phrasings} phrasings, "
        f"{templates} templates, {len(data.quiz.steps)} quiz steps",
        file=env.stdout,
    )
    return ExitStatus.OK


def _export(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from bot.content.knowledge import load_knowledge

    json.dump(_exported_answers(load_knowledge(args.dir)), env.stdout, ensure_ascii=False, indent=1)
    print(file=env.stdout)
    return ExitStatus.OK


def _exported_answers(kb: Knowledge) -> list[dict[str, Any]]:
    """Every answer with its wording and the phrasings that reach it (`kb export --json`)."""
    from bot.matching.answers import AnswerBook
    from bot.matching.matcher import collect_phrasings
    from bot.matching.phrasings import expand_phrasings

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


def _misses(args: argparse.Namespace, env: Environment) -> ExitStatus:
    db = args.db or Settings.from_env(env.variables).db_path
    option = named_by(args.db, env.variables)
    for miss in asyncio.run(_top_misses(db, option, args.limit)):
        print(f"{miss.count:6d}  {printable(miss.text)}", file=env.stdout)
    return ExitStatus.OK


def printable(text: str) -> str:
    """People typed these: control characters (a terminal's colour codes, a bell, a line
    break) are shown escaped, never sent raw to the operator's terminal."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


async def _top_misses(db: Path, option: str, limit: int) -> list[Miss]:
    storage = await open_checked(None, db, option, must_exist=True)
    try:
        return await storage.analytics.top_misses(limit)
    finally:
        await storage.close()
