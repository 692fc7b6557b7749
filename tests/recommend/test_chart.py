"""The skills chart: a valid PNG of a phone-friendly size, showing the right numbers, and
matplotlib loaded only when a chart is drawn."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from dataclasses import replace

import pytest

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.recommender_config import (
    LEVEL_KEYS,
    RecommenderConfig,
    load_recommender_config,
)
from bot.recommend.chart import (
    TITLE_WIDTH,
    chart_figure,
    chart_plan,
    chart_series,
    gap_marks,
    skill_chart,
)
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import recommend

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROFILE = {
    "tasks": {"data_engineering": 3, "modeling": 4, "deployment": 4},
    "code": "both",
    "deep_learning_interest": 1,
    "skills": {"machine_learning": 2, "deep_learning": 0, "mathematics": 1},
}


@pytest.fixture(scope="module")
def config() -> RecommenderConfig:
    return load_recommender_config()


def draw(data: dict[str, object], kb: Knowledge, config: RecommenderConfig) -> bytes:
    profile = parse_profile(data)
    return skill_chart(profile, recommend(profile, kb, config), kb, config)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the chunk's CRC."""
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    body = png[16 : 16 + length]
    (crc,) = struct.unpack(">I", png[16 + length : 20 + length])
    assert zlib.crc32(kind + body) == crc
    width, height = struct.unpack(">II", body[:8])
    return width, height


@pytest.mark.parametrize(
    "data",
    [PROFILE, {"tasks": {"business_analysis": 4}}, {}],
    ids=["some skills rated", "no skills rated", "nothing answered"],
)
def test_the_chart_is_a_phone_sized_png(
    data: dict[str, object], kb: Knowledge, config: RecommenderConfig
) -> None:
    png = draw(data, kb, config)
    assert png.startswith(PNG_SIGNATURE)
    assert png.endswith(b"IEND\xaeB`\x82")  # the file is complete
    width, height = png_size(png)
    assert 600 <= width <= 2000
    assert 600 <= height <= 2000
    assert height >= width  # portrait, like a phone screen


def test_the_same_answers_draw_the_same_picture(kb: Knowledge, config: RecommenderConfig) -> None:
    assert draw(PROFILE, kb, config) == draw(PROFILE, kb, config)


def test_different_skills_draw_a_different_picture(
    kb: Knowledge, config: RecommenderConfig
) -> None:
    stronger = {**PROFILE, "skills": {"machine_learning": 3}}
    assert draw(PROFILE, kb, config) != draw(stronger, kb, config)


def test_the_chart_compares_you_with_the_top_role_and_the_runner_up(
    kb: Knowledge, config: RecommenderConfig
) -> None:
    profile = parse_profile(PROFILE)
    result = recommend(profile, kb, config)
    you, top, runner_up = chart_series(profile, result, kb, config)
    assert you.label == config.texts.chart.you
    assert you.levels == tuple(profile.skills.get(s) for s in SKILL_IDS)
    assert you.levels[SKILL_IDS.index("communication")] is None  # not rated, not zero
    for series, match, template in (
        (top, result.ranking[0], config.texts.chart.top),
        (runner_up, result.ranking[1], config.texts.chart.runner_up),
    ):
        assert series.label == template.format(role=match.name)
        assert series.levels == tuple(kb.roles[match.role].levels[s] for s in SKILL_IDS)


def test_with_no_skill_rated_the_chart_shows_the_targets_under_a_title_that_says_so(
    kb: Knowledge, config: RecommenderConfig
) -> None:
    """A tester saw "Your skills for ..." over bars that all read "not rated"."""
    profile = parse_profile({"tasks": {"modeling": 4, "deployment": 3}})
    result = recommend(profile, kb, config)
    series = chart_series(profile, result, kb, config)
    assert [s.label for s in series] == [
        config.texts.chart.top.format(role=result.ranking[0].name),
        config.texts.chart.runner_up.format(role=result.ranking[1].name),
    ]
    plan = chart_plan(profile, result, kb, config)
    assert plan.title == config.texts.chart.title_unrated.format(role=result.ranking[0].name)
    rated = parse_profile({"tasks": {"modeling": 4}, "skills": {"mathematics": 2}})
    assert chart_plan(rated, recommend(rated, kb, config), kb, config).title.startswith("Your")


def test_matplotlib_loads_only_when_a_chart_is_drawn() -> None:
    code = (
        "import sys\n"
        "import bot.cli.main, bot.recommend.chart, bot.recommend.recommender, bot.cli.recommend\n"
        "from bot.content.knowledge import load_knowledge\n"
        "from bot.recommend.profile import parse_profile\n"
        "from bot.recommend.recommender import recommend\n"
        "from bot.content.recommender_config import load_recommender_config\n"
        "kb, config = load_knowledge(), load_recommender_config()\n"
        "profile = parse_profile({'tasks': {'modeling': 4}})\n"
        "result = recommend(profile, kb, config)\n"
        "assert 'matplotlib' not in sys.modules, 'imported too early'\n"
        "bot.recommend.chart.skill_chart(profile, result, kb, config)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot holds global state'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_profile_built_in_code_draws_too(kb: Knowledge, config: RecommenderConfig) -> None:
    profile = Profile(skills={"communication": 3})
    png = skill_chart(profile, recommend(profile, kb, config), kb, config)
    assert png.startswith(PNG_SIGNATURE)


GAPS_TO_SOFTWARE_ENGINEER = {
    "tasks": {"deployment": 4, "ai_infrastructure": 4, "modeling": 0},
    "code": "production",
    "deep_learning_interest": 0,
    "skills": {"machine_learning": 1, "software_engineering": 1, "algorithmic_coding": 2},
}


def test_the_gaps_to_the_suggested_role_are_marked_and_the_title_names_it(
    kb: Knowledge, config: RecommenderConfig
) -> None:
    profile = parse_profile(GAPS_TO_SOFTWARE_ENGINEER)
    result = recommend(profile, kb, config)
    assert result.gaps, "the profile must have gaps to mark"
    figure = chart_figure(profile, result, kb, config)
    assert result.ranking[0].name in figure.get_suptitle().replace("\n", " ")
    (axes,) = figure.axes
    notes = [t.get_text() for t in axes.texts if t.get_gid() == "gap"]
    outlines = [p for p in axes.patches if p.get_gid() == "gap"]
    levels = config.texts.levels
    expected = [
        config.texts.chart.gap.format(need=getattr(levels, LEVEL_KEYS[g.need])) for g in result.gaps
    ]
    assert sorted(notes) == sorted(expected)
    assert len(outlines) == len(result.gaps)
    marked = {SKILL_IDS[m.skill] for m in gap_marks(result, config)}
    assert marked == {g.skill for g in result.gaps}


def test_no_gaps_no_marks(kb: Knowledge, config: RecommenderConfig) -> None:
    profile = parse_profile({"tasks": {"modeling": 4}, "skills": dict.fromkeys(SKILL_IDS, 3)})
    result = recommend(profile, kb, config)
    assert not result.gaps
    (axes,) = chart_figure(profile, result, kb, config).axes
    assert not [t for t in axes.texts if t.get_gid() == "gap"]


def test_a_long_role_name_in_the_title_wraps_to_stay_on_a_phone_screen(
    kb: Knowledge, config: RecommenderConfig
) -> None:
    profile = parse_profile(GAPS_TO_SOFTWARE_ENGINEER)
    result = recommend(profile, kb, config)
    longest = max((r.name for r in kb.roles.values()), key=len)
    top = replace(result.ranking[0], name=longest)
    figure = chart_figure(profile, replace(result, ranking=(top, *result.ranking[1:])), kb, config)
    lines = figure.get_suptitle().splitlines()
    assert len(lines) == 2
    assert all(len(line) <= TITLE_WIDTH for line in lines)
    png = io.BytesIO()
    figure.savefig(png, format="png")
    assert png_size(png.getvalue()) == (960, 1200)  # 6 x 7.5 inches at 160 dpi
