"""Split cleaned policy text into clauses along its official numbering hierarchy.

The level of a numbered line comes from the rank of its numbering style (第X章 > 第X节 >
第X条 > 一、 > （一） > 1. > （1） > ① > ——), not from a fixed depth, so a document that skips
a level (``一、`` followed directly by ``1.``) nests correctly. Patterns run on the
width-folded view of each line (see ``clean.fold_widths``) and slice the original line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.clean import CleanText, clean, fold_widths
from corpus.models import Clause, Segmented
from corpus.numerals import PLAIN_DIGITS, digits_to_arabic, parse_cn_int

# Bump when segmentation changes: stored documents are then re-segmented from their text.
SEGMENTER_VERSION = "segment-1"
CN_NUM = PLAIN_DIGITS + "十百"  # what a Chinese enumerator is written with

# (style, rank, pattern); group 1 is the enumerator. Patterns see folded text: ASCII brackets.
_STYLES: list[tuple[str, int, re.Pattern[str]]] = [
    ("chapter", 0, re.compile(rf"^(第[{CN_NUM}\d]{{1,4}}章)\s*")),
    ("section", 1, re.compile(rf"^(第[{CN_NUM}\d]{{1,4}}节)\s*")),
    ("article", 2, re.compile(rf"^(第[{CN_NUM}\d]{{1,4}}条)\s*")),
    ("cn", 3, re.compile(rf"^([{CN_NUM}]{{1,3}})\s*[、.]\s*")),
    ("paren_cn", 4, re.compile(rf"^\(([{CN_NUM}]{{1,3}})\)\s*[、.]?\s*")),
    ("arabic", 5, re.compile(r"^(\d{1,2})\s*[.、](?![\d.])\s*")),
    ("paren_arabic", 6, re.compile(r"^\(?(\d{1,2})\)\s*[、.]?\s*")),
    ("circled", 7, re.compile(r"^([\u2460-\u2473])\s*")),
    ("dash", 8, re.compile(r"^()(?:——|--|[•●◆■▪])\s*")),
]
STYLE_RANK = {name: rank for name, rank, _ in _STYLES}

_UNITS_NOTE = re.compile(
    r"\(((?:主要)?(?:责任|牵头|配合|实施|参与|协办|主办)(?:单位|部门|主体)\s*[:：][^()]*"
    r"(?:\([^()]*\)[^()]*)*)\)\s*[。.;；]?\s*$"
)
_UNITS_LINE = re.compile(r"^(?:主要)?(?:责任|牵头|配合)(?:单位|部门)\s*[:：]")
_UNIT_ROLE = re.compile(r"^(?:主要)?(?:责任|牵头|配合|实施|参与|协办|主办)(?:单位|部门|主体)\s*[:：]\s*")
_UNIT_NOISE = re.compile(
    r"(?:为责任主体|为牵头单位|分别牵头|按职责分工负责|按职责分工|负责落实|牵头负责|牵头|配合|下同|以下均同|以下同|等单位|等部门|等)$"
)
_INLINE_ENUM = re.compile(rf"(?:^|(?<=[,，;；。:：]))\s*([{CN_NUM}]{{1,2}})(?:是|要|方面[,，:：]?)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_DOC_NUMBER = re.compile(r"〔\d{4}〕|\[\d{4}\]\s*\d+\s*号|\d{4}\s*\)\s*\d+\s*号")
_DATE_LINE = re.compile(r"^\s*(?:\d{4}|[二〇零一二三四五六七八九]{4})\s*年[^。]{1,8}日\s*$")
_NOTICE_TITLE = re.compile(r"关于印发[《<]?(.+?)[》>]?的(?:通知|函)")
_NOTE_LINE = re.compile(r"^〔(脚注|尾注)(\d{1,4})〕")  # footnotes and endnotes that the .docx reader appends
_MAX_HEADING = 30
_MAX_CONTAINER = 40


@dataclass(frozen=True)
class Marker:
    """A numbering marker found at the start of a line."""

    style: str
    rank: int
    number: str | None
    end: int  # offset in the line where the text after the marker starts


def match_marker(line: str) -> Marker | None:
    """The numbering marker at the start of ``line`` (original or folded), or None.

    ``number`` is the enumerator without punctuation ("1", "一", "第三条"); None for dashes.
    """
    folded = fold_widths(line)
    for style, rank, pattern in _STYLES:
        m = pattern.match(folded)
        if not m:
            continue
        raw = m.group(1)
        if style == "circled":
            number: str | None = str(_CIRCLED.index(raw) + 1)
        else:
            number = raw or None
        if style == "cn" and folded[m.end() - 1 : m.end()] == "." and len(folded) > m.end() and folded[m.end()].isdigit():
            continue
        return Marker(style=style, rank=rank, number=number, end=m.end())
    return None


def split_units(text: str) -> tuple[str, tuple[str, ...]]:
    """Move a trailing ``（责任单位：A、B）`` note out of a clause body.

    Returns the body without the note and the named units in order, without role phrases
    such as "为责任主体，下同"; a body with no note comes back unchanged with no units.
    """
    m = _UNITS_NOTE.search(fold_widths(text))
    if not m:
        return text, ()
    return text[: m.start()].rstrip(), parse_units(text[m.start() + 1 : m.start() + 1 + len(m.group(1))])


def parse_units(note: str) -> tuple[str, ...]:
    """The bodies named in a responsibility note (``牵头单位：A；配合单位：B、C``)."""
    units: list[str] = []
    for part in re.split(r"[;；]", note):
        part = _UNIT_ROLE.sub("", part.strip())
        for name in re.split(r"[、,，/]", part):
            name = name.strip()
            while True:
                trimmed = _UNIT_NOISE.sub("", name).strip()
                if trimmed == name:
                    break
                name = trimmed
            if name and name not in units:
                units.append(name)
    return tuple(units)


def split_heading(rest: str) -> tuple[str | None, str, int]:
    """Separate an inline heading (``加快“元平台”布局建设。正文…``) from the body.

    A heading is the short phrase before the first full stop (or a 【】 pair), with no comma
    or semicolon in it, and followed by more text. Returns (heading or None, body, offset in
    ``rest`` where the written heading ends, 0 without heading).
    """
    folded = fold_widths(rest)
    if folded.startswith("【"):
        close = folded.find("】")
        if 1 < close <= _MAX_HEADING + 1 and folded[close + 1 :].strip():
            return rest[1:close].strip(), rest[close + 1 :].lstrip(" 。:："), close + 1
    stop = folded.find("。")
    colon = folded.find(":")
    if 0 < colon <= 12 and (stop < 0 or colon < stop):
        stop = colon
    if stop <= 1 or stop > _MAX_HEADING:
        return None, rest, 0
    head, body = rest[:stop].strip(), rest[stop + 1 :].strip()
    if not body or len(body) < 2 or re.search(r"[,，;；]", fold_widths(head)):
        return None, rest, 0
    return head, body, stop


def _is_container(rest: str) -> bool:
    """A numbered line that only names a section (``（二）主要目标``, ``第一章 总则``)."""
    folded = fold_widths(rest).strip()
    if not folded:
        return True
    if len(folded) > _MAX_CONTAINER or "。" in folded:
        return False
    return not folded.endswith((";", "；", "。", ".", "!", "?"))


def split_inline_enumeration(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split ``…：一是A；二是B；三是C。`` into a lead-in and numbered items.

    Only a run that counts up from 一 without gaps counts; otherwise the text is returned
    whole with no items.
    """
    hits = [m for m in _INLINE_ENUM.finditer(fold_widths(text))]
    run: list[re.Match[str]] = []
    for m in hits:
        if parse_cn_int(m.group(1)) == len(run) + 1:
            run.append(m)
    if len(run) < 2:
        return text, []
    lead = text[: run[0].start()].strip()
    items = []
    for i, m in enumerate(run):
        end = run[i + 1].start() if i + 1 < len(run) else len(text)
        body = text[m.end() : end].strip().rstrip("；;，,")
        if body.endswith("；"):
            body = body[:-1]
        items.append((m.group(1), body))
    return lead, items


@dataclass
class _Draft:
    path: tuple[str, ...]
    number: str | None
    heading: str | None
    text: str
    units: tuple[str, ...] = ()
    rank: int = 99
    label: str = ""
    container: bool = False  # a heading line: kept as a clause only if nothing is filed under it
    filled: bool = False


@dataclass
class _Frame:
    rank: int
    label: str | None
    draft: _Draft | None = None


@dataclass
class _Builder:
    drafts: list[_Draft] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)

    def labels(self) -> tuple[str, ...]:
        return tuple(f.label for f in self.stack if f.label)

    def _file_under_stack(self) -> None:
        for frame in self.stack:
            if frame.draft is not None:
                frame.draft.filled = True

    def add_numbered(self, line: str, marker: Marker) -> None:
        while self.stack and self.stack[-1].rank >= marker.rank:
            self.stack.pop()
        self._file_under_stack()
        rest = line[marker.end :].strip()
        if _is_container(rest):
            # kept as a clause of its own when nothing is filed under it (a last short item)
            draft = _Draft(self.labels(), marker.number, None, rest, (), marker.rank, line.strip(), container=True)
            self.drafts.append(draft)
            self.stack.append(_Frame(marker.rank, line.strip(), draft))
            return
        # the note goes first: "对企业给予补贴。（责任单位：…）" is a body, not a heading
        body, units = split_units(rest)
        heading, body, heading_end = split_heading(body)
        stripped = line.strip()
        if heading:
            label = (line[: marker.end] + rest[:heading_end]).strip()
        else:
            label = stripped if len(stripped) <= _MAX_CONTAINER else stripped[: marker.end + 24].rstrip() + "…"
        draft = _Draft(self.labels(), marker.number, heading, body, units, marker.rank, label)
        self.drafts.append(draft)
        self.stack.append(_Frame(marker.rank, label, draft))

    def add_plain(self, line: str) -> None:
        self._file_under_stack()
        body, units = split_units(line)
        if self.drafts and (_UNITS_LINE.match(fold_widths(line)) or (units and not body.strip())):
            last = self.drafts[-1]  # a responsibility note on a line of its own
            found = units or parse_units(line)
            last.units = last.units + tuple(u for u in found if u not in last.units)
            return
        top = self.stack[-1] if self.stack else None
        draft = top.draft if top is not None and top.draft is not None and not top.draft.container else None
        if top and draft and draft is self._last() and draft.number and (draft.heading is None or top.rank == STYLE_RANK["article"]):
            # an unnumbered paragraph after a numbered provision continues it (a 款 of a 条)
            draft.text = f"{draft.text}\n{body}" if draft.text else body
            draft.units = draft.units + tuple(u for u in units if u not in draft.units)
            return
        self.drafts.append(_Draft(self.labels(), None, None, body, units))

    def _last(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None


def _expand_inline(draft: _Draft) -> list[_Draft]:
    lead, items = split_inline_enumeration(draft.text)
    if not items:
        return [draft]
    out: list[_Draft] = []
    nested = bool(draft.number or draft.heading)
    if lead:
        out.append(_Draft(draft.path, draft.number, draft.heading, lead, draft.units, draft.rank, draft.label))
    item_path = draft.path + ((draft.label,) if nested else ())
    for number, body in items:
        out.append(_Draft(item_path, number, None, body, draft.units, 99))
    return out


def _is_title_line(line: str) -> bool:
    folded = fold_widths(line)
    if len(folded) > 60 or folded.endswith(("。", ";", "；", ":", "：")):
        return False
    if _DOC_NUMBER.search(folded) or _DATE_LINE.match(folded):
        return False
    return match_marker(line) is None or bool(re.match(r"^\(\d{4}", folded))


def extract_title(lines: list[str], hint: str = "") -> tuple[str, int]:
    """The document title and how many leading lines it (and its letterhead) used.

    Handles a title split over lines (``浙江省…行动计划`` + ``（2023—2025年）``), a covering
    notice (``关于印发《…》的通知``) and document numbers or dates above the title.
    """
    title_lines: list[str] = []
    used = 0
    for i, line in enumerate(lines[:8]):
        folded = fold_widths(line)
        notice = _NOTICE_TITLE.search(folded)
        if notice and not hint:
            hint = line[notice.start(1) : notice.end(1)]
        if _DOC_NUMBER.search(folded) or _DATE_LINE.match(folded) or re.match(r"^附件\s*\d*\s*$", folded):
            used = i + 1
            continue
        if not _is_title_line(line):
            break
        if title_lines and not (re.match(r"^\(", folded) or len("".join(title_lines)) < 40):
            break
        title_lines.append(line)
        used = i + 1
    title = "".join(title_lines)
    if hint:
        return hint, used
    return title, used


def _title_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold_widths(text))


def _skip_cover_letter(lines: list[str], used: int, title: str) -> int:
    """When a covering notice precedes the policy, skip to the line that repeats its title."""
    key = _title_key(title)
    if not key:
        return used
    for i in range(used, min(len(lines), used + 12)):
        if _title_key(lines[i]) == key:
            return i + 1
    return used


_DATE_PARTS = re.compile(
    r"^\s*([\d二〇零一三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日\s*$"
)


def parse_cn_date(line: str) -> str | None:
    """A date line ("2022年9月20日", "二〇二二年九月二十日") as "2022-09-20"; None otherwise."""
    m = _DATE_PARTS.match(fold_widths(line))
    if not m:
        return None
    year = digits_to_arabic(m.group(1))
    month, day = parse_cn_int(m.group(2)), parse_cn_int(m.group(3))
    if not year.isdigit() or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}-{day:02d}"


def find_date(lines: list[str]) -> str | None:
    """The signing date: a date line among the last lines, else in the letterhead."""
    for line in [*reversed(lines[-5:]), *lines[:8]]:
        date = parse_cn_date(line)
        if date:
            return date
    return None


def _strip_signature(lines: list[str]) -> list[str]:
    """Drop the issuer and date lines that close a document."""
    end = len(lines)
    for i in range(len(lines) - 1, max(len(lines) - 5, -1), -1):
        folded = fold_widths(lines[i])
        if _DATE_LINE.match(folded):
            end = i
            break
    if end == len(lines):
        return lines
    while (
        end > 0
        and len(lines[end - 1]) <= 25
        and not fold_widths(lines[end - 1]).endswith(("。", ";", "；"))
        and match_marker(lines[end - 1]) is None
    ):
        end -= 1
    return lines[:end]


def segment_lines(
    lines: list[str], *, title_hint: str = "", fallback_title: str = "", context: list[str] | None = None, id_prefix: str = ""
) -> Segmented:
    """Clauses of already cleaned lines (see ``corpus.clean``).

    ``title_hint`` (a reprint's announced title) wins over the title lines found at the top;
    ``fallback_title`` (a page title, a file name) is used only when there are none.
    """
    notes = [line for line in lines if _NOTE_LINE.match(line)]
    joined: list[str] = []
    for line in (ln for ln in lines if not _NOTE_LINE.match(ln)):  # a bare marker line ("一、") continues on the next line
        if joined and match_marker(joined[-1]) is not None and not joined[-1][match_marker(joined[-1]).end :].strip():  # type: ignore[union-attr]
            joined[-1] = joined[-1] + line
        else:
            joined.append(line)
    title, used = extract_title(joined, title_hint)
    title = title or fallback_title
    used = _skip_cover_letter(joined, used, title)
    body = _strip_signature(joined[used:])
    builder = _Builder()
    for line in body:
        marker = match_marker(line)
        if marker is None:
            builder.add_plain(line)
        else:
            builder.add_numbered(line, marker)
    kept = [d for d in builder.drafts if not (d.container and d.filled)]
    drafts = [d for draft in kept for d in _expand_inline(draft) if d.text.strip()]
    for note in notes:  # a clause of their own, after the body, under a path that says what they are
        m = _NOTE_LINE.match(note)
        if m and note[m.end() :].strip():
            drafts.append(_Draft((f"〔{m.group(1)}〕",), m.group(2), None, note[m.end() :].strip()))
    clauses = tuple(Clause(f"{id_prefix}{i}", d.path, d.number, d.heading, d.text, d.units) for i, d in enumerate(drafts, 1))
    news = tuple(
        Clause(f"{id_prefix}n{i}", ("〔报道〕",), None, None, line, (), "context")
        for i, line in enumerate((ln for ln in (context or []) if len(ln) >= 10), 1)
    )
    return Segmented(title=title, clauses=clauses, context=news, date=find_date(joined), segmenter=SEGMENTER_VERSION)


def segment_text(text: str, *, fallback_title: str = "", id_prefix: str = "") -> Segmented:
    """Clean and segment raw text: the whole pipeline after reading."""
    cleaned: CleanText = clean(text)
    return segment_lines(
        cleaned.lines,
        title_hint=cleaned.title_hint,
        fallback_title=fallback_title,
        context=cleaned.context,
        id_prefix=id_prefix,
    )
