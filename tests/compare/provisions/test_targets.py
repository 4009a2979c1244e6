"""Targets read out of clauses: fictional clauses for every form, the seeds for the golden targets."""

from __future__ import annotations

import pytest

from compare.provisions.targets import Target, extract_targets, is_target_clause
from corpus.library import load_clauses
from tests.compare.fictional import clause
from tests.paths import ZHEJIANG

GOAL = ("一、总体要求", "（二）发展目标")


def targets_of(*texts: str, path: tuple[str, ...] = GOAL) -> list[Target]:
    return extract_targets([clause(t, path=path, n=i) for i, t in enumerate(texts, 1)], "yunmengze-plan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2026年，核心产业规模突破500亿元，带动相关产业规模达到1500亿元。",
            [("industry_scale", 5e10, "元", "突破", "core"), ("industry_scale", 1.5e11, "元", "达到", "related")],
        ),
        ("培育元宇宙企业100家以上。", [("enterprises", 100, "家", "以上", None)]),
        ("打造二十个以上典型应用场景。", [("scenarios", 20, "个", "以上", None)]),
        ("建设3个元宇宙特色产业园。", [("parks", 3, "个", None, None)]),
        ("制定团体标准15项，新增发明专利300件以上。", [("standards", 15, "项", None, None), ("patents", 300, "件", "以上", None)]),
        ("建成5个省级以上创新中心和8个公共服务平台。", [("centers", 5, "个", None, None), ("platforms", 8, "个", None, None)]),
        ("培育营业收入超过100亿元的企业5家。", [("enterprises", 5, "家", None, None)]),
        ("上云企业达到1万家，数字经济占比提高5个百分点。", [("enterprises", 10000, "家", "达到", None)]),
    ],
)
def test_extract_targets_kind_value_and_comparator(text, expected):
    got = [(t.kind, t.value, t.unit, t.comparator, t.scope) for t in targets_of(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，实施5大重点任务和5大重点工程，实现3个“1050”。",
        "吸引世界500强企业在云梦泽市设立区域总部。",
        "到2025年，形成一批重大科技成果。",
    ],
)
def test_numbers_that_are_not_targets(text):
    assert targets_of(text) == []


def test_the_year_of_a_section_applies_to_its_bullets():
    got = targets_of("到2027年，产业体系基本形成。", "——培育企业50家以上。")
    assert [(t.kind, t.year) for t in got] == [("enterprises", 2027)]


def test_counts_outside_a_target_section_are_not_targets():
    c = clause("建设3个元宇宙特色产业园。", path=("二、重点任务",))
    assert not is_target_clause(c) and extract_targets([c], "p") == []


def test_summary_and_bullet_give_one_target():
    got = targets_of(
        "到2025年，引育10个行业头部企业，打造50个应用场景。", "——引育10家以上行业头部企业。", "——打造50个以上创新示范应用场景。"
    )
    assert [(t.kind, t.value, t.comparator, t.year, t.clause_id[-1]) for t in got] == [
        ("enterprises", 10, "以上", 2025, "2"),
        ("scenarios", 50, "以上", 2025, "3"),
    ]


# ---------------------------------------------------------------------------------- seeds

ZHEJIANG_TARGETS = {
    ("industry_scale", 2e11, "元"),
    ("enterprises", 10, "家"),
    ("enterprises", 50, "家"),
    ("products", 10, "个"),
    ("scenarios", 50, "个"),
    ("platforms", 10, "个"),
    ("centers", 50, "个"),
    ("standards", 20, "项"),
    ("patents", 500, "项"),
}


@pytest.mark.parametrize("selector", [ZHEJIANG, f"{ZHEJIANG}@2"], ids=["official", "article"])
def test_zhejiang_main_targets_come_out_once_each(shared_store, selector):
    clause_set = load_clauses(shared_store, selector)
    targets = extract_targets(clause_set.clauses, ZHEJIANG)
    assert len(targets) == 9
    assert {(t.kind, t.value, t.unit) for t in targets} == ZHEJIANG_TARGETS
    assert all(t.year == 2025 and t.comparator == "以上" for t in targets)
    assert all(t.path[-1].endswith("主要目标") for t in targets)
    scale = next(t for t in targets if t.kind == "industry_scale")
    assert (scale.label, scale.scope) == ("相关产业规模", "related")


def test_both_zhejiang_seeds_give_the_same_targets(shared_store):
    def key(selector):
        return sorted(
            (t.kind, t.label, t.value, t.unit, t.year, t.comparator)
            for t in extract_targets(load_clauses(shared_store, selector).clauses, ZHEJIANG)
        )

    assert key(ZHEJIANG) == key(f"{ZHEJIANG}@2")
