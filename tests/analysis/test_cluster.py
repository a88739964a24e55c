from __future__ import annotations

import numpy as np

from analysis.cluster import choose_k, cluster_vectors, smooth_neighbours


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


def test_choose_k_scores_every_candidate():
    x, _ = blobs(4, 15)
    k, cut, scores = choose_k(x, k_max=8)
    assert k == 4
    assert set(scores) <= set(range(2, 9))
    assert len(np.unique(cut)) == 4


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
