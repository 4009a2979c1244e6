"""Document text reaches Streamlit as escaped markdown, never as markup."""

from __future__ import annotations

import pytest

from compare.similarity.diff import Segment
from corpus.models import Clause
from ui.render import changes, clause_citation, clause_title, escape_markdown, highlight


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("万人同屏、实时互动、**触达", "万人同屏、实时互动、\\*\\*触达"),
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\<\\/script\\>"),
        ("[链接](javascript:x)", "\\[链接\\]\\(javascript\\:x\\)"),
        ("$x^2$", "\\$x\\^2\\$"),
        ("# 标题", "\\# 标题"),
        ("行一\n行二", "行一  \n行二"),
        ("（全角括号）不转义", "（全角括号）不转义"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("甲乙丙丁", [(1, 3)], "甲:orange[**乙丙**]丁"),
        ("甲乙丙丁", [(2, 4), (0, 1), (1, 3)], ":orange[**甲乙丙丁**]"),  # overlapping and adjacent spans merge
        ("甲乙丙丁", [(3, 99), (-5, 0)], "甲乙丙:orange[**丁**]"),  # clipped; empty spans ignored
        ("a*b]c", [(1, 4)], "a:orange[**\\*b\\]**]c"),
        ("甲 乙 丙", [(0, 4)], ":orange[**甲 乙**] 丙"),  # the marks touch the text, never a space
        ("甲\n乙", [(0, 3)], ":orange[**甲**]  \n:orange[**乙**]"),  # a colour never spans a line break
        ("甲乙", [], "甲乙"),
    ],
)
def test_highlight(text, spans, expected):
    assert highlight(text, spans) == expected


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        ([Segment("same", "对新"), Segment("deleted", "落户的"), Segment("same", "企业")], "对新:red[~~落户的~~]企业"),
        ([Segment("inserted", "引进的"), Segment("same", "企业")], ":green[**引进的**]企业"),
        ([Segment("deleted", "**:red[x]**"), Segment("same", "<b>")], ":red[~~\\*\\*\\:red\\[x\\]\\*\\*~~]\\<b\\>"),
        ([Segment("inserted", " 甲 ")], " :green[**甲**] "),
        ([], ""),
    ],
)
def test_changes_are_coloured_and_escaped(segments, expected):
    assert changes(segments) == expected


def test_clause_title_and_citation():
    task = Clause("x/8", ("二、重点任务", "（一）创新协同攻关行动"), "1", "加快“元平台”布局建设", "推进培育…", ("省科技厅",))
    assert clause_title(task) == "1. 加快“元平台”布局建设"
    assert clause_citation(task) == "二、（一）1. 加快“元平台”布局建设"
    plain = Clause("x/24", ("三、重点工程", "（一）元宇宙综合试验平台建设工程"), None, None, "围绕…")
    assert clause_title(plain) == "（一）元宇宙综合试验平台建设工程"
    assert clause_citation(plain) == "三、（一） 元宇宙综合试验平台建设工程"
