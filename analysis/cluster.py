"""Clustering stage: choose the number of themes and assign concerns to them.

Contract: :func:`cluster_vectors` takes unit-length rows (zero rows mean "nothing to
represent") and returns one label per row, ``-1`` meaning "other".

Method (measured against alternatives in docs/analysis.md):

0. Neighbourhood smoothing: each row becomes the similarity-weighted mean of itself and
   its nearest neighbours (:func:`smooth_neighbours`). Short texts of one theme are
   often nearest neighbours of each other while their raw vectors scatter; averaging
   over the neighbourhood pulls each theme together.
1. Consensus (:func:`consensus_tree`): on at most ``sample_size`` distinct rows, every
   view of the data (the same concerns weighted differently, see ``embed_views`` in
   ``analysis.embed``) at every smoothing level is clustered with Ward and with average
   linkage, and each tree is cut at every k from 2 to ``k_max``. Two concerns are as
   close as the share of those partitions that put them together, and an
   average-linkage tree is built on that co-association.
2. The number of themes: the consensus tree is cut where fewer than ``agreement`` of
   the partitions keep two groups together. A single representation's silhouette, even
   penalised, over- or under-shoots by 2-3 themes on short texts; the share of
   partitions agreeing does not depend on one representation's scale. The silhouette
   then picks the best cut within ``k_window`` of that number.
3. A very cohesive input (every row close to the mean direction) is one theme.
4. Spherical k-means refinement on all rows, starting from the chosen themes' centroids.
5. Rows far below their theme's typical similarity, and themes smaller than
   ``min_size``, go to "other".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform
from sklearn.metrics import silhouette_score

__all__ = ["Clustering", "choose_cut", "cluster_vectors", "consensus_tree", "smooth_neighbours"]

OTHER = -1
SMOOTHING_LEVELS = (0, 5, 8)
#: Member trees are cut at every k from 2 to this (or to ``k_max`` when larger), so the
#: agreement level means the same whatever the caller's ``k_max``.
MEMBER_K_MAX = 15
#: Rows at least this similar (cosine, after smoothing) count as one text when choosing
#: the themes (measured in docs/analysis.md).
NEAR_DUPLICATE = 0.995


@dataclass(frozen=True)
class Clustering:
    """Result of the clustering stage.

    Attributes:
        labels: One label per input row; ``-1`` is "other", themes are ``0..k-1``
            ordered by size (largest first).
        k: Number of themes found (excluding "other").
        k_chosen: Number of clusters chosen before small ones were folded into "other".
        scores: Silhouette of each consensus cut considered (empty when k was not
            searched).
    """

    labels: np.ndarray
    k: int
    k_chosen: int
    scores: dict[int, float]


def consensus_tree(
    views: Sequence[np.ndarray],
    k_max: int = MEMBER_K_MAX,
    smoothing: Sequence[int] = SMOOTHING_LEVELS,
) -> np.ndarray:
    """Build an average-linkage tree on how often partitions of the views agree.

    Every view, at every smoothing level, is clustered with Ward and with average
    linkage (cosine), and each tree is cut at every k from 2 to ``k_max``. The distance
    between two rows is the share of those partitions that separate them.

    Args:
        views: Arrays of shape (n, d_i) with unit rows, one row per item in each.
        k_max: Largest cut of each member tree.
        smoothing: Neighbours averaged in before clustering (0: the view as it is).

    Returns:
        A SciPy linkage matrix over the n rows; its merge heights are in [0, 1].

    Raises:
        ValueError: No view, views of different lengths, or no partition to build
            (fewer than 2 rows, or ``k_max`` below 2).
    """
    if not views or any(len(view) != len(views[0]) for view in views):
        raise ValueError("consensus_tree needs one or more views with the same rows")
    n = len(views[0])
    if min(k_max, n) < 2 or not smoothing:
        raise ValueError(f"no partition to build from {n} rows with k_max={k_max}")
    blocks = []
    for view in views:
        for level in smoothing:
            x = _unit(smooth_neighbours(view, level) if level else view).astype(np.float64)
            # Unit rows: cosine distance is 1 - x.x', Euclidean is sqrt(2 * cosine); one
            # matrix product is much faster than two pdist calls.
            cosine = np.clip(1.0 - x @ x.T, 0.0, 2.0)
            np.fill_diagonal(cosine, 0.0)
            condensed = squareform(cosine, checks=False)
            trees = (linkage(np.sqrt(2.0 * condensed), "ward"), linkage(condensed, "average"))
            for tree in trees:
                for k in range(2, min(k_max, n) + 1):
                    blocks.append(fcluster(tree, k, criterion="maxclust") - 1)
    # One column per (partition, cluster): co-association is a product of indicators.
    offsets = np.cumsum([0] + [int(b.max()) + 1 for b in blocks[:-1]])
    columns = np.concatenate([b + o for b, o in zip(blocks, offsets, strict=True)])
    rows = np.tile(np.arange(n), len(blocks))
    indicators = csr_matrix((np.ones(len(rows)), (rows, columns)))
    together = (indicators @ indicators.T).toarray() / len(blocks)
    distance = 1.0 - together
    np.fill_diagonal(distance, 0.0)
    return linkage(squareform(distance, checks=False), "average")


def choose_cut(
    tree: np.ndarray,
    vectors: np.ndarray,
    agreement: float = 0.4,
    k_window: int = 2,
    k_max: int = 15,
    min_size: int = 3,
    weights: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[int, float]]:
    """Cut a consensus tree: at the agreement level, then the best silhouette nearby.

    Args:
        tree: Linkage from :func:`consensus_tree` over the rows of ``vectors``.
        vectors: Unit rows used for the silhouette.
        agreement: Groups that fewer than this share of partitions keep together stay
            apart.
        k_window: Cuts with up to this many clusters more or fewer are also scored.
        k_max: Largest number of clusters (the window is centred on at most this).
        min_size: Clusters smaller than this are left out of the silhouette.
        weights: How many concerns each row stands for (repeats); 1 each by default.

    Returns:
        The cut (labels ``0..k-1``) and the silhouette of each cut scored.
    """
    n = len(vectors)
    start = fcluster(tree, 1.0 - agreement, criterion="distance") - 1
    k0 = int(start.max()) + 1
    distances = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distances, 0.0)
    centre = min(k0, k_max)
    scores: dict[int, float] = {}
    cuts: dict[int, np.ndarray] = {}
    for k in range(max(2, centre - k_window), min(centre + k_window, k_max, n - 1) + 1):
        cut = fcluster(tree, k, criterion="maxclust") - 1
        if int(cut.max()) + 1 != k:  # ties in merge heights can skip a k
            continue
        big = np.bincount(cut, weights=weights)[cut] >= min_size
        if len(np.unique(cut[big])) < 2 or big.sum() <= len(np.unique(cut[big])):
            continue
        scores[k] = float(silhouette_score(distances[big][:, big], cut[big], metric="precomputed"))
        cuts[k] = cut
    if not scores:  # nothing scorable nearby: the agreement cut, capped at k_max
        return fcluster(tree, centre, criterion="maxclust") - 1, scores
    best = max(scores, key=lambda k: (scores[k], -k))
    return cuts[best], scores


def cluster_vectors(
    vectors: np.ndarray,
    *,
    views: Sequence[np.ndarray] | None = None,
    min_size: int = 3,
    k_max: int = 15,
    agreement: float = 0.4,
    k_window: int = 2,
    cohesion: float = 0.85,
    outlier_z: float = 3.5,
    sample_size: int = 600,
    smooth: int = 5,
    random_state: int | None = 0,
) -> Clustering:
    """Cluster unit vectors into themes with an automatically chosen number of themes.

    Args:
        vectors: Array of shape (n, d) with unit rows; all-zero rows go to "other".
            The silhouette, centroids, assignment and outliers are judged on these.
        views: The representations the consensus is built from, each (n, d_i) with
            unit rows, for example ``vectors`` weighted several ways (include
            ``vectors`` itself, first, to have it vote). ``None``: ``vectors`` alone.
        min_size: Smallest theme; smaller clusters go to "other".
        k_max: Largest number of themes considered.
        agreement: Share of partitions that must keep two groups together for them to
            stay one theme (see :func:`choose_cut`).
        k_window: How far from the agreement cut the silhouette may move k.
        cohesion: Mean cosine to the mean direction at or above which the whole input
            is one theme.
        outlier_z: Rows whose similarity to their centroid is this many standard
            deviations below the theme's mean go to "other".
        sample_size: Distinct rows used to choose the themes in large inputs; the rest
            are assigned to the nearest theme.
        smooth: Nearest neighbours averaged into each row of ``vectors`` (0 turns
            smoothing off everywhere).
        random_state: Seed for the sample.

    Returns:
        A :class:`Clustering`.

    Raises:
        ValueError: A view does not have one row per row of ``vectors``.
    """
    n = len(vectors)
    voters = [vectors] if views is None else list(views)
    if not voters or any(np.ndim(v) != 2 or len(v) != n for v in voters):
        shapes = ", ".join(str(np.shape(v)) for v in voters) or "none"
        raise ValueError(f"views need one row per vector ({n} rows); got {shapes}")
    labels = np.full(n, OTHER, dtype=int)
    valid = np.flatnonzero(np.linalg.norm(vectors, axis=1) > 1e-6) if n else np.array([], int)
    if len(valid) < max(min_size, 1):
        return Clustering(labels, 0, 0, {})
    x = vectors[valid].astype(np.float32)
    rng = np.random.default_rng(random_state)
    # Repeated texts form tight micro-clusters that pull every criterion towards more
    # themes, so the themes are chosen on distinct rows only (a sample when many).
    # Judged after smoothing (measured: fewer spurious small themes); when smoothing has
    # made whole themes look alike, near-duplicates are judged on the raw rows instead.
    raw = x
    if smooth > 0:
        x = smooth_neighbours(x, smooth)
    distinct = _distinct_rows(x, rng, sample_size)
    if len(distinct) < 2 * min_size:
        distinct = _distinct_rows(raw, np.random.default_rng(random_state), sample_size)
    # Each distinct row stands for itself and its repeats (in a sample: those of them
    # that were drawn).
    similarity = x @ x[distinct].T
    repeats = np.bincount(
        np.argmax(similarity, axis=1)[similarity.max(axis=1) >= NEAR_DUPLICATE],
        minlength=len(distinct),
    )
    del similarity
    centre = x.mean(axis=0)
    mean_direction = centre / max(float(np.linalg.norm(centre)), 1e-12)
    upper = min(k_max, len(x) // min_size, len(distinct) - 1)
    if (
        len(distinct) < 2
        or repeats.sum() < 2 * min_size
        or upper < 2
        or float(np.mean(x @ mean_direction)) >= cohesion
    ):
        k_chosen, scores = 1, {}
        centroids = mean_direction[None, :]
    else:
        xs = x[distinct]
        rows = valid[distinct]
        member_k = min(max(MEMBER_K_MAX, upper), len(x) // min_size, len(xs) - 1)
        levels = SMOOTHING_LEVELS if smooth > 0 else (0,)
        tree = consensus_tree(
            [np.asarray(v)[rows].astype(np.float32) for v in voters],
            k_max=member_k,
            smoothing=levels,
        )
        cut, scores = choose_cut(tree, xs, agreement, k_window, upper, min_size, repeats)
        sizes = np.bincount(cut, weights=repeats)
        kept = [c for c in range(len(sizes)) if sizes[c] >= min_size] or [int(np.argmax(sizes))]
        k_chosen = len(kept)
        centroids = _unit(np.stack([xs[cut == c].mean(axis=0) for c in kept]))
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
    x: np.ndarray, rng: np.random.Generator, limit: int, near: float = NEAR_DUPLICATE
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
