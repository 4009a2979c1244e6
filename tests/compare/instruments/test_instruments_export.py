"""The instrument tables in the brief's files, read as a reader reads them: the sheets and
headings in Chinese (or English), each row's count matching the clauses it cites, a manual
code's note in the codes table, the one-file CSV holding the long tables."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from compare.briefing.brief import build_brief
from compare.briefing.export import brief_bytes
from compare.instruments import InstrumentCoder, code_policies, set_manual_code
from compare.instruments.brief_tables import INSTRUMENT_TABLES, instrument_mix, policy_instrument_tables, with_instruments
from compare.instruments.tables import SEP
from compare.provisions.facts import provisions_for
from tests.paths import ZHEJIANG


def _brief(store, lang: str = "zh"):
    return with_instruments(
        build_brief(provisions_for(store, [ZHEJIANG]), lang=lang), policy_instrument_tables(store, [ZHEJIANG], lang=lang)
    )


def test_the_tables_join_the_brief_before_its_sources(store):
    brief = _brief(store)
    names = [t.name for t in brief.tables]
    assert names[-5:] == [*INSTRUMENT_TABLES, "sources"]
    again = with_instruments(brief, policy_instrument_tables(store, [ZHEJIANG]))
    assert [t.name for t in again.tables] == names  # replaced, not added twice


def test_the_xlsx_rows_cite_as_many_clauses_as_they_count(store):
    book = load_workbook(io.BytesIO(brief_bytes(_brief(store), "xlsx")))
    rows = list(book["政策工具"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header == ("政策", "政策编号（内部）", "维度", "政策工具", "条款数", "占比", "引用条款")
    assert {row[3]: row[4] for row in body}["应用示范"] == 8
    for row in body:
        assert len(row[6].split(SEP)) == row[4]
    assert sum(row[5] for row in body) == pytest.approx(1.0, abs=1e-3)
    dims = {row[2]: row[3] for row in list(book["工具维度"].iter_rows(values_only=True))[1:]}
    assert dims == {"供给型": 8, "环境型": 13, "需求型": 10}
    stages = list(book["工具×环节"].iter_rows(values_only=True))
    assert ("供给型", "基础设施建设", "基础设施", 1, "浙江省: 二、（二）1. 夯实“元设施”基础底座") in stages
    codes = list(book["条款编码"].iter_rows(values_only=True))
    assert len(codes) == 1 + 32 and codes[1][2] == "（正文前言）" and codes[1][5] == "—"


def test_a_manual_code_shows_in_the_files_with_its_note(store):
    clause_id = store.clauses(ZHEJIANG)[29].id
    set_manual_code(store, clause_id, "funding", note="以扶持政策为主", author="研究员甲")
    words = "\n".join(c.text for t in Document(io.BytesIO(brief_bytes(_brief(store), "docx"))).tables for r in t.rows for c in r.cells)
    assert "人工编码（研究员甲" in words and "以扶持政策为主" in words
    assert "逐条政策工具编码与依据" in "\n".join(p.text for p in Document(io.BytesIO(brief_bytes(_brief(store), "docx"))).paragraphs)


def test_the_csv_and_markdown_hold_the_instrument_tables(store):
    csv = brief_bytes(_brief(store), "csv").decode("utf-8-sig")
    assert csv.count("\n政策工具,") == 11 and csv.count("\n条款编码,") == 32
    md = brief_bytes(_brief(store), "md").decode()
    assert "## 政策工具 × 产业链环节" in md and "二、（一）1. 加快“元平台”布局建设" in md


def test_english_files_name_tools_in_english(store):
    book = load_workbook(io.BytesIO(brief_bytes(_brief(store, "en"), "xlsx")))
    rows = list(book["instruments"].iter_rows(values_only=True))
    assert rows[0][3] == "Tool" and "Demonstration" in {r[3] for r in rows[1:]}


def test_the_mix_in_one_line(store):
    coder = InstrumentCoder().fit()
    mix = instrument_mix(code_policies(store, [ZHEJIANG, "guangzhou-nansha-2022-nine-measures"], coder), coder.lexicon_)
    assert list(mix) == [ZHEJIANG]
    assert mix[ZHEJIANG].startswith("供给型 8（技术支持 5、") and "需求型 10（应用示范 8、" in mix[ZHEJIANG]
