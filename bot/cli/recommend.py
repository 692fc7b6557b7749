"""`career-bot recommend`: a profile (JSON, from a file or stdin) in, a role suggestion out.

Bad JSON, a bad profile or an unwritable chart file are `InputError`s, so the command line's
one error boundary prints the message (naming the field) and exits with 2. Every sentence of
the readable summary comes from knowledge/recommender.yaml.

The recommender and its data load inside the handler, so registering the command costs the
rest of the command line (`career-bot --version`, `kb check`) no start-up time.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.problems import InputError

if TYPE_CHECKING:
    from bot.content.knowledge import Knowledge
    from bot.content.recommender_config import RecommenderConfig
    from bot.recommend.profile import Profile
    from bot.recommend.result import Recommendation


def add_recommend_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `career-bot recommend [--profile FILE] [--json] [--chart FILE.png]`."""
    parser = commands.add_parser(
        "recommend",
        help="suggest a role for a quiz profile (JSON)",
        description="Rank the nine AI roles for a profile and explain the result.",
        epilog='A profile: {"tasks": {"modeling": 4, ...}, "code": "both", '
        '"deep_learning_interest": 3, "skills": {"mathematics": 2, ...}, '
        '"known_tools": ["python"]}. Every key is optional; see bot/recommend/profile.py.',
    )
    parser.add_argument(
        "--profile", type=Path, metavar="FILE", help="the profile as JSON (default: stdin)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--chart", type=Path, metavar="FILE.png", help="also draw your skills chart as a PNG"
    )
    parser.set_defaults(handler=_recommend)


def _recommend(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from bot.content.knowledge import load_knowledge
    from bot.content.recommender_config import load_recommender_config
    from bot.recommend.certainty import profile_size
    from bot.recommend.profile import profile_from_json
    from bot.recommend.recommender import recommend
    from bot.recommend.summary import summary_text

    kb, config = load_knowledge(), load_recommender_config()
    text, source = _read_profile(args.profile, env.stdin)
    profile = profile_from_json(text, source, tool_ids=kb.tools.keys())
    if profile_size(profile) == 0:
        # As the quiz gives no result when every question was skipped: a ranking of nothing
        # would be ties explained by answers never given.
        raise InputError(
            f"{source}: the profile answers no quiz question, so there is nothing to rank"
            ' the roles by (give at least one, e.g. {"tasks": {"modeling": 4}})'
        )
    result = recommend(profile, kb, config)
    # Draw before printing: a chart that cannot be written fails the whole command.
    if args.chart is not None:
        _write_chart(args.chart, profile, result, kb, config)
    summary = result.to_json() if args.json else summary_text(result, profile, kb, config)
    print(summary, file=env.stdout)
    if args.chart is not None and not args.json:
        print(config.texts.summary.chart_saved.format(path=args.chart), file=env.stdout)
    return ExitStatus.OK


def _read_profile(path: Path | None, stdin: TextIO) -> tuple[str, str]:
    """The profile's text, and what to call it in error messages."""
    if path is None:
        if stdin.isatty():
            raise InputError("no profile: pass --profile FILE or pipe the JSON into stdin")
        return stdin.read(), "stdin"
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--profile: cannot read {path}: {_why(exc)}") from None


def _write_chart(
    path: Path, profile: Profile, result: Recommendation, kb: Knowledge, config: RecommenderConfig
) -> None:
    from bot.recommend.chart import CHART_EXTRA, can_draw, skill_chart

    if not can_draw():  # matplotlib (the `chart` extra) loads only when a chart is asked for
        raise InputError(f"--chart: drawing needs matplotlib; install it with {CHART_EXTRA}")
    png = skill_chart(profile, result, kb, config)
    try:
        path.write_bytes(png)
    except OSError as exc:
        raise InputError(f"--chart: cannot write {path}: {_why(exc)}") from None


def _why(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
