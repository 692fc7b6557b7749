"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(525 questions, 6988 candidates).
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
    -4.5931,
    0.8772,
    3.1285,
    0.6838,
    -1.8492,
    0.2793,
    4.0523,
    -0.7760,
    0.1405,
    0.4412,
    -0.2149,
    2.5630,
    3.5059,
    1.7348,
    0.4529,
    -1.8146,
)
ANSWER = 0.8232
SUGGEST = 0.1000
