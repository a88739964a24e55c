"""Splitting stage: break up catch-all themes and find sub-themes inside large ones.

Contract: functions take the session's unit vectors (and the consensus views), the
current labels (``-1`` "other") and return new labels; nothing here labels or counts.

- :func:`coherence` is the mean cosine of a group's members to their centroid.
- :func:`split_rows` proposes a split of some rows into two or more groups with the
  same consensus clustering as the whole session (:func:`~analysis.cluster.cluster_vectors`),
  and, when asked to, forces two groups where the consensus sees one (the app's "split
  theme" button).
- :func:`split_catch_alls` splits every theme holding more than ``max_share`` of the
  session whose members do not agree, until none is left or the maximum number of
  themes is reached. Members disagree when either (a) the theme's coherence is below
  ``min_coherence`` and its split's silhouette reaches ``min_silhouette``, or (b) its
  split separates the parts at least as well as the session's themes are separated
  from one another (the split's silhouette is at least the session's, see
  :func:`session_separation`). (b) is the split's own evidence and does not depend on
  the representation's scale: in a large session the consensus cannot resolve more
  than about a dozen themes, so a top-level theme of thousands of concerns can mix
  dozens of topics while its mean cosine is as high as any other theme's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import silhouette_score

from analysis.cluster import OTHER, cluster_vectors

__all__ = ["coherence", "session_separation", "split_catch_alls", "split_quality", "split_rows"]


def coherence(vectors: np.ndarray) -> float:
    """Mean cosine of unit rows to their mean direction (1.0 when all alike)."""
    if len(vectors) == 0:
        return 0.0
    centre = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0:
        return 0.0
    return float(np.mean(vectors @ (centre / norm)))


def split_quality(vectors: np.ndarray, labels: np.ndarray) -> float:
    """Cosine silhouette of a split of ``vectors`` (rows labelled ``-1`` left out)."""
    keep = labels >= 0
    if len(np.unique(labels[keep])) < 2 or keep.sum() <= len(np.unique(labels[keep])):
        return -1.0
    return float(silhouette_score(vectors[keep], labels[keep], metric="cosine"))


def session_separation(
    vectors: np.ndarray, labels: np.ndarray, limit: int = 2000, random_state: int | None = 0
) -> float:
    """Cosine silhouette of the session's themes (``-1`` rows left out).

    Large sessions are scored on a seeded sample of ``limit`` clustered rows, so the
    cost stays O(limit^2).
    """
    rows = np.flatnonzero(labels >= 0)
    if len(rows) > limit:
        rows = np.sort(np.random.default_rng(random_state).choice(rows, limit, replace=False))
    return split_quality(vectors[rows], labels[rows])


def split_rows(
    vectors: np.ndarray,
    views: Sequence[np.ndarray] | None,
    rows: np.ndarray,
    *,
    min_size: int = 3,
    k_max: int = 8,
    agreement: float = 0.4,
    force: bool = False,
    sample_size: int = 600,
    random_state: int | None = 0,
) -> np.ndarray:
    """Propose a split of ``rows`` into groups (labels ``0..k-1``, ``-1`` for outliers).

    Args:
        vectors: Unit rows of the whole session.
        views: The consensus views (rows aligned with ``vectors``), or ``None``.
        rows: Indices of the rows to split.
        min_size: Smallest group.
        k_max: Most groups.
        agreement: Consensus agreement level (see :func:`~analysis.cluster.choose_cut`).
        force: Return two groups even when the consensus finds one (when the rows
            allow two groups of ``min_size``).
        sample_size: Distinct rows the consensus is built on (the rest are assigned).
        random_state: Seed.

    Returns:
        One label per row of ``rows``; all ``0`` when no split is found.
    """
    sub_views = None if views is None else [np.asarray(v)[rows] for v in views]
    result = cluster_vectors(
        vectors[rows],
        views=sub_views,
        min_size=min_size,
        k_max=k_max,
        agreement=agreement,
        cohesion=1.01 if force else 0.85,
        sample_size=sample_size,
        random_state=random_state,
    )
    labels = result.labels
    if result.k >= 2 or not force or len(rows) < 2 * min_size:
        if result.k < 2:
            return np.where(labels == OTHER, OTHER, 0)
        return labels
    return _two_means(vectors[rows])


def _two_means(x: np.ndarray, max_iter: int = 20) -> np.ndarray:
    """Split unit rows in two with spherical k-means from the two most distant rows."""
    centre = x.mean(axis=0)
    first = int(np.argmin(x @ centre))
    second = int(np.argmin(x @ x[first]))
    centroids = x[[first, second]].copy()
    assigned = np.argmax(x @ centroids.T, axis=1)
    for _ in range(max_iter):
        for c in range(2):
            if (assigned == c).any():
                total = x[assigned == c].sum(axis=0)
                centroids[c] = total / max(float(np.linalg.norm(total)), 1e-12)
        updated = np.argmax(x @ centroids.T, axis=1)
        if np.array_equal(updated, assigned):
            break
        assigned = updated
    return assigned


def split_catch_alls(
    vectors: np.ndarray,
    views: Sequence[np.ndarray] | None,
    labels: np.ndarray,
    *,
    max_share: float = 0.25,
    min_coherence: float = 0.5,
    min_silhouette: float = 0.05,
    relative_from: int | None = None,
    min_size: int = 3,
    max_themes: int = 30,
    agreement: float = 0.4,
    random_state: int | None = 0,
) -> np.ndarray:
    """Split themes larger than ``max_share`` of the session whose members disagree.

    Args:
        vectors: Unit rows (the session's representation).
        views: Consensus views aligned with ``vectors``.
        labels: Current labels, ``0..k-1`` and ``-1``.
        max_share: Themes above this share of the clustered concerns are checked.
        min_coherence: Below this coherence (:func:`coherence`) a theme is split when
            its split's silhouette reaches ``min_silhouette``.
        min_silhouette: See ``min_coherence``.
        relative_from: In sessions of at least this many concerns with words, also
            split a theme, whatever its coherence, when its split's silhouette is at
            least the session's (:func:`session_separation`, measured once on the
            labels passed in). The pipeline passes its consensus sample size: below it
            the consensus saw every concern and resolves every theme it can, and on
            session-sized samples this rule splits real themes (measured in
            docs/analysis.md). ``None``: never.
        min_size: Smallest theme.
        max_themes: Themes are not split beyond this many.
        agreement: Consensus agreement level for the split.
        random_state: Seed.

    Returns:
        New labels (themes renumbered by size, largest first).
    """
    labels = labels.copy()
    valid = int(np.sum(np.linalg.norm(vectors, axis=1) > 1e-6))
    checked: set[tuple[int, ...]] = set()
    relative = relative_from is not None and valid >= relative_from
    separation = (
        session_separation(vectors, labels, random_state=random_state) if relative else np.inf
    )
    while True:
        k = int(labels.max()) + 1 if (labels >= 0).any() else 0
        sizes = np.bincount(labels[labels >= 0], minlength=k)
        candidates = [
            c
            for c in np.argsort(-sizes, kind="stable")
            if sizes[c] > max_share * valid
            and tuple(np.flatnonzero(labels == c)[:5]) not in checked
        ]
        if not candidates or k >= max_themes:
            break
        c = int(candidates[0])
        rows = np.flatnonzero(labels == c)
        checked.add(tuple(rows[:5]))
        incoherent = coherence(vectors[rows]) < min_coherence
        if not incoherent and not relative:
            continue
        sub = split_rows(
            vectors,
            views,
            rows,
            min_size=min_size,
            k_max=min(8, max_themes - k + 1),
            agreement=agreement,
            random_state=random_state,
        )
        if len(np.unique(sub[sub >= 0])) < 2:
            continue
        quality = split_quality(vectors[rows], sub)
        if not (incoherent and quality >= min_silhouette) and not quality >= separation:
            continue
        labels[rows] = np.where(sub < 0, OTHER, np.where(sub == 0, c, k + sub - 1))
    return _by_size(labels)


def _by_size(labels: np.ndarray) -> np.ndarray:
    kept = labels[labels >= 0]
    if not len(kept):
        return labels
    sizes = np.bincount(kept)
    order = sorted(np.flatnonzero(sizes), key=lambda c: (-sizes[c], c))
    remap = np.full(len(sizes), OTHER)
    remap[order] = np.arange(len(order))
    return np.where(labels >= 0, remap[np.maximum(labels, 0)], OTHER)
