"""Web page to text: the main text of the page, without navigation, footers and widgets.

trafilatura finds the main content; when it finds too little (short government pages, pages
that are mostly a table) we fall back to the block with the most Chinese text. Scripts,
styles and forms never reach the text, and nothing here is ever rendered as HTML.
"""

from __future__ import annotations

import re

from corpus.errors import NoTextError
from corpus.readers.text import decode_text, is_plausible

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_BOILER = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|sidebar|comment|share|related|banner|toolbar|login|search|copyright", re.I)
MAX_EXTRACTOR_ELEMENTS = 20_000  # trafilatura's pruning grows faster than linearly: 300k spans took minutes
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "blockquote", "pre", "dd", "dt"}


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode with the declared charset (HTTP header, else ``<meta>``) when that gives
    plausible text (``text.is_plausible``, the rule of the text reader), else like a text
    file, which refuses what no encoding decodes plausibly: a lying label (Big5 labelled
    gb2312, UTF-8 labelled UTF-16 or ISO-8859-1) never gives stored mojibake."""
    m = _META_CHARSET.search(data[:4096])
    labels = [declared, m.group(1).decode("ascii") if m else None]
    aliases = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5-hkscs": "big5hkscs"}
    for charset in dict.fromkeys(label for label in labels if label):
        try:
            text = data.decode(aliases.get(charset.lower(), charset))
        except (UnicodeDecodeError, LookupError):
            continue  # a wrong declaration is common
        if is_plausible(text) and "<" in text:
            return text
    return decode_text(data, source)[0]


def _title(tree: object) -> str | None:
    for xpath in ("//h1", "//title"):
        found = tree.xpath(xpath)  # type: ignore[attr-defined]
        if found:
            text = " ".join(found[0].text_content().split())
            if text:
                return text
    return None


def _block_text(element: object) -> str:
    """Text of an element with block boundaries as line breaks and table cells as " | "."""
    parts: list[str] = []

    def walk(el: object) -> None:
        tag = getattr(el, "tag", "")
        if not isinstance(tag, str):
            return
        if tag in _BLOCKS:
            parts.append("\n")
        if tag in {"td", "th"}:
            parts.append(" | ")
        if el.text:  # type: ignore[attr-defined]
            parts.append(el.text)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    walk(element)
    lines = [" ".join(ln.replace(" | ", "\t").split()).replace("\t", " | ").strip(" |") for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _densest_block(tree: object) -> str:
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//iframe|//button|//select|//template"):  # type: ignore[attr-defined]
        bad.drop_tree()
    for el in list(tree.iter()):  # type: ignore[attr-defined]
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if _BOILER.search(marker) and len(_CJK.findall(el.text_content())) < 2000:
            el.drop_tree()
    best, best_score = None, 0.0
    for el in tree.iter("div", "article", "section", "td", "main", "body"):  # type: ignore[attr-defined]
        text = el.text_content()
        cjk = len(_CJK.findall(text))
        links = sum(len(_CJK.findall(a.text_content())) for a in el.iter("a"))
        score = (cjk - 2 * links) * (0.95 ** len(list(el.iterancestors())) if cjk else 0)
        if score > best_score:
            best, best_score = el, score
    return _block_text(best) if best is not None else ""


def html_to_text(data: bytes, source: str, declared_charset: str | None = None) -> tuple[str, str | None]:
    """Main text of a page and its title (``<h1>`` or ``<title>``)."""
    from lxml import html as lhtml

    markup = decode_html(data, source, declared_charset)
    try:
        tree = lhtml.document_fromstring(markup)
    except Exception as exc:  # lxml raises ParserError on empty or binary input
        raise NoTextError(source, "the page holds no readable HTML", "Check the address or save the page as text.") from exc
    title = _title(tree)
    text = ""
    try:
        import trafilatura

        if sum(1 for _ in tree.iter()) <= MAX_EXTRACTOR_ELEMENTS:
            text = trafilatura.extract(markup, include_tables=True, include_comments=False, favor_precision=True, deduplicate=False) or ""
    except Exception:  # trafilatura is a helper; its failure must not lose the page
        text = ""
    fallback = _densest_block(tree)
    if len(_CJK.findall(fallback)) > 1.3 * len(_CJK.findall(text)):
        text = fallback
    if len(_CJK.findall(text)) + len(text.split()) < 10:
        raise NoTextError(
            source,
            "the page has no main text (it may be built by JavaScript or be a login page)",
            "Save the page's text (or its PDF/Word attachment) and add that.",
        )
    return text, title
