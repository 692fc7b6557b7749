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
    -4.3094,
    1.1685,
    2.4614,
    0.8058,
    -0.5256,
    1.2308,
    3.1133,
    -1.4075,
    -0.0776,
    0.4357,
    0.1208,
    2.2052,
    4.8225,
    1.4622,
    0.0011,
    -2.0636,
)
ANSWER = 0.8542
SUGGEST = 0.1000
