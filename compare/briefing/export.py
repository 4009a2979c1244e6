"""The brief written out as .xlsx, .docx, .md or .csv, as bytes (for a download button) or a file.

Every file is in the brief's language (``Brief.lang``, Chinese by default): sheet names, headers,
kinds and values (``compare.briefing.labels``).

- .xlsx: one sheet per table, numbers as numbers, a sources sheet with the references. A text
  cell starting with = + - @ is stored as text, never as a formula.
- .docx: A4 landscape (the wide tables need it), one table per brief table with its references
  under it and the reference list at the end; Chinese text gets an East Asian font (w:eastAsia)
  so that Word does not fall back to a Latin font for it.
- .xlsx and .docx are XML inside: a character XML cannot hold (a control character, U+FFFE,
  U+FFFF) is written as U+FFFD (�), in every format alike, so the cell shows where one was.
- .md: pipe tables, references under each, the reference list at the end.
- .csv: ONE file holding the long tables (subsidies, funds, targets, then the policy-instrument
  matrix and codes when the brief has them) with a table column
  naming which; encoded utf-8-sig so that Excel opens Chinese correctly, and text cells that
  start with = + - @ are prefixed with ' so that Excel does not run them.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from compare.briefing.brief import Brief, Table
from compare.briefing.labels import localise_frame, table_sheet, word
from corpus.errors import PolicyCompareError

FORMATS = ("xlsx", "docx", "md", "csv")
WIDE_COLUMNS = ("Text", "Reference", "Condition", "Conditions", "Clause", "Cited clauses", "Evidence")
# the long tables the one-file CSV holds, when the brief has them (instrument tables are added by
# compare.instruments.brief_tables.with_instruments)
CSV_TABLES = ("subsidies", "funds", "targets", "instrument_matrix", "instrument_codes")
# internal columns a reader does not need in a file (the clause id stays, after the citation)
DROPPED = ("Amount (元)",)
EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_brief(brief: Brief, path: str | Path) -> Path:
    """Write the brief to ``path`` in the format its extension names; returns the path.
    Raises PolicyCompareError for an extension that is not .xlsx, .docx, .md or .csv."""
    path = Path(path)
    return write_output(path, brief_bytes(brief, check_output(path)))


def check_output(path: str | Path) -> str:
    """The brief format of an output path (see ``format_of``), once ``check_folder`` passed."""
    check_folder(path)
    return format_of(path)


def check_folder(path: str | Path) -> None:
    """Refuse, before any work, an output path where no file can be created: its folder is
    missing, or the path is itself a folder. Raises PolicyCompareError."""
    path = Path(path)
    if path.is_dir():
        raise PolicyCompareError(
            str(path), "this is a folder, not a file name", f"Give a file name inside it, e.g. {path / ('out' + path.suffix)}."
        )
    if not path.parent.is_dir():
        raise PolicyCompareError(str(path), f"the folder {path.parent} does not exist", "Create it first, or write the file elsewhere.")


def write_output(path: Path, data: bytes) -> Path:
    """Write an export; a failure of the disk or the permissions is one PolicyCompareError."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise PolicyCompareError(
            str(path), f"the file could not be written ({exc.strerror or exc})", "Check the folder's permissions and free space."
        ) from exc
    return path


def format_of(path: str | Path) -> str:
    """The export format an output path names by its extension ("xlsx", "docx", "md", "csv").
    Raises PolicyCompareError for any other, so a shell can refuse before doing the work."""
    fmt = Path(path).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise PolicyCompareError(str(path), "a brief is written as .xlsx, .docx, .md or .csv", "Name the output file accordingly.")
    return fmt


def brief_bytes(brief: Brief, fmt: str) -> bytes:
    """The brief as the bytes of a file in ``fmt`` ("xlsx", "docx", "md" or "csv")."""
    writers = {"xlsx": _xlsx, "docx": _docx, "md": _markdown, "csv": _csv}
    if fmt not in writers:
        raise PolicyCompareError(
            fmt or "(no extension)", "a brief is written as .xlsx, .docx, .md or .csv", "Name the output file accordingly."
        )
    return writers[fmt](brief)


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF,
    lone surrogates) replaced by U+FFFD, so that .xlsx and .docx can be written and opened."""
    return _NOT_XML.sub("\ufffd", text)


def _cell(value: Any) -> Any:
    """A frame value as a cell: None for missing, Python numbers for numpy ones, text XML-safe."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return xml_safe(value) if isinstance(value, str) else value


def _text(value: Any) -> str:
    value = _cell(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cited(brief: Brief, table: Table) -> list[str]:
    return [brief.references[p] for p in table.policies if p in brief.references]


# ---------------------------------------------------------------------------------- xlsx


def _shown(brief: Brief, table: Table) -> pd.DataFrame:
    """A table as the reader of a file sees it: headers, kinds and values in the brief's language."""
    return localise_frame(table.frame, brief.lang, hidden=DROPPED)


def _xlsx(brief: Brief) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for table in brief.tables:
        sheet = book.create_sheet(table_sheet(table.name, brief.lang))
        keys = [str(c) for c in table.frame.columns if c not in DROPPED]
        frame = _shown(brief, table)
        sheet.append([xml_safe(str(c)) for c in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                    cell.data_type = "s"  # text, never a formula
        for i, key in enumerate(keys, 1):
            letter = sheet.cell(row=1, column=i).column_letter
            sheet.column_dimensions[letter].width = 60 if key in WIDE_COLUMNS else (28 if key.startswith(("kind:", "driven:")) else 14)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------- docx


def _east_asian(run_or_style: Any) -> None:
    from docx.oxml.ns import qn

    run_or_style.font.name = LATIN_FONT
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _a4_landscape(document: Any) -> None:
    """Every section on A4 landscape (297 × 210 mm) with 15 mm margins: tables of up to 18
    columns need the width."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(15)


def _docx(brief: Brief) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    _a4_landscape(document)
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        _east_asian(document.styles[name])
    document.styles["Normal"].font.size = Pt(9)
    _east_asian(document.add_heading(word("brief", brief.lang), level=1).runs[0])
    for table in brief.tables:
        _east_asian(document.add_heading(xml_safe(table.title), level=2).runs[0])
        frame = _shown(brief, table)
        if frame.empty:
            _east_asian(document.add_paragraph(word("no_records", brief.lang)).runs[0])
            continue
        grid = document.add_table(rows=1, cols=len(frame.columns))
        grid.style = "Table Grid"
        size = Pt(7) if len(frame.columns) > 12 else None
        for cell, column in zip(grid.rows[0].cells, frame.columns):
            run = cell.paragraphs[0].add_run(xml_safe(str(column)))
            run.bold = True
            run.font.size = size
            _east_asian(run)
        for row in frame.itertuples(index=False):
            cells = grid.add_row().cells
            for cell, value in zip(cells, row):
                run = cell.paragraphs[0].add_run(_text(value))
                run.font.size = size
                _east_asian(run)
        if table.name != "sources":
            for i, ref in enumerate(_cited(brief, table), 1):
                _east_asian(document.add_paragraph().add_run(xml_safe(f"[{i}] {ref}")))
    _east_asian(document.add_heading(word("references", brief.lang), level=2).runs[0])
    for i, ref in enumerate(brief.references.values(), 1):
        _east_asian(document.add_paragraph().add_run(xml_safe(f"[{i}] {ref}")))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------- md


def _md_cell(value: Any) -> str:
    return _text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def markdown_table(frame: pd.DataFrame, empty: str = "(no records)") -> str:
    """A pipe table; pipes and line breaks inside cells are escaped. ``empty`` when it has no rows."""
    if frame.empty:
        return empty
    lines = ["| " + " | ".join(_md_cell(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def _markdown(brief: Brief) -> bytes:
    lang = brief.lang
    parts = [f"# {word('brief', lang)}", ""]
    for table in brief.tables:
        if table.name == "sources":
            continue
        parts += [f"## {table.title}", "", markdown_table(_shown(brief, table), word("no_records", lang)), ""]
        cited = _cited(brief, table)
        if cited:
            parts += [f"{word('sources', lang)}:", "", *(f"{i}. {ref}" for i, ref in enumerate(cited, 1)), ""]
    parts += [f"## {word('references', lang)}", "", *(f"{i}. {ref}" for i, ref in enumerate(brief.references.values(), 1)), ""]
    return "\n".join(parts).encode("utf-8")


# ---------------------------------------------------------------------------------- csv


def _guard_csv(value: Any) -> Any:
    value = _cell(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(brief: Brief, names: Sequence[str] = CSV_TABLES) -> bytes:
    frames = []
    present = {t.name for t in brief.tables}
    for name in (n for n in names if n in present):
        frame = brief.table(name).frame.copy()
        frame.insert(0, "Table", table_sheet(name, brief.lang))
        frames.append(frame)
    combined = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    combined = localise_frame(combined, brief.lang, hidden=DROPPED).map(_guard_csv)
    return combined.to_csv(index=False).encode("utf-8-sig")
