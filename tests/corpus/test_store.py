"""The SQLite store: schema, WAL, idempotent ingest, all-or-nothing writes under a crash."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest

from corpus.errors import StoreError
from corpus.library import ingest, open_store, prepare
from corpus.models import Policy
from corpus.readers import read_bytes, read_path
from corpus.store import ClauseStore, _migrations
from tests.paths import OFFICIAL, ROOT, ZHEJIANG


def _big_fictional_text(n: int) -> str:
    """A fictional 第X条 measure with ``n`` articles (invented place: 苍梧县)."""
    lines = ["苍梧县元宇宙产业扶持办法（测试用长文本）"]
    lines += [f"第{i}条 对苍梧县第{i}类元宇宙项目给予最高{i}万元支持，按实际投入的百分之十计算。" for i in range(1, n + 1)]
    return "\n".join(lines)


def test_fresh_database_is_migrated_in_wal_mode(tmp_path):
    store = ClauseStore(tmp_path / "new.sqlite")
    assert store.schema_version == _migrations()[-1][0]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"policies", "facts", "documents", "clauses", "meta"} <= tables
    assert store.migrate() == store.schema_version  # a second run changes nothing


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    ClauseStore(path).conn.execute("PRAGMA user_version = 999")
    with pytest.raises(StoreError, match="newer than this program"):
        ClauseStore(path)


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError):
        ClauseStore(path)


def test_reingesting_the_same_bytes_changes_nothing(store):
    before = store.counts()
    again = ingest(store, str(OFFICIAL))
    assert not again.created and again.policy_id == ZHEJIANG
    again = ingest(store, str(OFFICIAL), policy_id=ZHEJIANG)
    assert not again.created
    assert store.counts() == before


def test_ingest_writes_document_and_clauses_together(store):
    result = ingest(store, "x", policy_id="canwu-test-measures", read=read_bytes(_big_fictional_text(40).encode(), "canwu.txt"))
    assert result.created and result.n_clauses == 40
    assert len(store.clauses("canwu-test-measures")) == 40
    doc = store.primary_document("canwu-test-measures")
    assert doc is not None and doc.n_clauses == 40 and doc.is_primary


def test_an_error_inside_the_transaction_leaves_nothing(store):
    before = store.counts()
    read = read_bytes(_big_fictional_text(30).encode(), "canwu.txt")

    def explode(done: int, total: int) -> None:
        if done == 10:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.add_document(
            read,
            prepare(read),
            Policy(id="canwu-x", title="t", jurisdiction="苍梧县", province=None, level="district", origin="user"),
            progress=explode,
        )
    assert store.counts() == before
    assert not store.has_policy("canwu-x")  # the policy created in the same transaction is gone too


def test_a_killed_writer_leaves_all_or_nothing(tmp_path):
    """SIGKILL a real writer process in the middle of its transaction, then reopen."""
    db = tmp_path / "crash.sqlite"
    text_file = tmp_path / "canwu.txt"
    text_file.write_text(_big_fictional_text(400), encoding="utf-8")
    open_store(db).close()
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from corpus.library import ingest, open_store
        store = open_store({str(db)!r})
        def die(done, total):
            if done == 200:
                print("killing", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
        ingest(store, {str(text_file)!r}, policy_id="canwu-crash", progress=die)
        print("finished")
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9 and "killing" in proc.stdout and "finished" not in proc.stdout
    store = open_store(db)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not store.has_policy("canwu-crash")
    assert store.conn.execute("SELECT COUNT(*) FROM clauses WHERE policy_id = 'canwu-crash'").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM documents WHERE policy_id = 'canwu-crash'").fetchone()[0] == 0
    result = ingest(store, str(text_file), policy_id="canwu-crash")  # and the file ingests fine afterwards
    assert result.created and result.n_clauses == 400


def test_each_thread_gets_its_own_connection(store):
    seen: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            seen.append(id(store.conn))
            assert len(store.clauses(ZHEJIANG)) == 32
        except BaseException as exc:  # report to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(seen)) == 4


def test_primary_document_can_change_and_survives_deletion(store):
    docs = store.documents(ZHEJIANG)
    official, article = docs[0], docs[1]
    assert official.is_primary and not article.is_primary
    store.set_primary(article.id)
    assert store.primary_document(ZHEJIANG).id == article.id
    store.delete_document(article.id)
    assert store.primary_document(ZHEJIANG).id == official.id
    assert store.conn.execute("SELECT COUNT(*) FROM clauses WHERE document_id = ?", (article.id,)).fetchone()[0] == 0


def test_document_selectors(store):
    article = store.documents(ZHEJIANG)[1]
    assert store.document(article.id) == article
    assert store.document(article.sha256[:8]) == article
    from corpus.errors import NotFoundError

    with pytest.raises(NotFoundError):
        store.document("abc")  # too short to be a sha prefix


def test_clause_rows_keep_structure(store):
    clauses = store.clauses(ZHEJIANG)
    seg = prepare(read_path(OFFICIAL))
    assert [(c.path, c.number, c.heading, c.text, c.units) for c in clauses] == [
        (c.path, c.number, c.heading, c.text, c.units) for c in seg.clauses
    ]
    policy_id, first = store.clause(clauses[7].id)
    assert policy_id == ZHEJIANG and first.heading == "加快“元平台”布局建设"
    assert clauses[7].id.startswith(f"{ZHEJIANG}/")


def test_database_is_sqlite_readable_by_other_tools(store):
    other = sqlite3.connect(store.path)
    assert (
        other.execute("SELECT COUNT(*) FROM clauses WHERE policy_id = ? AND role = 'body'", (ZHEJIANG,)).fetchone()[0] == 64
    )  # two documents
    other.close()


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DB", str(tmp_path / "env.sqlite"))
    assert ClauseStore().path == Path(tmp_path / "env.sqlite")


def test_the_hash_columns_are_renamed_and_cached_vectors_survive(tmp_path):
    """A database made before migration 005 keeps its cached vectors under the new column names."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for number, _name, sql in _migrations():
        if number < 5:
            conn.executescript(sql)
            conn.execute(f"PRAGMA user_version = {number}")
    conn.execute("INSERT INTO vectors (embedder, text_hash, dim, data) VALUES ('e', 'h', 2, ?)", (np.ones(2, dtype=np.float32).tobytes(),))
    conn.commit()
    conn.close()
    store = ClauseStore(path)
    columns = {t: {r[1] for r in store.conn.execute(f"PRAGMA table_info({t})")} for t in ("clauses", "vectors", "analyses")}
    assert "body_hash" in columns["clauses"] and {"input_hash"} <= columns["vectors"] & columns["analyses"]
    assert not any("text_hash" in c for c in columns.values())
    assert np.array_equal(store.cached_vectors("e", ["h"])["h"], np.ones(2, dtype=np.float32))
