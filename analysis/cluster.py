"""Clustering stage: choose the number of themes and assign concerns to them.

Contract: :func:`cluster_vectors` takes unit-length rows (zero rows mean "nothing to
represent") and returns one label per row, ``-1`` meaning "other".

Method (measured against alternatives in docs/analysis.md):

0. Neighbourhood smoothing: each row becomes the similarity-weighted mean of itself and
   its ``smooth`` nearest neighbours (:func:`smooth_neighbours`). Short texts of one
   theme are often nearest neighbours of each other while their raw vectors scatter;
   averaging over the neighbourhood pulls each theme together before the tree is built.
1. Ward linkage on at most ``sample_size`` rows (a seeded sample for large sessions, so
   memory stays O(sample_size^2) rather than O(n^2)).
2. For each k in the allowed range, score the cut of the tree with the cosine silhouette
   minus ``k_penalty * k``. Plain silhouette over-estimates k on short texts because
   near-duplicate pairs form tight micro-clusters; the penalty asks each extra theme to
   earn its place.
3. A very cohesive input (every row close to the mean direction) is one theme.
4. Spherical k-means refinement on all rows, starting from the tree's centroids.
5. Rows far below their theme's typical similarity, and themes smaller than
   ``min_size``, go to "other".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, ward
from sklearn.metrics import silhouette_score

__all__ = ["Clustering", "choose_k", "cluster_vectors", "smooth_neighbours"]

OTHER = -1


@dataclass(frozen=True)
class Clustering:
    """Result of the clustering stage.

    Attributes:
        labels: One label per input row; ``-1`` is "other", themes are ``0..k-1``
            ordered by size (largest first).
        k: Number of themes found (excluding "other").
        k_chosen: Number of clusters chosen before small ones were folded into "other".
        scores: Penalised silhouette per candidate k (empty when k was not searched).
    """

    labels: np.ndarray
    k: int
    k_chosen: int
    scores: dict[int, float]


def choose_k(
    vectors: np.ndarray,
    k_min: int = 2,
    k_max: int = 15,
    k_penalty: float = 0.006,
) -> tuple[int, np.ndarray, dict[int, float]]:
    """Pick the number of clusters by penalised silhouette over cuts of a Ward tree.

    Args:
        vectors: Unit rows (at least ``2 * k_min`` of them, none all-zero).
        k_min: Smallest k considered.
        k_max: Largest k considered.
        k_penalty: Subtracted from the silhouette once per cluster.

    Returns:
        The chosen k, the tree cut at that k (labels ``0..k-1``) and the score per k.
    """
    n = len(vectors)
    tree = ward(vectors.astype(np.float64))
    distances = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    scores: dict[int, float] = {}
    cuts: dict[int, np.ndarray] = {}
    for k in range(k_min, min(k_max, n - 1) + 1):
        cut = fcluster(tree, k, criterion="maxclust") - 1
        if len(np.unique(cut)) != k:  # ties in merge heights can skip a k
            continue
        silhouette = silhouette_score(distances, cut, metric="precomputed")
        scores[k] = float(silhouette) - k_penalty * k
        cuts[k] = cut
    if not scores:
        return 1, np.zeros(n, dtype=int), scores
    best = max(scores, key=lambda k: (scores[k], -k))
    return best, cuts[best], scores


def cluster_vectors(
    vectors: np.ndarray,
    *,
    min_size: int = 3,
    k_max: int = 15,
    k_penalty: float = 0.006,
    cohesion: float = 0.85,
    outlier_z: float = 3.5,
    sample_size: int = 1500,
    smooth: int = 5,
    random_state: int | None = 0,
) -> Clustering:
    """Cluster unit vectors into themes with an automatically chosen number of themes.

    Args:
        vectors: Array of shape (n, d) with unit rows; all-zero rows go to "other".
        min_size: Smallest theme; smaller clusters go to "other".
        k_max: Largest number of themes considered.
        k_penalty: Per-theme penalty on the silhouette (see module docstring).
        cohesion: Mean cosine to the mean direction at or above which the whole input
            is one theme.
        outlier_z: Rows whose similarity to their centroid is this many standard
            deviations below the theme's mean go to "other".
        sample_size: Rows used to build the tree and choose k in large inputs.
        smooth: Nearest neighbours averaged into each row first (0 turns it off).
        random_state: Seed for the sample.

    Returns:
        A :class:`Clustering`.
    """
    n = len(vectors)
    labels = np.full(n, OTHER, dtype=int)
    valid = np.flatnonzero(np.linalg.norm(vectors, axis=1) > 1e-6) if n else np.array([], int)
    if len(valid) < max(min_size, 1):
        return Clustering(labels, 0, 0, {})
    x = vectors[valid].astype(np.float32)
    rng = np.random.default_rng(random_state)
    # Repeated texts form tight micro-clusters that the silhouette rewards, so the
    # number of themes is chosen on distinct rows only (a sample of them when many).
    # Judged after smoothing (measured: fewer spurious small themes); when smoothing has
    # made whole themes look alike, near-duplicates are judged on the raw rows instead.
    raw = x
    if smooth > 0:
        x = smooth_neighbours(x, smooth)
    distinct = _distinct_rows(x, rng, sample_size)
    if len(distinct) < 2 * min_size:
        distinct = _distinct_rows(raw, np.random.default_rng(random_state), sample_size)
    centre = x.mean(axis=0)
    mean_direction = centre / max(float(np.linalg.norm(centre)), 1e-12)
    if len(distinct) < 2 * min_size or float(np.mean(x @ mean_direction)) >= cohesion:
        k_chosen, scores = 1, {}
        centroids = mean_direction[None, :]
    else:
        xs = x[distinct]
        upper = min(k_max, len(x) // min_size, len(xs) - 1)
        k_chosen, cut, scores = choose_k(xs, k_min=2, k_max=upper, k_penalty=k_penalty)
        centroids = _unit(np.stack([xs[cut == c].mean(axis=0) for c in range(k_chosen)]))
    assigned, centroids = _spherical_kmeans(x, centroids)

    similarity = np.einsum("ij,ij->i", x, centroids[assigned])
    keep = np.ones(len(x), dtype=bool)
    for c in range(len(centroids)):
        members = assigned == c
        if members.sum() >= 3:
            sims = similarity[members]
            floor = sims.mean() - outlier_z * sims.std()
            keep[np.flatnonzero(members)[sims < floor]] = False
    sub = np.where(keep, assigned, OTHER)
    sizes = {c: int(np.sum(sub == c)) for c in range(len(centroids))}
    big = sorted((c for c in sizes if sizes[c] >= min_size), key=lambda c: (-sizes[c], c))
    remap = {c: i for i, c in enumerate(big)}
    labels[valid] = [remap.get(c, OTHER) for c in sub]
    return Clustering(labels, len(big), k_chosen, scores)


def smooth_neighbours(x: np.ndarray, n_neighbors: int = 5, block: int = 1024) -> np.ndarray:
    """Replace each unit row by the normalised, similarity-weighted sum of its neighbourhood.

    The neighbourhood is the row itself and its ``n_neighbors`` most similar rows (cosine,
    negative similarities count as zero). Work is done ``block`` rows at a time, so memory
    is O(block * n) rather than O(n^2); the result depends only on ``x``.

    Args:
        x: Array of shape (n, d) with unit (or zero) rows.
        n_neighbors: Neighbours averaged in besides the row itself.
        block: Rows whose similarities are computed at once.

    Returns:
        Array of the same shape with unit rows (zero rows stay zero).
    """
    n = len(x)
    nn = min(n_neighbors, n - 1)
    if nn < 1:
        return x.copy()
    x = np.ascontiguousarray(x, dtype=np.float32)
    out = np.empty_like(x)
    for start in range(0, n, block):
        sims = x[start : start + block] @ x.T
        rows = np.arange(len(sims))
        sims[rows, start + rows] = np.inf  # the row itself is always in its neighbourhood
        top = np.argpartition(-sims, nn, axis=1)[:, : nn + 1]
        weights = np.clip(np.take_along_axis(sims, top, axis=1), 0.0, 1.0)
        out[start : start + block] = np.einsum("ij,ijd->id", weights, x[top])
    return _unit(out) * (np.linalg.norm(x, axis=1, keepdims=True) > 0)


def _distinct_rows(
    x: np.ndarray, rng: np.random.Generator, limit: int, near: float = 0.97
) -> np.ndarray:
    """Indices of up to ``limit`` rows, none a near-duplicate (cosine >= ``near``) of another.

    Exact duplicates are dropped first; a seeded sample of ``limit`` of the rest is then
    thinned greedily, so the work is O(limit^2) whatever the size of ``x``.
    """
    _, first = np.unique(np.round(x, 4), axis=0, return_index=True)
    candidates = np.sort(first)
    if len(candidates) > limit:
        candidates = np.sort(rng.choice(candidates, size=limit, replace=False))
    similar = (x[candidates] @ x[candidates].T) >= near
    dropped = np.zeros(len(candidates), dtype=bool)
    for i in range(len(candidates)):
        if not dropped[i]:
            later = similar[i, i + 1 :]
            dropped[i + 1 :] |= later
    return candidates[~dropped]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _spherical_kmeans(
    x: np.ndarray, centroids: np.ndarray, max_iter: int = 20
) -> tuple[np.ndarray, np.ndarray]:
    """Refine centroids by cosine k-means; deterministic given the starting centroids."""
    assigned = np.argmax(x @ centroids.T, axis=1)
    for _ in range(max_iter):
        updated = centroids.copy()
        for c in range(len(centroids)):
            members = assigned == c
            if members.any():
                updated[c] = x[members].sum(axis=0)
        updated = _unit(updated)
        new_assigned = np.argmax(x @ updated.T, axis=1)
        centroids = updated
        if np.array_equal(new_assigned, assigned):
            break
        assigned = new_assigned
    return assigned, centroids
