"""The Export page: one download per format with the right name, type and content, a preview
of the tables and the GB/T 7714 reference list, for the policies chosen."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from streamlit.testing.v1 import app_test

from compare.briefing.brief import build_brief
from compare.briefing.export import FORMATS, brief_bytes
from compare.instruments import InstrumentCoder, code_policies
from compare.instruments.brief_tables import instrument_mix, instrument_tables, with_instruments
from compare.provisions.facts import provisions_for
from tests.app.apptest import run_app
from tests.paths import ZHEJIANG

PAGE = "app_pages/export.py"
NANSHA = "guangzhou-nansha-2022-nine-measures"
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
    "csv": "text/csv",
}


@pytest.fixture
def downloads(monkeypatch):
    """The files behind the page's download buttons: format → (file name, MIME type, bytes).

    AppTest keeps download data in an in-memory media store it makes for every run; this keeps
    hold of the stores so the files of the last run can be read back by their URL."""
    stores = []

    class Kept(app_test.MemoryMediaFileStorage):
        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            stores.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Kept)

    def files(at) -> dict[str, tuple[str | None, str, bytes]]:
        out = {}
        for button in at.download_button:
            url = button.proto.url
            stored = stores[-1].get_file(url.rsplit("/", 1)[-1])
            out[url.rsplit(".", 1)[-1]] = (stored.filename, stored.mimetype, stored.content)
        return out

    return files


def _expected(store, selectors=None):
    """The brief the page builds: the overview with each policy's instrument mix, the instrument tables."""
    coder = InstrumentCoder(embedder="tfidf").fit()
    coded = code_policies(store, selectors or [p.id for p in store.policies()], coder)
    brief = build_brief(provisions_for(store, selectors), instruments=instrument_mix(coded, coder.lexicon_))
    return with_instruments(brief, instrument_tables(coded, coder.lexicon_))


def _choose(at, *ids: str):
    at.multiselect(key="export_policies").set_value(list(ids)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_one_download_per_format_with_its_name_and_type(store, downloads):
    at = run_app(PAGE)
    assert len(at.download_button) == len(FORMATS) == 4
    assert [b.proto.label for b in at.download_button] == [
        "Excel 工作簿 (.xlsx)",
        "Word 文档 (.docx)",
        "Markdown (.md)",
        "CSV 明细 (.csv)",
    ]
    files = downloads(at)
    today = date.today().isoformat()
    assert {fmt: (name, mime) for fmt, (name, mime, _) in files.items()} == {
        fmt: (f"policy-brief-{today}.{fmt}", MIME[fmt]) for fmt in FORMATS
    }


def test_the_files_hold_the_brief_of_every_policy(store, downloads):
    files = downloads(run_app(PAGE))
    brief = _expected(store)
    assert "政策工具结构" in files["md"][2].decode()
    assert any(m.startswith("供给型") for m in brief.table("overview").frame["Instruments"])
    assert files["md"][2] == brief_bytes(brief, "md")
    assert files["csv"][2] == brief_bytes(brief, "csv")
    book = load_workbook(io.BytesIO(files["xlsx"][2]))
    assert book.sheetnames == [
        "政策概览",
        "补贴对照",
        "补贴汇总",
        "补贴明细",
        "基金与专项资金",
        "目标对照",
        "目标明细",
        "政策工具",
        "工具维度",
        "工具×环节",
        "条款编码",
        "来源",
    ]
    tools = list(book["政策工具"].iter_rows(values_only=True))
    assert tools[0][:5] == ("政策", "政策编号（内部）", "维度", "政策工具", "条款数")
    assert sum(row[4] for row in tools[1:]) == 31  # Zhejiang's coded clauses; the other policies have no text
    assert all(row[6] for row in tools[1:])  # every row cites its clauses
    assert book["来源"].max_row == 1 + 26
    assert any(row[0] == "相关产业规模" for row in book["目标明细"].iter_rows(min_col=4, max_col=4, values_only=True))
    words = "\n".join(c.text for table in Document(io.BytesIO(files["docx"][2])).tables for row in table.rows for c in row.cells)
    assert "相关产业规模" in words and "广州南沙新区（自贸区南沙片区）推动元宇宙生态发展的九条措施" in words


def test_the_files_follow_the_policies_chosen(store, downloads):
    at = _choose(run_app(PAGE), ZHEJIANG)
    csv = downloads(at)["csv"][2].decode("utf-8-sig")
    assert csv.startswith("表,政策,")
    assert csv.count("\n目标明细,") == 9 and "\n补贴明细," not in csv
    md = downloads(at)["md"][2].decode()
    assert "浙江省发展和改革委员会等5部门. 浙江省元宇宙产业发展行动计划（2023—2025年）[EB/OL]. (2022-12-15)" in md
    assert "南沙" not in md


def test_previews_the_tables_and_lists_the_references(store):
    at = _choose(run_app(PAGE), ZHEJIANG, NANSHA)
    brief = _expected(store, [NANSHA, ZHEJIANG])  # in the store's order: oldest first
    assert [tab.label for tab in at.tabs] == [t.title for t in brief.tables]
    assert [len(d.value) for d in at.dataframe] == [len(t.frame) for t in brief.tables]
    assert {"政策", "类别", "条款"} <= set(at.dataframe[6].value.columns)  # the targets, headed as in the files
    references = at.text[0].value.splitlines()
    assert references == [f"[{i}] {ref}" for i, ref in enumerate(brief.references.values(), 1)]
    assert references[1].startswith("[2] 浙江省发展和改革委员会等5部门. 浙江省元宇宙产业发展行动计划（2023—2025年）[EB/OL].")


def test_an_empty_selection_offers_nothing_to_download(store):
    at = _choose(run_app(PAGE))
    assert [i.value for i in at.info] == ["请至少选择一项政策。"]
    assert not at.download_button


def test_english_labels_and_english_files(store, downloads):
    at = run_app(PAGE, lang="en")
    book = load_workbook(io.BytesIO(downloads(at)["xlsx"][2]))
    assert book.sheetnames[0] == "overview" and book["targets"]["A1"].value == "Policy"
    assert at.title[0].value == "Export"
    assert at.download_button[0].proto.label == "Excel workbook (.xlsx)"
    assert "References (GB/T 7714-2015)" in [m.value.lstrip("# ") for m in at.markdown]
