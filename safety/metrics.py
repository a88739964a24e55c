"""Precision, recall and F1 counts and a plain-text table for the evaluation scripts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Counts", "format_table"]


@dataclass
class Counts:
    """True positives, false positives and false negatives for one row of a table."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that were right (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of expected items found (1.0 when nothing was expected)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add another row's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def format_table(title: str, rows: Iterable[tuple[str, Counts]]) -> str:
    """Format rows of counts as an aligned table with P, R, F1, TP, FP and FN."""
    lines = [title, f"{'':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name, c in rows:
        lines.append(
            f"{name:<14}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        )
    return "\n".join(lines)
