"""How a person cites a clause: its number path and its heading (``二、（一）1. 加快“元平台”布局建设``,
``第三条 支持研发投入``, ``第四条（一） 支持场景建设``).

The one rule every table, tooltip, CLI line and export uses. The numbers above a clause are
read off its path as written (``二、重点任务`` gives ``二、``); a path element without a number
(``重点工程``) is cited by its words. A clause keeps only its bare enumerator ("1", "一"), so
its punctuation is restored from the numbering ranks: the style of that kind of numeral just
below the one above it (``一、`` at the top only, ``（一）`` under any heading; ``1.`` then
``（1）``).
"""

from __future__ import annotations

from corpus.models import Clause
from corpus.segment import STYLE_RANK, match_marker

_CN_STYLES = (("cn", "{}、"), ("paren_cn", "（{}）"))
_DIGIT_STYLES = (("arabic", "{}."), ("paren_arabic", "（{}）"))


def _split(element: str) -> tuple[str, str]:
    """A path element as (its number as written, its words): ("二、", "重点任务")."""
    marker = match_marker(element)
    if marker is None or marker.number is None:
        return "", element.strip()
    return element[: marker.end].strip(), element[marker.end :].strip()


def _own_number(clause: Clause) -> str:
    number = clause.number
    if not number:
        return ""
    if number.startswith("第"):
        return number
    above = max((m.rank for m in map(match_marker, clause.path) if m is not None), default=-1)
    styles = _DIGIT_STYLES if number.isdigit() else _CN_STYLES
    above = max(above, STYLE_RANK["cn"]) if clause.path and not number.isdigit() else above
    for style, form in styles:
        if STYLE_RANK[style] > above:
            return form.format(number)
    return styles[-1][1].format(number)


def number_path(clause: Clause) -> str:
    """The numbers from the outermost heading down to the clause, joined as written:
    "二、（一）1.", "第四条（一）", "重点工程3."; "" for an unnumbered clause at the top (a preamble)."""
    parts = []
    for element in clause.path:
        number, words = _split(element)
        parts.append(number or words)
    parts.append(_own_number(clause))
    return "".join(p for p in parts if p)


def clause_heading(clause: Clause) -> str:
    """The clause's own heading, else the words of the nearest heading above it; "" when none."""
    if clause.heading:
        return clause.heading
    for element in reversed(clause.path):
        number, words = _split(element)
        if number and words:
            return words
    return ""


def cite(clause: Clause) -> str:
    """The citation of a clause: number path and heading ("第三条 支持研发投入"); "" for a
    preamble (no number, no heading above it), which the caller names in its language."""
    return " ".join(x for x in (number_path(clause), clause_heading(clause)) if x)
