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
from typing import IO, Any

from corpus.errors import CorruptFileError, EncryptedFileError, UnsafeFileError, UnsupportedFormatError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 5_000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
MAX_XML_PART = 25 * 1024 * 1024  # one XML part; the longest real policies have a few MB
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
        xml_parts = [i for i in infos if i.filename.endswith((".xml", ".rels"))]
        for info in xml_parts:
            if info.file_size > MAX_XML_PART:
                raise UnsafeFileError(
                    source,
                    f"part {info.filename} expands to {info.file_size // 2**20} MB of XML (limit {MAX_XML_PART // 2**20} MB)",
                    "A Word document's text is far smaller; this one may be damaged or built to exhaust the reader.",
                )
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise CorruptFileError(source, "the package has no word/document.xml", "It is not a Word document; re-save it as .docx.")
        for info in xml_parts:
            with archive.open(info) as part:
                if declares_dtd(part):
                    raise UnsafeFileError(
                        source,
                        f"part {info.filename} declares a DTD (XML entities)",
                        "Documents with DTDs are refused, since their entities can hide or multiply text; re-save it from Word.",
                    )


class _PrologEnd(Exception):
    """Raised by the prolog reader to stop at the DOCTYPE or at the root element."""


class _Prolog:
    """lxml parser target that only watches the prolog: a DOCTYPE, then the root element."""

    doctype_seen = False

    def doctype(self, *_: object) -> None:
        self.doctype_seen = True
        raise _PrologEnd

    def start(self, *_: object) -> None:
        raise _PrologEnd

    def end(self, *_: object) -> None:
        pass

    def data(self, *_: object) -> None:
        pass

    def close(self) -> None:
        pass


def declares_dtd(stream: IO[bytes]) -> bool:
    """Whether an XML part has a DOCTYPE, read by a real XML parser up to its root element.

    A parser, not a byte scan: comments of any length before the DOCTYPE and UTF-16 parts
    cannot hide it. Entities are never resolved and nothing is fetched from the network.
    """
    from lxml import etree

    prolog = _Prolog()
    parser = etree.XMLParser(target=prolog, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        while chunk := stream.read(65536):
            parser.feed(chunk)
        parser.close()
    except _PrologEnd:
        pass
    except etree.XMLSyntaxError:
        pass  # a broken part is reported by the reader; only a DOCTYPE seen before the error counts here
    return prolog.doctype_seen


# --- numbering ---------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting); Arabic
    digits outside 1..999."""
    if n <= 0 or n >= 1000:
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


MAX_COUNTER = 32767  # Word's own limit for w:start
MAX_LEVEL_TEXT = 64


def _int_attr(element: Any, low: int, high: int) -> int | None:
    """The integer ``w:val`` of a numbering element, clamped to ``low..high``; None when the
    element or its value is missing or not a number (a malformed value counts as absent)."""
    if element is None:
        return None
    raw = element.get(f"{W}val")
    try:
        value = int(str(raw).strip()[:12])
    except ValueError:
        return None
    return min(max(value, low), high)


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
                    if tag == f"{W}start":
                        start = _int_attr(child, 0, MAX_COUNTER)
                        level.start = level.start if start is None else start
                    elif tag == f"{W}numFmt" and val:
                        level.fmt = val[:40]
                    elif tag == f"{W}lvlText" and val is not None and len(val) <= MAX_LEVEL_TEXT:
                        level.text = val
                    elif tag == f"{W}lvlRestart":
                        level.restart = _int_attr(child, 0, 9)
                    elif tag == f"{W}isLgl":
                        level.legal = val not in {"0", "false"}
                ilvl = _level_index(lvl.get(f"{W}ilvl", "0"))
                if ilvl is not None:
                    levels[ilvl] = level
            if aid is not None:
                numbering.levels[aid] = levels
        for num in element.iter(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if nid is None or ref is None:
                continue
            numbering.num_to_abstract[nid] = ref.get(f"{W}val", "")
            for override in num.iter(f"{W}lvlOverride"):
                start = _int_attr(override.find(f"{W}startOverride"), 0, MAX_COUNTER)
                ilvl = _level_index(override.get(f"{W}ilvl", "0"))
                if start is not None and ilvl is not None:
                    numbering.overrides.setdefault(nid, {})[ilvl] = start
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


def _level_index(raw: str | None) -> int | None:
    """A list level (``w:ilvl``) as 0..8; None when malformed or out of range."""
    try:
        value = int(str(raw).strip()[:3])
    except ValueError:
        return None
    return value if 0 <= value <= 8 else None


def _read_num_pr(ppr: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a ``w:pPr``, read from the raw attributes so that a malformed value
    means "not numbered" instead of an exception; None without numbering."""
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_id = numpr.find(f"{W}numId")
    ilvl_el = numpr.find(f"{W}ilvl")
    nid = num_id.get(f"{W}val") if num_id is not None else None
    ilvl = _level_index(ilvl_el.get(f"{W}val")) if ilvl_el is not None else 0
    if not nid or nid == "0" or ilvl is None:
        return None
    return nid, ilvl


def _num_props(paragraph: Any, styles: dict[str, tuple[str, int] | None]) -> tuple[str, int] | None:
    ppr = paragraph._p.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}numPr") is not None:
        return _read_num_pr(ppr)
    try:
        style = paragraph.style
    except (KeyError, ValueError):  # a style id that the styles part does not define well
        return None
    seen = 0
    while style is not None and seen < 20:  # a style that is its own base must not loop
        seen += 1
        if style.style_id in styles:
            return styles[style.style_id]
        found = _read_num_pr(style.element.find(f"{W}pPr"))
        if found is not None:
            styles[style.style_id] = found
            return found
        style = style.base_style
    return None


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not the document's current text: deletions and the source of a move
# (tracked changes), field codes, properties, footnote marks, the fallback copy of a drawing
# (its text is read from the preferred copy), and text boxes (read as paragraphs of their own).
_NOT_TEXT = {
    f"{W}{tag}"
    for tag in ("del", "moveFrom", "instrText", "delText", "pPr", "rPr", "sdtPr", "footnoteReference", "endnoteReference", "txbxContent")
} | {f"{MC}Fallback"}


def paragraph_text(p: Any) -> str:
    """The text of a ``w:p`` as Word shows it with changes accepted: runs wherever they sit
    (hyperlinks, insertions, moves, smart tags, simple fields, content controls, custom XML),
    without deleted or moved-away text and without text boxes."""
    parts: list[str] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in {f"{W}br", f"{W}cr"}:
            parts.append("" if child.get(f"{W}type") == "page" else "\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            stack.append(iter(child))
    return "".join(parts)


def _text_boxes(p: Any) -> Iterator[Any]:
    """The outermost text boxes anchored in a paragraph, in order, each once (the preferred
    copy of an ``mc:AlternateContent``)."""
    for box in p.iter(f"{W}txbxContent"):
        outer = [a for a in box.iterancestors() if a.tag in {f"{W}txbxContent", f"{MC}Fallback"} or a is p]
        if outer and outer[0] is p:
            yield box


def _iter_blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in order, looking inside content controls (w:sdt) and custom
    XML; the text boxes anchored in a paragraph follow it."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _iter_blocks(content)
        elif tag == f"{W}customXml":
            yield from _iter_blocks(child)
        elif tag == f"{W}tbl":
            yield child
        elif tag == f"{W}p":
            yield child
            for box in _text_boxes(child):
                yield from _iter_blocks(box)


def _cell_text(cell: Any) -> str:
    """All text of a table cell (nested tables and text boxes included) on one line."""
    pieces: list[str] = []
    for block in _iter_blocks(cell._tc):
        if block.tag == f"{W}p":
            pieces.append(paragraph_text(block))
        else:
            pieces.extend(paragraph_text(p) for p in block.iter(f"{W}p"))
    return " ".join(" ".join(pieces).split())


def _note_lines(document: Any, kind: str) -> list[str]:
    """Footnotes or endnotes as lines ``〔脚注1〕…`` / ``〔尾注1〕…``, in the order Word numbers
    them (the separator notes Word keeps in the part are skipped)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
    label = "脚注" if kind == "footnote" else "尾注"
    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype == reltype and not rel.is_external), None)
    if part is None:
        return []
    from docx.oxml.parser import parse_xml

    root = parse_xml(part.blob)
    lines: list[str] = []
    for note in root.iterchildren(f"{W}{kind}"):
        if note.get(f"{W}type") in {"separator", "continuationSeparator", "continuationNotice"}:
            continue
        text = " ".join(" ".join(paragraph_text(p) for p in note.iter(f"{W}p")).split())
        if text:
            lines.append(f"〔{label}{len(lines) + 1}〕{text}")
    return lines


def docx_to_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Paragraphs (with their restored numbers), text boxes where they are anchored, table
    rows (cells joined by " | "), then footnotes and endnotes marked ``〔脚注n〕``/``〔尾注n〕``;
    and warnings for what could not be read. Headers and footers are not read (they hold
    running titles and page numbers)."""
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
            text = paragraph_text(block)
            props = _num_props(Paragraph(block, document), style_cache) if block.getparent().tag != f"{W}txbxContent" else None
            label = numbering.label(*props) if props else ""
            if text.strip() or label.strip():
                lines.append(f"{label}{text}" if label else text)
        else:
            table = Table(block, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = _cell_text(cell)
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
                if cells:
                    lines.append(" | ".join(cells))
    warnings: list[str] = []
    for kind in ("footnote", "endnote"):
        try:
            lines.extend(_note_lines(document, kind))
        except Exception as exc:  # a broken notes part must not lose the body: say what was skipped
            warnings.append(f"the {kind}s of the .docx could not be read ({type(exc).__name__}) and are not included")
    return "\n".join(lines), warnings
