"""Embedding work cached in the store, keyed by who computed it and the text's hash.

``cached(embedder, cache)`` returns an embedder with the same contract whose per-text work is
served from SQLite, chosen by the protocols of ``embeddings.base`` (never by class): an
``Encoder``'s vectors per (id, text hash), an ``Analyzer``'s token lists per (analyzer id, text
hash) with only the weights refitted, a composite's parts each by their own rule. A changed text
has a new hash and a changed embedder a new id, so a stale entry is never served.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from corpus.store import ClauseStore, text_hash
from embeddings.base import Analyzer, Embedder, Encoder, Matrix

T = TypeVar("T")
Progress = Callable[[int, int], None]
BATCH = 16  # texts encoded, then stored, between two progress reports


class TextCache:
    """Per-text results in the store; once ``writable`` is False it only reads (nothing new is kept).

    New vectors are encoded ``batch`` texts at a time and each batch is stored, in its own short
    transaction, before the next is encoded: an interruption (Streamlit stops the script when a
    visitor closes the tab, at the next progress report) loses at most the batch being encoded.
    """

    def __init__(self, store: ClauseStore, *, writable: bool = True, progress: Progress | None = None, batch: int = BATCH) -> None:
        self.store = store
        self.writable = writable
        self.progress = progress  # told (done, total) after each batch of new vectors is stored
        self.batch = batch

    def _through(
        self,
        texts: Sequence[str],
        compute: Callable[[list[str]], Sequence[T]],
        read: Callable[[list[str]], dict[str, T]],
        write: Callable[[dict[str, T]], None],
        *,
        batch: int | None = None,
        progress: Progress | None = None,
    ) -> list[T]:
        """Each text's result, computed only for hashes ``read`` lacks: ``batch`` texts at a time
        (all at once when None), each batch written (when writable) before ``progress`` hears of it."""
        hashes = [text_hash(t) for t in texts]
        found = read(hashes)
        missing = list({h: t for h, t in zip(hashes, texts, strict=True) if h not in found}.items())
        step = batch or len(missing) or 1
        for start in range(0, len(missing), step):
            chunk = dict(missing[start : start + step])
            new = dict(zip(chunk, compute(list(chunk.values())), strict=True))
            if self.writable:
                write(new)
            found.update(new)
            if progress is not None:
                progress(start + len(chunk), len(missing))
        return [found[h] for h in hashes]

    def vectors(self, key: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> list[np.ndarray]:
        """Each text's vector by ``key`` (an embedder id); only texts never seen are encoded, and
        each batch encoded is kept at once."""
        return self._through(
            texts,
            lambda batch: list(np.asarray(encode(batch), dtype=np.float32)),
            lambda hashes: self.store.cached_vectors(key, hashes),
            lambda new: self.store.save_vectors(key, new),
            batch=self.batch,
            progress=self.progress,
        )

    def tokens(self, key: str, texts: Sequence[str], analyze: Callable[[list[str]], list[list[str]]]) -> list[list[str]]:
        """Each text's token list by ``key`` (an analyzer id); only texts never seen are tokenised."""
        return self._through(
            texts, analyze, lambda hashes: self.store.cached_tokens(key, hashes), lambda new: self.store.save_tokens(key, new)
        )


class CachedEncoder:
    """An ``Encoder`` whose vectors come from the cache (pre-trained: ``fit`` learns nothing)."""

    def __init__(self, encoder: Any, cache: TextCache) -> None:
        self.encoder = encoder
        self.cache = cache

    @property
    def id(self) -> str:
        return str(self.encoder.id)

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self.encoder.thresholds)

    def fit(self, texts: Sequence[str]) -> CachedEncoder:
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-norm float32 rows; an empty list gives (0, 0)."""
        rows = self.cache.vectors(self.id, texts, self.encoder.encode)
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.ascontiguousarray(np.vstack(rows), dtype=np.float32)

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)


class CachedAnalyzer:
    """An ``Analyzer`` whose token lists come from the cache; fitting and transforming are its own."""

    def __init__(self, analyzer: Any, cache: TextCache) -> None:
        self.analyzer = analyzer
        self.cache = cache

    @property
    def id(self) -> str:
        return str(self.analyzer.id)

    @property
    def analyzer_id(self) -> str:
        return str(self.analyzer.analyzer_id)

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self.analyzer.thresholds)

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        return self.cache.tokens(self.analyzer_id, texts, self.analyzer.analyze)

    def fit(self, texts: Sequence[str], *, analyses: Sequence[list[str]] | None = None) -> CachedAnalyzer:
        self.analyzer.fit(texts, analyses=self.analyze(texts) if analyses is None else analyses)
        return self

    def transform(self, texts: Sequence[str], *, analyses: Sequence[list[str]] | None = None) -> Matrix:
        return self.analyzer.transform(texts, analyses=self.analyze(texts) if analyses is None else analyses)  # type: ignore[no-any-return]


def _parts(embedder: object) -> dict[str, Embedder]:
    """The ``__init__`` parameters of a composite that are embedders themselves (scikit-learn's get_params rule)."""
    names = [p for p in inspect.signature(type(embedder).__init__).parameters if p != "self"]
    return {n: v for n in names if isinstance(v := getattr(embedder, n, None), Embedder)}


def cached(embedder: Embedder, cache: TextCache) -> Embedder:
    """``embedder`` with its per-text work served from ``cache`` (see ``embeddings.base``).

    The result follows the same contract; fitting it fits ``embedder`` (an Analyzer) or a copy
    whose parts are cached (a composite). An embedder with no cacheable work is returned as is.
    """
    if isinstance(embedder, Encoder):
        return CachedEncoder(embedder, cache)
    if isinstance(embedder, Analyzer):
        return CachedAnalyzer(embedder, cache)
    parts = _parts(embedder)
    if parts:
        params = {n: getattr(embedder, n) for n in inspect.signature(type(embedder).__init__).parameters if n != "self"}
        return type(embedder)(**(params | {n: cached(p, cache) for n, p in parts.items()}))  # type: ignore[no-any-return]
    return embedder


def fit_transform_cached(
    store: ClauseStore, embedder: Embedder, texts: Sequence[str], *, progress: Progress | None = None
) -> tuple[Embedder, Matrix]:
    """Fit ``embedder`` on the corpus ``texts`` through the store's cache: (fitted embedder, vectors).

    The fitted embedder keeps reading the cache for later texts but never writes to it.
    ``progress(done, total)`` hears about texts encoded by a model (none when the cache is warm).
    """
    cache = TextCache(store, progress=progress)
    fitted = cached(embedder, cache).fit(texts)
    vectors = fitted.transform(texts)
    cache.writable = False
    cache.progress = None
    return fitted, vectors
