"""PDF to text in reading order, refusing what would only give garbage.

pdfminer's layout analysis orders text boxes (columns, then lines); we re-join the lines of
each paragraph from their positions on the page. A PDF with no text layer
(a scan) and one whose fonts lack a Unicode map (pdfminer prints ``(cid:123)``) are refused
with a message that says so; an owner-password PDF (printing or copying restricted, no
password needed to open) is read normally, from a copy that pypdf decrypts.

Hostile PDFs are bounded here as well as by the worker's deadline: a stream that inflates
past ``MAX_STREAM_BYTES`` is refused, and a page of more than ``MAX_GROUPED_BOXES`` text boxes
is put in reading order by position instead of pdfminer's pairwise grouping (which takes
minutes on a page of thousands of scattered pieces). A page that holds only an image inside a
PDF with a text layer is reported in a warning, not skipped without a word.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from corpus.clean import STARTS_NUMBERED, collapse_whitespace, drop_spaces_between_cjk, is_page_number
from corpus.errors import CorruptFileError, EncryptedFileError, NoTextError, UnsafeFileError
from corpus.readers.text import common_share

MAX_PAGES = 2_000
MAX_STREAM_BYTES = 64 * 1024 * 1024  # one inflated stream; a page's content is rarely 1 MB
MAX_GROUPED_BOXES = 300  # text boxes per page that pdfminer may group pairwise
_DAMAGED_HINT = "Re-export or re-download it."
_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _open_checked(data: bytes, source: str) -> tuple[int, bytes]:
    """Open with pypdf to learn encryption and page count before the slow extraction.

    Returns the page count and the bytes to extract from: ``data`` itself, or for a PDF
    with only an owner password a decrypted copy (pdfminer's own decryption fails on some
    permission flags)."""
    from pypdf import PdfReader, PdfWriter

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if not reader.is_encrypted:
            return len(reader.pages), data
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # unsupported crypto or broken dictionary
            raise EncryptedFileError(
                source,
                f"the PDF is encrypted in a way that could not be opened ({type(exc).__name__})",
                "Save an unencrypted copy and add that.",
            ) from exc
        if not opened:
            raise EncryptedFileError(
                source,
                "the PDF needs a password to open",
                "Open it with the password, print or save it as an unprotected PDF, and add that copy.",
            )
        pages = len(reader.pages)
        copy = io.BytesIO()
        PdfWriter(clone_from=reader).write(copy)
        return pages, copy.getvalue()
    except (EncryptedFileError, UnsafeFileError):
        raise
    except NotImplementedError as exc:
        raise CorruptFileError(
            source, f"the PDF uses a feature the reader does not support ({exc})", "Print it to a new PDF and add that copy."
        ) from exc
    except RecursionError as exc:
        raise CorruptFileError(source, "the PDF's structure refers to itself without end", _DAMAGED_HINT) from exc
    except Exception as exc:  # pypdf raises many types on damaged files
        raise CorruptFileError(source, f"the PDF is damaged and could not be read ({type(exc).__name__})", _DAMAGED_HINT) from exc


class _BoundedInflater:
    """``zlib.decompressobj()`` that refuses to produce more than ``MAX_STREAM_BYTES``."""

    def __init__(self, source: str) -> None:
        self._inflater = zlib.decompressobj()
        self._produced = 0
        self._source = source

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_STREAM_BYTES + 1 - self._produced
        out = self._inflater.decompress(data, min(max_length, room) if max_length else room)
        self._produced += len(out)
        if self._produced > MAX_STREAM_BYTES:
            raise _stream_too_large(self._source)
        return out


def _stream_too_large(source: str) -> UnsafeFileError:
    return UnsafeFileError(
        source,
        f"a stream of the PDF inflates to more than {MAX_STREAM_BYTES // 2**20} MB (a decompression bomb)",
        "The file may be damaged or hostile; print it to a new PDF and add that copy.",
    )


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer while a file is read."""

    error = zlib.error

    def __init__(self, source: str) -> None:
        self._source = source

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES:
            raise _stream_too_large(self._source)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says; pdfminer then salvages
        return out

    def decompressobj(self) -> _BoundedInflater:
        return _BoundedInflater(self._source)


@contextmanager
def _bounded_streams(source: str) -> Iterator[None]:
    """Cap what pdfminer may inflate while one file is read (pdfminer calls ``zlib`` with no
    size limit)."""
    from pdfminer import pdftypes

    original = pdftypes.zlib
    pdftypes.zlib = _BoundedZlib(source)  # type: ignore[assignment]
    try:
        yield
    finally:
        pdftypes.zlib = original


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    page: int


def _page_class() -> type:
    """An ``LTPage`` that groups text boxes pairwise (pdfminer's default, good for columns)
    only up to ``MAX_GROUPED_BOXES``; beyond, the boxes flow top to bottom, left to right."""
    from pdfminer.layout import LTPage, LTTextGroupLRTB

    class _Page(LTPage):
        def group_textboxes(self, laparams: Any, boxes: Any) -> Any:
            if len(boxes) > MAX_GROUPED_BOXES:
                return [LTTextGroupLRTB(list(boxes))]
            return super().group_textboxes(laparams, boxes)

    return _Page


def _layout_lines(data: bytes) -> tuple[list[_Line], int, list[int]]:
    """Text lines in pdfminer's reading order with their horizontal extent, the page count,
    and the pages that hold an image but no text (scanned pages)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    page_class = _page_class()

    class _Aggregator(PDFPageAggregator):
        def begin_page(self, page: Any, ctm: Any) -> None:
            super().begin_page(page, ctm)
            self.cur_item.__class__ = page_class

    resources = PDFResourceManager()
    device = _Aggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    lines: list[_Line] = []
    image_only: list[int] = []
    pages = 0
    for number, pdf_page in enumerate(PDFPage.get_pages(io.BytesIO(data), password=""), 1):
        interpreter.process_page(pdf_page)
        page = device.get_result()
        pages = number
        found = len(lines)
        images = False
        for element in page:
            if isinstance(element, LTTextBox):
                for line in element:
                    if isinstance(line, LTTextLine):
                        text = line.get_text().replace("\n", "")
                        if text.strip():
                            lines.append(_Line(text, float(line.x0), float(line.x1), number))
            elif isinstance(element, LTImage | LTFigure):
                images = True
        if images and len(lines) == found:
            image_only.append(number)
    return lines, pages, image_only


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


def pdf_to_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Text of every page in reading order, one paragraph per line, and warnings (pages
    that hold only an image)."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError(source, "the file does not start like a PDF", "Check that it is really a PDF; re-download it.")
    for noisy in ("pdfminer", "pypdf"):  # their recovery notes would reach the CLI user as noise
        logging.getLogger(noisy).setLevel(logging.ERROR)
    pages, readable = _open_checked(data, source)
    if pages > MAX_PAGES:
        raise UnsafeFileError(source, f"the PDF has {pages} pages (limit {MAX_PAGES})", "Split it and add the part that holds the policy.")
    try:
        with _bounded_streams(source):
            lines, pages, image_only = _layout_lines(readable)
    except UnsafeFileError:
        raise
    except RecursionError as exc:
        raise CorruptFileError(source, "the PDF's structure refers to itself without end", _DAMAGED_HINT) from exc
    except Exception as exc:  # pdfminer raises many types (struct.error, PDFNotImplementedError, …) on damaged files
        raise CorruptFileError(source, f"the PDF is damaged and could not be read ({type(exc).__name__})", _DAMAGED_HINT) from exc
    images = bool(image_only)
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
    warnings = []
    if image_only:
        listed = ", ".join(map(str, image_only[:10])) + (" …" if len(image_only) > 10 else "")
        warnings.append(
            f"{len(image_only)} page(s) of the PDF hold an image but no text (scanned?): page {listed}; their text is not included. "
            "Run OCR on the PDF (for example ocrmypdf -l chi_sim) to read them."
        )
    return assemble_paragraphs([ln for ln in clean_lines if ln.text.strip()], pages), warnings
