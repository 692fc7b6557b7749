"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4866 candidates).
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
    -4.2088,
    1.1118,
    2.3485,
    0.7407,
    -0.4961,
    1.1935,
    3.0940,
    -1.4206,
    -0.0857,
    0.5339,
    0.1107,
    2.1980,
    5.1024,
    1.5960,
    -0.2040,
    -2.0493,
)
ANSWER = 0.8499
SUGGEST = 0.1000
