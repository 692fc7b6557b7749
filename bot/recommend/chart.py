"""The skills chart: a person's self-rated levels next to what the top role and the runner-up
need, as a PNG sized and lettered for a phone screen. The title names the top role, and each
gap to it is marked: the person's bar outlined in red and "gap: <level> needed" beside it.

matplotlib is imported inside `skill_chart` only: it takes a few hundred milliseconds to
import and most runs never draw. The figure is drawn on an Agg canvas directly, without
pyplot's global state, so charts can be drawn from several threads at once. What the chart
shows is worked out first (`chart_plan`, no matplotlib), and `chart_png` draws that plan:
the plan is small and picklable, so a transport can draw it in another process.
"""

from __future__ import annotations

import importlib.util
import io
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.questions import LEVELS
from bot.content.recommender_config import RecommenderConfig, level_word
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# 6 x 7.5 inches at 160 dpi: 960 x 1200 px, portrait, so it fills a phone screen unscaled.
SIZE_INCHES, DPI = (6.0, 7.5), 160
# Dark blue, orange, grey: told apart with any common colour-vision deficiency.
COLOURS = ("#1f4e79", "#e07b39", "#a3acb6")
BAR, GROUP = 0.26, 1.35  # bar thickness and the distance between two skills, in rows
ZERO_BAR = 0.04  # a level of 0 still shows as a sliver, unlike a skill not rated
FONT = {"title": 17, "label": 14, "tick": 12, "legend": 13}
GAP_COLOUR = "#b3261e"  # a red outline and note; the words carry the meaning, not the colour
TITLE_WIDTH = 34  # characters per title line at FONT["title"] on a 6-inch figure
# matplotlib is the optional `chart` extra (`make chat` installs it): without it there is no
# chart, and whoever asks for one is told how to get it.
CHART_EXTRA = "pip install 'career-bot[chart]'"


@dataclass(frozen=True)
class GapMark:
    """A skill below the top role's target: where it is and the note drawn beside it."""

    skill: int  # index in SKILL_IDS
    have: int
    text: str


@dataclass(frozen=True)
class Series:
    label: str
    levels: tuple[int | None, ...]  # one per skill in SKILL_IDS order; None: not rated
    colour: str


@dataclass(frozen=True)
class ChartPlan:
    """Everything the chart shows, worked out without matplotlib: small and picklable, so
    the drawing can happen in another process (the Telegram transport draws there)."""

    series: tuple[Series, ...]
    skills: tuple[str, ...]  # names, in SKILL_IDS order
    gaps: tuple[GapMark, ...]
    title: str
    level_words: tuple[str, ...]  # one per level in LEVELS
    not_rated: str


def chart_plan(
    profile: Profile, result: Recommendation, kb: Knowledge, config: RecommenderConfig
) -> ChartPlan:
    """What the chart of `result`'s top role and runner-up shows for this person."""
    texts = config.texts
    return ChartPlan(
        series=chart_series(profile, result, kb, config),
        skills=tuple(kb.skills[s].name for s in SKILL_IDS),
        gaps=gap_marks(result, config),
        # With no skill rated there is nothing of the person's to draw: the targets alone,
        # under a title that says so (a tester saw "Your skills" over bars all "not rated").
        title=(texts.chart.title if profile.skills else texts.chart.title_unrated).format(
            role=result.ranking[0].name
        ),
        level_words=tuple(level_word(texts.levels, level) for level in LEVELS),
        not_rated=texts.chart.not_rated,
    )


def can_draw() -> bool:
    """Whether matplotlib is installed, found without importing it (that takes ~340 ms)."""
    return importlib.util.find_spec("matplotlib") is not None


def skill_chart(
    profile: Profile, result: Recommendation, kb: Knowledge, config: RecommenderConfig
) -> bytes:
    """The PNG bytes of the chart for `result`'s top role and runner-up."""
    return chart_png(chart_plan(profile, result, kb, config))


def chart_png(plan: ChartPlan) -> bytes:
    """The plan drawn as PNG bytes (a module-level function: a process pool can run it)."""
    png = io.BytesIO()
    draw_chart(plan).savefig(png, format="png", metadata={"Software": None})
    return png.getvalue()


def chart_figure(
    profile: Profile, result: Recommendation, kb: Knowledge, config: RecommenderConfig
) -> Figure:
    """The chart as a matplotlib figure (on an Agg canvas), before it is saved."""
    return draw_chart(chart_plan(profile, result, kb, config))


def draw_chart(plan: ChartPlan) -> Figure:
    """The plan on a new figure with an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    # The side margins leave room for the centred "none" and "accomplished" under the axis.
    figure.subplots_adjust(left=0.06, right=0.89, top=0.78, bottom=0.07)
    axes = figure.add_subplot()
    _draw(axes, plan)
    _mark_gaps(axes, plan.gaps)
    figure.suptitle(
        textwrap.fill(plan.title, TITLE_WIDTH), fontsize=FONT["title"], weight="bold", y=0.985
    )
    figure.legend(loc="upper center", bbox_to_anchor=(0.5, 0.915), fontsize=FONT["legend"])
    return figure


def gap_marks(result: Recommendation, config: RecommenderConfig) -> tuple[GapMark, ...]:
    """One mark per gap to the top role (the gaps the result lists), in SKILL_IDS order."""
    levels = config.texts.levels
    marks = (
        GapMark(
            SKILL_IDS.index(gap.skill),
            gap.have,
            config.texts.chart.gap.format(need=level_word(levels, gap.need)),
        )
        for gap in result.gaps
    )
    return tuple(sorted(marks, key=lambda mark: mark.skill))


def _mark_gaps(axes: Axes, marks: tuple[GapMark, ...]) -> None:
    """A red outline on the person's bar and the note at the right end of the skill's name
    line, where it never runs off the figure."""
    for mark in marks:
        row = mark.skill * GROUP + 0.5 * BAR  # the person's bar, the first of the group
        axes.barh(
            [row],
            [mark.have or ZERO_BAR],
            height=BAR * 0.9,
            fill=False,
            edgecolor=GAP_COLOUR,
            linewidth=2,
            gid="gap",
        )
        note: dict[str, Any] = {"fontsize": FONT["tick"], "color": GAP_COLOUR, "ha": "right"}
        axes.text(max(LEVELS), mark.skill * GROUP - 0.08, mark.text, va="bottom", gid="gap", **note)


def chart_series(
    profile: Profile, result: Recommendation, kb: Knowledge, config: RecommenderConfig
) -> tuple[Series, ...]:
    """What the chart shows: the person (when they rated a skill), then the top role and the
    runner-up."""
    texts = config.texts.chart
    top, runner_up = result.ranking[0], result.ranking[1]
    you = Series(texts.you, tuple(profile.skills.get(s) for s in SKILL_IDS), COLOURS[0])
    roles = (
        Series(texts.top.format(role=top.name), _targets(kb, top.role), COLOURS[1]),
        Series(
            texts.runner_up.format(role=runner_up.name), _targets(kb, runner_up.role), COLOURS[2]
        ),
    )
    return (you, *roles) if profile.skills else roles


def _targets(kb: Knowledge, role: str) -> tuple[int | None, ...]:
    return tuple(kb.roles[role].levels[s] for s in SKILL_IDS)


def _draw(axes: Axes, plan: ChartPlan) -> None:
    for offset, one in enumerate(plan.series):
        rows = [i * GROUP + (offset + 0.5) * BAR for i in range(len(plan.skills))]
        widths = [ZERO_BAR if level == 0 else level or 0 for level in one.levels]
        axes.barh(rows, widths, height=BAR * 0.9, color=one.colour, label=one.label)
    _label_skills(axes, plan)
    _style(axes, plan)


def _label_skills(axes: Axes, plan: ChartPlan) -> None:
    """Each skill's name above its bars, so long names need no margin of their own."""
    you = plan.series[0]
    for i, name in enumerate(plan.skills):
        axes.text(0, i * GROUP - 0.08, name, fontsize=FONT["label"], weight="bold", va="bottom")
        if you.levels[i] is None:
            note: dict[str, Any] = {"fontsize": FONT["tick"], "color": "#6b7480", "va": "center"}
            axes.text(0.08, i * GROUP + 0.5 * BAR, plan.not_rated, **note)


def _style(axes: Axes, plan: ChartPlan) -> None:
    axes.set_xlim(0, max(LEVELS) + 0.05)
    axes.set_ylim(len(plan.skills) * GROUP - 0.35, -0.55)  # first skill on top
    axes.set_yticks([])
    axes.set_xticks(list(LEVELS))
    axes.set_xticklabels(list(plan.level_words), fontsize=FONT["tick"])
    axes.grid(axis="x", color="#d9dde2", linewidth=1)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
