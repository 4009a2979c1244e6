"""Interface labels in Chinese and English; the documents themselves stay in Chinese.

``t(key)`` returns the label in the language chosen in the sidebar (Chinese by default).
A key missing from the table is a programming error and raises, so a test catches it.
"""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"zh": "中文", "en": "English"}

# key: (中文, English)
LABELS: dict[str, tuple[str, str]] = {
    "app.title": ("政策比较", "policy-compare"),
    "app.tagline": (
        "逐条比较地方政府政策：条款对齐、补贴与目标、相似度与借鉴。",
        "Compare local government policies clause by clause: alignment, subsidies and targets, similarity and borrowing.",
    ),
    "app.language": ("界面语言 / Language", "Language / 界面语言"),
    "nav.corpus": ("语料库", "Corpus"),
    "nav.side": ("逐条对照", "Side by side"),
    "nav.search": ("检索", "Search"),
    "nav.provisions": ("补贴与目标", "Subsidies & targets"),
    "nav.map": ("相似度图", "Similarity map"),
    "nav.export": ("导出", "Export"),
    # corpus page
    "corpus.policies": ("政策", "Policies"),
    "corpus.with_text": ("有文本", "With text"),
    "corpus.clauses": ("条款", "Clauses"),
    "corpus.gap": ("未识别", "Unidentified"),
    "corpus.filters": ("筛选", "Filters"),
    "corpus.level": ("层级", "Level"),
    "corpus.province": ("省份", "Province"),
    "corpus.date": ("发布日期", "Date issued"),
    "corpus.only_text": ("只看有文本的政策", "Only policies with text"),
    "corpus.title_filter": ("标题或地区包含", "Title or jurisdiction contains"),
    "corpus.table_caption": (
        "点击一行查看条款树；无文本的政策可在下方上传文本。",
        "Select a row to see its clause tree; add a text for policies without one below.",
    ),
    "corpus.pick": ("查看政策", "Show policy"),
    "corpus.no_text": ("尚无文本。可在下方“添加文本”上传，或运行：", "No text yet. Add one below (Add a text), or run:"),
    "corpus.facts": ("登记的事实（来自研究资料）", "Registry facts (from our research)"),
    "corpus.documents": ("文本版本", "Documents"),
    "corpus.notes": ("备注", "Notes"),
    "corpus.tree": ("条款树", "Clause tree"),
    "corpus.context": ("报道正文（转载页中政策以外的段落）", "News paragraphs around the reprinted policy"),
    "corpus.units": ("责任单位", "Responsible units"),
    "corpus.add": ("添加文本", "Add a text"),
    "corpus.add_help": (
        "上传政策文件（txt、docx、pdf、html，≤50 MB）或填写网址，归入已有政策或新建政策。",
        "Upload a policy document (txt, docx, pdf, html, ≤ 50 MB) or give a URL, for an existing policy or a new one.",
    ),
    "corpus.upload": ("政策文件", "Policy document"),
    "corpus.url": ("或网址", "or URL"),
    "corpus.target": ("归入政策", "Add to policy"),
    "corpus.new_policy": ("＋ 新建政策（按文件标题）", "+ New policy (from the document's title)"),
    "corpus.new_id": ("新政策编号（小写字母、数字、连字符）", "New policy id (lowercase letters, digits, hyphens)"),
    "corpus.primary": ("设为比较所用的主文本", "Make it the text comparisons use"),
    "corpus.submit": ("添加", "Add"),
    "corpus.reading": ("正在读取并切分…", "Reading and segmenting…"),
    "corpus.stored": ("已保存", "Stored"),
    "corpus.unchanged": ("已存在，未作改动", "Already stored; nothing changed"),
    "corpus.nothing": ("请先选择文件或填写网址。", "Choose a file or give a URL first."),
    "col.title": ("标题", "Title"),
    "col.jurisdiction": ("地区", "Jurisdiction"),
    "col.level": ("层级", "Level"),
    "col.province": ("省份", "Province"),
    "col.date": ("日期", "Date"),
    "col.clauses": ("条款数", "Clauses"),
    "col.text": ("文本", "Text"),
    "col.confidence": ("可信度", "Confidence"),
    "col.status": ("状态", "Status"),
    "col.source": ("来源", "Source"),
    "col.id": ("编号", "Id"),
    "col.primary": ("主文本", "Primary"),
    "col.read": ("读取时间", "Read at"),
    "col.kind": ("类别", "Kind"),
    "col.item": ("事项", "Item"),
    "col.amount": ("数额", "Amount"),
    "col.unit": ("单位", "Unit"),
    "col.condition": ("条件", "Condition"),
    "level.province": ("省级", "province"),
    "level.city": ("市级", "city"),
    "level.district": ("区县级", "district"),
    "yes": ("有", "yes"),
    "no": ("无", "no"),
}


def lang() -> str:
    """The chosen interface language code ("zh" or "en")."""
    value = st.session_state.get("lang", "zh")
    return value if value in LANGUAGES else "zh"


def t(key: str) -> str:
    """The label for ``key`` in the chosen language."""
    zh, en = LABELS[key]
    return en if lang() == "en" else zh
