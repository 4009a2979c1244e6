"""Our embedders' parts, counting the texts they work on, then doing the real work: how tests see
what the cache saved (production classes carry no counters)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings import E5Embedder
from embeddings.tokenize import Tokenizer


class CountingTokenizer(Tokenizer):
    """Our tokenizer, counting the texts it tokenises."""

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.texts = 0

    def analyze(self, text: str, **kwargs) -> list[str]:
        self.texts += 1
        return super().analyze(text, **kwargs)


class CountingE5(E5Embedder):
    """The bundled e5 model, counting the texts it encodes."""

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return super().encode(texts)
