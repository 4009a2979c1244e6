"""Citations as a reader writes them: number path and heading, for every numbering style."""

from __future__ import annotations

import pytest

from corpus.citation import cite, clause_heading, number_path
from corpus.models import Clause
from corpus.segment import segment_text


@pytest.mark.parametrize(
    ("path", "number", "heading", "expected"),
    [
        (("二、重点任务", "（一）创新协同攻关行动"), "1", "加快“元平台”布局建设", "二、（一）1. 加快“元平台”布局建设"),
        ((), "第三条", "支持研发投入", "第三条 支持研发投入"),
        ((), "第六条", None, "第六条"),
        (("第四条 支持场景建设",), "一", None, "第四条（一） 支持场景建设"),
        (("一、总体要求", "（二）主要目标"), None, "产业链条持续完善", "一、（二） 产业链条持续完善"),
        (("三、重点工程", "（一）元宇宙综合试验平台建设工程"), None, None, "三、（一） 元宇宙综合试验平台建设工程"),
        (("重点工程",), "3", "数字人工程", "重点工程3. 数字人工程"),
        (("二、重点任务", "（一）招引企业", "1.落户奖励"), "1", None, "二、（一）1.（1） 落户奖励"),
        (("第二章 产业支持",), "第五条", "支持算力", "第二章第五条 支持算力"),
        ((), "一", "发展目标", "一、 发展目标"),
        ((), None, None, ""),
    ],
)
def test_cite(path, number, heading, expected):
    assert cite(Clause("c", path, number, heading, "正文。")) == expected


def test_number_path_and_heading_apart():
    clause = Clause("c", ("二、重点任务", "（三）场景应用"), "2", None, "正文。")
    assert (number_path(clause), clause_heading(clause)) == ("二、（三）2.", "场景应用")


def test_every_article_of_a_measure_cites_its_article():
    text = "云梦泽市鹭汀区若干措施\n第一条 为了促进发展，制定本措施。\n第二条 【支持落户】对新落户企业给予最高100万元奖励。\n第三条 支持研发。按研发投入的20%给予补助。\n"
    cited = [cite(c) for c in segment_text(text).clauses]
    assert cited == ["第一条", "第二条 支持落户", "第三条 支持研发"]


def test_the_label_of_a_clause_is_its_citation():
    clause = Clause("c", ("第四条 支持场景建设",), "二", None, "一般应用场景。")
    assert clause.label == cite(clause) == "第四条（二） 支持场景建设"
