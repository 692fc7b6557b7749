"""Expected errors: bad data or bad input, reported with where and how to fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, at a line, with a hint on the fix."""

    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}: {self.message}{hint}"


class ExpectedError(Exception):
    """An error the user can fix; the command line prints it and exits with 2."""


class DataError(ExpectedError):
    """Invalid data files: every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(ExpectedError):
    """Bad input on the command line or in a profile; the message names the field."""
