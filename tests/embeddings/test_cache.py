"""Vectors come from the store's cache: nothing is recomputed on a re-run, a change never goes stale.

Counting is done by wrappers the tests own (subclasses that count, then do the real work) and by
the rows the store holds; production classes carry no counters.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from compare.similarity.models import clause_text
from compare.similarity.space import build_space
from corpus.store import ClauseStore, text_hash
from embeddings import E5Embedder, SbertEmbedder, TfidfEmbedder
from embeddings.base import Embedder, Matrix
from embeddings.cache import TextCache, cached, fit_transform_cached
from tests.embeddings.counting import CountingTokenizer
from tests.embeddings.models import MINILM


class CountingSbert(SbertEmbedder):
    """The sentence-transformers embedder, counting the texts run through the model."""

    encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        CountingSbert.encoded += len(texts)
        return super().encode(texts)


class Hybrid:
    """A composite embedder of two parts (its vectors: both parts side by side, halved)."""

    thresholds = {"reworded": 0.5, "related": 0.2}

    def __init__(self, *, lexical: Embedder, semantic: Embedder) -> None:
        self.lexical = lexical
        self.semantic = semantic

    @property
    def id(self) -> str:
        return f"hybrid({self.lexical.id},{self.semantic.id})"

    def fit(self, texts: Sequence[str]) -> Hybrid:
        self.lexical.fit(texts)
        self.semantic.fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> Matrix:
        parts = [self.lexical.transform(texts), self.semantic.transform(texts)]
        return np.hstack([np.asarray(p.toarray() if hasattr(p, "toarray") else p) for p in parts]) / np.sqrt(2)


def test_tfidf_tokenises_each_text_once_across_runs(store: ClauseStore) -> None:
    # Other n-grams than the default's: the seeded database comes with the default's token lists.
    first = CountingTokenizer(char_ngrams=(2, 2))
    space = build_space(store, TfidfEmbedder(tokenizer=first))
    assert first.texts == len({clause_text(r.clause) for r in space.rows})
    second = CountingTokenizer(char_ngrams=(2, 2))
    build_space(store, TfidfEmbedder(tokenizer=second))
    assert second.texts == 0


def test_tfidf_refit_after_a_new_text_tokenises_only_the_new_text(store: ClauseStore) -> None:
    texts = ["对新落户云梦泽市的元宇宙企业给予奖励。", "支持建设元宇宙创新中心。"]  # fictional
    fit_transform_cached(store, TfidfEmbedder(), texts[:1])
    tokenizer = CountingTokenizer()
    _, vectors = fit_transform_cached(store, TfidfEmbedder(tokenizer=tokenizer), texts)
    assert tokenizer.texts == 1
    fresh = TfidfEmbedder().fit(texts).transform(texts)
    assert np.allclose(vectors.toarray(), fresh.toarray())


def test_a_changed_text_is_never_served_an_old_vector(store: ClauseStore) -> None:
    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.eye(3, dtype=np.float32)[: len(texts)] if len(texts) <= 3 else np.ones((len(texts), 3), dtype=np.float32)

    cache = TextCache(store)
    a = cache.vectors("test-embedder", ["甲", "乙"], encode)
    b = cache.vectors("test-embedder", ["甲", "乙"], encode)
    assert np.array_equal(np.vstack(a), np.vstack(b)) and len(calls) == 1
    cache.vectors("test-embedder", ["甲", "丙"], encode)
    assert calls[-1] == ["丙"]
    cache.vectors("other-embedder", ["甲"], encode)
    assert calls[-1] == ["甲"]


def test_a_read_only_cache_serves_but_keeps_nothing(store: ClauseStore) -> None:
    before = store.cache_counts()
    fitted, _ = fit_transform_cached(store, TfidfEmbedder(), ["支持建设元宇宙创新中心。"])  # fictional
    after_fit = store.cache_counts()
    assert after_fit["analyses"] == before["analyses"] + 1
    fitted.transform(["对新落户青岚区的元宇宙企业给予奖励。"])  # fictional, not in the fit
    assert store.cache_counts() == after_fit


def test_a_composite_embedder_is_cached_through_its_parts(store: ClauseStore) -> None:
    tokenizer = CountingTokenizer()
    texts = ["加快元宇宙平台建设。", "支持青岚区建设元宇宙创新中心。"]  # fictional
    hybrid = cached(Hybrid(lexical=TfidfEmbedder(tokenizer=tokenizer), semantic=TfidfEmbedder(char_ngrams=(2, 2))), TextCache(store))
    first = hybrid.fit(texts).transform(texts)
    counted = tokenizer.texts
    again = cached(Hybrid(lexical=TfidfEmbedder(tokenizer=tokenizer), semantic=TfidfEmbedder(char_ngrams=(2, 2))), TextCache(store))
    assert np.allclose(first, again.fit(texts).transform(texts))
    assert counted == len(texts) and tokenizer.texts == counted  # the second build tokenised nothing


@pytest.mark.slow
def test_sbert_vectors_are_cached_per_model_and_text(store: ClauseStore) -> None:
    CountingSbert.encoded = 0
    before = store.cache_counts()["vectors"]  # the default embedder's, from seeding
    space = build_space(store, CountingSbert(str(MINILM)))
    assert CountingSbert.encoded == len({clause_text(r.clause) for r in space.rows})
    assert store.cache_counts()["vectors"] == before + CountingSbert.encoded
    CountingSbert.encoded = 0
    again = build_space(store, CountingSbert(str(MINILM)))
    assert CountingSbert.encoded == 0
    assert np.allclose(space.vectors, again.vectors)


class TabClosed(BaseException):
    """What Streamlit raises in a script whose visitor left (a BaseException, as its StopException)."""


INTERRUPTIBLE = [
    f"{place}设立元宇宙专项资金，支持企业开展关键技术攻关。" for place in ("青岚区", "云溪市", "鹭汀区", "苍梧县", "雁回区")
]  # fictional


@pytest.mark.slow  # loads the e5 model (once per process)
@pytest.mark.parametrize("where", ["encode", "progress"])
def test_an_interrupted_encoding_keeps_the_batches_done_and_a_rerun_encodes_only_the_rest(store: ClauseStore, where: str) -> None:
    model = E5Embedder()
    done: list[list[str]] = []

    def encode_twice_then_stop(texts: list[str]) -> np.ndarray:
        if where == "encode" and len(done) == 2:
            raise TabClosed
        done.append(list(texts))
        return model.encode(texts)

    def progress(_done: int, _total: int) -> None:
        if where == "progress" and len(done) == 2:
            raise TabClosed  # Streamlit stops the script at the next element it draws: the bar

    with pytest.raises(TabClosed):
        TextCache(store, batch=2, progress=progress).vectors(model.id, INTERRUPTIBLE, encode_twice_then_stop)
    kept = store.cached_vectors(model.id, [text_hash(t) for t in INTERRUPTIBLE])
    assert set(kept) == {text_hash(t) for t in INTERRUPTIBLE[:4]}  # two batches of two

    rerun: list[list[str]] = []
    vectors = TextCache(store, batch=2).vectors(model.id, INTERRUPTIBLE, lambda texts: rerun.append(texts) or model.encode(texts))
    assert rerun == [INTERRUPTIBLE[4:]]
    assert np.array_equal(np.vstack(vectors), np.vstack([model.encode(INTERRUPTIBLE[i : i + 2]) for i in range(0, 5, 2)]))


def test_a_read_only_cache_encodes_in_batches_and_keeps_none(store: ClauseStore) -> None:
    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.tile(np.array([0.6, 0.8], dtype=np.float32), (len(texts), 1))

    before = store.cache_counts()
    seen: list[tuple[int, int]] = []
    cache = TextCache(store, writable=False, batch=2, progress=lambda done, total: seen.append((done, total)))
    cache.vectors("test-embedder", INTERRUPTIBLE, encode)
    assert [len(c) for c in calls] == [2, 2, 1] and seen == [(2, 5), (4, 5), (5, 5)]
    assert store.cache_counts() == before
