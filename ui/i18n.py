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
    # corpus page: fetching texts from their pages (ui/fetch_panel.py)
    "fetch.title": ("从网上获取文本", "Fetch texts from the web"),
    "fetch.help": (
        "先试官方页面，再试转载和镜像；通知页面会打开标题相符的附件（跳过政策解读、一图读懂），并记录文本来源。",
        "Tries the official page first, then reprints and mirrors; on a notice page it opens the attachment "
        "named like the policy (skipping interpretations) and records where the text came from.",
    ),
    "fetch.which": ("获取", "Fetch"),
    "fetch.one": ("当前政策", "This policy"),
    "fetch.all": ("所有尚无文本的政策", "Every policy without text"),
    "fetch.refresh": ("已有文本的也重新获取", "Fetch again where a text is stored"),
    "fetch.go": ("开始获取", "Fetch"),
    "fetch.running": ("正在获取…", "Fetching…"),
    "fetch.done": ("获取完成", "Fetch finished"),
    "fetch.no_sources": ("尚无已知网址。找到页面后可运行：", "No address is known yet. When you find its page, run:"),
    "fetch.kind": ("来源类型", "Kind"),
    "fetch.kind.official": ("官方页面", "official"),
    "fetch.kind.reprint": ("转载", "reprint"),
    "fetch.kind.mirror": ("镜像", "mirror"),
    "fetch.page": ("页面", "Page"),
    "fetch.note": ("说明", "Note"),
    "fetch.file": ("读取的文件", "File read"),
    "fetch.attachment": ("附件", "Attachment"),
    "fetch.at": ("获取时间", "Fetched at"),
    "fetch.provenance": ("文本来源", "Where the texts came from"),
    "fetch.result": ("结果", "Result"),
    "fetch.reason": ("原因", "Reason"),
    "fetch.todo": ("建议", "What to do"),
    "fetch.status.fetched": ("已获取", "fetched"),
    "fetch.status.unchanged": ("未变", "unchanged"),
    "fetch.status.skipped": ("已有文本", "has text"),
    "fetch.status.not_found": ("未找到", "not found"),
    "fetch.status.failed": ("失败", "failed"),
    "fetch.reason.has_text": ("已有文本", "a text is already stored"),
    "fetch.reason.no_address": ("尚无已知网址", "no address is known for its text"),
    "fetch.reason.unreachable": ("无法连接", "could not connect"),
    "fetch.todo.refresh": ("勾选“已有文本的也重新获取”可再次获取", "Tick “Fetch again” to fetch it anew"),
    "fetch.todo.unreachable": (
        "请检查网络；网站无法访问时，可下载文本后在上方“添加文本”上传",
        "Check the internet connection; if the site is down, download the text and add it above",
    ),
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
    "side.preamble": ("（正文前言）", "(preamble)"),
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
    # subsidies & targets and export pages
    "prov.caption": (
        "从政策文本中读出的补贴与目标；尚无文本的政策取自研究登记表（标为“登记”，附所引网页）。",
        "Subsidies and targets read from the policies' text; policies without text yet show the research registry's figures "
        "(marked registry, with the page they were read on).",
    ),
    "prov.policies": ("政策", "Policies"),
    "prov.chosen": ("已选 {n} / {total} 项政策", "{n} of {total} policies chosen"),
    "prov.none": ("请至少选择一项政策。", "Choose at least one policy."),
    "prov.subsidies": ("补贴", "Subsidies"),
    "prov.targets": ("目标", "Targets"),
    "prov.kinds": ("类别", "Kinds"),
    "prov.all_kinds": ("全部类别（可多选以筛选）", "All kinds (choose some to filter)"),
    "prov.origin": ("记录来源", "Records from"),
    "prov.origin.all": ("全部", "all"),
    "prov.origin.text": ("文本", "text"),
    "prov.origin.registry": ("登记", "registry"),
    "prov.n_policies": ("政策", "Policies"),
    "prov.n_text": ("读自文本", "Read from text"),
    "prov.n_subsidies": ("补贴记录", "Subsidy records"),
    "prov.n_targets": ("目标记录", "Target records"),
    "prov.subsidy_matrix": (
        "各类补贴按方式的最高额（含单位与频次）",
        "Largest amount per subsidy kind and instrument (with unit and period)",
    ),
    "prov.subsidy_chart": (
        "各类补贴按方式的最高额（万元，对数坐标；形状表示方式）",
        "Largest subsidy amount by kind and instrument (万元, log scale; the shape tells the instrument)",
    ),
    "prov.subsidy_records": ("补贴明细（每条记录一行）", "Subsidies, one row per record"),
    "prov.target_matrix": ("目标对照", "Targets compared"),
    "prov.scale_chart": ("产业规模目标（亿元）", "Industry scale targets (亿元)"),
    "prov.enterprise_chart": ("企业数量目标（家）", "Enterprise count targets"),
    "prov.target_records": ("目标明细（每条记录一行）", "Targets, one row per record"),
    "prov.no_subsidies": ("所选政策和筛选条件下没有补贴记录。", "No subsidy records for the chosen policies and filters."),
    "prov.no_targets": ("所选政策和筛选条件下没有目标记录。", "No target records for the chosen policies and filters."),
    "prov.no_amounts": (
        "所选补贴都没有金额（只有比例、面积或期限）。",
        "None of the chosen subsidies states an amount (only rates, areas or durations).",
    ),
    "prov.no_scale": ("所选政策没有产业规模目标。", "None of the chosen policies sets an industry scale target."),
    "prov.no_enterprises": ("所选政策没有企业数量目标。", "None of the chosen policies sets an enterprise count target."),
    "prov.table_caption": (
        "点击列标题排序。“条款”是文本中的位置；登记行的“来源”是登记表所引网页。",
        "Click a column header to sort. Clause is where a record stands in the text; a registry row's source is the page it was read on.",
    ),
    "prov.chart_caption": ("悬停查看政策、条款或登记来源。", "Hover for the policy and its clause or registry source."),
    "prov.scope.none": ("未注明", "not stated"),
    "export.caption": (
        "选择政策，下载补贴与目标简报：Excel、Word、Markdown，或一份含补贴与目标明细的 CSV。每张表下注明来源。",
        "Choose policies and download the subsidies and targets brief: Excel, Word, Markdown, or one CSV of the subsidy and "
        "target records. Every table cites its sources.",
    ),
    "export.policies": ("政策", "Policies"),
    "export.none": ("请至少选择一项政策。", "Choose at least one policy."),
    "export.download": ("下载", "Download"),
    "export.xlsx": ("Excel 工作簿", "Excel workbook"),
    "export.docx": ("Word 文档", "Word document"),
    "export.md": ("Markdown", "Markdown"),
    "export.csv": ("CSV 明细", "CSV records"),
    "export.preview": ("预览", "Preview"),
    "export.preview_caption": ("导出文件中的表格，原样显示。", "The tables exactly as the files hold them."),
    "export.references": ("参考文献（GB/T 7714—2015）", "References (GB/T 7714-2015)"),
}


def lang() -> str:
    """The chosen interface language code ("zh" or "en")."""
    value = st.session_state.get("lang", "zh")
    return value if value in LANGUAGES else "zh"


def t(key: str) -> str:
    """The label for ``key`` in the chosen language."""
    zh, en = LABELS[key]
    return en if lang() == "en" else zh


def level_labels() -> dict[str, str]:
    """The three administrative levels and their labels in the chosen language."""
    return {level: t(f"level.{level}") for level in ("province", "city", "district")}
