"""Chinese numerals: one table of digits for numbering, dates and amounts."""

from __future__ import annotations

import pytest

from compare.provisions.numbers import parse_number
from corpus.numerals import DIGITS, digits_to_arabic, parse_cn_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十五", 35),
        ("一百零五", 105),
        ("两百", 200),
        ("叁拾", 30),  # financial forms
        ("12", 12),
        ("甲", None),
        ("", None),
    ],
)
def test_parse_cn_int(text: str, value: int | None) -> None:
    assert parse_cn_int(text) == value


@pytest.mark.parametrize(("text", "arabic"), [("二〇二二", "2022"), ("二零二五", "2025"), ("2023", "2023"), ("二〇二二年", "2022年")])
def test_digits_to_arabic(text: str, arabic: str) -> None:
    assert digits_to_arabic(text) == arabic


@pytest.mark.parametrize("digit", sorted(d for d, v in DIGITS.items() if v))
def test_amounts_read_every_digit_of_the_table(digit: str) -> None:
    """compare.provisions.numbers reads its digits from the same table: 五百万 and 伍佰万 alike."""
    assert parse_number(f"{digit}百万") == DIGITS[digit] * 1e6
