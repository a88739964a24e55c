from __future__ import annotations

import unicodedata

from analysis.text import analyze, content_tokens, detect_language, normalize, stem, tokenize


def test_normalize_is_nfc_and_collapses_space():
    decomposed = unicodedata.normalize("NFD", "policía  \t llegó\x00")
    assert normalize(decomposed) == "policía llegó"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))


def test_tokenize_keeps_unicode_words_and_drops_emoji():
    tokens = tokenize("Mitákuye oyás’iŋ ȟ š č ŋ ǧ 👮🏽 שלום עולם ¿Por qué?")
    assert "mitákuye" in tokens
    assert "oyás'iŋ" in tokens
    assert {"ȟ", "š", "č", "ŋ", "ǧ"} <= set(tokens)
    assert "שלום" in tokens
    assert not any("👮" in t for t in tokens)


def test_curated_stopwords_keep_words_that_matter():
    kept = content_tokens("We need help at home, the area is never safe for young people", "en")
    for word in ("need", "help", "home", "area", "never", "young"):
        assert word in kept
    assert "the" not in kept and "we" not in kept


def test_stemming_english_and_spanish_bridge():
    assert stem("officers", "en") == stem("officer", "en")
    assert stem("policía", "es") == stem("police", "en")
    assert stem("intérpretes", "es") == stem("interpreters", "en")
    assert stem("caminar", "es") == "camin"


def test_analyze_excludes_prompt_stems():
    stems = analyze("The police never come to our street", "en", exclude={"street"})
    assert "street" not in stems
    assert "polic" in stems and "never" in stems


def test_detect_language():
    assert detect_language("La policía no llegó cuando la llamamos") == "es"
    assert detect_language("The police did not come when we called them") == "en"
    assert detect_language("👮👮") == "und"
    assert detect_language("12345", default="en") == "en"
