"""Briefing tables: policies side by side, every row citing where it comes from."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from compare.briefing.brief import build_brief, period_text, reference
from compare.provisions.facts import Provisions, Source, provisions_for, provisions_of
from corpus.library import read_clauses
from tests.paths import FIXTURES, ZHEJIANG

NANSHA = "guangzhou-nansha-2022-nine-measures"
GBT = re.compile(r"^[^.]+\. .+\[EB/OL\]\. \(\d{4}-\d{2}(?:-\d{2})?\)\[\d{4}-\d{2}-\d{2}\]\.(?: \S+\.)?$")


SHANGHAI = "shanghai-2022-2025-new-track-action-plan"
MEASURES = str(FIXTURES / "fictional_article_measures.txt")
ZHEJIANG_TITLE = "浙江省元宇宙产业发展行动计划（2023—2025年）"


@pytest.fixture(scope="module")
def brief(shared_store):
    return build_brief(provisions_for(shared_store, [ZHEJIANG, NANSHA]), accessed="2026-01-05")


@pytest.fixture(scope="module")
def measures(shared_store):
    """The fictional 鹭汀区 measure: seventeen 第X条 articles, a fund, a budget and fourteen grants."""
    return build_brief(provisions_of(read_clauses(MEASURES)), accessed="2026-01-05")


def test_tables_in_order(brief):
    assert [t.name for t in brief.tables] == [
        "overview",
        "subsidy_matrix",
        "subsidy_summary",
        "subsidies",
        "funds",
        "target_matrix",
        "targets",
        "sources",
    ]
    assert brief.lang == "zh" and brief.table("target_matrix").title.startswith("目标对照")


def test_target_matrix_lists_different_targets_and_never_adds_them(brief):
    row = brief.table("target_matrix").frame.set_index("Policy").loc[ZHEJIANG_TITLE]
    assert row["Industry scale, related (亿元)"] == 2000
    assert row["kind:enterprises"] == "行业头部企业 10家以上；细分领域专精特新企业 50家以上"  # never 60
    assert (row["kind:standards"], row["kind:patents"], row["Year"]) == (
        "新增我省主导或参与的元宇宙相关标准 20项以上",
        "新申请元宇宙相关专利 500项以上",
        2025,
    )
    assert row["Jurisdiction"] == "浙江省" and row["Clause"].count("一、（二）") == 4


def test_a_scale_is_the_figure_of_its_own_scope(shared_store):
    """Shanghai's related industry is 3,500亿; 15,000亿 is the software and IT industry it pulls along."""
    frame = build_brief(provisions_for(shared_store, [SHANGHAI, "henan-2022-2025-action-plan"])).table("target_matrix").frame
    shanghai, henan = frame.iloc[0], frame.iloc[1]
    assert shanghai["Industry scale, related (亿元)"] == 3500
    assert shanghai["driven:带动软件和信息服务业规模"] == 15000 and shanghai["driven:带动电子信息制造业规模"] == 5500
    assert (henan["Industry scale, core (亿元)"], henan["Industry scale, related (亿元)"]) == (300, 1000)
    assert pd.isna(henan["driven:带动软件和信息服务业规模"])
    assert henan["kind:enterprises"] == "核心竞争力骨干企业 10家；细分领域专精特新企业 200家；创新型中小企业 500家"  # never 710


def _figures(frame: pd.DataFrame) -> list[float]:
    return [float(v) for c in frame.columns for v in frame[c] if isinstance(v, (int, float)) and not pd.isna(v) and c != "Year"]


@pytest.mark.parametrize("selectors", [[ZHEJIANG, NANSHA], [SHANGHAI, "henan-2022-2025-action-plan"], None])
def test_no_summary_holds_a_sum(shared_store, selectors):
    """Every figure of the target matrix is one target's value and every amount of the subsidy
    summary one record's amount, so no cell adds different targets or instruments."""
    got = provisions_for(shared_store, selectors)
    brief = build_brief(got)
    targets = {round(t.value / 1e8, 6) for t in got.targets if t.unit == "元"}
    assert {round(v, 6) for v in _figures(brief.table("target_matrix").frame)} <= targets
    amounts = {s.amount_yuan / 1e4 for s in got.subsidies if s.amount_yuan is not None and s.kind != "fund"}
    summary = brief.table("subsidy_summary").frame
    assert set(summary["Largest amount (万元)"].dropna()) <= amounts
    counts = {f"{t.value:g}{t.unit}" for t in got.targets if t.unit not in ("元", "%")}
    for cell in (v for v in brief.table("target_matrix").frame.filter(like="kind:").to_numpy().ravel() if isinstance(v, str)):
        assert {n for n in re.findall(r"(\d+(?:\.\d+)?[家个项座所款件支])", cell)} <= counts, cell


def test_every_row_of_a_measure_cites_its_article(measures):
    for name in ("subsidy_summary", "subsidies", "funds", "targets"):
        clauses = measures.table(name).frame["Clause"]
        assert len(clauses) and clauses.str.match(r"^第[一二三四五六七八九十]+条 ").all(), (name, list(clauses))
    assert measures.table("subsidies").frame["Clause id"].str.contains("/").all()


def test_funds_are_kept_apart_from_subsidies(measures, shared_store):
    assert list(measures.table("funds").frame["Size (万元)"]) == [100000, 10000]
    assert "fund" not in set(measures.table("subsidies").frame["Kind"])
    assert "kind:fund" not in measures.table("subsidy_matrix").frame
    shanghai = build_brief(provisions_for(shared_store, [SHANGHAI]))
    assert shanghai.table("subsidy_summary").frame.empty  # its 100亿 fund is no subsidy
    assert list(shanghai.table("funds").frame["Size (万元)"]) == [1e6]


def test_the_summary_keeps_instruments_apart(measures):
    summary = measures.table("subsidy_summary").frame
    rows = {
        (k, f, p): (largest, clause)
        for k, f, p, largest, clause in summary[["Kind", "Form", "Per", "Largest", "Clause"]].itertuples(index=False)
    }
    assert rows[("talent", "per_person", "month")] == ("0.5万元/人/月", "第七条 人才生活补贴")
    assert rows[("talent", "grant", "")] == ("最高100万元", "第八条 人才购房补贴")
    assert rows[("rent", "free_space", "")] == ("免租3年，150㎡", "第九条 人才公寓")
    assert rows[("rent", "grant", "year")] == ("最高100万元/年，按50%", "第十条 办公用房补贴")
    assert rows[("startup", "grant", "")] == ("最高100万元", "第六条 支持创业团队")
    assert rows[("compute", "voucher", "year")] == ("最高200万元/年，按50%", "第五条 支持算力使用")
    assert rows[("relocation", "grant", "")] == ("最高300万元（一次性）", "第三条 支持企业落户")
    assert len(summary) == 13 and (summary["Records"] == 1).sum() == 12  # 标准制定 50万元 and 30万元 share a row


def test_the_matrix_lists_each_instrument_with_its_unit(measures):
    row = measures.table("subsidy_matrix").frame.iloc[0]
    assert row["kind:talent"] == "0.5万元/人/月；最高100万元"
    assert row["kind:rent"] == "免租3年，150㎡；最高100万元/年，按50%"


def test_english_brief_writes_its_own_words_in_english(shared_store):
    brief = build_brief(provisions_of(read_clauses(MEASURES)), lang="en")
    assert brief.table("target_matrix").title.startswith("Target comparison")
    assert "5000 yuan" not in brief.table("subsidy_matrix").frame.iloc[0]["kind:talent"]
    assert brief.table("subsidy_matrix").frame.iloc[0]["kind:talent"] == "0.5万元/person/month; up to 100万元"
    assert brief.table("subsidy_matrix").frame.iloc[0]["kind:rent"].startswith("rent-free for 3 years, 150㎡; ")


def test_subsidy_tables_from_the_registry(brief):
    matrix = brief.table("subsidy_matrix").frame
    assert list(matrix["Policy"]) == ["广州南沙新区（自贸区南沙片区）推动元宇宙生态发展的九条措施"]  # Zhejiang grants no amount
    row = matrix.iloc[0]
    assert row["kind:relocation"] == "最高3000万元（一次性）" and "最高20000万元" in row["kind:platform"]
    assert row["Source"].startswith("registry: http") and row["Clause"] == "（登记资料）"
    summary = brief.table("subsidy_summary").frame
    rd = summary[summary["Kind"] == "rd"]
    assert list(rd["Largest"]) == ["最高1000万元", "最高1000万元/年"]  # a yearly cap is not a one-off grant
    assert list(rd["Rates"]) == ["20%", ""]
    long = brief.table("subsidies").frame
    assert (long["Policy id"] == NANSHA).all() and (long["Clause"] == "（登记资料）").all()
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


@pytest.mark.parametrize(
    ("per", "lang", "text"),
    [
        (None, "zh", ""),
        ("once", "zh", "（一次性）"),
        ("year", "zh", "/年"),
        ("month", "zh", "/月"),
        ("year", "en", "/year"),
        ("once", "en", " (once)"),
    ],
)
def test_period_text(per, lang, text):
    assert period_text(per, lang) == text
