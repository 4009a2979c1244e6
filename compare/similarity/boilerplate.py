"""Clauses that recur in nearly every policy: organisation, funding guarantees, publicity.

They are true of every plan and say little about this one, so policy-level similarity
down-weights them and the app can hide them. A clause is boilerplate when its own heading (or,
for a heading-less clause, the heading above it) is a stock safeguard title, or — once the
corpus holds enough policies — when close matches of it occur in most other policies.
"""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp

from corpus.models import Clause

STOCK_HEADINGS = re.compile(
    r"组织领导|组织实施|统筹协调|协调机制|工作机制|资金保障|经费保障|宣传(?:推广|引导)?|舆论|氛围|"
    r"监测评估|考核评估|评估考核|督促落实|督查|跟踪问效|安全保障|风险防范|组织保障|责任落实"
)
BOILERPLATE_WEIGHT = 0.2  # weight of a boilerplate clause in containment (1 for the others)
MIN_POLICIES = 4  # below this, recurrence across policies says nothing
RECURRENCE = 0.6  # share of other policies in which a clause must find a close match


def is_stock(clause: Clause) -> bool:
    """True when the clause's heading (or its nearest path heading) is a stock safeguard title."""
    title = clause.heading or (clause.path[-1] if clause.path else "")
    return bool(title and STOCK_HEADINGS.search(title))


def recurring(reached: sp.csr_matrix, n_groups: int) -> np.ndarray:
    """Rows (clauses) with a close match in at least RECURRENCE of the other groups (policies).

    ``reached`` is rows × groups, True where the row has a match at or above the threshold in
    that group (``compare.similarity.allpairs.groups_reached``). With fewer than MIN_POLICIES other groups
    nothing is recurring. Shape (n_rows,), boolean.
    """
    if n_groups - 1 < MIN_POLICIES:
        return np.zeros(reached.shape[0], dtype=bool)
    share = np.asarray(reached.sum(axis=1)).ravel() / (n_groups - 1)
    return np.asarray(share >= RECURRENCE)


def weights(flags: np.ndarray, *, hide: bool = False) -> np.ndarray:
    """Per-clause weights for containment: 1, or BOILERPLATE_WEIGHT (0 when hidden) for boilerplate."""
    return np.where(flags, 0.0 if hide else BOILERPLATE_WEIGHT, 1.0).astype(np.float64)
