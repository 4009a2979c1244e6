"""The embedded default: TF-IDF over jieba words and character n-grams, fitted on the corpus.

Nothing to download. Scores are cosines of sparse non-negative vectors, in [0, 1]: about 0.9
and above for the same clause with small edits, 0.4–0.9 for a clause retold with many of the
same words, 0.15–0.4 for clauses on one topic, below that for unrelated text.

Fitting is deterministic (scikit-learn sorts the vocabulary); the costly part, tokenising,
can be served from a cache of token lists (``analyses``), so a refit after adding a document
re-tokenises only the new texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from embeddings.base import normalize_rows
from embeddings.tokenize import Tokenizer

VERSION = "tfidf-1"


def _identity(tokens: list[str]) -> list[str]:
    return tokens


class TfidfEmbedder:
    """scikit-learn estimator contract: parameters in ``__init__``, ``fit`` returns self (an ``Analyzer``).

    ``tokenizer`` defaults to our jieba ``Tokenizer`` with ``char_ngrams``, made when first needed.
    """

    thresholds = {"reworded": 0.45, "related": 0.15}

    def __init__(self, *, char_ngrams: tuple[int, int] = (2, 3), sublinear_tf: bool = True, tokenizer: Tokenizer | None = None) -> None:
        self.char_ngrams = char_ngrams
        self.sublinear_tf = sublinear_tf
        self.tokenizer = tokenizer

    def _tokenizer(self) -> Tokenizer:
        return self.tokenizer if self.tokenizer is not None else Tokenizer(char_ngrams=self.char_ngrams)

    @property
    def id(self) -> str:
        return f"{VERSION}(sublinear={int(self.sublinear_tf)},{self.analyzer_id})"

    @property
    def analyzer_id(self) -> str:
        return self._tokenizer().id

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        """The token lists TF-IDF counts, one per text; they depend only on ``analyzer_id`` and the text."""
        return self._tokenizer().analyze_many(texts)

    def fit(self, texts: Sequence[str], *, analyses: Sequence[list[str]] | None = None) -> TfidfEmbedder:
        """Learn vocabulary and idf weights; an empty corpus gives an embedder of zero vectors."""
        tokens = list(analyses) if analyses is not None else self.analyze(texts)
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=self.sublinear_tf, norm=None, dtype=np.float32)
        if any(tokens):
            vectorizer.fit(tokens)
            self.vectorizer_ = vectorizer
        else:
            self.vectorizer_ = None
        return self

    def transform(self, texts: Sequence[str], *, analyses: Sequence[list[str]] | None = None) -> sp.csr_matrix:
        """Unit-norm sparse rows; a text sharing no feature with the corpus is a zero row."""
        tokens = list(analyses) if analyses is not None else self.analyze(texts)
        vectorizer = getattr(self, "vectorizer_", None)
        if vectorizer is None or not tokens:
            return sp.csr_matrix((len(tokens), self.dim), dtype=np.float32)
        return normalize_rows(vectorizer.transform(tokens))

    @property
    def dim(self) -> int:
        vectorizer = getattr(self, "vectorizer_", None)
        return len(vectorizer.vocabulary_) if vectorizer is not None else 1
