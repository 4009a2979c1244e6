"""Policy × policy similarity: directional containment, a symmetric score and the dates.

``containment[i, j]`` is the weighted share of policy i's clauses whose best match in policy j
reaches the threshold ("how much of i is found in j"); boilerplate clauses count a fifth. The
symmetric score is the mean of both directions. Read with the dates: when a later policy
contains much of an earlier one, it may have borrowed from it. Only policies with a text take
part; the others are listed as missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform

from compare.similarity.allpairs import containment_matrix, groups_reached
from compare.similarity.boilerplate import weights
from compare.similarity.space import ClauseSpace, Filters
from corpus.models import Policy


@dataclass(frozen=True)
class PolicyMatrix:
    """Square matrices over ``policies`` (with text), in ``order`` for clusters to show."""

    policies: tuple[Policy, ...]
    keys: tuple[str, ...]  # the selector of each row: ``ID`` (primary text) or ``ID@DOC``
    containment: np.ndarray
    symmetric: np.ndarray
    n_clauses: tuple[int, ...]
    order: tuple[int, ...]
    missing: tuple[Policy, ...]
    threshold: float
    embedder: str

    def cells(self) -> list[dict[str, Any]]:
        """One record per ordered pair (i ≠ j), with both dates and which came first."""
        out = []
        for i, a in enumerate(self.policies):
            for j, b in enumerate(self.policies):
                if i == j:
                    continue
                key_a, key_b = self.keys[i], self.keys[j]
                earlier = None
                if a.date and b.date and a.date != b.date:
                    earlier = a.id if a.date < b.date else b.id
                out.append(
                    {
                        "a": key_a,
                        "b": key_b,
                        "a_in_b": round(float(self.containment[i, j]), 4),
                        "b_in_a": round(float(self.containment[j, i]), 4),
                        "symmetric": round(float(self.symmetric[i, j]), 4),
                        "date_a": a.date,
                        "date_b": b.date,
                        "earlier": earlier,
                    }
                )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "embedder": self.embedder,
            "threshold": self.threshold,
            "policies": [
                {"id": key, "policy": p.id, "title": p.display_title, "jurisdiction": p.jurisdiction, "date": p.date, "n_clauses": n}
                for key, p, n in zip(self.keys, self.policies, self.n_clauses, strict=True)
            ],
            "order": [self.keys[i] for i in self.order],
            "cells": self.cells(),
            "missing": [p.id for p in self.missing],
        }


def cluster_order(symmetric: np.ndarray) -> tuple[int, ...]:
    """Leaf order of average-linkage clustering on 1 − symmetric, so similar policies sit together."""
    n = symmetric.shape[0]
    if n < 3:
        return tuple(range(n))
    distance = np.clip(1.0 - (symmetric + symmetric.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    return tuple(int(i) for i in leaves_list(linkage(squareform(distance, checks=False), method="average")))


def _groups(space: ClauseSpace, filters: Filters | None, by_document: bool) -> dict[str, list[int]]:
    """Row numbers of each compared text: a policy's primary text, or every document."""
    rows = space.indices(filters=filters, primary_only=not by_document)
    groups: dict[str, list[int]] = {}
    for r in rows:
        row = space.rows[int(r)]
        key = row.policy_id if row.primary else f"{row.policy_id}@{row.document_id}"
        groups.setdefault(key, []).append(int(r))
    return dict(sorted(groups.items()))


def policy_matrix(
    space: ClauseSpace,
    *,
    threshold: float | None = None,
    filters: Filters | None = None,
    hide_boilerplate: bool = False,
    by_document: bool = False,
) -> PolicyMatrix:
    """Containment of every policy in every other, from their primary texts' body clauses.

    ``by_document`` compares every stored document instead (two versions of one policy become
    two rows). Policies without text are listed in ``missing``.
    """
    thr = space.thresholds["related"] if threshold is None else threshold
    groups = _groups(space, filters, by_document)
    keys = list(groups)
    with_text = [space.policies[k.split("@")[0]] for k in keys]
    have = {p.id for p in with_text}
    missing = tuple(p for pid, p in sorted(space.policies.items()) if pid not in have and (filters is None or filters.allows(p)))
    group_of = np.full(len(space), -1, dtype=np.int64)
    flags = np.zeros(len(space), dtype=bool)
    for g, key in enumerate(keys):
        rows = np.asarray(groups[key], dtype=np.int64)
        group_of[rows] = g
        flags[rows] = [space.is_boilerplate(space.rows[int(r)].clause) for r in rows]
    reached = groups_reached(space.vectors, group_of, space.raw_threshold(thr))
    contain = containment_matrix(reached, group_of, weights(flags, hide=hide_boilerplate)) if keys else np.eye(0)
    symmetric = (contain + contain.T) / 2.0
    return PolicyMatrix(
        tuple(with_text),
        tuple(keys),
        contain,
        symmetric,
        tuple(len(groups[k]) for k in keys),
        cluster_order(symmetric),
        missing,
        thr,
        space.embedder.id,
    )
