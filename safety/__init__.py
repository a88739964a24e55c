"""Safety checks for posts: redact identifying information, flag posts for a moderator.

A pure package: plain values in, dataclasses out; no Flask, no database, no network.

Example:
    >>> from safety import assess, redact
    >>> redact("Call me at 612-555-0147").text
    'Call me at [phone]'
    >>> assess("I don't want to live anymore").kinds
    ['self_harm']
"""

from __future__ import annotations

from safety.detect import Assessment, assess, assess_many
from safety.redact import LABELS_EN, LABELS_ES, Redaction, find_spans, labels_for, redact
from safety.semantic import semantic_available, warm_up
from safety.text import Span

__all__ = [
    "LABELS_EN",
    "LABELS_ES",
    "Assessment",
    "Redaction",
    "Span",
    "assess",
    "assess_many",
    "find_spans",
    "labels_for",
    "redact",
    "semantic_available",
    "warm_up",
]
