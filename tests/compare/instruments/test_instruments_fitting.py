"""What coding costs: the coder is fitted once per process per (embedder, examples), and stored
clauses are embedded from the store's cache (the corpus space's work), with the same codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from compare.instruments import Example, InstrumentCoder, code_policies, fitted_coder, load_examples
from compare.similarity.space import build_space
from corpus.store import ClauseStore
from embeddings import HybridEmbedder, TfidfEmbedder
from tests.embeddings.counting import CountingE5, CountingTokenizer
from tests.paths import ZHEJIANG


def _codes(coded: Sequence[Any]) -> list[tuple]:
    """Every coding's fields, from CodedPolicy objects or plain lists of codings."""
    codings = [c for p in coded for c in (p.codings if hasattr(p, "codings") else p)]
    return [(c.clause.id, c.tool, c.tools, c.stage, c.method, c.evidence) for c in codings]


def test_the_coder_is_fitted_once_per_embedder_and_examples() -> None:
    shipped = fitted_coder("tfidf")
    assert fitted_coder("tfidf") is shipped and fitted_coder("tfidf", load_examples()) is shipped
    few = (
        Example("青岚区对新建元宇宙实验室给予一次性奖励。", "technology"),
        Example("云溪市建立元宇宙产业联席会议制度。", "strategic"),
    )  # fictional
    other = fitted_coder("tfidf", few)
    assert other is not shipped and other.examples_ == few and fitted_coder("tfidf", list(few)) is other
    assert shipped.examples_ == load_examples()


def test_stored_clauses_are_coded_from_the_cache_with_the_same_codes(store: ClauseStore) -> None:
    build_space(store, "tfidf")  # the corpus space has tokenised every stored clause
    tokenizer = CountingTokenizer()
    coder = InstrumentCoder(embedder=TfidfEmbedder(tokenizer=tokenizer)).fit()
    fitted = tokenizer.texts
    before = store.cache_counts()
    coded = code_policies(store, [ZHEJIANG], coder)
    assert tokenizer.texts == fitted  # no clause tokenised again
    assert store.cache_counts() == before  # and nothing written
    again = coder.code([c.clause for c in coded[0].codings], ZHEJIANG)  # no cache: every clause tokenised
    assert tokenizer.texts == fitted + len(again)
    assert _codes(coded) == _codes([again])


@pytest.mark.slow  # loads the e5 model
def test_with_hybrid_the_model_encodes_only_the_examples(store: ClauseStore) -> None:
    e5 = CountingE5()
    coder = InstrumentCoder(embedder=HybridEmbedder(semantic=e5)).fit()
    assert e5.texts == len(load_examples())
    coded = code_policies(store, [ZHEJIANG], coder)  # the seeded database holds the clauses' e5 vectors
    assert e5.texts == len(load_examples())
    again = coder.code([c.clause for c in coded[0].codings], ZHEJIANG)
    assert e5.texts == len(load_examples()) + len(again)
    assert _codes(coded) == _codes([again])
