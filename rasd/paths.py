"""Where every packaged file is: data, lexicons, models and the dashboard's static files.

Runtime code finds its files only through this module, so an installed package (a wheel, no repository
around it) works the same as a checkout. Nothing here points outside the package: development inputs
(the shared corpora, gold files) are the tools' business (``rasd.tools.paths``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
LEXICON_DIR = DATA / "lexicon"
MODELS = DATA / "models"
STATIC = PACKAGE / "serve" / "static"

GAZETTEER = DATA / "gazetteer.tsv.gz"
GAZETTEER_ALIASES = DATA / "gazetteer_aliases.tsv"
GAZETTEER_REGIONS = DATA / "gazetteer_regions.tsv"
GAZETTEER_SITES = DATA / "gazetteer_sites.tsv"
GAZETTEER_TOWNS = DATA / "gazetteer_towns.tsv"
GAZETTEER_ADMIN1 = DATA / "gazetteer_admin1.tsv"
ACTORS = DATA / "actors.yaml"
VOCAB = DATA / "lang" / "vocab.tsv.gz"
ACLED_COUNTRIES = DATA / "acled_countries.tsv"
OUTLETS = DATA / "outlets.tsv"

NER_CRF = MODELS / "ner_crf.crfsuite"
NER_CRF_DOC = MODELS / "ner_crf_doc.crfsuite"
NER_GAZETTEER = MODELS / "ner_gazetteer.tsv.gz"
NER_CLUSTERS = MODELS / "ner_clusters.tsv.gz"
NER_EMBED_CLUSTERS = MODELS / "ner_w2v_clusters.tsv.gz"
NER_NEIGHBOUR_LABELS = MODELS / "ner_nn_labels.tsv.gz"
NER_NN_WEIGHTS = MODELS / "ner_nn_tagger.npz"
NER_NN_VECTORS = MODELS / "ner_nn_vectors.npz"
