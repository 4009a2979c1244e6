"""Numbers as policies write them: money, percentages, areas, durations and counts.

Every finder works on ``fold_widths`` text, so full-width digits and signs (３００万元, ３０％)
read like half-width ones and offsets still point into the original sentence. Chinese numerals
(五百万元, 一千万元, 百分之三十) go through cn2an; Arabic digits with Chinese magnitudes
(1.5亿元, 5千万元) are multiplied out here, because cn2an's "smart" mode refuses some of them.

Whether an amount is a cap (最高, 不超过, 以内, 上限) or a floor (以上, 不少于) is decided here
too, from the words next to it: JioNLP gets both wrong (see tests/compare/provisions/test_jionlp_pitfalls.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import cn2an

from corpus.clean import fold_widths
from corpus.numerals import DIGITS

_CN_DIGIT = "".join(DIGITS)
_CN_NUMERAL = f"[{_CN_DIGIT}十拾百佰千仟万亿点]"
#: What each Chinese magnitude multiplies by; ``compare.provisions.money`` reads 万 and 亿 from here.
MAGNITUDES = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}
# A number: Arabic digits with optional Chinese magnitudes (1.5亿, 5千万) or a Chinese numeral
# that starts with a digit character or 十 (so that a bare 万 or 百 in prose is not a number).
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?[十百千万亿]*|[{_CN_DIGIT}十]{_CN_NUMERAL}*)"

_MONEY = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>元)")
_PERCENT = re.compile(rf"(?:(?P<num>\d+(?:\.\d+)?)\s*%|百分之(?P<cn>{NUMBER}))")
_AREA = re.compile(rf"(?P<num>{NUMBER})\s*(?:平方米|平米|㎡|m2|m²)")
_YEARS = re.compile(r"(?<![\d第每])(?P<num>(?:[1-9]|10)|[一二两三四五六七八九十])\s*(?:个)?(?:年|个年度)(?![度级])")
_MONTHS = re.compile(rf"(?<![第每])(?P<num>{NUMBER})\s*个月")

CAP_BEFORE = (
    "最高不超过",
    "最高可达",
    "最高",
    "最长",
    "最多不超过",
    "不超过",
    "不高于",
    "最多",
    "上限为",
    "上限",
    "封顶",
    "单个最高",
    "累计最高",
)
CAP_AFTER = ("以内", "以下", "为限", "封顶", "为上限", "上限")
FLOOR_BEFORE = ("不少于", "不低于", "至少")
FLOOR_AFTER = ("以上",)


def parse_number(text: str) -> float | None:
    """A number written in digits, Chinese numerals or both ("1.5亿", "五百万", "３００") as a
    float; None when the text is not one number."""
    text = fold_widths(text).replace(",", "").strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千万亿]*)", text)
    if m:
        value = float(m.group(1))
        for ch in m.group(2):
            value *= MAGNITUDES[ch]
        return value
    if not re.fullmatch(f"{_CN_NUMERAL}+", text):
        return None
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def number_text(value: float, *, grouped: bool = False) -> str:
    """A figure as the briefing writes it: at most four decimals, no trailing zeros ("0.5",
    "1000", "1.2346"); ``grouped`` separates thousands ("1,000"). A figure too small for four
    decimals keeps two significant digits ("0.000015") rather than print as "0"."""
    spec = ",.4f" if grouped else ".4f"
    text = f"{value:{spec}}".rstrip("0").rstrip(".")
    if value and text in ("0", "-0"):
        digits = 1 - math.floor(math.log10(abs(value)))
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text


def parse_amount(text: str) -> float:
    """Money in yuan: "500万元" → 5e6, "1.5亿元" → 1.5e8, "五百万元" → 5e6, "３００万元" → 3e6.

    Raises ValueError when the text holds no amount of money; the first amount wins when it
    holds several (use ``find_amounts`` for all of them).
    """
    found = find_amounts(text)
    if not found:
        raise ValueError(f"no amount of money in {text!r}")
    return found[0].value


def parse_rate(text: str) -> float:
    """A percentage as a fraction: "30%" → 0.3, "３０％" → 0.3, "百分之三十" → 0.3.

    Raises ValueError when the text holds no percentage."""
    found = find_rates(text)
    if not found:
        raise ValueError(f"no percentage in {text!r}")
    return found[0].value


@dataclass(frozen=True)
class Found:
    """A number found in a text: its value (yuan, fraction, m², years or months), its span in
    the text and whether the words around it make it a cap (True), a floor (False) or neither."""

    value: float
    start: int
    end: int
    bound: bool | None = None


def bound_at(text: str, start: int, end: int) -> bool | None:
    """Cap (True), floor (False) or neither (None) for the number at ``text[start:end]``,
    read off the few characters before and after it (最高…, …以内, 不少于…, …以上)."""
    before, after = text[max(0, start - 6) : start], text[end : end + 4]
    if before.endswith(FLOOR_BEFORE):
        return False
    if before.endswith(CAP_BEFORE) or after.startswith(CAP_AFTER):
        return True
    if after.startswith(FLOOR_AFTER):
        return False
    # 最高 a little further away: "最高给予500万元", "最高按30%"
    wider = text[max(0, start - 8) : start]
    if re.search(r"(最高|不超过)[^，。；,;]{0,4}$", wider):
        return True
    return None


def find_amounts(text: str) -> list[Found]:
    """Every amount of money in the text, in yuan, with its span and cap/floor bound.

    "每平方米1.5元" counts too (1.5); the empty list when there is none."""
    return _find_numbers(_MONEY, text)


def find_rates(text: str) -> list[Found]:
    """Every percentage as a fraction of one (30% → 0.3), with span and bound."""
    folded = fold_widths(text)
    out = []
    for m in _PERCENT.finditer(folded):
        value = float(m.group("num")) if m.group("num") else parse_number(m.group("cn") or "")
        if value is None:
            continue
        out.append(Found(round(value / 100, 6), m.start(), m.end(), bound_at(folded, m.start(), m.end())))
    return out


def _find_numbers(pattern: re.Pattern[str], text: str) -> list[Found]:
    folded = fold_widths(text)
    out = []
    for m in pattern.finditer(folded):
        value = parse_number(m.group("num"))
        if value is not None:
            out.append(Found(value, m.start(), m.end(), bound_at(folded, m.start(), m.end())))
    return out


def find_areas(text: str) -> list[Found]:
    """Every area in square metres (平方米, 平米, ㎡), with span and bound."""
    return _find_numbers(_AREA, text)


def find_years(text: str) -> list[Found]:
    """Durations in years ("3年", "三年", "最长5年"), never calendar years: 2025年 has four
    digits and is skipped, so is 第一年 and 每年."""
    return _find_numbers(_YEARS, text)


def find_months(text: str) -> list[Found]:
    """Durations in months ("6个月", "十二个月")."""
    return _find_numbers(_MONTHS, text)


Period = Literal["once", "year", "month"]


def find_period(text: str) -> Period | None:
    """How often a subsidy is paid: "once" (一次性), "year" (每年, 按年度), "month" (每月,
    按月) or None when the text does not say."""
    folded = fold_widths(text)
    if "一次性" in folded:
        return "once"
    if re.search(r"每月|按月|逐月|月度", folded):
        return "month"
    if re.search(r"每年|按年|逐年|年度(?:补贴|奖励|补助|资助|支持)|每个年度", folded):
        return "year"
    return None
