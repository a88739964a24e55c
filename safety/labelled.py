"""Read the labelled CSV files the evaluation scripts score against.

Redaction files have a ``text`` column written with inline markup, which is easier to
write and review than offsets: ``"Call me at {{phone:612-555-0147}}"`` becomes the text
``"Call me at 612-555-0147"`` with one ``phone`` span. An optional ``language`` column
is passed on. Detection files have ``text`` and ``label`` (``none``, ``self_harm``,
``threat`` or ``abuse``) and an optional ``language``. Any other column (``note`` ...) is
ignored, so files written by other people load as they are.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from safety.text import Span, nfc

__all__ = [
    "DETECTION_LABELS",
    "Example",
    "Labelled",
    "load_detection",
    "load_detection_rows",
    "load_redaction",
    "parse_markup",
]

DETECTION_LABELS = ("none", "self_harm", "threat", "abuse")
_MARK = re.compile(r"\{\{(\w+):(.*?)\}\}")


@dataclass(frozen=True)
class Example:
    """One labelled redaction example: the plain text and the spans expected in it."""

    text: str
    spans: list[Span] = field(default_factory=list)
    language: str | None = None


@dataclass(frozen=True)
class Labelled:
    """One labelled routing example: the text, its label and its language if given."""

    text: str
    label: str
    language: str | None = None


def parse_markup(marked: str) -> tuple[str, list[Span]]:
    """Turn ``"a {{kind:value}} b"`` into the plain text and its spans.

    Args:
        marked: Text with inline ``{{kind:value}}`` marks.

    Returns:
        The text without marks (NFC) and the marked spans in order.
    """
    marked = nfc(marked)
    pieces: list[str] = []
    spans: list[Span] = []
    length = 0
    cursor = 0
    for match in _MARK.finditer(marked):
        before = marked[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        kind, value = match.group(1), match.group(2)
        spans.append(Span(length, length + len(value), kind, value))
        pieces.append(value)
        length += len(value)
        cursor = match.end()
    pieces.append(marked[cursor:])
    return "".join(pieces), spans


def _rows(path: str | Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        missing = [name for name in required if name not in columns]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return [row for row in reader if (row.get("text") or "").strip()]


def load_redaction(path: str | Path) -> list[Example]:
    """Read a redaction CSV with a marked-up ``text`` column (and optional ``language``)."""
    examples = []
    for row in _rows(path, ("text",)):
        text, spans = parse_markup(row["text"])
        examples.append(Example(text, spans, (row.get("language") or "").strip() or None))
    return examples


def load_detection_rows(path: str | Path) -> list[Labelled]:
    """Read a detection CSV into :class:`Labelled` rows (``language`` may be missing).

    Raises:
        ValueError: If a label is not one of :data:`DETECTION_LABELS`.
    """
    rows = []
    for number, row in enumerate(_rows(path, ("text", "label")), start=2):
        label = (row["label"] or "").strip()
        if label not in DETECTION_LABELS:
            raise ValueError(f"{path}:{number}: unknown label {label!r}")
        language = (row.get("language") or "").strip() or None
        rows.append(Labelled(nfc(row["text"]), label, language))
    return rows


def load_detection(path: str | Path) -> list[tuple[str, str]]:
    """Read a detection CSV into ``(text, label)`` pairs.

    Raises:
        ValueError: If a label is not one of :data:`DETECTION_LABELS`.
    """
    return [(row.text, row.label) for row in load_detection_rows(path)]
