from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster
from sklearn.metrics import adjusted_rand_score

import analysis.cluster as cluster_module
from analysis.cluster import choose_cut, cluster_vectors, consensus_tree, smooth_neighbours


def blobs(k: int, per: int, dim: int = 32, spread: float = 0.35, seed: int = 0) -> tuple:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    x = np.vstack([c + spread * rng.normal(size=(per, dim)) for c in centres])
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32), np.repeat(np.arange(k), per)


def test_recovers_well_separated_groups():
    x, truth = blobs(5, 20)
    result = cluster_vectors(x, random_state=0)
    assert result.k == 5
    for c in range(5):
        assigned = result.labels[truth == c]
        assert len(set(assigned[assigned >= 0])) == 1
        assert (assigned == -1).sum() <= 1


def test_consensus_tree_separates_groups_every_view_agrees_on():
    x, truth = blobs(4, 15)
    noisy = x + 0.05 * np.random.default_rng(1).normal(size=x.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    tree = consensus_tree([x, noisy], k_max=8)
    assert tree.shape == (len(x) - 1, 4)
    assert tree[:, 2].min() >= 0.0 and tree[:, 2].max() <= 1.0
    cut = fcluster(tree, 4, criterion="maxclust")
    for c in range(4):
        assert len(set(cut[truth == c])) == 1
    # Inside a group the partitions almost always agree; between groups they do not.
    assert tree[-4, 2] < 0.5 < tree[-3, 2]


def test_choose_cut_starts_from_agreement_and_scores_nearby_cuts():
    x, _ = blobs(5, 12, seed=3)
    tree = consensus_tree([x], k_max=10)
    cut, scores = choose_cut(tree, x, agreement=0.4, k_window=2, k_max=10)
    assert len(np.unique(cut)) == 5
    assert set(scores) <= set(range(3, 8)) and 5 in scores
    assert max(scores, key=scores.get) == 5
    # Asking for near-total agreement splits the groups; asking for almost none merges.
    strict, _ = choose_cut(tree, x, agreement=0.99, k_window=0, k_max=10)
    loose, _ = choose_cut(tree, x, agreement=0.01, k_window=0, k_max=10)
    assert len(np.unique(strict)) > 5 > len(np.unique(loose))


def test_a_clearer_view_corrects_the_consensus():
    # On these noisy vectors alone one group is split in two; a second view that
    # separates the groups cleanly outvotes that split.
    x, truth = blobs(4, 15, spread=1.0, seed=0)
    clear = np.hstack([x, 2 * np.eye(4, dtype=np.float32)[truth]])
    clear /= np.linalg.norm(clear, axis=1, keepdims=True)
    alone = cluster_vectors(x, random_state=0)
    joined = cluster_vectors(x, views=[clear], random_state=0)
    assert alone.k == 5
    assert joined.k == 4
    assert adjusted_rand_score(truth, joined.labels) == 1.0


def test_never_more_themes_than_k_max():
    x, _ = blobs(8, 12, seed=2)
    for k_max in (2, 3, 5):
        result = cluster_vectors(x, k_max=k_max)
        assert 1 <= result.k <= k_max
        assert result.k_chosen <= k_max


def test_small_and_degenerate_inputs():
    assert cluster_vectors(np.zeros((0, 8))).k == 0
    one = cluster_vectors(np.ones((1, 8)) / np.sqrt(8))
    assert one.k == 0 and one.labels.tolist() == [-1]
    two = cluster_vectors(np.eye(2, 8))
    assert two.labels.tolist() == [-1, -1]
    same = np.tile(np.ones(8) / np.sqrt(8), (10, 1))
    identical = cluster_vectors(same)
    assert identical.k == 1 and (identical.labels == 0).all()


def test_zero_rows_and_small_clusters_go_to_other():
    x, _ = blobs(3, 10)
    x = np.vstack([x, np.zeros((2, x.shape[1]), dtype=np.float32)])
    result = cluster_vectors(x, min_size=3)
    assert (result.labels[-2:] == -1).all()
    sizes = np.bincount(result.labels[result.labels >= 0])
    assert sizes.min() >= 3


def test_large_input_uses_a_sample_and_stays_deterministic():
    x, _ = blobs(6, 400, seed=1)
    a = cluster_vectors(x, sample_size=300, random_state=3)
    b = cluster_vectors(x, sample_size=300, random_state=3)
    assert np.array_equal(a.labels, b.labels)
    assert a.k == 6


def test_smoothing_keeps_unit_rows_and_tightens_groups():
    x, truth = blobs(3, 15, spread=0.8)
    smoothed = smooth_neighbours(x, 5)
    assert smoothed.shape == x.shape
    assert np.allclose(np.linalg.norm(smoothed, axis=1), 1.0, atol=1e-5)

    def within(v):
        sims = v @ v.T
        same = truth[:, None] == truth[None, :]
        return sims[same].mean() - sims[~same].mean()

    assert within(smoothed) > within(x)


def test_smoothing_is_blockwise_exact_and_keeps_zero_rows():
    x, _ = blobs(4, 20, seed=2)
    x = np.vstack([x, np.zeros((1, x.shape[1]), dtype=np.float32)])
    whole = smooth_neighbours(x, 4, block=1024)
    blocked = smooth_neighbours(x, 4, block=7)
    assert np.allclose(whole, blocked, atol=1e-6)
    assert not whole[-1].any()
    assert np.array_equal(smooth_neighbours(x[:1], 4), x[:1])


def test_smoothing_can_be_turned_off():
    x, _ = blobs(4, 12)
    off = cluster_vectors(x, smooth=0, random_state=0)
    on = cluster_vectors(x, smooth=5, random_state=0)
    assert off.k == on.k == 4


def merged_view(truth: np.ndarray, merge: tuple[int, int], seed: int) -> np.ndarray:
    """Unit vectors in which groups ``merge`` look like one group, the rest distinct."""
    labels = np.where(truth == merge[1], merge[0], truth)
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(truth.max() + 1, 24))[labels] + 0.3 * rng.normal(size=(len(truth), 24))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_the_views_outvote_each_other():
    # Each view merges a different pair of the four groups; only their consensus
    # separates all four.
    truth = np.repeat(np.arange(4), 12)
    first, second, third = (
        merged_view(truth, m, s) for m, s in [((2, 3), 2), ((0, 1), 1), ((0, 2), 3)]
    )
    joined = np.hstack([first, second, third])
    joined /= np.linalg.norm(joined, axis=1, keepdims=True)
    assert cluster_vectors(joined, views=[first]).k == 3
    assert cluster_vectors(joined, views=[third]).k == 3
    result = cluster_vectors(joined, views=[first, second, third])
    assert result.k == 4
    assert adjusted_rand_score(truth, result.labels) == 1.0


def test_choose_cut_caps_the_window_at_k_max():
    x, _ = blobs(8, 12, seed=2)
    tree = consensus_tree([x], k_max=10)
    cut, scores = choose_cut(tree, x, k_window=0, k_max=3)
    assert len(np.unique(cut)) == 3
    assert set(scores) <= {3}


def test_consensus_is_built_on_at_most_sample_size_rows(monkeypatch):
    sizes = []
    real = cluster_module.consensus_tree

    def recording(views, **kwargs):
        sizes.append(len(views[0]))
        return real(views, **kwargs)

    monkeypatch.setattr(cluster_module, "consensus_tree", recording)
    x, _ = blobs(5, 100, seed=5)
    result = cluster_vectors(x, views=[x, x], sample_size=120, random_state=1)
    assert sizes and sizes[0] <= 120
    assert result.k == 5
    assert (result.labels >= 0).sum() >= 490  # the rows outside the sample are assigned


def test_repeated_texts_count_towards_theme_size():
    # Six distinct texts, three per theme, each posted four times: the themes are
    # chosen on the distinct texts but sized with the repeats.
    x, truth = blobs(2, 3, seed=6, spread=0.2)
    result = cluster_vectors(np.repeat(x, 4, axis=0), min_size=5)
    assert result.k == 2
    assert adjusted_rand_score(np.repeat(truth, 4), result.labels) == 1.0


def test_bad_views_and_tiny_k_are_clear():
    x, _ = blobs(3, 6)
    with pytest.raises(ValueError, match="one row per vector"):
        cluster_vectors(x, views=[x[:-1]])
    with pytest.raises(ValueError, match="one row per vector"):
        cluster_vectors(x, views=[np.vstack([x, x])])
    with pytest.raises(ValueError, match="one row per vector"):
        cluster_vectors(x, views=[])
    with pytest.raises(ValueError, match="same rows"):
        consensus_tree([x, x[:-1]])
    with pytest.raises(ValueError, match="no partition"):
        consensus_tree([x], k_max=1)
    one = cluster_vectors(x, k_max=1)
    assert one.k == 1 and (one.labels == 0).all()
    two = cluster_vectors(x[:2], min_size=1)
    assert two.k >= 1 and (two.labels >= 0).all()
