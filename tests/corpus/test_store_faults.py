"""Faults of the database itself end as one StoreError that says what to do, and lose nothing:
a full disk, a lock held too long, a damaged file, another application's database, odd selectors."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import numpy as np
import pytest

from corpus.errors import NotFoundError, StoreError
from corpus.library import ingest, open_store, prepare
from corpus.readers import read_bytes
from corpus.store import APPLICATION_ID, ClauseStore
from corpus.store import text_hash as store_hash
from embeddings.cache import TextCache
from tests.corpus.test_store import _big_fictional_text


def _fictional_read(n: int = 400):
    return read_bytes(_big_fictional_text(n).encode("utf-8"), "canwu.txt")


def test_a_full_disk_is_one_clear_error_and_stores_nothing(store):
    # A real size limit of SQLite: the file may not grow beyond its current pages plus a few.
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    before = store.counts()
    read = _fictional_read()
    with pytest.raises(StoreError, match="is full; nothing of this change was written") as info:
        ingest(store, "canwu.txt", read=read, policy_id="canwu-2022-measures")
    assert "cannot rollback" not in str(info.value)
    assert store.counts() == before and not store.has_policy("canwu-2022-measures")
    store.conn.execute(f"PRAGMA max_page_count = {2**31}")
    assert ingest(store, "canwu.txt", read=read, policy_id="canwu-2022-measures").created  # works once there is room


def test_a_lock_held_longer_than_the_busy_timeout_is_named(store):
    holder = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        impatient = ClauseStore(store.path, busy_timeout=0.3)
        read = _fictional_read(5)
        with pytest.raises(StoreError, match=r"stayed locked by another program for more than 0.3 s"):
            impatient.add_document(read, prepare(read), store.policy("zhejiang-2023-2025-action-plan"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_default_busy_timeout_is_thirty_seconds(tmp_path):
    assert ClauseStore(tmp_path / "x.sqlite").conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000


def _corrupt_pages(path, first_page: int, n_pages: int) -> None:
    """Overwrite whole B-tree pages with a pattern no valid page has (the header page stays)."""
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek(size * first_page)
        f.write(b"\x0d\xff\xff\xff" * (size * n_pages // 4))


def test_a_damaged_database_is_named_as_damaged(tmp_path, seeded_db_file):
    path = tmp_path / "damaged.sqlite"
    shutil.copy(seeded_db_file, path)
    _corrupt_pages(path, 1, 40)
    with pytest.raises(StoreError, match="damaged or is not a database") as info:
        open_store(path).summaries()
    assert "$POLICY_DB at a new file" in str(info.value)


def test_a_file_that_is_no_database_is_named(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes("云溪市会议纪要，不是数据库。".encode() * 500)
    with pytest.raises(StoreError, match="damaged or is not a database"):
        ClauseStore(path)


@pytest.mark.parametrize(
    ("schema", "says"),
    [
        (["CREATE TABLE bookmarks (url TEXT, title TEXT)"], "tables policy-compare did not create: bookmarks"),
        (["CREATE TABLE policies (id TEXT)", "CREATE TABLE moz_places (id INTEGER)"], "did not create: moz_places"),
        (["CREATE TABLE policies (id TEXT)"], "did not create"),  # a namesake table but no schema version of ours
        (["PRAGMA application_id = 1234"], "application id 0x4d2"),
    ],
)
def test_another_applications_database_is_refused_and_left_untouched(tmp_path, schema, says):
    path = tmp_path / "other-app.sqlite"
    other = sqlite3.connect(path)
    for statement in schema:
        other.execute(statement)
    other.commit()
    other.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match=says) as info:
        open_store(path)
    assert "Nothing was written to it" in str(info.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_our_database_carries_our_application_id(store):
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_database_made_before_the_application_id_is_still_ours(tmp_path, seeded_db_file):
    path = tmp_path / "older.sqlite"
    shutil.copy(seeded_db_file, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    assert open_store(path).counts()["documents"] == 2


@pytest.mark.parametrize("selector", ["%%%%%%", "______", "%", "c1bf1%", "1e3", "²", "-1", "0", str(10**30), "", "  "])
def test_document_selectors_are_literal(store, selector):
    with pytest.raises(NotFoundError, match="no single document matches"):
        store.document(selector)
    assert store.counts()["documents"] == 2


def test_a_sha_prefix_and_an_id_still_select(store):
    document = store.documents("zhejiang-2023-2025-action-plan")[0]
    assert store.document(document.sha256[:8].upper()).id == document.id
    assert store.document(str(document.id)).id == document.id


def test_a_truncated_or_damaged_cached_vector_is_recomputed(store):
    calls: list[list[str]] = []

    def encode(texts):
        calls.append(list(texts))
        return np.tile(np.array([0.6, 0.8, 0.0], dtype=np.float32), (len(texts), 1))

    cache = TextCache(store)
    texts = ["青岚区对元宇宙企业给予奖励。", "青岚区支持建设创新中心。"]  # fictional
    first = np.vstack(cache.vectors("test-embedder", texts, encode))
    with store.transaction() as conn:
        conn.execute("UPDATE vectors SET data = substr(data, 1, 5) WHERE embedder = 'test-embedder'")
    again = np.vstack(cache.vectors("test-embedder", texts, encode))
    assert np.array_equal(first, again) and len(calls) == 2
    nan = np.array([np.nan, 0.0, 0.0], dtype=np.float32).tobytes()
    with store.transaction() as conn:
        conn.execute("UPDATE vectors SET data = ? WHERE embedder = 'test-embedder'", (nan,))
    assert np.array_equal(np.vstack(cache.vectors("test-embedder", texts, encode)), first) and len(calls) == 3
    assert len(store.cached_vectors("test-embedder", [store_hash(t) for t in texts])) == 2  # rewritten whole
