"""Score safety detection on labelled data: ``python -m safety.evaluate_detection [CSV ...]``.

For each CSV (default: the development set in ``tests/safety/data``) it prints precision,
recall and F1 per kind (a post counts for every kind :func:`~safety.detect.assess`
reports) and for flagged versus not flagged, which is what decides whether a post is
held for the moderator.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from safety.detect import KINDS, assess
from safety.labelled import load_detection
from safety.metrics import Counts, format_table

__all__ = ["DEFAULT_CSV", "main", "score"]

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "tests/safety/data/safety_labelled.csv"


def score(pairs: Sequence[tuple[str, str]]) -> tuple[dict[str, Counts], list[str]]:
    """Score :func:`~safety.detect.assess` on ``(text, label)`` pairs.

    Returns:
        Counts per kind plus ``"flagged"``, and one line per misjudged post.
    """
    rows = {kind: Counts() for kind in (*KINDS, "flagged")}
    errors = []
    for text, label in pairs:
        result = assess(text)
        for kind in KINDS:
            predicted, expected = kind in result.kinds, label == kind
            rows[kind].tp += predicted and expected
            rows[kind].fp += predicted and not expected
            rows[kind].fn += expected and not predicted
        flagged, expected_flag = result.flagged, label != "none"
        rows["flagged"].tp += flagged and expected_flag
        rows["flagged"].fp += flagged and not expected_flag
        rows["flagged"].fn += expected_flag and not flagged
        if set(result.kinds) != ({label} - {"none"}):
            found = ",".join(result.kinds) or "none"
            errors.append(f"  expected {label:<9} got {found:<15} {text!r}")
    return rows, errors


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table for each CSV; return 0, or 2 if a file cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m safety.evaluate_detection")
    parser.add_argument("csv", nargs="*", default=[str(DEFAULT_CSV)], help="labelled CSV files")
    parser.add_argument("--errors", action="store_true", help="list every misjudged post")
    args = parser.parse_args(argv)
    for path in args.csv:
        try:
            pairs = load_detection(path)
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        rows, errors = score(pairs)
        counts = {label: sum(1 for _, got in pairs if got == label) for label in ("none", *KINDS)}
        summary = ", ".join(f"{label} {n}" for label, n in counts.items())
        print(f"== {path}: {len(pairs)} posts ({summary})")
        print(format_table("per kind and flagged-vs-not", rows.items()))
        if args.errors:
            print("misjudged:", *errors, sep="\n")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
