"""Benchmark: per-post time of redaction plus safety routing, as the live server pays it.

Usage::

    python benchmarks/safety_bench.py [--repeat 3]

Posts are every text of the development CSVs in tests/safety/data. The embedding model
and the prototype vectors are loaded before timing (the server loads them once per
process); their one-off cost is printed separately. For each post it times
``redact(text)`` followed by ``assess(text)`` and prints p50, p95 and max in
milliseconds, with the semantic detector and with the rules alone. Prints figures only:
nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from safety import assess, redact, semantic_available  # noqa: E402
from safety.labelled import load_detection_rows, load_redaction  # noqa: E402

DATA = ROOT / "tests" / "safety" / "data"


def _texts() -> list[str]:
    texts = [
        r.text for path in sorted(DATA.glob("safety_*.csv")) for r in load_detection_rows(path)
    ]
    texts += [e.text for path in sorted(DATA.glob("redaction_*.csv")) for e in load_redaction(path)]
    return texts


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered):6.2f} ms  p95 {p95:6.2f} ms  max {ordered[-1]:6.2f} ms"


def main() -> int:
    """Print the timings; return 0."""
    parser = argparse.ArgumentParser(prog="python benchmarks/safety_bench.py")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the posts")
    args = parser.parse_args()
    texts = _texts()
    started = time.perf_counter()
    assess("warm up the model and the prototype vectors")
    print(f"{len(texts)} posts; semantic detector available: {semantic_available()}")
    print(f"one-off load (model + classifier): {time.perf_counter() - started:.2f} s")
    for label, semantic in (("redact + assess (rules + semantic)", None), ("rules only", False)):
        samples = []
        for _ in range(args.repeat):
            for text in texts:
                t0 = time.perf_counter()
                redact(text)
                assess(text, semantic=semantic)
                samples.append((time.perf_counter() - t0) * 1000)
        print(f"{label:<36} {_percentiles(samples)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
