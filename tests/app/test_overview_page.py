"""The Overview page: one row per policy with its facts, and the timeline by date and level with
an arrow where a later policy contains much of an earlier one (fictional 青岚区 and 云梦泽市)."""

from __future__ import annotations

import json

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from corpus.library import add_policy, ingest
from corpus.models import Policy
from tests.app.apptest import run_app, texts
from tests.compare.fictional import add_district_measures
from tests.paths import FIXTURES, ZHEJIANG

PAGE = "app_pages/overview.py"


def _city_copy(store, tmp_path) -> str:
    """A fictional city measure issued after 青岚区's that takes over its articles."""
    text = (FIXTURES / "fictional_district_measures.txt").read_text(encoding="utf-8").replace("青岚区", "云梦泽市")
    path = tmp_path / "yunmengze_measures.txt"
    path.write_text(text, encoding="utf-8")
    add_policy(
        store,
        Policy("yunmengze-2023-measures", "云梦泽市促进元宇宙产业高质量发展若干措施", "云梦泽市", "白鹭洲省", "city", date="2023-02-01"),
    )
    ingest(store, str(path), policy_id="yunmengze-2023-measures")
    return "yunmengze-2023-measures"


def test_one_row_per_policy_and_a_timeline_with_an_arrow(store, tmp_path):
    district = add_district_measures(store)
    city = _city_copy(store, tmp_path)
    at = run_app(PAGE)
    at.multiselect(key="overview_policies").set_value([ZHEJIANG, district, city]).run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value.set_index("政策")
    assert list(table["层级"]) == ["区县级", "省级", "市级"]  # by date
    zhejiang = table.loc["浙江省元宇宙产业发展行动计划（2023—2025年）"]
    assert (zhejiang["发布日期"], zhejiang["条款数"], zhejiang["主要目标"]) == ("2022-12-15", 32, "相关产业规模 2000亿元以上（2025）")
    assert zhejiang["政策工具结构"].startswith("供给型 ")
    qinglan = table.loc["青岚区促进元宇宙产业高质量发展若干措施（试行）"]
    assert "落户：最高500万元（一次性）" in qinglan["各类最高资助（按方式）"]
    (chart,) = at.get("vega_lite_chart")
    assert [layer["mark"]["type"] for layer in json.loads(chart.proto.spec)["layer"]] == ["line", "point", "circle"]
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    arrows = [row for f in frames if "from" in f for row in f.to_dict("records")]
    assert {(a["from"], a["to"]) for a in arrows} == {
        ("青岚区促进元宇宙产业高质量发展若干措施（试行）", "云梦泽市促进元宇宙产业高质量发展若干措施")
    }
    assert all(a["share"] >= 0.3 for a in arrows)


def test_english_and_no_arrows_without_containment(store):
    at = run_app(PAGE, lang="en")
    assert at.title[0].value == "Overview"
    assert "Headline target" in at.dataframe[0].value.columns and "Level" in at.dataframe[0].value.columns
    assert "No later policy contains much of an earlier one" in texts(at)
    assert len(at.get("vega_lite_chart")) == 1
