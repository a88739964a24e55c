"""How well the committee's link suggestions find the same topic in two sessions.

On the domain evaluation set (tests/analysis/data/domain_concerns.csv: 10 sessions whose
writer named each concern's theme), every gold theme becomes a centroid as an approved
theme would (analysis.centroids over its concerns), and analysis.link_suggestions pairs
them across sessions. A suggestion is counted right when both themes carry the same gold
name; pairs about related topics under other names ("Independent investigation" and
"Civilian oversight board") count as wrong, so precision is a lower bound.

    python benchmarks/link_suggestions.py [--thresholds 0.4 0.5 0.6]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import LINK_THRESHOLD, centroids, link_suggestions  # noqa: E402

DATA = ROOT / "tests" / "analysis" / "data" / "domain_concerns.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--thresholds", type=float, nargs="+", default=[0.4, 0.45, LINK_THRESHOLD, 0.55, 0.6]
    )
    args = parser.parse_args()

    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["theme"] != "Not a concern":
                texts[(row["session"], row["theme"])].append(row["text"])
    keys = list(texts)
    rows = centroids([texts[k] for k in keys])
    by_session: dict[str, dict[tuple[str, str], list[float]]] = defaultdict(dict)
    for key, row in zip(keys, rows, strict=True):
        by_session[key[0]][key] = row.tolist()
    gold = {frozenset((a, b)) for a, b in combinations(keys, 2) if a[0] != b[0] and a[1] == b[1]}
    print(f"{len(keys)} themes in {len(by_session)} sessions; {len(gold)} same-name pairs")
    print(f"{'threshold':>9}  {'suggested':>9}  {'precision':>9}  {'recall':>6}")
    for threshold in args.thresholds:
        found = {frozenset((a, b)) for a, b, _ in link_suggestions(by_session, threshold)}
        right = len(found & gold)
        marker = "  (the app's)" if threshold == LINK_THRESHOLD else ""
        print(
            f"{threshold:>9.2f}  {len(found):>9}  {right / max(len(found), 1):>9.2f}"
            f"  {right / len(gold):>6.2f}{marker}"
        )


if __name__ == "__main__":
    main()
