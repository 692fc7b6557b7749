"""What "did you mean" lists offer (issue 14 point 3: never a clearly unrelated entry), with
each rule on and off: the lexical matcher's unknown words (`max_unknown_share` in
knowledge/phrasings.yaml: no confident answer, and in the hybrid no list, for a message half
or more of whose words we never use), entries about the bot only for a message in their own
words (`bot_entry_own_words`), the floor under which no entry is offered (the fitted
one, at least 0.1: benchmarks.hybrid_fit; beside lower and higher ones), and a rejected rule:
a relative floor (an entry kept only at a share of the first one's probability).

    python -m benchmarks.suggestions [--all]

On the tuning sets only: the real train split and faq_eval (with its out-of-scope block);
`--all` adds the real test split and faq_holdout for the rules off and as shipped, to report,
never to choose. Per set and rules: for messages nothing answers (uncovered and off-topic),
the share that gets a list, its mean length and the share answered (confident wrong); for
covered questions, top-1, top-1 or first suggestion, the right answer anywhere (the answer or
any button) and the mean length of the lists they get. The hybrid's weights are the fitted
ones, held fixed. The lexical matcher alone (the bot's reader until the model is ready) is
shown with the rules off and as shipped.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from benchmarks import embedding
from benchmarks.common import print_table, write_json
from benchmarks.held_out import HeldOut
from benchmarks.matchers import sets
from benchmarks.real_questions import Outcome, load_set
from bot.content.knowledge import Knowledge, load_knowledge
from bot.matching.hybrid import HybridMatcher
from bot.matching.hybrid_weights import SUGGEST
from bot.matching.matcher import FaqMatcher, Match

HEADER = [
    "set",
    "rules",
    "nothing: listed",
    "nothing: mean length",
    "nothing: answered",
    "covered top-1",
    "top-1 or 1st",
    "right anywhere",
    "covered: mean length",
]


@dataclass(frozen=True)
class Variant:
    name: str
    unknown_answer: bool = True  # max_unknown_share: no confident answer
    unknown_list: bool = True  # ...and no hybrid list
    own_words: bool = True  # bot_entry_own_words
    relative_floor: float = 0.0  # rejected: see the module's docstring
    lexical_only: bool = False
    floor: float = SUGGEST  # the probability under which nothing is offered
    # A long message answered when the words' answer is the model's best (hybrid.py); not a
    # list rule, but this table shows what it does to answers.
    agreement: bool = True


OFF = Variant("all off", False, False, False)
SHIPPED = Variant("shipped")
VARIANTS = [
    OFF,
    Variant("unknown words: answer", True, False, False),
    # The list rule reads the same threshold, so it is measured with the answer rule on.
    Variant("unknown words: answer + list", True, True, False),
    Variant("bot entries: own words", False, False, True),
    *(Variant(f"relative floor {f}", False, False, False, f) for f in (0.1, 0.2, 0.3, 0.5)),
    SHIPPED,
    *(replace(SHIPPED, name=f"shipped, floor {f}", floor=f) for f in (0.04, 0.15)),
    replace(SHIPPED, name="shipped, no agreement", agreement=False),
    replace(OFF, name="lexical alone: all off", lexical_only=True),
    replace(SHIPPED, name="lexical alone: shipped", lexical_only=True),
]


def tuning_sets() -> dict[str, list[dict[str, Any]]]:
    train = [q for q in load_set() if q["split"] == "train" and q["scope"] != "other_language"]
    return {"real train": train, "faq_eval": sets()["faq_eval"]}


def reported_sets() -> dict[str, list[dict[str, Any]]]:
    chosen = sets()
    return {"real test": chosen["real test"], "faq_holdout": chosen["faq_holdout"]}


def figures_for(outcomes: list[Outcome]) -> dict[str, float]:
    covered = [o for o in outcomes if o.acceptable]
    nothing = [o for o in outcomes if not o.acceptable]
    listed = [o for o in nothing if _listed(o)]
    covered_lists = [len(o.match.suggestions) for o in covered if _listed(o)]
    return {
        "nothing": len(nothing),
        "nothing_listed": _share(nothing, _listed),
        "nothing_mean_length": _mean([len(o.match.suggestions) for o in listed]),
        "nothing_answered": _share(nothing, lambda o: o.match.id is not None),
        "covered": len(covered),
        "covered_top1": _share(covered, lambda o: o.match.id in o.acceptable),
        "top1_or_first": _share(covered, lambda o: o.first in o.acceptable),
        "right_anywhere": _share(covered, _right_anywhere),
        "covered_mean_length": _mean(covered_lists),
    }


def _listed(outcome: Outcome) -> bool:
    return outcome.match.outcome == "did_you_mean"


def _right_anywhere(outcome: Outcome) -> bool:
    offered = {outcome.match.id, *(s.id for s in outcome.match.suggestions)}
    return bool(offered & outcome.acceptable)


def _share(outcomes: list[Outcome], test: Callable[[Outcome], bool]) -> float:
    return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else 0.0


def _mean(values: list[int]) -> float:
    return statistics.fmean(values) if values else 0.0


def matcher(kb: Knowledge, judge: HeldOut, variant: Variant) -> Callable[[dict[str, Any]], Match]:
    """The variant's decision on a question (with the embedding matcher that may judge it)."""
    config = kb.phrasings.matching
    if not variant.unknown_answer:  # a message all unknown has no score: 1 turns it off
        config = config.model_copy(update={"max_unknown_share": 1.0})
    if not variant.own_words:
        config = config.model_copy(update={"bot_entry_own_words": 0.0})
    lexical = FaqMatcher(kb, config=config)
    if variant.lexical_only:
        return lambda q: lexical.match(q["q"])
    return lambda q: HybridMatcher(
        lexical,
        judge(q),
        unknown_gets_no_list=variant.unknown_list,
        agreement=variant.agreement,
        suggest=variant.floor,
    ).match(q["q"])


def floored(match: Match, share: float) -> Match:
    """The list cut at `share` of its first entry's probability (it is sorted, so this is
    what a floor inside the decision would give; the first entry always stays)."""
    if not match.suggestions:
        return match
    top = match.suggestions[0].score
    kept = tuple(s for s in match.suggestions if s.score >= share * top)
    return replace(match, suggestions=kept)


def row(set_name: str, rules: str, found: dict[str, float]) -> list[object]:
    return [
        set_name,
        rules,
        f"{found['nothing_listed']:.1%} of {found['nothing']}",
        f"{found['nothing_mean_length']:.2f}",
        f"{found['nothing_answered']:.1%}",
        f"{found['covered_top1']:.1%} of {found['covered']}",
        f"{found['top1_or_first']:.1%}",
        f"{found['right_anywhere']:.1%}",
        f"{found['covered_mean_length']:.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="add the test split and faq_holdout")
    everything = parser.parse_args().all
    kb = load_knowledge()
    semantic, _ = embedding.build(kb)
    judge = HeldOut(kb, semantic)
    chosen = [(name, questions, VARIANTS) for name, questions in tuning_sets().items()]
    if everything:
        ends = [OFF, SHIPPED]
        chosen += [(name, questions, ends) for name, questions in reported_sets().items()]
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}
    for set_name, questions, variants in chosen:
        for variant in variants:
            match = matcher(kb, judge, variant)
            found = figures_for(
                [Outcome(q, floored(match(q), variant.relative_floor)) for q in questions]
            )
            figures[f"{set_name}.{variant.name}"] = found
            rows.append(row(set_name, variant.name, found))
    print_table("Did-you-mean lists of the hybrid matcher", HEADER, rows)
    print(f"\nwritten: {write_json('suggestions', figures)}")


if __name__ == "__main__":
    main()
