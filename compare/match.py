"""Top-k matches of every clause of a source, and free-text search over the corpus."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from compare.explain import explain
from compare.models import ClauseMatches, Hit, clause_text
from compare.space import ClauseSpace, Filters
from compare.topk import top_k
from corpus.library import ClauseSet
from corpus.models import Clause


def _hits(
    space: ClauseSpace, idx: np.ndarray, scores: np.ndarray, rows: np.ndarray | None, target: list[Clause] | None, policy_id: str | None
) -> tuple[Hit, ...]:
    hits = []
    for i, s in zip(idx, scores, strict=True):
        if i < 0 or not np.isfinite(s) or s <= 0:
            continue  # padding, or nothing in common at all
        if rows is not None:
            row = space.rows[int(rows[i])]
            hits.append(Hit(row.clause, row.policy_id, float(s), space.is_boilerplate(row.clause)))
        elif target is not None:
            clause = target[int(i)]
            hits.append(Hit(clause, policy_id, float(s), space.is_boilerplate(clause)))
    return tuple(hits)


def _explained(space: ClauseSpace, clause: Clause, hits: tuple[Hit, ...]) -> ClauseMatches:
    text = clause_text(clause)
    return ClauseMatches(
        clause, tuple(replace(h, explanation=explain(text, clause_text(h.clause), h.score, space.thresholds)) for h in hits)
    )


def match_clauses(
    space: ClauseSpace, source: ClauseSet, target: ClauseSet | None = None, *, k: int = 3, filters: Filters | None = None
) -> list[ClauseMatches]:
    """For each clause of ``source`` (reading order), the ``k`` best clauses of ``target``.

    Without a target, the whole corpus (primary texts, body clauses) is searched, restricted by
    ``filters`` and never returning the source policy itself. Candidates scoring 0 are dropped;
    each candidate carries its explanation (class and shared spans); a source without clauses
    gives an empty list.
    """
    clauses = list(source.clauses)
    if not clauses:
        return []
    queries = space.vectors_of(source)
    if target is not None:
        result = top_k(queries, space.vectors_of(target), k)
        return [
            _explained(space, c, _hits(space, result.indices[n], result.scores[n], None, list(target.clauses), target.policy_id))
            for n, c in enumerate(clauses)
        ]
    base = filters or Filters()
    if source.policy_id:
        base = Filters(base.levels, base.provinces, base.date_from, base.date_to, base.policies, (*base.exclude_policies, source.policy_id))
    rows = space.indices(filters=base)
    result = top_k(queries, space.vectors[rows], k)
    return [_explained(space, c, _hits(space, result.indices[n], result.scores[n], rows, None, None)) for n, c in enumerate(clauses)]


def search(space: ClauseSpace, query: str, *, k: int = 10, filters: Filters | None = None, include_context: bool = False) -> list[Hit]:
    """The ``k`` clauses of the corpus closest to a free-text query, best first.

    A blank query, or one sharing nothing with the corpus, gives an empty list.
    """
    if not query.strip():
        return []
    rows = space.indices(filters=filters)
    if include_context:
        rows = np.union1d(rows, space.indices(role="context", primary_only=False, filters=filters))
    result = top_k(space.embed_query(query), space.vectors[rows], k)
    return list(_hits(space, result.indices[0], result.scores[0], rows, None, None))
