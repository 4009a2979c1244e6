"""SQLite store of policies, documents and clauses: the only part of the project that speaks SQL.

One file at ``$POLICY_DB`` (default ``data/corpus.sqlite``), WAL mode, numbered migrations in
``corpus/store/migrations``. Every ingested document is written in one ``BEGIN IMMEDIATE`` …
``COMMIT`` transaction, so a crash mid-ingest leaves the whole document or none of it, and the
same bytes ingested twice change nothing. Connections are per thread, never shared.

``ClauseStore`` is assembled from one part per group of tables (policies, documents and clauses,
text sources, cached embedding work, manual instrument codes) over a shared core (connection,
transactions, migrations, ``meta``), so each concern reads on its own while callers keep one
object and return plain dataclasses.
"""

from __future__ import annotations

from corpus.errors import NotFoundError, StoreError
from corpus.store.caches import CacheTables
from corpus.store.codes import InstrumentCodeTables
from corpus.store.connection import BUSY_TIMEOUT_S, DEFAULT_DB, default_db_path, store_error
from corpus.store.core import Progress, text_hash
from corpus.store.documents import DocumentTables, IngestResult, StoredText
from corpus.store.schema import APPLICATION_ID, MIGRATIONS_DIR, _migrations
from corpus.store.sources import TextSourceTables


class ClauseStore(DocumentTables, TextSourceTables, CacheTables, InstrumentCodeTables):
    """Access to one SQLite database; safe to share between threads (one connection each)."""


__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "DEFAULT_DB",
    "MIGRATIONS_DIR",
    "ClauseStore",
    "IngestResult",
    "NotFoundError",
    "Progress",
    "StoreError",
    "StoredText",
    "_migrations",
    "default_db_path",
    "store_error",
    "text_hash",
]
