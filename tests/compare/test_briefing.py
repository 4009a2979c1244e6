"""Briefing tables: policies side by side, every row citing where it comes from."""

from __future__ import annotations

import re

import pytest

from compare.briefing import build_brief, reference
from compare.facts import Provisions, Source, provisions_for
from tests.paths import ZHEJIANG

NANSHA = "guangzhou-nansha-2022-nine-measures"
GBT = re.compile(r"^[^.]+\. .+\[EB/OL\]\. \(\d{4}-\d{2}(?:-\d{2})?\)\[\d{4}-\d{2}-\d{2}\]\.(?: \S+\.)?$")


@pytest.fixture(scope="module")
def brief(shared_store):
    return build_brief(provisions_for(shared_store, [ZHEJIANG, NANSHA]), accessed="2026-01-05")


def test_tables_in_order(brief):
    assert [t.name for t in brief.tables] == ["subsidy_matrix", "subsidy_summary", "subsidies", "target_matrix", "targets", "sources"]


def test_target_matrix_puts_zhejiang_scale_in_yi_and_counts_by_kind(brief):
    row = brief.table("target_matrix").frame.set_index("Policy").loc["浙江省元宇宙产业发展行动计划（2023—2025年）"]
    assert row["Industry scale, related (亿元)"] == 2000
    assert (row["Enterprises"], row["Scenarios"], row["Products"], row["Platforms"], row["Centres"]) == (60, 50, 10, 10, 50)
    assert (row["Standards"], row["Patents"], row["Year"]) == (20, 500, 2025)
    assert row["Jurisdiction"] == "浙江省" and row["Clause"].count("一、（二）") == 4


def test_target_long_rows_cite_title_jurisdiction_clause_and_source(brief):
    frame = brief.table("targets").frame
    zhejiang = frame[frame["Policy id"] == ZHEJIANG]
    assert len(zhejiang) == 9
    assert zhejiang["Clause"].str.startswith("一、（二） ").all() and (zhejiang["Source"] == "text").all()
    scale = zhejiang[zhejiang["Kind"] == "industry_scale"].iloc[0]
    assert (scale["Value"], scale["Unit"], scale["Year"], scale["Comparator"]) == (2000, "亿元", 2025, "以上")
    assert frame[["Policy", "Jurisdiction", "Clause", "Source"]].astype(bool).all().all()


def test_subsidy_tables_from_the_registry(brief):
    matrix = brief.table("subsidy_matrix").frame
    assert list(matrix["Policy"]) == ["广州南沙新区（自贸区南沙片区）推动元宇宙生态发展的九条措施"]  # Zhejiang grants no amount
    row = matrix.iloc[0]
    assert row["relocation (万元)"] == 3000 and row["platform (万元)"] == 20000
    assert row["Source"].startswith("registry: http") and row["Clause"] == "(registry)"
    summary = brief.table("subsidy_summary").frame
    rd = summary[summary["Kind"] == "rd"].iloc[0]
    assert (rd["Largest amount (万元)"], rd["Cap or floor"], rd["Rates"]) == (1000, "cap", "20%")
    long = brief.table("subsidies").frame
    assert (long["Policy id"] == NANSHA).all() and (long["Clause"] == "(registry)").all()
    assert long["Source"].str.startswith("http").all()


def test_sources_give_a_gbt_7714_reference_per_policy(brief):
    sources = brief.table("sources").frame.set_index("Policy id")
    assert list(sources["Records from"]) == ["text", "registry"]
    for ref in sources["Reference"]:
        assert GBT.match(ref), ref
    assert sources.loc[ZHEJIANG, "Reference"].startswith(
        "浙江省发展和改革委员会等5部门. 浙江省元宇宙产业发展行动计划（2023—2025年）[EB/OL]. (2022-12-15)["
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            Source(
                "p",
                "浙江省元宇宙产业发展行动计划（2023—2025年）",
                "浙江省",
                "浙江省经济和信息化厅",
                "2022-12-15",
                "https://example.gov.cn/a.html",
                None,
                None,
                "registry",
            ),
            "浙江省经济和信息化厅. 浙江省元宇宙产业发展行动计划（2023—2025年）[EB/OL]. (2022-12-15)[2026-01-05]. https://example.gov.cn/a.html.",
        ),
        (
            Source("q", "青岚区若干措施", "云梦泽市青岚区", None, None, None, "upload", "2026-01-02", "clause"),
            "云梦泽市青岚区. 青岚区若干措施[EB/OL]. [2026-01-02].",
        ),
    ],
)
def test_reference(source, expected):
    assert reference(source, "2026-01-05") == expected


def test_empty_provisions_give_empty_tables_with_columns():
    brief = build_brief(Provisions((), (), ()))
    assert all(t.frame.empty for t in brief.tables)
    assert "Policy" in brief.table("subsidies").frame.columns and "Reference" in brief.table("sources").frame.columns
