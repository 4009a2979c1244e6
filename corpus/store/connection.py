"""Opening one SQLite connection, and turning SQLite's own failures into ``StoreError``s.

Every statement runs on a guarded cursor, so a full disk, a lock held too long or a damaged file
reaches the shells as one message naming the database, wherever in the store it happened.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.errors import StoreError
from corpus.store.schema import check_ours

DEFAULT_DB = Path("data") / "corpus.sqlite"
BUSY_TIMEOUT_S = 30


def default_db_path() -> Path:
    """``$POLICY_DB`` or ``data/corpus.sqlite`` relative to the working directory."""
    return Path(os.environ.get("POLICY_DB") or DEFAULT_DB)


def store_error(path: str, exc: sqlite3.Error, busy_timeout: float = BUSY_TIMEOUT_S) -> StoreError:
    """One clear message for a failure of SQLite itself (full disk, lock, damage, permissions)."""
    text = str(exc)
    lower = text.lower()
    if "full" in lower or "cannot rollback" in lower:
        return StoreError(
            path, "the disk (or the database's size limit) is full; nothing of this change was written", "Free some space and try again."
        )
    if "locked" in lower or "busy" in lower:
        return StoreError(
            path,
            f"the database stayed locked by another program for more than {busy_timeout:g} s",
            "Wait until the other ingest or app finishes writing, then try again.",
        )
    if "malformed" in lower or "not a database" in lower or "corrupt" in lower:
        return StoreError(
            path,
            f"the database file is damaged or is not a database ({text})",
            "Restore it from a backup, or point $POLICY_DB at a new file (the shipped corpus is rebuilt in it).",
        )
    if "readonly" in lower or "read-only" in lower:
        return StoreError(
            path, "the database cannot be written (read-only file or folder)", "Check the permissions of $POLICY_DB and its folder."
        )
    if "unable to open" in lower or "disk i/o" in lower:
        return StoreError(
            path, f"the database could not be opened or read ({text})", "Check the path in $POLICY_DB, its disk and permissions."
        )
    return StoreError(path, f"the database failed ({text})", "Try again; if it persists, point $POLICY_DB at a new file.")


class _Cursor(sqlite3.Cursor):
    """A cursor whose SQLite failures arrive as ``StoreError``s naming the database."""

    def _guarded(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # our own mistake, not the database's state: a bug for the shells to report as such
        except sqlite3.Error as exc:
            conn = self.connection
            raise store_error(getattr(conn, "db_path", "database"), exc, getattr(conn, "busy_timeout", BUSY_TIMEOUT_S)) from exc

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:  # type: ignore[override]
        return self._guarded(super().execute, sql, parameters)  # type: ignore[no-any-return]

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> _Cursor:  # type: ignore[override]
        return self._guarded(super().executemany, sql, seq_of_parameters)  # type: ignore[no-any-return]

    def fetchone(self) -> Any:
        return self._guarded(super().fetchone)

    def fetchall(self) -> list[Any]:
        return self._guarded(super().fetchall)  # type: ignore[no-any-return]

    def __next__(self) -> Any:
        return self._guarded(super().__next__)


class _Connection(sqlite3.Connection):
    """A connection whose statements run on ``_Cursor``s (see there)."""

    db_path = "database"
    busy_timeout: float = BUSY_TIMEOUT_S

    def cursor(self, factory: object = _Cursor) -> _Cursor:  # type: ignore[override]
        return super().cursor(factory)  # type: ignore[call-overload, no-any-return]

    def execute(self, sql: str, parameters: object = (), /) -> _Cursor:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: object, /) -> _Cursor:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A guarded connection in WAL mode with foreign keys on, to a database that is ours or new.

    Autocommit (``isolation_level=None``): the store opens its transactions itself.
    """
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=True, factory=_Connection)
    except sqlite3.Error as exc:
        raise store_error(str(path), exc, busy_timeout) from exc
    conn.db_path, conn.busy_timeout = str(path), busy_timeout
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    try:
        check_ours(conn, str(path))
    except StoreError:
        conn.close()
        raise
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(str(path), f"the database could not switch to WAL mode (got {mode})", "Use a local disk for $POLICY_DB.")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn
