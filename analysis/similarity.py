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

from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.embed import backend_name
from analysis.text import analyze, detect_language
from analysis.text import normalize as clean
from embedding import encode

__all__ = [
    "LINK_THRESHOLD",
    "centroids",
    "link_suggestions",
    "similarity_matrix",
    "theme_similarity",
]

#: Two themes of different sessions are suggested as one topic when each is the other's
#: closest theme in that session and their centroids' cosine reaches this. On the domain
#: set (``python benchmarks/link_suggestions.py``), 0.5 finds 85% of the pairs its writer
#: gave the same theme name, at precision 0.54: a member confirms or rejects each one,
#: so a missed link costs more than a wrong suggestion.
LINK_THRESHOLD = 0.5


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


def centroids(themes: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit-length mean sentence embeddings, one row per theme (zeros for no text).

    Unlike :func:`similarity_matrix`'s lexical path, rows computed at different times
    are comparable: the committee stores one per approved theme and compares them
    across sessions long after the posts themselves are purged.
    """
    groups = [[clean(t) for t in texts] for texts in themes]
    flat = [t for texts in groups for t in texts]
    out = np.zeros((len(groups), 512), dtype=np.float32)
    if not flat:
        return out
    vectors = encode(flat)
    start = 0
    for row, texts in enumerate(groups):
        centre = vectors[start : start + len(texts)].sum(axis=0)
        start += len(texts)
        out[row] = centre / max(float(np.linalg.norm(centre)), 1e-12) if texts else 0.0
    return out


def link_suggestions(
    sessions: Mapping[Hashable, Mapping[Hashable, Sequence[float]]],
    threshold: float = LINK_THRESHOLD,
) -> list[tuple[Hashable, Hashable, float]]:
    """Pairs of themes of different sessions that look like the same topic.

    Args:
        sessions: For each session, its themes' centroids by theme key.
        threshold: The smallest cosine suggested.

    Returns:
        ``(theme_a, theme_b, cosine)`` for each pair of mutual nearest themes of two
        sessions at or above ``threshold``, highest cosine first.
    """
    found = []
    for one, two in combinations(sessions, 2):
        keys_a, keys_b = list(sessions[one]), list(sessions[two])
        if not keys_a or not keys_b:
            continue
        a = np.asarray([sessions[one][k] for k in keys_a], dtype=np.float64)
        b = np.asarray([sessions[two][k] for k in keys_b], dtype=np.float64)
        cos = a @ b.T
        best_b, best_a = cos.argmax(axis=1), cos.argmax(axis=0)
        for i, j in enumerate(best_b):
            if best_a[j] == i and cos[i, j] >= threshold:
                found.append((keys_a[i], keys_b[j], float(cos[i, j])))
    return sorted(found, key=lambda pair: -pair[2])
