"""Text normalisers: small ``str -> str`` (or lines -> lines) steps composed by ``clean``.

Display text keeps the document's own punctuation; parsing works on ``fold_widths(text)``,
which maps every character to exactly one character, so a match found in the folded view
slices the original text at the same offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- character-level steps ------------------------------------------------------------

_ARTIFACTS = re.compile(
    r"\[(?:bookmark|image|comment|footnote|endnote|anchor)\s*:[^\]\n]*\]"  # docx→text converters
    r"|\{\s*(?:HYPERLINK|PAGEREF|TOC)\b[^}]*\}"  # Word field codes
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]",  # zero-width characters and soft hyphens
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def strip_conversion_artifacts(text: str) -> str:
    """Remove markers that converters leave in text (``[bookmark: _GoBack]``, field codes,
    zero-width characters, control characters). Form feeds become line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    return _CONTROL.sub("", _ARTIFACTS.sub("", text))


_FOLD = {
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},  # full-width ASCII variants
    "\u3000": " ",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\uff0e": ".",
    "\u2024": ".",
}
_FOLD_TABLE = str.maketrans(_FOLD)


def fold_widths(text: str) -> str:
    """Full-width ASCII variants (（）：；，．０-９Ａ-Ｚ) to their half-width forms.

    Length-preserving: ``len(fold_widths(s)) == len(s)`` and offsets carry over, so it is only
    a parsing view; displayed text keeps the original characters.
    """
    return text.translate(_FOLD_TABLE)


_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u202f]+")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’—…·"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ ]+(?=[{_CJK}{_CJK_PUNCT}])")


def collapse_whitespace(line: str) -> str:
    """One line: runs of spaces (ideographic, no-break, tabs) become one space; stripped."""
    return _SPACES.sub(" ", line).strip()


def drop_spaces_between_cjk(line: str) -> str:
    """Drop spaces between two Chinese characters or punctuation marks, which PDF extraction
    inserts between glyphs ("浙 江 省" → "浙江省")."""
    return _SPACE_BETWEEN_CJK.sub("", line)


# --- line-level steps -----------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


def is_page_number(line: str) -> bool:
    """A line that is only a page number (``— 3 —``, ``第3页 共9页``, ``3/9``)."""
    return bool(_PAGE_NUMBER.match(line.strip()))


def drop_page_numbers(lines: list[str]) -> list[str]:
    """Drop the lines that are only a page number."""
    return [ln for ln in lines if not is_page_number(ln)]


_SENTENCE_END = tuple("。；;！!？?：:”」』）)】")
STARTS_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|"
    r"第[一二三四五六七八九十百零〇\d]+[章节条]|——|[①-⑳]|附件)"
)


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Whether line breaks come from a page width rather than from paragraphs, as in text
    copied out of a PDF: most lines are about equally long and do not end a sentence."""
    long = [ln for ln in lines if len(ln) >= 10]
    if len(long) < 6:
        return False
    open_ended = sum(not ln.endswith(_SENTENCE_END) for ln in long) / len(long)
    lengths = sorted(len(ln) for ln in long)
    median, high = lengths[len(lengths) // 2], lengths[int(len(lengths) * 0.9)]
    return open_ended >= 0.6 and high <= 1.25 * median


def unwrap_hard_breaks(lines: list[str]) -> list[str]:
    """Re-join paragraphs that page layout broke into lines (PDF text).

    A line is continued by the next one when it does not end a sentence, is about as long as
    the page's typical full line, and the next line does not start a numbered item.
    Empty input gives empty output.
    """
    if not lines:
        return []
    lengths = sorted(len(ln) for ln in lines if ln)
    full = lengths[int(len(lengths) * 0.8)] if lengths else 0
    out: list[str] = []
    for line in lines:
        if (
            out
            and out[-1]
            and line
            and not out[-1].endswith(_SENTENCE_END)
            and len(out[-1]) >= 0.75 * full
            and not STARTS_NUMBERED.match(line)
        ):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return out


# --- page chrome and reprints -----------------------------------------------------------

_HEADER_CHROME = re.compile(
    r"^(?:当前位置|您的位置|你的位置|首页\s*[>›»/]|来源\s*[:：]?\s*$|来源[:：]|作者[:：]|记者\s|编辑[:：]|"
    r"责任编辑|原标题|发布时间|发布日期[:：]|浏览次数|阅读量|点击[数量]|字号|【?字体[:：]|"
    r"索引号|主题分类|发文机关|成文日期|发文字号|分享到|打印本页|关闭窗口|【打印】|【关闭】)"
)
_FOOTER_CHROME = re.compile(
    r"^(?:温馨提示|责任编辑|版权声明|免责声明|本站(?:大部分)?内容|相关(?:阅读|推荐|文章|新闻|链接)|"
    r"上一篇|下一篇|扫一扫|分享到|打印本页|关闭窗口|附件下载|文章链接|更新时间|\d+\s*条回复|"
    r"暂无讨论|个人中心|发表评论|网友评论|热门推荐|\(完\)$|（完）$)"
)
_FIRST_TOP_LEVEL = re.compile(r"^(?:一\s*[、.]|第一[章条]|\(一\))")
_REPRINT_MARK = re.compile(r"^(?:附件?\s*[:：]?\s*\d?\s*[:：]?|全文如下|以下为全文|原文如下|政策全文)\s*[:：]?\s*(.*)$")


@dataclass(frozen=True)
class Reprint:
    """A page split into the policy it carries and the news around it.

    ``title`` is the policy title named by the reprint marker (``附：《…》``), or "".
    """

    title: str
    body: list[str]
    context: list[str]


def drop_page_chrome(lines: list[str]) -> list[str]:
    """Cut a web page's footer (``温馨提示``, ``上一篇``, comment widgets …) and drop its
    header lines (breadcrumbs, ``来源:``, ``记者``, metadata tables).

    The footer is only cut in the second half of the text, so a policy that happens to
    mention such a word early keeps its body.
    """
    cut = len(lines)
    for i, line in enumerate(lines):
        if i >= len(lines) // 2 and len(line) <= 40 and _FOOTER_CHROME.match(line):
            cut = i
            break
    return [ln for ln in lines[:cut] if not (len(ln) <= 60 and _HEADER_CHROME.match(ln))]


def _strip_title_marks(text: str) -> str:
    return text.strip().strip("《》<>:：").strip()


def split_reprint(lines: list[str]) -> Reprint:
    """Separate a policy reprinted in a news article from the article's own paragraphs.

    The policy starts after a marker line such as ``附：浙江省…行动计划（2023—2025年）`` or
    ``全文如下：``; everything before it is context. Without a marker the whole text is the
    policy body and the context is empty.
    """
    for i, line in enumerate(lines):
        m = _REPRINT_MARK.match(fold_widths(line))
        if not m or i == 0:
            continue
        rest = line[len(line) - len(m.group(1)) :] if m.group(1) else ""
        following = lines[i + 1 : i + 40]
        if not any(_FIRST_TOP_LEVEL.match(fold_widths(x)) for x in following):
            continue  # an attachment list, not a reprinted policy
        title = _strip_title_marks(rest)
        return Reprint(title=title, body=lines[i + 1 :], context=lines[:i])
    return Reprint(title="", body=list(lines), context=[])


@dataclass(frozen=True)
class CleanText:
    """Cleaned lines of the policy body, the surrounding news lines and a title hint."""

    lines: list[str]
    context: list[str]
    title_hint: str


def clean(text: str) -> CleanText:
    """The cleaning pipeline: artifacts, Unicode NFC, whitespace, page chrome and reprint
    splitting; for text whose lines were broken at a page width (copied out of a PDF), also
    page numbers and re-joined paragraphs. Returns no empty lines."""
    text = unicodedata.normalize("NFC", strip_conversion_artifacts(text))
    lines = [collapse_whitespace(ln) for ln in text.split("\n")]
    if looks_hard_wrapped([ln for ln in lines if ln]):
        lines = unwrap_hard_breaks(drop_page_numbers([drop_spaces_between_cjk(ln) for ln in lines if ln]))
    lines = drop_page_chrome([ln for ln in lines if ln])
    reprint = split_reprint(lines)
    return CleanText(lines=reprint.body, context=reprint.context, title_hint=reprint.title)
