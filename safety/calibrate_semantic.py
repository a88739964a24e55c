"""Calibrate the semantic detector: ``python -m safety.calibrate_semantic CSV ...``.

For every combination of per-class threshold and margin on a small grid, it joins the
semantic detector's class with the rules' kinds (as :func:`safety.detect.assess` does)
and scores flagged-vs-not and each class on the given routing CSVs. It prints the best
settings by F2 of flagged-vs-not (recall weighs twice precision: a missed disclosure
costs more than a second look) among those keeping precision at ``--min-precision`` and
each class's recall at ``--min-class-recall``. The chosen values are copied by hand into
:data:`safety.semantic.CALIBRATION`, with the figures, in docs/safety.md.

Run it on development data only, never on a held-out set.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence

from safety.detect import KINDS, assess
from safety.labelled import load_detection_rows
from safety.metrics import Counts
from safety.semantic import Calibration, decide, nearest

__all__ = ["main"]

_THRESHOLDS = (0.35, 0.40, 0.45, 0.50, 0.55, 0.60)
_MARGINS = (0.0, 0.03, 0.06, 0.09, 0.12)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the best calibrations; return 0."""
    parser = argparse.ArgumentParser(prog="python -m safety.calibrate_semantic")
    parser.add_argument("csv", nargs="+", help="labelled routing CSV files (development)")
    parser.add_argument("--min-precision", type=float, default=0.8)
    parser.add_argument("--min-class-recall", type=float, default=0.8)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)
    rows = [row for path in args.csv for row in load_detection_rows(path)]
    cached = [
        (row.label, set(assess(row.text, semantic=False).kinds), nearest(row.text)) for row in rows
    ]
    options = list(itertools.product(_THRESHOLDS, _MARGINS))
    results = []
    for choice in itertools.product(options, repeat=len(KINDS)):
        calibration = {k: Calibration(*c) for k, c in zip(KINDS, choice, strict=True)}
        flagged = Counts()
        per = {kind: Counts() for kind in KINDS}
        for label, ruled, near in cached:
            kinds = ruled | set(decide(near, calibration))
            expected = label != "none"
            flagged.tp += bool(kinds) and expected
            flagged.fp += bool(kinds) and not expected
            flagged.fn += expected and not kinds
            for kind in KINDS:
                per[kind].tp += kind in kinds and label == kind
                per[kind].fp += kind in kinds and label != kind
                per[kind].fn += kind not in kinds and label == kind
        p, r = flagged.precision, flagged.recall
        f2 = 5 * p * r / (4 * p + r) if p + r else 0.0
        ok = p >= args.min_precision and all(
            c.recall >= args.min_class_recall for c in per.values()
        )
        results.append((ok, f2, p, r, per, calibration))
    results.sort(key=lambda item: (item[0], item[1]), reverse=True)
    print(f"{len(rows)} posts; best of {len(results)} calibrations (ok = meets both floors)")
    for ok, f2, p, r, per, calibration in results[: args.top]:
        settings = ", ".join(
            f"{k} {c.threshold:.2f}/{c.margin:.2f}" for k, c in calibration.items()
        )
        classes = ", ".join(f"{k} R {c.recall:.2f} P {c.precision:.2f}" for k, c in per.items())
        print(f"ok={ok} F2 {f2:.3f} P {p:.3f} R {r:.3f} | {settings} | {classes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
