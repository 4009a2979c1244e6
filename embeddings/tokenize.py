"""Chinese tokenisation for TF-IDF: jieba words plus character n-grams.

We own one ``jieba.Tokenizer`` built lazily with the shipped domain dictionary (元宇宙, 数字孪生,
专精特新 … stay whole) and HMM off, so the same text always gives the same tokens whatever
else the process did with jieba. Character n-grams catch what word segmentation splits
differently in two versions of one sentence.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.clean import fold_widths

DOMAIN_WORDS = Path(__file__).resolve().parent / "data" / "domain_words.txt"
_LOADED: dict[tuple[Path, float], Any] = {}  # one jieba tokenizer per dictionary file and version
_LOAD_LOCK = threading.Lock()
_KEEP = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalize_for_tokens(text: str) -> str:
    """Half-width, lower-case: 'ＡＩ' and 'ai' are the same token."""
    return fold_widths(text).lower()


class Tokenizer:
    """Words and character n-grams of a text; ``id`` changes when any of its inputs change."""

    def __init__(self, *, char_ngrams: tuple[int, int] = (2, 3), dictionary: Path = DOMAIN_WORDS) -> None:
        self.char_ngrams = char_ngrams
        self.dictionary = dictionary

    @property
    def id(self) -> str:
        import jieba

        digest = hashlib.sha256(self.dictionary.read_bytes()).hexdigest()[:8]
        lo, hi = self.char_ngrams
        return f"jieba{jieba.__version__}+dict:{digest}+hmm0+char{lo}-{hi}"

    def _tokenizer(self) -> Any:
        """Our own jieba.Tokenizer with the domain dictionary, built once per process (never the global one)."""
        key = (self.dictionary.resolve(), self.dictionary.stat().st_mtime)
        with _LOAD_LOCK:
            if key not in _LOADED:
                import jieba

                logging.getLogger("jieba").setLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                tok.load_userdict(str(self.dictionary))
                _LOADED[key] = tok
            return _LOADED[key]

    def words(self, text: str) -> list[str]:
        """jieba words (HMM off) made of letters, digits or Chinese characters only."""
        tok = self._tokenizer()
        return [w for w in tok.lcut(normalize_for_tokens(text), HMM=False) if _KEEP.fullmatch(w)]

    def char_grams(self, text: str) -> list[str]:
        """Character n-grams inside runs of letters, digits and Chinese (never across punctuation)."""
        lo, hi = self.char_ngrams
        grams: list[str] = []
        for run in _KEEP.findall(normalize_for_tokens(text)):
            for n in range(lo, hi + 1):
                grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
        return grams

    def analyze(self, text: str) -> list[str]:
        """The features TF-IDF counts: ``w:`` words then ``c:`` character n-grams."""
        return [f"w:{w}" for w in self.words(text)] + [f"c:{g}" for g in self.char_grams(text)]

    def analyze_many(self, texts: Sequence[str]) -> list[list[str]]:
        return [self.analyze(t) for t in texts]
