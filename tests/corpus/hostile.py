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

from tests.corpus.builders import W_NS, plain_docx, rewrite_zip

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
    Case(
        "docx-text-loss-elements",
        "text-loss.docx",
        text_loss_docx,
        holds=TEXT_LOSS_LINES,
        lacks=("删除的旧文字", "移走的文字"),
    ),
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
