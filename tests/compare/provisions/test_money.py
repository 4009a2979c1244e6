"""Money units and how an amount is written back: one rule for the brief, the overview and the CLI."""

from __future__ import annotations

from typing import get_args

import pytest

from compare.provisions.money import YUAN_PER_UNIT, MoneyUnit, in_unit, is_money_unit, money_text, readable_unit, to_yuan


def test_the_unit_table_is_the_literal():
    assert tuple(YUAN_PER_UNIT) == get_args(MoneyUnit)


@pytest.mark.parametrize(
    ("amount", "unit", "yuan"),
    [(8000, "元", 8000.0), (500, "万元", 5e6), (0.5, "万元", 5000.0), (1.5, "亿元", 1.5e8), (2000, "亿元", 2e11), (0, "亿元", 0.0)],
)
def test_to_yuan_and_back(amount, unit, yuan):
    assert to_yuan(amount, unit) == yuan
    assert in_unit(yuan, unit) == amount


@pytest.mark.parametrize(
    ("unit", "money"), [("元", True), ("万元", True), ("亿元", True), ("%", False), ("㎡", False), ("家", False), ("万", False)]
)
def test_is_money_unit(unit, money):
    assert is_money_unit(unit) is money


# (yuan, unit asked for or None for the readable one, text)
MONEY_TEXT = [
    (0, None, "0万元"),
    (1, None, "0.0001万元"),
    (0.1, None, "0.00001万元"),  # a fraction of a yuan (每千瓦时0.1元) is never written as 0万元
    (5000, None, "0.5万元"),
    (8000, None, "0.8万元"),
    (5e6, None, "500万元"),
    (12_345_678, None, "1234.5678万元"),  # the CLI wrote 1234.57万元 (six significant digits) before
    (99_999_999, None, "9999.9999万元"),
    (1e8, None, "1亿元"),  # exactly one 亿 reads in 亿元
    (1.5e8, None, "1.5亿元"),
    (123_456_789, None, "1.2346亿元"),  # four decimals, rounded
    (2e11, None, "2000亿元"),
    (1e8, "万元", "10000万元"),  # the subsidy tables keep 万元
    (5000, "万元", "0.5万元"),
    (5e10, "亿元", "500亿元"),  # industry scale in 亿元
    (8000, "元", "8000元"),
]


@pytest.mark.parametrize(("yuan", "unit", "text"), MONEY_TEXT, ids=[t for _, _, t in MONEY_TEXT])
def test_money_text(yuan, unit, text):
    assert money_text(yuan, unit) == text


@pytest.mark.parametrize(("yuan", "unit"), [(0, "万元"), (9999.99, "万元"), (99_999_999.9, "万元"), (1e8, "亿元"), (3e12, "亿元")])
def test_readable_unit(yuan, unit):
    assert readable_unit(yuan) == unit
