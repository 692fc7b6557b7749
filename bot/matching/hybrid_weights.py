"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4876 candidates).
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
    -3.9889,
    0.8331,
    2.4080,
    0.7358,
    -0.4667,
    1.4698,
    3.1719,
    -1.3887,
    -0.1125,
    0.2896,
    0.1160,
    2.2243,
    5.0494,
    1.5462,
    -0.1259,
    -2.1134,
)
ANSWER = 0.8497
SUGGEST = 0.1000
