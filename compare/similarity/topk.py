"""Exact top-k cosine neighbours without ever holding a queries × corpus matrix.

The product is computed tile by tile (a block of queries against a chunk of the corpus, at
most ``tile`` scores at a time) and each tile's best ``k`` are merged into a running result, so
memory grows with (queries + corpus) × dimensions plus one tile, never with queries × corpus.
Works on dense float32 arrays and on sparse CSR matrices with unit-norm rows alike.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import cast

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
        return np.asarray(cast(sp.csr_matrix, product).toarray(), dtype=np.float32)
    return np.asarray(product, dtype=np.float32)


def _tile_scores(q: Matrix, chunk: Matrix, out: np.ndarray) -> np.ndarray:
    """Scores (queries × chunk rows) of a query block against a corpus chunk, written into ``out``.

    Dense: ``q`` is the block and ``chunk`` the corpus rows transposed, a BLAS product. Sparse:
    ``q`` is the block already transposed (features × queries, CSR) and the product is taken as
    chunk × q, which spares scipy from transposing the much larger corpus chunk; the result is
    the transpose of the filled (chunk rows × queries) buffer.
    """
    if sp.issparse(chunk):
        product = cast(sp.csr_matrix, chunk @ q)
        return product.toarray(out=_view(out, *product.shape)).T
    return np.matmul(q, chunk, out=_view(out, q.shape[0], chunk.shape[1]))


def _view(buffer: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """A C-contiguous (rows, cols) array on the front of a preallocated buffer (no page faults per tile)."""
    return buffer.ravel()[: rows * cols].reshape(rows, cols)


def _select(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of each row's k largest, unordered."""
    n = scores.shape[1]
    if k >= n:
        idx = np.broadcast_to(np.arange(n), scores.shape).copy()
        return idx, scores
    idx = np.argpartition(scores, n - k, axis=1)[:, n - k :]
    return idx, np.take_along_axis(scores, idx, axis=1)


def _merge(scores: np.ndarray, offset: int, run_idx: np.ndarray, run_val: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The running k best (unordered) updated with one tile whose column 0 is corpus row ``offset``.

    Only scores above a row's current k-th best can enter, so once the running result is full a
    tile costs one comparison pass and a small selection among the few that pass; a tile where
    many pass (the first one, or an adversarial order) falls back to a full partition.
    ``mask`` is scratch space of at least ``scores.size`` booleans.
    """
    nrows, width = scores.shape
    k = run_val.shape[1]
    passed = np.greater(scores, run_val.min(axis=1)[:, None], out=_view(mask, nrows, width))
    total = int(np.count_nonzero(passed))
    if total == 0:
        return run_idx, run_val
    if 8 * total > scores.size:
        idx, val = _select(scores, k)
        cand_idx = np.concatenate([run_idx, idx + offset], axis=1)
        cand_val = np.concatenate([run_val, val], axis=1)
    else:
        rows, cols = np.divmod(np.flatnonzero(passed), width)
        counts = np.bincount(rows, minlength=nrows)
        slot = k + np.arange(total) - (np.cumsum(counts) - counts)[rows]
        cand_idx = np.full((nrows, k + int(counts.max())), -1, dtype=np.int64)
        cand_val = np.full(cand_idx.shape, -np.inf, dtype=np.float32)
        cand_idx[:, :k], cand_val[:, :k] = run_idx, run_val
        cand_idx[rows, slot] = cols + offset
        cand_val[rows, slot] = scores[rows, cols]
    keep, val = _select(cand_val, k)
    return np.take_along_axis(cand_idx, keep, axis=1), val


def top_k(queries: Matrix, corpus: Matrix, k: int, *, exclude_self: bool = False, tile: int = DEFAULT_TILE) -> TopK:
    """The ``k`` most similar corpus rows of every query row, best first.

    ``exclude_self`` is for a corpus searched against itself (queries are the corpus): a row
    never finds itself. Empty queries or corpus give empty (n, 0) results, never an error.
    Exact: the same scores as sorting the full product (among equal scores, any index).
    """
    nq, nc = int(queries.shape[0]), int(corpus.shape[0])
    kk = max(0, min(k, nc - (1 if exclude_self else 0)))
    if nq == 0 or kk == 0:
        return TopK(np.zeros((nq, 0), dtype=np.int64), np.zeros((nq, 0), dtype=np.float32))
    sparse = sp.issparse(queries) or sp.issparse(corpus)
    if sparse:
        queries, corpus = sp.csr_matrix(queries, dtype=np.float32), sp.csr_matrix(corpus, dtype=np.float32)
    else:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        corpus = np.ascontiguousarray(corpus, dtype=np.float32)
    q_block = max(1, min(nq, 4096, tile // max(1, min(nc, 4096))))
    c_chunk = max(kk + 1, tile // q_block)
    # A first slice narrow enough to partition cheaply fills each running result, so that the
    # rest of the first tile is already pruned.
    head = min(c_chunk, max(16 * kk, 256))
    buffers = [np.empty(q_block * c_chunk, dtype=np.float32) for _ in range(2)]
    mask = np.empty(q_block * c_chunk, dtype=bool)
    best_idx = np.full((nq, kk), -1, dtype=np.int64)
    best_val = np.full((nq, kk), -np.inf, dtype=np.float32)

    def merge_tile(scores: np.ndarray, c0: int, q0: int, q1: int) -> None:
        run_idx, run_val = best_idx[q0:q1], best_val[q0:q1]
        if c0 == 0 and scores.shape[1] > head:
            run_idx, run_val = _merge(scores[:, :head], 0, run_idx, run_val, mask)
            run_idx, run_val = _merge(scores[:, head:], head, run_idx, run_val, mask)
        else:
            run_idx, run_val = _merge(scores, c0, run_idx, run_val, mask)
        best_idx[q0:q1], best_val[q0:q1] = run_idx, run_val

    spans = [(q0, min(nq, q0 + q_block)) for q0 in range(0, nq, q_block)]
    blocks = [sp.csr_matrix(queries[q0:q1].T) if sparse else queries[q0:q1] for q0, q1 in spans]
    # One tile's selection (numpy, one thread) runs while the next tile's product is computed,
    # in the other of two score buffers: the product alone would leave a core idle meanwhile.
    pending: Future[None] | None = None
    step = 0
    with ThreadPoolExecutor(max_workers=1) as selector:
        for c0 in range(0, nc, c_chunk):
            c1 = min(nc, c0 + c_chunk)
            chunk = corpus[c0:c1] if sparse else corpus[c0:c1].T
            for (q0, q1), q in zip(spans, blocks):
                scores = _tile_scores(q, chunk, buffers[step % 2])
                step += 1
                if exclude_self and c0 < q1 and q0 < c1:
                    rows = np.arange(max(q0, c0), min(q1, c1))
                    scores[rows - q0, rows - c0] = -np.inf
                if pending is not None:
                    pending.result()
                pending = selector.submit(merge_tile, scores, c0, q0, q1)
        if pending is not None:
            pending.result()
    order = np.argsort(-best_val, axis=1, kind="stable")
    best_idx = np.take_along_axis(best_idx, order, axis=1)
    best_val = np.take_along_axis(best_val, order, axis=1)
    best_idx[~np.isfinite(best_val)] = -1
    return TopK(best_idx, best_val)
