"""Find and mask identifying information in a post before it is shown or exported.

Example:
    >>> from safety.redact import redact
    >>> redact("Officer Smith, badge 4521, took my number 612-555-0147").text
    'Officer [name], badge [badge], took my number [phone]'

Offsets are character offsets into the NFC form of the text; everything outside a span is
returned untouched, so Lakota, Vietnamese, Somali, Chinese, Arabic and emoji survive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from safety.finders import FINDERS, KINDS
from safety.text import Span, nfc, resolve_overlaps

__all__ = ["LABELS_EN", "LABELS_ES", "Redaction", "find_spans", "labels_for", "redact"]

#: Placeholder shown for each kind.
LABELS_EN: dict[str, str] = {
    "phone": "[phone]",
    "email": "[email]",
    "address": "[address]",
    "badge": "[badge]",
    "unit": "[unit]",
    "case": "[case]",
    "plate": "[plate]",
    "name": "[name]",
    "handle": "[handle]",
}

#: Spanish placeholders; "placa" is a badge, "matrícula" a licence plate.
LABELS_ES: dict[str, str] = {
    "phone": "[teléfono]",
    "email": "[correo]",
    "address": "[dirección]",
    "badge": "[placa]",
    "unit": "[unidad]",
    "case": "[caso]",
    "plate": "[matrícula]",
    "name": "[nombre]",
    "handle": "[usuario]",
}

_RANK = {kind: index for index, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Redaction:
    """A redacted post.

    Attributes:
        text: The NFC text with every span replaced by its placeholder.
        spans: The spans that were replaced, as offsets into the NFC *original*.
    """

    text: str
    spans: list[Span] = field(default_factory=list)


def labels_for(language: str | None) -> dict[str, str]:
    """Return the default placeholders for a language code (Spanish or English)."""
    if language and language.lower().split("-")[0] == "es":
        return dict(LABELS_ES)
    return dict(LABELS_EN)


def find_spans(text: str, language: str | None = None) -> list[Span]:
    """Find identifying information in a post.

    Every finder runs whatever the language, because posts mix English and Spanish; the
    argument is accepted for symmetry with :func:`redact`.

    Args:
        text: The post, in any normalisation form.
        language: Optional language code; does not change what is found.

    Returns:
        Non-overlapping spans sorted by start, with offsets into ``unicodedata``'s NFC
        form of ``text``. Where candidates overlap the longer one wins, then the kind
        earlier in :data:`safety.finders.KINDS`.
    """
    del language  # every pattern runs for every post; see the docstring
    text = nfc(text)
    if not text.strip():
        return []
    candidates: list[Span] = []
    for finder in FINDERS.values():
        candidates.extend(finder(text))
    return resolve_overlaps(candidates, _RANK)


def redact(
    text: str,
    spans: Iterable[Span] | None = None,
    language: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Redaction:
    """Replace each span of identifying information with a placeholder.

    Args:
        text: The post, in any normalisation form.
        spans: Spans to replace, e.g. after a facilitator adjusted them; found with
            :func:`find_spans` when omitted. Offsets refer to the NFC text.
        language: Chooses the default placeholders (``"es"`` gives Spanish ones).
        labels: Placeholders by kind, overriding the defaults; a kind with no label
            becomes ``"[<kind>]"``.

    Returns:
        The redacted text and the spans replaced (with ``text`` taken from the post).

    Raises:
        ValueError: If given spans overlap or fall outside the text.
    """
    text = nfc(text)
    chosen = find_spans(text) if spans is None else _checked(text, spans)
    placeholders = labels_for(language)
    placeholders.update(labels or {})
    pieces: list[str] = []
    cursor = 0
    for span in chosen:
        pieces.append(text[cursor : span.start])
        pieces.append(placeholders.get(span.kind, f"[{span.kind}]"))
        cursor = span.end
    pieces.append(text[cursor:])
    return Redaction(text="".join(pieces), spans=chosen)


def _checked(text: str, spans: Iterable[Span]) -> list[Span]:
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    result: list[Span] = []
    previous_end = 0
    for span in ordered:
        if not 0 <= span.start < span.end <= len(text):
            raise ValueError(f"span {span.start}:{span.end} is outside a text of {len(text)}")
        if span.start < previous_end:
            raise ValueError(f"span {span.start}:{span.end} overlaps the one before it")
        result.append(Span(span.start, span.end, span.kind, text[span.start : span.end]))
        previous_end = span.end
    return result
