"""`career-bot recommend`, driven through `bot.cli.main.main` like a person at a terminal."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli.environment import Environment
from bot.cli.main import main
from bot.content.knowledge import Knowledge
from bot.content.recommender_config import RecommenderConfig, load_recommender_config
from bot.recommend.profile import parse_profile
from bot.recommend.recommender import recommend

PROFILE: dict[str, Any] = {
    "tasks": {"data_engineering": 3, "modeling": 4, "deployment": 4, "business_analysis": 1},
    "code": "both",
    "deep_learning_interest": 1,
    "skills": {"machine_learning": 2, "mathematics": 1, "software_engineering": 2},
    "known_tools": ["python"],
}


@pytest.fixture(scope="module")
def config() -> RecommenderConfig:
    return load_recommender_config()


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    return path


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(args: list[str], stdin: str | io.StringIO = "", code: int = 0) -> tuple[str, str]:
    """`career-bot ARGS` with this standard input; its stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    stream = stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin)
    assert main(args, Environment(stream, out, err, variables={})) == code
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return out.getvalue(), err.getvalue()


class TestReadableSummary:
    def test_it_shows_the_top_role_its_reasons_and_what_to_do_next(
        self,
        profile_file: Path,
        kb: Knowledge,
        config: RecommenderConfig,
    ) -> None:
        out, _ = run(["recommend", "--profile", str(profile_file)])
        result = recommend(parse_profile(PROFILE), kb, config)
        top, words = result.ranking[0], config.texts.summary
        lines = out.splitlines()
        assert lines[0] == words.best.format(role=top.name, score=top.score)
        for reason in top.reasons:
            assert reason.text in out
        for runner_up in result.ranking[1:4]:
            assert words.runner_up.format(role=runner_up.name, score=runner_up.score) in lines
        for gap in result.gaps:
            assert gap.first_step in out
        assert all(tool.name in out for tool in result.tools)
        tools_section = out.split(words.tools)[1].split(words.path)[0]
        assert "Python" not in tools_section  # a tool the person knows is not suggested
        assert all(step in out for step in result.path)
        assert words.disclaimer in out

    def test_a_profile_without_skills_is_asked_to_rate_them(
        self, tmp_path: Path, config: RecommenderConfig
    ) -> None:
        path = tmp_path / "tasks_only.json"
        path.write_text('{"tasks": {"business_analysis": 4, "modeling": 0}}', encoding="utf-8")
        out, _ = run(["recommend", "--profile", str(path)])
        assert config.texts.summary.no_skills in out.splitlines()


class TestJsonOutput:
    def test_json_from_a_file(self, profile_file: Path) -> None:
        out, _ = run(["recommend", "--profile", str(profile_file), "--json"])
        data = json.loads(out)
        assert data["ranking"][0]["role"] == "machine_learning_engineer"
        assert len(data["ranking"]) == 9
        assert "python" not in [tool["tool"] for tool in data["tools"]]

    def test_json_from_stdin_is_the_same(
        self,
        profile_file: Path,
    ) -> None:
        from_file, _ = run(["recommend", "--profile", str(profile_file), "--json"])
        from_stdin, _ = run(["recommend", "--json"], stdin=json.dumps(PROFILE))
        assert from_stdin == from_file


class TestChart:
    def test_chart_writes_a_png_and_says_where(
        self,
        profile_file: Path,
        tmp_path: Path,
        config: RecommenderConfig,
    ) -> None:
        chart = tmp_path / "me.png"
        out, _ = run(["recommend", "--profile", str(profile_file), "--chart", str(chart)])
        assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert out.splitlines()[-1] == config.texts.summary.chart_saved.format(path=chart)

    def test_with_json_the_output_stays_pure_json(self, profile_file: Path, tmp_path: Path) -> None:
        chart = tmp_path / "me.png"
        args = ["recommend", "--profile", str(profile_file), "--json", "--chart", str(chart)]
        out, _ = run(args)
        json.loads(out)
        assert chart.exists()

    def test_without_matplotlib_a_chart_is_one_line_saying_how_to_get_it(
        self, profile_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
        chart = tmp_path / "me.png"
        args = ["recommend", "--profile", str(profile_file), "--chart", str(chart)]
        out, err = run(args, code=2)
        assert err == (
            "error: --chart: drawing needs matplotlib;"
            " install it with pip install 'career-bot[chart]'\n"
        )
        assert out == ""
        assert not chart.exists()

    def test_an_unwritable_chart_is_bad_input(self, profile_file: Path, tmp_path: Path) -> None:
        chart = tmp_path / "no" / "such" / "folder" / "me.png"
        args = ["recommend", "--profile", str(profile_file), "--chart", str(chart)]
        out, err = run(args, code=2)
        assert err.startswith(f"error: --chart: cannot write {chart}: ")
        assert out == ""  # nothing half-printed before the failure


class TestBadInput:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                '{"skills": {"mathematics": 5}}',
                "skills.mathematics: 5 is out of range (use 0-3)",
            ),
            ('{"tasks": {"cooking": 4}}', "tasks.cooking: unknown task (use one of: "),
            ('{"known_tools": ["pyhton"]}', "known_tools[0]: unknown tool 'pyhton' (did you mean"),
            ("{}", "me.json: the profile answers no quiz question, so there is nothing to rank"),
            ('{"known_tools": ["python"]}', "me.json: the profile answers no quiz question"),
            ('{"code": "both",}', "me.json: not valid JSON at line 1 column 17"),
            ("", "me.json: not valid JSON at line 1 column 1"),
            ("[]", "profile: expected a JSON object, got a list"),
        ],
    )
    def test_a_bad_profile_exits_2_naming_the_field(
        self, tmp_path: Path, text: str, message: str
    ) -> None:
        path = tmp_path / "me.json"
        path.write_text(text, encoding="utf-8")
        out, err = run(["recommend", "--profile", str(path)], code=2)
        assert out == ""
        assert err.startswith("error: ")
        assert message.replace("me.json", str(path)) in err

    def test_bad_json_on_stdin_is_named_stdin(self) -> None:
        _, err = run(["recommend"], stdin="{tasks: 1}", code=2)
        assert err.startswith("error: stdin: not valid JSON at line 1 column 2")

    def test_a_missing_profile_file_exits_2(self, tmp_path: Path) -> None:
        missing = tmp_path / "nope.json"
        _, err = run(["recommend", "--profile", str(missing)], code=2)
        assert err == f"error: --profile: cannot read {missing}: No such file or directory\n"

    def test_no_profile_at_a_terminal_says_how_to_give_one(self) -> None:
        _, err = run(["recommend"], stdin=_Terminal(), code=2)
        assert "--profile FILE" in err

    def test_the_command_is_listed_in_the_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit):
            main(["recommend", "--help"])
        out = capsys.readouterr().out
        for option in ("--profile FILE", "--json", "--chart FILE.png"):
            assert option in out
