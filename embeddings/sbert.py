"""Sentence-transformers models: ``sbert:NAME_OR_PATH``.

Any model the user has: a local folder (always works offline) or a hub name (needs the network
or a filled Hugging Face cache). Pre-trained, so ``fit`` does nothing; vectors are unit-norm
float32, computed in batches.

What a score means depends on the model: multilingual MiniLM-type models give about 0.9 for
the same clause, 0.6–0.8 for a retelling; BAAI/bge-small-zh-v1.5 scores sit high (unrelated
Chinese text often 0.4–0.5), so its thresholds are relative and should be raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.base import EmbedderError, normalize_rows

VERSION = "sbert-1"


class SbertEmbedder:
    """Pre-trained dense embedder (an ``Encoder``): the model is loaded on first use and kept."""

    thresholds = {"reworded": 0.7, "related": 0.45}

    def __init__(self, model: str, *, batch_size: int = 64, device: str = "cpu") -> None:
        self.model = model
        self.batch_size = batch_size
        self.device = device

    @property
    def id(self) -> str:
        path = Path(self.model).expanduser()
        name = path.resolve().name if path.exists() else self.model
        return f"{VERSION}({name})"

    def _load(self) -> Any:
        if getattr(self, "_model", None) is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - sentence-transformers is a runtime dependency
                raise EmbedderError(
                    f"sbert:{self.model}", "sentence-transformers is not installed", "pip install -r requirements.txt"
                ) from exc
            path = Path(self.model).expanduser()
            if not path.exists() and (self.model.startswith((".", "/", "~")) or self.model.count("/") > 1):
                raise EmbedderError(f"sbert:{self.model}", "no model folder at this path", "Give the folder of a downloaded model.")
            try:
                self._model = SentenceTransformer(str(path) if path.exists() else self.model, device=self.device)
            except Exception as exc:
                raise EmbedderError(
                    f"sbert:{self.model}",
                    f"the model could not be loaded ({type(exc).__name__}: {str(exc)[:200]})",
                    "Download it while online (e.g. `huggingface-cli download BAAI/bge-small-zh-v1.5 --local-dir models/bge-small-zh`) "
                    "and pass the folder: --embedder sbert:models/bge-small-zh",
                ) from exc
        return self._model

    def fit(self, texts: Sequence[str]) -> SbertEmbedder:
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-norm float32 rows that depend only on the model and the text; an empty list gives (0, dim)."""
        model = self._load()
        dim = int(model.get_embedding_dimension() or 0)
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        vectors = model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)
        return normalize_rows(vectors)

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)
