"""Match against a policy or the whole corpus with filters; free-text search; empty answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.match import match_clauses, search
from compare.space import ClauseSpace, Filters, build_space
from corpus.library import ClauseSet, load_clauses
from corpus.store import ClauseStore
from tests.compare.conftest import ZHEJIANG
from tests.compare.fictional import add_borrowing_plan, add_district_measures


@pytest.fixture
def three(store: ClauseStore, tmp_path: Path) -> tuple[ClauseStore, ClauseSpace, str, str]:
    zhejiang = load_clauses(store, ZHEJIANG)
    borrower = add_borrowing_plan(store, zhejiang, tmp_path)
    district = add_district_measures(store)
    return store, build_space(store), borrower, district


def test_every_source_clause_gets_candidates_best_first(tfidf_space: ClauseSpace, official: ClauseSet, article: ClauseSet) -> None:
    matches = match_clauses(tfidf_space, official, article, k=3)
    assert [m.clause.id for m in matches] == [c.id for c in official.clauses]
    for m in matches:
        scores = [h.score for h in m.candidates]
        assert scores == sorted(scores, reverse=True) and len(scores) <= 3
        assert m.candidates[0].clause.heading == m.clause.heading
        assert m.candidates[0].explanation is not None
        assert m.candidates[0].explanation.match_class in {"identical", "near-identical"}


def test_corpus_wide_match_never_returns_the_source_policy(three: tuple[ClauseStore, ClauseSpace, str, str]) -> None:
    store, space, borrower, district = three
    matches = match_clauses(space, load_clauses(store, borrower), k=5)
    policies = {h.policy_id for m in matches for h in m.candidates}
    assert borrower not in policies
    assert ZHEJIANG in policies
    first = matches[0].candidates[0]
    assert first.policy_id == ZHEJIANG and first.score > 0.99  # the first borrowed task, found at home


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(levels=("district",)), {"qinglan-2022-measures"}),
        (Filters(levels=("province",)), {ZHEJIANG}),
        (Filters(provinces=("浙江",)), {ZHEJIANG}),
        (Filters(date_to="2022-10-01"), {"qinglan-2022-measures"}),
        (Filters(date_from="2022-12-01", date_to="2022-12-31"), {ZHEJIANG}),
    ],
)
def test_filters_restrict_the_corpus(three: tuple[ClauseStore, ClauseSpace, str, str], filters: Filters, allowed: set[str]) -> None:
    store, space, borrower, _ = three
    matches = match_clauses(space, load_clauses(store, borrower), k=3, filters=filters)
    found = {h.policy_id for m in matches for h in m.candidates}
    assert found and found <= allowed


def test_search_finds_the_clause_about_the_query(tfidf_space: ClauseSpace) -> None:
    hits = search(tfidf_space, "数字藏品 区块链 监管", k=5)
    assert hits and all(h.policy_id == ZHEJIANG for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert any("数字藏品" in h.clause.text or "区块链" in h.clause.text for h in hits[:2])


def test_search_can_include_the_news_around_reprints(tfidf_space: ClauseSpace) -> None:
    hits = search(tfidf_space, "胡润中国元宇宙潜力企业榜", k=3, include_context=True)
    assert hits[0].clause.role == "context"
    assert all(h.clause.role == "body" for h in search(tfidf_space, "胡润中国元宇宙潜力企业榜", k=3))


@pytest.mark.parametrize("query", ["", "   ", "zzqqxx", "！？"])
def test_a_query_without_match_is_an_empty_answer(tfidf_space: ClauseSpace, query: str) -> None:
    assert search(tfidf_space, query) == []


def test_filters_that_exclude_everything_give_an_empty_answer(tfidf_space: ClauseSpace, official: ClauseSet) -> None:
    assert search(tfidf_space, "元宇宙", filters=Filters(levels=("district",))) == []
    assert all(m.candidates == () for m in match_clauses(tfidf_space, official, k=3))  # Zhejiang is alone


def test_a_source_without_text_gives_no_matches(tfidf_space: ClauseSpace, compare_store: ClauseStore) -> None:
    empty_id = next(s.policy.id for s in compare_store.summaries() if not s.has_text)
    assert match_clauses(tfidf_space, load_clauses(compare_store, empty_id), k=3) == []


def test_an_empty_corpus_gives_empty_answers(tmp_path: Path) -> None:
    from corpus.library import open_store

    store = open_store(tmp_path / "empty.sqlite", seed=False)
    space = build_space(store)
    assert len(space) == 0
    assert search(space, "元宇宙") == []
