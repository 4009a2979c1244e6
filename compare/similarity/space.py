"""The corpus as vectors: every stored clause embedded once, with what filters need.

A ``ClauseSpace`` is built from the store with one embedder (TF-IDF is fitted on all stored
clause texts, body and news context alike), served from the vector cache, and then answers
"which rows" questions (a document, a policy's primary text, a level, a province, a date range)
for the comparison functions. A clause set that is not stored (a file given on the command line)
is embedded on the fly with the same fitted embedder, which reads the vector cache but never
writes to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from compare.similarity import lsa
from compare.similarity.allpairs import groups_reached
from compare.similarity.boilerplate import MIN_POLICIES, is_stock, recurring
from compare.similarity.explain import normalize_with_offsets
from compare.similarity.lsa import LsaIndex
from compare.similarity.models import clause_text
from compare.similarity.topk import TopK, similarity, top_k
from corpus.filters import Filters
from corpus.library import ClauseSet
from corpus.models import Clause, Policy
from corpus.store import ClauseStore
from embeddings import DEFAULT_EMBEDDER, Embedder, Matrix, get_embedder
from embeddings.cache import Progress, fit_transform_cached


@dataclass(frozen=True)
class Row:
    """One stored clause of the space."""

    policy_id: str
    document_id: int
    primary: bool
    clause: Clause


class ClauseSpace:
    """Stored clauses, their unit-norm vectors (row i ↔ ``rows[i]``) and the fitted embedder."""

    def __init__(self, store: ClauseStore, embedder: Embedder, rows: list[Row], vectors: Matrix, notes: tuple[str, ...] = ()) -> None:
        self.store = store
        self.embedder = embedder
        self.rows = rows
        self.vectors = vectors
        self.notes = notes  # what a user should know about how the corpus was embedded
        self.policies: dict[str, Policy] = {p.id: p for p in store.policies()}
        self._by_id = {r.clause.id: i for i, r in enumerate(rows)}

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self.embedder.thresholds)

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        """Dot products of this space's rows as scores on the embedder's scale (never reordered).

        An embedder whose dot products are not on the documented scale (hybrid) has a
        ``calibrate`` method; for the others the cosine is the score.
        """
        calibrate = getattr(self.embedder, "calibrate", None)
        return scores if calibrate is None else np.asarray(calibrate(scores))

    def raw_threshold(self, threshold: float) -> float:
        """The dot product that calibrates to ``threshold``: what kernels over raw vectors compare with."""
        uncalibrate = getattr(self.embedder, "uncalibrate", None)
        return threshold if uncalibrate is None else float(uncalibrate(threshold))

    def similarity(self, a: Matrix, b: Matrix) -> np.ndarray:
        """Calibrated scores of two sets of rows: shape (len(a), len(b))."""
        return self.calibrate(similarity(a, b))

    def indices(self, *, role: str = "body", primary_only: bool = True, filters: Filters | None = None) -> np.ndarray:
        """Row numbers of the clauses a corpus-wide query may return."""
        keep = [
            i
            for i, r in enumerate(self.rows)
            if r.clause.role == role
            and (r.primary or not primary_only)
            and (filters is None or filters.allows(self.policies.get(r.policy_id)))
        ]
        return np.asarray(keep, dtype=np.int64)

    @cached_property
    def recurring_texts(self) -> frozenset[str]:
        """Texts of primary-text clauses with a close match in most other policies (computed once)."""
        rows = self.indices()
        policy_ids = sorted({self.rows[int(i)].policy_id for i in rows})
        if len(policy_ids) - 1 < MIN_POLICIES:
            return frozenset()
        number = {pid: g for g, pid in enumerate(policy_ids)}
        groups = np.full(len(self), -1, dtype=np.int64)
        groups[rows] = [number[self.rows[int(i)].policy_id] for i in rows]
        flags = recurring(groups_reached(self.vectors, groups, self.raw_threshold(self.thresholds["reworded"])), len(policy_ids))
        return frozenset(clause_text(self.rows[int(r)].clause) for r in np.flatnonzero(flags))

    @cached_property
    def folded_texts(self) -> list[str]:
        """Each row's text in the comparison view (widths folded, no whitespace), for phrase search."""
        return [normalize_with_offsets(clause_text(r.clause))[0] for r in self.rows]

    def is_boilerplate(self, clause: Clause) -> bool:
        """A stock safeguard heading, or a text that recurs in most policies: one rule for every view."""
        return is_stock(clause) or clause_text(clause) in self.recurring_texts

    def row_of(self, clause_id: str) -> int | None:
        return self._by_id.get(clause_id)

    def embed_clauses(self, clauses: tuple[Clause, ...] | list[Clause]) -> Matrix:
        """Vectors of clauses: stored rows are reused, others embedded with the fitted embedder."""
        rows = [self.row_of(c.id) for c in clauses]
        if clauses and all(r is not None for r in rows):
            return self.vectors[np.asarray(rows, dtype=np.int64)]
        return self.embedder.transform([clause_text(c) for c in clauses])

    def embed_query(self, text: str) -> Matrix:
        """A free-text query's vector (never stored: queries are not corpus texts)."""
        return self.embedder.transform([text])

    @cached_property
    def lsa_index(self) -> LsaIndex | None:
        """An LSA index over sparse vectors once the corpus is large enough to need one (built once)."""
        if not sp.issparse(self.vectors) or len(self) < lsa.MIN_ROWS:
            return None
        return lsa.build_lsa_index(sp.csr_matrix(self.vectors))

    def nearest(self, queries: Matrix, rows: np.ndarray, k: int) -> TopK:
        """Top-``k`` among the given rows (indices are positions in ``rows``): exact, or LSA-then-exact on large sparse corpora."""
        index = self.lsa_index
        if index is None or not sp.issparse(queries):
            found = top_k(queries, self.vectors[rows], k)
        else:
            found = lsa.search(index, sp.csr_matrix(queries), k, rows=rows)
        return TopK(found.indices, self.calibrate(found.scores))

    def vectors_of(self, clause_set: ClauseSet) -> Matrix:
        return self.embed_clauses(list(clause_set.clauses))


def build_space(store: ClauseStore, embedder: Embedder | str = DEFAULT_EMBEDDER, *, progress: Progress | None = None) -> ClauseSpace:
    """Embed the whole stored corpus (cached) with ``embedder`` (a name or an embedder object).

    ``progress(done, total)`` is called while texts never embedded before are encoded (a model
    embedder's first run over a corpus); a warm cache calls it never.
    """
    chosen = get_embedder(embedder) if isinstance(embedder, str) else embedder
    rows = [Row(pid, did, primary, clause) for pid, did, primary, clause in store.clause_rows()]
    texts = [clause_text(r.clause) for r in rows]
    model, vectors = fit_transform_cached(store, chosen, texts, progress=progress)
    if not rows and not sp.issparse(vectors):
        vectors = np.zeros((0, 1), dtype=np.float32)
    return ClauseSpace(store, model, rows, vectors, input_notes(chosen, texts))


def input_notes(embedder: Embedder, texts: list[str]) -> tuple[str, ...]:
    """Plain sentences on texts the embedder treats specially: blank ones, over-long ones."""
    notes = []
    blank = sum(1 for t in texts if not t.strip())
    if blank:
        notes.append(f"{blank} clause(s) have no text: they get a zero vector and match nothing.")
    overlong = getattr(embedder, "overlong", None)  # models with a token window (e5, hybrid)
    long = overlong(texts) if overlong is not None else []
    if long:
        notes.append(
            f"{len(long)} clause(s) are longer than the model's 512 tokens: each is embedded as the mean of 510-token windows, "
            "so a match on one part of it scores lower than on a short clause."
        )
    return tuple(notes)
