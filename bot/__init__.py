"""career-bot: a Telegram assistant that helps people find their place in AI work."""

import os

# One BLAS/OpenMP thread, set before anything imports numpy (OpenBLAS and MKL read these once,
# when they load). The bot encodes one short question at a time, which more threads do not
# speed up, and on a small shared machine the extra threads only spin and steal the cores the
# event loop needs; without this numpy would start one thread per core. (onnxruntime, which
# runs the embedding model, gets its one thread in its session options.) An operator's own
# value wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"
