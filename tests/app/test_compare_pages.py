"""Side by side, Search and Similarity map pages on a fresh database, as a user drives them."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from corpus.library import ingest
from tests.app.apptest import APP, run_app, texts
from tests.embeddings.models import MINILM
from tests.paths import FIXTURES, ZHEJIANG

SIDE = "app_pages/side_by_side.py"
SEARCH = "app_pages/search.py"
MAP = "app_pages/similarity_map.py"


def test_side_by_side_shows_the_zhejiang_seed_pair_aligned(store):
    at = run_app(SIDE)
    assert at.selectbox(key="side_a").value == ZHEJIANG
    assert at.selectbox(key="side_b").value.startswith(f"{ZHEJIANG}@")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["A 的条款见于 B"] == "100%" and metrics["B 的条款见于 A"] == "100%"
    assert metrics["配对条款"] == "32" and metrics["仅 A 有"] == "0"
    shown = texts(at)
    assert shown.count(":green-badge[相同]") + shown.count(":green-badge[几乎相同]") == 32
    # the only change between the two versions: the reprint lost two words to "**" (escaped, shown as written)
    assert shown.count(":red[") == 1 and ":red[~~精准~~]触达" in shown
    assert shown.count(":green[") == 1 and r":green[**\*\***]触达" in shown
    # shared spans in colour (never a padded background, which opens gaps in Chinese), escaped markdown, never HTML
    at.radio(key="side_marks").set_value("shared").run()
    assert ":orange[**加快“元平台”布局建设。推进培育元宇宙领域重点实验室" in texts(at)
    assert "-background[" not in texts(at).replace("-badge[", "")


def test_side_by_side_threshold_and_classes(store):
    at = run_app(SIDE)
    at.multiselect(key="side_classes").set_value(["reworded", "related"]).run()
    assert "没有达到阈值的配对" in texts(at)
    assert "列出 0 对，共 32 对；32 对被类型筛选" in texts(at)
    assert "以下最接近的" not in texts(at)  # the pairs reached the threshold: no closest pairs are offered
    at.slider(key="side_threshold").set_value(1.0).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["仅 A 有"] != "0"


PAIR_HEADER = re.compile(r"^:(\w+)-badge\[(.+?)\] \*\*\d\.\d\d\*\* · ")


def _listed(at) -> list[str]:  # noqa: ANN001
    """The class label of every pair the page lists (one header line per pair)."""
    return [m.group(2) for m in (PAIR_HEADER.match(str(md.value)) for md in at.markdown) if m]


@pytest.mark.parametrize(
    ("threshold", "classes"),
    [
        (0.07, None),  # the case of the issue: 8 pairs counted, 1 listed
        (0.0, None),
        (0.2, ["identical", "near-identical", "reworded", "related"]),
        (0.05, ["unrelated"]),
        (0.05, []),
    ],
)
def test_side_by_side_lists_as_many_pairs_as_it_counts(store, threshold, classes):
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    at = run_app(SIDE)
    at.selectbox(key="side_a").set_value(ZHEJIANG)
    at.selectbox(key="side_b").set_value("qinglan-2022-measures").run()
    at.slider(key="side_threshold").set_value(threshold).run()
    if classes is not None:
        at.multiselect(key="side_classes").set_value(classes).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    listed = _listed(at)
    assert int(metrics["配对条款"]) == len(listed)
    assert at.tabs[0].label == f"对齐的条款 ({len(listed)})"
    if classes is None:  # every class is offered and chosen by default, "unrelated" too
        assert len(at.multiselect(key="side_classes").value) == 5 and len(listed) > 0
    if classes == ["unrelated"]:
        assert listed and set(listed) == {"无关"}


def test_side_by_side_marks_what_changed_in_a_pair(store):
    text = "第一条 对新落户的企业给予最高500万元奖励。\n第二条 本措施自发布之日起施行。\n"
    changed = "第一条 对新引进的重点企业给予最高1000万元奖励。\n第二条 本措施自发布之日起施行。\n"
    for name, body in (("a", text), ("b", changed)):
        path = store.path.parent / f"云溪市措施{name}.txt"
        path.write_text("云溪市促进元宇宙发展若干措施\n" + body, encoding="utf-8")
        ingest(store, str(path), policy_id=f"yunxi-{name}")
    at = run_app(SIDE)
    at.selectbox(key="side_a").set_value("yunxi-a")
    at.selectbox(key="side_b").set_value("yunxi-b").run()
    shown = texts(at)
    assert "对新:red[~~落户的~~]企业给予最高:red[~~500~~]万元奖励" in shown
    assert "对新:green[**引进的重点**]企业给予最高:green[**1000**]万元奖励" in shown


def test_side_by_side_state_round_trips_through_the_link(store):
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    at = run_app(SIDE)
    at.selectbox(key="side_b").set_value("qinglan-2022-measures").run()
    at.slider(key="side_threshold").set_value(0.12).run()
    at.multiselect(key="side_classes").set_value(["related", "unrelated"]).run()
    at.radio(key="side_marks").set_value("shared").run()
    link = dict(at.query_params)
    flat = {k: v[0] if isinstance(v, list) else v for k, v in link.items()}
    assert flat == {
        "mode": "pair",
        "a": ZHEJIANG,
        "b": "qinglan-2022-measures",
        "t": "0.12",
        "classes": "related,unrelated",
        "hide": "0",
        "marks": "shared",
    }
    fresh = AppTest.from_file(APP, default_timeout=120)
    fresh.session_state["lang"] = "zh"
    fresh.run()
    fresh.switch_page(SIDE)
    for key, value in flat.items():
        fresh.query_params[key] = value
    fresh.run()
    assert not fresh.exception
    assert fresh.selectbox(key="side_b").value == "qinglan-2022-measures"
    assert fresh.slider(key="side_threshold").value == 0.12
    assert fresh.multiselect(key="side_classes").value == ["related", "unrelated"]
    assert fresh.radio(key="side_marks").value == "shared"
    assert {m.label: m.value for m in fresh.metric} == {m.label: m.value for m in at.metric}


def test_side_by_side_clause_against_the_corpus(store):
    at = run_app(SIDE)
    at.segmented_control(key="side_mode").set_value("clause").run()
    assert not at.exception
    assert "语料库中没有其他政策的文本与之相近" in texts(at)  # Zhejiang is the only policy with text


def test_search_finds_clauses_and_says_when_nothing_matches(store):
    at = run_app(SEARCH)
    at.text_input(key="search_query").set_value("数字藏品 区块链").run()
    shown = texts(at)
    assert "浙江省元宇宙产业发展行动计划" in shown and ":orange[**区块链**]" in shown
    at.text_input(key="search_query").set_value("zzqqxx").run()
    assert "没有匹配的条款" in texts(at)
    at.text_input(key="search_query").set_value("元宇宙").run()
    at.multiselect(key="search_levels").set_value(["district"]).run()
    assert "没有匹配的条款" in texts(at)


def test_similarity_map_compares_the_two_versions_and_opens_the_pair(store):
    at = run_app(MAP)
    assert at.toggle(key="map_by_document").value is True  # only one policy has text
    table = at.dataframe[0].value
    assert len(table) == 2 and set(table.iloc[:, 4]) == {1.0}
    assert len(at.dataframe[1].value) == 25  # the policies without text
    at.button(key="map_open").click().run()
    assert not at.exception
    assert at.selectbox(key="side_a").value == ZHEJIANG or at.selectbox(key="side_b").value == ZHEJIANG


def test_pages_in_english(store):
    for page, title in ((SIDE, "Side by side"), (SEARCH, "Search"), (MAP, "Similarity map")):
        at = run_app(page, lang="en")
        assert at.title[0].value == title


def test_a_model_that_cannot_load_falls_back_to_tfidf(store):
    at = run_app()
    at.text_input(key="embedder").set_value("sbert:/no/such/model").run()
    at.switch_page(SIDE).run()
    assert not at.exception
    assert any("no model folder" in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric}["配对条款"] == "32"


@pytest.mark.slow
def test_side_by_side_with_a_sentence_transformers_model(store):
    at = run_app()
    at.text_input(key="embedder").set_value(f"sbert:{MINILM}").run()
    at.switch_page(SIDE).run()
    assert not at.exception and not at.warning
    assert {m.label: m.value for m in at.metric}["配对条款"] == "32"


def test_side_by_side_offers_the_closest_pairs_when_none_reaches_the_threshold(store):
    """A district measure next to the provincial plan: nothing reaches the default threshold, so
    the page names the closest pairs with their articles and lists them on one click."""
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    at = run_app(SIDE)
    at.selectbox(key="side_a").set_value(ZHEJIANG)
    at.selectbox(key="side_b").set_value("qinglan-2022-measures").run()
    at.slider(key="side_threshold").set_value(0.5).run()
    assert "没有达到阈值的配对" in texts(at)
    offered = [float(m) for m in re.findall(r"^- \*\*(\d\.\d\d)\*\* · A .+ ↔ B 第.+条", texts(at), re.M)]
    assert len(offered) == 3 and offered == sorted(offered, reverse=True) and offered[0] < 0.5
    at.button(key="side_show_closest").click().run()
    assert at.slider(key="side_threshold").value == int(offered[-1] * 100) / 100
    listed = [
        float(s) for s in re.findall(r"\*\*(\d\.\d\d)\*\* · ", "\n".join(str(m.value) for m in at.markdown if "-badge[" in str(m.value)))
    ]
    assert len(listed) >= 3 and sorted(listed, reverse=True)[: len(offered)] == offered  # listed in clause order
    assert "没有达到阈值的配对" not in texts(at)
