"""What a page shows when something fails, and document text in titles and labels shown as text."""

from __future__ import annotations

import sqlite3
import tomllib

import pytest

from corpus.errors import NoTextError, StoreError
from corpus.library import add_policy, ingest
from corpus.models import Policy
from corpus.readers import MAX_FILE_MB, read_bytes
from tests.app.apptest import plain, run_app
from tests.paths import ROOT
from ui.failures import failure_message
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


def test_another_applications_database_is_one_message_on_the_page(tmp_path, monkeypatch, caplog):
    path = tmp_path / "bookmarks.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
    monkeypatch.setenv("POLICY_DB", str(path))
    at = run_app(PAGE)
    assert [plain(e.value) for e in at.error] == [
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
