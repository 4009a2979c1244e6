"""The one interface every embedder follows, how the vector cache plugs into it, and shared helpers.

An embedder has a stable ``id`` (name, version and parameters: two embedders with the same id
give the same vectors) and turns a list of texts into a float32 matrix whose rows have unit L2
norm, so that a dot product is a cosine similarity in [-1, 1] (TF-IDF: [0, 1]).

Writing a new embedder (see ``tests/embeddings/test_contract.py``, which it must pass):

1. Follow the scikit-learn estimator rule: ``__init__`` only stores its keyword parameters
   (load models, build tokenizers lazily or in ``fit``); ``fit`` returns ``self``.
2. Give it an ``id`` that names every parameter that changes the vectors, and ``thresholds``.
3. Get caching in SQLite for free by declaring which per-text work depends only on the text
   (``embeddings.cache.cached`` looks at these protocols, never at classes):

   - a pre-trained model whose vectors depend only on ``id`` and the text defines
     ``encode`` (``Encoder``): every text is encoded once per ``id``, ever;
   - an embedder fitted on the corpus from per-text tokens defines ``analyzer_id``, ``analyze``
     and ``fit``/``transform`` taking ``analyses=`` (``Analyzer``): every text is tokenised once;
   - a composite (a hybrid of two) keeps its part embedders as ``__init__`` parameters: each
     part is cached by its own rule.

   An embedder with none of these still works; it is fitted and run on every build.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeAlias, runtime_checkable

import numpy as np
import scipy.sparse as sp

from corpus.errors import PolicyCompareError

Matrix: TypeAlias = np.ndarray | sp.csr_matrix


class EmbedderError(PolicyCompareError):
    """An embedder cannot be built: an unknown name, a missing model or package."""


@runtime_checkable
class Embedder(Protocol):
    """``fit`` learns from the corpus (a no-op for pre-trained models) and returns the embedder."""

    @property
    def id(self) -> str: ...

    @property
    def thresholds(self) -> dict[str, float]:
        """What a score means for this embedder: thresholds of the "reworded" and "related" classes."""
        ...

    def fit(self, texts: Sequence[str]) -> Embedder: ...

    def transform(self, texts: Sequence[str]) -> Matrix: ...


@runtime_checkable
class Encoder(Protocol):
    """A pre-trained embedder: ``encode`` gives unit-norm float32 rows that depend only on ``id``
    and the text (``transform`` is ``encode``), so they are cached per (id, text)."""

    @property
    def id(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class Analyzer(Protocol):
    """An embedder fitted on per-text token lists: ``analyze`` depends only on ``analyzer_id`` and
    the text, so token lists are cached per (analyzer_id, text) and a refit only reweighs."""

    @property
    def analyzer_id(self) -> str: ...

    def analyze(self, texts: Sequence[str]) -> list[list[str]]: ...

    def fit(self, texts: Sequence[str], *, analyses: Sequence[list[str]] | None = None) -> Analyzer: ...

    def transform(self, texts: Sequence[str], *, analyses: Sequence[list[str]] | None = None) -> Matrix: ...


def normalize_rows(matrix: Matrix) -> Matrix:
    """Rows scaled to unit L2 norm (zero rows stay zero), as float32."""
    if sp.issparse(matrix):
        m = sp.csr_matrix(matrix, dtype=np.float32)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags((1.0 / norms).astype(np.float32)) @ m, dtype=np.float32)
    arr = np.asarray(matrix, dtype=np.float32)
    if arr.ndim != 2:
        arr = arr.reshape(len(arr), -1)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(arr / norms, dtype=np.float32)
