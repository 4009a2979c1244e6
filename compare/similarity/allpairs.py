"""Every clause's nearest clauses across the corpus, block by block, on one process or on Dask.

The corpus-wide neighbour table is what boilerplate detection, the policy matrix and
who-borrowed-from-whom need. It is computed as independent tasks, one block of queries against
one block of the corpus each (``block_topk``), and the partial results of one query block are
merged by a reduction (``merge_topk``): no shuffle, no queries × corpus matrix. The same task
functions run in a loop on one process (``all_pairs``) and as a Dask graph on a cluster
(``all_pairs_dask``); both merge the same partials in the same order, so they give the same
pairs and the same float32 scores.

Workers read their blocks from a vector folder (``save_vectors``: three ``.npy`` arrays for
CSR rows or one for dense rows, memory-mapped, so a task reads only its rows), never from the
scheduler: the task graph holds file names and row ranges, not arrays.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from compare.similarity.topk import TopK, top_k
from embeddings.base import Matrix

DEFAULT_BLOCK = 20_000
VECTORS_META = "vectors.json"


@dataclass(frozen=True)
class Neighbours:
    """Row ``i``'s ``k`` nearest other rows (``indices[i]``, -1 for none), best first, with scores."""

    indices: np.ndarray
    scores: np.ndarray

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(query row, neighbour row, score, rank) as flat arrays, without the -1 padding."""
        n, k = self.indices.shape
        query = np.repeat(np.arange(n, dtype=np.int64), k)
        rank = np.tile(np.arange(1, k + 1, dtype=np.int16), n)
        flat = self.indices.ravel()
        keep = flat >= 0
        return query[keep], flat[keep], self.scores.ravel()[keep], rank[keep]


def save_vectors(vectors: Matrix, folder: str | Path) -> Path:
    """Write unit-norm rows (dense or CSR) for workers to memory-map; returns the folder."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if sp.issparse(vectors):
        csr = sp.csr_matrix(vectors, dtype=np.float32)
        csr.sort_indices()
        np.save(out / "data.npy", csr.data)
        np.save(out / "indices.npy", csr.indices.astype(np.int32))
        np.save(out / "indptr.npy", csr.indptr.astype(np.int64))
        meta = {"kind": "sparse", "rows": csr.shape[0], "columns": csr.shape[1]}
    else:
        dense = np.ascontiguousarray(vectors, dtype=np.float32)
        np.save(out / "dense.npy", dense)
        meta = {"kind": "dense", "rows": dense.shape[0], "columns": dense.shape[1]}
    (out / VECTORS_META).write_text(json.dumps(meta), encoding="utf-8")
    return out


def vector_rows(folder: str | Path) -> int:
    return int(json.loads((Path(folder) / VECTORS_META).read_text(encoding="utf-8"))["rows"])


def load_rows(folder: str | Path, start: int, stop: int) -> Matrix:
    """Rows ``start:stop`` of a saved vector folder, reading only those rows from disk."""
    path = Path(folder)
    meta = json.loads((path / VECTORS_META).read_text(encoding="utf-8"))
    if meta["kind"] == "dense":
        return np.array(np.load(path / "dense.npy", mmap_mode="r")[start:stop], dtype=np.float32)
    indptr = np.load(path / "indptr.npy", mmap_mode="r")
    lo, hi = int(indptr[start]), int(indptr[stop])
    data = np.array(np.load(path / "data.npy", mmap_mode="r")[lo:hi], dtype=np.float32)
    indices = np.array(np.load(path / "indices.npy", mmap_mode="r")[lo:hi])
    return sp.csr_matrix((data, indices, np.asarray(indptr[start : stop + 1]) - lo), shape=(stop - start, meta["columns"]))


def blocks(n: int, size: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, stop)`` row ranges of at most ``size`` rows covering ``range(n)``."""
    size = max(1, size)
    return [(lo, min(n, lo + size)) for lo in range(0, n, size)]


def block_topk(queries: Matrix, corpus: Matrix, k: int, q0: int, c0: int) -> TopK:
    """Top-``k`` of query rows ``q0…`` among corpus rows ``c0…``, never a row itself; global row numbers.

    Pure: the queries and the corpus block are arrays; the result's indices are offset by ``c0``.
    """
    nq, nc = int(queries.shape[0]), int(corpus.shape[0])
    overlaps = q0 < c0 + nc and c0 < q0 + nq
    found = top_k(queries, corpus, k + (1 if overlaps else 0))
    idx = np.where(found.indices >= 0, found.indices + c0, -1)
    val = found.scores.copy()
    if overlaps:
        own = idx == (q0 + np.arange(nq))[:, None]
        val[own] = -np.inf
        idx[own] = -1
    return _best(idx, val, k)


def _best(idx: np.ndarray, val: np.ndarray, k: int) -> TopK:
    """Each row's ``k`` best (score descending, then row number ascending), padded with -1/-inf."""
    order = np.lexsort((np.where(idx >= 0, idx, np.iinfo(np.int64).max), -val), axis=1)[:, :k]
    idx, val = np.take_along_axis(idx, order, axis=1), np.take_along_axis(val, order, axis=1)
    if idx.shape[1] < k:
        pad = k - idx.shape[1]
        idx = np.pad(idx, ((0, 0), (0, pad)), constant_values=-1)
        val = np.pad(val, ((0, 0), (0, pad)), constant_values=-np.inf)
    idx = np.where(np.isfinite(val), idx, -1)
    return TopK(idx.astype(np.int64), val.astype(np.float32))


def merge_topk(parts: Sequence[TopK], k: int) -> TopK:
    """The ``k`` best of several partial results for the same query rows (the reduction step)."""
    return _best(np.concatenate([p.indices for p in parts], axis=1), np.concatenate([p.scores for p in parts], axis=1), k)


def _task(folder: str, k: int, q: tuple[int, int], c: tuple[int, int]) -> TopK:
    """One Dask task: read a query block and a corpus block from ``folder`` and take their top-k."""
    return block_topk(load_rows(folder, *q), load_rows(folder, *c), k, q[0], c[0])


def all_pairs(folder: str | Path, k: int, *, block: int = DEFAULT_BLOCK, progress: Callable[[int, int], None] | None = None) -> Neighbours:
    """Every row's ``k`` nearest other rows, on this process, by the same tasks the cluster runs."""
    n = vector_rows(folder)
    spans = blocks(n, block)
    results = []
    for i, q in enumerate(spans):
        results.append(merge_topk([_task(str(folder), k, q, c) for c in spans], k))
        if progress:
            progress(i + 1, len(spans))
    return _stack(results, n, k)


def all_pairs_dask(
    folder: str | Path, k: int, client: Any, *, block: int = DEFAULT_BLOCK, progress: Callable[[int, int], None] | None = None
) -> Neighbours:
    """The same as ``all_pairs`` as Dask tasks on ``client`` (a ``distributed.Client``).

    One task per (query block, corpus block), a tree reduction per query block; tasks are pure
    and read their inputs from ``folder`` (which every worker must see), so a lost worker's tasks
    are simply run again elsewhere.
    """
    from distributed import as_completed

    n = vector_rows(folder)
    spans = blocks(n, block)
    merged = []
    for q in spans:
        parts = [client.submit(_task, str(folder), k, q, c, pure=True) for c in spans]
        while len(parts) > 1:  # pairwise tree reduction, order preserved
            parts = [
                client.submit(_merge_pair, parts[i], parts[i + 1], k, pure=True) if i + 1 < len(parts) else parts[i]
                for i in range(0, len(parts), 2)
            ]
        merged.append(parts[0])
    for done, _ in enumerate(as_completed(merged), start=1):
        if progress:
            progress(done, len(merged))
    return _stack(client.gather(merged), n, k)


def _merge_pair(a: TopK, b: TopK, k: int) -> TopK:
    return merge_topk([a, b], k)


def _stack(results: Sequence[TopK], n: int, k: int) -> Neighbours:
    if not results:
        return Neighbours(np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0), dtype=np.float32))
    return Neighbours(np.concatenate([r.indices for r in results]), np.concatenate([r.scores for r in results]))


def groups_reached(vectors: Matrix, groups: np.ndarray, threshold: float, *, block: int = 4096) -> sp.csr_matrix:
    """Which other groups each row has a match in: ``R[r, g]`` is True when row ``r`` scores at
    least ``threshold`` with some row of group ``g`` (its own group never counts).

    ``groups`` gives each row's group number (0…G-1; -1 for rows that take no part). The product
    is taken tile by tile (``block`` rows against ``block`` rows), keeping only the cells above
    the threshold, so memory is one tile plus the (sparse) answer: the one kernel behind
    containment between policies and boilerplate by recurrence. Shape (n_rows, G), boolean CSR.
    """
    n = int(vectors.shape[0])
    n_groups = int(groups.max()) + 1 if n and groups.size else 0
    found_rows: list[np.ndarray] = []
    found_groups: list[np.ndarray] = []
    taking = np.flatnonzero(groups >= 0)
    for q0, q1 in blocks(len(taking), block):
        q_rows = taking[q0:q1]
        queries = vectors[q_rows]
        for c0, c1 in blocks(len(taking), block):
            c_rows = taking[c0:c1]
            product = queries @ vectors[c_rows].T
            if sp.issparse(product):
                coo = sp.coo_matrix(product)
                keep = coo.data >= threshold
                qi, ci = coo.row[keep], coo.col[keep]
            else:
                qi, ci = np.nonzero(np.asarray(product) >= threshold)
            g_q, g_c = groups[q_rows[qi]], groups[c_rows[ci]]
            other = g_q != g_c
            found_rows.append(q_rows[qi[other]])
            found_groups.append(g_c[other])
    rows = np.concatenate(found_rows) if found_rows else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(found_groups) if found_groups else np.zeros(0, dtype=np.int64)
    reached = sp.csr_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n, n_groups), dtype=bool)
    reached.sum_duplicates()
    return sp.csr_matrix(reached.astype(bool))


def containment_matrix(reached: sp.csr_matrix, groups: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``C[i, j]``: weighted share of group i's rows that reach group j (1 on the diagonal).

    One sparse product of the weighted group indicator with ``reached``: no loop over pairs of
    groups. A group whose weights sum to 0 contains nothing.
    """
    n_groups = reached.shape[1]
    taking = groups >= 0
    indicator = sp.csr_matrix(
        (weights[taking].astype(np.float64), (groups[taking], np.flatnonzero(taking))), shape=(n_groups, reached.shape[0])
    )
    totals = np.asarray(indicator.sum(axis=1)).ravel()
    shares = np.asarray((indicator @ reached.astype(np.float64)).todense()) / np.where(totals > 0, totals, 1.0)[:, None]
    np.fill_diagonal(shares, 1.0)
    return shares
