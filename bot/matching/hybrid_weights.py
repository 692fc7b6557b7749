"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4877 candidates).
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
    -4.0106,
    0.8299,
    2.4477,
    0.7284,
    -0.4617,
    1.4780,
    3.1432,
    -1.3935,
    -0.1121,
    0.2915,
    0.1165,
    2.2194,
    5.0371,
    1.5555,
    -0.1207,
    -2.0293,
)
ANSWER = 0.8506
SUGGEST = 0.0399
