"""Top-k matches of every clause of a source, and free-text search over the corpus."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from compare.similarity.explain import explain, query_terms
from compare.similarity.models import ClauseMatches, Hit, clause_text
from compare.similarity.space import ClauseSpace, Filters
from compare.similarity.topk import top_k
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
        scores = space.calibrate(result.scores)
        return [
            _explained(space, c, _hits(space, result.indices[n], scores[n], None, list(target.clauses), target.policy_id))
            for n, c in enumerate(clauses)
        ]
    base = filters or Filters()
    if source.policy_id:
        base = Filters(base.levels, base.provinces, base.date_from, base.date_to, base.policies, (*base.exclude_policies, source.policy_id))
    rows = space.indices(filters=base)
    result = space.nearest(queries, rows, k)
    scores = space.calibrate(result.scores)
    return [_explained(space, c, _hits(space, result.indices[n], scores[n], rows, None, None)) for n, c in enumerate(clauses)]


def search(
    space: ClauseSpace, query: str, *, k: int = 10, filters: Filters | None = None, include_context: bool = False, exact: bool = False
) -> list[Hit]:
    """The ``k`` clauses of the corpus that best answer a free-text query, best first.

    Clauses containing more of the query's whole terms come first (a search for 数字人 lists
    every clause saying 数字人 before one saying only 数字), then by embedder score. With
    ``exact`` only clauses containing the whole query as one phrase (spaces ignored) are
    returned. A blank query, or one sharing nothing with the corpus, gives an empty list.
    """
    terms = query_terms(query)
    if not terms:
        return []
    rows = space.indices(filters=filters)
    if include_context:
        rows = np.union1d(rows, space.indices(role="context", primary_only=False, filters=filters))
    if rows.size == 0:
        return []
    folded = space.folded_texts
    wanted = ("".join(terms),) if exact else terms
    found = np.array([sum(term in folded[int(r)] for term in wanted) for r in rows], dtype=np.int64)
    query_vector = space.embed_query(query)
    containing = rows[found > 0]
    scores = space.similarity(query_vector, space.vectors[containing])[0] if containing.size else np.zeros(0, dtype=np.float32)
    ranked = {int(r): (int(f), float(s)) for r, f, s in zip(containing, found[found > 0], scores, strict=True)}
    if not exact:
        best = top_k(query_vector, space.vectors[rows], k)
        for i, s in zip(best.indices[0], space.calibrate(best.scores)[0], strict=True):
            if i >= 0 and np.isfinite(s) and s > 0:
                ranked.setdefault(int(rows[int(i)]), (0, float(s)))
    order = sorted(ranked.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))[:k]
    return [
        Hit(space.rows[r].clause, space.rows[r].policy_id, score, space.is_boilerplate(space.rows[r].clause)) for r, (_, score) in order
    ]
