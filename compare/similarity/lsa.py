"""Fast near-exact search of sparse (TF-IDF) vectors: LSA candidates, re-ranked exactly.

A sparse product against a million TF-IDF rows takes seconds (its cost is the length of the
posting lists of every query feature, and common character n-grams are in most clauses). This
index projects the corpus once onto a truncated SVD of the TF-IDF space (latent semantic
analysis: a few hundred dense dimensions), finds ``candidates`` rows per query there with the
dense tiled top-k, and scores only those candidates on the exact sparse vectors. Every score it
returns is an exact cosine; what can differ from exact search is which rows made the candidate
list, so recall against exact search is measured (``bench.compare_scale``), not assumed.

Memory: the sparse corpus, the dense projection (n × dims float32) and one top-k tile.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD

from compare.similarity.topk import TopK, top_k
from embeddings.base import normalize_rows

MIN_ROWS = 200_000  # below this, exact sparse search takes well under a second: no index
DEFAULT_DIMS = 128
DEFAULT_CANDIDATES = 200
FIT_SAMPLE = 50_000  # rows the SVD is fitted on; the projection covers every row
PROJECT_CHUNK = 100_000


@dataclass(frozen=True)
class LsaIndex:
    """The exact sparse rows, the SVD basis (dims × features) and the unit-norm projected rows."""

    corpus: sp.csr_matrix
    basis: np.ndarray
    projected: np.ndarray

    def __len__(self) -> int:
        return int(self.corpus.shape[0])

    def project(self, rows: sp.csr_matrix) -> np.ndarray:
        """Unit-norm dense coordinates of sparse rows in the index's latent space."""
        dense = np.asarray(rows @ self.basis.T, dtype=np.float32)
        return np.asarray(normalize_rows(dense), dtype=np.float32)


def build_lsa_index(corpus: sp.csr_matrix, *, dims: int = DEFAULT_DIMS, fit_sample: int = FIT_SAMPLE, seed: int = 0) -> LsaIndex:
    """Fit the SVD on a random sample of rows (deterministic for ``seed``) and project every row.

    A corpus with fewer features or rows than ``dims`` gets as many dimensions as it can have.
    """
    corpus = sp.csr_matrix(corpus, dtype=np.float32)
    n, n_features = corpus.shape
    rng = np.random.default_rng(seed)
    sample = corpus if n <= fit_sample else corpus[np.sort(rng.choice(n, size=fit_sample, replace=False))]
    k = max(1, min(dims, sample.shape[0] - 1, n_features - 1))
    if k < 2 or sample.nnz == 0:
        basis = np.zeros((1, n_features), dtype=np.float32)
    else:
        svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=4, random_state=seed).fit(sample)
        basis = np.ascontiguousarray(svd.components_, dtype=np.float32)
    projected = np.empty((n, basis.shape[0]), dtype=np.float32)
    index = LsaIndex(corpus, basis, projected)
    for start in range(0, n, PROJECT_CHUNK):
        projected[start : start + PROJECT_CHUNK] = index.project(corpus[start : start + PROJECT_CHUNK])
    return index


def rescore(queries: sp.csr_matrix, corpus: sp.csr_matrix, candidates: np.ndarray, k: int) -> TopK:
    """Exact cosines of each query with its candidate rows (-1 = none), best ``k`` first.

    Pure: ``candidates`` is (n_queries, c) row numbers into ``corpus``; the result has the shape
    (n_queries, min(k, c)) with index -1 and score -inf where a query had fewer candidates.
    """
    nq, c = candidates.shape
    kk = min(k, c)
    if nq == 0 or kk == 0:
        return TopK(np.zeros((nq, 0), dtype=np.int64), np.zeros((nq, 0), dtype=np.float32))
    flat = candidates.ravel()
    valid = flat >= 0
    gathered = corpus[np.where(valid, flat, 0)]
    repeated = queries[np.repeat(np.arange(nq), c)]
    flat_scores = np.asarray(gathered.multiply(repeated).sum(axis=1), dtype=np.float32).ravel()
    flat_scores[~valid] = -np.inf
    scores = flat_scores.reshape(nq, c)
    # Best first; among equal scores the lower row number first, as exact search would list them.
    order = np.lexsort((candidates, -scores), axis=1)[:, :kk]
    idx = np.take_along_axis(candidates, order, axis=1)
    val = np.take_along_axis(scores, order, axis=1)
    idx[~np.isfinite(val)] = -1
    return TopK(idx.astype(np.int64), val)


def search(
    index: LsaIndex, queries: sp.csr_matrix, k: int, *, candidates: int = DEFAULT_CANDIDATES, rows: np.ndarray | None = None
) -> TopK:
    """The ``k`` best corpus rows of every query row with exact scores, from LSA candidates.

    ``rows`` (sorted row numbers) restricts the search to those rows, and the returned indices
    are then positions in ``rows``, as if the corpus were ``corpus[rows]``. Empty queries or
    corpus give empty (n, 0) results. With ``candidates`` ≥ the corpus size it is exact search.
    """
    queries = sp.csr_matrix(queries, dtype=np.float32)
    if rows is not None and len(rows) == len(index):
        rows = None  # every row: no need to copy the projection
    projected = index.projected if rows is None else index.projected[rows]
    pool = top_k(index.project(queries), projected, max(k, candidates))
    if rows is None:
        return rescore(queries, index.corpus, pool.indices, k)
    found = rescore(queries, index.corpus, np.where(pool.indices >= 0, rows[np.maximum(pool.indices, 0)], -1), k)
    positions = np.where(found.indices >= 0, np.searchsorted(rows, found.indices), -1)
    return TopK(positions.astype(np.int64), found.scores)


def recall_at_k(found: np.ndarray, exact: np.ndarray, *, tol: float = 1e-5) -> float:
    """Share of exact search's top-k that the found top-k matches, both given as best-first exact scores.

    A found neighbour counts when its score reaches the exact k-th score (less ``tol``): rows tied
    with the k-th are interchangeable, since exact search could have listed either. Padding
    (-inf) in ``exact`` is not counted; 1.0 when there is nothing to find.
    """
    hits = total = 0
    for got, want in zip(found, exact, strict=True):
        want = want[np.isfinite(want)]
        if want.size == 0:
            continue
        total += want.size
        hits += min(want.size, int(np.count_nonzero(got[np.isfinite(got)] >= want[-1] - tol)))
    return hits / total if total else 1.0
