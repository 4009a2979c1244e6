"""Side by side, Search and Similarity map pages on a fresh database, as a user drives them."""

from __future__ import annotations

import pytest

from tests.app.apptest import run_app, texts
from tests.embeddings.models import MINILM
from tests.paths import ZHEJIANG

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
    # shared spans are highlighted, and the text is escaped markdown, never HTML
    assert ":orange-background[加快“元平台”布局建设。推进培育元宇宙领域重点实验室" in shown


def test_side_by_side_threshold_and_classes(store):
    at = run_app(SIDE)
    at.multiselect(key="side_classes").set_value(["reworded", "related"]).run()
    assert "没有达到阈值的配对" in texts(at)
    at.slider(key="side_threshold").set_value(1.0).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["仅 A 有"] != "0"


def test_side_by_side_clause_against_the_corpus(store):
    at = run_app(SIDE)
    at.segmented_control(key="side_mode").set_value("clause").run()
    assert not at.exception
    assert "语料库中没有其他政策的文本与之相近" in texts(at)  # Zhejiang is the only policy with text


def test_search_finds_clauses_and_says_when_nothing_matches(store):
    at = run_app(SEARCH)
    at.text_input(key="search_query").set_value("数字藏品 区块链").run()
    shown = texts(at)
    assert "浙江省元宇宙产业发展行动计划" in shown and ":orange-background[" in shown
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
