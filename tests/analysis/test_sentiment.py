from __future__ import annotations

from analysis.sentiment import score, summarize


def test_scores_and_negation():
    assert score("The officers were rude and I felt unsafe") < 0
    assert score("Thank you, the officer was kind and helpful") > 0
    assert score("The officers were not helpful") < 0
    assert score("La policía fue muy amable, gracias") > 0
    assert score("Tengo miedo, nunca vienen") < 0
    assert score("Streetlights on Elm") == 0


def test_summary_labels():
    assert summarize([]).label == "neutral"
    assert summarize([-1, -1, -0.5, 0]).label == "negative"
    assert summarize([1, 1, -1, -1]).label == "mixed"
    s = summarize([1.0, 0.0])
    assert (s.positive, s.neutral, s.negative) == (1, 1, 0)
