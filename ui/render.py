"""Document text as data: escaping for Streamlit markdown and safe highlighting.

Policy text is never passed to Streamlit as HTML. When it goes through ``st.markdown`` (to
highlight shared spans), every ASCII punctuation mark is backslash-escaped, so ``**``, ``<``,
``$``, ``$$…$$`` (LaTeX), ``:red[…]`` (colour directives), ``:smile:`` (emoji codes) or ``[`` in a
document render literally and never as markup. Titles, captions, labels and error messages that
carry document or user text go through the same function.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from compare.similarity.diff import Segment
from compare.similarity.explain import merge_spans
from corpus.models import Clause, Policy
from ui.i18n import t

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_EDGES = re.compile(r"(\s*)(.*?)(\s*)$", re.S)  # emphasis marks must touch the text, not spaces


def escape_markdown(text: str) -> str:
    """Text that ``st.markdown`` shows exactly as written (no bold, links, HTML, LaTeX)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\n", "  \n")


def _colored(color: str, text: str, mark: str = "") -> str:
    """``text`` escaped and coloured, line by line (a directive never spans a line break), with an
    optional markdown emphasis ``mark`` ("~~" strike, "**" bold) inside the colour. Text colour,
    not background: Streamlit pads a coloured background, which opens gaps inside Chinese text."""
    out = []
    for line in text.split("\n"):
        lead, core, trail = _EDGES.match(line).groups()  # type: ignore[union-attr]
        out.append(f"{lead}:{color}[{mark}{escape_markdown(core)}{mark}]{trail}" if core else line)
    return "  \n".join(out)


def markdown_label(text: str) -> str:
    """Text for a widget label that renders markdown (expander, tab, radio option): one line,
    escaped like ``escape_markdown``."""
    return escape_markdown(" ".join(text.split()))


def highlight(text: str, spans: Sequence[tuple[int, int]], color: str = "orange") -> str:
    """Markdown of ``text`` with the character ``spans`` (start, end) in bold colour.

    Spans may overlap or be unsorted; out-of-range offsets are clipped. Empty spans are
    ignored. The text between and inside spans is escaped.
    """
    out, pos = [], 0
    for start, end in merge_spans(spans, len(text)):
        out.append(escape_markdown(text[pos:start]))
        out.append(_colored(color, text[start:end], "**"))
        pos = end
    out.append(escape_markdown(text[pos:]))
    return "".join(out)


def changes(segments: Sequence[Segment]) -> str:
    """Markdown of one side of a character diff, as Word's compare marks it: deleted text struck
    through in red, inserted text bold in green, shared text plain; all of it escaped."""
    marks = {"deleted": ("red", "~~"), "inserted": ("green", "**")}
    return "".join(_colored(marks[s.kind][0], s.text, marks[s.kind][1]) if s.kind in marks else escape_markdown(s.text) for s in segments)


def clause_title(clause: Clause) -> str:
    """Number and heading of a clause ("1. 加快“元平台”布局建设"), or its last path element."""
    number = clause.number and (clause.number if clause.number.startswith("第") else f"{clause.number}.")  # 第三条, not 第三条.
    own = " ".join(x for x in (number, clause.heading) if x)
    return own or (clause.path[-1] if clause.path else "")


def clause_citation(clause: Clause) -> str:
    """The clause as a reader cites it (number path and heading), for a caption; "" for a preamble."""
    return clause.label


def policies_table(policies: Sequence[Policy]) -> pd.DataFrame:
    """Title, jurisdiction, date and id of policies, e.g. those a page lists as having no text."""
    return pd.DataFrame(
        [
            {t("col.title"): p.display_title, t("col.jurisdiction"): p.jurisdiction, t("col.date"): p.date or "—", t("col.id"): p.id}
            for p in policies
        ]
    )
