"""The instrument coder on fictional clauses (青岚区, 苍梧县, 雁回区 are invented places): every tool,
the money-for-a-purpose rule, several tools, no instrument, the nearest-example layer, and the
accuracy on the fictional district measures (a tuning part and a held-out part)."""

from __future__ import annotations

import pytest
import yaml

from compare.instruments import TOOLS, Example, InstrumentCoder, SchemeError, load_examples, load_lexicon
from compare.instruments.scheme import LEXICON_PATH, parse_lexicon
from corpus.models import Clause
from corpus.segment import segment_text
from tests.embeddings.models import MINILM
from tests.paths import FIXTURES

MEASURES = yaml.safe_load((FIXTURES / "fictional_instrument_measures.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def coder() -> InstrumentCoder:
    return InstrumentCoder().fit()


def clause(text: str, heading: str | None = None, path: tuple[str, ...] = ()) -> Clause:
    return Clause("fictional/1", path, None, heading, text)


# (heading, body, primary tool, tools that must also be found); all fictional
EVERY_TOOL = [
    ("引育人才", "对引进的青岚区急需紧缺高层次人才给予安家补贴，并优先安排子女入学。", "talent", ()),
    ("营收奖励", "对年度营业收入首次超过5亿元的企业，一次性给予100万元奖励。", "funding", ()),
    ("攻关", "支持企业联合高校开展三维渲染引擎关键技术攻关，建设重点实验室。", "technology", ()),
    (None, "加快建设青岚智算中心，新增算力500P，推进千兆光网全覆盖。", "infrastructure", ()),
    (None, "建设元宇宙公共服务平台，向中小企业开放共享检验检测设备。", "public_service", ()),
    (None, "到2026年，全区元宇宙产业规模突破300亿元，培育10家以上骨干企业。", "planning", ()),
    (None, "对企业获得银行贷款的，按贷款市场报价利率的50%给予贴息。", "finance", ()),
    (None, "符合条件的企业享受研发费用加计扣除和所得税优惠政策。", "tax", ()),
    (None, "加强数字藏品知识产权保护，建立虚拟资产交易监管制度。", "regulation", ()),
    (None, "成立区元宇宙产业发展领导小组，建立联席会议制度，将任务纳入年度考核。", "strategic", ()),
    (None, "机关事业单位在政府采购中优先采购本区企业的首版次软件产品。", "procurement", ()),
    (None, "通过政府购买服务方式委托专业机构开展产业运行监测。", "outsourcing", ()),
    (None, "每年发布一批元宇宙应用场景清单，遴选示范项目予以推广。", "demonstration", ()),
    (None, "支持企业扩大虚拟现实设备出口，提供通关便利。", "trade", ()),
    (None, "鼓励企业开展国际交流合作，参与一带一路数字合作项目。", "international", ()),
    (None, "面向市民发放元宇宙消费券，举办消费季活动。", "consumption", ()),
]


@pytest.mark.parametrize(("heading", "body", "tool", "also"), EVERY_TOOL, ids=[t for _, _, t, _ in EVERY_TOOL])
def test_every_tool_is_coded_from_its_cues(coder, heading, body, tool, also):
    coding = coder.code([clause(body, heading)])[0]
    assert coding.tool == tool
    assert coding.dimension == load_lexicon().tools[tool].dimension
    assert coding.method == "lexicon"
    assert set(also) <= set(coding.tools)
    cue = next(e for e in coding.evidence if e.kind == "cues" and e.tool == tool)
    assert cue.words and all(w in (heading or "") + body for w in cue.words)


def test_the_cases_cover_all_sixteen_tools():
    assert sorted({t for *_, t, _ in EVERY_TOOL}) == sorted(TOOLS)


MONEY_FOR_A_PURPOSE = [
    ("对企业年度研发投入增量部分按20%给予补助，最高500万元。", "technology"),
    ("对入选区级示范场景的项目给予最高300万元奖励。", "demonstration"),
    ("对新引进的顶尖人才团队给予最高1000万元资助。", "talent"),
    ("对新落户的总部企业给予一次性500万元落户奖励。", "strategic"),
    ("对主导制定国家标准的企业给予50万元奖励。", "regulation"),
    ("对企业使用区内智算中心算力的，按费用的30%给予补贴。", "infrastructure"),
]


@pytest.mark.parametrize(("body", "purpose"), MONEY_FOR_A_PURPOSE)
def test_money_for_a_purpose_makes_the_purpose_primary_and_funding_secondary(coder, body, purpose):
    coding = coder.code([clause(body)])[0]
    assert coding.tool == purpose
    assert "funding" in coding.tools[1:]


def test_money_with_no_purpose_is_funding(coder):
    coding = coder.code([clause("区财政每年安排2亿元专项资金，对企业给予奖励和补贴。")])[0]
    assert coding.tool == "funding" and coding.dimension == "supply"


def test_interest_subsidies_are_finance_not_funding(coder):
    coding = coder.code([clause("对企业的贷款利息给予50%的贴息补贴，最高100万元。")])[0]
    assert coding.tool == "finance" and "funding" in coding.tools


def test_a_clause_with_several_tools_lists_them_strongest_first(coder):
    body = "设立10亿元元宇宙产业基金，对引进的高层次人才团队给予安家补贴，并在政府采购中优先采购其首台套产品。"
    coding = coder.code([clause(body)])[0]
    assert {"finance", "talent", "procurement"} <= set(coding.tools)
    assert len(coding.tools) == len(set(coding.tools))
    scores = {e.tool: e.score for e in coding.evidence if e.kind == "cues"}
    secondary = [t for t in coding.tools[1:] if t != "funding"]
    assert [scores[t] for t in secondary] == sorted((scores[t] for t in secondary), reverse=True)


NONE = [
    "本措施自2024年1月1日起施行，有效期三年。",
    "本办法由区科技局负责解释。",
    "本办法适用于在青岚区注册登记的企业。",
    "本措施所称元宇宙企业，是指从事虚拟现实技术研发和应用的企业。",
    "为加快青岚区元宇宙产业发展，结合本区实际，制定本措施。",
    "现将《青岚区元宇宙扶持办法》印发给你们，请认真贯彻执行。",
    "同一项目符合本区多项政策的，按就高原则不重复享受。",
]


@pytest.mark.parametrize("body", NONE)
def test_clauses_without_an_instrument_get_none(coder, body):
    coding = coder.code([clause(body)])[0]
    assert (coding.tool, coding.tools, coding.dimension, coding.stage) == (None, (), None, None)
    assert coding.evidence and coding.evidence[0].kind == "rule"


def test_a_strong_cue_keeps_a_clause_that_mentions_validity(coder):
    coding = coder.code([clause("算力券有效期一年，企业使用区内智算中心算力服务时抵扣。")])[0]
    assert coding.tool == "infrastructure"


def test_targets_under_a_heading_of_aims_are_planning(coder):
    coding = coder.code([clause("建成重点实验室10家以上，引进高层次人才团队20个。", path=("一、总体要求", "（二）主要目标"))])[0]
    assert coding.tool == "planning" and coding.method == "section"
    assert {"technology", "talent"} <= set(coding.tools)


def test_the_heading_above_helps_a_sub_item(coder):
    coding = coder.code([clause("给予最高一千万元的启动资金", path=("第五条 支持人才集聚",))])[0]
    assert coding.tool == "talent"


def test_a_clause_without_cues_is_coded_by_its_nearest_examples(coder):
    coding = coder.code([clause("开发沉浸式文博展陈产品，在博物馆和景区推出体验项目。")])[0]
    assert coding.method == "examples"
    examples = [e for e in coding.evidence if e.kind == "example"]
    assert examples and all(e.score >= coder.min_similarity_ for e in examples)
    assert coding.tool == examples[0].tool or coding.tool in {e.tool for e in examples}


WEAK_CUES = [
    ("对企业租用区内办公用房的，前三年给予租金全额补贴。", "funding", ("funding",)),
    ("对新建5G行业虚拟专网的企业给予补贴。", "infrastructure", ("infrastructure", "funding")),
    ("对企业参加国家级元宇宙创新大赛获奖的给予奖励。", "strategic", ("strategic", "funding")),
]


@pytest.mark.parametrize(("body", "tool", "tools"), WEAK_CUES)
def test_examples_never_bring_in_a_tool_the_clause_does_not_name(coder, body, tool, tools):
    coding = coder.code([clause(body)])[0]
    assert (coding.tool, coding.tools) == (tool, tools)
    assert all(e.tool in tools for e in coding.evidence if e.kind == "example")


def test_nothing_similar_and_no_cue_is_undecided(coder):
    coding = coder.code([clause("天气晴朗。")])[0]
    assert coding.tool is None and coding.method in {"undecided", "examples"}


def _raw_lexicon() -> dict:
    return yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


def test_the_examples_decide_even_without_the_lexicon_cues():
    bare = parse_lexicon({**_raw_lexicon(), "tools": _no_cues()})
    examples = [Example("对引进的博士给予安家补贴和人才公寓。", "talent"), Example("发放消费券，鼓励市民购买虚拟现实眼镜。", "consumption")]
    coder = InstrumentCoder(lexicon=bare, examples=examples).fit()
    coding = coder.code([clause("向市民发放数字消费券。")])[0]
    assert coding.tool == "consumption" and coding.method == "examples"
    assert coding.evidence[0].text == examples[1].text


def _no_cues() -> dict:
    raw = _raw_lexicon()["tools"]
    return {name: {**spec, "cues": {}} for name, spec in raw.items()}


def test_a_lexicon_with_an_unknown_tool_or_a_broken_pattern_is_refused():
    raw = _raw_lexicon()
    with pytest.raises(SchemeError, match="16"):
        parse_lexicon({**raw, "tools": {**raw["tools"], "lottery": raw["tools"]["funding"]}})
    broken = {**raw, "tools": {**raw["tools"], "tax": {**raw["tools"]["tax"], "cues": {"re:(": 1}}}}
    with pytest.raises(SchemeError, match="pattern"):
        parse_lexicon(broken)


def test_the_shipped_examples_are_labelled_with_known_tools_and_cover_every_tool():
    examples = load_examples()
    assert {e.tool for e in examples} >= set(TOOLS)
    assert any(e.tool is None for e in examples)


def _measures(split: str) -> tuple[list, list]:
    part = MEASURES[split]
    text = part["title"] + "\n" + "\n".join(f"第{i}条 {a[0]}" for i, a in enumerate(part["articles"], 1))
    clauses = list(segment_text(text).clauses)
    assert len(clauses) == len(part["articles"])
    return part["articles"], clauses


def accuracy(coder: InstrumentCoder, split: str) -> tuple[float, float]:
    articles, clauses = _measures(split)
    codings = coder.code(clauses)
    dims = [c.dimension == (None if dim == "none" else dim) for (_, dim, _), c in zip(articles, codings, strict=True)]
    tools = [(c.tool in ok) if ok else c.tool is None for (_, _, ok), c in zip(articles, codings, strict=True)]
    return sum(dims) / len(dims), sum(tools) / len(tools)


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_fictional_district_measures_are_coded_as_a_researcher_would(coder, split):
    dimension, tool = accuracy(coder, split)
    assert dimension >= 0.89 and tool >= 0.80, (dimension, tool)


def test_the_held_out_measures_share_no_text_with_the_examples():
    held = {a[0] for a in MEASURES["holdout"]["articles"]}
    assert not held & {e.text for e in load_examples()}


@pytest.mark.slow
def test_the_nearest_example_layer_works_with_a_pretrained_embedder():
    from embeddings import SbertEmbedder

    coder = InstrumentCoder(embedder=SbertEmbedder(str(MINILM))).fit()
    coding = coder.code([clause("开发沉浸式文博展陈产品，在博物馆和景区推出体验项目。")])[0]
    assert coding.method == "examples" and coding.tool is not None
    dimension, tool = accuracy(coder, "holdout")
    assert dimension >= 0.89 and tool >= 0.80
