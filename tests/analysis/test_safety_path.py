"""Safety flags and redaction in analysis are those of the ``safety`` package."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import Concern, find_themes, public_result
from analysis.pipeline import is_flagged
from safety import assess, redact
from safety.labelled import load_detection

DATA = Path(__file__).resolve().parent.parent / "safety" / "data"


def _precision_recall(pairs, flagged):
    tp = sum(1 for (_, label), f in zip(pairs, flagged, strict=True) if f and label != "none")
    fp = sum(1 for (_, label), f in zip(pairs, flagged, strict=True) if f and label == "none")
    fn = sum(1 for (_, label), f in zip(pairs, flagged, strict=True) if not f and label != "none")
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


@pytest.mark.parametrize("name", ["safety_labelled.csv", "safety_heldout.csv"])
def test_flags_through_analysis_match_safety(name):
    pairs = load_detection(DATA / name)
    concerns = [Concern(id=i, text=text) for i, (text, _) in enumerate(pairs)]
    result = find_themes(concerns, backend="lexical")
    held = set(result.flagged)
    through_analysis = [i in held for i in range(len(pairs))]
    direct = [assess(text).flagged for text, _ in pairs]
    assert through_analysis == direct
    p_analysis, r_analysis = _precision_recall(pairs, through_analysis)
    p_safety, r_safety = _precision_recall(pairs, direct)
    assert p_analysis >= p_safety and r_analysis >= r_safety
    # Flagged posts are never members or quotes of a theme.
    members = {m for theme in result.themes for m in theme.members}
    quotes = {q for theme in result.themes for q in theme.quotes}
    assert not held & members
    assert not {pairs[i][0] for i in held} & quotes


def test_self_harm_post_never_quoted(session):
    post = "I don't want to live anymore, the streetlights are broken and it is dark"
    result = find_themes([*session, Concern(id="sh", text=post)], backend="lexical")
    assert result.flagged == ("sh",)
    assert all(post not in theme.quotes for theme in result.themes)


def test_quotes_redacted_by_safety():
    quote = "Officer Smith stopped me, call 612-555-0147"
    assert "Smith" not in redact(quote).text
    result = find_themes([Concern(id=1, text="x")], backend="lexical")
    assert public_result(result).themes == ()
    assert "Officer Smith" not in redact(quote).text


def test_is_flagged_is_safety_assess():
    for text in (
        "Sometimes I want to kill myself",
        "Me quiero morir",
        "The police shot my cousin and nobody apologised",
        "The fire department took an hour",
    ):
        assert is_flagged(text) == assess(text).flagged
    assert is_flagged("Me quiero morir")
    assert not is_flagged("The fire department took an hour")
