"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

The weights of bot/matching/candidate_model.py over the features of bot/matching/evidence.py,
fitted on the train split only (361 questions, 4866 candidates).
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
NONE_FEATURES = (
    "constant",
    "best_lexical",
    "best_cosine",
    "best_head",
    "best_head_part",
)
# Each candidate alone, the intercept first.
ALONE_WEIGHTS = (
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
# The candidates together: a candidate's features, then "none of them"'s.
TOGETHER_WEIGHTS = (
    1.3545,
    5.6145,
    2.6169,
    0.3073,
    0.2369,
    1.2638,
    -2.6497,
    -0.3260,
    0.7340,
    0.1163,
    2.8186,
    5.0018,
    -0.1533,
    0.1303,
    -4.4917,
)
NONE_WEIGHTS = (
    5.3789,
    -0.3012,
    -1.5793,
    1.6645,
    0.4058,
)
ANSWER = 0.8277
SUGGEST = 0.1000
