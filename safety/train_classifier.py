"""Train the semantic detector's classifier: ``python -m safety.train_classifier``.

What it learns from (:func:`training_examples`):

- every labelled routing file of tests/safety/data (``safety_*.csv`` and the check half
  ``check/safety_dev5_check.csv``). The held-out blind set (``blind/``) is never read:
  passing a file under it is an error;
- the labelled sentences of :mod:`safety.prototypes` (English, Spanish and the other site
  languages);
- the ordinary concerns of the analysis's *development* sessions
  (tests/analysis/data/domain_concerns.csv, split ``dev``), as ``none``: what a room is
  full of. The held-out sessions stay out, so ``benchmarks/ordinary_holds.py`` still
  measures false holds on concerns the model never saw.

How the settings are chosen: for each regularisation strength, class weighting and
threshold of a small grid, grouped cross-validation (each file is a group, each
development session is a group; the prototypes always train) screens every held-out
post with the whole of :func:`safety.detect.assess`, the rules and their exceptions
included, and counts the posts flagged. The chosen setting has the highest recall of
flagged-vs-not among those that hold at most ``--max-held`` of the ordinary concerns and
keep precision at ``--min-precision``; the model is then trained on everything with it and
written to safety/classifier.npz. scikit-learn's ``LogisticRegression`` (lbfgs,
multinomial) is deterministic, so the same data gives the same file.

    python -m safety.train_classifier                 # search, train, write
    python -m safety.train_classifier --exclude tests/safety/data/safety_dev9_fresh.csv \\
        --output /tmp/without_dev9.npz                # how it does on a file it never saw
    python -m safety.evaluate_detection --classifier /tmp/without_dev9.npz \\
        tests/safety/data/safety_dev9_fresh.csv
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from safety.classifier import MODEL_FILE, Classifier, training_digest
from safety.labelled import load_detection_rows
from safety.metrics import Counts
from safety.prototypes import PROTOTYPES

__all__ = ["Example", "default_files", "fit", "main", "training_examples"]

ROOT = Path(__file__).resolve().parent.parent
SAFETY_DATA = ROOT / "tests" / "safety" / "data"
DOMAIN_DATA = ROOT / "tests" / "analysis" / "data"
HELD_OUT = SAFETY_DATA / "blind"

_STRENGTHS = (1.0, 4.0, 16.0)  # LogisticRegression's C
_WEIGHTS = (None, "balanced")
_THRESHOLDS = (0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True)
class Example:
    """A labelled text and the group it is held out with in cross-validation."""

    text: str
    label: str
    group: str


def default_files() -> list[Path]:
    """The labelled routing files the shipped classifier learns from."""
    return sorted(SAFETY_DATA.glob("safety_*.csv")) + sorted(
        (SAFETY_DATA / "check").glob("safety_*.csv")
    )


def training_examples(files: Sequence[Path] | None = None) -> list[Example]:
    """Every example of the shipped training data (see the module's docstring).

    Raises:
        ValueError: A file is part of the held-out set, or holds an unknown label.
    """
    examples = []
    for path in default_files() if files is None else files:
        if HELD_OUT in Path(path).resolve().parents:
            raise ValueError(f"{path} is held out: nothing may be trained on it")
        group = Path(path).name
        examples += [Example(r.text, r.label, group) for r in load_detection_rows(path)]
    for label, lines in PROTOTYPES.items():
        examples += [Example(line, label, "prototypes") for line in lines]
    with (DOMAIN_DATA / "split.csv").open(encoding="utf-8") as handle:
        split = {row["session"]: row["split"] for row in csv.DictReader(handle)}
    with (DOMAIN_DATA / "domain_concerns.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if split[row["session"]] == "dev":
                examples.append(Example(row["text"], "none", f"domain:{row['session']}"))
    # A sentence the held-out set also holds, word for word, is left out: four short
    # phrases both writers wrote ("esta espera me está matando"); training on them would
    # score the held-out set on what the model has seen.
    held_out = {row.text for row in load_detection_rows(HELD_OUT / "routing_heldout_blind.csv")}
    return [e for e in examples if e.text not in held_out]


def fit(
    vectors: np.ndarray, labels: Sequence[str], strength: float, weights: str | None
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Fit the multinomial logistic regression; return its classes, weights and biases."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, class_weight=weights, max_iter=5000)
    model.fit(vectors, list(labels))
    return tuple(str(c) for c in model.classes_), model.coef_, model.intercept_


@dataclass
class _Score:
    flagged: Counts
    per_class: dict[str, Counts]
    ordinary_held: float


def _screen(examples: Sequence[Example], classifier: Classifier) -> list[list[str]]:
    from safety import semantic
    from safety.detect import assess

    with semantic.using(classifier), semantic.batch([e.text for e in examples]):
        return [assess(e.text).kinds for e in examples]


def _score(examples: Sequence[Example], kinds: Sequence[list[str]]) -> _Score:
    flagged = Counts()
    per_class = {kind: Counts() for kind in semantic_kinds()}
    held = ordinary = 0
    for example, found in zip(examples, kinds, strict=True):
        if example.group == "prototypes":
            continue  # always trained on, never held out
        if example.group.startswith("domain:"):
            ordinary += 1
            held += bool(found)
            continue
        expected = example.label != "none"
        flagged.tp += bool(found) and expected
        flagged.fp += bool(found) and not expected
        flagged.fn += expected and not found
        for kind, counts in per_class.items():
            counts.tp += kind in found and example.label == kind
            counts.fp += kind in found and example.label != kind
            counts.fn += kind not in found and example.label == kind
    return _Score(flagged, per_class, held / ordinary if ordinary else 0.0)


def semantic_kinds() -> tuple[str, ...]:
    from safety.semantic import KINDS

    return KINDS


def main(argv: Sequence[str] | None = None) -> int:
    """Search the settings, train and write the classifier; return 0, or 2 on bad input."""
    parser = argparse.ArgumentParser(prog="python -m safety.train_classifier")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        type=Path,
        help="a labelled file to leave out (to score the model on it)",
    )
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument(
        "--max-held",
        type=float,
        default=0.06,
        help="the largest share of ordinary concerns the screen may hold",
    )
    parser.add_argument("--min-precision", type=float, default=0.80)
    args = parser.parse_args(argv)
    from embedding import reuse

    with reuse():  # each text is embedded once, not once per setting tried
        return _train(args)


def _train(args: argparse.Namespace) -> int:
    from embedding import encode, model_version

    excluded = {path.resolve() for path in args.exclude}
    files = [path for path in default_files() if path.resolve() not in excluded]
    unknown = excluded - {path.resolve() for path in default_files()}
    try:
        if unknown:
            raise ValueError(f"not a training file: {', '.join(map(str, sorted(unknown)))}")
        examples = training_examples(files)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    texts = [e.text for e in examples]
    labels = np.array([e.label for e in examples])
    groups = np.array([e.group for e in examples])
    vectors = encode(texts)
    folds = sorted(set(groups) - {"prototypes"})
    print(f"{len(examples)} examples, {len(folds)} cross-validation groups")
    results = []
    for strength, weights in itertools.product(_STRENGTHS, _WEIGHTS):
        models = {}
        for group in folds:
            train = groups != group
            models[group] = fit(vectors[train], labels[train], strength, weights)
        for threshold in _THRESHOLDS:
            kinds: list[list[str]] = [[] for _ in examples]
            for group, (classes, coef, intercept) in models.items():
                held_out = [i for i, g in enumerate(groups) if g == group]
                classifier = Classifier(classes, coef, intercept, threshold, "", "")
                screened = _screen([examples[i] for i in held_out], classifier)
                for i, found in zip(held_out, screened, strict=True):
                    kinds[i] = found
            score = _score(examples, kinds)
            ok = score.ordinary_held <= args.max_held and (
                score.flagged.precision >= args.min_precision
            )
            results.append(
                (
                    ok,
                    score.flagged.recall,
                    score.flagged.precision,
                    strength,
                    weights,
                    threshold,
                    score,
                )
            )
            per = ", ".join(f"{k} R {c.recall:.2f}" for k, c in score.per_class.items())
            print(
                f"C={strength:<4g} weights={weights!s:<8} threshold={threshold:.2f} "
                f"P {score.flagged.precision:.3f} R {score.flagged.recall:.3f} ({per}) "
                f"ordinary held {score.ordinary_held:.1%}{'' if ok else '  (over a limit)'}"
            )
    ok, recall, precision, strength, weights, threshold, _ = max(results, key=lambda r: r[:3])
    if not ok:
        print("error: no setting keeps within --max-held and --min-precision", file=sys.stderr)
        return 2
    classes, coef, intercept = fit(vectors, labels, strength, weights)
    settings = f"C={strength:g} class_weight={weights} threshold={threshold}"
    classifier = Classifier(
        classes,
        coef,
        intercept,
        threshold,
        model_version() or "",
        training_digest((e.text, e.label) for e in examples),
        settings,
    )
    classifier.save(args.output)
    print(
        f"chosen: {settings} (cross-validated P {precision:.3f} R {recall:.3f}); "
        f"written to {args.output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
