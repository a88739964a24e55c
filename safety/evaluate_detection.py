"""Score safety routing on labelled data: ``python -m safety.evaluate_detection CSV ...``.

Each CSV needs ``text`` and ``label`` (``none``, ``self_harm``, ``threat``, ``abuse``);
``language`` is optional and any other column is ignored. For each file, and for all
files pooled when there are several, it prints:

- precision and recall per label (a post counts for every kind
  :func:`~safety.detect.assess` reports) and for flagged versus not flagged, which is
  what decides whether a post is held for the moderator;
- flagged-vs-not per language;
- the share of posts labelled ``none`` left unflagged;
- the confusion of flagged versus not flagged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from safety.detect import KINDS, assess
from safety.labelled import Labelled, load_detection_rows
from safety.metrics import Counts, format_table

__all__ = ["DEFAULT_CSV", "Report", "main", "score"]

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "tests/safety/data/safety_labelled.csv"


class Report:
    """Counts gathered over labelled rows."""

    def __init__(self) -> None:
        self.by_kind = {kind: Counts() for kind in (*KINDS, "flagged")}
        self.by_language: dict[str, Counts] = {}
        self.confusion = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
        self.errors: list[str] = []

    def add(self, row: Labelled) -> None:
        """Screen one row and count the outcome."""
        result = assess(row.text, row.language)
        for kind in KINDS:
            predicted, expected = kind in result.kinds, row.label == kind
            self.by_kind[kind].tp += predicted and expected
            self.by_kind[kind].fp += predicted and not expected
            self.by_kind[kind].fn += expected and not predicted
        flagged, expected_flag = result.flagged, row.label != "none"
        for counts in (
            self.by_kind["flagged"],
            self.by_language.setdefault(row.language or "?", Counts()),
        ):
            counts.tp += flagged and expected_flag
            counts.fp += flagged and not expected_flag
            counts.fn += expected_flag and not flagged
        self.confusion[(expected_flag, flagged)] += 1
        if set(result.kinds) != ({row.label} - {"none"}):
            found = ",".join(result.kinds) or "none"
            self.errors.append(f"  expected {row.label:<9} got {found:<15} {row.text!r}")

    def format(self) -> str:
        """The tables as text."""
        c = self.confusion
        clean = c[(False, False)] + c[(False, True)]
        share = c[(False, False)] / clean if clean else 1.0
        lines = [
            format_table("per label and flagged-vs-not", self.by_kind.items()),
            format_table("flagged-vs-not per language", sorted(self.by_language.items())),
            f"posts labelled none left unflagged: {c[(False, False)]}/{clean} ({share:.1%})",
            "confusion (rows: expected, columns: predicted)",
            f"{'':<14}{'flagged':>9}{'not':>9}",
            f"{'needs review':<14}{c[(True, True)]:>9}{c[(True, False)]:>9}",
            f"{'none':<14}{c[(False, True)]:>9}{c[(False, False)]:>9}",
        ]
        return "\n".join(lines)


def score(pairs: Sequence[tuple[str, str]]) -> tuple[dict[str, Counts], list[str]]:
    """Score :func:`~safety.detect.assess` on ``(text, label)`` pairs.

    Returns:
        Counts per kind plus ``"flagged"``, and one line per misjudged post.
    """
    report = Report()
    for text, label in pairs:
        report.add(Labelled(text, label))
    return report.by_kind, report.errors


def main(argv: Sequence[str] | None = None) -> int:
    """Print the tables for each CSV; return 0, or 2 if a file cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m safety.evaluate_detection")
    parser.add_argument("csv", nargs="*", default=[str(DEFAULT_CSV)], help="labelled CSV files")
    parser.add_argument("--errors", action="store_true", help="list every misjudged post")
    parser.add_argument(
        "--classifier",
        type=Path,
        help="screen with this classifier (python -m safety.train_classifier --output)",
    )
    args = parser.parse_args(argv)
    if args.classifier is None:
        return _report(args)
    from safety.semantic import load_classifier, using

    try:
        classifier = load_classifier(args.classifier)
    except (OSError, KeyError, RuntimeError) as error:
        print(f"error: {args.classifier}: {error}", file=sys.stderr)
        return 2
    with using(classifier):
        return _report(args)


def _report(args: argparse.Namespace) -> int:
    pooled = Report()
    for path in args.csv:
        try:
            rows = load_detection_rows(path)
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        report = Report()
        for row in rows:
            report.add(row)
            pooled.add(row)
        counts = {label: sum(1 for r in rows if r.label == label) for label in ("none", *KINDS)}
        summary = ", ".join(f"{label} {n}" for label, n in counts.items())
        print(f"== {path}: {len(rows)} posts ({summary})")
        print(report.format())
        if args.errors:
            print("misjudged:", *report.errors, sep="\n")
        print()
    if len(args.csv) > 1:
        print(f"== all {len(args.csv)} files pooled")
        print(pooled.format())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
