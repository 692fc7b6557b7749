"""`career-bot kb export` and `kb misses` (`kb check` is tested with the content it checks)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.content.knowledge import Knowledge


def run(argv: list[str], stdin: str = "", variables: dict[str, str] | None = None) -> str:
    out, err = io.StringIO(), io.StringIO()
    # The words alone: these chats are about what is logged, not the model.
    env = Environment(
        io.StringIO(stdin), out, err, {"CAREER_BOT_EMBEDDINGS": "off", **(variables or {})}
    )
    assert main(argv, env) == ExitStatus.OK, err.getvalue()
    return out.getvalue()


def test_export_lists_every_answer_with_its_wording_and_phrasings(kb: Knowledge) -> None:
    answers = json.loads(run(["kb", "export", "--json"]))
    assert [answer["id"] for answer in answers] == sorted(kb.answer_ids)
    first = answers[0]
    assert set(first) == {"id", "title", "answer", "follow_ups", "phrasings"}
    assert first["phrasings"] == sorted(first["phrasings"])
    assert all(answer["answer"] and answer["title"] for answer in answers)


def test_misses_lists_what_the_chat_could_not_answer(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    run(["chat", "--db", str(db)], stdin="tell me a joke\ntell me a joke\nsalary?\n")
    lines = run(["kb", "misses", "--db", str(db)]).splitlines()
    assert lines[0].split() == ["2", "tell", "me", "a", "joke"]
    assert lines[1].split() == ["1", "salary?"]


def test_misses_are_read_from_the_database_the_variables_name(tmp_path: Path) -> None:
    variables = {"CAREER_BOT_DB": str(tmp_path / "bot.sqlite3")}
    run(["chat"], stdin="tell me a joke\n", variables=variables)
    listed = run(["kb", "misses", "--limit", "1"], variables=variables)
    assert listed.split() == ["1", "tell", "me", "a", "joke"]


def test_misses_show_control_characters_escaped_not_raw(tmp_path: Path) -> None:
    """People typed these; a colour code must not reach the operator's terminal."""
    db = tmp_path / "bot.sqlite3"
    run(["chat", "--db", str(db)], stdin="\x1b[31mtell me a joke\x07 please\n")
    listed = run(["kb", "misses", "--db", str(db)])
    assert "\x1b" not in listed
    assert "\x07" not in listed
    assert listed.split(maxsplit=1) == ["1", "\\x1b[31mtell me a joke\\x07 please\n"]


def test_misses_keep_letters_of_every_language(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    run(["chat", "--db", str(db)], stdin="¿qué es un científico de datos? 数据\n")
    assert run(["kb", "misses", "--db", str(db)]).split(maxsplit=1)[1] == (
        "¿qué es un científico de datos? 数据\n"
    )
