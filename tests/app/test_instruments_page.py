"""The Policy instruments page: Zhejiang's codes in every tab, a cell's clauses, a correction
stored and shown as manual, policies without text listed apart, English labels."""

from __future__ import annotations

import pytest

from tests.app.apptest import run_app, texts
from tests.paths import ZHEJIANG

PAGE = "app_pages/instruments.py"


@pytest.fixture
def page(store):
    return run_app(PAGE)


def _clause_tables(at, column: str = "判定方式") -> list:
    """The per-clause tables in page order: the selected cell's (when a cell is chosen), then all."""
    return [d.value for d in at.dataframe if column in d.value.columns]


def _table(at, key: str):
    tables = _clause_tables(at, "Decided by" if at.session_state["lang"] == "en" else "判定方式")
    return tables[-1] if key == "tools_clauses_table" else (tables[0] if len(tables) == 2 else None)


def test_the_page_codes_the_plan_and_lists_policies_without_text(page):
    assert page.title[0].value == "政策工具"
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["有政策工具的条款"] == "31" and metrics["无政策工具的条款"] == "1"
    clauses = _table(page, "tools_clauses_table")
    assert len(clauses) == 32
    assert (clauses["主要工具"] == "应用示范").sum() == 8
    assert "四、（三） 加快人才引育" in set(clauses["条款"])
    assert any("无文本的政策" in e.label for e in page.expander)
    assert "点击热力图中的单元格" in texts(page)


def test_a_selected_cell_shows_its_clauses_with_evidence(page):
    page.session_state["tools_cell"] = (ZHEJIANG, "demonstration")
    page.run()
    cell = _table(page, "tools_cell_table")
    assert len(cell) == 8 and set(cell["主要工具"]) == {"应用示范"}
    assert all(e for e in cell["依据"]) and "场景" in " ".join(cell["依据"])


def test_a_correction_is_stored_and_overrides_the_automatic_code(page, store):
    clause_id = store.clauses(ZHEJIANG)[29].id
    page.selectbox(key="tools_clause").set_value(clause_id).run()
    form_tool = next(s for s in page.selectbox if s.label == "主要工具")
    form_tool.set_value("funding")
    next(t for t in page.text_input if t.label == "说明（依据）").input("扶持政策为主")
    next(t for t in page.text_input if t.label == "编码人").input("研究员甲")
    next(b for b in page.button if b.label == "保存人工编码").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert store.instrument_codes()[clause_id].tool == "funding"
    clauses = _table(page, "tools_clauses_table")
    row = clauses[clauses["条款"] == "四、（二） 加大政策引导"].iloc[0]
    assert (row["主要工具"], row["判定方式"]) == ("资金投入", "人工") and "研究员甲" in row["依据"]
    assert "已保存人工编码" in texts(page)


def test_english_labels(store):
    at = run_app(PAGE, lang="en")
    assert at.title[0].value == "Policy instruments"
    clauses = _table(at, "tools_clauses_table")
    assert "Demonstration" in set(clauses["Primary tool"])
