"""The one interface every embedder follows, and the helpers they share.

An embedder has a stable ``id`` (name, version and parameters: two embedders with the same id
give the same vectors) and turns a list of texts into a float32 matrix whose rows have unit L2
norm, so that a dot product is a cosine similarity in [-1, 1] (TF-IDF: [0, 1]).
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

    #: What a score means for this embedder: thresholds of the "reworded" and "related" classes.
    thresholds: dict[str, float]

    def fit(self, texts: Sequence[str]) -> Embedder: ...

    def transform(self, texts: Sequence[str]) -> Matrix: ...


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

