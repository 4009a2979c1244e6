"""Benchmark corpora: the shipped clauses, scaled up by controlled perturbation with a fixed seed.

Three levels, from the cheapest-to-measure to the largest:

* ``synth_texts``: clause texts made of real sentences, with place names and numbers replaced
  and characters swapped, deleted or inserted from the real vocabulary, so that tokenising and
  TF-IDF see a realistic vocabulary and sparsity;
* ``perturb_dense``: rows of real sentence vectors plus small Gaussian noise, renormalised
  (cosine to the source row about 0.85), for dense corpora too large to embed;
* ``perturb_sparse``: real TF-IDF rows with jittered weights and a tenth of their features
  dropped, renormalised, for sparse corpora too large to tokenise.

Everything is deterministic for a given ``numpy.random.Generator``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from corpus.library import open_store

#: Place names that the synthetic clauses rotate through (the real ones are Zhejiang's).
PLACES = (
    "浙江省", "杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市",
    "上海市", "北京市", "广州市", "深圳市", "成都市", "武汉市", "南京市", "苏州市", "合肥市", "青岛市", "厦门市", "重庆市",
)  # fmt: skip
_PLACE = re.compile("|".join([*PLACES, "浙江", "杭州", "宁波", "温州", "全省", "我省"]))
_NUMBER = re.compile(r"\d+")
_SENTENCE = re.compile(r"(?<=[。；！？])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class RealClauses:
    """The shipped clauses: ``policy`` is one document's body (the query of a match), ``texts`` all of them."""

    policy: tuple[str, ...]
    texts: tuple[str, ...]


def _clause_text(heading: str | None, text: str) -> str:
    return f"{heading}。{text}" if heading else text


def real_clauses() -> RealClauses:
    """Body and context clauses of every seeded policy, from a throw-away database."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite")
        try:
            pairs = store.all_clauses(role="body", primary_only=False) + store.all_clauses(role="context", primary_only=False)
            first = pairs[0][0]
            policy = tuple(_clause_text(c.heading, c.text) for c in store.clauses(first))
        finally:
            store.close()
    return RealClauses(policy=policy, texts=tuple(_clause_text(c.heading, c.text) for _, c in pairs))


def _edit(chars: list[str], vocab: Sequence[str], rng: np.random.Generator, n_edits: int) -> None:
    for _ in range(n_edits):
        if len(chars) < 3:
            return
        i = int(rng.integers(len(chars) - 1))
        op = rng.integers(3)
        if op == 0:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == 1:
            del chars[i]
        else:
            chars.insert(i, vocab[int(rng.integers(len(vocab)))])


def synth_texts(texts: Sequence[str], n: int, rng: np.random.Generator, *, edit_rate: float = 0.04) -> list[str]:
    """``n`` clause texts: 1–3 real sentences, new places and numbers, ~``edit_rate`` characters edited.

    The first ``len(texts)`` outputs are the real texts unchanged, so a corpus always holds them.
    """
    sentences = [s for t in texts for s in _SENTENCE.split(t) if s.strip()]
    vocab = sorted({ch for t in texts for ch in _CJK.findall(t)})
    out = list(texts[:n])
    while len(out) < n:
        picks = rng.integers(len(sentences), size=int(rng.integers(1, 4)))
        text = "".join(sentences[i] for i in picks)
        text = _PLACE.sub(lambda _m: PLACES[int(rng.integers(len(PLACES)))], text)
        text = _NUMBER.sub(lambda m: str(int(rng.integers(1, 10 ** len(m.group()) + 1))), text)
        chars = list(text)
        _edit(chars, vocab, rng, int(rng.poisson(edit_rate * len(chars))))
        out.append("".join(chars))
    return out


def perturb_dense(base: np.ndarray, n: int, rng: np.random.Generator, *, noise: float = 0.6, chunk: int = 100_000) -> np.ndarray:
    """``n`` unit rows: ``base`` rows (cycled, then drawn at random) plus Gaussian noise of norm ≈ ``noise``.

    The first ``len(base)`` rows are ``base`` itself; float32, C-contiguous, shape (n, dim).
    """
    dim = base.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    head = min(n, len(base))
    out[:head] = base[:head]
    for start in range(head, n, chunk):
        stop = min(n, start + chunk)
        rows = base[rng.integers(len(base), size=stop - start)]
        rows += rng.standard_normal(rows.shape, dtype=np.float32) * np.float32(noise / np.sqrt(dim))
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        out[start:stop] = rows
    return out


def perturb_sparse(base: sp.csr_matrix, n: int, rng: np.random.Generator, *, drop: float = 0.1, chunk: int = 100_000) -> sp.csr_matrix:
    """``n`` unit CSR rows: ``base`` rows with weights × exp(0.3·N(0,1)) and a fraction ``drop`` of features removed.

    The first ``len(base)`` rows are ``base`` itself; float32 with the same columns as ``base``.
    """
    head = min(n, base.shape[0])
    parts = [sp.csr_matrix(base[:head], dtype=np.float32)]
    for start in range(head, n, chunk):
        stop = min(n, start + chunk)
        rows = sp.csr_matrix(base[rng.integers(base.shape[0], size=stop - start)], dtype=np.float32)
        rows.data *= np.exp(rng.standard_normal(rows.nnz, dtype=np.float32) * np.float32(0.3))
        rows.data[rng.random(rows.nnz, dtype=np.float32) < drop] = 0
        rows.eliminate_zeros()
        norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        rows.data /= np.repeat(norms, np.diff(rows.indptr)).astype(np.float32)
        parts.append(rows)
    return sp.csr_matrix(sp.vstack(parts, format="csr"), dtype=np.float32)
