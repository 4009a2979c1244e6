"""What a page shows when something fails, and document text in titles and labels shown as text."""

from __future__ import annotations

import re
import sqlite3
import tomllib

import pytest
import streamlit as st

import compare.instruments.scheme  # noqa: F401  (defines SchemeError, which the table below must cover)
import embeddings.base  # noqa: F401  (defines EmbedderError)
from corpus.errors import FetchError, FetchTimeout, NoTextError, PolicyCompareError, StoreError
from corpus.library import add_policy, ingest
from corpus.models import Policy
from corpus.readers import MAX_FILE_MB, read_bytes
from tests.app.apptest import plain, run_app
from tests.paths import ROOT
from ui.failures import failure_headline, failure_markdown, failure_message
from ui.i18n import LABELS
from ui.render import escape_markdown, markdown_label

PAGE = "app_pages/corpus.py"
HOSTILE = "**青岚区** $$x^2$$ :red[红字] :smile: <b>粗</b> [链接](javascript:x)"  # fictional


@pytest.mark.parametrize(
    ("exc", "shown"),
    [
        (
            NoTextError("upload:qinglan.docx", "the document holds no text", "Check the file."),
            "upload:qinglan.docx: the document holds no text",
        ),
        (
            StoreError("/srv/secret/corpus.sqlite", "the database file is damaged", "Restore it."),
            "the database file is damaged. Restore it.",
        ),
        (MemoryError(), "needed more memory than the machine has"),
        (ValueError("invalid literal for int() with base 10: 'x' in /srv/app/corpus/readers/docx.py"), None),
        (KeyError("secret"), None),
    ],
)
def test_only_our_messages_reach_the_browser(exc, shown):
    message = failure_message(exc)
    if shown is None:
        assert message is None  # a generic message on the page, the details in the log
    else:
        assert shown in message and "/srv/" not in message


def _error_classes(base: type[PolicyCompareError] = PolicyCompareError) -> list[type[PolicyCompareError]]:
    """Every error class of ours, found rather than listed, so that a new one must get a headline."""
    return [base] + [c for sub in base.__subclasses__() for c in _error_classes(sub)]


CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_class_has_its_own_headline_in_chinese_over_the_english_details(cls, monkeypatch):
    assert f"error.{cls.__name__}" in LABELS  # its own entry, not only its parent's
    error = cls("upload:qinglan.docx", "the file is not what it claims", "Open it in Word and save it again.")  # fictional
    monkeypatch.setitem(st.session_state, "lang", "zh")
    headline, detail = failure_markdown(error).split("  \n")
    assert headline == LABELS[f"error.{cls.__name__}"][0] and CHINESE.search(headline) and "。" in headline
    assert detail.startswith("详细信息") and detail.endswith(escape_markdown(failure_message(error)))
    monkeypatch.setitem(st.session_state, "lang", "en")
    headline, detail = failure_markdown(error).split("  \n")
    assert headline == LABELS[f"error.{cls.__name__}"][1] and not CHINESE.search(headline)
    assert detail == f"Details: {escape_markdown(failure_message(error))}"


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (FetchTimeout("https://qinglan.example/p", "no answer", ""), "error.FetchTimeout"),
        (FetchError("/etc/passwd", "not an http(s) address", ""), "error.FetchError"),
        (PolicyCompareError("", "the disk is full", ""), "error.PolicyCompareError"),
    ],
)
def test_a_headline_comes_from_the_nearest_class_that_has_one(error, key, monkeypatch):
    monkeypatch.setitem(st.session_state, "lang", "zh")
    assert failure_headline(error) == LABELS[key][0]


def test_a_subclass_without_its_own_headline_gets_its_parents(monkeypatch):
    class SlowMirrorTimeout(FetchTimeout):
        """Defined after collection, so the every-class table above never meets it."""

    monkeypatch.setitem(st.session_state, "lang", "zh")
    assert failure_headline(SlowMirrorTimeout("https://qinglan.example/p", "no answer", "")) == LABELS["error.FetchTimeout"][0]


@pytest.mark.parametrize("exc", [ValueError("in /srv/app/corpus/readers/docx.py"), KeyError("secret")])
def test_an_unexpected_error_has_no_headline_and_no_details(exc):
    assert failure_markdown(exc) is None  # show_failure puts the generic message on the page instead


def test_a_corrupt_upload_is_explained_in_chinese_on_the_corpus_page(store):
    before = store.counts()
    at = run_app(PAGE)
    at.file_uploader(key="upload").set_value(("云溪市措施.docx", b"not a zip archive at all", "application/octet-stream"))  # fictional
    at.button(key="upload_submit").click().run()
    assert not at.exception and len(at.error) == 1
    headline, detail = at.error[0].value.split("  \n")
    assert headline == LABELS["error.CorruptFileError"][0]
    assert detail.startswith("详细信息") and "云溪市措施.docx" in plain(detail)
    assert store.counts() == before


def test_another_applications_database_is_one_message_on_the_page(tmp_path, monkeypatch, caplog):
    path = tmp_path / "bookmarks.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
    monkeypatch.setenv("POLICY_DB", str(path))
    at = run_app(PAGE)
    assert [plain(e.value) for e in at.error] == [
        f"{LABELS['error.StoreError'][0]}\n详细信息（英文）："
        "this SQLite file belongs to another application (tables policy-compare did not create: bookmarks). "
        "Nothing was written to it. Point $POLICY_DB at a new file or at a policy-compare database."
    ]
    assert str(tmp_path) not in str(at.error[0].value)


def test_markup_in_a_title_and_a_heading_is_shown_literally(store):
    add_policy(store, Policy(id="qinglan-2022-measures", title=HOSTILE, jurisdiction="青岚区", province=None, level="district"))
    text = f"{HOSTILE}\n一、{HOSTILE}\n（一）对青岚区企业给予奖励，最高50万元。\n（二）支持青岚区建设创新中心。\n"
    ingest(store, "qinglan.txt", read=read_bytes(text.encode("utf-8"), "qinglan.txt"), policy_id="qinglan-2022-measures")
    at = run_app(PAGE)
    at.selectbox(key="corpus_pick").set_value("qinglan-2022-measures").run()
    assert not at.exception
    assert at.subheader[0].value == escape_markdown(HOSTILE)
    heading = markdown_label("一、**青岚区** $$x^2$$ :red[红字]")  # the segmenter shortens a long heading
    assert any(e.label.startswith(heading) for e in at.expander)
    assert "\\$\\$x\\^2\\$\\$ \\:red\\[红字\\] \\:smile\\:" in escape_markdown(HOSTILE)


def test_the_server_config_hides_error_details_and_shares_the_upload_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # not false, which still shows tracebacks
    assert config["server"]["maxUploadSize"] == MAX_FILE_MB
