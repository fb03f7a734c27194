"""Rasd: Arabic conflict reporting turned into structured, geocoded, source-attributed events and claims."""

import os as _os

# Rasd runs in parallel with processes (one article per core), never with BLAS threads: the tagger's small
# matrix products only lose time to thread hand-offs, and worker processes would fight over the cores.
# Set before numpy is first imported; a user's own setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
