"""Turn clause texts into unit-norm vectors: ``tfidf`` (offline default) or ``sbert:MODEL``."""

from __future__ import annotations

from embeddings.base import Analyzer, Embedder, EmbedderError, Encoder, Matrix, normalize_rows
from embeddings.sbert import SbertEmbedder
from embeddings.tfidf import TfidfEmbedder

DEFAULT_EMBEDDER = "tfidf"

__all__ = [
    "DEFAULT_EMBEDDER",
    "Analyzer",
    "Embedder",
    "Encoder",
    "EmbedderError",
    "Matrix",
    "SbertEmbedder",
    "TfidfEmbedder",
    "get_embedder",
    "normalize_rows",
]


def get_embedder(name: str = DEFAULT_EMBEDDER) -> TfidfEmbedder | SbertEmbedder:
    """``tfidf`` or ``sbert:NAME_OR_PATH``; anything else is an EmbedderError naming the choices."""
    if name == "tfidf":
        return TfidfEmbedder()
    if name.startswith("sbert:") and len(name) > len("sbert:"):
        return SbertEmbedder(name.removeprefix("sbert:"))
    raise EmbedderError(name, "unknown embedder", "Use `tfidf` or `sbert:MODEL` (a local model folder or a hub name).")
