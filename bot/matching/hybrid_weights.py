"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(525 questions, 7200 candidates).
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
    -5.2143,
    1.5221,
    2.9267,
    0.8694,
    -1.4314,
    1.1991,
    3.2601,
    -1.3266,
    0.1096,
    0.3861,
    0.0088,
    2.4897,
    4.3320,
    2.2866,
    0.0176,
    -0.6965,
)
ANSWER = 0.8738
SUGGEST = 0.1000
