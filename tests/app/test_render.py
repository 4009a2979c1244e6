"""Document text reaches Streamlit as escaped markdown, never as markup."""

from __future__ import annotations

import pytest

from corpus.models import Clause
from ui.render import clause_citation, clause_title, escape_markdown, highlight


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
        ("甲乙丙丁", [(1, 3)], "甲:orange-background[乙丙]丁"),
        ("甲乙丙丁", [(2, 4), (0, 1), (1, 3)], ":orange-background[甲乙丙丁]"),  # overlapping and adjacent spans merge
        ("甲乙丙丁", [(3, 99), (-5, 0)], "甲乙丙:orange-background[丁]"),  # clipped; empty spans ignored
        ("a*b]c", [(1, 4)], "a:orange-background[\\*b\\]]c"),
        ("甲乙", [], "甲乙"),
    ],
)
def test_highlight(text, spans, expected):
    assert highlight(text, spans) == expected


def test_clause_title_and_citation():
    task = Clause("x/8", ("二、重点任务", "（一）创新协同攻关行动"), "1", "加快“元平台”布局建设", "推进培育…", ("省科技厅",))
    assert clause_title(task) == "1. 加快“元平台”布局建设"
    assert clause_citation(task) == "二、（一）1. 加快“元平台”布局建设"
    plain = Clause("x/24", ("三、重点工程", "（一）元宇宙综合试验平台建设工程"), None, None, "围绕…")
    assert clause_title(plain) == "（一）元宇宙综合试验平台建设工程"
    assert clause_citation(plain) == "三、（一） 元宇宙综合试验平台建设工程"
