"""LSA candidates re-ranked exactly: exact scores always, recall measured on a fixed corpus."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bench.synth import perturb_sparse
from compare.similarity.lsa import build_lsa_index, recall_at_k, rescore, search
from compare.similarity.topk import top_k


@pytest.fixture(scope="module")
def corpus(tfidf_space) -> sp.csr_matrix:
    """5,000 TF-IDF rows: the shipped clauses and jittered copies of them (a tenth of features dropped)."""
    base = sp.csr_matrix(tfidf_space.vectors, dtype=np.float32)
    return perturb_sparse(base, 5_000, np.random.default_rng(7))


def test_recall_at_10_against_exact_search(corpus, tfidf_space):
    queries = sp.csr_matrix(tfidf_space.vectors[:32], dtype=np.float32)
    index = build_lsa_index(corpus, dims=64)
    exact = top_k(queries, corpus, 10)
    found = search(index, queries, 10)
    assert recall_at_k(found.scores, exact.scores) >= 0.99
    assert recall_at_k(search(index, queries, 10, candidates=20).scores, exact.scores) < 0.99  # the measure can fail
    # Every score returned is the exact cosine of that pair.
    rows, cols = np.nonzero(found.indices >= 0)
    product = (queries @ corpus.T).toarray()
    np.testing.assert_allclose(product[rows, found.indices[rows, cols]], found.scores[rows, cols], atol=1e-5)


def test_candidates_covering_the_corpus_is_exact_search(corpus, tfidf_space):
    queries = sp.csr_matrix(tfidf_space.vectors[40:45], dtype=np.float32)
    small = corpus[:300]
    found = search(build_lsa_index(small, dims=16), queries, 10, candidates=300)
    exact = top_k(queries, small, 10)
    np.testing.assert_allclose(found.scores, exact.scores, atol=1e-5)


RESCORE_CASES = [
    # candidates, k, expected indices (scores follow from the toy corpus: row r scores r / 10)
    ([[3, 1, 2]], 2, [[3, 2]]),
    ([[1, -1, 2]], 3, [[2, 1, -1]]),  # padding stays last
    ([[-1, -1]], 1, [[-1]]),
    ([[2, 2, 1]], 2, [[2, 2]]),  # a repeated candidate is not dropped silently
]


@pytest.mark.parametrize(("candidates", "k", "expected"), RESCORE_CASES)
def test_rescore_orders_exact_scores(candidates, k, expected):
    corpus = sp.csr_matrix(np.array([[0.0], [0.1], [0.2], [0.3]], dtype=np.float32))
    query = sp.csr_matrix(np.array([[1.0]], dtype=np.float32))
    got = rescore(query, corpus, np.asarray(candidates, dtype=np.int64), k)
    assert got.indices.tolist() == expected


def test_empty_queries_and_corpus():
    corpus = sp.csr_matrix((0, 5), dtype=np.float32)
    index = build_lsa_index(corpus, dims=4)
    assert search(index, sp.csr_matrix((3, 5), dtype=np.float32), 10).indices.shape == (3, 0)
    assert recall_at_k(np.zeros((0, 0)), np.zeros((0, 0))) == 1.0


def test_a_row_subset_gives_positions_in_the_subset(corpus, tfidf_space):
    queries = sp.csr_matrix(tfidf_space.vectors[:8], dtype=np.float32)
    rows = np.arange(0, corpus.shape[0], 3)
    found = search(build_lsa_index(corpus, dims=32), queries, 5, rows=rows)
    exact = top_k(queries, corpus[rows], 5)
    assert recall_at_k(found.scores, exact.scores) == 1.0
    product = (queries @ corpus[rows].T).toarray()
    np.testing.assert_allclose(np.take_along_axis(product, found.indices, axis=1), found.scores, atol=1e-5)


def test_large_sparse_spaces_match_through_the_index(compare_store, official, monkeypatch):
    """Above the size limit a space searches through LSA; on the shipped corpus that equals exact search."""
    from compare.similarity import lsa
    from compare.similarity.match import match_clauses
    from compare.similarity.space import build_space

    exact = match_clauses(build_space(compare_store, "tfidf"), official, k=3)
    monkeypatch.setattr(lsa, "MIN_ROWS", 10)
    space = build_space(compare_store, "tfidf")
    assert space.lsa_index is not None
    via_index = match_clauses(space, official, k=3)
    assert [[(h.clause.id, round(h.score, 5)) for h in m.candidates] for m in via_index] == [
        [(h.clause.id, round(h.score, 5)) for h in m.candidates] for m in exact
    ]
