"""Where the data folders, knowledge/ and conversations/, are found.

The rule, first match wins:

1. `CAREER_BOT_HOME`, when set: a folder holding both (a deployment's own content).
2. The source checkout this package runs from (an editable install, as `make chat` does):
   the repository root, known by its pyproject.toml beside knowledge/. Writers edit the YAML
   there and the bot reads it at once.
3. The copy inside the installed package, `bot/_data/`, which the wheel build writes
   (setup.py): `pip install <repo>`, run from any folder.

Why not move the folders into `bot/`: `knowledge/roles.yaml` is the path writers, the docs,
the tests and every error message (`knowledge/roles.yaml:12: ...`) use. Kept at the root
for people, copied into the wheel for installs; error messages name `knowledge/<file>`
whichever copy is read.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "CAREER_BOT_HOME"
DATA_FOLDERS = ("knowledge", "conversations")
# bot/_data/ in an installed package (the wheel build copies DATA_FOLDERS there).
SHIPPED_HOME = Path(__file__).resolve().parents[1] / "_data"
_CHECKOUT = Path(__file__).resolve().parents[2]


def data_home() -> Path:
    """The folder holding knowledge/ and conversations/, by the rule above."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    if _is_checkout(_CHECKOUT):
        return _CHECKOUT
    return SHIPPED_HOME


def _is_checkout(folder: Path) -> bool:
    """A source checkout of this project (not, say, a site-packages folder that happens to
    hold some other package called `knowledge`)."""
    return (folder / "pyproject.toml").is_file() and (folder / "knowledge").is_dir()
