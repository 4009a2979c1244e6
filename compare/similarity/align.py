"""One-to-one alignment of two policies' clauses, and what each has that the other lacks.

The work is done on arrays by ``align_embeddings`` (vectors and boilerplate flags in, pairs and
containment out), which a batch worker can call without a database; ``align_sets`` wraps it for
clause sets in a ``ClauseSpace`` and adds the explanations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from compare.similarity.boilerplate import weights
from compare.similarity.explain import explain
from compare.similarity.models import Alignment, Pair, Side, clause_text
from compare.similarity.space import ClauseSpace
from compare.similarity.topk import similarity
from corpus.library import ClauseSet
from embeddings.base import Matrix


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


@dataclass(frozen=True)
class ArrayAlignment:
    """What ``align_embeddings`` finds: pairs (row of A, row of B, score) in A's order, the rows
    left unpaired on each side, and containment both ways, in [0, 1]."""

    pairs: tuple[tuple[int, int, float], ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    containment_ab: float
    containment_ba: float


def align_embeddings(
    vectors_a: Matrix,
    vectors_b: Matrix,
    threshold: float,
    *,
    flags_a: np.ndarray | None = None,
    flags_b: np.ndarray | None = None,
    hide_boilerplate: bool = False,
    calibrate: Callable[[np.ndarray], np.ndarray] | None = None,
) -> ArrayAlignment:
    """Align two sets of unit-norm rows: the optimal one-to-one pairs scoring at least ``threshold``
    and each side's containment in the other (boilerplate rows, flagged True, weigh a fifth).
    ``calibrate`` maps dot products onto the scale ``threshold`` is on (hybrid embedder).

    An empty side pairs nothing and contains nothing (0.0).
    """
    na, nb = int(vectors_a.shape[0]), int(vectors_b.shape[0])
    fa = np.zeros(na, dtype=bool) if flags_a is None else np.asarray(flags_a, dtype=bool)
    fb = np.zeros(nb, dtype=bool) if flags_b is None else np.asarray(flags_b, dtype=bool)
    scores = similarity(vectors_a, vectors_b) if calibrate is None else calibrate(similarity(vectors_a, vectors_b))
    assigned = assign(scores, threshold)
    matched_a = {i for i, _, _ in assigned}
    matched_b = {j for _, j, _ in assigned}
    best_a = scores.max(axis=1) if nb else np.zeros(na, dtype=np.float32)
    best_b = scores.max(axis=0) if na else np.zeros(nb, dtype=np.float32)
    return ArrayAlignment(
        tuple(assigned),
        tuple(i for i in range(na) if i not in matched_a),
        tuple(j for j in range(nb) if j not in matched_b),
        containment(best_a, threshold, fa, hide_boilerplate=hide_boilerplate),
        containment(best_b, threshold, fb, hide_boilerplate=hide_boilerplate),
    )


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
    flags_a = np.array([space.is_boilerplate(c) for c in ca], dtype=bool)
    flags_b = np.array([space.is_boilerplate(c) for c in cb], dtype=bool)
    found = align_embeddings(
        space.vectors_of(a),
        space.vectors_of(b),
        thr,
        flags_a=flags_a,
        flags_b=flags_b,
        hide_boilerplate=hide_boilerplate,
        calibrate=space.calibrate,
    )
    pairs = [
        Pair(ca[i], cb[j], s, explain(clause_text(ca[i]), clause_text(cb[j]), s, space.thresholds), bool(flags_a[i] or flags_b[j]))
        for i, j, s in found.pairs
    ]
    return Alignment(
        side(a),
        side(b),
        tuple(pairs),
        tuple(ca[i] for i in found.only_a),
        tuple(cb[j] for j in found.only_b),
        found.containment_ab,
        found.containment_ba,
        thr,
        space.embedder.id,
        frozenset(c.id for c, f in zip(ca, flags_a, strict=True) if f),
        frozenset(c.id for c, f in zip(cb, flags_b, strict=True) if f),
    )
