"""Readers: bytes of a file, an upload or a URL → ``ReadResult`` (text plus provenance).

The format is chosen from the content first (PDF and zip signatures, HTML tags) and from the
name second, so a mislabelled file is still read or refused for the right reason.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
from dataclasses import replace
from pathlib import Path

from corpus.errors import NoTextError, NotFoundError, UnsafeFileError, UnsupportedFormatError
from corpus.models import ReadResult
from corpus.readers.bounded import DEFAULT_LIMITS, Limits, run_bounded
from corpus.readers.docx import OLE_MAGIC, docx_to_text, is_encrypted_ole
from corpus.readers.fetch import Fetched, fetch
from corpus.readers.html import html_to_text
from corpus.readers.legacy import legacy_to_docx, refuse_ofd
from corpus.readers.pdf import pdf_to_text
from corpus.readers.text import decode_text

MAX_FILE_MB = 50
MAX_FILE_BYTES = MAX_FILE_MB * 1_000_000  # decimal MB, as the app's upload widget counts on Linux and macOS
MAX_TEXT_CHARS = 5_000_000
SUPPORTED = (".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm")
# Imported in this process before a child is forked, so that every child starts with the
# parser loaded (seconds on the first file) instead of importing it again for each file.
_PARSER_MODULES = {
    "pdf": ("pypdf", "pdfminer.high_level", "pdfminer.layout", "pdfminer.converter"),
    "docx": ("docx", "lxml.etree"),
    "ole": ("docx", "lxml.etree"),
    "html": ("lxml.html", "trafilatura"),
    "text": ("charset_normalizer",),
}
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|div|p)\b", re.IGNORECASE)


def sniff(data: bytes, name: str) -> str:
    """Media kind of the bytes: "pdf", "docx", "ole" (.doc, .wps), "ofd", "html" or "text"."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if Path(name).suffix.lower() == ".ofd" or (head.startswith(b"PK\x03\x04") and b"OFD.xml" in head):
        return "ofd"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(OLE_MAGIC):
        return "ole"
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm"} or (suffix not in {".txt", ".md"} and _HTML_SNIFF.search(head)):
        return "html"
    if suffix in {".doc", ".wps"}:
        return "ole"
    if suffix in {".docx", ".pdf"}:
        return suffix[1:]  # claims a binary format but has no signature: the reader says it is corrupt
    if suffix and suffix not in {".txt", ".md", ".text", ""}:
        raise UnsupportedFormatError(name, f"files of type {suffix} are not read", f"Supported: {', '.join(SUPPORTED)}.")
    return "text"


def read_bytes(
    data: bytes, name: str, *, charset: str | None = None, source: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Read a document held in memory (an upload, a fetched page). ``name`` gives the suffix.

    The parsing runs in a child process bounded by ``limits`` (see ``corpus.readers.bounded``):
    a file that would take longer or need more memory is refused with an ``UnsafeFileError``.
    """
    source = source or name
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFileError(
            source,
            f"the file is {len(data) / 1e6:.1f} MB (limit {MAX_FILE_MB} MB)",
            "Split it or add the part that holds the policy.",
        )
    if not data.strip():
        raise NoTextError(source, "the file is empty", "Check that you chose the right file.")
    kind = sniff(data, name)
    for module in _PARSER_MODULES.get(kind, ()):
        importlib.import_module(module)
    if kind == "ole" and not is_encrypted_ole(data):
        # LibreOffice converts in a process of its own, with its own time limit; the .docx it
        # writes is then read like any other
        converted = legacy_to_docx(data, name, source)
        read = run_bounded(read_bytes_here, converted, "converted.docx", charset, source, source=source, limits=limits)
        return replace(read, media_type="application/msword", sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return run_bounded(read_bytes_here, data, name, charset, source, source=source, limits=limits)


def read_bytes_here(data: bytes, name: str, charset: str | None, source: str) -> ReadResult:
    """``read_bytes`` in this process, without bounds, for a child process (a .doc arrives
    converted to .docx)."""
    kind = sniff(data, name)
    html_title = None
    encoding = None
    warnings: list[str] = []
    if kind == "pdf":
        (text, warnings), media = pdf_to_text(data, source), "application/pdf"
    elif kind == "ofd":
        refuse_ofd(source)
    elif kind in {"docx", "ole"}:
        (text, warnings), media = docx_to_text(data, source), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == "html":
        text, html_title = html_to_text(data, source, charset)
        media = "text/html"
    else:
        text, encoding = decode_text(data, source)
        media = "text/plain"
    if len(text) > MAX_TEXT_CHARS:
        raise UnsafeFileError(
            source, f"the text has {len(text):,} characters (limit {MAX_TEXT_CHARS:,})", "A single policy is far shorter; split the file."
        )
    if not text.strip():
        raise NoTextError(source, "the document holds no text", "Check that you chose the right file.")
    return ReadResult(
        text=text,
        source=source,
        media_type=media,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=encoding,
        html_title=html_title,
        warnings=tuple(warnings),
    )


def read_path(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read a file from disk; its size is checked before a byte is loaded."""
    p = Path(path)
    if not p.exists():
        raise NotFoundError(str(p), "no such file", "Check the path.")
    if p.is_dir():
        raise UnsupportedFormatError(str(p), "this is a folder, not a file", "Give the files inside it.")
    if not p.is_file():  # a device (/dev/zero), pipe or socket would be read without end
        raise UnsupportedFormatError(str(p), "this is not a regular file (a device, pipe or socket)", "Give a document file.")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnsafeFileError(
            str(p),
            f"the file is {size / 1e6:.1f} MB (limit {MAX_FILE_MB} MB)",
            "Split it or add the part that holds the policy.",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnsupportedFormatError(str(p), f"the file could not be read ({exc.strerror or exc})", "Check its permissions.") from exc
    return read_bytes(data, p.name, source=str(p), limits=limits)


def is_url(value: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value))


def read_url(url: str, *, allow_private: bool = False) -> ReadResult:
    """Fetch and read a URL; the result's source is the final URL after redirects."""
    return read_fetched(fetch(url, allow_private=allow_private))


def fetched_name(fetched: Fetched, name: str | None = None) -> str:
    """A file name for fetched bytes (``name``, else the URL's last segment) whose suffix
    agrees with the Content-Type when the name has none."""
    name = name or Path(fetched.url.split("?")[0]).name or "index.html"
    if "html" in fetched.content_type and not name.endswith((".htm", ".html")):
        name += ".html"
    elif "pdf" in fetched.content_type and not name.endswith(".pdf"):
        name += ".pdf"
    elif "wordprocessingml" in fetched.content_type and not name.endswith(".docx"):
        name += ".docx"
    elif fetched.content_type == "application/msword" and not name.endswith((".doc", ".wps")):
        name += ".doc"
    elif fetched.content_type.startswith("text/plain") and "." not in name:
        name += ".txt"
    return name


def read_fetched(fetched: Fetched, name: str | None = None) -> ReadResult:
    """Read what ``fetch`` returned; the source is the final URL."""
    return read_bytes(fetched.data, fetched_name(fetched, name), charset=fetched.charset, source=fetched.url)


def read_any(target: str, *, allow_private: bool = False) -> ReadResult:
    """A path or an http(s) URL."""
    return read_url(target, allow_private=allow_private) if is_url(target) else read_path(target)


__all__ = ["MAX_FILE_MB", "read_any", "read_bytes", "read_fetched", "read_path", "read_url", "is_url", "sniff", "Limits", "SUPPORTED"]
