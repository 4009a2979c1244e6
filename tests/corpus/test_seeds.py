"""Both seeds of the Zhejiang plan must give the plan's real structure."""

from __future__ import annotations

import pytest

from corpus.clean import fold_widths
from corpus.library import prepare
from corpus.readers import read_path
from corpus.segment import segment_text
from tests.paths import ARTICLE, OFFICIAL, SHARED_SEEDS

TASKS = [
    "加快“元平台”布局建设",
    "强化“元技术”前沿攻关",
    "创新“元企业”梯队培育",
    "夯实“元设施”基础底座",
    "打造“元终端”产品矩阵",
    "健全“元软件”全链条服务",
    "打造“元零售”消费空间",
    "推动“元文娱”融合发展",
    "提供“元办公”多样服务",
    "开发“元教育”应用服务",
    "实施“元制造”融合赋能",
    "探索“元医疗”场景应用",
    "集成“元城市”综合应用",
    "完善“元空间”治理规则",
    "强化“元数据”开发利用",
    "推动“元社区”全球开源",
]
ACTIONS = ["创新协同攻关行动", "产业链补链强链行动", "消费场景提升行动", "实体经济赋能行动", "数字空间治理行动"]
PROJECTS = [
    "元宇宙综合试验平台建设工程",
    "元宇宙产业基地培育工程",
    "元宇宙虚拟人示范工程",
    "制造业赋能提升工程",
    "“元宇宙浙江”品牌推广工程",
]
SAFEGUARDS = ["强化组织领导", "加大政策引导", "加快人才引育", "加强资金保障"]
PARTS = ["总体要求", "重点任务", "重点工程", "保障措施"]


def _segment(path):
    return prepare(read_path(path))


def _strip_number(label: str) -> str:
    """ "（一）创新协同攻关行动" / "(一)创新协同攻关行动" → "创新协同攻关行动"."""
    folded = fold_widths(label)
    return label[folded.index(")") + 1 :] if folded.startswith("(") else label.split("、", 1)[-1]


@pytest.fixture(scope="module", params=[OFFICIAL, ARTICLE], ids=["official", "article"])
def seed(request):
    return _segment(request.param)


def test_title(seed):
    assert fold_widths(seed.title) == fold_widths("浙江省元宇宙产业发展行动计划（2023—2025年）")


def test_four_parts_in_order(seed):
    tops = list(dict.fromkeys(c.path[0] for c in seed.clauses if c.path))
    assert [t.split("、", 1)[1] for t in tops] == PARTS


def test_sixteen_tasks_in_five_actions_with_units(seed):
    tasks = [c for c in seed.clauses if c.path and c.path[0].endswith("重点任务")]
    assert [c.heading for c in tasks] == TASKS
    assert [c.number for c in tasks] == list("1231231234123123")
    assert list(dict.fromkeys(_strip_number(c.path[1]) for c in tasks)) == ACTIONS
    for task in tasks:
        assert task.units, task.heading
        assert all(u.startswith(("省", "浙江")) for u in task.units), task.units
        assert "责任单位" not in task.text and not fold_widths(task.text).rstrip().endswith(")")
    first = tasks[0]
    assert first.units == ("省发展改革委", "省科技厅", "省经信厅")  # "为责任主体，下同" is not a unit
    assert tasks[4].units == ("省经信厅", "省科技厅", "省发展改革委", "省教育厅", "省商务厅", "省文化和旅游厅", "省卫生健康委", "省广电局")


def test_projects_and_safeguards(seed):
    projects = [c for c in seed.clauses if c.path and c.path[0].endswith("重点工程")]
    safeguards = [c for c in seed.clauses if c.path and c.path[0].endswith("保障措施")]
    assert [_strip_number(c.path[1]) for c in projects] == PROJECTS
    assert [_strip_number(c.path[1]) for c in safeguards] == SAFEGUARDS
    assert all(c.units for c in projects + safeguards)
    assert len(safeguards[0].units) == 11


def test_goals_bullets_have_headings(seed):
    goals = [c for c in seed.clauses if len(c.path) == 2 and c.path[1].endswith("主要目标")]
    assert [c.heading for c in goals] == [None, "产业链条持续完善", "创新能力显著增强", "应用示范效应显著", "产业生态全面构建"]
    assert "2000亿元以上" in goals[1].text


def test_clause_count(seed):
    assert len(seed.clauses) == 32


def test_official_has_no_bookmarks_and_no_context():
    seg = _segment(OFFICIAL)
    assert not seg.context
    assert all("[bookmark" not in c.text and "OLE_LINK" not in c.text for c in seg.clauses)


def test_article_separates_news_from_the_policy():
    seg = _segment(ARTICLE)
    body = "".join(c.text for c in seg.clauses)
    news = "".join(c.text for c in seg.context)
    assert "截至目前" in news and "胡润" in news and "钱塘区" in news
    assert "截至目前" not in body and "温馨提示" not in body + news and "购物车" not in body + news
    assert "当前位置" not in news and "记者" not in news
    assert all(c.role == "context" for c in seg.context)
    assert len(seg.context) == 19


def test_article_keeps_censored_span_visible():
    seg = _segment(ARTICLE)
    retail = next(c for c in seg.clauses if c.heading == "打造“元零售”消费空间")
    assert "“万人同屏、实时互动、**触达”" in retail.text


def test_same_tasks_from_both_seeds_up_to_widths():
    official, article = _segment(OFFICIAL), _segment(ARTICLE)
    pairs = list(zip(official.clauses, article.clauses))
    assert len(official.clauses) == len(article.clauses)
    differing = [o.id for o, a in pairs if fold_widths(o.text).replace("精准", "**") != fold_widths(a.text)]
    assert differing == []
    assert [o.units for o, _ in pairs] == [a.units for _, a in pairs]


@pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="../shared is not beside this checkout")
@pytest.mark.parametrize(("shipped", "seed_name"), [(OFFICIAL, "002_c1bf1fddda72fa86.txt"), (ARTICLE, "000_83f04e59e465262b.txt")])
def test_shipped_texts_are_the_seeds(shipped, seed_name):
    assert shipped.read_bytes() == (SHARED_SEEDS / seed_name).read_bytes()


def test_segment_text_is_deterministic():
    text = OFFICIAL.read_text(encoding="utf-8")
    assert segment_text(text) == segment_text(text)
