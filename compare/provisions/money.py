"""Money: the units policies write it in (元, 万元, 亿元), and one way to write an amount back.

Every amount is held in yuan (``Subsidy.amount_yuan``, a money ``Target.value``). Tables show
subsidies in 万元 and industry scale in 亿元, as the policies write them; a line of text picks
the unit that reads best (亿元 from one 亿, else 万元). The magnitudes come from
``compare.provisions.numbers.MAGNITUDES``, the table the parser multiplies by.
"""

from __future__ import annotations

from typing import Literal, TypeGuard

from compare.provisions.numbers import MAGNITUDES, number_text

MoneyUnit = Literal["元", "万元", "亿元"]

#: How many yuan one of each unit is.
YUAN_PER_UNIT: dict[MoneyUnit, float] = {"元": 1.0, "万元": float(MAGNITUDES["万"]), "亿元": float(MAGNITUDES["亿"])}


def is_money_unit(unit: str) -> TypeGuard[MoneyUnit]:
    """Whether ``unit`` is one of 元, 万元, 亿元 (a registry fact's unit may be anything: %, ㎡, 家)."""
    return unit in YUAN_PER_UNIT


def to_yuan(amount: float, unit: MoneyUnit) -> float:
    """An amount written in ``unit`` as yuan: (1.5, "亿元") → 1.5e8."""
    return amount * YUAN_PER_UNIT[unit]


def in_unit(yuan: float, unit: MoneyUnit) -> float:
    """An amount in yuan expressed in ``unit``: (5e6, "万元") → 500.0."""
    return yuan / YUAN_PER_UNIT[unit]


def readable_unit(yuan: float) -> MoneyUnit:
    """The unit a reader expects for an amount: 亿元 from one 亿 up, else 万元 (0.5万元 for 5000元)."""
    return "亿元" if yuan >= YUAN_PER_UNIT["亿元"] else "万元"


def money_text(yuan: float, unit: MoneyUnit | None = None) -> str:
    """An amount with its unit, "500万元", "1.5亿元", "0.5万元": in ``unit`` when given (the
    tables' 万元 or 亿元), else in ``readable_unit``; the figure as ``number_text`` writes it."""
    unit = unit or readable_unit(yuan)
    return number_text(in_unit(yuan, unit)) + unit
