"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 2754 candidates).
"""

FEATURES = (
    "lexical",
    "cosine",
    "lexical_part",
    "cosine_part",
    "lexical_margin",
    "cosine_margin",
    "name",
    "length",
    "lexical_first",
    "cosine_first",
)
WEIGHTS = (
    -6.0195,
    3.4262,
    5.2684,
    1.6911,
    -0.3353,
    0.7737,
    4.8034,
    -1.1480,
    0.1073,
    0.5747,
    0.2424,
)
ANSWER = 0.5120
SUGGEST = 0.1274
