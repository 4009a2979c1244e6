"""The brief's words in Chinese and English: table names, column headers, kinds and values.

One home for them: the exports (``compare.briefing.export``), the CLI (``brief --lang``) and the app's
tables (``ui.brief``) all translate through here. The briefing frames keep short English keys
("Kind", "rd", "cap") so that code can select columns and rows; ``localise_frame`` turns them
into what a reader sees. Chinese is the default.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

LANGS = ("zh", "en")

# key: (中文, English)
SUBSIDY_KIND_LABELS: dict[str, tuple[str, str]] = {
    "fund": ("基金与专项资金", "funds and budgets"),
    "compute": ("算力", "compute"),
    "finance": ("金融", "finance"),
    "rent": ("租金与场地", "rent and premises"),
    "talent": ("人才", "talent"),
    "startup": ("创业", "startup"),
    "event": ("会议与赛事", "events"),
    "product": ("产品", "products"),
    "scenario": ("应用场景", "scenarios"),
    "standard": ("标准与知识产权", "standards and IP"),
    "platform": ("平台", "platforms"),
    "rd": ("研发", "R&D"),
    "relocation": ("落户", "relocation"),
    "investment": ("投资", "investment"),
    "revenue": ("营收与贡献", "revenue"),
    "other": ("其他", "other"),
}
TARGET_KIND_LABELS: dict[str, tuple[str, str]] = {
    "industry_scale": ("产业规模", "industry scale"),
    "standards": ("标准", "standards"),
    "patents": ("专利", "patents"),
    "scenarios": ("应用场景", "scenarios"),
    "enterprises": ("企业", "enterprises"),
    "platforms": ("平台", "platforms"),
    "centers": ("创新中心", "centres"),
    "parks": ("园区", "parks"),
    "products": ("产品", "products"),
    "other": ("其他", "other"),
}
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "Policy": ("政策", "Policy"),
    "Jurisdiction": ("地区", "Jurisdiction"),
    "Level": ("层级", "Level"),
    "Issuer": ("发文机关", "Issuer"),
    "Date": ("发布日期", "Date"),
    "Clauses": ("条款数", "Clauses"),
    "Origin": ("记录来源", "Records from"),
    "Kind": ("类别", "Kind"),
    "Form": ("方式", "Form"),
    "Amount (万元)": ("金额（万元）", "Amount (万元)"),
    "Amount (元)": ("金额（元）", "Amount (元)"),
    "Largest": ("最高额（含单位与频次）", "Largest (unit and period)"),
    "Largest amount (万元)": ("最高额（万元）", "Largest amount (万元)"),
    "Size (万元)": ("规模（万元）", "Size (万元)"),
    "Cap or floor": ("上限或下限", "Cap or floor"),
    "Rate": ("比例", "Rate"),
    "Rates": ("比例", "Rates"),
    "Area (㎡)": ("面积（㎡）", "Area (㎡)"),
    "Years": ("年限", "Years"),
    "Months": ("月数", "Months"),
    "Per": ("频次", "Per"),
    "Beneficiary": ("对象", "Beneficiary"),
    "Condition": ("条件", "Condition"),
    "Conditions": ("条件", "Conditions"),
    "Records": ("记录数", "Records"),
    "Label": ("指标", "Label"),
    "Value": ("数值", "Value"),
    "Unit": ("单位", "Unit"),
    "Year": ("年份", "Year"),
    "Comparator": ("表述", "Comparator"),
    "Scope": ("口径", "Scope"),
    "Industry scale (亿元)": ("产业规模（亿元）", "Industry scale (亿元)"),
    "Industry scale, core (亿元)": ("核心产业规模（亿元）", "Industry scale, core (亿元)"),
    "Industry scale, related (亿元)": ("相关产业规模（亿元）", "Industry scale, related (亿元)"),
    "Headline target": ("主要目标", "Headline target"),
    "Largest grants": ("各类最高资助（按方式）", "Largest grant per kind and instrument"),
    "Funds": ("基金与专项资金", "Funds and budgets"),
    "Instruments": ("政策工具结构", "Instrument mix"),
    "Text": ("原文", "Text"),
    "Clause": ("条款", "Clause"),
    "Clause id": ("条款编号（内部）", "Clause id (internal)"),
    "Source": ("来源", "Source"),
    "Policy id": ("政策编号（内部）", "Policy id (internal)"),
    "Records from": ("记录来源", "Records from"),
    "Document": ("文本", "Document"),
    "Accessed": ("访问日期", "Accessed"),
    "URL": ("网址", "URL"),
    "Reference": ("参考文献", "Reference"),
    "Table": ("表", "Table"),
    # policy instruments (compare.instruments.brief_tables)
    "Dimension": ("维度", "Dimension"),
    "Tool": ("政策工具", "Tool"),
    "Tools": ("全部工具", "All tools"),
    "Stage": ("产业链环节", "Industry-chain stage"),
    "Share": ("占比", "Share"),
    "Method": ("判定方式", "Decided by"),
    "Evidence": ("依据", "Evidence"),
    "Cited clauses": ("引用条款", "Cited clauses"),
}
VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Cap or floor": {"cap": ("上限", "cap"), "floor": ("下限", "floor")},
    "Per": {"once": ("一次性", "once"), "year": ("每年", "per year"), "month": ("每月", "per month")},
    "Scope": {"core": ("核心", "core"), "related": ("相关", "related"), "driven": ("带动其他产业", "other industry driven")},
    "Form": {
        "grant": ("资助", "grant"),
        "per_person": ("按人补贴", "per person"),
        "free_space": ("免租场地", "rent-free space"),
        "voucher": ("券", "voucher"),
    },
    "Records from": {"text": ("文本", "text"), "registry": ("登记", "registry")},
    "Origin": {"text": ("文本", "text"), "registry": ("登记", "registry")},
    "Level": {"province": ("省级", "province"), "city": ("市级", "city"), "district": ("区县级", "district")},
}
# table name: (sheet 中文, sheet English, title 中文, title English)
TABLE_LABELS: dict[str, tuple[str, str, str, str]] = {
    "overview": ("政策概览", "overview", "政策概览：每项政策一行", "Overview: one row per policy"),
    "subsidy_matrix": (
        "补贴对照",
        "subsidy_matrix",
        "补贴对照：各类补贴按方式的最高额",
        "Subsidy comparison: the largest amount per kind and instrument",
    ),
    "subsidy_summary": (
        "补贴汇总",
        "subsidy_summary",
        "补贴汇总：按类别与方式的金额、比例、上限和条件",
        "Subsidy summary: amounts, rates, caps and conditions per kind and instrument",
    ),
    "subsidies": ("补贴明细", "subsidies", "补贴明细（每条记录一行）", "Subsidies, one row per record"),
    "funds": ("基金与专项资金", "funds", "基金与专项资金（不计入对企业的补贴）", "Funds and budgets (not subsidies to firms)"),
    "target_matrix": ("目标对照", "target_matrix", "目标对照（不同目标分列，不相加）", "Target comparison (different targets never added)"),
    "targets": ("目标明细", "targets", "目标明细（每条记录一行）", "Targets, one row per record"),
    "instrument_matrix": (
        "政策工具",
        "instruments",
        "政策工具：各政策使用的工具（按条款主要工具计数，占比为占该政策编码条款的比例）",
        "Policy instruments: the tools each policy uses (clauses by primary tool; share of the policy's coded clauses)",
    ),
    "instrument_dimensions": (
        "工具维度",
        "dimensions",
        "政策工具维度：供给型、环境型、需求型",
        "Instrument dimensions: supply, environment, demand",
    ),
    "instrument_stages": ("工具×环节", "tools_by_stage", "政策工具 × 产业链环节", "Policy tools × industry-chain stage"),
    "instrument_codes": ("条款编码", "instrument_codes", "逐条政策工具编码与依据", "Every clause's instrument code and evidence"),
    "sources": ("来源", "sources", "来源", "Sources"),
}
WORDS: dict[str, tuple[str, str]] = {
    "brief": ("政策比较简报：补贴与目标", "Policy brief: subsidies and targets"),
    "registry": ("（登记资料）", "(registry)"),
    "preamble": ("（正文前言）", "(preamble)"),
    "no_records": ("（无记录）", "(no records)"),
    "sources": ("来源", "Sources"),
    "references": ("参考文献", "References"),
    "up_to": ("最高", "up to "),
    "at_least": ("不少于", "at least "),
    "per_person": ("/人", "/person"),
    "per_year": ("/年", "/year"),
    "per_month": ("/月", "/month"),
    "once": ("（一次性）", " (once)"),
    "rate": ("按{rate}", "{rate} of cost"),
    "rent_free": ("免租", "rent-free"),
    "rent_free_years": ("免租{n}年", "rent-free for {n} years"),
    "driven": ("带动：{label}（亿元）", "Driven: {label} (亿元)"),
    # separators inside a cell: between listed items, between the parts of one item, after a name
    "list_sep": ("；", "; "),
    "part_sep": ("，", ", "),
    "colon": ("：", ": "),
}


def pick(pair: tuple[str, ...], lang: str) -> str:
    """The Chinese (first) or English (second) entry of a label pair."""
    return pair[1] if lang == "en" else pair[0]


def word(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def kind_label(kind: str, lang: str) -> str:
    """A subsidy or target kind's name; the code itself when unknown."""
    pair = SUBSIDY_KIND_LABELS.get(kind) or TARGET_KIND_LABELS.get(kind)
    return pick(pair, lang) if pair else kind


def column_label(column: str, lang: str) -> str:
    """A column header: the brief's fixed columns, ``kind:rd`` (a kind's column in a matrix) and
    ``driven:LABEL`` (another industry's scale); anything else as it is."""
    if column in COLUMN_LABELS:
        return pick(COLUMN_LABELS[column], lang)
    if column.startswith("kind:"):
        return kind_label(column[5:], lang)
    if column.startswith("driven:"):
        return word("driven", lang).format(label=column[7:])
    return column


def localise_frame(frame: pd.DataFrame, lang: str, *, hidden: tuple[str, ...] = ()) -> pd.DataFrame:
    """The frame as a reader sees it in ``lang``: kinds and coded values named, headers translated,
    ``hidden`` columns dropped. The figures are untouched."""
    out = frame.drop(columns=[c for c in hidden if c in frame])
    if "Kind" in out:
        out["Kind"] = out["Kind"].map(lambda k: kind_label(k, lang) if isinstance(k, str) else k)
    for column, values in VALUE_LABELS.items():
        if column in out:
            out[column] = out[column].map(lambda v, values=values: pick(values[v], lang) if isinstance(v, str) and v in values else v)
    return out.rename(columns={c: column_label(str(c), lang) for c in out.columns})


def table_sheet(name: str, lang: str) -> str:
    """A table's sheet name (≤ 31 characters, as Excel requires)."""
    labels = TABLE_LABELS.get(name)
    return (labels[1 if lang == "en" else 0] if labels else name)[:31]


def table_title(name: str, lang: str) -> str:
    labels = TABLE_LABELS.get(name)
    return labels[3 if lang == "en" else 2] if labels else name


def labels_of(pairs: Mapping[str, tuple[str, str]], lang: str) -> dict[str, str]:
    """Every key of a label table with its label in ``lang``, in the table's order."""
    return {k: pick(v, lang) for k, v in pairs.items()}
