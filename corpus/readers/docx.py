"""Word .docx to text: paragraphs and tables in document order, automatic numbering restored.

Word keeps list numbers such as ``一、`` or ``1.`` out of ``paragraph.text``: they live in the
numbering definitions (``word/numbering.xml``). We replay the counters so that headings keep
their numbers and the segmenter sees the real hierarchy.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from corpus.errors import CorruptFileError, EncryptedFileError, UnsafeFileError, UnsupportedFormatError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 5_000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE2 container holding a password-protected Office package."""
    return data.startswith(OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data


def check_ole(data: bytes, source: str) -> None:
    """Refuse an OLE2 container: an encrypted Office file or a legacy .doc."""
    if not data.startswith(OLE_MAGIC):
        return
    if is_encrypted_ole(data):
        raise EncryptedFileError(source, "the Word file is password-protected", "Open it in Word, remove the password and save it again.")
    raise UnsupportedFormatError(
        source, "this is a legacy Word .doc file, not .docx", "Save it as .docx (Word: File › Save As) or export it as PDF."
    )


def check_zip(data: bytes, source: str) -> None:
    """Refuse zip bombs and XML entity tricks before any parser sees the package."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(source, "the file is not a valid .docx package (bad zip)", "Re-save it from Word.") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeFileError(
                source, f"the package has {len(infos)} parts (limit {MAX_ENTRIES})", "This is not a normal Word document."
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED:
            raise UnsafeFileError(
                source,
                f"the package expands to {total // 2**20} MB (limit {MAX_UNCOMPRESSED // 2**20} MB)",
                "This looks like a zip bomb; it was not opened.",
            )
        for info in infos:
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeFileError(
                    source,
                    f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1",
                    "This looks like a zip bomb; it was not opened.",
                )
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise CorruptFileError(source, "the package has no word/document.xml", "It is not a Word document; re-save it as .docx.")
        for name in names:
            if name.endswith((".xml", ".rels")):
                with archive.open(name) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise UnsafeFileError(
                        source, f"part {name} declares XML entities", "Documents with DTDs are refused; re-save it from Word."
                    )


# --- numbering ---------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = (
        ""
        if rest == 0
        else ("零" + _CN_DIGITS[rest] if rest < 10 else chinese_counting(rest) if rest >= 20 else "一" + chinese_counting(rest))
    )
    return _CN_DIGITS[n // 100] + "百" + tail


def _roman(n: int) -> str:
    vals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's ``w:numFmt`` formats."""
    if fmt in {
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    }:
        return chinese_counting(n)
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in {"ideographTraditional"} and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False


@dataclass
class Numbering:
    """Numbering definitions and the running counters while the body is replayed."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → ilvl → level
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → ilvl → value
    started_nums: set[str] = field(default_factory=set)

    @classmethod
    def from_part(cls, element: Any) -> Numbering:
        numbering = cls()
        if element is None:
            return numbering
        for abstract in element.iter(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                level = _Level()
                for child in lvl:
                    tag, val = child.tag, child.get(f"{W}val")
                    if tag == f"{W}start" and val is not None:
                        level.start = int(val)
                    elif tag == f"{W}numFmt" and val:
                        level.fmt = val
                    elif tag == f"{W}lvlText" and val is not None:
                        level.text = val
                    elif tag == f"{W}lvlRestart" and val is not None:
                        level.restart = int(val)
                    elif tag == f"{W}isLgl":
                        level.legal = val not in {"0", "false"}
                levels[int(lvl.get(f"{W}ilvl", "0"))] = level
            if aid is not None:
                numbering.levels[aid] = levels
        for num in element.iter(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if nid is None or ref is None:
                continue
            numbering.num_to_abstract[nid] = ref.get(f"{W}val", "")
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    numbering.overrides.setdefault(nid, {})[int(override.get(f"{W}ilvl", "0"))] = int(start.get(f"{W}val", "1"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (numId, level) and return the rendered label, e.g. "（三）"."""
        aid = self.num_to_abstract.get(num_id)
        if aid is None or aid not in self.levels or ilvl not in self.levels[aid]:
            return ""
        levels = self.levels[aid]
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started_nums:
            self.started_nums.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in list(counters):
            if deeper > ilvl:
                restart = levels.get(deeper, _Level()).restart
                if restart is None or restart > ilvl:
                    del counters[deeper]
        if level.fmt == "bullet":
            return "• "
        if level.fmt == "none":
            return level.text if "%" not in level.text else ""
        out = level.text
        for i in range(9, -1, -1):
            key = f"%{i + 1}"
            if key in out:
                lv = levels.get(i, _Level())
                value = counters.get(i, lv.start)
                out = out.replace(key, format_number(value, "decimal" if level.legal else lv.fmt))
        return out


def _num_props(paragraph: Any, styles: dict[str, tuple[str, int] | None]) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        num_id = ppr.numPr.numId.val if ppr.numPr.numId is not None else None
        ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
        if num_id is None:
            return None
        return (str(num_id), int(ilvl)) if str(num_id) != "0" else None
    style = paragraph.style
    while style is not None:
        if style.style_id in styles:
            return styles[style.style_id]
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None and spr.numPr.numId is not None:
            ilvl = spr.numPr.ilvl.val if spr.numPr.ilvl is not None else 0
            styles[style.style_id] = (str(spr.numPr.numId.val), int(ilvl))
            return styles[style.style_id]
        style = style.base_style
    return None


def _iter_blocks(parent: Any) -> Iterator[Any]:
    """Body children in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _iter_blocks(content)
        elif child.tag in {f"{W}p", f"{W}tbl"}:
            yield child


def docx_to_text(data: bytes, source: str) -> str:
    """Paragraphs (with their restored numbers) and table rows (cells joined by " | ")."""
    check_ole(data, source)
    check_zip(data, source)
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise CorruptFileError(source, f"the .docx could not be opened ({type(exc).__name__})", "Re-save it from Word.") from exc
    try:
        numbering_part = document.part.numbering_part
        numbering = Numbering.from_part(numbering_part.element)
    except (KeyError, NotImplementedError):
        numbering = Numbering()
    style_cache: dict[str, tuple[str, int] | None] = {}
    lines: list[str] = []
    body = document.element.body
    for block in _iter_blocks(body):
        if block.tag == f"{W}p":
            paragraph = Paragraph(block, document)
            text = paragraph.text
            props = _num_props(paragraph, style_cache)
            label = numbering.label(*props) if props else ""
            if text.strip() or label.strip():
                lines.append(f"{label}{text}" if label else text)
        else:
            table = Table(block, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
                if cells:
                    lines.append(" | ".join(cells))
    return "\n".join(lines)
