"""The Corpus page: registry table, clause tree, uploads good and bad, text shown as text."""

from __future__ import annotations

import pytest

from tests.app.apptest import plain, run_app, texts
from tests.corpus import builders
from tests.paths import FIXTURES, ZHEJIANG

PAGE = "app_pages/corpus.py"


def test_lists_every_registry_policy_on_a_fresh_database(store):
    at = run_app(PAGE)
    table = at.dataframe[0].value
    assert len(table) == 26
    assert set(table["编号"]) == {s.policy.id for s in store.summaries()}
    assert dict(zip(table["编号"], table["条款数"]))[ZHEJIANG] == 32
    assert [m.value for m in at.metric][:3] == ["26", "1", "32"]


def test_shows_the_zhejiang_clause_tree(store):
    at = run_app(PAGE)
    shown = texts(at)
    assert at.selectbox(key="corpus_pick").value == ZHEJIANG
    assert "**1\\. 加快“元平台”布局建设** 推进培育元宇宙领域重点实验室" in shown
    assert "责任单位：省发展改革委、省科技厅、省经信厅" in shown


def test_a_policy_without_text_says_how_to_add_one(store):
    at = run_app(PAGE)
    at.selectbox(key="corpus_pick").set_value("shanghai-2022-2025-new-track-action-plan").run()
    assert "python -m corpus ingest FILE_OR_URL --policy shanghai-2022-2025-new-track-action-plan" in texts(at)
    assert any("3500" in str(v) for v in at.dataframe[-1].value.to_numpy().ravel())  # its registry facts


def test_english_labels(store):
    at = run_app(PAGE, lang="en")
    assert at.title[0].value == "Corpus"
    assert "Title" in at.dataframe[0].value.columns


def _upload(at, name: str, data: bytes, target: str) -> None:
    at.file_uploader(key="upload").set_value((name, data, "application/octet-stream"))
    at.selectbox(key="upload_target").set_value(target)
    at.button(key="upload_submit").click().run()


def test_upload_a_good_file_to_a_registry_policy(store):
    at = run_app(PAGE)
    data = (FIXTURES / "fictional_district_measures.txt").read_bytes()
    _upload(at, "qinglan.txt", data, "hangzhou-xihu-2022-opinions")
    assert not at.exception
    assert any("hangzhou-xihu-2022-opinions" in plain(s.value) for s in at.success)
    assert len(store.clauses("hangzhou-xihu-2022-opinions")) == 11
    _upload(at, "qinglan.txt", data, "hangzhou-xihu-2022-opinions")
    assert any("已存在" in s.value for s in at.success)


def test_upload_a_bad_file_shows_the_readers_error_and_stores_nothing(store):
    before = store.counts()
    at = run_app(PAGE)
    _upload(at, "scan.pdf", builders.scanned_pdf(), "hangzhou-xihu-2022-opinions")
    assert any("scanned" in e.value for e in at.error)
    _upload(at, "plan.docx", b"PK\x03\x04 not really a Word file", "hangzhou-xihu-2022-opinions")
    assert len(at.error) == 1 and "not a valid .docx" in plain(at.error[0].value)
    assert store.counts() == before


def test_upload_with_a_scanned_page_is_stored_and_says_what_was_not_read(store):
    from tests.corpus.hostile import scanned_page_in_text_pdf

    at = run_app(PAGE)
    _upload(at, "mixed.pdf", scanned_page_in_text_pdf(), "hangzhou-xihu-2022-opinions")
    assert not at.exception and at.success
    assert any("有内容未能读取" in w.value and "page 2" in w.value for w in at.warning)


def test_document_text_is_rendered_as_text_never_markup(store):
    hostile = (
        "红枫县元宇宙测试办法\n第一条 <script>alert('x')</script> **不应加粗** $x^2$ [链接](javascript:alert(1)) <b>标签</b>。\n".encode()
    )
    at = run_app(PAGE)
    _upload(at, "hostile.txt", hostile, "__new__")
    assert not at.exception
    clause = next(m.value for m in at.markdown if "alert" in m.value)
    assert "\\<script\\>" in clause and "\\*\\*不应加粗\\*\\*" in clause and "\\$x^2\\$" in clause.replace("\\^", "^")
    assert "](javascript" not in clause


@pytest.mark.parametrize(
    "typed", ["/etc/passwd", "../../../../etc/hostname", "file:///etc/passwd", "  /etc/hosts", "ftp://example.org/x.txt"]
)
def test_the_url_field_never_reads_a_file_on_the_server(store, typed):
    before = store.counts()
    at = run_app(PAGE)
    at.text_input(key="upload_url").set_value(typed)
    at.button(key="upload_submit").click().run()
    assert not at.exception
    assert len(at.error) == 1 and "http(s)" in plain(at.error[0].value)
    assert "root:" not in texts(at)
    assert store.counts() == before


def test_a_file_already_stored_is_offered_as_a_choice_not_a_second_policy(store):
    data = (FIXTURES / "fictional_district_measures.txt").read_bytes()
    at = run_app(PAGE)
    _upload(at, "qinglan.txt", data, "__new__")
    first = at.selectbox(key="corpus_pick").value
    before = store.counts()
    _upload(at, "qinglan-again.txt", data, "__new__")
    assert "已经存储过：它是政策" in texts(at) and store.counts() == before
    at.button(key="duplicate_cancel").click().run()
    assert "已取消" in texts(at) and store.counts() == before
    _upload(at, "qinglan-again.txt", data, "hangzhou-xihu-2022-opinions")  # another policy: still the same file
    assert "已经存储过" in texts(at)
    at.button(key="duplicate_use").click().run()
    assert at.selectbox(key="corpus_pick").value == first and store.counts() == before
    assert not store.documents("hangzhou-xihu-2022-opinions")


def test_edit_a_policys_metadata_and_remove_its_text_and_the_policy(store):
    at = run_app(PAGE)
    _upload(at, "qinglan.txt", (FIXTURES / "fictional_district_measures.txt").read_bytes(), "__new__")
    pid = at.selectbox(key="corpus_pick").value
    assert at.text_input(key=f"edit_issuer_{pid}").value == "云梦泽市青岚区人民政府办公室"  # read off the notice
    at.text_input(key=f"edit_province_{pid}").set_value("白鹭洲省")
    at.text_input(key=f"edit_date_{pid}").set_value("2022-13")
    at.button(key=f"FormSubmitter:edit_{pid}-{'保存'}").click().run()
    assert any("not a date" in e.value for e in at.error) and store.policy(pid).province is None
    at.text_input(key=f"edit_date_{pid}").set_value("2022-09")
    at.button(key=f"FormSubmitter:edit_{pid}-{'保存'}").click().run()
    policy = store.policy(pid)
    assert policy.province == "白鹭洲省" and policy.date == "2022-09" and policy.issuer == "云梦泽市青岚区人民政府办公室"
    doc = store.documents(pid)[0]
    at.button(key=f"remove_document_{doc.id}").click().run()
    assert any("此操作不可撤销" in w.value for w in at.warning) and store.documents(pid)  # asked, not yet removed
    at.button(key=f"confirm_document_{doc.id}").click().run()
    assert not store.documents(pid) and store.has_policy(pid)
    at.button(key=f"remove_policy_{pid}").click().run()
    at.button(key=f"cancel_policy_{pid}").click().run()
    assert store.has_policy(pid)
    at.button(key=f"remove_policy_{pid}").click().run()
    at.button(key=f"confirm_policy_{pid}").click().run()
    assert not store.has_policy(pid) and any("已删除政策" in s.value for s in at.success)
