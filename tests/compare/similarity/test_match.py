"""Match against a policy or the whole corpus with filters; free-text search; empty answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.similarity.match import match_clauses, search
from compare.similarity.models import clause_text
from compare.similarity.space import ClauseSpace, Filters, build_space
from corpus.library import ClauseSet, ingest, load_clauses
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


def test_corpus_wide_scores_are_on_the_scale_of_a_policy_to_policy_match(three: tuple[ClauseStore, ClauseSpace, str, str]) -> None:
    """The default (hybrid) embedder calibrates its scores: corpus-wide hits must be calibrated the same way."""
    store, space, borrower, _district = three
    source = load_clauses(store, borrower)
    wide = match_clauses(space, source, k=1)
    direct = match_clauses(space, source, load_clauses(store, ZHEJIANG), k=1)
    compared = 0
    for w, d in zip(wide, direct, strict=True):
        if w.candidates and d.candidates and w.candidates[0].clause.id == d.candidates[0].clause.id:
            assert w.candidates[0].score == pytest.approx(d.candidates[0].score, abs=1e-5)
            compared += 1
    assert compared >= 3


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
    store, _space, borrower, _ = three
    # TF-IDF scores weak matches above 0; the calibrated default drops unrelated clauses, which would leave nothing to check.
    space = build_space(store, "tfidf")
    matches = match_clauses(space, load_clauses(store, borrower), k=3, filters=filters)
    found = {h.policy_id for m in matches for h in m.candidates}
    assert found and found <= allowed


def test_search_finds_the_clause_about_the_query(tfidf_space: ClauseSpace) -> None:
    hits = search(tfidf_space, "数字藏品 区块链 监管", k=5)
    assert hits and all(h.policy_id == ZHEJIANG for h in hits)
    terms = [sum(w in clause_text(h.clause) for w in ("数字藏品", "区块链", "监管")) for h in hits]
    assert terms == sorted(terms, reverse=True)  # more whole terms first, then by score
    assert any("数字藏品" in h.clause.text or "区块链" in h.clause.text for h in hits[:2])


DIGITAL = """云溪市数字经济促进办法
第一条 发展数字经济，建设数字政府，推进数字产业化和产业数字化，壮大数字产业，提升数字技术，培育数字消费，打造数字城市。
第二条 支持数字人技术研发和场景应用。
第三条 建设人工智能算力平台，支持企业开展数据标注。
"""


@pytest.fixture
def digital(store: ClauseStore, tmp_path: Path) -> ClauseSpace:
    path = tmp_path / "云溪市数字经济促进办法.txt"  # fictional
    path.write_text(DIGITAL, encoding="utf-8")
    ingest(store, str(path), policy_id="yunxi-digital")
    return build_space(store)


@pytest.mark.parametrize(
    ("query", "exact", "first", "only"),
    [
        ("数字人", False, "第二条", None),  # the whole word first, however often 数字 alone occurs elsewhere
        ("数字人", True, "第二条", {"第二条"}),
        ("数字人 场景", False, "第二条", None),
        ("数字 人", True, "第二条", {"第二条"}),  # a phrase, spaces ignored
        ("算力平台", True, "第三条", {"第三条"}),
        ("算力 数据", False, "第三条", None),
        ("数字人场景", True, None, set()),  # not written as one phrase anywhere
    ],
)
def test_search_prefers_clauses_containing_the_whole_query(
    digital: ClauseSpace, query: str, exact: bool, first: str | None, only: set[str] | None
) -> None:
    hits = search(digital, query, k=10, exact=exact, filters=Filters(policies=("yunxi-digital",)))
    numbers = [h.clause.number for h in hits]
    if first is not None:
        assert numbers[0] == first
    if only is not None:
        assert set(numbers) == only


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
