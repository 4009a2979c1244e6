"""Every export format, written and then opened again to check what a reader gets."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from compare.briefing.brief import build_brief
from compare.briefing.export import EAST_ASIAN_FONT, brief_bytes, export_brief, markdown_table
from compare.provisions.facts import Provisions, provisions_for
from corpus.errors import PolicyCompareError
from tests.paths import ZHEJIANG

NANSHA = "guangzhou-nansha-2022-nine-measures"
HOSTILE = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)"]


@pytest.fixture(scope="module")
def brief(shared_store):
    """Zhejiang (text) and Nansha (registry), plus registry records whose text would be a
    formula in a spreadsheet and one with a pipe and a line break."""
    got = provisions_for(shared_store, [ZHEJIANG, NANSHA])
    hostile = [replace(got.subsidies[0], text=t, condition=t) for t in HOSTILE]
    piped = replace(got.targets[0], label="平台|中心\n基地")
    return build_brief(Provisions(got.subsidies + tuple(hostile), got.targets + (piped,), got.sources), accessed="2026-01-05")


def _rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]


def test_xlsx_one_sheet_per_table_in_chinese_numbers_as_numbers(brief, tmp_path):
    path = export_brief(brief, tmp_path / "brief.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["政策概览", "补贴对照", "补贴汇总", "补贴明细", "基金与专项资金", "目标对照", "目标明细", "来源"]
    header = [c.value for c in book["目标明细"][1]]
    assert {"政策", "地区", "类别", "条款", "来源", "数值", "年份", "条款编号（内部）"} <= set(header)
    rows = _rows(book["目标明细"])
    scale = next(r for r in rows if r["类别"] == "产业规模" and r["政策编号（内部）"] == ZHEJIANG)
    assert scale["数值"] == 2000 and isinstance(scale["数值"], (int, float)) and scale["年份"] == 2025
    assert scale["政策"] == "浙江省元宇宙产业发展行动计划（2023—2025年）" and scale["条款"] == "一、（二） 产业链条持续完善"
    sources = _rows(book["来源"])
    assert all("[EB/OL]" in r["参考文献"] for r in sources)


def test_xlsx_in_english_when_asked(shared_store, tmp_path):
    english = build_brief(provisions_for(shared_store, [ZHEJIANG]), lang="en")
    book = load_workbook(export_brief(english, tmp_path / "brief.xlsx"))
    assert book.sheetnames[:3] == ["overview", "subsidy_matrix", "subsidy_summary"]
    assert {"Policy", "Kind", "Clause", "Clause id (internal)"} <= {c.value for c in book["targets"][1]}
    assert {r["Kind"] for r in _rows(book["targets"])} >= {"industry scale", "enterprises"}


def test_xlsx_text_never_becomes_a_formula(brief, tmp_path):
    book = load_workbook(export_brief(brief, tmp_path / "brief.xlsx"))
    sheet = book["补贴明细"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value in HOSTILE]
    assert len(cells) == 2 * len(HOSTILE)  # text and condition of each
    assert all(c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for s in book for row in s.iter_rows() for c in row)


def test_docx_is_a4_landscape_in_chinese_with_east_asian_fonts_and_citations(brief, tmp_path):
    document = Document(str(export_brief(brief, tmp_path / "brief.docx")))
    for section in document.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == EAST_ASIAN_FONT
    assert document.paragraphs[0].text == "政策比较简报：补贴与目标"
    assert len(document.tables) == len([t for t in brief.tables if not t.frame.empty])
    target_table = document.tables[[t.name for t in brief.tables if not t.frame.empty].index("targets")]
    assert [c.text for c in target_table.rows[0].cells][:4] == ["政策", "地区", "类别", "指标"]
    assert any(c.text == "相关产业规模" for row in target_table.rows for c in row.cells)
    runs = [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r._element.rPr.rFonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT for r in runs)
    texts = [p.text for p in document.paragraphs]
    citations = [t for t in texts if t.startswith("[1] ")]
    assert len(citations) == len([t for t in brief.tables if not t.frame.empty and t.name != "sources"]) + 1  # + the reference list
    assert all("[EB/OL]" in c for c in citations) and "参考文献" in texts


def test_markdown_tables_references_and_escaping(brief, tmp_path):
    text = export_brief(brief, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "## 目标对照" in text and "## 参考文献" in text
    assert "平台\\|中心 基地" in text
    assert "| 浙江省元宇宙产业发展行动计划（2023—2025年） | 浙江省 | 产业规模 | 相关产业规模 | 2000 | 亿元 | 2025 |" in text
    assert text.count("[EB/OL]") >= 3


def test_markdown_table_of_nothing():
    assert markdown_table(pd.DataFrame(columns=["a"])) == "(no records)"


def test_csv_is_utf8_sig_with_the_long_tables_and_guarded_formulas(brief, tmp_path):
    path = export_brief(brief, tmp_path / "brief.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert set(frame["表"]) == {"补贴明细", "基金与专项资金", "目标明细"}
    assert len(frame[frame["表"] == "目标明细"]) == len(brief.table("targets").frame)
    assert "相关产业规模" in set(frame["指标"])
    texts = set(frame["原文"])
    assert {"'" + h for h in HOSTILE} <= texts and not texts & set(HOSTILE)


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_bytes_equal_the_file(brief, tmp_path, fmt):
    assert brief_bytes(brief, fmt) == export_brief(brief, tmp_path / f"b.{fmt}").read_bytes()


def test_xlsx_bytes_open_without_a_file(brief):
    assert load_workbook(io.BytesIO(brief_bytes(brief, "xlsx"))).sheetnames[0] == "政策概览"


@pytest.mark.parametrize("name", ["brief.pdf", "brief", "brief.xls"])
def test_unknown_format_is_refused(brief, tmp_path, name):
    with pytest.raises(PolicyCompareError):
        export_brief(brief, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_empty_brief_exports(tmp_path):
    empty = build_brief(Provisions((), (), ()))
    for fmt in ("xlsx", "docx", "md", "csv"):
        assert export_brief(empty, tmp_path / f"e.{fmt}").stat().st_size > 0
    assert list(pd.read_csv(tmp_path / "e.csv", encoding="utf-8-sig").columns)[:2] == ["表", "政策"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_characters_xml_cannot_hold_are_shown_as_replacement_marks(shared_store, tmp_path, fmt):
    got = provisions_for(shared_store, [ZHEJIANG, NANSHA])
    record = replace(got.subsidies[0], text="对青岚区企业给予奖励\uffff，\x01最高\ufffe100万元。")  # fictional
    path = export_brief(build_brief(Provisions((record,), (), got.sources)), tmp_path / f"illegal.{fmt}")
    if fmt == "xlsx":
        cells = [c.value for s in load_workbook(path) for row in s.iter_rows() for c in row if isinstance(c.value, str)]
    else:
        cells = [c.text for t in Document(str(path)).tables for row in t.rows for c in row.cells]
    assert "对青岚区企业给予奖励\ufffd，\ufffd最高\ufffd100万元。" in cells
