"""The package works without the repository: the wheel holds every sub-package and every
data file, and an installed copy answers from another folder with its own data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot
from bot.content.home import DATA_FOLDERS, HOME_VARIABLE, data_home
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

# Left out of the copy the wheel is built from: what a fresh clone does not have.
_NOT_SOURCE = {".venv", ".git", "build", "dist", "data", "__pycache__", ".hypothesis"}


def _ignore_non_source(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in _NOT_SOURCE or n.endswith((".egg-info", "_cache"))}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a clean copy of the source (no stale build/ folder to leak in)."""
    source = tmp_path_factory.mktemp("source") / "career-bot"
    shutil.copytree(ROOT, source, ignore=_ignore_non_source)
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "-q", "--no-deps", str(source), "-w", str(out)], check=True)
    (built,) = out.glob("career_bot-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its bin/ folder. The dependencies come
    from this test run's environment through a .pth file (a clean install would download
    them); the package itself is only the wheel's copy."""
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", str(python)]
    subprocess.run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    fresh_site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(fresh_site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv / "bin"


def _wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _run(bin_folder: Path, cwd: Path, *args: str, stdin: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if k not in (HOME_VARIABLE, "PYTHONPATH")}
    # No embedding model for the commands (a piped chat waits for its models, which would
    # encode every phrasing first); the last test here loads the installed model itself.
    env["CAREER_BOT_EMBEDDINGS"] = "off"
    done = subprocess.run(
        [bin_folder / args[0], *args[1:]],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _source_modules() -> Iterator[str]:
    for path in (ROOT / "bot").rglob("*.py"):
        yield path.relative_to(ROOT).as_posix()


def test_the_wheel_holds_every_module_of_every_sub_package(wheel: Path) -> None:
    modules = set(_source_modules())
    assert {m for m in modules if m.endswith("/__init__.py")} > {"bot/__init__.py"}
    assert modules <= _wheel_names(wheel)


def test_the_wheel_ships_every_data_file(wheel: Path) -> None:
    shipped = {
        f"bot/_data/{folder}/{path.name}"
        for folder in DATA_FOLDERS
        for path in (ROOT / folder).glob("*.yaml")
    }
    assert shipped
    assert shipped <= _wheel_names(wheel)


def test_the_wheel_ships_the_embedding_model_with_its_licence(wheel: Path) -> None:
    names = ("model.onnx", "tokenizer.json", "LICENSE", "README.md")
    assert {f"bot/models/minilm/{name}" for name in names} <= _wheel_names(wheel)


def test_the_wheel_ships_the_answer_heads_example_questions(wheel: Path) -> None:
    assert "bot/models/examples.npz" in _wheel_names(wheel)


def test_the_wheel_holds_only_the_package(wheel: Path) -> None:
    tops = {name.split("/")[0] for name in _wheel_names(wheel)}
    assert tops == {"bot", f"career_bot-{bot.__version__}.dist-info"}


def test_in_a_checkout_the_data_is_read_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    # What `make chat` and `make test` run: an editable install reads the repository's files.
    monkeypatch.delenv(HOME_VARIABLE, raising=False)
    assert data_home() == Path(__file__).resolve().parents[1]


def test_career_bot_home_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path))
    assert data_home() == tmp_path


def test_an_installed_copy_reads_its_own_data(installed: Path, tmp_path: Path) -> None:
    code = "import bot.content.home as h; print(h.data_home())"
    home = Path(_run(installed, tmp_path, "python", "-c", code).strip())
    assert home.parts[-2:] == ("bot", "_data")
    assert installed.parent in home.parents


def test_an_installed_copy_checks_the_knowledge_base(installed: Path, tmp_path: Path) -> None:
    assert _run(installed, tmp_path, "career-bot", "kb", "check").startswith("ok: 9 roles")


def test_an_installed_copy_answers_a_question(installed: Path, tmp_path: Path) -> None:
    out = _run(installed, tmp_path, "career-bot", "ask", "--words", "what does an MLE do")
    assert out.startswith("Machine learning engineer\n")


def test_an_installed_copy_chats_over_a_pipe(installed: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "chat.sqlite3")
    out = _run(installed, tmp_path, "career-bot", "chat", "--db", db, stdin="what is mlops\n")
    assert out.startswith("Hi! I help people find their place in AI work.")
    assert "MLOps" in out


def test_an_installed_copy_recommends_a_role(installed: Path, tmp_path: Path) -> None:
    profile = '{"tasks": {"modeling": 4}, "code": "both"}'
    out = _run(installed, tmp_path, "career-bot", "recommend", stdin=profile)
    assert out.startswith("Best match: ")


def test_an_installed_copy_loads_its_embedding_model(installed: Path, tmp_path: Path) -> None:
    """`_run` switches the model off for the commands (and `ask --words` reads words only),
    so this is the one check that the shipped model file, its tokenizer and the onnxruntime a
    user gets work together outside the repository."""
    code = (
        "from bot.matching.embedder import MODEL_DIR, MiniLmEmbedder\n"
        "vectors = MiniLmEmbedder().encode(['do i need a phd', 'is a doctorate required'])\n"
        "print(MODEL_DIR.parent.parent.parent.name, round(float(vectors[0] @ vectors[1]), 1))\n"
    )
    folder, cosine = _run(installed, tmp_path, "python", "-c", code).split()
    assert folder == "site-packages"
    assert float(cosine) > 0.5
