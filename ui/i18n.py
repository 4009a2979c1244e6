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
    "common.all": ("全部", "All"),
    "app.embedding": ("正在计算条款向量…", "Embedding the clauses…"),
    # embedder choice (sidebar)
    "app.embedder": ("向量模型", "Embedder"),
    "app.embedder_help": (
        "默认 tfidf 离线可用；如有中文模型（如 BAAI/bge-small-zh-v1.5 下载到本地文件夹），可填写 sbert:路径。",
        "tfidf works offline; with a Chinese model downloaded to a folder (e.g. BAAI/bge-small-zh-v1.5) enter sbert:PATH.",
    ),
    "app.embedder_error": ("模型无法加载，已改用 tfidf：", "The model could not be loaded; using tfidf instead:"),
    # match classes
    "class.identical": ("相同", "identical"),
    "class.near-identical": ("几乎相同", "near-identical"),
    "class.reworded": ("改写", "reworded"),
    "class.related": ("相关", "related"),
    "class.unrelated": ("无关", "unrelated"),
    # side by side page
    "side.mode": ("比较方式", "Compare"),
    "side.mode_pair": ("两份政策", "Two policies"),
    "side.mode_clause": ("一条条款 vs 语料库", "A clause vs the corpus"),
    "side.threshold": ("配对阈值（得分）", "Pairing threshold (score)"),
    "side.hide_boilerplate": ("隐藏套话条款", "Hide boilerplate"),
    "side.classes": ("显示的匹配类型", "Match classes shown"),
    "side.boilerplate": ("套话", "boilerplate"),
    "side.ratio": ("文字相似度", "text similarity"),
    "side.none": ("无", "None"),
    "side.a_in_b": ("A 的条款见于 B", "A found in B"),
    "side.b_in_a": ("B 的条款见于 A", "B found in A"),
    "side.pairs": ("配对条款", "Aligned pairs"),
    "side.only_a": ("仅 A 有", "Only in A"),
    "side.only_b": ("仅 B 有", "Only in B"),
    "side.a_earlier": ("A 发布在先", "A was issued first"),
    "side.b_earlier": ("B 发布在先", "B was issued first"),
    "side.containment_help": (
        "“见于”= 在对方文本中找到达到阈值的对应条款的比例（套话条款按五分之一计）。",
        "“Found in” = the share of clauses with a partner above the threshold in the other text (boilerplate counts one fifth).",
    ),
    "side.need_two": ("请选择两份文本。", "Choose two texts."),
    "side.aligning": ("正在对齐条款…", "Aligning clauses…"),
    "side.aligned": ("对齐的条款", "Aligned clauses"),
    "side.no_pairs": ("没有达到阈值的配对。可降低阈值或显示更多类型。", "No pair reaches the threshold. Lower it or show more classes."),
    "side.page": ("页", "Page"),
    "side.policy": ("政策文本", "Policy text"),
    "side.clause": ("条款", "Clause"),
    "side.top": ("显示前几条", "How many"),
    "side.this_clause": ("所选条款", "Selected clause"),
    "side.in_corpus": ("语料库中最相近的条款（不含本政策）", "Closest clauses in the corpus (other policies)"),
    "side.no_hits": (
        "语料库中没有其他政策的文本与之相近。添加更多政策文本后再试（语料库页面）。",
        "No other policy's text is close. Add more policy texts (Corpus page) and try again.",
    ),
    "side.no_texts": ("语料库中还没有文本。请在语料库页面添加。", "The corpus holds no text yet. Add one on the Corpus page."),
    # search page
    "search.query": ("检索内容（中文）", "Query (Chinese)"),
    "search.from": ("发布日期起", "Issued from"),
    "search.to": ("发布日期止", "Issued until"),
    "search.top": ("结果数", "Results"),
    "search.context": ("包括转载页中的报道段落", "Include news paragraphs around reprints"),
    "search.hint": ("输入关键词或一句话，检索所有政策的条款。", "Type keywords or a sentence to search every policy's clauses."),
    "search.no_match": ("没有匹配的条款。", "No clause matches."),
    "search.news": ("报道段落", "news paragraph"),
    # similarity map page
    "map.help": (
        "每格：行政策的条款有多大比例见于列政策（颜色）。悬停查看日期与先后；点击一格打开逐条对照。",
        "Each cell: the share of the row policy's clauses found in the column policy (colour). Hover for dates; click a cell to open it side by side.",
    ),
    "map.policy": ("政策（行）", "Policy (row)"),
    "map.found_in": ("见于（列）", "Found in (column)"),
    "map.share": ("比例", "Share"),
    "map.earlier": ("发布在先", "Issued first"),
    "map.by_document": ("按文本版本", "One row per document"),
    "map.need_two": (
        "至少需要两份文本才能比较。请在语料库页面添加政策文本，或打开“按文本版本”。",
        "At least two texts are needed. Add policy texts on the Corpus page, or turn on “One row per document”.",
    ),
    "map.pairs": ("所有配对（按相似度排序）", "All pairs (most similar first)"),
    "map.open": ("打开一对进行逐条对照", "Open a pair side by side"),
    "map.open_button": ("打开逐条对照", "Open side by side"),
    "map.missing": ("无文本、未参与比较的政策", "Policies without text (not compared)"),
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
