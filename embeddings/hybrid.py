"""The default embedder, ``hybrid``: TF-IDF (shared words) and e5 (shared meaning) in one vector.

A row is ``[√w · tfidf, √(1−w) · e5c]`` where ``e5c`` is the e5 vector with a share ``centering``
of the mean e5 vector of policy clauses removed, then renormalised. The dot product of two rows
is therefore ``w · tfidf cosine + (1 − w) · centred e5 cosine``: one ranking from both kinds of
evidence, computed by the same top-k, alignment and matrix code as any other embedder.
Centering matters because e5 cosines are compressed (unrelated clauses ≈ 0.85): without it the
semantic part barely moves a ranking that TF-IDF already decides.

That raw dot product is not on the TF-IDF scale, so ``calibrate`` maps it through a monotone
piecewise-linear curve fitted by quantile matching: over all pairs of clauses of the shipped
corpus, a raw score at quantile q is mapped to the TF-IDF score at quantile q. A calibrated
score of 0.15 is therefore as rare among clause pairs as a TF-IDF score of 0.15, so the classes
(reworded ≥ 0.45, related ≥ 0.15) and the threshold slider mean what they mean with TF-IDF, while
the order of candidates is the hybrid's. Calibration never reorders (it is increasing) and
keeps 0 for "nothing in common" (a blank text). ``scripts/fit_hybrid.py`` refits the mean and the
curve; its output is ``embeddings/data/hybrid.json``, whose digest is part of the id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from embeddings.base import Embedder, Matrix, normalize_rows
from embeddings.e5 import E5Embedder
from embeddings.tfidf import TfidfEmbedder

VERSION = "hybrid-1"
FITTED = Path(__file__).resolve().parent / "data" / "hybrid.json"


def _fitted(path: Path) -> dict[str, np.ndarray]:
    """The fitted mean and calibration knots, read once per file version."""
    stat = path.stat()
    return _read_fitted(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_fitted(path: Path, mtime_ns: int, size: int) -> dict[str, np.ndarray]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        "mean": np.asarray(data["mean"], dtype=np.float32),
        "raw": np.asarray(data["knots"]["raw"], dtype=np.float64),
        "score": np.asarray(data["knots"]["score"], dtype=np.float64),
    }


class HybridEmbedder:
    """A composite: TF-IDF fitted on the corpus plus pre-trained e5, each part cached by its own rule.

    ``lexical`` and ``semantic`` default to ``TfidfEmbedder()`` and ``E5Embedder()``; any
    embedders with the same contract work (the vector cache passes cached copies of them).
    """

    thresholds = dict(TfidfEmbedder.thresholds)  # calibrated onto the TF-IDF scale

    def __init__(
        self,
        *,
        lexical: Embedder | None = None,
        semantic: Embedder | None = None,
        weight: float = 0.3,
        centering: float = 0.6,
        fitted: Path = FITTED,
    ) -> None:
        self.lexical = lexical if lexical is not None else TfidfEmbedder()
        self.semantic = semantic if semantic is not None else E5Embedder()
        self.weight = weight
        self.centering = centering
        self.fitted = fitted

    @property
    def id(self) -> str:
        digest = hashlib.sha256(self.fitted.read_bytes()).hexdigest()[:8]
        return f"{VERSION}(w={self.weight},center={self.centering},fit:{digest},{self.lexical.id},{self.semantic.id})"

    def load(self) -> object:
        """Load the e5 model now (an EmbedderError says why it cannot be)."""
        return self.semantic.load()  # type: ignore[attr-defined]

    def overlong(self, texts: Sequence[str]) -> list[int]:
        """Indices of texts longer than e5 reads in one window (see E5Embedder.overlong)."""
        return list(self.semantic.overlong(texts))  # type: ignore[attr-defined]

    def fit(self, texts: Sequence[str]) -> HybridEmbedder:
        """Fit the TF-IDF part on the corpus (e5 is pre-trained)."""
        self.lexical.fit(texts)
        self.semantic.fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Rows of unit norm (smaller when a part has nothing: a blank text is a zero row)."""
        return self.combine(self.lexical.transform(texts), self.semantic.transform(texts))

    def combine(self, lexical: Matrix, semantic: Matrix) -> sp.csr_matrix:
        """``[√w · lexical, √(1−w) · centred semantic]`` as one sparse matrix."""
        mean = _fitted(self.fitted)["mean"]
        n = lexical.shape[0]
        dense = np.asarray(semantic.toarray() if sp.issparse(semantic) else semantic, dtype=np.float32).reshape(n, mean.shape[0])  # type: ignore[union-attr]
        present = np.linalg.norm(dense, axis=1) > 0
        centred = np.where(present[:, None], dense - self.centering * mean, 0.0)
        parts = [
            np.sqrt(self.weight) * sp.csr_matrix(lexical, dtype=np.float32),
            sp.csr_matrix(np.sqrt(1 - self.weight) * normalize_rows(centred)),
        ]
        return sp.csr_matrix(sp.hstack(parts, format="csr"), dtype=np.float32)

    def uncalibrate(self, score: float) -> float:
        """The smallest raw dot product whose calibrated score reaches ``score`` (for kernels that
        compare raw products with a threshold); 0 for a score of 0 or less."""
        knots = _fitted(self.fitted)
        positive = np.flatnonzero(knots["score"] > 0)
        if score <= 0 or positive.size == 0:
            return 0.0
        start = positive[0] - 1  # the last knot at 0, where the curve starts to rise
        return float(np.interp(min(score, 1.0), knots["score"][start:], knots["raw"][start:]))

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        """Raw dot products mapped onto the TF-IDF scale: increasing, 0 ↦ 0, 1 ↦ 1, in [0, 1].

        Not-a-number and ±inf (top-k padding) pass through unchanged.
        """
        knots = _fitted(self.fitted)
        raw = np.asarray(scores, dtype=np.float32)
        out = np.interp(np.clip(raw, 0.0, 1.0), knots["raw"], knots["score"]).astype(np.float32)
        return np.where(np.isfinite(raw), out, raw).astype(np.float32)
