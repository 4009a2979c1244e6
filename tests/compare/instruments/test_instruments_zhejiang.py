"""Both Zhejiang seeds coded: the plan's 16 tasks, 5 key projects and 4 safeguards against the
primary tool we expect after reading each clause, and the same codes from both versions."""

from __future__ import annotations

import pytest

from compare.instruments import InstrumentCoder
from corpus.segment import segment_text
from tests.paths import ARTICLE, OFFICIAL

# (heading or section, expected primary tool read by hand, other tools a reader could defend)
GOLDEN = [
    ("加快“元平台”布局建设", "technology", {"public_service"}),  # labs, research centres; public tech services second
    ("强化“元技术”前沿攻关", "technology", set()),  # frontier R&D
    ("创新“元企业”梯队培育", "strategic", {"technology"}),  # chain leaders, HQ attraction, 专精特新
    ("夯实“元设施”基础底座", "infrastructure", set()),  # networks, data and computing centres
    ("打造“元终端”产品矩阵", "technology", {"demonstration"}),  # terminal R&D and volume production
    ("健全“元软件”全链条服务", "technology", {"public_service"}),  # basic software and engines
    ("打造“元零售”消费空间", "consumption", {"demonstration"}),  # virtual shopping, consumer marketing
    ("推动“元文娱”融合发展", "demonstration", {"consumption"}),  # culture and tourism applications
    ("提供“元办公”多样服务", "demonstration", set()),  # virtual office platforms as benchmark applications
    ("开发“元教育”应用服务", "demonstration", set()),
    ("实施“元制造”融合赋能", "demonstration", set()),  # industrial metaverse scenarios
    ("探索“元医疗”场景应用", "demonstration", set()),
    ("集成“元城市”综合应用", "demonstration", set()),
    ("完善“元空间”治理规则", "regulation", set()),  # rule of law, supervision, ethics
    ("强化“元数据”开发利用", "regulation", {"public_service"}),  # data institutions and standards; trading platforms
    ("推动“元社区”全球开源", "international", {"regulation"}),  # overseas nodes, international standards
    ("（一）元宇宙综合试验平台建设工程", "public_service", {"technology"}),  # pilot and test platforms
    ("（二）元宇宙产业基地培育工程", "strategic", set()),  # industrial bases and parks
    ("（三）元宇宙虚拟人示范工程", "demonstration", {"technology"}),
    ("（四）制造业赋能提升工程", "demonstration", set()),  # pilots and demonstrations in industry
    ("（五）“元宇宙浙江”品牌推广工程", "strategic", {"international"}),  # publicity, events, brand
    ("（一）强化组织领导", "strategic", set()),  # working group, joint meetings, evaluation
    ("（二）加大政策引导", "strategic", {"funding", "technology"}),  # support policies, HQ location, project applications
    ("（三）加快人才引育", "talent", set()),
    ("（四）加强资金保障", "finance", {"funding"}),  # funds, credit, IP pledge, insurance
]


def _codes(path) -> dict[str, object]:
    clauses = segment_text(path.read_text(encoding="utf-8")).clauses
    codings = InstrumentCoder().fit().code(list(clauses))
    return {(c.clause.heading or c.clause.path[-1] if c.clause.path else ""): c for c in codings}


@pytest.fixture(scope="module")
def official():
    return _codes(OFFICIAL)


def test_the_golden_table_covers_the_25_tasks_projects_and_safeguards(official):
    assert len(GOLDEN) == 25 and all(name in official for name, _, _ in GOLDEN)


@pytest.mark.parametrize(("name", "expected", "also"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_each_task_project_and_safeguard_gets_a_tool_a_reader_accepts(official, name, expected, also):
    coding = official[name]
    assert coding.tool in {expected, *also}, [e.describe() for e in coding.evidence]
    assert coding.evidence and coding.stage is not None


def test_most_primary_tools_are_the_ones_we_read(official):
    agree = [name for name, expected, _ in GOLDEN if official[name].tool == expected]
    assert len(agree) >= 23, sorted(set(g[0] for g in GOLDEN) - set(agree))


def test_the_preamble_has_no_instrument_and_the_aims_are_planning(official):
    codings = list(official.values())
    assert codings[0].tool is None
    aims = [c for c in codings if c.clause.path and c.clause.path[0] == "一、总体要求"]
    assert len(aims) == 6 and {c.tool for c in aims} == {"planning"}


def test_the_news_reprint_is_coded_like_the_official_text(official):
    article = list(_codes(ARTICLE).values())  # same 32 clauses, half-width brackets in its headings
    assert [c.tool for c in article] == [c.tool for c in official.values()]
    assert [c.tools for c in article] == [c.tools for c in official.values()]
