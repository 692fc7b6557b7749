"""The build step pyproject.toml cannot declare: the wheel carries a copy of knowledge/ and
conversations/ as `bot/_data/`, so `pip install <repo>` works from any folder. The folders
stay at the repository root for writers; bot/content/home.py says which copy is read.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("knowledge", "conversations")  # as bot.content.home.DATA_FOLDERS
SOURCE = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    """build_py, then the YAML of DATA_FOLDERS into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's folders in place
            return
        shipped = Path(self.build_lib) / "bot" / "_data"
        shutil.rmtree(shipped, ignore_errors=True)  # no file deleted from the repo lingers
        for folder in DATA_FOLDERS:
            files = sorted((SOURCE / folder).glob("*.yaml"))
            if not files:  # a wheel without its content would fail at the first command
                raise FileNotFoundError(f"no YAML in {SOURCE / folder}: build from a checkout")
            (shipped / folder).mkdir(parents=True)
            for path in files:
                self.copy_file(str(path), str(shipped / folder / path.name))


setup(cmdclass={"build_py": BuildPyWithData})
