"""PDF to text in reading order, refusing what would only give garbage.

pdfminer's layout analysis orders text boxes (columns, then lines); we re-join the lines of
each paragraph from their positions on the page. A PDF with no text layer
(a scan) and one whose fonts lack a Unicode map (pdfminer prints ``(cid:123)``) are refused
with a message that says so; an owner-password PDF (printing or copying restricted, no
password needed to open) is read normally.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from corpus.clean import STARTS_NUMBERED, collapse_whitespace, drop_spaces_between_cjk, is_page_number
from corpus.errors import CorruptFileError, EncryptedFileError, NoTextError, UnsafeFileError
from corpus.readers.text import common_share

MAX_PAGES = 2_000
_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _open_checked(data: bytes, source: str) -> int:
    """Open with pypdf to learn encryption and page count before the slow extraction."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # unsupported crypto or broken dictionary
                raise EncryptedFileError(
                    source, f"the PDF is encrypted in a way that could not be opened ({exc})", "Save an unencrypted copy and add that."
                ) from exc
            if not opened:
                raise EncryptedFileError(
                    source,
                    "the PDF needs a password to open",
                    "Open it with the password, print or save it as an unprotected PDF, and add that copy.",
                )
        return len(reader.pages)
    except (EncryptedFileError, UnsafeFileError):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptFileError(
            source, f"the PDF is damaged and could not be read ({type(exc).__name__})", "Re-export or re-download it."
        ) from exc


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    page: int


def _layout_lines(data: bytes) -> tuple[list[_Line], int, bool]:
    """Text lines in pdfminer's reading order with their horizontal extent, the page count,
    and whether any page holds an image."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox, LTTextLine

    lines: list[_Line] = []
    images = False
    pages = 0
    for number, page in enumerate(extract_pages(io.BytesIO(data), password="", laparams=LAParams()), 1):
        pages = number
        for element in page:
            if isinstance(element, LTTextBox):
                for line in element:
                    if isinstance(line, LTTextLine):
                        text = line.get_text().replace("\n", "")
                        if text.strip():
                            lines.append(_Line(text, float(line.x0), float(line.x1), number))
            elif isinstance(element, LTImage | LTFigure):
                images = True
    return lines, pages, images


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def assemble_paragraphs(lines: list[_Line], pages: int) -> str:
    """Re-join the lines page layout broke, one paragraph per output line.

    A line continues the paragraph above when the line above reaches the right margin, this
    line is not indented (Chinese official documents indent each paragraph by two characters)
    and it does not start a numbered item. Page numbers and running headers or footers (the
    same first or last line on most pages) are dropped; spaces that extraction puts between
    Chinese characters are removed.
    """
    if not lines:
        return ""
    edges: dict[str, int] = {}
    for page in range(1, pages + 1):
        own = [ln.text.strip() for ln in lines if ln.page == page]
        for text in {own[0], own[-1]} if own else set():
            edges[text] = edges.get(text, 0) + 1
    running = {text for text, n in edges.items() if pages >= 3 and n >= max(3, pages // 2)}
    kept = [ln for ln in lines if ln.text.strip() not in running and not is_page_number(collapse_whitespace(ln.text))]
    widths = [(ln.x1 - ln.x0) / len(ln.text.strip()) for ln in kept if len(ln.text.strip()) >= 10]
    char = _percentile(widths, 0.5) or 10.0
    left = _percentile([ln.x0 for ln in kept], 0.1)
    right = _percentile([ln.x1 for ln in kept], 0.9)
    paragraphs: list[str] = []
    previous_full = False
    for ln in kept:
        text = drop_spaces_between_cjk(collapse_whitespace(ln.text))
        indented = ln.x0 - left > 1.2 * char
        if paragraphs and previous_full and not indented and not STARTS_NUMBERED.match(text):
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        previous_full = ln.x1 >= right - 2 * char
    return "\n".join(paragraphs)


def pdf_to_text(data: bytes, source: str) -> str:
    """Text of every page in reading order, one paragraph per line."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError(source, "the file does not start like a PDF", "Check that it is really a PDF; re-download it.")
    pages = _open_checked(data, source)
    if pages > MAX_PAGES:
        raise UnsafeFileError(source, f"the PDF has {pages} pages (limit {MAX_PAGES})", "Split it and add the part that holds the policy.")
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        lines, pages, images = _layout_lines(data)
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise CorruptFileError(
            source, f"the PDF is damaged and could not be read ({type(exc).__name__})", "Re-export or re-download it."
        ) from exc
    visible = re.sub(r"\s", "", "".join(ln.text for ln in lines))
    cids = _CID.findall(visible)
    if cids and len("".join(cids)) > 0.3 * len(visible):
        raise NoTextError(
            source,
            f"the PDF's fonts have no Unicode mapping: {len(cids)} glyphs come out as (cid:…) codes",
            "Its text cannot be read reliably; use the Word or web version of the policy, or OCR the PDF.",
        )
    visible = _CID.sub("", visible)
    if len(visible) < 20:
        if images:
            raise NoTextError(
                source,
                f"the PDF is scanned: its {pages} page(s) hold images but no text layer",
                "Run OCR on it (for example ocrmypdf -l chi_sim) and add the result.",
            )
        raise NoTextError(source, "the PDF holds no text", "Check that you chose the right file.")
    if _CJK.search(visible) and common_share(visible) < 0.85:
        raise NoTextError(
            source, "the PDF's text layer is garbled (mostly rare characters)", "Use the Word or web version of the policy, or OCR the PDF."
        )
    clean_lines = [_Line(_CID.sub("", ln.text), ln.x0, ln.x1, ln.page) for ln in lines]
    return assemble_paragraphs([ln for ln in clean_lines if ln.text.strip()], pages)
