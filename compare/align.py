"""One-to-one alignment of two policies' clauses, and what each has that the other lacks."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from compare.boilerplate import weights
from compare.explain import explain
from compare.models import Alignment, Pair, Side, clause_text
from compare.space import ClauseSpace
from compare.topk import similarity
from corpus.library import ClauseSet


def assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Optimal one-to-one pairs (maximum total score) among those scoring at least ``threshold``.

    Returns (row, column, score) sorted by row; an empty or all-below-threshold matrix gives [].
    """
    if scores.size == 0:
        return []
    eligible = np.where(scores >= threshold, scores, 0.0)
    rows, cols = linear_sum_assignment(eligible, maximize=True)
    return sorted((int(r), int(c), float(scores[r, c])) for r, c in zip(rows, cols, strict=True) if scores[r, c] >= threshold)


def containment(best: np.ndarray, threshold: float, flags: np.ndarray, *, hide_boilerplate: bool = False) -> float:
    """Weighted share of clauses whose best partner on the other side reaches ``threshold``.

    In [0, 1]; 0 for an empty side. Boilerplate counts BOILERPLATE_WEIGHT (0 when hidden).
    """
    if best.size == 0:
        return 0.0
    w = weights(flags, hide=hide_boilerplate)
    total = w.sum()
    return float((w * (best >= threshold)).sum() / total) if total > 0 else 0.0


def side(clause_set: ClauseSet) -> Side:
    policy = clause_set.policy
    date = policy.date if policy else None
    return Side(clause_set.selector, clause_set.title, clause_set.policy_id, date, clause_set.source, len(clause_set.clauses))


def align_sets(
    space: ClauseSpace, a: ClauseSet, b: ClauseSet, *, threshold: float | None = None, hide_boilerplate: bool = False
) -> Alignment:
    """Align ``a`` with ``b``: pairs in A's reading order, A-only and B-only clauses, containment.

    ``threshold`` defaults to the embedder's "related" threshold.
    """
    thr = space.thresholds["related"] if threshold is None else threshold
    ca, cb = list(a.clauses), list(b.clauses)
    scores = similarity(space.vectors_of(a), space.vectors_of(b)) if ca and cb else np.zeros((len(ca), len(cb)), dtype=np.float32)
    flags_a = np.array([space.is_boilerplate(c) for c in ca], dtype=bool)
    flags_b = np.array([space.is_boilerplate(c) for c in cb], dtype=bool)
    assigned = assign(scores, thr)
    pairs = [
        Pair(ca[i], cb[j], s, explain(clause_text(ca[i]), clause_text(cb[j]), s, space.thresholds), bool(flags_a[i] or flags_b[j]))
        for i, j, s in assigned
    ]
    matched_a = {i for i, _, _ in assigned}
    matched_b = {j for _, j, _ in assigned}
    best_a = scores.max(axis=1) if cb else np.zeros(len(ca), dtype=np.float32)
    best_b = scores.max(axis=0) if ca else np.zeros(len(cb), dtype=np.float32)
    return Alignment(
        side(a),
        side(b),
        tuple(pairs),
        tuple(c for n, c in enumerate(ca) if n not in matched_a),
        tuple(c for n, c in enumerate(cb) if n not in matched_b),
        containment(best_a, thr, flags_a, hide_boilerplate=hide_boilerplate),
        containment(best_b, thr, flags_b, hide_boilerplate=hide_boilerplate),
        thr,
        space.embedder.id,
        frozenset(c.id for c, f in zip(ca, flags_a, strict=True) if f),
        frozenset(c.id for c, f in zip(cb, flags_b, strict=True) if f),
    )
