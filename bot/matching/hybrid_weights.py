"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4879 candidates).
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
    -4.1499,
    1.0071,
    2.3503,
    0.8542,
    -0.5656,
    1.1415,
    3.1773,
    -1.4084,
    -0.0953,
    0.5198,
    0.1064,
    2.1883,
    5.1556,
    1.5698,
    -0.2136,
    -2.0679,
)
ANSWER = 0.8311
SUGGEST = 0.1000
