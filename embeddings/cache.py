"""Embedding work cached in the store, keyed by (who computed it, clause text hash).

Dense vectors are cached per (embedder id, text hash); TF-IDF caches its token lists per
(analyzer id, text hash) and refits its weights from them, which takes milliseconds. A changed
text has a new hash and a changed embedder a new id, so a stale entry is never served.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from corpus.store import ClauseStore, text_hash
from embeddings.base import Embedder, Matrix
from embeddings.sbert import SbertEmbedder
from embeddings.tfidf import TfidfEmbedder

_SEP = "\x1f"
_CHUNK = 500


def _lookup(store: ClauseStore, sql: str, key: str, hashes: list[str]) -> dict[str, object]:
    found: dict[str, object] = {}
    unique = sorted(set(hashes))
    for i in range(0, len(unique), _CHUNK):
        part = unique[i : i + _CHUNK]
        marks = ",".join("?" * len(part))
        for row in store.conn.execute(sql.format(marks=marks), (key, *part)):
            found[row[0]] = row[1:]
    return found


def cached_analyses(
    store: ClauseStore, analyzer_id: str, texts: Sequence[str], analyze: Callable[[Sequence[str]], list[list[str]]]
) -> list[list[str]]:
    """Token lists of ``texts``; only texts never tokenised by this analyzer are tokenised."""
    hashes = [text_hash(t) for t in texts]
    found = {
        h: row[0].split(_SEP) if row[0] else []  # type: ignore[index]
        for h, row in _lookup(
            store, "SELECT text_hash, tokens FROM analyses WHERE analyzer = ? AND text_hash IN ({marks})", analyzer_id, hashes
        ).items()
    }
    missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in found}
    if missing:
        new = analyze(list(missing.values()))
        rows = [(analyzer_id, h, _SEP.join(tokens)) for h, tokens in zip(missing, new, strict=True)]
        with store.transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO analyses (analyzer, text_hash, tokens) VALUES (?, ?, ?)", rows)
        found.update(zip(missing, new, strict=True))
    return [found[h] for h in hashes]


def cached_vectors(store: ClauseStore, embedder_id: str, texts: Sequence[str], encode: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    """Dense unit-norm vectors of ``texts``; only texts this embedder never saw are encoded."""
    hashes = [text_hash(t) for t in texts]
    found: dict[str, np.ndarray] = {
        h: np.frombuffer(row[1], dtype=np.float32).reshape(int(row[0]))  # type: ignore[index, arg-type]
        for h, row in _lookup(
            store, "SELECT text_hash, dim, data FROM vectors WHERE embedder = ? AND text_hash IN ({marks})", embedder_id, hashes
        ).items()
    }
    missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in found}
    if missing:
        new = np.asarray(encode(list(missing.values())), dtype=np.float32)
        with store.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO vectors (embedder, text_hash, dim, data) VALUES (?, ?, ?, ?)",
                [(embedder_id, h, int(v.shape[0]), v.tobytes()) for h, v in zip(missing, new, strict=True)],
            )
        found.update(zip(missing, new, strict=True))
    if not hashes:
        return np.zeros((0, 0), dtype=np.float32)
    return np.ascontiguousarray(np.vstack([found[h] for h in hashes]), dtype=np.float32)


def fit_transform_cached(store: ClauseStore, embedder: Embedder, texts: Sequence[str]) -> Matrix:
    """Fit ``embedder`` on the corpus ``texts`` and return their vectors, using the cache."""
    if isinstance(embedder, TfidfEmbedder):
        analyses = cached_analyses(store, embedder.analyzer_id, texts, embedder.analyze)
        return embedder.fit(texts, analyses=analyses).transform(texts, analyses=analyses)
    if isinstance(embedder, SbertEmbedder):
        return cached_vectors(store, embedder.id, texts, embedder.transform)
    return embedder.fit(texts).transform(texts)


def transform_cached(store: ClauseStore, embedder: Embedder, texts: Sequence[str]) -> Matrix:
    """Vectors of texts outside the fit (a query, an unstored file), cached like the rest."""
    if isinstance(embedder, TfidfEmbedder):
        analyses = cached_analyses(store, embedder.analyzer_id, texts, embedder.analyze)
        return embedder.transform(texts, analyses=analyses)
    if isinstance(embedder, SbertEmbedder):
        return cached_vectors(store, embedder.id, texts, embedder.transform)
    return embedder.transform(texts)
