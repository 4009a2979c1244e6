"""The overview (one row per policy) and the timeline with its containment arrows."""

from __future__ import annotations

import numpy as np
import pytest

from compare.briefing.brief import build_brief
from compare.briefing.overview import funds, headline_target, overview_table, timeline
from compare.provisions.facts import merge_provisions, provisions_for, provisions_of
from compare.provisions.subsidies import Subsidy
from compare.similarity.matrix import PolicyMatrix
from corpus.library import read_clauses
from corpus.models import Policy
from tests.paths import FIXTURES, ZHEJIANG

SHANGHAI = "shanghai-2022-2025-new-track-action-plan"
MEASURES = str(FIXTURES / "fictional_article_measures.txt")


@pytest.fixture(scope="module")
def overview(shared_store):
    got = merge_provisions([provisions_for(shared_store, [ZHEJIANG, SHANGHAI]), provisions_of(read_clauses(MEASURES))])
    return overview_table(got).set_index("Policy id")


def test_one_row_per_policy_with_its_facts(overview):
    zhejiang = overview.loc[ZHEJIANG]
    assert (zhejiang["Level"], zhejiang["Date"], zhejiang["Clauses"]) == ("province", "2022-12-15", 32)
    assert zhejiang["Issuer"].startswith("浙江省发展和改革委员会")
    assert zhejiang["Headline target"] == "相关产业规模 2000亿元以上（2025）"
    assert "Instruments" not in overview  # only when the caller coded the clauses


def test_the_headline_is_the_metaverse_figure_not_an_industry_driven(overview):
    assert overview.loc[SHANGHAI, "Headline target"] == "元宇宙相关产业规模 3500亿元（2025）"
    assert overview.loc[SHANGHAI, "Funds"] == "100亿元" and overview.loc[SHANGHAI, "Largest grants"] == ""


def test_largest_grants_per_instrument_and_funds_apart(overview):
    row = overview.filter(like="fictional", axis=0).iloc[0]
    assert row["Clauses"] == 17 and row["Funds"] == "10亿元；1亿元/年"
    grants = row["Largest grants"].split("；")
    assert "人才：0.5万元/人/月" in grants and "人才：最高100万元" in grants
    assert "租金与场地：免租3年，150㎡" in grants and "算力：最高200万元/年，按50%" in grants
    assert not any("10亿" in g or "100000" in g for g in grants)


def test_the_overview_is_the_first_sheet_of_the_brief(shared_store):
    brief = build_brief(provisions_for(shared_store, [ZHEJIANG]), instruments={ZHEJIANG: "供给型 50%，环境型 30%，需求型 20%"})
    frame = brief.table("overview").frame
    assert brief.tables[0].name == "overview" and list(frame["Instruments"]) == ["供给型 50%，环境型 30%，需求型 20%"]


def test_headline_target_of_nothing():
    assert headline_target([]) == ""


def _policy(pid: str, level: str, day: str | None) -> Policy:
    return Policy(pid, f"{pid}方案", f"{pid}地", "白鹭洲省", level, date=day)


def test_timeline_orders_by_date_and_draws_containment_from_earlier_to_later():
    district, city, province, undated = (
        _policy("qinglan", "district", "2022-03-01"),
        _policy("yunmengze", "city", "2022-08"),
        _policy("bailuzhou", "province", "2022-12-15"),
        _policy("cangwu", "district", None),
    )
    # share of the row policy's clauses found in the column policy
    containment = np.array([[1.0, 0.6, 0.1], [0.2, 1.0, 0.45], [0.05, 0.3, 1.0]])
    matrix = PolicyMatrix(
        (district, city, province),
        ("qinglan", "yunmengze", "bailuzhou"),
        containment,
        containment,
        (10, 20, 30),
        (0, 1, 2),
        (),
        0.3,
        "tfidf",
    )
    points, links = timeline([province, undated, city, district], matrix, min_share=0.4)
    assert list(points["Policy id"]) == ["qinglan", "yunmengze", "bailuzhou"]
    assert list(points["Date"]) == ["2022-03-01", "2022-08-01", "2022-12-15"]
    assert [(c.earlier, c.later, c.share, c.back) for c in links] == [
        ("qinglan", "yunmengze", 0.6, 0.2),
        ("yunmengze", "bailuzhou", 0.45, 0.3),
    ]
    assert timeline([district], None)[1] == []


def _fund(yuan: float, per: str | None) -> Subsidy:
    return Subsidy("yunmengze-fund", None, (), "fund", yuan, None, None, None, None, None, per, None, None, "设立云梦泽市元宇宙产业基金。")


@pytest.mark.parametrize(
    ("records", "lang", "text"),
    [
        ([], "zh", ""),
        ([_fund(1e9, None)], "zh", "10亿元"),
        ([_fund(1e9, "once"), _fund(1e8, "year")], "zh", "10亿元；1亿元/年"),  # a one-off fund has no period
        ([_fund(5e7, "month"), _fund(1.5e8, "year")], "en", "5000万元/month; 1.5亿元/year"),
    ],
)
def test_funds_with_their_size_and_period(records, lang, text):
    assert funds(records, lang) == text
