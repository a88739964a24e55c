from __future__ import annotations

from analysis.taxonomy import CATEGORIES, OWNERS, categorize
from analysis.text import analyze


def docs(texts, lang="en"):
    return [analyze(t, lang) for t in texts]


def test_categories_for_clear_themes():
    assert categorize(docs(["Release the body camera video", "Body cam footage now"])).code == "T3"
    assert categorize(docs(["We need interpreters", "Nobody speaks Spanish"])).code == "T9"
    assert categorize(docs(["Officers need de-escalation training"])).code == "T5"
    guess = categorize(docs(["Necesitamos intérpretes", "Nadie habla español"], "es"))
    assert guess.code == "T9"
    assert 0 < guess.confidence <= 1


def test_no_evidence_is_unclassified():
    guess = categorize(docs(["purple elephant"]))
    assert guess.code is None and guess.confidence == 0.0
    assert categorize([]).code is None


def test_every_category_has_an_owner():
    assert set(CATEGORIES) <= set(OWNERS)
