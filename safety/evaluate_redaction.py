"""Score redaction against labelled data: ``python -m safety.evaluate_redaction CSV ...``.

Each CSV needs a ``text`` column with values marked inline as ``{{kind:value}}``;
``language`` is optional and any other column (``note`` ...) is ignored. For each file,
and for all files pooled when there are several, it prints precision, recall and F1 per
kind, twice: with exact span matching (same start, end and kind) and with character
overlap (a found span counts if it overlaps an expected span of the same kind). The "any
kind" row of the overlap table ignores the kind: it is the privacy view, since a phone
masked as ``[case]`` is still masked. Then the "any kind" overlap figures per language,
the share of posts with nothing to redact left unchanged, and the confusion of posts
changed versus left alone.
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


def by_language(examples: Sequence[Example]) -> dict[str, Counts]:
    """Overlap counts ignoring the kind, per language (``"?"`` when none is given)."""
    rows: dict[str, Counts] = {}
    for example in examples:
        found = find_spans(example.text, example.language)
        _overlap_counts(
            rows.setdefault(example.language or "?", Counts()), example.spans, found, None
        )
    return dict(sorted(rows.items()))


def confusion(examples: Sequence[Example]) -> dict[tuple[bool, bool], int]:
    """Posts counted by (something to redact, changed by :func:`find_spans`)."""
    counts = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for example in examples:
        counts[(bool(example.spans), bool(find_spans(example.text, example.language)))] += 1
    return counts


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
    sets: list[tuple[str, list[Example]]] = []
    for path in args.csv:
        try:
            sets.append((path, load_redaction(path)))
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    if len(sets) > 1:
        sets.append((f"all {len(sets)} files pooled", [e for _, ex in sets for e in ex]))
    for path, examples in sets:
        _print_report(path, examples, errors=args.errors)
    return 0


def _print_report(path: str, examples: list[Example], *, errors: bool) -> None:
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
    print(format_table("any kind, character overlap, per language", by_language(examples).items()))
    share = (clean - altered) / clean if clean else 1.0
    print(
        f"posts with nothing to redact: {clean}, changed anyway: {altered}, "
        f"left unchanged: {share:.1%}"
    )
    c = confusion(examples)
    print("confusion (rows: expected, columns: what redaction did)")
    print(f"{'':<18}{'changed':>9}{'unchanged':>11}")
    print(f"{'something to hide':<18}{c[(True, True)]:>9}{c[(True, False)]:>11}")
    print(f"{'nothing to hide':<18}{c[(False, True)]:>9}{c[(False, False)]:>11}")
    if errors:
        print("mismatches:", *_errors(examples), sep="\n")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
