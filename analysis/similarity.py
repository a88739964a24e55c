"""Similarity between themes: how alike two sets of concerns are.

Contract: :func:`theme_similarity` takes the member texts of two themes (of the same or
of different sessions) and returns the cosine of their centroids in [-1, 1] (in
practice 0..1); :func:`similarity_matrix` does the same for every pair of two lists of
themes at once. The committee workspace suggests links between themes of different
sessions with it. With the sentence model the centroids are mean sentence embeddings,
so an English theme and a Spanish theme about the same thing score high; on the lexical
path they are mean stemmed TF-IDF rows over both sets' vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.embed import backend_name
from analysis.text import analyze, detect_language
from analysis.text import normalize as clean
from embedding import encode

__all__ = ["similarity_matrix", "theme_similarity"]


def theme_similarity(
    texts_a: Sequence[str], texts_b: Sequence[str], backend: str = "auto"
) -> float:
    """Return the cosine of the two themes' centroids (0.0 when either has no text).

    Args:
        texts_a: Member texts of the first theme.
        texts_b: Member texts of the second theme.
        backend: ``"auto"``, ``"use-multilingual"`` or ``"lexical"``.
    """
    return float(similarity_matrix([texts_a], [texts_b], backend)[0, 0])


def similarity_matrix(
    themes_a: Sequence[Sequence[str]],
    themes_b: Sequence[Sequence[str]],
    backend: str = "auto",
) -> np.ndarray:
    """Centroid cosines of every theme in ``themes_a`` with every theme in ``themes_b``.

    Returns:
        Array of shape ``(len(themes_a), len(themes_b))``.
    """
    groups = [[clean(t) for t in texts] for texts in (*themes_a, *themes_b)]
    flat = [t for texts in groups for t in texts]
    out = np.zeros((len(themes_a), len(themes_b)))
    if not flat:
        return out
    if backend_name(backend) == "lexical":
        docs = [analyze(t, detect_language(t)) for t in flat]
        try:
            rows = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True).fit_transform(docs)
        except ValueError:  # no word in any text
            return out
        vectors = normalize(rows).toarray()
    else:
        vectors = encode(flat)
    centroids = []
    start = 0
    for texts in groups:
        centre = vectors[start : start + len(texts)].sum(axis=0)
        start += len(texts)
        centroids.append(centre / max(float(np.linalg.norm(centre)), 1e-12))
    matrix = np.stack(centroids)
    return matrix[: len(themes_a)] @ matrix[len(themes_a) :].T
