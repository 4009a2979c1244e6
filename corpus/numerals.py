"""Chinese numerals: the one table of digit characters and the small parser the corpus needs.

Numbering (第十二条, 三十五、), dates (二〇二二年九月二十日) and amounts (``compare.provisions.numbers``, which
adds magnitudes up to 亿 and decimals) all read their digits from ``DIGITS``.
"""

from __future__ import annotations

#: Every character that writes a digit, with its value: plain, 〇 and 两, and the financial forms.
DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
PLAIN_DIGITS = "零〇一二两三四五六七八九"  # the digits of numbering and dates (no financial forms)


def parse_cn_int(text: str) -> int | None:
    """Chinese or Arabic numerals up to the hundreds ("十二", "三十五", "一百零八", "12") as an int;
    None when the text is not such a number (an empty text included)."""
    if text.isdigit():
        return int(text)
    if not text:
        return None
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in "十拾":
            total += (current or 1) * 10
            current = 0
        elif ch in "百佰":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def digits_to_arabic(text: str) -> str:
    """Each digit character written as an Arabic digit ("二〇二二" → "2022"); other characters kept."""
    return "".join(str(DIGITS[ch]) if ch in DIGITS else ch for ch in text)
