"""Table-driven broken data files: break one line, expect `file:line: message` and exit 2."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli.main import main


@dataclass(frozen=True)
class Breakage:
    """Replace the first match of `pattern` in `file` (relative to the data folder); the error
    must point at the line where `expect_at` first matches in the broken file and mention
    `message`."""

    file: str
    pattern: str
    replacement: str
    message: str
    expect_at: str | None = None  # default: the replacement's own line


def apply_breakage(folder: Path, breakage: Breakage) -> int:
    """Break the copy in `folder`; return the 1-based line the error must name."""
    path = folder / breakage.file
    text, count = re.subn(
        breakage.pattern, breakage.replacement, path.read_text(), count=1, flags=re.MULTILINE
    )
    assert count == 1, f"fixture pattern not found in {breakage.file}: {breakage.pattern}"
    path.write_text(text)
    anchor = re.search(breakage.expect_at or re.escape(breakage.replacement), text, re.MULTILINE)
    assert anchor is not None
    return text.count("\n", 0, anchor.start()) + 1 + (text[anchor.start()] == "\n")


def assert_reported(breakage: Breakage, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kb check` on the broken copy exits 2 and names the file, the line and the problem."""
    line = apply_breakage(folder, breakage)
    assert main(["kb", "check", "--dir", str(folder)]) == 2
    err = capsys.readouterr().err
    matching = [e for e in err.splitlines() if e.startswith(f"{breakage.file}:{line}: ")]
    assert any(breakage.message in e for e in matching), err
