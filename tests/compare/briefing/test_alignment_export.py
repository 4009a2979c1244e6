"""The side-by-side comparison as .docx and .xlsx, opened and read as a reader reads them.

Fictional measures of 云溪市 (invented) in two versions: the second raises an amount, rewrites a
clause, drops one and adds one.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from openpyxl import load_workbook

from compare.briefing.alignment_export import alignment_bytes, comparison_view
from compare.similarity.align import align_sets
from compare.similarity.models import Alignment
from compare.similarity.space import build_space
from corpus.errors import PolicyCompareError
from corpus.library import ingest, load_clauses
from corpus.store import ClauseStore

OLD = """云溪市促进元宇宙产业发展若干措施
第一条 为加快云溪市元宇宙产业发展，制定本措施。
第二条 对新落户的元宇宙企业给予最高500万元奖励。
第三条 对企业年度研发投入给予30%的补助，每年最高200万元。
第四条 =HYPERLINK("http://127.0.0.1/x","点此") 支持举办元宇宙主题赛事。
第五条 本措施自发布之日起施行。
"""
NEW = """云溪市促进元宇宙产业高质量发展若干措施
第一条 为加快云溪市元宇宙产业高质量发展，制定本措施。
第二条 对新引进的重点元宇宙企业给予最高1000万元奖励。
第三条 对企业年度研发投入给予30%的补助，每年最高200万元。
第四条 支持建设元宇宙算力平台，给予算力券补贴。
第五条 本措施自发布之日起施行。
"""


@pytest.fixture
def alignment(store: ClauseStore, tmp_path: Path) -> Alignment:
    for name, text in (("old", OLD), ("new", NEW)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        ingest(store, str(path), policy_id=f"yunxi-{name}")
    space = build_space(store)
    return align_sets(space, load_clauses(store, "yunxi-old"), load_clauses(store, "yunxi-new"))


def _cell_runs(cell) -> list:  # noqa: ANN001
    return [run for paragraph in cell.paragraphs for run in paragraph.runs]


def test_docx_is_a4_landscape_in_two_columns_with_tracked_changes(alignment: Alignment) -> None:
    view = comparison_view(alignment)
    document = Document(io.BytesIO(alignment_bytes(view, "docx")))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)
    assert document.styles["Normal"].element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    pairs = document.tables[0]
    assert len(pairs.columns) == 2
    assert pairs.rows[0].cells[0].text.startswith("A：") and pairs.rows[0].cells[1].text.startswith("B：")
    assert len(pairs.rows) == 1 + len(view.pairs)
    rows = {row.cells[0].paragraphs[0].runs[0].text: row for row in pairs.rows[1:]}
    assert {cite[:3] for cite in rows} >= {"第一条", "第二条", "第三条", "第五条"}  # cited as people write them
    second = next(row for cite, row in rows.items() if cite.startswith("第二条"))
    assert second.cells[1].paragraphs[0].runs[0].text.startswith("第二条")
    deleted = {r.text for r in _cell_runs(second.cells[0]) if r.font.strike}
    inserted = {r.text for r in _cell_runs(second.cells[1]) if r.underline}
    assert "落户的" in deleted and "500" in deleted
    assert "引进的重点" in inserted and "1000" in inserted
    assert all(str(r.font.color.rgb) == "C00000" for r in _cell_runs(second.cells[0]) if r.font.strike)
    third = next(row for cite, row in rows.items() if cite.startswith("第三条"))
    assert not any(r.font.strike or r.underline for r in (*_cell_runs(third.cells[0]), *_cell_runs(third.cells[1])))


def test_xlsx_has_one_row_per_listed_pair_with_both_citations(alignment: Alignment) -> None:
    view = comparison_view(alignment, ["identical", "near-identical", "reworded", "related"])
    book = load_workbook(io.BytesIO(alignment_bytes(view, "xlsx")))
    assert book.sheetnames == ["配对条款", "仅 A 有", "仅 B 有", "说明"]
    sheet = book["配对条款"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["序号", "A 条款", "A 原文", "B 条款", "B 原文", "得分", "文字相似度", "类型"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(view.pairs) > 0
    for row, pair in zip(rows, view.pairs, strict=True):
        assert row[1].startswith(pair.a.number) and row[3].startswith(pair.b.number)
        assert isinstance(row[5], (int, float)) and row[7] in {"相同", "几乎相同", "改写", "相关"}
    about = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert about["配对条款"] == str(len(view.pairs))


def test_a_text_that_looks_like_a_formula_stays_text(alignment: Alignment) -> None:
    clause = next(c for c in (*alignment.only_a, *(p.a for p in alignment.pairs)) if c.number == "第四条")
    book = load_workbook(io.BytesIO(alignment_bytes(comparison_view(alignment), "xlsx")))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert clause.text.startswith("=HYPERLINK")


def test_english_labels_and_a_bad_format(alignment: Alignment) -> None:
    book = load_workbook(io.BytesIO(alignment_bytes(comparison_view(alignment), "xlsx", lang="en")))
    assert book.sheetnames == ["Aligned pairs", "Only in A", "Only in B", "About"]
    with pytest.raises(PolicyCompareError):
        alignment_bytes(comparison_view(alignment), "pdf")
