"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4375 candidates).
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
)
WEIGHTS = (
    -7.3036,
    2.5867,
    6.5265,
    0.7419,
    -0.1231,
    2.3598,
    4.7534,
    -1.8320,
    0.1516,
    0.1100,
    0.0937,
    2.7308,
)
ANSWER = 0.5555
SUGGEST = 0.0630
