"""Score the theme pipeline against labelled data: ``python -m analysis.evaluate DATA.csv``.

The data is a CSV with a text column and a label column (``label`` or ``category``, or
name it with ``--label-column``). The script draws session-sized samples (about 150
texts from 4 to 10 labels with uneven sizes, 30 samples, fixed seed), runs the full
pipeline with the number of themes chosen automatically, and prints the mean and
standard deviation of ARI, NMI, accuracy (Hungarian matching of themes to labels) and
|k_found - k_true|, beside a TF-IDF + LSA + k-means baseline that picks k by silhouette.

Concerns sent to "other" count as one extra predicted group, so leaving texts out is not
free.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score
from sklearn.preprocessing import normalize

from analysis.embed import BACKENDS
from analysis.models import Concern
from analysis.pipeline import ThemeFinder
from analysis.text import analyze, detect_language

__all__ = [
    "Sample",
    "baseline_labels",
    "hungarian_accuracy",
    "load_labelled",
    "main",
    "pipeline_labels",
    "session_samples",
]


@dataclass(frozen=True)
class Sample:
    """One session-sized sample: row indices into the data and their true labels."""

    rows: np.ndarray
    truth: np.ndarray
    k_true: int


def load_labelled(path: str | Path, label_column: str | None = None) -> tuple[list[str], list[str]]:
    """Read texts and labels from a CSV (label column ``label`` or ``category`` by default)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        column = label_column or next((c for c in ("label", "category") if c in columns), None)
        if "text" not in columns or column is None or column not in columns:
            raise ValueError(
                f"{path}: need columns text and {label_column or 'label (or category)'}; "
                f"found {', '.join(columns) or 'nothing'}"
            )
        rows = [(row["text"], row[column]) for row in reader if row["text"].strip()]
    return [text for text, _ in rows], [label for _, label in rows]


def session_samples(
    labels: Sequence[str],
    n_samples: int = 30,
    size: int = 150,
    k_range: tuple[int, int] = (4, 10),
    min_per_label: int = 5,
    seed: int = 0,
) -> list[Sample]:
    """Draw session-sized samples with uneven label sizes.

    Each sample picks k labels uniformly in ``k_range``, splits ``size`` among them with
    Dirichlet(2) weights (so some themes are several times larger than others), and
    draws that many texts per label without replacement (at least ``min_per_label``).
    """
    rng = np.random.default_rng(seed)
    by_label: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    names = sorted(by_label)
    samples = []
    for _ in range(n_samples):
        low, high = min(k_range[0], len(names)), min(k_range[1], len(names))
        k = int(rng.integers(low, high + 1))
        chosen = rng.choice(len(names), size=k, replace=False)
        weights = rng.dirichlet(np.full(k, 2.0))
        sizes = np.maximum(min_per_label, np.round(weights * size)).astype(int)
        rows: list[int] = []
        truth: list[int] = []
        for j, name_index in enumerate(chosen):
            pool = by_label[names[name_index]]
            take = min(int(sizes[j]), len(pool))
            rows.extend(rng.choice(pool, size=take, replace=False).tolist())
            truth.extend([j] * take)
        samples.append(Sample(np.array(rows), np.array(truth), k))
    return samples


def hungarian_accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Accuracy after the best one-to-one matching of predicted groups to true labels."""
    true_ids = np.unique(truth)
    pred_ids = np.unique(predicted)
    counts = np.zeros((len(pred_ids), len(true_ids)))
    for i, p in enumerate(pred_ids):
        for j, t in enumerate(true_ids):
            counts[i, j] = np.sum((predicted == p) & (truth == t))
    rows, cols = linear_sum_assignment(-counts)
    return float(counts[rows, cols].sum() / len(truth))


def pipeline_labels(
    texts: Sequence[str], backend: str, random_state: int
) -> tuple[np.ndarray, int]:
    """Run the full pipeline; return labels ("other" = -1) and the number of themes."""
    concerns = [Concern(id=i, text=text) for i, text in enumerate(texts)]
    finder = ThemeFinder(backend=backend, random_state=random_state, flag_safety=False)
    finder.fit(concerns)
    return finder.labels_, len(finder.themes_)


def baseline_labels(
    texts: Sequence[str], random_state: int, k_max: int = 15
) -> tuple[np.ndarray, int]:
    """TF-IDF (stemmed) + LSA + k-means with k chosen by the silhouette (the issue's baseline)."""
    languages = [detect_language(text, default="en") for text in texts]
    docs = [analyze(text, lang) for text, lang in zip(texts, languages, strict=True)]
    tfidf = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit_transform(docs)
    dims = max(2, min(100, tfidf.shape[0] - 1, tfidf.shape[1] - 1))
    x = normalize(TruncatedSVD(dims, random_state=random_state).fit_transform(tfidf))
    best: tuple[float, np.ndarray, int] | None = None
    for k in range(2, min(k_max, len(texts) - 1) + 1):
        labels = KMeans(k, n_init=10, random_state=random_state).fit_predict(x)
        if len(np.unique(labels)) < 2:
            continue
        score = silhouette_score(x, labels, metric="cosine")
        if best is None or score > best[0]:
            best = (score, labels, k)
    if best is None:
        return np.zeros(len(texts), dtype=int), 1
    return best[1], best[2]


def evaluate(
    texts: Sequence[str],
    samples: Sequence[Sample],
    method: Callable[[Sequence[str]], tuple[np.ndarray, int]],
) -> dict[str, list[float]]:
    """Score one method on every sample."""
    scores: dict[str, list[float]] = {"ari": [], "nmi": [], "acc": [], "k_err": [], "sec": []}
    for sample in samples:
        sample_texts = [texts[i] for i in sample.rows]
        start = time.perf_counter()
        predicted, k_found = method(sample_texts)
        scores["sec"].append(time.perf_counter() - start)
        scores["ari"].append(adjusted_rand_score(sample.truth, predicted))
        scores["nmi"].append(normalized_mutual_info_score(sample.truth, predicted))
        scores["acc"].append(hungarian_accuracy(sample.truth, predicted))
        scores["k_err"].append(abs(k_found - sample.k_true))
    return scores


TABLE_HEAD = "| method | ARI | NMI | accuracy | abs k error | s/sample |\n|---|---|---|---|---|---|"


def _format(name: str, scores: dict[str, list[float]]) -> str:
    cells = []
    for key in ("ari", "nmi", "acc", "k_err"):
        values = scores[key]
        cells.append(f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}")
    seconds = statistics.mean(scores["sec"])
    return f"| {name} | " + " | ".join(cells) + f" | {seconds:.2f} |"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print a Markdown table."""
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__)
    parser.add_argument("data", help="CSV with columns text and label (or category)")
    parser.add_argument("--label-column", help="name of the label column")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument(
        "--seed",
        type=int,
        nargs="+",
        default=[0],
        help="one or more draws of samples; with several, each is printed and then all "
        "of them pooled",
    )
    parser.add_argument(
        "--backend",
        action="append",
        choices=[b for b in BACKENDS if b != "auto"],
        help="backend(s) to score (default: every installed one)",
    )
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--split",
        choices=("dev", "heldout", "all"),
        default="dev",
        help="domain set only (a CSV with a session column): which sessions to score",
    )
    parser.add_argument("--labels", action="store_true", help="domain set: print the labels")
    args = parser.parse_args(argv)
    if _is_domain_set(args.data):
        from analysis.embed import model_available
        from analysis.evaluate_domain import main_domain

        backends = args.backend or (
            ["use-multilingual", "lexical"] if model_available() else ["lexical"]
        )
        return main_domain(args.data, args.split, backends, args.labels)
    try:
        texts, labels = load_labelled(args.data, args.label_column)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from analysis.embed import model_available

    backends = args.backend or (
        ["use-multilingual", "lexical"] if model_available() else ["lexical"]
    )
    methods: list[tuple[str, Callable[[Sequence[str], int], tuple[np.ndarray, int]]]] = [
        (f"pipeline ({backend})", lambda t, seed, b=backend: pipeline_labels(t, b, seed))
        for backend in backends
    ]
    if not args.no_baseline:
        methods.append(("baseline TF-IDF+LSA+k-means, silhouette k", baseline_labels))
    pooled: dict[str, dict[str, list[float]]] = {name: {} for name, _method in methods}
    for seed in args.seed:
        samples = session_samples(labels, n_samples=args.samples, size=args.size, seed=seed)
        k_true = [s.k_true for s in samples]
        sizes = [len(s.rows) for s in samples]
        print(
            f"{args.data}: {len(samples)} samples, {min(sizes)}-{max(sizes)} texts, "
            f"k_true {min(k_true)}-{max(k_true)} (mean {statistics.mean(k_true):.1f}), "
            f"seed {seed}"
        )
        print("")
        print(TABLE_HEAD)
        for name, method in methods:
            scores = evaluate(texts, samples, lambda t, m=method, s=seed: m(t, s))
            print(_format(name, scores))
            for key, values in scores.items():
                pooled[name].setdefault(key, []).extend(values)
        print("")
    if len(args.seed) > 1:
        count = len(args.seed) * args.samples
        print(f"All {len(args.seed)} draws pooled ({count} samples):")
        print("")
        print(TABLE_HEAD)
        for name, scores in pooled.items():
            print(_format(name, scores))
    return 0


def _is_domain_set(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except OSError:
        return False
    return "session" in header and "theme" in header


if __name__ == "__main__":
    sys.exit(main())
