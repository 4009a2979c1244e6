"""Build the binary test documents (docx, pdf, html) from fictional texts at test time.

Everything these builders write is fictional (invented places: 白鹭洲省, 云梦泽市, 青岚区).
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# A fictional plan whose heading numbers come from Word's automatic numbering.
NUMBERED_PLAN = [
    ("title", "白鹭洲省元宇宙产业发展行动方案（2023—2025年）"),
    ("body", "为加快白鹭洲省元宇宙产业发展，制定本方案。"),
    ((0,), "总体要求"),
    ((1,), "发展目标"),
    ("body", "到2025年，全省元宇宙产业规模突破800亿元。"),
    ((0,), "重点任务"),
    ((1,), "技术攻关行动"),
    ((2,), "突破关键技术。推进近眼显示、实时渲染等技术攻关。（责任单位：省科技厅、省经信厅）"),
    ((2,), "建设创新平台。建设一批元宇宙创新中心。（责任单位：省发展改革委）"),
    ((1,), "场景应用行动"),
    ((2,), "拓展消费场景。打造元宇宙商圈。（责任单位：省商务厅）"),
    ((0,), "保障措施"),
    ("table", [["支持事项", "支持标准"], ["示范场景", "最高200万元"]]),
]


def _numbering_xml_elements() -> tuple[etree._Element, etree._Element]:
    abstract = etree.SubElement(etree.Element(f"{W}root"), f"{W}abstractNum")
    abstract.set(f"{W}abstractNumId", "90")
    for ilvl, (fmt, text) in enumerate([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]):
        lvl = etree.SubElement(abstract, f"{W}lvl")
        lvl.set(f"{W}ilvl", str(ilvl))
        for tag, val in (("start", "1"), ("numFmt", fmt), ("lvlText", text)):
            el = etree.SubElement(lvl, f"{W}{tag}")
            el.set(f"{W}val", val)
    num = etree.Element(f"{W}num")
    num.set(f"{W}numId", "90")
    ref = etree.SubElement(num, f"{W}abstractNumId")
    ref.set(f"{W}val", "90")
    return abstract, num


def numbered_docx() -> bytes:
    """A .docx whose 一、/（一）/1. numbers exist only in numbering.xml, plus a table."""
    from docx import Document

    doc = Document()
    numbering = doc.part.numbering_part.element
    abstract, num = _numbering_xml_elements()
    first_num = numbering.find(f"{W}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    for kind, text in NUMBERED_PLAN:
        if kind == "table":
            table = doc.add_table(rows=len(text), cols=len(text[0]))
            for r, row in enumerate(text):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        paragraph = doc.add_paragraph(text)
        if isinstance(kind, tuple):
            ppr = paragraph._p.get_or_add_pPr()
            numpr = etree.SubElement(ppr, f"{W}numPr")
            ilvl = etree.SubElement(numpr, f"{W}ilvl")
            ilvl.set(f"{W}val", str(kind[0]))
            numid = etree.SubElement(numpr, f"{W}numId")
            numid.set(f"{W}val", "90")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def plain_docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def rewrite_zip(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """Copy a zip package, replacing or adding parts."""
    replace, add = replace or {}, add or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(deepcopy(info).filename, replace.get(info.filename, src.read(info.filename)))
        for name, payload in add.items():
            dst.writestr(name, payload)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A valid docx carrying a 60 MB part of zeros that compresses about 1000:1."""
    return rewrite_zip(plain_docx(["白鹭洲省"]), add={"word/media/padding.bin": b"\0" * (60 * 1024 * 1024)})


def entity_docx() -> bytes:
    """A docx whose document.xml declares entities (the 'billion laughs' shape)."""
    base = plain_docx(["白鹭洲省"])
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml")
    evil = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + xml.split(b"?>", 1)[1]
    return rewrite_zip(base, replace={"word/document.xml": evil})


def encrypted_docx(password: str = "secret") -> bytes:
    """A real password-protected docx (ECMA-376 agile encryption via msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(plain_docx(["白鹭洲省元宇宙产业发展行动方案", "一、总体要求"]))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt(password, out)
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------


def _wrap_to_width(line: str, font: str, size: float, width: float) -> list[str]:
    """Break a line where it reaches ``width`` points, as a word processor lays Chinese out."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    chunks, current = [], ""
    for ch in line:
        if current and stringWidth(current + ch, font, size) > width:
            chunks.append(current)
            current = ""
        current += ch
    return [*chunks, current] if current or not chunks else chunks


def text_pdf(
    lines: list[str],
    *,
    width: float = 330,
    indent: bool = False,
    user_password: str | None = None,
    owner_password: str | None = None,
    page_numbers: bool = True,
    running_header: str | None = None,
) -> bytes:
    """A PDF with a real text layer (Adobe's STSong CID font). Lines are laid out to ``width``
    points as page layout would; with ``indent`` every paragraph's first line is indented by
    two characters, as Chinese official documents are; pages carry a "— n —" footer and, if
    given, a running header."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, left = "STSong-Light", 11, 60
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    page = 1

    def decorate() -> None:
        c.setFont(font, 9)
        if page_numbers:
            c.drawString(280, 40, f"— {page} —")
        if running_header:
            c.drawString(left, 810, running_header)

    y = 780
    for line in lines:
        first_indent = 2 * size if indent else 0
        chunks = _wrap_to_width(line, font, size, width - first_indent) if line else [""]
        if indent and len(chunks) > 1:  # later lines use the full width
            rest = "".join(chunks[1:])
            chunks = [chunks[0], *_wrap_to_width(rest, font, size, width)]
        for i, chunk in enumerate(chunks):
            if y < 80:
                decorate()
                c.showPage()
                y, page = 780, page + 1
            c.setFont(font, size)
            c.drawString(left + (first_indent if i == 0 else 0), y, chunk)
            y -= 18
    decorate()
    c.save()
    data = out.getvalue()
    if user_password is not None or owner_password is not None:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=user_password or "", owner_password=owner_password or "owner", algorithm="AES-256")
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
    return data


def scanned_pdf() -> bytes:
    """A PDF whose page is only a picture of text (no text layer)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle([20, 20, 380, 60], fill="black")
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(image), 60, 500, width=400, height=200)
    c.showPage()
    c.save()
    return out.getvalue()


def assemble_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of numbered objects (1 is the catalog) with a correct cross-reference table;
    ``trailer`` adds entries to the trailer dictionary."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref))
    return out.getvalue()


def cid_pdf(glyphs: int = 40) -> bytes:
    """A PDF whose Type0 font has Identity-H encoding and no ToUnicode map: extraction can
    only report glyph ids, which pdfminer prints as (cid:N)."""
    content = b"BT /F1 14 Tf 60 760 Td <" + b"".join(b"%04X" % (100 + i) for i in range(glyphs)) + b"> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+FakeSong /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+FakeSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /AAAAAA+FakeSong /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    return assemble_pdf(objects)


# --- HTML ----------------------------------------------------------------------------------


def government_page(body_lines: list[str], *, title: str, charset: str = "utf-8", meta: bool = True) -> bytes:
    """A fictional government web page: navigation, breadcrumb, the policy, sharing widgets,
    a related-links list and a footer."""
    paragraphs = "\n".join(f"<p>{line}</p>" for line in body_lines)
    head_meta = f'<meta charset="{charset}">' if meta else ""
    page = f"""<!DOCTYPE html><html><head>{head_meta}<title>{title}_云梦泽市人民政府门户网站</title>
<script>var tracker = "首页导航脚本内容";</script><style>.nav{{color:red}}</style></head>
<body>
<div class="nav"><a href="/">首页</a><a href="/zw">政务公开</a><a href="/fw">政务服务</a><a href="/hd">互动交流</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="main"><h1>{title}</h1>
<div class="info">发布时间：2022-11-02 来源：云梦泽市经济和信息化局 浏览次数：1024</div>
<div id="zoom" class="TRS_Editor">{paragraphs}</div>
<div class="share">分享到：微信 微博</div></div>
<div class="related"><h3>相关文件</h3><ul><li><a href="/1">云梦泽市关于促进数字经济发展的若干意见</a></li><li><a href="/2">云梦泽市人工智能产业发展规划</a></li></ul></div>
<div class="footer">主办单位：云梦泽市人民政府办公室 网站标识码：0000000000 备案号：虚构ICP备00000000号</div>
</body></html>"""
    return page.encode(charset, errors="xmlcharrefreplace")
