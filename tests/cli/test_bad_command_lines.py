"""Bad command lines, run through the real command: exit 2 and one line that says what and
where, never a traceback, and nothing created on the way.

Each row is a command line someone could type. They run in process (`main(argv, env)`);
the cases where a real process matters (closed pipes, bytes on stdin, Ctrl-C) are in
test_process_edges.py.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main

TOKEN = "1234567:" + "B" * 35
NESTED = "[" * 100_000  # deeper than json's recursion allows


@dataclass(frozen=True)
class Case:
    argv: list[str]
    says: str  # a fragment of the one line on stderr
    variables: dict[str, str] = field(default_factory=dict)
    stdin: str = ""


def case(*argv: str, says: str, stdin: str = "", **variables: str) -> Case:
    return Case(list(argv), says, variables, stdin)


# `{tmp}` in an argument or a variable is the test's own folder, which holds `corrupt.db`
# (a file that is not a database) and `missing/` does not exist.
CASES = {
    "unknown option": case("--bogus", says="career-bot: unrecognized arguments: --bogus"),
    "unknown option of a command": case(
        "ask", "--bogus", says="career-bot ask: unrecognized arguments: --bogus (see career-bot ask"
    ),
    "unknown option before a command": case(
        "--bogus", "ask", "hi", says="career-bot: unrecognized arguments: --bogus (see career-bot"
    ),
    "unknown option between kb and its command": case(
        "kb", "-x", "check", says="career-bot kb: unrecognized arguments: -x"
    ),
    "unknown option of a kb command": case(
        "kb", "check", "-x", says="career-bot kb check: unrecognized arguments: -x"
    ),
    "unknown command": case("frobnicate", says="invalid choice: 'frobnicate'"),
    "kb without a sub-command": case("kb", says="career-bot kb: the following arguments"),
    "--limit 0": case("kb", "misses", "--limit", "0", says="--limit: must be 1 or more, got 0"),
    "--limit -1": case("kb", "misses", "--limit", "-1", says="--limit: must be 1 or more"),
    "--limit many": case("kb", "misses", "--limit", "many", says="expected a whole number"),
    "kb misses on a missing database": case(
        "kb", "misses", "--db", "{tmp}/typo.sqlite3", says="no such database"
    ),
    "kb misses on a file that is not a database": case(
        "kb", "misses", "--db", "{tmp}/corrupt.db", says="not a usable SQLite database"
    ),
    "kb misses on a folder": case("kb", "misses", "--db", "{tmp}", says="is a folder"),
    "kb check on a missing folder": case(
        "kb", "check", "--dir", "{tmp}/missing", says="--dir: no such folder: {tmp}/missing"
    ),
    "kb check on a file": case(
        "kb", "check", "--dir", "{tmp}/corrupt.db", says="--dir: is not a folder"
    ),
    "kb export from a missing folder": case(
        "kb", "export", "--json", "--dir", "{tmp}/missing", says="no such folder"
    ),
    "ask from a missing folder": case("ask", "hi", "--dir", "{tmp}/missing", says="no such"),
    "ask from a folder with no knowledge base": case(
        "ask", "hi", "--dir", "{tmp}", says="--dir: {tmp} holds no knowledge/ folder"
    ),
    "chat --db a folder": case("chat", "--db", "{tmp}", says="--db {tmp}: is a folder"),
    "chat --db in a missing folder": case(
        "chat", "--db", "{tmp}/missing/x.db", says="no such folder {tmp}/missing"
    ),
    "chat --db a file that is not a database": case(
        "chat", "--db", "{tmp}/corrupt.db", says="--db {tmp}/corrupt.db: not a usable"
    ),
    "CAREER_BOT_DB a folder": case(
        "chat", says="CAREER_BOT_DB {tmp}: is a folder", CAREER_BOT_DB="{tmp}"
    ),
    "CAREER_BOT_DB a corrupt file": case(
        "chat", says="CAREER_BOT_DB {tmp}/corrupt.db: not a", CAREER_BOT_DB="{tmp}/corrupt.db"
    ),
    "chat --user beyond 64 bits": case(
        "chat", "--user", "1180591620717411303424", says="--user: a Telegram user id is 1 to"
    ),
    "chat --user 0": case("chat", "--user", "0", says="--user: a Telegram user id"),
    "run --port -1": case("run", "--port", "-1", says="--port: a port is 1-65535, got -1"),
    "run --port 99999": case("run", "--port", "99999", says="--port: a port is 1-65535"),
    "run --listen 999.1.1.1": case(
        "run", "--listen", "999.1.1.1", says="--listen: '999.1.1.1' is not an IP address"
    ),
    "run --listen with a space": case("run", "--listen", "my host", says="not an IP address"),
    "run --base-url malformed": case(
        "run",
        "--base-url",
        "http://[::1",
        says="--base-url is not a valid URL",
        TELEGRAM_BOT_TOKEN=TOKEN,
    ),
    "run --base-url with a bad port": case(
        "run",
        "--base-url",
        "https://x.org:99999/bot",
        says="--base-url is not a valid URL",
        TELEGRAM_BOT_TOKEN=TOKEN,
    ),
    "run with CAREER_BOT_DB a folder": case(
        "run",
        says="CAREER_BOT_DB {tmp}: is a folder",
        TELEGRAM_BOT_TOKEN=TOKEN,
        CAREER_BOT_DB="{tmp}",
    ),
    "run with CAREER_BOT_DB a corrupt file": case(
        "run",
        says="not a usable SQLite database",
        TELEGRAM_BOT_TOKEN=TOKEN,
        CAREER_BOT_DB="{tmp}/corrupt.db",
    ),
    "recommend --profile a folder": case(
        "recommend", "--profile", "{tmp}", says="--profile: cannot read {tmp}"
    ),
    "recommend deeply nested JSON": case(
        "recommend", stdin=NESTED, says="stdin: JSON nested too deeply"
    ),
}


def _filled(text: str, tmp: Path) -> str:
    return text.replace("{tmp}", str(tmp))


@pytest.mark.parametrize("bad", CASES.values(), ids=list(CASES))
def test_a_bad_command_line_exits_2_with_one_line(bad: Case, tmp_path: Path) -> None:
    (tmp_path / "corrupt.db").write_text("not a database, just text\n" * 100)
    before = sorted(tmp_path.rglob("*"))
    out, err = io.StringIO(), io.StringIO()
    variables = {name: _filled(value, tmp_path) for name, value in bad.variables.items()}
    env = Environment(io.StringIO(bad.stdin), out, err, variables)

    status = main([_filled(arg, tmp_path) for arg in bad.argv], env)

    assert status == ExitStatus.BAD_INPUT
    assert "Traceback" not in err.getvalue()
    assert len(err.getvalue().splitlines()) == 1, err.getvalue()
    assert _filled(bad.says, tmp_path) in err.getvalue()
    assert out.getvalue() == ""
    assert sorted(tmp_path.rglob("*")) == before, "nothing is created on the way"
    assert TOKEN not in err.getvalue()
