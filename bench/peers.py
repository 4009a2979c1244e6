"""The top-k methods the scale benchmark races, each run alone in a fresh process.

Run as ``python -m bench.peers SPEC_JSON`` by ``bench.compare_scale``. A method takes the queries, the corpus and ``k`` and returns each query's best ``k`` scores
(n_queries × k, best first, -inf where it found fewer), so that results can be checked
against ours. ``floor`` returns no scores: it is the bare product of the same shapes, tile by
tile with our tiling for the corpus-wide task, and nothing else.

``run_one`` loads the vectors, resets the kernel's peak-RSS mark, runs the method (a warm-up,
then more runs while they are short) and reports the fastest timed run, wall and CPU, and the
peak memory above what the loaded vectors already held.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from compare.similarity.topk import DEFAULT_TILE, top_k
from embeddings.base import Matrix

Method = Callable[[Matrix, Matrix, int, bool], np.ndarray | None]

#: Which methods run on which vectors; ours first, the floor last.
METHODS = {
    "dense": ("ours", "semantic_search", "NearestNeighbors", "floor"),
    "sparse": ("ours", "sparse_dot_topn", "floor"),
}


def _ours(queries: Matrix, corpus: Matrix, k: int, exclude_self: bool) -> np.ndarray:
    return top_k(queries, corpus, k, exclude_self=exclude_self).scores


def _semantic_search(queries: np.ndarray, corpus: np.ndarray, k: int, exclude_self: bool) -> np.ndarray:
    import torch
    from sentence_transformers.util import dot_score, semantic_search

    # Rows are unit-norm, so the dot product is the cosine: spare it the renormalising of cos_sim.
    hits = semantic_search(torch.from_numpy(queries), torch.from_numpy(corpus), top_k=k + exclude_self, score_function=dot_score)
    rows = [[h["score"] for h in row if not (exclude_self and h["corpus_id"] == i)][:k] for i, row in enumerate(hits)]
    return _padded(rows, k)


def _nearest_neighbors(queries: np.ndarray, corpus: np.ndarray, k: int, exclude_self: bool) -> np.ndarray:
    from sklearn.neighbors import NearestNeighbors

    nn = NearestNeighbors(n_neighbors=k, algorithm="brute", metric="cosine").fit(corpus)
    distances, _ = nn.kneighbors(None if exclude_self else queries)  # None: the fitted rows, each without itself
    return (1 - distances).astype(np.float32)


def _sparse_dot_topn(queries: sp.csr_matrix, corpus: sp.csr_matrix, k: int, exclude_self: bool) -> np.ndarray:
    from sparse_dot_topn import sp_matmul_topn

    found = sp_matmul_topn(queries, corpus.T, top_n=k + exclude_self, sort=True, n_threads=2)
    rows = []
    for i in range(found.shape[0]):
        lo, hi = found.indptr[i], found.indptr[i + 1]
        rows.append([v for j, v in zip(found.indices[lo:hi], found.data[lo:hi]) if not (exclude_self and j == i)][:k])
    return _padded(rows, k)


def tiles(n_queries: int, n_corpus: int, tile: int = DEFAULT_TILE) -> tuple[int, int]:
    """Query block and corpus chunk of ``top_k`` for these sizes (k small)."""
    q_block = max(1, min(n_queries, 4096, tile // max(1, min(n_corpus, 4096))))
    return q_block, tile // q_block


def _floor(queries: Matrix, corpus: Matrix, k: int, exclude_self: bool) -> None:
    """The products alone: dense Q·Cᵀ by BLAS, sparse C·Qᵀ by scipy (the faster order), over our tiles."""
    q_block, c_chunk = tiles(queries.shape[0], corpus.shape[0])
    sparse = sp.issparse(corpus)
    blocks = [queries[q0 : q0 + q_block] for q0 in range(0, queries.shape[0], q_block)]
    blocks = [sp.csr_matrix(b.T) for b in blocks] if sparse else blocks
    out = None if sparse else np.empty((min(q_block, queries.shape[0]), min(c_chunk, corpus.shape[0])), dtype=np.float32)
    for c0 in range(0, corpus.shape[0], c_chunk):
        chunk = corpus[c0 : c0 + c_chunk]
        for block in blocks:
            if sparse:
                _ = chunk @ block
            elif out is not None and block.shape[0] == out.shape[0] and chunk.shape[0] == out.shape[1]:
                np.matmul(block, chunk.T, out=out)
            else:
                _ = block @ chunk.T
    return None


def _lsa(queries: sp.csr_matrix, index: Any, k: int, exclude_self: bool) -> np.ndarray:
    from compare.similarity.lsa import search

    return search(index, queries, k).scores


def _build_lsa(corpus: Matrix) -> Any:
    from compare.similarity.lsa import build_lsa_index

    return build_lsa_index(sp.csr_matrix(corpus))


#: Methods that index the corpus once before they are timed (the index build is reported apart).
PREPARE: dict[str, Callable[[Matrix], Any]] = {"lsa": _build_lsa}


METHOD_FUNCTIONS: dict[str, Method] = {
    "ours": _ours,
    "lsa": _lsa,
    "semantic_search": _semantic_search,
    "NearestNeighbors": _nearest_neighbors,
    "sparse_dot_topn": _sparse_dot_topn,
    "floor": _floor,
}


#: Imported before the clock starts: a peer is timed on its work, not on loading torch.
IMPORTS = {
    "semantic_search": ("torch", "sentence_transformers.util"),
    "NearestNeighbors": ("sklearn.neighbors",),
    "sparse_dot_topn": ("sparse_dot_topn",),
}


def _padded(rows: list[list[float]], k: int) -> np.ndarray:
    out = np.full((len(rows), k), -np.inf, dtype=np.float32)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


def load(path: Path) -> Matrix:
    return sp.load_npz(path).tocsr() if path.suffix == ".npz" else np.load(path)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        return int(next(line for line in f if line.startswith(field)).split()[1])


def _reset_peak() -> bool:
    """Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM (peak RSS) to the current RSS."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def run_one(spec: dict) -> dict:
    """Run one method on saved vectors: median seconds, peak MB above the loaded vectors, scores file."""
    queries, corpus = load(Path(spec["queries"])), load(Path(spec["corpus"]))
    exclude_self = spec["task"] == "allpairs"
    if exclude_self:
        queries = corpus
    method = METHOD_FUNCTIONS[spec["method"]]
    for module in IMPORTS.get(spec["method"], ()):
        importlib.import_module(module)
    prepare_seconds = None
    if spec["method"] in PREPARE:
        start = time.perf_counter()
        corpus = PREPARE[spec["method"]](corpus)
        prepare_seconds = time.perf_counter() - start
    before = _status_kb("VmRSS:")
    reset = _reset_peak()
    runs: list[tuple[float, float]] = []  # (wall, CPU) seconds
    while True:
        wall, cpu = time.perf_counter(), time.process_time()
        scores = method(queries, corpus, spec["k"], exclude_self)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        total = sum(w for w, _ in runs)
        if len(runs) >= 7 or (len(runs) >= 2 and total > 4.0) or runs[0][0] > 20.0:
            break
    peak = _status_kb("VmHWM:")  # without the reset, also the peak of loading: an upper bound
    # The first run warms threads and caches; other processes share the cores, and waiting for
    # them only ever adds time, so the fastest of the later runs is the estimate.
    wall, cpu = min(runs[1:] or runs)
    if scores is not None:
        np.save(spec["scores"], scores)
    return {
        "seconds": wall,
        "cpu_seconds": cpu,
        "runs": len(runs),
        "peak_mb": max(0, peak - before) / 1024,
        "peak_reset": reset,
        "prepare_seconds": prepare_seconds,
    }


if __name__ == "__main__":
    print(json.dumps(run_one(json.loads(sys.argv[1]))))
