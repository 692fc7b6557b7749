"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(525 questions, 7436 candidates).
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
    "gist",
    "head",
    "head_part",
    "head_first",
    "head_none",
)
WEIGHTS = (
    -5.1336,
    1.0209,
    3.0314,
    0.1754,
    -1.0181,
    1.3807,
    2.4654,
    -1.2111,
    0.1160,
    0.4060,
    0.0323,
    2.2120,
    5.7134,
    2.4855,
    0.2366,
    -1.0527,
)
ANSWER = 0.8851
SUGGEST = 0.1000
