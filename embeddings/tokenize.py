"""Chinese tokenisation for TF-IDF: jieba words plus character n-grams.

We own one ``jieba.Tokenizer`` built lazily with the shipped domain dictionary (元宇宙, 数字孪生,
专精特新 … stay whole) and HMM off, so the same text always gives the same tokens whatever
else the process did with jieba. Character n-grams catch what word segmentation splits
differently in two versions of one sentence.

jieba is the reference. rjieba (the same algorithm in Rust, several times faster) cuts the words
instead when, loaded with the same dictionary, it gives exactly jieba's words on a check sample
(every line of the shipped texts and every dictionary word in a sentence), checked once per
process and dictionary; otherwise, or when rjieba is not installed, jieba cuts. Tokens, and so
the tokenizer's id and the cached token lists, are the same either way.
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
from corpus.registry import SHIPPED_TEXTS

DOMAIN_WORDS = Path(__file__).resolve().parent / "data" / "domain_words.txt"
_LOADED: dict[tuple[Path, float], Any] = {}  # one jieba tokenizer per dictionary file and version
_FAST: dict[tuple[Path, float], Any] = {}  # rjieba per dictionary, or None when it does not agree with jieba
_LOAD_LOCK = threading.Lock()
FAST_MIN_BATCH = 2_000  # texts in one call from which rjieba is worth its start-up check
_KEEP = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalize_for_tokens(text: str) -> str:
    """Half-width, lower-case: 'ＡＩ' and 'ai' are the same token."""
    return fold_widths(text).lower()


class Tokenizer:
    """Words and character n-grams of a text; ``id`` changes when any of its inputs change."""

    def __init__(self, *, char_ngrams: tuple[int, int] = (2, 3), dictionary: Path = DOMAIN_WORDS, fast: bool = True) -> None:
        self.char_ngrams = char_ngrams
        self.dictionary = dictionary
        self.fast = fast  # let rjieba cut when it agrees with jieba on the check sample

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

    def _fast(self) -> Any:
        """rjieba with our dictionary if it cuts the check sample exactly as jieba does, else None."""
        key = (self.dictionary.resolve(), self.dictionary.stat().st_mtime)
        with _LOAD_LOCK:
            if key in _FAST:
                return _FAST[key]
        fast = _build_rjieba(self.dictionary)
        if fast is not None:
            reference = self._tokenizer()
            sample = check_sample(self.dictionary)
            if any(list(fast.cut(t, False)) != reference.lcut(t, HMM=False) for t in sample):
                logging.getLogger(__name__).warning("rjieba disagrees with jieba on the check sample; tokenising with jieba")
                fast = None
        with _LOAD_LOCK:
            _FAST[key] = fast
        return fast

    @property
    def backend(self) -> str:
        """Which library cuts the words in this process: "rjieba" or "jieba"."""
        return "rjieba" if self.fast and self._fast() is not None else "jieba"

    def _cutter(self, batch: int) -> Any:
        """rjieba's cut for large batches once it is checked (the check costs about as much as 500 texts), else jieba's."""
        key = (self.dictionary.resolve(), self.dictionary.stat().st_mtime)
        fast = self._fast() if self.fast and (batch >= FAST_MIN_BATCH or key in _FAST) else None
        if fast is not None:
            return lambda text: list(fast.cut(text, False))
        tok = self._tokenizer()
        return lambda text: tok.lcut(text, HMM=False)

    def words(self, text: str, *, cut: Any = None) -> list[str]:
        """jieba's words (HMM off) made of letters, digits or Chinese characters only."""
        cut = cut or self._cutter(1)
        return [w for w in cut(normalize_for_tokens(text)) if _KEEP.fullmatch(w)]

    def char_grams(self, text: str) -> list[str]:
        """Character n-grams inside runs of letters, digits and Chinese (never across punctuation)."""
        lo, hi = self.char_ngrams
        grams: list[str] = []
        for run in _KEEP.findall(normalize_for_tokens(text)):
            for n in range(lo, hi + 1):
                grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
        return grams

    def analyze(self, text: str, *, cut: Any = None) -> list[str]:
        """The features TF-IDF counts: ``w:`` words then ``c:`` character n-grams."""
        return [f"w:{w}" for w in self.words(text, cut=cut)] + [f"c:{g}" for g in self.char_grams(text)]

    def analyze_many(self, texts: Sequence[str]) -> list[list[str]]:
        cut = self._cutter(len(texts))
        return [self.analyze(t, cut=cut) for t in texts]


def _build_rjieba(dictionary: Path) -> Any:
    try:
        import rjieba
    except ImportError:
        return None
    cutter = rjieba.Jieba()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            cutter.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)
    return cutter


def check_sample(dictionary: Path = DOMAIN_WORDS) -> list[str]:
    """Texts both cutters must agree on: every line of the shipped texts, every dictionary word in a sentence."""
    lines = [line for shipped in SHIPPED_TEXTS for line in shipped.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = [line.split()[0] for line in dictionary.read_text(encoding="utf-8").splitlines() if line.split()]
    carriers = [f"支持{w}发展，推动{w}在各领域的应用。" for w in words]
    return [normalize_for_tokens(t) for t in lines + carriers]
