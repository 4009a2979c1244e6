"""Blocked top-k equals brute force, on dense and sparse vectors, at every tile size."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from compare.topk import similarity, top_k
from embeddings import normalize_rows

RNG = np.random.default_rng(7)
DENSE = normalize_rows(RNG.standard_normal((400, 16)).astype(np.float32))
SPARSE = normalize_rows(sp.random(400, 300, density=0.05, random_state=7, format="csr", dtype=np.float32))


def _brute(q: np.ndarray, c: np.ndarray, k: int, exclude_self: bool = False) -> np.ndarray:
    s = q @ c.T
    if exclude_self:
        np.fill_diagonal(s, -np.inf)
    return -np.sort(-s, axis=1)[:, :k]


@pytest.mark.parametrize("tile", [50, 1000, 1 << 20])
@pytest.mark.parametrize("data", [DENSE, SPARSE], ids=["dense", "sparse"])
def test_scores_equal_brute_force(data: np.ndarray, tile: int) -> None:
    result = top_k(data[:37], data, 5, tile=tile)
    dense = data.toarray() if sp.issparse(data) else data
    assert np.allclose(result.scores, _brute(dense[:37], dense, 5), atol=1e-5)
    assert np.allclose(np.take_along_axis(dense[:37] @ dense.T, result.indices, axis=1), result.scores, atol=1e-5)


@pytest.mark.parametrize("tile", [64, 1 << 20])
def test_exclude_self_never_returns_the_query(tile: int) -> None:
    result = top_k(DENSE, DENSE, 3, exclude_self=True, tile=tile)
    assert not np.any(result.indices == np.arange(len(DENSE))[:, None])
    assert np.allclose(result.scores, _brute(DENSE, DENSE, 3, exclude_self=True), atol=1e-5)


def test_best_first() -> None:
    scores = top_k(DENSE[:10], DENSE, 8).scores
    assert np.all(np.diff(scores, axis=1) <= 1e-7)


@pytest.mark.parametrize(
    ("nq", "nc", "k", "shape"),
    [(0, 10, 3, (0, 0)), (5, 0, 3, (5, 0)), (5, 2, 10, (5, 2)), (1, 1, 1, (1, 1))],
)
def test_degenerate_sizes(nq: int, nc: int, k: int, shape: tuple[int, int]) -> None:
    assert top_k(DENSE[:nq], DENSE[:nc], k).indices.shape == shape


def test_a_one_row_corpus_searched_against_itself_has_no_neighbour() -> None:
    assert top_k(DENSE[:1], DENSE[:1], 3, exclude_self=True).indices.shape == (1, 0)


def test_similarity_of_empty_sets() -> None:
    assert similarity(DENSE[:0], DENSE).shape == (0, len(DENSE))
