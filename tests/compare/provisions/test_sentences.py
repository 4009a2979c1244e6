"""Sentences and their parts, the units both extractors read."""

from __future__ import annotations

import pytest

from compare.provisions.sentences import sentences, subclause_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("青岚区鼓励创新。对研发中心给予补助；其他事项另行规定", ["青岚区鼓励创新。", "对研发中心给予补助；", "其他事项另行规定"]),
        ("支持企业上市！是否给予奖励？", ["支持企业上市！", "是否给予奖励？"]),
        ("按３０％给予补贴;最高200万元.", ["按３０％给予补贴;", "最高200万元."]),  # half-width ; ends a sentence, . does not
        ("。。", []),
    ],
)
def test_sentences(text, expected):
    assert [text[s:e] for s, e in sentences(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "pos", "part"),
    [
        ("对青岚区企业，给予最高500万元奖励。", 10, "给予最高500万元奖励。"),
        ("对青岚区企业，给予最高500万元奖励。", 0, "对青岚区企业"),
        ("补贴标准：每月5000元", 6, "每月5000元"),
        ("对青岚区企业，给予奖励", 6, "对青岚区企业，给予奖励"),  # on the comma: the whole sentence
    ],
)
def test_subclause_at(sentence, pos, part):
    s, e = subclause_at(sentence, pos)
    assert sentence[s:e] == part
