"""Where the tools find their inputs: the shared data beside the repository and the repository's gold.

The shared folder is ``../shared`` next to the repository, or ``$RASD_SHARED``; only tools (building,
training, evaluation, benchmarks) read it, never the runtime.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("RASD_SHARED") or REPO.parent / "shared")
CORPUS_DIR = SHARED / "data" / "corpus"
NER_DIR = SHARED / "data" / "ner"
ANERCORP_TRAIN = NER_DIR / "anercorp" / "train.txt"
ANERCORP_TEST = NER_DIR / "anercorp" / "test.txt"
AQMAR_DIR = NER_DIR / "aqmar"
OCHA_SY = SHARED / "data" / "geo" / "ocha_sy"
TIMEML_DIR = SHARED / "data" / "time" / "timeml_ar"
GOLD_DIR = REPO / "eval" / "gold"
