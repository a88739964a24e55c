from __future__ import annotations

import numpy as np
import pytest

from analysis.label import (
    class_tfidf,
    key_phrase,
    representative_quotes,
    surface_forms,
    top_keywords,
)
from analysis.morphology import spanish_finite_verbs
from analysis.phrases import LabelContext, candidate_phrases
from analysis.text import analyze, tokenize

TEXTS = [
    "The response time is too slow when we call",
    "Slow response time after the shooting",
    "Response time in our area is terrible",
    "Streetlights are broken on Elm",
    "Broken streetlights near the school",
    "Fix the broken streetlights please",
]
LABELS = np.array([0, 0, 0, 1, 1, 1])


def scores():
    docs = [analyze(t, "en") for t in TEXTS]
    return class_tfidf(docs, LABELS, 2)


def test_class_tfidf_prefers_theme_words():
    s = scores()
    assert max(s[0], key=s[0].get) in {"respons", "time", "slow"}
    assert max(s[1], key=s[1].get) in {"broken", "streetlight"}


def test_keywords_are_readable_words_not_stems():
    s = scores()
    forms = surface_forms(TEXTS, ["en"] * 6)
    words = top_keywords(s[0], forms, exclude=set())
    assert "response" in words
    assert all(w.isalpha() for w in words)


def test_key_phrase_is_a_phrase_and_skips_prompt_words():
    s = scores()
    label = key_phrase(TEXTS[:3], ["en"] * 3, s[0], exclude=set())
    assert label == "Response time"
    label = key_phrase(TEXTS[:3], ["en"] * 3, s[0], exclude={"respons"})
    assert "response" not in label.lower()
    assert label


def test_quotes_are_central_and_distinct():
    vectors = np.array([[1, 0], [1, 0], [0.9, 0.43], [0.8, 0.6]], dtype=float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = ["same", "same", "close", "far"]
    quotes = representative_quotes(texts, vectors, n=3)
    assert quotes[0] in ("same", "close")
    assert "same" in quotes
    assert len(quotes) == len(set(quotes))
    assert representative_quotes([], np.zeros((0, 2))) == []


def test_long_quotes_are_clipped():
    quote = representative_quotes(["word " * 500], np.ones((1, 2)) / np.sqrt(2))[0]
    assert len(quote) <= 280 and quote.endswith("…")


@pytest.mark.parametrize(
    "word",
    ["dejen", "grabé", "hablan", "pueden", "piden", "vinieron", "llamamos", "vigila"],
)
def test_spanish_finite_verbs_are_flagged(word):
    # An imperative, a preterite, a present; stem changes ("pueden" from "poder").
    assert spanish_finite_verbs([word]) == [True]


@pytest.mark.parametrize(
    "word",
    # Nouns that are also verb forms, a noun, an adjective, an infinitive, a
    # participle, a gerund, function words ("para" is also "parar"), an unknown word.
    [
        "apoyo",
        "camino",
        "paro",
        "ayuda",
        "familia",
        "peligrosas",
        "caminar",
        "cerrada",
        "esperando",
        "para",
        "entre",
        "xq",
    ],
)
def test_spanish_nouns_and_non_finite_forms_are_not_flagged(word):
    assert spanish_finite_verbs([word]) == [False]


def test_the_word_before_settles_a_spanish_homograph():
    # After an article or a preposition a word is no finite verb; after a clitic
    # pronoun a noun that is also a verb form is the verb.
    assert spanish_finite_verbs(tokenize("hagan el reporte")) == [True, False, False]
    assert spanish_finite_verbs(tokenize("nos paga tarde")) == [False, True, False]
    assert spanish_finite_verbs(tokenize("la paga del mes")) == [False, False, False, False]


def test_spanish_candidates_hold_no_finite_verb():
    texts = [
        "dejen a la familia en paz",
        "grabé el video de la detención",
        "hablan de apoyo a las familias",
        "el camino a la escuela",
    ]
    found = {c.text for c in candidate_phrases(texts, ["es"] * 4, LabelContext())}
    assert not {"dejen a la familia", "grabé el video", "hablan"} & found
    assert {"video de la detención", "apoyo a las familias", "camino a la escuela"} <= found
    english = {c.text for c in candidate_phrases(["dejen"], ["en"], LabelContext())}
    assert english == {"dejen"}  # the Spanish rule reads Spanish texts only
