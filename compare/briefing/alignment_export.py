"""A side-by-side comparison written out as a document a researcher can hand in.

- .docx: A4 landscape, a two-column table (A left, B right), one row per aligned pair with both
  clauses cited as people write them (第三条, 二、（三）2.) and the changed characters marked
  as Word's compare marks them: deletions struck through in red on A's side, insertions
  underlined in green on B's side. The clauses only one side has follow, each in its column.
- .xlsx: one row per pair with both citations and texts, the score, the text similarity and the
  class; a sheet for each side's unmatched clauses and one describing the comparison.

Labels follow the interface language ("zh" or "en"); the documents' text stays as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from compare.briefing.export import _FORMULA_START, _east_asian
from compare.similarity.diff import Segment, char_diff
from compare.similarity.models import MATCH_CLASSES, Alignment, Pair, Side, clause_text
from corpus.errors import PolicyCompareError
from corpus.models import Clause

ALIGNMENT_FORMATS = ("docx", "xlsx")
DELETED_RGB = "C00000"
INSERTED_RGB = "007A33"

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "逐条对照",
        "pairs": "配对条款",
        "only_a": "仅 A 有",
        "only_b": "仅 B 有",
        "about": "说明",
        "no": "序号",
        "cite_a": "A 条款",
        "text_a": "A 原文",
        "cite_b": "B 条款",
        "text_b": "B 原文",
        "score": "得分",
        "ratio": "文字相似度",
        "class": "类型",
        "boilerplate": "套话",
        "id_a": "A 条款编号",
        "id_b": "B 条款编号",
        "cite": "条款",
        "text": "原文",
        "id": "条款编号",
        "yes": "是",
        "no_value": "",
        "preamble": "（正文前言）",
        "none": "无",
        "missing_b": "（B 中无对应条款）",
        "missing_a": "（A 中无对应条款）",
        "source": "来源",
        "date": "发布日期",
        "a_in_b": "A 的条款见于 B",
        "b_in_a": "B 的条款见于 A",
        "threshold": "配对阈值",
        "embedder": "向量模型",
        "made": "生成日期",
        "legend": "标注：A 栏中红色删除线为 B 中没有的文字，B 栏中绿色下划线为 A 中没有的文字。",
        "identical": "相同",
        "near-identical": "几乎相同",
        "reworded": "改写",
        "related": "相关",
        "unrelated": "无关",
    },
    "en": {
        "title": "Side by side",
        "pairs": "Aligned pairs",
        "only_a": "Only in A",
        "only_b": "Only in B",
        "about": "About",
        "no": "No.",
        "cite_a": "A clause",
        "text_a": "A text",
        "cite_b": "B clause",
        "text_b": "B text",
        "score": "Score",
        "ratio": "Text similarity",
        "class": "Class",
        "boilerplate": "Boilerplate",
        "id_a": "A clause id",
        "id_b": "B clause id",
        "cite": "Clause",
        "text": "Text",
        "id": "Clause id",
        "yes": "yes",
        "no_value": "",
        "preamble": "(preamble)",
        "none": "None",
        "missing_b": "(no counterpart in B)",
        "missing_a": "(no counterpart in A)",
        "source": "Source",
        "date": "Date issued",
        "a_in_b": "A found in B",
        "b_in_a": "B found in A",
        "threshold": "Pairing threshold",
        "embedder": "Embedder",
        "made": "Made on",
        "legend": "Marks: red strike-through in A is text B lacks; green underline in B is text A lacks.",
        "identical": "identical",
        "near-identical": "near-identical",
        "reworded": "reworded",
        "related": "related",
        "unrelated": "unrelated",
    },
}


@dataclass(frozen=True)
class ComparisonView:
    """What a reader chose to see of an alignment: the pairs listed (after class and
    boilerplate filters) and the unmatched clauses of each side."""

    alignment: Alignment
    pairs: tuple[Pair, ...]
    only_a: tuple[Clause, ...]
    only_b: tuple[Clause, ...]


def comparison_view(alignment: Alignment, classes: Sequence[str] = MATCH_CLASSES, *, hide_boilerplate: bool = False) -> ComparisonView:
    """The pairs of the chosen match classes and the unmatched clauses, without boilerplate when
    it is hidden. A page's counts, its list and its exports all come from one view, so they agree."""
    hide = hide_boilerplate
    return ComparisonView(
        alignment,
        tuple(p for p in alignment.pairs if p.match_class in classes and not (hide and p.boilerplate)),
        tuple(c for c in alignment.only_a if not (hide and c.id in alignment.boilerplate_a)),
        tuple(c for c in alignment.only_b if not (hide and c.id in alignment.boilerplate_b)),
    )


def alignment_bytes(view: ComparisonView, fmt: str, *, lang: str = "zh", today: date | None = None) -> bytes:
    """The comparison as the bytes of a .docx or .xlsx file, labelled in ``lang`` ("zh" or "en")."""
    writers = {"docx": _docx, "xlsx": _xlsx}
    if fmt not in writers:
        raise PolicyCompareError(fmt or "(no extension)", "a comparison is written as .docx or .xlsx", "Name the output file accordingly.")
    labels = _LABELS.get(lang, _LABELS["zh"])
    return writers[fmt](view, labels, (today or date.today()).isoformat())


def _cite(clause: Clause, labels: dict[str, str]) -> str:
    return clause.label or labels["preamble"]


def _about(view: ComparisonView, labels: dict[str, str], made: str) -> list[tuple[str, str]]:
    al = view.alignment

    def side(name: str, s: Side) -> list[tuple[str, str]]:
        return [(name, s.title), (f"{name} {labels['date']}", s.date or "—"), (f"{name} {labels['source']}", s.source)]

    return [
        *side("A", al.a),
        *side("B", al.b),
        (labels["a_in_b"], f"{al.containment_ab:.0%}"),
        (labels["b_in_a"], f"{al.containment_ba:.0%}"),
        (labels["pairs"], str(len(view.pairs))),
        (labels["only_a"], str(len(view.only_a))),
        (labels["only_b"], str(len(view.only_b))),
        (labels["threshold"], f"{al.threshold:.2f}"),
        (labels["embedder"], al.embedder),
        (labels["made"], made),
    ]


# ---------------------------------------------------------------------------------- xlsx


def _sheet(book: Any, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], wide: set[int]) -> None:
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font

    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                cell.data_type = "s"  # text, never a formula
            cell.alignment = CellAlignment(wrap_text=True, vertical="top")
    for i in range(1, len(header) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = 60 if i in wide else 16
    for n, row in enumerate(rows, 2):  # wrapped text: rows as tall as their longest text (≈ 30 Chinese characters a line)
        lines = max((-(-len(str(v)) // (30 if i + 1 in wide else 8)) for i, v in enumerate(row) if isinstance(v, str)), default=1)
        sheet.row_dimensions[n].height = 15 * max(1, min(lines, 30))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"  # printed: A4 landscape, all columns on one page width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _xlsx(view: ComparisonView, labels: dict[str, str], made: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    header = [labels[k] for k in ("no", "cite_a", "text_a", "cite_b", "text_b", "score", "ratio", "class", "boilerplate", "id_a", "id_b")]
    rows = [
        [
            n,
            _cite(p.a, labels),
            clause_text(p.a),
            _cite(p.b, labels),
            clause_text(p.b),
            round(p.score, 4),
            round(p.explanation.ratio, 4),
            labels[p.match_class],
            labels["yes"] if p.boilerplate else labels["no_value"],
            p.a.id,
            p.b.id,
        ]
        for n, p in enumerate(view.pairs, 1)
    ]
    _sheet(book, labels["pairs"], header, rows, {3, 5})
    for key, clauses in (("only_a", view.only_a), ("only_b", view.only_b)):
        only = [[n, _cite(c, labels), clause_text(c), c.id] for n, c in enumerate(clauses, 1)]
        _sheet(book, labels[key], [labels["no"], labels["cite"], labels["text"], labels["id"]], only, {3})
    _sheet(book, labels["about"], ["", ""], _about(view, labels, made), {2})
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------- docx


def _landscape_a4(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin = section.bottom_margin = Mm(15)


def _run(paragraph: Any, text: str, *, bold: bool = False, rgb: str | None = None, strike: bool = False, underline: bool = False) -> Any:
    from docx.shared import RGBColor

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.strike = strike or None
    run.underline = underline or None
    if rgb:
        run.font.color.rgb = RGBColor.from_string(rgb)
    _east_asian(run)
    return run


def _marked(paragraph: Any, segments: Sequence[Segment]) -> None:
    """Write a side's runs: deletions struck in red, insertions underlined in green."""
    for seg in segments:
        if seg.kind == "deleted":
            _run(paragraph, seg.text, rgb=DELETED_RGB, strike=True)
        elif seg.kind == "inserted":
            _run(paragraph, seg.text, rgb=INSERTED_RGB, underline=True)
        else:
            _run(paragraph, seg.text)


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _two_columns(document: Any, view: ComparisonView) -> Any:
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, name, s in zip(table.rows[0].cells, ("A", "B"), (view.alignment.a, view.alignment.b), strict=True):
        _run(cell.paragraphs[0], f"{name}：{s.title}", bold=True)
    _repeat_header(table.rows[0])
    return table


def _docx(view: ComparisonView, labels: dict[str, str], made: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    al = view.alignment
    document = Document()
    _landscape_a4(document)
    _east_asian(document.styles["Normal"])
    document.styles["Normal"].font.size = Pt(10)
    heading = document.add_heading(level=1)
    _run(heading, f"{labels['title']}：{al.a.title} ⟷ {al.b.title}")
    facts = document.add_paragraph()
    _run(facts, "；".join(f"{k}：{v}" for k, v in _about(view, labels, made) if k not in ("A", "B")))
    _run(document.add_paragraph(), labels["legend"])

    _run(document.add_heading(level=2), f"{labels['pairs']}（{len(view.pairs)}）")
    if view.pairs:
        table = _two_columns(document, view)
        for pair in view.pairs:
            diff = char_diff(clause_text(pair.a), clause_text(pair.b))
            left, right = table.add_row().cells
            tag = f" · {labels[pair.match_class]} {pair.score:.2f}"
            _run(left.paragraphs[0], _cite(pair.a, labels), bold=True)
            _run(left.paragraphs[0], tag)
            _marked(left.add_paragraph(), diff.a)
            _run(right.paragraphs[0], _cite(pair.b, labels), bold=True)
            _marked(right.add_paragraph(), diff.b)
    else:
        _run(document.add_paragraph(), labels["none"])

    for key, clauses, column in (("only_a", view.only_a, 0), ("only_b", view.only_b, 1)):
        _run(document.add_heading(level=2), f"{labels[key]}（{len(clauses)}）")
        if not clauses:
            _run(document.add_paragraph(), labels["none"])
            continue
        table = _two_columns(document, view)
        for clause in clauses:
            cells = table.add_row().cells
            own, other = cells[column], cells[1 - column]
            _run(own.paragraphs[0], _cite(clause, labels), bold=True)
            _run(own.add_paragraph(), clause_text(clause))
            _run(other.paragraphs[0], labels["missing_b" if column == 0 else "missing_a"], rgb="808080")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
