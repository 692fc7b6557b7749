"""Settings from the environment, read and checked once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("data") / "career-bot.sqlite3"


@dataclass(frozen=True)
class Settings:
    db_path: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(db_path=Path(env.get("CAREER_BOT_DB") or DEFAULT_DB))
