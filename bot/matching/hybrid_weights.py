"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 2667 candidates).
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
    -7.2349,
    2.4769,
    8.3706,
    0.8007,
    0.3340,
    2.3667,
    5.1233,
    -1.7670,
    0.1599,
    0.0837,
    -0.0591,
)
ANSWER = 0.6186
SUGGEST = 0.0720
