"""Vectors come from the store's cache: nothing is recomputed on a re-run, a change never goes stale."""

from __future__ import annotations

import numpy as np
import pytest

from compare.models import clause_text
from compare.space import build_space
from corpus.store import ClauseStore
from embeddings import SbertEmbedder, TfidfEmbedder
from embeddings.cache import cached_vectors, fit_transform_cached
from tests.embeddings.models import MINILM


def _count(store: ClauseStore, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_tfidf_tokenises_each_text_once_across_runs(store: ClauseStore) -> None:
    first = TfidfEmbedder()
    build_space(store, first)
    assert first.tokenizer.calls > 0
    second = TfidfEmbedder()
    space = build_space(store, second)
    assert second.tokenizer.calls == 0
    assert _count(store, "analyses") == len({clause_text(r.clause) for r in space.rows})


def test_tfidf_refit_after_a_new_text_tokenises_only_the_new_text(store: ClauseStore) -> None:
    texts = ["对新落户云梦泽市的元宇宙企业给予奖励。", "支持建设元宇宙创新中心。"]  # fictional
    fit_transform_cached(store, TfidfEmbedder(), texts[:1])
    embedder = TfidfEmbedder()
    vectors = fit_transform_cached(store, embedder, texts)
    assert embedder.tokenizer.calls == 1
    fresh = TfidfEmbedder().fit(texts).transform(texts)
    assert np.allclose(vectors.toarray(), fresh.toarray())


def test_a_changed_text_is_never_served_an_old_vector(store: ClauseStore) -> None:
    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.eye(3, dtype=np.float32)[: len(texts)] if len(texts) <= 3 else np.ones((len(texts), 3), dtype=np.float32)

    a = cached_vectors(store, "test-embedder", ["甲", "乙"], encode)
    b = cached_vectors(store, "test-embedder", ["甲", "乙"], encode)
    assert np.array_equal(a, b) and len(calls) == 1
    cached_vectors(store, "test-embedder", ["甲", "丙"], encode)
    assert calls[-1] == ["丙"]
    cached_vectors(store, "other-embedder", ["甲"], encode)
    assert calls[-1] == ["甲"]


@pytest.mark.slow
def test_sbert_vectors_are_cached_per_model_and_text(store: ClauseStore) -> None:
    first = SbertEmbedder(str(MINILM))
    space = build_space(store, first)
    assert first.encoded == len({clause_text(r.clause) for r in space.rows})
    second = SbertEmbedder(str(MINILM))
    again = build_space(store, second)
    assert second.encoded == 0
    assert np.allclose(space.vectors, again.vectors)
