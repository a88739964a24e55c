"""Shared text helpers: the ``Span`` value, NFC input, a length-preserving fold, overlaps.

Contract: every offset in this package is a character offset into the NFC form of the
post. :func:`fold` keeps the length of its input, so a match found in folded text points
at the same characters in the NFC text.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Span", "fold", "nfc", "resolve_overlaps"]


@dataclass(frozen=True, order=True)
class Span:
    """A run of characters ``text[start:end]`` of one ``kind``.

    Attributes:
        start: Offset of the first character in the NFC text.
        end: Offset one past the last character.
        kind: What the span is (``"phone"``, ``"name"``, ``"self_harm"`` ...).
        text: The characters covered, for display and review.
    """

    start: int
    end: int
    kind: str
    text: str

    def to_dict(self) -> dict[str, int | str]:
        """Return the span as a JSON-ready dict."""
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form all offsets refer to."""
    return unicodedata.normalize("NFC", text)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled lazily: each character maps to exactly one."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        # lower() of a few characters (e.g. U+0130) is two characters; keep those as they
        # are so the folded text stays the same length as the original.
        folded = base if len(base) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable({ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'", ord("´"): "'"})


def fold(text: str) -> str:
    """Lower-case ``text`` and drop accents, one character for one character.

    ``"Él NO QUIERE vivir’"`` becomes ``"el no quiere vivir'"``. Scripts without case or
    accents pass through unchanged.

    Args:
        text: NFC text.

    Returns:
        A string of the same length as ``text``.
    """
    return text.translate(_FOLD)


def resolve_overlaps(candidates: Iterable[Span], rank: dict[str, int] | None = None) -> list[Span]:
    """Keep a non-overlapping subset of ``candidates``, sorted by position.

    Longer spans win; between equally long spans the kind with the lower ``rank`` wins,
    then the earlier one. The choice depends only on the spans, so it is deterministic.

    Args:
        candidates: Spans that may overlap.
        rank: Priority of each kind (lower wins ties); unknown kinds rank last.

    Returns:
        Non-overlapping spans sorted by start offset.
    """
    rank = rank or {}
    ordered = sorted(
        candidates,
        key=lambda s: (-(s.end - s.start), rank.get(s.kind, len(rank)), s.start, s.kind),
    )
    kept: list[Span] = []  # sorted by start and non-overlapping, so neighbours suffice
    for span in ordered:
        if span.end <= span.start:
            continue
        index = bisect.bisect_left(kept, span.start, key=lambda s: s.start)
        if index > 0 and kept[index - 1].end > span.start:
            continue
        if index < len(kept) and kept[index].start < span.end:
            continue
        kept.insert(index, span)
    return kept
