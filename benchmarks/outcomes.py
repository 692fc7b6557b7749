"""Each question's outcome, one line per question and matcher, to compare two commits with
`diff` (what a change moved, question by question):

    python -m benchmarks.outcomes > before.txt   # at one commit
    python -m benchmarks.outcomes > after.txt    # at the next
    diff before.txt after.txt

Sets: the real-question train split, faq_eval and faq_holdout. The real test split is left
out on purpose: it is only reported in aggregate (benchmarks.real_questions), never read
message by message to tune anything.
"""

from __future__ import annotations

from benchmarks.matchers import build_matchers, sets
from benchmarks.real_questions import load_set


def main() -> None:
    matchers, _ = build_matchers()
    chosen = {name: qs for name, qs in sets().items() if name != "real test"}
    train = [q for q in load_set() if q["split"] == "train" and q["scope"] != "other_language"]
    chosen["real train"] = train
    for set_name, questions in chosen.items():
        for number, question in enumerate(questions):
            where = question.get("id") or f"#{number}"
            for name in ("lexical", "hybrid"):
                match = matchers[name](question["q"])
                first = match.suggestions[0].id if match.suggestions else "-"
                fields = [set_name, where, name, match.outcome, match.id or "-", first]
                print("\t".join([*fields, ",".join(question["ids"]) or "(nothing answers)"]))


if __name__ == "__main__":
    main()
