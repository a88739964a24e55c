"""How many ordinary concerns the safety screen would hold back from the room.

The analysis's domain set (tests/analysis/data/domain_concerns.csv: 557 concerns in 10
listening sessions, written by someone who never saw the safety rules) is what a room is
full of: grief, anger at the police, lights, cameras, youth programs. Almost none of it
needs the safety moderator, so the share `safety.assess` flags is close to its false-hold
rate in a real room. Printed per split (the analysis's dev and held-out sessions) with
every held post, to read.

    python benchmarks/ordinary_holds.py [--quiet]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import safety  # noqa: E402

DATA = ROOT / "tests" / "analysis" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="counts only, not the posts")
    args = parser.parse_args()
    with (DATA / "split.csv").open(encoding="utf-8") as handle:
        split = {row["session"]: row["split"] for row in csv.DictReader(handle)}
    held: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    total: dict[str, int] = defaultdict(int)
    with (DATA / "domain_concerns.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            part = split[row["session"]]
            total[part] += 1
            kinds = safety.assess(row["text"], row["language"] or None).kinds
            if kinds:
                held[part].append((kinds, row["text"]))
    for part in sorted(total):
        share = len(held[part]) / total[part]
        print(f"{part}: {len(held[part])} of {total[part]} concerns held ({share:.1%})")
        if not args.quiet:
            for kinds, text in held[part]:
                print(f"  {','.join(kinds):<10} {text}")


if __name__ == "__main__":
    main()
