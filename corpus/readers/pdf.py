"""PDF to text in reading order, refusing what would only give garbage.

pdfminer's layout analysis orders text boxes (columns, then lines). A PDF with no text layer
(a scan) and one whose fonts lack a Unicode map (pdfminer prints ``(cid:123)``) are refused
with a message that says so; an owner-password PDF (printing or copying restricted, no
password needed to open) is read normally.
"""

from __future__ import annotations

import io
import logging
import re

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


def _has_images(data: bytes) -> bool:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    def walk(obj: object) -> bool:
        if isinstance(obj, LTImage):
            return True
        if isinstance(obj, LTFigure):
            return any(walk(child) for child in obj)
        return False

    return any(walk(obj) for page in extract_pages(io.BytesIO(data), password="", maxpages=5) for obj in page)


def pdf_to_text(data: bytes, source: str) -> str:
    """Text of every page, pages separated by form feeds."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError(source, "the file does not start like a PDF", "Check that it is really a PDF; re-download it.")
    pages = _open_checked(data, source)
    if pages > MAX_PAGES:
        raise UnsafeFileError(source, f"the PDF has {pages} pages (limit {MAX_PAGES})", "Split it and add the part that holds the policy.")
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        text = extract_text(io.BytesIO(data), password="", laparams=LAParams())
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise CorruptFileError(
            source, f"the PDF is damaged and could not be read ({type(exc).__name__})", "Re-export or re-download it."
        ) from exc
    visible = re.sub(r"\s", "", text)
    cids = _CID.findall(visible)
    if cids and len("".join(cids)) > 0.3 * len(visible):
        raise NoTextError(
            source,
            f"the PDF's fonts have no Unicode mapping: {len(cids)} glyphs come out as (cid:…) codes",
            "Its text cannot be read reliably; use the Word or web version of the policy, or OCR the PDF.",
        )
    text = _CID.sub("", text)
    visible = _CID.sub("", visible)
    if len(visible) < 20:
        if _has_images(data):
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
    return text
