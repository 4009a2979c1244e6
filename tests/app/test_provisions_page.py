"""The Subsidies & targets page: every policy by default, Zhejiang's targets from its text,
registry policies' subsidies with their pages, filters, traceable charts, English labels."""

from __future__ import annotations

import json

import pytest

from compare.provisions.facts import provisions_for
from tests.app.apptest import run_app, texts
from tests.paths import ZHEJIANG

PAGE = "app_pages/provisions.py"
NANSHA = "guangzhou-nansha-2022-nine-measures"


def _frames(at) -> dict[str, object]:
    """The page's tables by what they show (Chinese labels): "subsidies" and "targets" (one row a
    record), "subsidy_matrix" and "target_matrix"; a table the page does not show is missing."""
    found = {}
    for frame in (d.value for d in at.dataframe):
        columns = set(frame.columns)
        if "金额（万元）" in columns:
            found["subsidies"] = frame
        elif "规模（万元）" in columns:
            found["funds"] = frame
        elif "指标" in columns:
            found["targets"] = frame
        elif "年份" in columns:
            found["target_matrix"] = frame
        else:
            found["subsidy_matrix"] = frame
    return found


def _choose(at, *ids: str):
    at.multiselect(key="prov_policies").set_value(list(ids)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_shows_every_policy_on_a_fresh_database(store):
    at = run_app(PAGE)
    everything = provisions_for(store)
    grants = [s for s in everything.subsidies if s.kind != "fund"]  # funds and budgets have a table of their own
    assert at.multiselect(key="prov_policies").value == [p.id for p in store.policies()]
    assert [m.value for m in at.metric] == ["26", "1", str(len(grants)), str(len(everything.targets))]
    frames = _frames(at)
    assert len(frames["subsidies"]) == len(grants)
    assert len(frames["funds"]) == len(everything.subsidies) - len(grants)
    assert len(frames["targets"]) == len(everything.targets)
    assert len(at.get("vega_lite_chart")) == 3


def test_zhejiang_targets_come_from_its_text(store):
    at = _choose(run_app(PAGE), ZHEJIANG)
    assert "所选政策和筛选条件下没有补贴记录。" in texts(at)  # Zhejiang grants no amounts
    targets = _frames(at)["targets"]
    scale = targets[targets["类别"] == "产业规模"].iloc[0]
    assert (scale["指标"], scale["数值"], scale["单位"], scale["年份"]) == ("相关产业规模", 2000.0, "亿元", 2025)
    assert scale["口径"] == "相关"
    assert scale["条款"] == "一、（二） 产业链条持续完善"
    assert scale["记录来源"] == "文本"
    assert set(targets["指标"]) >= {"行业头部企业", "细分领域专精特新企业", "创新示范应用场景", "新申请元宇宙相关专利"}
    matrix = _frames(at)["target_matrix"]
    assert matrix.iloc[0]["相关产业规模（亿元）"] == 2000.0
    assert matrix.iloc[0]["企业"] == "行业头部企业 10家以上；细分领域专精特新企业 50家以上"  # never 60


def test_registry_subsidies_are_marked_with_their_page(store):
    at = _choose(run_app(PAGE), NANSHA)
    subsidies = _frames(at)["subsidies"]
    assert set(subsidies["记录来源"]) == {"登记"}
    assert set(subsidies["条款"]) == {"（登记资料）"}
    assert all(s.startswith("http") for s in subsidies["来源"])
    assert 20000.0 in set(subsidies["金额（万元）"])
    matrix = _frames(at)["subsidy_matrix"]
    assert matrix.iloc[0]["平台"].startswith("最高20000万元")


def test_kind_filter_keeps_the_chosen_kinds(store):
    at = run_app(PAGE)
    at.multiselect(key="prov_subsidy_kinds").set_value(["rd"]).run()
    at.multiselect(key="prov_target_kinds").set_value(["industry_scale"]).run()
    assert not at.exception
    frames = _frames(at)
    assert set(frames["subsidies"]["类别"]) == {"研发"}
    assert [c for c in frames["subsidy_matrix"].columns if c not in ("政策", "地区", "条款", "来源")] == ["研发"]
    assert set(frames["targets"]["类别"]) == {"产业规模"}
    # a kind chosen before survives choosing policies that lack it
    _choose(at, ZHEJIANG, NANSHA)
    assert set(_frames(at)["targets"]["类别"]) == {"产业规模"}


@pytest.mark.parametrize(("origin", "n_policies", "origins"), [("text", "1", {"文本"}), ("registry", "25", {"登记"})])
def test_text_or_registry_filter(store, origin, n_policies, origins):
    at = run_app(PAGE)
    at.segmented_control(key="prov_origin").set_value(origin).run()
    assert not at.exception
    assert at.metric[0].value == n_policies
    assert set(_frames(at)["targets"]["记录来源"]) == origins


def test_an_empty_selection_says_so(store):
    at = _choose(run_app(PAGE))
    assert [i.value for i in at.info] == ["请至少选择一项政策。"]
    assert not at.dataframe


def test_charts_name_the_policy_and_where_each_figure_comes_from(store):
    at = _choose(run_app(PAGE), ZHEJIANG, NANSHA)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 3
    for spec in specs:
        titles = {tip["title"] for tip in spec["encoding"]["tooltip"]}
        assert {"政策", "条款", "来源"} <= titles


def test_english_labels(store):
    at = run_app(PAGE, lang="en")
    assert at.title[0].value == "Subsidies & targets"
    assert [tab.label for tab in at.tabs] == ["Subsidies", "Targets"]
    subsidies = next(d.value for d in at.dataframe if "Amount (万元)" in d.value.columns)
    assert {"Policy", "Records from", "Kind", "Amount (万元)", "Clause", "Source"} <= set(subsidies.columns)
    assert "registry" in set(subsidies["Records from"])
    assert "R&D" in set(subsidies["Kind"]) and "funds and budgets" not in set(subsidies["Kind"])
    funds = next(d.value for d in at.dataframe if "Size (万元)" in d.value.columns)
    assert len(funds) and "Clause id (internal)" in funds.columns
