"""The batch screen decides exactly as one call per post does."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from safety import assess, assess_many, semantic_available

DATA = Path(__file__).parent / "data"


@pytest.mark.skipif(not semantic_available(), reason="needs the sentence model")
def test_the_batch_screen_decides_as_single_calls_do() -> None:
    with (DATA / "safety_dev5.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["text"] for r in rows] + ["", "   ", 'he said "I will kill you" and left']
    languages = [r.get("language") or None for r in rows] + [None, None, "en"]
    batched = assess_many(texts, languages)
    single = [assess(t, lang) for t, lang in zip(texts, languages, strict=True)]
    assert [(a.kinds, a.semantic_kinds) for a in batched] == [
        (a.kinds, a.semantic_kinds) for a in single
    ]
    assert any(a.semantic_kinds for a in batched)  # the semantic path was exercised


def test_the_batch_screen_of_nothing_is_nothing() -> None:
    assert assess_many([]) == []
