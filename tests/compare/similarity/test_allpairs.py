"""Every clause's nearest clauses, block by block: the same on one process and on a Dask cluster."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from compare.similarity.allpairs import all_pairs, block_topk, blocks, load_rows, merge_topk, save_vectors
from compare.similarity.topk import top_k


def _sparse(n: int, seed: int = 0) -> sp.csr_matrix:
    rows = sp.random(n, 300, density=0.05, format="csr", random_state=seed, dtype=np.float32)
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ rows, dtype=np.float32)


def _dense(n: int, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, 24)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("make", [_sparse, _dense], ids=["sparse", "dense"])
@pytest.mark.parametrize(("n", "block", "k"), [(1000, 128, 5), (257, 1000, 3), (5, 2, 10)])
def test_blocked_all_pairs_equals_one_top_k(tmp_path, make, n, block, k):
    vectors = make(n)
    folder = save_vectors(vectors, tmp_path / "v")
    got = all_pairs(folder, k, block=block)
    want = top_k(vectors, vectors, k, exclude_self=True)
    kk = want.scores.shape[1]
    np.testing.assert_allclose(got.scores[:, :kk], want.scores, atol=1e-6)
    assert (got.indices != np.arange(n)[:, None]).all()  # never itself
    assert (got.indices[:, kk:] == -1).all()


def test_saved_rows_read_back_exactly(tmp_path):
    vectors = _sparse(50)
    folder = save_vectors(vectors, tmp_path / "v")
    for lo, hi in blocks(50, 7):
        assert (load_rows(folder, lo, hi) != vectors[lo:hi]).nnz == 0


def test_merge_is_order_free_and_breaks_ties_by_row():
    a = block_topk(np.eye(3, dtype=np.float32), np.ones((2, 3), dtype=np.float32) / np.sqrt(3), 2, 100, 0)
    b = block_topk(np.eye(3, dtype=np.float32), np.ones((2, 3), dtype=np.float32) / np.sqrt(3), 2, 100, 10)
    one, two = merge_topk([a, b], 2), merge_topk([b, a], 2)
    assert one.indices.tolist() == two.indices.tolist() == [[0, 1]] * 3


@pytest.mark.parametrize("make", [_sparse, _dense], ids=["sparse", "dense"])
def test_groups_reached_and_containment_equal_the_pairwise_loop(make):
    from compare.similarity.align import containment
    from compare.similarity.allpairs import containment_matrix, groups_reached

    vectors = make(300, seed=4)
    groups = np.random.default_rng(1).integers(0, 6, size=300)
    groups[:5] = -1  # rows that take no part
    weights = np.where(np.arange(300) % 7 == 0, 0.2, 1.0)
    threshold = 0.35 if make is _dense else 0.12
    reached = groups_reached(vectors, groups, threshold, block=64)
    contain = containment_matrix(reached, groups, weights)
    for i in range(6):
        rows = np.flatnonzero(groups == i)
        for j in range(6):
            if i == j:
                continue
            cols = np.flatnonzero(groups == j)
            product = vectors[rows] @ vectors[cols].T
            best = np.asarray(product.toarray() if sp.issparse(product) else product).max(axis=1)
            expected = containment(best, threshold, weights[rows] < 1, hide_boilerplate=False)
            assert contain[i, j] == pytest.approx(expected, abs=1e-9), (i, j)
    assert reached[:5].nnz == 0
