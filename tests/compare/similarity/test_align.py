"""Alignment: optimal one-to-one pairs, what each side lacks, directional containment."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compare.similarity.align import align_embeddings, align_sets, assign, containment
from compare.similarity.space import build_space
from corpus.library import ClauseSet, load_clauses, read_clauses
from corpus.store import ClauseStore
from tests.compare.conftest import ZHEJIANG
from tests.compare.fictional import BORROWED, OWN_TASKS, STOCK, add_borrowing_plan, borrowed_clauses


@pytest.mark.parametrize(
    ("scores", "threshold", "expected"),
    [
        # greedy would take (0, 0) = 0.9 and leave row 1 with 0.1; the optimum pairs crosswise
        ([[0.9, 0.8], [0.85, 0.1]], 0.5, [(0, 1, 0.8), (1, 0, 0.85)]),
        ([[0.9, 0.2], [0.3, 0.1]], 0.5, [(0, 0, 0.9)]),
        ([[0.1]], 0.5, []),
        (np.zeros((0, 3)), 0.5, []),
        ([[0.6, 0.7, 0.9]], 0.5, [(0, 2, 0.9)]),
    ],
)
def test_assign(scores: list[list[float]], threshold: float, expected: list[tuple[int, int, float]]) -> None:
    got = assign(np.asarray(scores, dtype=np.float64), threshold)
    assert [(i, j) for i, j, _ in got] == [(i, j) for i, j, _ in expected]
    assert [s for _, _, s in got] == pytest.approx([s for _, _, s in expected])


E = np.eye(3, dtype=np.float32)  # three unrelated unit vectors


@pytest.mark.parametrize(
    ("a", "b", "pairs", "only_a", "only_b", "ab", "ba"),
    [
        (E, E, [(0, 0), (1, 1), (2, 2)], [], [], 1.0, 1.0),
        (E, E[[2, 0]], [(0, 1), (2, 0)], [1], [], 2 / 3, 1.0),  # B holds two of A's three
        (E[:0], E, [], [], [0, 1, 2], 0.0, 0.0),  # an empty side
        (E[:2], E[2:], [], [0, 1], [0], 0.0, 0.0),  # nothing in common
    ],
)
def test_align_embeddings_on_plain_arrays(a, b, pairs, only_a, only_b, ab, ba) -> None:
    got = align_embeddings(a, b, 0.5)
    assert [(i, j) for i, j, _ in got.pairs] == pairs
    assert (list(got.only_a), list(got.only_b)) == (only_a, only_b)
    assert (got.containment_ab, got.containment_ba) == pytest.approx((ab, ba))


def test_align_embeddings_weighs_boilerplate_a_fifth() -> None:
    got = align_embeddings(E, E[:1], 0.5, flags_a=np.array([True, False, False]))
    assert got.containment_ab == pytest.approx(0.2 / 2.2)
    assert align_embeddings(E, E[:1], 0.5, flags_a=np.array([True, False, False]), hide_boilerplate=True).containment_ab == 0.0


def test_containment_down_weights_boilerplate() -> None:
    best = np.array([0.9, 0.9, 0.1])
    flags = np.array([False, True, False])
    assert containment(best, 0.5, np.zeros(3, dtype=bool)) == pytest.approx(2 / 3)
    assert containment(best, 0.5, flags) == pytest.approx(1.2 / 2.2)
    assert containment(best, 0.5, flags, hide_boilerplate=True) == pytest.approx(0.5)
    assert containment(np.zeros(0), 0.5, np.zeros(0, dtype=bool)) == 0.0


def test_a_borrowing_policy_is_contained_in_its_source(store: ClauseStore, tmp_path: Path) -> None:
    zhejiang = load_clauses(store, ZHEJIANG)
    policy_id = add_borrowing_plan(store, zhejiang, tmp_path)
    space = build_space(store)
    alignment = align_sets(space, load_clauses(store, policy_id), zhejiang)
    exact = [p for p in alignment.pairs if p.match_class == "identical"]
    assert {p.b.id for p in exact} == {c.id for c in borrowed_clauses(zhejiang)}
    assert {c.heading for c in alignment.only_a} >= {h for h, _ in OWN_TASKS}
    assert alignment.containment_ab > 0.6  # most of the borrower is in Zhejiang …
    assert alignment.containment_ba < 0.35  # … little of Zhejiang is in the borrower
    assert len(alignment.only_b) >= len(zhejiang.clauses) - BORROWED - 3
    stock = next(c for c in load_clauses(store, policy_id).clauses if c.heading == STOCK[0])
    assert stock.id in alignment.boilerplate_a


def test_identical_policies_align_completely(tfidf_space: object, official: ClauseSet) -> None:
    alignment = align_sets(tfidf_space, official, official)  # type: ignore[arg-type]
    assert all(p.a.id == p.b.id and p.match_class == "identical" for p in alignment.pairs)
    assert len(alignment.pairs) == len(official.clauses)


def test_one_clause_against_a_policy(tfidf_space: object, official: ClauseSet) -> None:
    one = ClauseSet("one", "one", "", official.clauses[7:8], ())
    alignment = align_sets(tfidf_space, one, official)  # type: ignore[arg-type]
    assert [(p.a.id, p.b.id) for p in alignment.pairs] == [(official.clauses[7].id, official.clauses[7].id)]
    assert len(alignment.only_b) == len(official.clauses) - 1


def test_a_policy_without_text_aligns_to_nothing(tfidf_space: object, official: ClauseSet, compare_store: ClauseStore) -> None:
    empty_id = next(s.policy.id for s in compare_store.summaries() if not s.has_text)
    empty = load_clauses(compare_store, empty_id)
    alignment = align_sets(tfidf_space, empty, official)  # type: ignore[arg-type]
    assert alignment.pairs == () and alignment.only_a == ()
    assert len(alignment.only_b) == len(official.clauses)
    assert alignment.containment_ab == 0.0 and alignment.containment_ba == 0.0


def test_an_unstored_file_is_embedded_on_the_fly(
    tfidf_space: object, official: ClauseSet, compare_store: ClauseStore, tmp_path: Path
) -> None:
    from tests.compare.fictional import borrowing_text

    path = tmp_path / "plan.txt"
    path.write_text(borrowing_text(official), encoding="utf-8")
    alignment = align_sets(tfidf_space, read_clauses(str(path)), official)  # type: ignore[arg-type]
    assert sum(p.match_class == "identical" for p in alignment.pairs) == BORROWED
