"""An approved theme summary as CSV: text only, and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from facilitator.services.export import safe_cell

COLUMNS = [
    "theme",
    "label",
    "summary",
    "size",
    "supporters",
    "category",
    "category_label",
    "keywords",
    "quote",
    "parent",
]


def summary_csv(summary: Mapping[str, Any], categories: Mapping[str, str]) -> str:
    """One row per theme, then one for "other"; formula-safe cells, UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for theme in summary.get("themes", []):
        row = [
            theme["id"],
            theme["label"],
            theme.get("summary", ""),
            theme["size"],
            theme["supporters"],
            theme.get("category") or "",
            categories.get(theme.get("category") or "", ""),
            "; ".join(theme.get("keywords", [])),
            theme.get("quote", ""),
            theme.get("parent") or "",
        ]
        writer.writerow([safe_cell(v) for v in row])
    writer.writerow(
        [
            safe_cell(v)
            for v in [
                "other",
                "other",
                "",
                len(summary.get("other", [])),
                summary.get("other_supporters", 0),
                "",
                "",
                "",
                "",
                "",
            ]
        ]
    )
    return "\ufeff" + out.getvalue()
