"""Kinds, scopes and forms of grants, on fictional clauses: what may be compared with what; and
that the vocabularies, their keyword tables and their labels agree."""

from __future__ import annotations

from typing import get_args

import pytest

from compare.briefing.labels import SUBSIDY_KIND_LABELS, TARGET_KIND_LABELS, VALUE_LABELS
from compare.provisions.kinds import (
    FORMS,
    SCOPES,
    SUBSIDY_KIND_NAMES,
    SUBSIDY_KINDS,
    TARGET_KIND_NAMES,
    TARGET_KINDS,
    GrantForm,
    IndustryScope,
    SubsidyKind,
    TargetKind,
    classify_subsidy,
    grant_form,
    industry_scope,
)
from compare.provisions.numbers import Period
from compare.provisions.subsidies import extract_subsidies
from corpus.models import Clause


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("向青岚区元宇宙企业发放算力券，按费用的50%给予补贴。", "compute"),
        ("对租用智算中心算力的企业，给予算力补贴最高100万元。", "compute"),
        ("对使用云梦泽超算平台的项目，给予最高50万元补助。", "compute"),
        ("对主导制定国际标准的企业，给予50万元奖励。", "standard"),
        ("对获得发明专利授权的，每件给予1万元奖励。", "standard"),
        ("对在境内外上市的企业，给予300万元奖励。", "finance"),
        ("设立总规模10亿元的产业基金。", "fund"),
        ("对新建的重点实验室给予最高500万元补助。", "platform"),
        ("对研发投入按20%给予补助。", "rd"),
    ],
)
def test_classify_subsidy(text, kind):
    assert classify_subsidy(text) == kind


@pytest.mark.parametrize(
    ("label", "scope"),
    [
        ("元宇宙核心产业规模", "core"),
        ("元宇宙相关产业规模", "related"),
        ("带动相关产业规模", "related"),
        ("元宇宙及关联产业规模", "related"),
        ("带动软件和信息服务业规模", "driven"),
        ("带动电子信息制造业规模", "driven"),
        ("元宇宙产业规模", None),
    ],
)
def test_the_scope_of_an_industry_scale(label, scope):
    assert industry_scope(label) == scope


@pytest.mark.parametrize(
    ("text", "amount", "form"),
    [
        ("对引进的博士人才，按每人每月5000元给予生活补贴。", 5000.0, "per_person"),
        ("对入选的创业团队，给予每个团队最高100万元启动资金。", 1e6, "grant"),
        ("提供人才公寓150平方米，三年内免租。", None, "free_space"),
        ("对首次购房的人才给予最高100万元购房补贴。", 1e6, "grant"),
        ("向企业发放算力券，每家每年最高200万元。", 2e6, "voucher"),
        ("按租金的50%给予租金补贴，每年最高100万元。", 1e6, "grant"),
    ],
)
def test_grant_form(text, amount, form):
    assert grant_form(text, amount) == form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("对青岚区引进的博士人才，按每人每月5000元给予生活补贴，最长3年。", ("talent", 5000.0, "month", "per_person")),
        ("为苍梧县高层次人才提供人才公寓，面积最大150平方米，三年内免租。", ("rent", None, None, "free_space")),
        ("向云梦泽市元宇宙企业发放算力券，按算力服务费用的50%给予补贴，每年最高200万元。", ("compute", 2e6, "year", "voucher")),
    ],
)
def test_extracted_records_carry_their_form(text, expected):
    (s,) = extract_subsidies(Clause("p/x/1", (), "第七条", None, text), "p")
    assert (s.kind, s.amount_yuan, s.per, s.form) == expected


@pytest.mark.parametrize(
    ("names", "literal"),
    [(SUBSIDY_KIND_NAMES, SubsidyKind), (TARGET_KIND_NAMES, TargetKind), (FORMS, GrantForm), (SCOPES, IndustryScope)],
    ids=["subsidy kinds", "target kinds", "forms", "scopes"],
)
def test_the_name_tuples_are_the_literal_types(names, literal):
    assert names == get_args(literal)


def test_the_keyword_tables_list_the_kinds_in_order():
    assert (*(k for k, _ in SUBSIDY_KINDS), "other") == SUBSIDY_KIND_NAMES
    assert ("industry_scale", *(k for k, _ in TARGET_KINDS), "other") == TARGET_KIND_NAMES


@pytest.mark.parametrize(
    ("names", "labels"),
    [
        (SUBSIDY_KIND_NAMES, SUBSIDY_KIND_LABELS),
        (TARGET_KIND_NAMES, TARGET_KIND_LABELS),
        (FORMS, VALUE_LABELS["Form"]),
        (SCOPES, VALUE_LABELS["Scope"]),
        (get_args(Period), VALUE_LABELS["Per"]),
    ],
    ids=["subsidy kinds", "target kinds", "forms", "scopes", "periods"],
)
def test_every_value_has_a_chinese_and_an_english_label(names, labels):
    """The app's filters and the exports list the labels in this order (ui.brief reads them here)."""
    assert tuple(labels) == names
    assert all(zh and en and zh != en for zh, en in labels.values())
