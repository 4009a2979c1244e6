"""What every part of the store shares: the database file, a connection per thread, transactions,
the schema's migrations and the ``meta`` table."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import StoreError
from corpus.store.connection import BUSY_TIMEOUT_S, connect, default_db_path
from corpus.store.schema import APPLICATION_ID, _migrations, split_sql

Progress = Callable[[int, int], None]


def text_hash(text: str) -> str:
    """Stable 16-hex-digit hash of a text: a clause body (``clauses.body_hash``) or an embedder's
    input (``vectors.input_hash``, ``analyses.input_hash``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class StoreCore:
    """One SQLite database, migrated on opening; safe to share between threads (one connection each)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.busy_timeout = busy_timeout
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                str(self.path), f"its folder cannot be created ({exc.strerror or exc})", "Check the path in $POLICY_DB."
            ) from exc
        self.migrate()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use (SQLite connections are not shared)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, self.busy_timeout)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any exception."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(StoreError):  # SQLite may have rolled back already (disk full)
                    conn.execute("ROLLBACK")
            raise

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply the numbered migrations this database lacks; return the schema version."""
        migrations = _migrations()
        latest = migrations[-1][0] if migrations else 0
        current = self.schema_version
        if current > latest:
            raise StoreError(
                str(self.path), f"the database has schema {current}, newer than this program's {latest}", "Update policy-compare."
            )
        for number, _name, sql in migrations:
            if number <= current:
                continue
            with self.transaction() as conn:
                if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                    continue  # another process migrated meanwhile
                for statement in split_sql(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return self.schema_version

    def version(self) -> str:
        """The corpus version, a key for caches: it changes with every write to policies, facts,
        documents, clauses, text sources or provenance (counted by SQLite triggers, migration 006),
        never with cached embedding work, and no two databases share one (a random stamp per
        change). One row read, whatever the corpus size."""
        row = self.conn.execute("SELECT counter, stamp FROM changes WHERE id = 1").fetchone()
        return f"{row['counter']}-{row['stamp']}"

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str, conn: sqlite3.Connection | None = None) -> None:
        (conn or self.conn).execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value)
        )
