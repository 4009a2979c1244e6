"""Segmentation: every numbering style, skipped levels, inline headings, notes, fixtures."""

from __future__ import annotations

import pytest

from corpus.segment import (
    extract_title,
    match_marker,
    parse_cn_date,
    parse_units,
    segment_text,
    split_heading,
    split_inline_enumeration,
    split_units,
)
from tests.paths import FIXTURES


@pytest.mark.parametrize(
    ("line", "style", "number"),
    [
        ("第一章 总则", "chapter", "第一章"),
        ("第二节 入驻条件", "section", "第二节"),
        ("第十二条 本办法自发布之日起施行。", "article", "第十二条"),
        ("一、总体要求", "cn", "一"),
        ("十一、其他", "cn", "十一"),
        ("（一）发展思路", "paren_cn", "一"),
        ("(一)发展思路", "paren_cn", "一"),
        ("1.加快“元平台”布局建设。", "arabic", "1"),
        ("1．加快建设", "arabic", "1"),
        ("１．加快建设", "arabic", "1"),
        ("1、加快建设", "arabic", "1"),
        ("1. 打造“元零售”消费空间。", "arabic", "1"),
        ("（1）实施链主计划。", "paren_arabic", "1"),
        ("(12)实施链主计划。", "paren_arabic", "12"),
        ("1)实施链主计划。", "paren_arabic", "1"),
        ("③对首台套产品给予保险补偿。", "circled", "3"),
        ("——产业链条持续完善。", "dash", None),
        ("• 项目一", "dash", None),
    ],
)
def test_match_marker(line, style, number):
    marker = match_marker(line)
    assert marker is not None and marker.style == style and marker.number == number


@pytest.mark.parametrize(
    "line",
    [
        "2025年，全省元宇宙产业规模2000亿元",
        "2.5亿元用于建设",
        "一体化算力调度平台",
        "一是加快建设",
        "5G+8K融合创新",
        "为推动发展，制定本方案。",
    ],
)
def test_no_marker(line):
    assert match_marker(line) is None


@pytest.mark.parametrize(
    ("rest", "heading", "body"),
    [
        ("加快“元平台”布局建设。推进培育元宇宙领域重点实验室。", "加快“元平台”布局建设", "推进培育元宇宙领域重点实验室。"),
        ("【支持企业落户】对新落户企业给予奖励。", "支持企业落户", "对新落户企业给予奖励。"),
        ("支持方向：围绕数字孪生开展攻关。", "支持方向", "围绕数字孪生开展攻关。"),
        ("对新落户的企业，给予最高500万元奖励。", None, "对新落户的企业，给予最高500万元奖励。"),
        ("本措施自发布之日起施行。", None, "本措施自发布之日起施行。"),
    ],
)
def test_split_heading(rest, heading, body):
    got_heading, got_body, _ = split_heading(rest)
    assert (got_heading, got_body) == (heading, body)


@pytest.mark.parametrize(
    ("text", "body", "units"),
    [
        (
            "推动创新。（责任单位：省发展改革委、省科技厅、省经信厅为责任主体，下同）",
            "推动创新。",
            ("省发展改革委", "省科技厅", "省经信厅"),
        ),
        ("推动创新。(责任单位:省科技厅、省经信厅)", "推动创新。", ("省科技厅", "省经信厅")),
        (
            "建成调度平台。（牵头单位：省数据局；配合单位：省发展改革委、省财政厅）",
            "建成调度平台。",
            ("省数据局", "省发展改革委", "省财政厅"),
        ),
        ("建成平台（一期）。", "建成平台（一期）。", ()),
    ],
)
def test_split_units(text, body, units):
    assert split_units(text) == (body, units)


def test_parse_units_drops_role_phrases():
    assert parse_units("责任单位：区科技局牵头，区财政局等按职责分工负责") == ("区科技局", "区财政局")


def test_inline_enumeration():
    lead, items = split_inline_enumeration("重点抓好三方面：一是建设底座；二是拓展场景；三是完善政策。")
    assert lead == "重点抓好三方面："
    assert items == [("一", "建设底座"), ("二", "拓展场景"), ("三", "完善政策。")]
    assert split_inline_enumeration("一是建设底座。") == ("一是建设底座。", [])  # a single item is not a list
    assert split_inline_enumeration("统一是前提，二是数字。")[1] == []  # 一是 inside a word does not count


def test_extract_title_from_notice_and_split_lines():
    assert extract_title(["关于印发《青岚区若干措施》的通知", "青政办发〔2022〕17号"])[0] == "青岚区若干措施"
    assert extract_title(["白鹭洲省数字孪生产业发展规划", "（2023—2027年）", "为推动发展，制定本规划。"]) == (
        "白鹭洲省数字孪生产业发展规划（2023—2027年）",
        2,
    )


def _clauses(name):
    return segment_text((FIXTURES / name).read_text(encoding="utf-8")).clauses


def test_article_style_district_measure():
    seg = segment_text((FIXTURES / "fictional_district_measures.txt").read_text(encoding="utf-8"))
    assert seg.title == "青岚区促进元宇宙产业高质量发展若干措施（试行）"
    numbers = [c.number for c in seg.clauses if c.number and c.number.startswith("第")]
    assert numbers == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    # the covering notice and the signature are not clauses
    assert not any("各街道办事处" in c.text or "现印发给你们" in c.text for c in seg.clauses)
    assert not any(c.text in {"青岚区人民政府办公室", "2022年9月20日"} for c in seg.clauses)
    second = next(c for c in seg.clauses if c.number == "第二条")
    assert second.heading == "支持企业落户"
    assert "总部奖励" in second.text  # the 条's second paragraph (款) stays in the 条
    items = [c for c in seg.clauses if c.path == ("第四条 支持场景建设",)]
    assert [c.number for c in items] == ["一", "二"]
    talents = [c for c in seg.clauses if c.path == ("第五条 支持人才集聚",)]
    assert [c.number for c in talents] == ["一", "二", "三"] and "一千万元" in talents[0].text


def test_outline_plan_skips_levels_and_keeps_units():
    clauses = _clauses("fictional_outline_plan.txt")
    tasks = [c for c in clauses if c.path and c.path[0] == "二、重点任务"]
    assert tasks[0].number == "1" and tasks[0].heading == "建设算力底座" and tasks[0].path == ("二、重点任务",)
    assert tasks[0].units == ("省数据局", "省发展改革委", "省财政厅")
    nested = [c for c in tasks if c.path == ("二、重点任务", "2. 培育骨干企业")]
    assert [c.number for c in nested] == [None, "1", "2"]
    third = next(c for c in tasks if c.number == "3" and c.heading)
    assert third.heading == "打造应用标杆" and third.units == ("省交通运输厅", "省水利厅")  # note on its own line
    circled = [c for c in clauses if c.path == ("三、保障措施", "(二)强化资金支持") and c.number]
    assert [c.number for c in circled] == ["1", "2"]
    assert clauses[-1].text == "对首台套产品给予保险补偿。"  # issuer and date lines dropped


def test_chapters_sections_articles():
    clauses = _clauses("fictional_chapter_rules.txt")
    assert [c.number for c in clauses] == ["第一条", "第二条", "一", "二", "第四条", "第五条"]
    assert clauses[2].path == ("第二章 入驻管理", "第一节 入驻条件", "第三条 申请入驻的企业应当满足下列条件：")
    assert clauses[4].path == ("第二章 入驻管理", "第二节 退出机制")
    assert clauses[5].path == ("第三章 附则",)


def test_inline_enumeration_fixture():
    clauses = _clauses("fictional_inline_enumeration.txt")
    measures = [c for c in clauses if c.path == ("二、主要举措",)]
    assert [c.number for c in measures] == [None, "一", "二", "三"]
    assert measures[0].text == "全市将重点抓好三方面工作："
    duties = [c for c in clauses if c.path == ("三、工作要求",) and c.number]
    assert [c.text for c in duties] == ["提高认识", "压实责任", "加强督查。"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("一、总体要求", 1),  # a heading with nothing under it is kept as a clause, never dropped
        ("一、总体要求\n（一）加强宣传", 1),  # the last short item is a clause, its heading only a path
        ("只有一段没有编号的文字，也是一个条款。", 1),
        ("1.\n加快建设。推进重点实验室建设。", 1),  # a bare marker line continues on the next line
    ],
)
def test_degenerate_inputs(text, expected):
    assert len(segment_text(text).clauses) == expected


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2022年9月20日", "2022-09-20"),
        ("二〇二二年九月二十日", "2022-09-20"),
        ("２０２３年２月１日", "2023-02-01"),
        ("2022年13月1日", None),
        ("2022年9月", None),
    ],
)
def test_parse_cn_date(line, date):
    assert parse_cn_date(line) == date


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("fictional_district_measures.txt", "2022-09-20"),
        ("fictional_outline_plan.txt", "2023-02-01"),
        ("fictional_chapter_rules.txt", None),
    ],
)
def test_signing_date_is_found(name, date):
    assert segment_text((FIXTURES / name).read_text(encoding="utf-8")).date == date


def test_clause_ids_are_prefixed_and_unique():
    seg = segment_text((FIXTURES / "fictional_outline_plan.txt").read_text(encoding="utf-8"), id_prefix="x/")
    ids = [c.id for c in seg.clauses]
    assert ids == [f"x/{i}" for i in range(1, len(ids) + 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a short clause that ends with its units note is a body, not a heading with nothing under it
            "一、支持措施\n（一）对企业给予补贴。（责任单位：青岚区财政局）\n（二）对人才给予奖励，最高100万元。",
            [("一", "对企业给予补贴。", ("青岚区财政局",)), ("二", "对人才给予奖励，最高100万元。", ())],
        ),
        (  # a trailing short numbered line
            "一、支持措施\n（一）对企业给予补贴，最高100万元，按年度拨付。\n（二）加强宣传",
            [("一", "对企业给予补贴，最高100万元，按年度拨付。", ()), ("二", "加强宣传", ())],
        ),
        (  # a short item with nothing under it between two parts
            "一、保障措施\n（一）加强宣传\n二、附则\n本办法由云溪市经信局负责解释。",
            [("一", "加强宣传", ()), (None, "本办法由云溪市经信局负责解释。", ())],
        ),
        (  # a footnote the .docx reader appends is a clause of its own, not part of the last clause
            "一、支持措施\n（一）由区财政局负责解释。\n〔脚注1〕区财政局指青岚区财政局。",
            [("一", "由区财政局负责解释。", ()), ("1", "区财政局指青岚区财政局。", ())],
        ),
    ],
    ids=["units-note", "trailing-short-line", "empty-part", "footnote"],
)
def test_no_numbered_line_is_dropped(text, expected):
    clauses = segment_text(text).clauses
    assert [(c.number, c.text, c.units) for c in clauses] == expected
