"""Records for many policies: text where there is text, the registry's facts elsewhere."""

from __future__ import annotations

import pytest

from compare.provisions.facts import provisions_for, provisions_of, subsidies_from_facts, targets_from_facts
from corpus.library import ingest, read_clauses
from corpus.models import Fact, Policy
from tests.paths import FIXTURES, ZHEJIANG

NANSHA = "guangzhou-nansha-2022-nine-measures"


def test_fictional_measures_golden(shared_store):
    got = provisions_of(read_clauses(str(FIXTURES / "fictional_district_measures.txt")))
    assert [(s.kind, s.amount_yuan, s.cap, s.rate, s.years, s.per) for s in got.subsidies] == [
        ("relocation", 5e6, True, 0.1, None, "once"),
        ("relocation", 3e6, True, None, None, None),
        ("rd", 1e7, True, 0.3, 3, "year"),
        ("scenario", 1e7, None, None, None, None),
        ("scenario", 3e6, None, None, None, None),
        ("scenario", 1e6, None, None, None, None),
        ("scenario", None, None, 0.5, None, None),
        ("scenario", None, None, 0.3, None, None),
        ("startup", 1e7, True, None, None, None),
        ("rent", None, True, None, 3, None),
    ]
    assert got.subsidies[-1].area_m2 == 200 and got.targets == ()


def test_registry_only_policy_gives_registry_records_with_their_urls(shared_store):
    got = provisions_for(shared_store, [NANSHA])
    assert got.subsidies and all(s.source == "registry" and s.source_url and s.clause_id is None for s in got.subsidies)
    hq = next(s for s in got.subsidies if s.text == "总部型企业落户奖励")
    assert (hq.kind, hq.amount_yuan, hq.cap) == ("relocation", 3e7, True)
    rate = next(s for s in got.subsidies if s.text == "研发投入补助比例")
    assert (rate.kind, rate.rate, rate.amount_yuan) == ("rd", 0.2, None)
    assert got.sources[0].origin == "registry" and got.sources[0].document is None


def test_policy_with_text_uses_its_text_not_the_registry(shared_store):
    got = provisions_for(shared_store, [ZHEJIANG])
    assert len(got.targets) == 9 and all(t.source == "clause" and t.clause_id for t in got.targets)
    assert got.sources[0].origin == "clause"


def test_ingested_text_takes_precedence_over_the_registry(store, tmp_path):
    before = provisions_for(store, [NANSHA])
    assert {s.source for s in before.subsidies} == {"registry"}
    text = tmp_path / "nansha.txt"
    text.write_text((FIXTURES / "fictional_district_measures.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ingest(store, str(text), policy_id=NANSHA)
    after = provisions_for(store, [NANSHA])
    assert after.subsidies and {s.source for s in after.subsidies} == {"clause"}
    assert all(s.clause_id.startswith(f"{NANSHA}/") for s in after.subsidies)


def test_all_policies_when_none_named(shared_store):
    got = provisions_for(shared_store)
    assert len({s.policy_id for s in got.sources}) == len(shared_store.policies())
    assert {"clause", "registry"} == {t.source for t in got.targets}


def fact(**kw) -> Fact:
    base = {
        "kind": "subsidy",
        "item": "租金补贴",
        "amount": 1.0,
        "unit": "万元",
        "measure": "cap",
        "condition": "",
        "source_url": "https://example.org/p",
    }
    return Fact(**{**base, **kw})


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"item": "总部落户奖励", "amount": 500.0}, ("relocation", 5e6, True, None, None, None)),
        ({"item": "平台建设补助", "amount": 1.5, "unit": "亿元"}, ("platform", 1.5e8, True, None, None, None)),
        ({"item": "房租补贴比例", "amount": 50.0, "unit": "%", "measure": "rate"}, ("rent", None, None, 0.5, None, None)),
        ({"item": "补贴面积上限", "amount": 2000.0, "unit": "㎡"}, ("rent", None, True, None, 2000.0, None)),
        ({"item": "免租期限", "amount": 3.0, "unit": "年"}, ("rent", None, True, None, None, 3.0)),
        ({"kind": "fund", "item": "产业基金", "amount": 10.0, "unit": "亿元", "measure": "scale"}, ("fund", 1e9, None, None, None, None)),
    ],
)
def test_subsidy_facts(kw, expected):
    policy = Policy(
        id="cangwu-measures", title="苍梧县元宇宙措施", jurisdiction="苍梧县", province=None, level="district", facts=(fact(**kw),)
    )
    (s,) = subsidies_from_facts(policy)
    assert (s.kind, s.amount_yuan, s.cap, s.rate, s.area_m2, s.years) == expected
    assert (s.source, s.source_url) == ("registry", "https://example.org/p")


def test_target_facts_and_other_facts():
    facts = (
        fact(kind="target", item="核心产业规模", amount=500.0, unit="亿元", measure="scale", condition="到2025年，不低于"),
        fact(kind="target", item="培育企业", amount=30.0, unit="家", measure="count", condition="30家以上"),
        fact(kind="other", item="重点任务数", amount=5.0, unit="项", measure="count"),
    )
    policy = Policy(id="cangwu-plan", title=None, jurisdiction="苍梧县", province=None, level="district", facts=facts)
    got = [(t.kind, t.value, t.unit, t.year, t.comparator, t.scope) for t in targets_from_facts(policy)]
    assert got == [("industry_scale", 5e10, "元", 2025, "以上", "core"), ("enterprises", 30, "家", None, "以上", None)]
    assert subsidies_from_facts(policy) == []
