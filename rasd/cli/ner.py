"""``rasd ner TEXT``, ``rasd train ner``, ``rasd train ner-neural``, ``rasd eval ner`` and
``rasd build ner-features``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from rasd.cli.groups import build_group, eval_group, train_group

_TAGGER_OPTION = click.option(
    "--tagger",
    type=click.Choice(["neural", "crf", "ensemble"]),
    default=None,
    help="Which tagger (default: $RASD_NER, else neural; the CRF when the neural weights are missing).",
)


_TRAIN_FILE_OPTION = click.option(
    "--train",
    "train_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="ANERcorp-format training file (default: shared ANERcorp train).",
)


def _out_option(what: str):  # a click option decorator
    return click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help=f"Where to write {what}.")


def _report_trained(n_sentences: int, seconds: float, written: Path) -> None:
    click.echo(f"trained on {n_sentences} sentences in {seconds:.0f} s -> {written} "
               f"({written.stat().st_size / 1e6:.1f} MB)")


@click.command("ner")
@click.argument("text", required=False)
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the text from a file (without TEXT or --file, stdin is read).",
)
@_TAGGER_OPTION
def ner_command(text: str | None, path: Path | None, tagger: str | None) -> None:
    """Print the named entities of TEXT as JSON with character offsets."""
    from rasd.lang.ner import extract_entities

    if text is None:
        text = path.read_text(encoding="utf-8") if path else sys.stdin.read()
    mentions = extract_entities(text, tagger)
    rows = [{"text": m.text, "label": m.label, "start": m.start, "end": m.end} for m in mentions]
    click.echo(json.dumps(rows, ensure_ascii=False, indent=1))


@train_group.command("ner")
@_TRAIN_FILE_OPTION
@click.option("--aqmar/--no-aqmar", default=None, help="Also train on AQMAR (default: the model's setting).")
@_out_option("the model (default: rasd/data/models/ner_crf.crfsuite)")
@click.option("--verbose", is_flag=True, help="Show crfsuite's iteration log.")
def train_ner(train_path: Path | None, aqmar: bool | None, out: Path | None, verbose: bool) -> None:
    """Train the CRF tagger (fixed settings; NewsFANE is never used: it re-annotates the test text)."""
    import time

    from rasd.tools import train_ner

    sentences = train_ner.read_conll(train_path or train_ner.ANERCORP_TRAIN)
    if train_ner.USE_AQMAR if aqmar is None else aqmar:
        sentences += train_ner.read_aqmar()
    t0 = time.perf_counter()
    written = train_ner.train(sentences, out or train_ner.MODEL_PATH, verbose=verbose)
    _report_trained(len(sentences), time.perf_counter() - t0, written)


@train_group.command("ner-neural")
@_TRAIN_FILE_OPTION
@_out_option("the numpy weights (default: rasd/data/models/ner_nn_tagger.npz)")
@click.option("--epochs", type=int, default=None, help="Override the fixed number of epochs.")
@click.option("--threads", type=int, default=1, show_default=True, help="torch CPU threads.")
@click.option(
    "--dev",
    "dev_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Instead: train on the non-held-out blocks of train, score the held-out blocks after every "
    "epoch, and keep the files in this folder (the shipped weights are not touched).",
)
def train_ner_neural(
    train_path: Path | None, out: Path | None, epochs: int | None, threads: int, dev_dir: Path | None
) -> None:
    """Train the BiLSTM-CRF tagger (needs torch: pip install -e '.[train]'); fixed settings and seed."""
    import time

    from rasd.tools import train_ner
    from rasd.tools import train_ner_neural as train_neural

    sentences = train_ner.read_conll(train_path or train_ner.ANERCORP_TRAIN)
    settings = {"epochs": epochs} if epochs else None
    t0 = time.perf_counter()
    if dev_dir is not None:
        results = train_neural.dev_run(sentences, dev_dir, settings, threads, log=click.echo)
        best = max(results, key=lambda r: r[1])
        click.echo(f"best held-out micro F1 {best[1]:.4f} after epoch {best[0]}")
        return
    written = train_neural.train(sentences, out or train_neural.WEIGHTS_PATH, settings=settings,
                                 threads=threads, log=click.echo)
    _report_trained(len(sentences), time.perf_counter() - t0, written)


@eval_group.command("ner")
@click.option(
    "--test",
    "test_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="BIO file to score (default: shared ANERcorp test).",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CRF model file (implies --tagger crf; default: the shipped one).",
)
@_TAGGER_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_ner(test_path: Path | None, model_path: Path | None, tagger: str | None, as_json: bool) -> None:
    """Entity-level (CoNLL exact span + type) micro and per-type P/R/F1, and tagging speed."""
    from rasd.lang.ner import model
    from rasd.tools.eval_ner import evaluate_file
    from rasd.tools.paths import ANERCORP_TEST

    load_s = model.timed_load(model_path, tagger)
    result = evaluate_file(test_path or ANERCORP_TEST, model_path, tagger)
    result["load_s"] = round(load_s, 3)
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    click.echo(f"tagger: {result['tagger']}")
    click.echo(f"{'type':<6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}")
    for name, row in [("micro", result["micro"]), *result["per_type"].items()]:
        click.echo(
            f"{name:<6} {row['precision']:>7.4f} {row['recall']:>7.4f} {row['f1']:>7.4f} {row['support']:>6}"
        )
    click.echo(
        f"{result['tokens']} tokens, {result['tokens_per_s']} tokens/s cold cache, "
        f"{result['tokens_per_s_warm']} tokens/s warm (per CPU-second, one core); "
        f"model load {result['load_s']} s"
    )


@build_group.command("ner-features")
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="JSONL(.gz) corpora for the word clusters (default: shared/data/corpus/*.jsonl.gz).",
)
@click.option(
    "--vectors/--no-vectors",
    default=True,
    help="Also retrain the skip-gram vectors and their tables (about 7 min on 2 cores; needs gensim).",
)
def build_ner_features(corpora: tuple[Path, ...], vectors: bool) -> None:
    """Rebuild the NER word clusters, embedding tables and gazetteer in rasd/data/models/.

    The embedding-neighbour table reads ANERcorp train labels (never test, never NewsFANE).
    """
    import tempfile

    from rasd.tools import ner_features as clusters
    from rasd.tools import ner_gazetteer as gazetteer
    from rasd.tools.paths import CORPUS_DIR
    from rasd.tools.train_ner import ANERCORP_TRAIN, read_aqmar, read_conll

    paths = list(corpora) or sorted(CORPUS_DIR.glob("*.jsonl.gz"))
    table = clusters.build_clusters(clusters.corpus_texts(paths))
    click.echo(f"clusters: {len(table)} words -> {clusters.CLUSTERS_PATH}")
    n = gazetteer.build_gazetteer()
    click.echo(f"gazetteer: {n} entries -> {gazetteer.GAZETTEER_PATH}")
    if not vectors:
        return
    train = read_conll(ANERCORP_TRAIN)
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "tokens.txt"
        # ANERcorp train and AQMAR enter as unlabelled text only, so their words get vectors too.
        unlabelled = [tokens for tokens, _ in train + read_aqmar()]
        n_tokens = clusters.write_token_corpus(clusters.corpus_texts(paths), corpus_file, unlabelled)
        words, emb = clusters.train_word_vectors(corpus_file)
    click.echo(f"word vectors: {len(words)} words from {n_tokens} tokens")
    clusters.write_embedding_clusters(words, emb)
    click.echo(f"embedding clusters -> {clusters.EMBED_CLUSTERS_PATH}")
    from rasd.tools.train_ner_neural import write_vectors  # numpy only; torch is imported inside train()

    click.echo(f"neural tagger's word vectors -> {write_vectors(words, emb)} "
               "(retrain it with `rasd train ner-neural`)")
    rows = clusters.build_neighbour_labels(train, words, emb)
    click.echo(f"neighbour labels: {rows} words -> {clusters.NEIGHBOUR_LABELS_PATH}")


COMMANDS = [ner_command]
