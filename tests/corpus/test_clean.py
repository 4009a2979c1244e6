"""Text normalisers, each a table of real (seed) and fictional cases."""

from __future__ import annotations

import pytest

from corpus.clean import (
    clean,
    collapse_whitespace,
    drop_page_chrome,
    drop_page_numbers,
    drop_spaces_between_cjk,
    fold_widths,
    looks_hard_wrapped,
    split_reprint,
    strip_conversion_artifacts,
    unwrap_hard_breaks,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[bookmark: _GoBack][bookmark: OLE_LINK325]浙江省元宇宙产业发展行动计划", "浙江省元宇宙产业发展行动计划"),
        ("[bookmark: OLE_LINK41][bookmark: OLE_LINK42]一、总体要求", "一、总体要求"),
        ("第一条\u200b 为了\ufeff规范", "第一条 为了规范"),
        ("页一\x0c页二", "页一\n页二"),
        ("行一\r\n行二\r行三", "行一\n行二\n行三"),
        ('{ HYPERLINK "http://example.invalid" }白鹭洲省', "白鹭洲省"),
        ("控制\x07字符", "控制字符"),
        ("万人同屏、实时互动、**触达", "万人同屏、实时互动、**触达"),  # censored spans stay visible
    ],
)
def test_strip_conversion_artifacts(raw, expected):
    assert strip_conversion_artifacts(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（一）发展思路", "(一)发展思路"),
        ("（责任单位：省科技厅，下同）", "(责任单位:省科技厅,下同)"),
        ("１．加快建设", "1.加快建设"),
        ("ＡＲ／ＶＲ", "AR/VR"),
        ("“元平台”—《计划》、", "“元平台”—《计划》、"),  # CJK quotes, dashes, 、 unchanged
    ],
)
def test_fold_widths(raw, expected):
    assert fold_widths(raw) == expected
    assert len(fold_widths(raw)) == len(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  第一章\u3000\u3000总则  ", "第一章 总则"),
        ("1.\t打造“元零售”消费空间", "1. 打造“元零售”消费空间"),
        ("\u00a0\u00a0为推动", "为推动"),
    ],
)
def test_collapse_whitespace(raw, expected):
    assert collapse_whitespace(raw) == expected


def test_drop_spaces_between_cjk_keeps_latin_spacing():
    assert drop_spaces_between_cjk("浙 江 省 元 宇 宙") == "浙江省元宇宙"
    assert drop_spaces_between_cjk("支持 AR 设备") == "支持 AR 设备"


def test_drop_page_numbers():
    lines = ["— 3 —", "第3页 共9页", "3/9", "-12-", "到2025年，全省元宇宙产业规模2000亿元。", "2025"]
    assert drop_page_numbers(lines) == ["到2025年，全省元宇宙产业规模2000亿元。"]


def test_unwrap_hard_breaks_joins_layout_lines_only():
    lines = [
        "一、总体目标",
        "到2025年，白鹭洲省数字孪生产业规模突破一千五百亿元，培育十家以上",
        "龙头企业，建成三个区域算力枢纽。",
        "二、重点任务",
        "1.建设算力底座。布局三个区域算力枢纽，建成全省一体化算力调度平台，",
        "2.培育骨干企业。支持龙头企业牵头组建创新联合体。",
    ]
    assert unwrap_hard_breaks(lines) == [
        "一、总体目标",
        "到2025年，白鹭洲省数字孪生产业规模突破一千五百亿元，培育十家以上龙头企业，建成三个区域算力枢纽。",
        "二、重点任务",
        "1.建设算力底座。布局三个区域算力枢纽，建成全省一体化算力调度平台，",
        "2.培育骨干企业。支持龙头企业牵头组建创新联合体。",
    ]
    assert unwrap_hard_breaks([]) == []


def test_drop_page_chrome_cuts_footer_only_in_second_half():
    lines = [
        "当前位置:首页区块链",
        "来源:",
        "记者 方晓",
        "相关新闻很多，白鹭洲省出台新政。",
        "正文一。",
        "正文二。",
        "温馨提示:",
        "0 条回复 A文章作者",
        "购物车",
    ]
    assert drop_page_chrome(lines) == ["相关新闻很多，白鹭洲省出台新政。", "正文一。", "正文二。"]


def test_split_reprint_needs_a_numbered_policy_after_the_marker():
    lines = ["云梦泽市发布新政。", "附件：1.申报表", "附件2.承诺书"]
    assert split_reprint(lines).context == []
    lines = ["云梦泽市发布新政。", "附:《云梦泽市元宇宙行动方案》", "为推动发展，制定本方案。", "一、总体要求", "（一）目标"]
    reprint = split_reprint(lines)
    assert reprint.title == "云梦泽市元宇宙行动方案"
    assert reprint.context == ["云梦泽市发布新政。"]
    assert reprint.body[0] == "为推动发展，制定本方案。"


def test_clean_empty_text():
    result = clean("")
    assert result.lines == [] and result.context == [] and result.title_hint == ""


def test_looks_hard_wrapped():
    from tests.paths import ARTICLE, OFFICIAL

    for seed in (OFFICIAL, ARTICLE):
        lines = [ln for ln in seed.read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert not looks_hard_wrapped(lines)
    paragraph = "到2027年，全省数字孪生产业规模突破一千五百亿元，培育十家以上龙头企业，建成三个区域算力枢纽，形成一批标杆应用。" * 3
    assert looks_hard_wrapped([paragraph[i : i + 20] for i in range(0, len(paragraph), 20)])
    assert not looks_hard_wrapped(["一、总体要求", "二、重点任务"])
