"""Attachments on a government page: which linked file holds the policy.

Policies are often published as a covering notice (关于印发《…》的通知) whose page text is only
the notice, with the policy behind a link to a .docx, .doc, .wps, .pdf or .ofd file, often with
an opaque name (P020221018….docx) and next to an interpretation (政策解读, 一图读懂, 图解) that is
not the policy. These functions read the links of a page and rank them; nothing here fetches.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from corpus.clean import fold_widths

DOCUMENT_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".ofd")
_INTERPRETATION = re.compile(r"解读|一图读懂|一图看懂|图解|读懂|问答|答记者问|新闻发布会|起草说明")


def is_interpretation(name: str) -> bool:
    """Whether a title, link text or file name is of an interpretation, a Q&A, a press
    conference or an infographic about a policy rather than the policy (False for "")."""
    return bool(_INTERPRETATION.search(name))


_NOTICE = re.compile(r"关于印发\s*《(.+?)》\s*的通知")
_ATTACHMENT_PREFIX = re.compile(r"^\s*(?:附件\s*\d*\s*[:：.、]?\s*)")


@dataclass(frozen=True)
class Attachment:
    """A link to a document file: its absolute URL, its link text and its file name."""

    url: str
    text: str
    filename: str

    @property
    def label(self) -> str:
        """What a user recognises: the link text, else the file name."""
        return self.text or self.filename

    @property
    def is_interpretation(self) -> bool:
        """An interpretation, a Q&A or an infographic about the policy, not the policy."""
        return is_interpretation(f"{self.text} {self.filename}")


def _suffix(value: str) -> str:
    return PurePosixPath(value.strip().lower()).suffix


def find_attachments(markup: str, page_url: str) -> list[Attachment]:
    """Links of a page that point at document files (by the link's path or its text), in page
    order, each URL once. Empty for a page without such links."""
    from lxml import html as lhtml

    try:
        tree = lhtml.document_fromstring(markup)
    except Exception:  # lxml's ParserError on empty or binary markup: no links
        return []
    found: dict[str, Attachment] = {}
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(page_url, href)
        if urlsplit(url).scheme not in {"http", "https"}:
            continue
        filename = unquote(PurePosixPath(urlsplit(url).path).name)
        text = " ".join((link.text_content() or "").split()) or " ".join((link.get("title") or "").split())
        if _suffix(filename) in DOCUMENT_SUFFIXES or _suffix(text) in DOCUMENT_SUFFIXES:
            found.setdefault(url, Attachment(url, text, filename))
    return list(found.values())


def notice_title(text: str) -> str | None:
    """The policy a covering notice issues (关于印发《X》的通知 → X), or None."""
    m = _NOTICE.search(fold_widths(text[:3000]))
    return m.group(1).strip() if m else None


def _key(text: str) -> str:
    stem = text
    if _suffix(stem) in DOCUMENT_SUFFIXES:
        stem = stem[: -len(_suffix(stem))]
    stem = _ATTACHMENT_PREFIX.sub("", fold_widths(stem))
    return re.sub(r"[\W_]+", "", stem)


def title_score(attachment: Attachment, title: str) -> float:
    """How well the link text or file name names ``title``: 1.0 when one contains the other,
    else the similarity ratio of the two (0–1); 0 for an empty title or label."""
    wanted = _key(title)
    best = 0.0
    for label in (attachment.text, attachment.filename):
        have = _key(label)
        if not wanted or len(have) < 4:
            continue
        if wanted in have or (have in wanted and len(have) >= 0.6 * len(wanted)):
            return 1.0
        best = max(best, difflib.SequenceMatcher(None, wanted, have).ratio())
    return best


def rank_attachments(attachments: list[Attachment], title: str | None) -> list[Attachment]:
    """The attachments worth opening, most likely first: interpretations are dropped; those
    naming ``title`` come first, then the others (opaque names) in page order."""
    candidates = [a for a in attachments if not a.is_interpretation]
    if not title:
        return candidates
    scored = [(title_score(a, title), i, a) for i, a in enumerate(candidates)]
    named = [x for x in scored if x[0] >= 0.8]
    others = [x for x in scored if x[0] < 0.8 and not _names_another_document(x[2])]
    return [a for _, _, a in sorted(named, key=lambda x: (-x[0], x[1]))] + [a for _, _, a in others]


def _names_another_document(attachment: Attachment) -> bool:
    """A link whose text is a real title (not an opaque file name) that is not ours: skipped."""
    return len(_key(attachment.text)) >= 8 and not re.fullmatch(r"[A-Za-z0-9_\-]+", _key(attachment.text))
