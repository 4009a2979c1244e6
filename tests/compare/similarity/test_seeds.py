"""Golden comparisons on the two seed versions of the Zhejiang plan, with both embedders."""

from __future__ import annotations

import pytest

from compare.similarity.align import align_sets
from compare.similarity.match import match_clauses
from compare.similarity.space import ClauseSpace
from corpus.library import ClauseSet

SPACES = ["tfidf_space", pytest.param("sbert_space", marks=pytest.mark.slow)]

# The news paragraphs that retell a clause of the plan, and a phrase of the clause they retell.
RETOLD = [
    ("要通过实施元宇宙5大重点", "一、（二）"),  # 主要目标
    ("在AR/VR/MR、区块链、人工智能", "创新能力显著增强"),
    ("在电商、文娱、教育、会展", "应用示范效应显著"),
    ("培育打造10个以上行业级", "产业生态全面构建"),
    ("布局一批海外技术转移网络", "推动“元社区”全球开源"),
    ("充分利用世界互联网大会", "品牌推广工程"),
]


@pytest.mark.parametrize("space_name", SPACES)
def test_every_task_aligns_with_its_twin_as_identical_or_near(
    space_name: str, request: pytest.FixtureRequest, official: ClauseSet, article: ClauseSet
) -> None:
    space: ClauseSpace = request.getfixturevalue(space_name)
    alignment = align_sets(space, official, article)
    pairs = {p.a.id: p for p in alignment.pairs}
    tasks = [c for c in official.clauses if c.path and c.path[0].endswith("重点任务")]
    assert len(tasks) == 16
    for task in tasks:
        pair = pairs[task.id]
        assert pair.b.heading == task.heading
        assert pair.match_class in {"identical", "near-identical"}
    assert len(alignment.pairs) == len(official.clauses) == len(article.clauses)
    assert alignment.only_a == () and alignment.only_b == ()
    assert alignment.containment_ab == pytest.approx(1.0) and alignment.containment_ba == pytest.approx(1.0)


@pytest.mark.parametrize("space_name", SPACES)
def test_news_paragraphs_find_the_clauses_they_retell(
    space_name: str, request: pytest.FixtureRequest, news: ClauseSet, official: ClauseSet
) -> None:
    space: ClauseSpace = request.getfixturevalue(space_name)
    matches = {m.clause.text: m for m in match_clauses(space, news, official, k=3)}
    for phrase, retold in RETOLD:
        paragraph = next(text for text in matches if phrase in text)
        labels = [h.clause.label for h in matches[paragraph].candidates]
        assert any(retold in label for label in labels), (phrase, labels)


def test_tfidf_puts_the_retold_clause_first(tfidf_space: ClauseSpace, news: ClauseSet, official: ClauseSet) -> None:
    matches = {m.clause.text: m for m in match_clauses(tfidf_space, news, official, k=1)}
    for phrase, retold in RETOLD:
        paragraph = next(text for text in matches if phrase in text)
        assert retold in matches[paragraph].candidates[0].clause.label
