from __future__ import annotations

from analysis.taxonomy import CATEGORIES, OWNERS, categorize, is_safety_flag
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


def test_safety_flags():
    assert is_safety_flag("Sometimes I want to kill myself")
    assert is_safety_flag("I'm going to shoot them")
    assert is_safety_flag("Me quiero morir")
    assert is_safety_flag("Mi esposo me pega")
    assert not is_safety_flag("The police shot my cousin and nobody apologised")
    assert not is_safety_flag("The fire department took an hour")
