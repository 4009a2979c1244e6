"""The policy matrix: directional containment, dates, cluster order, boilerplate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from compare.similarity.boilerplate import is_stock, recurring
from compare.similarity.matrix import cluster_order, policy_matrix
from compare.similarity.space import build_space
from corpus.library import load_clauses
from corpus.models import Clause
from corpus.store import ClauseStore
from tests.compare.conftest import ZHEJIANG
from tests.compare.fictional import add_borrowing_plan, add_district_measures


def test_containment_is_directional_and_dated(store: ClauseStore, tmp_path: Path) -> None:
    borrower = add_borrowing_plan(store, load_clauses(store, ZHEJIANG), tmp_path)
    district = add_district_measures(store)
    matrix = policy_matrix(build_space(store))
    ids = [p.id for p in matrix.policies]
    assert set(ids) == {ZHEJIANG, borrower, district}
    b, z = ids.index(borrower), ids.index(ZHEJIANG)
    assert matrix.containment[b, z] > 0.6 > 0.35 > matrix.containment[z, b]
    assert matrix.symmetric[b, z] == pytest.approx((matrix.containment[b, z] + matrix.containment[z, b]) / 2)
    cell = next(c for c in matrix.cells() if c["a"] == borrower and c["b"] == ZHEJIANG)
    assert cell["earlier"] == ZHEJIANG and cell["date_a"] == "2023-03-01"
    assert len(matrix.missing) == len(store.policies()) - 3
    assert sorted(matrix.order) == [0, 1, 2]


def test_a_corpus_of_one_policy(tfidf_space: object) -> None:
    matrix = policy_matrix(tfidf_space)  # type: ignore[arg-type]
    assert [p.id for p in matrix.policies] == [ZHEJIANG]
    assert matrix.containment.shape == (1, 1) and matrix.cells() == []


def test_cluster_order_puts_similar_policies_together() -> None:
    sym = np.array([[1, 0.1, 0.9, 0.1], [0.1, 1, 0.1, 0.8], [0.9, 0.1, 1, 0.1], [0.1, 0.8, 0.1, 1]])
    order = cluster_order(sym)
    pos = {p: n for n, p in enumerate(order)}
    assert abs(pos[0] - pos[2]) == 1 and abs(pos[1] - pos[3]) == 1


@pytest.mark.parametrize(
    ("heading", "path", "stock"),
    [
        ("加强组织领导", (), True),
        (None, ("四、保障措施", "（四）加强资金保障"), True),
        ("营造良好氛围", (), True),
        ("加快“元平台”布局建设", ("二、重点任务",), False),
        (None, ("四、保障措施", "（二）加大政策引导"), False),  # where the money is: not boilerplate
    ],
)
def test_stock_headings(heading: str | None, path: tuple[str, ...], stock: bool) -> None:
    assert is_stock(Clause("x", path, None, heading, "正文")) is stock


def test_recurrence_needs_enough_policies() -> None:
    reached = sp.csr_matrix(np.array([[0, 1, 1, 1, 0], [0, 0, 1, 0, 0]], dtype=bool))  # row 0 of group 0 reaches 3 of 4 others
    assert recurring(reached, 5).tolist() == [True, False]
    assert recurring(reached[:, :3], 3).tolist() == [False, False]


def test_by_document_compares_the_two_seed_versions(tfidf_space: object) -> None:
    matrix = policy_matrix(tfidf_space, by_document=True)  # type: ignore[arg-type]
    assert matrix.keys[0] == ZHEJIANG and matrix.keys[1].startswith(f"{ZHEJIANG}@")
    assert matrix.containment[0, 1] == pytest.approx(1.0) and matrix.containment[1, 0] == pytest.approx(1.0)
    assert [c["a"] for c in matrix.cells()] == list(matrix.keys)


def test_a_clause_in_most_policies_is_boilerplate_in_every_view(store: ClauseStore, tmp_path: Path) -> None:
    from compare.similarity.align import align_sets
    from compare.similarity.match import match_clauses
    from tests.compare.fictional import SHARED, add_towns

    ids = add_towns(store, tmp_path)
    space = build_space(store)
    a, b = load_clauses(store, ids[0]), load_clauses(store, ids[1])
    shared = next(c for c in a.clauses if c.heading == SHARED[0])
    own = next(c for c in a.clauses if c.heading != SHARED[0])
    assert space.is_boilerplate(shared) and not space.is_boilerplate(own)
    alignment = align_sets(space, a, b)
    assert shared.id in alignment.boilerplate_a and own.id not in alignment.boilerplate_a
    assert any(h.boilerplate for m in match_clauses(space, a, b, k=1) for h in m.candidates)
    # the map and the side-by-side view give the same containment for the same pair
    matrix = policy_matrix(space)
    i, j = matrix.keys.index(ids[0]), matrix.keys.index(ids[1])
    assert matrix.containment[i, j] == pytest.approx(alignment.containment_ab)
    assert policy_matrix(space, hide_boilerplate=True).containment[i, j] == pytest.approx(
        align_sets(space, a, b, hide_boilerplate=True).containment_ab
    )


def test_fewer_than_five_policies_never_make_boilerplate_by_recurrence(store: ClauseStore, tmp_path: Path) -> None:
    from tests.compare.fictional import SHARED, add_towns

    add_towns(store, tmp_path)
    for policy_id in ("fictional-town-4", "fictional-town-5"):
        store.delete_document(store.primary_document(policy_id).id)  # type: ignore[union-attr]
    space = build_space(store)
    shared = next(c for c in load_clauses(store, "fictional-town-0").clauses if c.heading == SHARED[0])
    # five policies with text remain (four towns and Zhejiang), but Zhejiang lacks the clause: 3 of 4 others = 75%
    assert space.is_boilerplate(shared)
    store.delete_document(store.primary_document("fictional-town-3").id)  # type: ignore[union-attr]
    assert not build_space(store).is_boilerplate(shared)  # now only three others: too few to tell
