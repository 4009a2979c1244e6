"""Blocked top-k gives the scores of a full sort, whatever the tiling, the input kind and the ties."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from compare.similarity.topk import similarity, top_k
from embeddings import normalize_rows

DENSE = normalize_rows(np.random.default_rng(7).standard_normal((400, 16)).astype(np.float32))


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _brute(queries, corpus, k: int, exclude_self: bool) -> np.ndarray:
    product = queries @ corpus.T
    scores = np.asarray(product.toarray() if sp.issparse(product) else product, dtype=np.float32)
    if exclude_self:
        np.fill_diagonal(scores, -np.inf)
    return -np.sort(-scores, axis=1)[:, :k]


CASES = [
    # n_queries, n_corpus, dim, k, exclude_self, tile
    (5, 7, 4, 3, False, 1 << 23),
    (7, 7, 4, 10, True, 1 << 23),  # k larger than the corpus
    (37, 400, 16, 5, False, 50),  # tiles smaller than one query block
    (50, 3000, 16, 10, False, 1000),  # many chunks: pruned merges
    (300, 300, 8, 5, True, 500),  # self excluded across tiles
    (400, 400, 16, 3, True, 64),
    (1, 1, 3, 2, True, 100),  # nothing left: -1 / -inf
    (40, 5000, 32, 20, False, 4096),
]


@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
@pytest.mark.parametrize(("nq", "nc", "dim", "k", "exclude_self", "tile"), CASES)
def test_top_k_equals_brute_force(nq, nc, dim, k, exclude_self, tile, sparse):
    rng = np.random.default_rng(nq * nc)
    if sparse:
        corpus = sp.random(nc, 50, density=0.2, format="csr", random_state=1, dtype=np.float32)
        queries = corpus[:nq] if exclude_self else sp.random(nq, 50, density=0.2, format="csr", random_state=2, dtype=np.float32)
    else:
        corpus = _unit(rng.standard_normal((nc, dim)))
        queries = corpus[:nq] if exclude_self else _unit(rng.standard_normal((nq, dim)))
    found = top_k(queries, corpus, k, exclude_self=exclude_self, tile=tile)
    expected = _brute(queries, corpus, found.scores.shape[1], exclude_self)
    assert found.scores.shape == found.indices.shape == (nq, min(k, nc - exclude_self))
    np.testing.assert_allclose(found.scores, expected, atol=1e-5)
    product = queries @ corpus.T
    product = product.toarray() if sp.issparse(product) else product
    rows, cols = np.nonzero(found.indices >= 0)
    np.testing.assert_allclose(product[rows, found.indices[rows, cols]], found.scores[rows, cols], atol=1e-5)
    assert (found.indices[~np.isfinite(found.scores)] == -1).all()
    if exclude_self:
        assert not np.any(found.indices == np.arange(nq)[:, None])  # a row never finds itself


def test_top_k_with_ties_and_a_sorted_corpus():
    """Equal scores and a corpus in rising order (nothing can be pruned) still give exact scores."""
    corpus = np.repeat(_unit(np.random.default_rng(0).standard_normal((40, 8))), 50, axis=0)
    queries = corpus[::97]
    for order in (corpus, corpus[np.argsort(corpus @ queries[0])]):
        found = top_k(queries, order, 7, tile=256)
        np.testing.assert_allclose(found.scores, _brute(queries, order, 7, False), atol=1e-5)


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
