"""The regression corpus of hostile and lossy inputs, generated at test time (no binary blobs).

Each case builds the bytes of one file and says what reading it must give: either a refusal
(the error type and a phrase of its one-line message) or a successful reading (lines the text
must hold, lines it must not). ``python -m tests.corpus.hostile OUT_DIR`` writes the files, to
try them by hand with ``python -m corpus segment``. Everything in them is fictional (白鹭洲省,
云梦泽市, 青岚区).
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorruptFileError, EncodingError, UnsafeFileError
from tests.corpus.builders import W_NS, assemble_pdf, government_page, plain_docx, rewrite_zip, scanned_pdf, text_pdf

_DOCX_NS = (
    f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


@dataclass(frozen=True)
class Case:
    """One hostile or lossy file and what reading it must give."""

    name: str
    filename: str
    build: Callable[[], bytes]
    refused: type[Exception] | None = None  # the error type when the file must be refused
    says: str = ""  # a phrase of the refusal's message
    holds: tuple[str, ...] = ()  # lines (or parts of lines) the text must hold when read
    lacks: tuple[str, ...] = ()  # text that must not appear
    warns: str = ""  # a phrase of a warning the reading must carry
    clauses: tuple[tuple[str | None, str, tuple[str, ...]], ...] = ()  # (number, text, units) of every clause
    charset: str | None = None  # the charset a server declared for the bytes


# --- docx ----------------------------------------------------------------------------------


def _docx_with_body(body_xml: str, *, add: dict[str, bytes] | None = None, rels: str = "", types: str = "") -> bytes:
    """python-docx's blank document with ``body_xml`` as the body (paragraphs as raw XML)."""
    base = plain_docx(["placeholder"])
    package = zipfile.ZipFile(io.BytesIO(base))
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_DOCX_NS}><w:body>{body_xml}</w:body></w:document>'
    replace = {"word/document.xml": document.encode("utf-8")}
    if rels:
        old = package.read("word/_rels/document.xml.rels").decode("utf-8")
        replace["word/_rels/document.xml.rels"] = old.replace("</Relationships>", rels + "</Relationships>").encode("utf-8")
    if types:
        old = package.read("[Content_Types].xml").decode("utf-8")
        replace["[Content_Types].xml"] = old.replace("</Types>", types + "</Types>").encode("utf-8")
    return rewrite_zip(base, replace=replace, add=add)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _text_box(text: str) -> str:
    """A DrawingML text box with its VML fallback copy, as Word writes it."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{_p(_run(text))}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{_p(_run(text))}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def text_loss_docx() -> bytes:
    """Text in every place Word can put it: tracked insertions and moves, smart tags, simple
    fields, inline content controls and custom XML, a text box and a footnote; plus the
    deleted and moved-away text that must not be read."""
    body = "".join(
        [
            _p(_run("青岚区数字经济促进办法")),
            _p(_run("一、对企业") + '<w:ins w:id="1" w:author="x">' + _run("给予研发补贴") + "</w:ins>" + _run("。")),
            _p(
                _run("二、")
                + '<w:del w:id="2" w:author="x"><w:r><w:delText>删除的旧文字</w:delText></w:r></w:del>'
                + _run("支持人才引进。")
            ),
            _p(_run("三、") + '<w:moveTo w:id="3" w:author="x">' + _run("建设公共平台") + "</w:moveTo>" + _run("。")),
            _p(_run("四、") + '<w:moveFrom w:id="4" w:author="x">' + _run("移走的文字") + "</w:moveFrom>" + _run("拓展应用场景。")),
            _p(_run("五、由") + '<w:smartTag w:uri="urn:x" w:element="place">' + _run("青岚区") + "</w:smartTag>" + _run("经信局负责。")),
            _p(_run("六、详见第") + '<w:fldSimple w:instr=" PAGE ">' + _run("3") + "</w:fldSimple>" + _run("页附表。")),
            _p(
                _run("七、")
                + '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>'
                + _run("加强资金保障")
                + "</w:sdtContent></w:sdt>"
                + _run("。")
            ),
            _p(_run("八、") + '<w:customXml w:element="clause">' + _run("强化组织领导") + "</w:customXml>" + _run("。")),
            _p(_run("九、本办法自发布之日起施行") + _text_box("附：青岚区重点企业名单另行公布")),
            _p(_run("十、由区财政局负责解释") + '<w:r><w:footnoteReference w:id="2"/></w:r>' + _run("。")),
        ]
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_DOCX_NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="2">{_p(_run("区财政局指青岚区财政局。"))}</w:footnote></w:footnotes>'
    )
    return _docx_with_body(
        body,
        add={"word/footnotes.xml": footnotes.encode("utf-8")},
        rels='<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>',
        types='<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>',
    )


TEXT_LOSS_LINES = (
    "一、对企业给予研发补贴。",
    "二、支持人才引进。",
    "三、建设公共平台。",
    "四、拓展应用场景。",
    "五、由青岚区经信局负责。",
    "六、详见第3页附表。",
    "七、加强资金保障。",
    "八、强化组织领导。",
    "九、本办法自发布之日起施行",
    "附：青岚区重点企业名单另行公布",
    "十、由区财政局负责解释。",
    "〔脚注1〕区财政局指青岚区财政局。",
)


def _numbering_docx(levels: str, nums: str, numbered: list[tuple[str, str, str]]) -> bytes:
    """A docx with its own numbering definitions (raw XML) and paragraphs (numId, ilvl, text)."""
    body = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{nid}"/></w:numPr></w:pPr>{_run(text)}</w:p>'
        if nid
        else _p(_run(text))
        for nid, ilvl, text in numbered
    )
    numbering = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_DOCX_NS}>{levels}{nums}</w:numbering>'
    return rewrite_zip(_docx_with_body(body), replace={"word/numbering.xml": numbering.encode("utf-8")})


def _level(ilvl: str, start: str, fmt: str, text: str) -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'


def huge_start_docx() -> bytes:
    """upperRoman numbering starting at 10**10 (never finished: a label of ten million "M")."""
    levels = f'<w:abstractNum w:abstractNumId="7">{_level("0", str(10**10), "upperRoman", "%1.")}</w:abstractNum>'
    nums = '<w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>'
    return _numbering_docx(levels, nums, [("", "", "青岚区数字经济促进办法"), ("7", "0", "加强组织领导。"), ("7", "0", "加大资金支持。")])


def malformed_numbering_docx() -> bytes:
    """Numbering values that are not numbers or out of range (a ValueError or IndexError before)."""
    levels = (
        '<w:abstractNum w:abstractNumId="8">'
        f"{_level('zero', 'ten', 'chineseCounting', '%1、')}{_level('0', '-3', 'chineseCounting', '%1、')}"
        f"{_level('1', '1', 'decimal', '%2.')}{_level('99', '1', 'decimal', '%9.')}"
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="many"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%3"/></w:lvl>'
        "</w:abstractNum>"
    )
    nums = (
        '<w:num w:numId="8"><w:abstractNumId w:val="8"/>'
        '<w:lvlOverride w:ilvl="x"><w:startOverride w:val="1e9"/></w:lvlOverride></w:num>'
        '<w:num w:numId="9"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="99999999999"/></w:lvlOverride></w:num>'
    )
    return _numbering_docx(
        levels,
        nums,
        [
            ("", "", "青岚区数字经济促进办法"),
            ("8", "0", "总体要求"),
            ("8", "1", "加强组织领导。"),
            ("8", "seven", "层级无效的段落。"),
            ("abc", "0", "编号无效的段落。"),
            ("9", "0", "保障措施"),
        ],
    )


def xml_bomb_docx() -> bytes:
    """A docx of about 0.6 MB whose document.xml is 74 MB (about 120:1, under the zip-bomb
    ratio): the size of one part refuses it, not a parse of 74 MB."""
    import random

    rng = random.Random(15)
    chars = "数字经济促进办法对企业给予补贴"
    paragraph = "".join(_p(_run("".join(rng.choice(chars) for _ in range(20)))) for _ in range(64))
    body = paragraph * (74 * 2**20 // len(paragraph.encode("utf-8")))
    return _docx_with_body(body)


def _doctype_docx(prefix: bytes, encoding: str = "utf-8") -> bytes:
    base = plain_docx(["青岚区数字经济促进办法", "一、对企业给予补贴。"])
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode("utf-8")
    root = xml.split("?>", 1)[1]
    root = root.replace("对企业给予补贴。", "对企业给予&secret;补贴。")
    head = f'<?xml version="1.0" encoding="{encoding}" standalone="yes"?>'
    doc = head + prefix.decode("utf-8") + '<!DOCTYPE w:document [<!ENTITY secret "SYSTEM">]>' + root
    data = doc.encode(encoding)
    return rewrite_zip(base, replace={"word/document.xml": data})


def dtd_after_comment_docx() -> bytes:
    """The DOCTYPE after a 5 KB comment, past the first 4 KB that a byte scan looks at."""
    return _doctype_docx(b"<!--" + b"x" * 5000 + b"-->")


def utf16_dtd_docx() -> bytes:
    """document.xml in UTF-16, where a byte scan for ``<!DOCTYPE`` finds nothing."""
    return _doctype_docx(b"", "utf-16")


# --- PDF ----------------------------------------------------------------------------------------


def _content_pdf(content: bytes, filters: bytes = b"") -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d %s>>\nstream\n" % (len(content), filters) + content + b"\nendstream",
            font,
        ]
    )


def pdf_bomb(megabytes: int = 1024) -> bytes:
    """A page whose content stream is about 1 MB of deflate that expands to 1 GB (the test
    uses 128 MB, twice the limit, to build faster)."""
    import zlib

    packer = zlib.compressobj(6)
    chunk = b" " * 2**20
    packed = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    return _content_pdf(packed, b"/Filter /FlateDecode ")


def many_pieces_pdf(pieces: int = 4000) -> bytes:
    """One page of 4,000 small text pieces scattered over it (pdfminer's layout analysis
    groups text boxes pairwise)."""
    import random

    rng = random.Random(4000)
    ops = [b"BT /F1 4 Tf"]
    for _ in range(pieces):
        ops.append(b"1 0 0 1 %d %d Tm (ab) Tj" % (rng.randrange(20, 570), rng.randrange(20, 820)))
    ops.append(b"ET")
    return _content_pdf(b"\n".join(ops))


def self_prev_pdf() -> bytes:
    """An incremental update whose trailer's /Prev points at its own cross-reference table."""
    base = text_pdf(["白鹭洲省元宇宙产业发展行动方案", "一、总体要求"], page_numbers=False)
    xref_at = len(base)
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (xref_at, xref_at)
    return base + update


def owner_p0_pdf() -> bytes:
    """An owner-password PDF whose permission flags are 0 (struct.error before)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(text_pdf(["白鹭洲省元宇宙产业发展行动方案", "一、总体要求到2025年产业规模突破800亿元。"])))
    )
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=0, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue().replace(b"/P -3904", b"/P 0").replace(b"/P -4", b"/P 0")


def unknown_security_handler_pdf() -> bytes:
    """An /Encrypt dictionary with a security handler pypdf does not implement."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Filter /FancyHandler /V 9 /R 9 /O (x) /U (y) /P 0 >>",
        ],
        trailer=b"/Encrypt 3 0 R /ID [<00> <00>] ",
    )


def scanned_page_in_text_pdf() -> bytes:
    """Two pages of text with a scanned page (an image, no text layer) between them."""
    from pypdf import PdfReader, PdfWriter

    text = PdfReader(io.BytesIO(text_pdf(["白鹭洲省元宇宙产业发展行动方案", "一、总体要求到2025年产业规模突破800亿元。"] * 30)))
    writer = PdfWriter()
    writer.add_page(text.pages[0])
    writer.add_page(PdfReader(io.BytesIO(scanned_pdf())).pages[0])
    for page in text.pages[1:]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- HTML -----------------------------------------------------------------------------------------

HTML_LINES = ["一、对青岚区企业给予研发补贴，最高100万元。", "二、支持人才引进，给予安家补助。", "三、本办法自发布之日起施行。"]


def many_spans_html() -> bytes:
    """A 4 MB page of 300,000 spans."""
    spans = "".join(f"<span>{ch}</span>" for ch in ("数字经济促进" * 50_000))
    return f"<html><head><title>青岚区</title></head><body><div>{spans}</div></body></html>".encode()


def _page(charset: str, meta: str) -> Callable[[], bytes]:
    return lambda: government_page(HTML_LINES, title="青岚区数字经济促进办法", charset=charset).replace(
        f'<meta charset="{charset}">'.encode(), f'<meta charset="{meta}">'.encode()
    )


def garbage_page() -> bytes:
    """A page labelled gb2312 whose text is bytes that no encoding reads as Chinese."""
    import random

    rng = random.Random(9)
    noise = bytes(rng.randrange(0x81, 0xFF) for _ in range(3000))
    return b'<html><head><meta charset="gb2312"></head><body><p>' + noise + b"</p></body></html>"


def _utf8(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


CASES: list[Case] = [
    Case(
        "segment-units-note-on-short-clause",
        "units-note.txt",
        _utf8("青岚区企业扶持办法\n一、支持措施\n（一）对企业给予补贴。（责任单位：青岚区财政局）\n（二）对人才给予奖励，最高100万元。\n"),
        clauses=(("一", "对企业给予补贴。", ("青岚区财政局",)), ("二", "对人才给予奖励，最高100万元。", ())),
    ),
    Case(
        "segment-trailing-short-line",
        "trailing-line.txt",
        _utf8("青岚区企业扶持办法\n一、支持措施\n（一）对企业给予补贴，最高100万元，按年度拨付。\n（二）加强宣传\n"),
        clauses=(("一", "对企业给予补贴，最高100万元，按年度拨付。", ()), ("二", "加强宣传", ())),
    ),
    Case("docx-text-loss-elements", "text-loss.docx", text_loss_docx, holds=TEXT_LOSS_LINES, lacks=("删除的旧文字", "移走的文字")),
    Case(
        "docx-numbering-start-1e10-upper-roman",
        "huge-start.docx",
        huge_start_docx,
        holds=("M" * 32 + "DCCLXVII.加强组织领导。", "M" * 32 + "DCCLXVIII.加大资金支持。"),  # clamped to Word's 32767
        lacks=("M" * 33,),
    ),
    Case(
        "docx-malformed-numbering",
        "malformed-numbering.docx",
        malformed_numbering_docx,
        holds=("1.加强组织领导。", "层级无效的段落。", "编号无效的段落。"),
    ),
    Case("docx-xml-bomb", "xml-bomb.docx", xml_bomb_docx, refused=UnsafeFileError, says="MB of XML (limit 25 MB)"),
    Case("docx-dtd-after-long-comment", "dtd-after-comment.docx", dtd_after_comment_docx, refused=UnsafeFileError, says="declares a DTD"),
    Case("docx-utf16-xml-with-dtd", "utf16-dtd.docx", utf16_dtd_docx, refused=UnsafeFileError, says="declares a DTD"),
    Case("pdf-decompression-bomb", "bomb.pdf", lambda: pdf_bomb(128), refused=UnsafeFileError, says="inflates to more than 64 MB"),
    Case("pdf-4000-pieces-on-a-page", "many-pieces.pdf", many_pieces_pdf, holds=("ab",)),
    Case("pdf-prev-points-at-itself", "self-prev.pdf", self_prev_pdf, refused=CorruptFileError, says="damaged"),
    Case("pdf-owner-password-p0", "owner-p0.pdf", owner_p0_pdf, holds=("白鹭洲省元宇宙产业发展行动方案",)),
    Case("pdf-unknown-security-handler", "unknown-handler.pdf", unknown_security_handler_pdf, refused=CorruptFileError, says="not support"),
    Case(
        "pdf-scanned-page-among-text",
        "scanned-page.pdf",
        scanned_page_in_text_pdf,
        holds=("白鹭洲省元宇宙产业发展行动方案",),
        warns="page 2; their text is not included",
    ),
    Case("html-300k-spans", "many-spans.html", many_spans_html, holds=("数字经济促进" * 50_000,)),
    Case("html-big5-labelled-gb2312", "big5-as-gb2312.html", _page("big5", "gb2312"), holds=tuple(HTML_LINES)),
    Case("html-utf8-labelled-iso-8859-1", "utf8-as-latin1.html", _page("utf-8", "iso-8859-1"), holds=tuple(HTML_LINES)),
    Case("html-utf8-sent-as-utf-16", "utf8-as-utf16.html", _page("utf-8", "utf-8"), holds=tuple(HTML_LINES), charset="utf-16"),
    Case("html-undecodable-labelled-gb2312", "garbage.html", garbage_page, refused=EncodingError, says="encoding could not be determined"),
]


def main(out_dir: str) -> None:
    """Write every case's file into ``out_dir``."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (target / case.filename).write_bytes(case.build())
        print(target / case.filename)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-files")
