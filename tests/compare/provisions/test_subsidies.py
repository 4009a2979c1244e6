"""Subsidies read out of clauses: fictional clauses for every form, and the Zhejiang seed, which
promises no amount."""

from __future__ import annotations

import pytest

from compare.provisions.subsidies import Subsidy, extract_subsidies
from corpus.library import load_clauses
from tests.compare.fictional import clause
from tests.paths import ZHEJIANG


def fields(records: list[Subsidy]) -> list[tuple]:
    return [(s.kind, s.amount_yuan, s.cap, s.rate) for s in records]


# (clause text, [(kind, amount_yuan, cap, rate), ...])
SUBSIDY_CASES = [
    ("对新落户白鹭洲省的元宇宙总部企业，给予最高不超过500万元的一次性落户奖励。", [("relocation", 5e6, True, None)]),
    ("对获评国家级、省级重点实验室的，分别给予1000万元、300万元奖励。", [("platform", 1e7, None, None), ("platform", 3e6, None, None)]),
    ("按实际投资额的30%给予补贴，最高500万元。", [("investment", 5e6, True, 0.3)]),
    ("对举办元宇宙峰会的单位，按实际支出的百分之三十给予补助，每年不超过２００万元。", [("event", 2e6, True, 0.3)]),
    ("对高层次人才团队给予五百万元启动资金支持。", [("talent", 5e6, None, None)]),
    ("对首台套产品给予不少于200万元支持。", [("product", 2e6, False, None)]),
    ("对年营业收入首次突破1亿元的企业，给予50万元奖励。", [("revenue", 5e5, None, None)]),
    ("对投资额1亿元以上的项目，给予一千万元补助。", [("investment", 1e7, None, None)]),
    ("设立总规模10亿元的云梦泽市元宇宙产业基金。", [("fund", 1e9, None, None)]),
    ("每年安排1.5亿元专项资金支持元宇宙产业发展。", [("fund", 1.5e8, None, None)]),
    # 财政资金 is a fund word for the kind table and the extractor alike (compare.provisions.kinds.FUND_WORDS)
    ("白鹭洲省级财政资金投入2亿元用于元宇宙产业发展。", [("fund", 2e8, None, None)]),
    ("对获得银行贷款的企业给予贷款利息50%的贴息。", [("finance", None, None, 0.5)]),
    ("对入选的应用场景示范项目，按项目投入的50%给予补助，单个项目上限为300万元。", [("scenario", 3e6, True, 0.5)]),
    ("对青岚区元宇宙研发投入按20%、10%分别给予补助，最高分别为1000万元、500万元。", [("rd", 1e7, True, 0.2), ("rd", 5e6, True, 0.1)]),
    ("对研发投入占营业收入比例超过5%的企业，按研发投入的10%给予补助，最高２００万元。", [("rd", 2e6, True, 0.1)]),
    ("对营业收入同比增长20%以上的企业，给予一次性奖励50万元。", [("revenue", 5e5, None, None)]),
    ("对新型研发机构，给予最高1亿元建设经费补助。", [("platform", 1e8, True, None)]),
    ("按房租的50%—100%给予补贴。", [("rent", None, None, 0.5), ("rent", None, None, 1.0)]),
    ("对白鹭洲省首版次软件产品，给予不超过合同金额30%、最高300万元的奖励。", [("product", 3e6, True, 0.3)]),
    ("租金补贴标准为每月每平方米30元以内。", []),
]


@pytest.mark.parametrize(("text", "expected"), SUBSIDY_CASES, ids=[t[:14] for t, _ in SUBSIDY_CASES])
def test_extract_subsidies_amount_cap_rate_and_kind(text, expected):
    assert fields(extract_subsidies(clause(text), "bailuzhou-measures")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "吸引世界500强企业落户青岚区。",
        "实施5大重点任务和5大重点工程。",
        "到2025年，全省元宇宙产业规模达到1000亿元。",
        "引进总投资超过10亿元的重大项目。",
        "支持企业建设元宇宙开放平台，打造3个特色产业园。",
        "研究制定加快元宇宙产业发展的扶持政策，给予一定政策支持。",
    ],
)
def test_numbers_that_are_not_subsidies(text):
    assert extract_subsidies(clause(text), "p") == []


def test_rent_clause_gives_area_years_and_cap():
    text = "对租用办公用房的企业，给予租金补贴，补贴面积不超过1000平方米，最长3年。"
    (s,) = extract_subsidies(clause(text), "p")
    assert (s.kind, s.amount_yuan, s.area_m2, s.years, s.cap) == ("rent", None, 1000, 3, True)


def test_months_and_period():
    (s,) = extract_subsidies(clause("对新引进的人才，每月给予5000元生活补贴，最长12个月。"), "p")
    assert (s.kind, s.amount_yuan, s.per, s.months) == ("talent", 5000, "month", 12)
    (s,) = extract_subsidies(clause("对上规企业每年给予最高100万元奖励，连续3年。"), "p")
    assert (s.per, s.years, s.cap) == ("year", 3, True)


def test_respective_amounts_get_their_own_conditions():
    text = "对获评国家级、省级重点实验室的，分别给予1000万元、300万元奖励。"
    records = extract_subsidies(clause(text), "p")
    assert [s.condition for s in records] == ["国家级", "省级重点实验室"]


def test_threshold_goes_into_the_condition_and_beneficiary_is_named():
    (s,) = extract_subsidies(clause("对年营业收入首次突破1亿元的企业，给予50万元奖励。"), "p")
    assert s.beneficiary == "企业" and "突破1亿元" in s.condition


def test_record_points_to_its_clause_and_sentence():
    c = clause("青岚区鼓励创新。对新设立的研发中心给予最高200万元补助。其他事项另行规定。", path=("三、政策措施", "（二）平台"))
    (s,) = extract_subsidies(c, "qinglan")
    assert (s.policy_id, s.clause_id, s.path, s.source) == ("qinglan", c.id, ("三、政策措施", "（二）平台"), "clause")
    assert s.text == "对新设立的研发中心给予最高200万元补助。"
    assert set(s.to_json()) >= {"policy", "clause", "kind", "amount_yuan", "cap", "rate", "area_m2", "years", "per", "text", "source"}


def test_kind_falls_back_to_the_heading():
    c = clause("符合条件的，给予最高50万元奖励。", heading="支持企业落户")
    assert extract_subsidies(c, "p")[0].kind == "relocation"


def test_zhejiang_promises_no_measurable_subsidy(shared_store):
    clauses = load_clauses(shared_store, ZHEJIANG).clauses
    assert [s for c in clauses for s in extract_subsidies(c, ZHEJIANG)] == []
