"""Score redaction against labelled data: ``python -m safety.evaluate_redaction [CSV ...]``.

For each CSV (default: the development set shipped in ``tests/safety/data``) it prints
precision, recall and F1 per kind, twice: with exact span matching (same start, end and
kind) and with character overlap (a found span counts if it overlaps an expected span of
the same kind). The "any kind" row of the overlap table ignores the kind: it is the
privacy view, since a phone masked as ``[case]`` is still masked. The last line counts
posts with nothing to redact that were changed anyway.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from safety.finders import KINDS
from safety.labelled import Example, load_redaction
from safety.metrics import Counts, format_table
from safety.redact import find_spans
from safety.text import Span

__all__ = ["DEFAULT_CSV", "main", "score"]

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "tests/safety/data/redaction_labelled.csv"


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(examples: Sequence[Example]) -> tuple[dict[str, Counts], dict[str, Counts], int, int]:
    """Score :func:`~safety.redact.find_spans` on labelled examples.

    Returns:
        Exact-match counts by kind, overlap counts by kind (plus ``"any kind"``), the
        number of posts with no expected span, and how many of those were changed.
    """
    exact = {kind: Counts() for kind in KINDS}
    overlap = {kind: Counts() for kind in (*KINDS, "any kind")}
    clean = altered = 0
    for example in examples:
        found = find_spans(example.text, example.language)
        if not example.spans:
            clean += 1
            altered += bool(found)
        gold_keys = {(s.start, s.end, s.kind) for s in example.spans}
        found_keys = {(s.start, s.end, s.kind) for s in found}
        for kind in {s.kind for s in example.spans} | {s.kind for s in found}:
            counts = exact.setdefault(kind, Counts())
            counts.tp += sum(1 for key in found_keys & gold_keys if key[2] == kind)
            counts.fp += sum(1 for key in found_keys - gold_keys if key[2] == kind)
            counts.fn += sum(1 for key in gold_keys - found_keys if key[2] == kind)
            _overlap_counts(overlap.setdefault(kind, Counts()), example.spans, found, kind)
        _overlap_counts(overlap["any kind"], example.spans, found, None)
    return exact, overlap, clean, altered


def _overlap_counts(counts: Counts, gold: list[Span], found: list[Span], kind: str | None) -> None:
    gold = [s for s in gold if kind is None or s.kind == kind]
    found = [s for s in found if kind is None or s.kind == kind]
    counts.tp += sum(1 for g in gold if any(_overlaps(g, f) for f in found))
    counts.fn += sum(1 for g in gold if not any(_overlaps(g, f) for f in found))
    counts.fp += sum(1 for f in found if not any(_overlaps(g, f) for g in gold))


def _total(by_kind: dict[str, Counts]) -> Counts:
    total = Counts()
    for kind, counts in by_kind.items():
        if kind != "any kind":
            total.add(counts)
    return total


def _errors(examples: Sequence[Example]) -> list[str]:
    lines = []
    for example in examples:
        found = find_spans(example.text, example.language)
        gold = {(s.start, s.end, s.kind) for s in example.spans}
        got = {(s.start, s.end, s.kind) for s in found}
        if gold != got:
            missed = [f"{k}:{example.text[a:b]!r}" for a, b, k in sorted(gold - got)]
            extra = [f"{k}:{example.text[a:b]!r}" for a, b, k in sorted(got - gold)]
            lines.append(f"  {example.text!r}\n    missed {missed}\n    extra  {extra}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print the tables for each CSV; return 0, or 2 if a file cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m safety.evaluate_redaction")
    parser.add_argument("csv", nargs="*", default=[str(DEFAULT_CSV)], help="labelled CSV files")
    parser.add_argument("--errors", action="store_true", help="list every mismatching post")
    args = parser.parse_args(argv)
    for path in args.csv:
        try:
            examples = load_redaction(path)
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        exact, overlap, clean, altered = score(examples)
        n_spans = sum(len(e.spans) for e in examples)
        print(f"== {path}: {len(examples)} posts, {n_spans} expected spans")
        kinds = [k for k in exact if exact[k].tp + exact[k].fp + exact[k].fn]
        print(
            format_table(
                "exact span match", [(k, exact[k]) for k in kinds] + [("overall", _total(exact))]
            )
        )
        print(
            format_table(
                "character overlap",
                [(k, overlap[k]) for k in kinds]
                + [("overall", _total(overlap)), ("any kind", overlap["any kind"])],
            )
        )
        print(f"posts with nothing to redact: {clean}, changed anyway: {altered}")
        if args.errors:
            print("mismatches:", *_errors(examples), sep="\n")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
