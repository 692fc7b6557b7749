"""The SQLite file a command names, checked before it is opened.

SQLite opens almost anything: a missing file becomes a new empty database (and the store
would create missing folders), and a folder or a file of another kind fails later with a
bare `sqlite3` exception. A path given on purpose (`--db`, `CAREER_BOT_DB`) is refused
instead, naming it; only the default `data/` folder is created, so `make chat` works in a
fresh clone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.problems import InputError
from bot.settings import DEFAULT_DB
from bot.storage.analytics import MISS_MEMORY

if TYPE_CHECKING:
    from bot.storage.factory import Storage


def named_by(flag: Path | None, variables: Mapping[str, str]) -> str:
    """What chose the database, for error messages: the flag, the variable or the default."""
    if flag is not None:
        return "--db"
    return "CAREER_BOT_DB" if variables.get("CAREER_BOT_DB") else "the default database"


def checked_path(path: Path, option: str, *, must_exist: bool = False) -> Path:
    """`path` if a database can be opened (or, unless `must_exist`, created) there."""
    if path.is_dir():
        raise InputError(f"{option} {path}: is a folder; name a database file in it")
    if path.exists():
        return path
    if must_exist:
        raise InputError(f"{option} {path}: no such database (check the path)")
    if path != DEFAULT_DB and not path.parent.is_dir():
        raise InputError(f"{option} {path}: no such folder {path.parent} (create it first)")
    return path


async def open_checked(
    store_url: str | None,
    db: Path,
    option: str,
    *,
    must_exist: bool = False,
    miss_memory: timedelta = MISS_MEMORY,
) -> Storage:
    """The storage `open_storage` gives, with a file that is not a database refused by name."""
    from bot.storage.factory import open_storage

    if store_url:
        return await open_storage(store_url, db, miss_memory)
    try:
        path = checked_path(db, option, must_exist=must_exist)
        return await open_storage(None, path, miss_memory)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{option} {db}: {unusable(exc)}") from None


# What to do about a file SQLite refuses, by SQLite's error name.
CANNOT_WRITE = frozenset({"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"})
DAMAGED = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})


def unusable(exc: sqlite3.DatabaseError) -> str:
    """Why a database cannot be used, and the fix, for the one line of exit 2."""
    name = getattr(exc, "sqlite_errorname", "")
    if name in CANNOT_WRITE:
        return (
            f"the bot cannot write to it ({exc}); give the user running the bot write "
            "access to the file and its folder"
        )
    if name in DAMAGED:
        return (
            f"not a usable SQLite database ({exc}); restore it from a backup, or move it "
            "aside to start with an empty one"
        )
    if name == "SQLITE_FULL":
        return f"the disk is full ({exc}); free some space"
    return f"cannot be opened as a database ({exc})"
