"""Exact top-k cosine neighbours without ever holding a queries × corpus matrix.

The product is computed tile by tile (a block of queries against a chunk of the corpus, at
most ``tile`` scores at a time) and each tile's best ``k`` are merged into a running result, so
memory grows with (queries + corpus) × dimensions plus one tile, never with queries × corpus.
Works on dense float32 arrays and on sparse CSR matrices with unit-norm rows alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from embeddings.base import Matrix

DEFAULT_TILE = 1 << 23  # 8M float32 scores = 32 MB per tile


@dataclass(frozen=True)
class TopK:
    """``indices[i]`` are the corpus rows nearest to query ``i``, best first; ``scores`` alike.

    Shape (n_queries, min(k, n_corpus)); rows where fewer neighbours exist (``exclude_self``
    on a one-row corpus) are padded with index -1 and score -inf.
    """

    indices: np.ndarray
    scores: np.ndarray


def similarity(a: Matrix, b: Matrix) -> np.ndarray:
    """Dense cosine matrix of two small sets of unit-norm rows (align, explain): shape (len(a), len(b))."""
    if a.shape[0] == 0 or b.shape[0] == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    product = a @ b.T
    if sp.issparse(product):
        product = product.toarray()
    return np.asarray(product, dtype=np.float32)


def _tile_scores(q: Matrix, c_t: Matrix) -> np.ndarray:
    product = q @ c_t
    if sp.issparse(product):
        return np.asarray(product.toarray(), dtype=np.float32)
    return np.asarray(product, dtype=np.float32)


def _select(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of each row's k largest, unordered."""
    n = scores.shape[1]
    if k >= n:
        idx = np.broadcast_to(np.arange(n), scores.shape).copy()
        return idx, scores
    idx = np.argpartition(scores, n - k, axis=1)[:, n - k :]
    return idx, np.take_along_axis(scores, idx, axis=1)


def top_k(queries: Matrix, corpus: Matrix, k: int, *, exclude_self: bool = False, tile: int = DEFAULT_TILE) -> TopK:
    """The ``k`` most similar corpus rows of every query row, best first.

    ``exclude_self`` is for a corpus searched against itself (queries are the corpus): a row
    never finds itself. Empty queries or corpus give empty (n, 0) results, never an error.
    """
    nq, nc = int(queries.shape[0]), int(corpus.shape[0])
    kk = max(0, min(k, nc - (1 if exclude_self else 0)))
    if nq == 0 or kk == 0:
        return TopK(np.zeros((nq, 0), dtype=np.int64), np.zeros((nq, 0), dtype=np.float32))
    if sp.issparse(queries):
        queries = sp.csr_matrix(queries, dtype=np.float32)
    corpus_t = sp.csr_matrix(corpus.T, dtype=np.float32) if sp.issparse(corpus) else np.asarray(corpus, dtype=np.float32).T
    q_block = max(1, min(nq, 4096, tile // max(1, min(nc, 4096))))
    c_chunk = max(kk + 1, tile // q_block)
    best_idx = np.full((nq, kk), -1, dtype=np.int64)
    best_val = np.full((nq, kk), -np.inf, dtype=np.float32)
    for q0 in range(0, nq, q_block):
        q1 = min(nq, q0 + q_block)
        q = queries[q0:q1]
        run_idx, run_val = best_idx[q0:q1], best_val[q0:q1]
        for c0 in range(0, nc, c_chunk):
            c1 = min(nc, c0 + c_chunk)
            scores = _tile_scores(q, corpus_t[:, c0:c1])
            if exclude_self and c0 < q1 and q0 < c1:
                rows = np.arange(max(q0, c0), min(q1, c1))
                scores[rows - q0, rows - c0] = -np.inf
            idx, val = _select(scores, kk)
            merged_idx = np.concatenate([run_idx, idx + c0], axis=1)
            merged_val = np.concatenate([run_val, val], axis=1)
            keep, run_val = _select(merged_val, kk)
            run_idx = np.take_along_axis(merged_idx, keep, axis=1)
        order = np.argsort(-run_val, axis=1, kind="stable")
        best_idx[q0:q1] = np.take_along_axis(run_idx, order, axis=1)
        best_val[q0:q1] = np.take_along_axis(run_val, order, axis=1)
    best_idx[~np.isfinite(best_val)] = -1
    return TopK(best_idx, best_val)
