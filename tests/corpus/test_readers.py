"""Readers: every format, every encoding, and every bad input refused with a clear message."""

from __future__ import annotations

import os
import re

import pytest

from corpus.errors import (
    CorruptFileError,
    EncodingError,
    EncryptedFileError,
    NoTextError,
    NotFoundError,
    PolicyCompareError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from corpus.library import prepare
from corpus.readers import MAX_FILE_BYTES, read_bytes, read_path
from corpus.readers.docx import chinese_counting, format_number
from corpus.readers.text import decode_text
from corpus.segment import segment_text
from tests.corpus import builders
from tests.paths import ARTICLE, FIXTURES, OFFICIAL

PLAN = (FIXTURES / "fictional_outline_plan.txt").read_text(encoding="utf-8")
TRADITIONAL = "白鷺洲省數字孿生產業發展規劃\n一、發展目標\n到2027年，全省數字孿生產業規模突破1500億元，培育龍頭企業10家以上。\n二、重點任務\n1.建設算力底座。佈局三個區域算力樞紐。"

# --- plain text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (PLAN, "utf-8", "utf-8"),
        (PLAN, "utf-8-sig", "utf-8-sig"),
        (PLAN, "utf-16", "utf-16"),
        (PLAN, "gb18030", "gb18030"),
        (PLAN, "gbk", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "gb18030", "gb18030"),
        (TRADITIONAL, "utf-8", "utf-8"),
    ],
)
def test_decode_text_encodings(text, encoding, expected):
    decoded, found = decode_text(text.encode(encoding), "plan.txt")
    assert decoded.lstrip("\ufeff") == text
    assert found == expected


def test_seed_in_gbk_gives_the_same_clauses_as_utf8():
    text = OFFICIAL.read_text(encoding="utf-8")
    utf8 = prepare(read_bytes(text.encode("utf-8"), "plan.txt"))
    gbk = prepare(read_bytes(text.encode("gb18030"), "plan.txt"))
    assert [c.text for c in utf8.clauses] == [c.text for c in gbk.clauses]


@pytest.mark.parametrize(
    ("data", "error", "says"),
    [
        (b"", NoTextError, "empty"),
        (b"   \n\t  ", NoTextError, "empty"),
        ("Café résumé naïve — déjà vu à la carte".encode("cp1252"), EncodingError, "encoding could not be determined"),
        ("日本語の政策文書です。東京都の条例。".encode("shift_jis"), EncodingError, "encoding could not be determined"),
        (PLAN.encode("gbk").decode("gbk").encode("utf-16-le"), EncodingError, "UTF-16 without a byte-order mark"),
        (bytes(range(256)) * 4, EncodingError, ""),
    ],
    ids=["empty", "blank", "cp1252", "shift-jis", "utf16-no-bom", "binary"],
)
def test_undecidable_text_is_refused(data, error, says):
    with pytest.raises(error) as info:
        read_bytes(data, "policy.txt")
    assert says in str(info.value)
    assert "policy.txt" in str(info.value)


def test_mis_decoded_big5_is_refused_not_stored():
    """GBK bytes that Big5 happens to decode must not come back as Big5 text."""
    data = PLAN.encode("gbk")
    text, encoding = decode_text(data, "plan.txt")
    assert encoding == "gb18030" and text == PLAN


# --- docx ------------------------------------------------------------------------------------


def test_docx_restores_word_numbering_and_tables():
    read = read_bytes(builders.numbered_docx(), "plan.docx")
    lines = read.text.splitlines()
    assert "一、总体要求" in lines and "（一）发展目标" in lines and "二、重点任务" in lines
    assert "（二）场景应用行动" in lines and "三、保障措施" in lines
    assert any(ln.startswith("1.突破关键技术") for ln in lines) and any(ln.startswith("2.建设创新平台") for ln in lines)
    assert any(ln.startswith("1.拓展消费场景") for ln in lines)  # level 3 restarts under a new level 2
    assert "示范场景 | 最高200万元" in lines
    seg = prepare(read)
    tasks = [c for c in seg.clauses if c.heading]
    assert [(c.path, c.number, c.heading) for c in tasks] == [
        (("二、重点任务", "（一）技术攻关行动"), "1", "突破关键技术"),
        (("二、重点任务", "（一）技术攻关行动"), "2", "建设创新平台"),
        (("二、重点任务", "（二）场景应用行动"), "1", "拓展消费场景"),
    ]
    assert tasks[0].units == ("省科技厅", "省经信厅")


def test_docx_of_the_seed_text_gives_the_seed_clauses():
    text = OFFICIAL.read_text(encoding="utf-8")
    from_docx = prepare(read_bytes(builders.plain_docx(text.splitlines()), "plan.docx"))
    from_txt = prepare(read_path(OFFICIAL))
    assert [(c.path, c.heading, c.text, c.units) for c in from_docx.clauses] == [
        (c.path, c.heading, c.text, c.units) for c in from_txt.clauses
    ]


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (100, "一百"), (105, "一百零五"), (110, "一百一十")],
)
def test_chinese_counting(n, text):
    assert chinese_counting(n) == text


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (3, "decimal", "3"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (2, "lowerLetter", "b"),
        (7, "decimalFullWidth", "７"),
    ],
)
def test_word_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


@pytest.mark.parametrize(
    ("build", "error", "says"),
    [
        (builders.zip_bomb_docx, UnsafeFileError, "zip bomb"),
        (builders.entity_docx, UnsafeFileError, "XML entities"),
        (builders.encrypted_docx, EncryptedFileError, "password"),
        (lambda: b"PK\x03\x04" + b"\0" * 200, CorruptFileError, "not a valid .docx"),
        (
            lambda: builders.rewrite_zip(builders.plain_docx(["x"]), replace={"word/document.xml": b"<broken"}),
            CorruptFileError,
            "could not be opened",
        ),
        # a damaged legacy .doc: LibreOffice cannot convert it (or is not installed); both say so
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, (CorruptFileError, UnsupportedFormatError), "LibreOffice"),
    ],
    ids=["zip-bomb", "xml-entities", "encrypted", "bad-zip", "broken-xml", "legacy-doc"],
)
def test_bad_docx_is_refused(build, error, says):
    with pytest.raises(error) as info:
        read_bytes(build(), "plan.docx")
    assert says in str(info.value) and "plan.docx" in str(info.value)


# --- pdf -------------------------------------------------------------------------------------

PDF_LINES = [
    "白鹭洲省元宇宙产业发展行动方案",
    "为加快白鹭洲省元宇宙产业发展，推动数字经济和实体经济深度融合，培育经济发展新动能，结合本省实际，制定本方案。",
    "一、总体要求",
    "（一）发展目标",
    "到2025年，全省元宇宙产业规模突破800亿元，培育龙头企业10家以上，打造示范应用场景100个以上，建成创新中心20个以上。",
    "二、重点任务",
    "1.突破关键技术。推进近眼显示、实时渲染等技术攻关，建设一批创新平台，培育一批专精特新企业。（责任单位：省科技厅、省经信厅）",
    "2.建设创新平台。建设一批元宇宙创新中心。（责任单位：省发展改革委）",
]


def _check_pdf_plan(read):
    seg = prepare(read)
    assert seg.title == "白鹭洲省元宇宙产业发展行动方案"
    assert seg.clauses[0].text == PDF_LINES[1]  # hard line breaks re-joined
    assert seg.clauses[1].text == PDF_LINES[4] and seg.clauses[1].path == ("一、总体要求", "（一）发展目标")
    assert [c.heading for c in seg.clauses[2:]] == ["突破关键技术", "建设创新平台"]
    assert seg.clauses[2].units == ("省科技厅", "省经信厅")
    assert not any("—" in c.text and c.text.strip("— 0123456789") == "" for c in seg.clauses)  # page numbers gone


def test_pdf_text_in_reading_order():
    read = read_bytes(builders.text_pdf(PDF_LINES), "plan.pdf")
    assert read.media_type == "application/pdf"
    _check_pdf_plan(read)


def test_pdf_over_several_pages_drops_page_numbers():
    read = read_bytes(builders.text_pdf(PDF_LINES * 6), "plan.pdf")
    assert "— 2 —" not in "".join(c.text for c in prepare(read).clauses)


def test_seed_laid_out_as_a_pdf_gives_the_seed_clauses():
    """The official text as a multi-page PDF with indented paragraphs and a running header."""
    from corpus.clean import strip_conversion_artifacts

    lines = [ln for ln in strip_conversion_artifacts(OFFICIAL.read_text(encoding="utf-8")).splitlines() if ln.strip()]
    pdf = builders.text_pdf(lines, indent=True, running_header="行动计划（测试排版）")
    from_pdf = prepare(read_bytes(pdf, "plan.pdf"))
    from_txt = prepare(read_path(OFFICIAL))
    assert from_pdf.title == from_txt.title
    assert [(c.path, c.number, c.heading, c.text, c.units) for c in from_pdf.clauses] == [
        (c.path, c.number, c.heading, c.text, c.units) for c in from_txt.clauses
    ]


def test_text_copied_out_of_a_pdf_is_unwrapped():
    original = segment_text(PLAN)
    wrapped: list[str] = []
    for i, line in enumerate(PLAN.splitlines()):
        wrapped += [line[j : j + 18] for j in range(0, len(line), 18)]
        if i % 6 == 5:
            wrapped.append(f"— {i // 6 + 1} —")
    copied = segment_text("\n".join(wrapped))
    assert [(c.path, c.number, c.heading, c.text) for c in copied.clauses] == [
        (c.path, c.number, c.heading, c.text) for c in original.clauses
    ]


def test_owner_password_pdf_still_opens():
    _check_pdf_plan(read_bytes(builders.text_pdf(PDF_LINES, owner_password="owner-only"), "plan.pdf"))


@pytest.mark.parametrize(
    ("build", "error", "says"),
    [
        (builders.scanned_pdf, NoTextError, "scanned"),
        (builders.cid_pdf, NoTextError, "(cid:…)"),
        (lambda: builders.text_pdf(PDF_LINES, user_password="secret"), EncryptedFileError, "needs a password"),
        (lambda: b"%PDF-1.4\n" + os.urandom(2000), CorruptFileError, "damaged"),
        (lambda: builders.text_pdf(PDF_LINES)[:400], CorruptFileError, "damaged"),
        (lambda: b"this is not a pdf at all", CorruptFileError, "does not start like a PDF"),
    ],
    ids=["scanned", "cid-garbled", "user-password", "random-bytes", "truncated", "not-a-pdf"],
)
def test_bad_pdf_is_refused(build, error, says):
    with pytest.raises(error) as info:
        read_bytes(build(), "plan.pdf")
    assert says in str(info.value) and "plan.pdf" in str(info.value)


# --- html ------------------------------------------------------------------------------------

PAGE_LINES = [
    "为推动云梦泽市元宇宙产业发展，制定本方案。",
    "一、总体要求",
    "（一）发展目标",
    "到2025年，全市元宇宙产业规模突破300亿元。",
    "二、重点任务",
    "1.建设算力底座。建设城市级算力调度平台。（责任单位：市数据局）",
    "2.培育骨干企业。支持龙头企业做大做强。",
]


@pytest.mark.parametrize(("charset", "meta"), [("utf-8", True), ("gb18030", True), ("gb18030", False), ("big5", True)])
def test_html_main_text_without_navigation(charset, meta):
    lines = PAGE_LINES
    title = "云梦泽市元宇宙产业发展行动方案"
    if charset == "big5":
        lines = ["為推動雲夢澤市元宇宙產業發展，制定本方案。", "一、總體要求", "到2025年，全市元宇宙產業規模突破300億元。"]
        title = "雲夢澤市元宇宙產業發展行動方案"
    read = read_bytes(builders.government_page(lines, title=title, charset=charset, meta=meta), "page.html")
    assert read.media_type == "text/html" and read.html_title == title
    for junk in ("政务服务", "互动交流", "当前位置", "分享到", "备案号", "首页导航脚本", "color:red", "相关文件", "人工智能产业发展规划"):
        assert junk not in read.text
    seg = prepare(read)
    assert seg.title == title
    assert seg.clauses[0].text == lines[0]


def test_html_policy_clauses():
    seg = prepare(read_bytes(builders.government_page(PAGE_LINES, title="云梦泽市元宇宙产业发展行动方案"), "page.html"))
    assert [(c.number, c.heading) for c in seg.clauses if c.heading] == [("1", "建设算力底座"), ("2", "培育骨干企业")]
    assert seg.clauses[2].units == ("市数据局",)


def test_article_seed_as_a_web_page_gives_the_sixteen_tasks():
    """The news article reprinting the plan, served as a page with site chrome around it."""
    lines = [ln for ln in ARTICLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    html = builders.government_page(lines, title="重磅!浙江发布元宇宙发展计划")
    seg = prepare(read_bytes(html, "article.html"))
    assert len([c for c in seg.clauses if c.number and c.heading and c.path[0].endswith("重点任务")]) == 16
    assert seg.title.startswith("浙江省元宇宙产业发展行动计划")
    assert any("截至目前" in c.text for c in seg.context)


def test_page_without_main_text_is_refused():
    with pytest.raises(NoTextError, match="no main text"):
        read_bytes(b"<html><body><script>render()</script><div id='app'></div></body></html>", "spa.html")


# --- files on disk ------------------------------------------------------------------------------


def test_read_path_checks_size_before_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no memory or disk used
    with pytest.raises(UnsafeFileError, match="limit"):
        read_path(huge)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("missing.txt", None, NotFoundError),
        ("sheet.xlsx", b"PK-not-really", UnsupportedFormatError),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, (CorruptFileError, UnsupportedFormatError)),  # damaged .doc
        ("scan.ofd", b"PK\x03\x04" + b"\0" * 100, UnsupportedFormatError),
    ],
)
def test_read_path_errors(tmp_path, name, content, error):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error):
        read_path(path)


def test_every_reader_error_is_a_policy_compare_error_with_a_hint():
    for exc_type in (CorruptFileError, EncodingError, EncryptedFileError, NoTextError, UnsafeFileError, UnsupportedFormatError):
        assert issubclass(exc_type, PolicyCompareError)
    err = EncryptedFileError("a.pdf", "the PDF needs a password to open", "Save an unprotected copy.")
    assert str(err) == "a.pdf: the PDF needs a password to open. Save an unprotected copy."


def test_sha256_is_of_the_bytes():
    data = OFFICIAL.read_bytes()
    import hashlib

    assert read_bytes(data, "x.txt").sha256 == hashlib.sha256(data).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", read_path(OFFICIAL).sha256)
