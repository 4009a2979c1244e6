"""SQLite store of policies, documents and clauses.

One file at ``$POLICY_DB`` (default ``data/corpus.sqlite``), WAL mode, numbered migrations in
``corpus/migrations``. Every ingested document is written in one ``BEGIN IMMEDIATE`` …
``COMMIT`` transaction, so a crash mid-ingest leaves the whole document or none of it, and the
same bytes ingested twice change nothing. Connections are per thread, never shared.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import NotFoundError, StoreError
from corpus.models import Clause, Document, Fact, InstrumentCode, Policy, PolicySummary, Provenance, ReadResult, Segmented, TextSource

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DEFAULT_DB = Path("data") / "corpus.sqlite"

Progress = Callable[[int, int], None]
APPLICATION_ID = 0x50436D70  # "PCmp" in the SQLite header: marks a database as ours
BUSY_TIMEOUT_S = 30
_MAX_ROW_ID = 2**63 - 1


def default_db_path() -> Path:
    """``$POLICY_DB`` or ``data/corpus.sqlite`` relative to the working directory."""
    return Path(os.environ.get("POLICY_DB") or DEFAULT_DB)


def text_hash(text: str) -> str:
    """Stable 16-hex-digit hash of a text: a clause body (``clauses.body_hash``) or an embedder's
    input (``vectors.input_hash``, ``analyses.input_hash``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_TOKEN_SEP = "\x1f"
_CHUNK = 500  # hashes per IN (...) query, well under SQLite's variable limit


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        found.append((int(path.name[:3]), path.name, path.read_text(encoding="utf-8")))
    return found


def _our_tables() -> set[str]:
    """Every table our migrations create: a database holding any other is not ours."""
    return {name for _n, _f, sql in _migrations() for name in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", sql)}


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


@dataclass(frozen=True)
class IngestResult:
    """What ``ClauseStore.add_document`` did: ``created`` is False when the bytes were already stored."""

    policy_id: str
    document_id: int
    created: bool
    n_clauses: int
    title: str
    warnings: tuple[str, ...] = ()  # what the reader skipped (see ``ReadResult.warnings``)


@dataclass(frozen=True)
class StoredText:
    """A stored document's own text, for re-segmenting it."""

    document_id: int
    policy_id: str
    title: str
    text: str


class ClauseStore:
    """Access to one SQLite database; safe to share between threads (one connection each)."""

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

    # --- connection and schema ---------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=True, factory=_Connection
                )
            except sqlite3.Error as exc:
                raise store_error(str(self.path), exc, self.busy_timeout) from exc
            conn.db_path, conn.busy_timeout = str(self.path), self.busy_timeout
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            try:
                self._check_ours(conn)
            except StoreError:
                conn.close()
                raise
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(
                    str(self.path), f"the database could not switch to WAL mode (got {mode})", "Use a local disk for $POLICY_DB."
                )
            conn.execute("PRAGMA synchronous = NORMAL")
            self._local.conn = conn
        return conn

    def _check_ours(self, conn: sqlite3.Connection) -> None:
        """Refuse, before writing a byte, a database another application made.

        Ours carries our application id; one made before the id existed holds only tables our
        migrations create and has a schema version; an empty file is new.
        """
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id == APPLICATION_ID:
            return
        tables = {
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")
        }
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        foreign = sorted(tables - _our_tables())
        if app_id != 0 or foreign or (tables and version == 0):
            shown = ", ".join(foreign[:5]) or ", ".join(sorted(tables)[:5])
            raise StoreError(
                str(self.path),
                f"this SQLite file belongs to another application (tables policy-compare did not create: {shown})"
                if foreign or tables
                else f"this SQLite file belongs to another application (application id {app_id:#x})",
                "Nothing was written to it. Point $POLICY_DB at a new file or at a policy-compare database.",
            )

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
                for statement in _split_sql(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return self.schema_version

    # --- metadata ------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str, conn: sqlite3.Connection | None = None) -> None:
        (conn or self.conn).execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value)
        )

    # --- policies --------------------------------------------------------------------------

    def upsert_policies(self, policies: Sequence[Policy], *, replace_facts: bool = True, conn: sqlite3.Connection | None = None) -> None:
        """Insert or update policies (and their facts) in the caller's transaction or a new one."""
        if conn is None:
            with self.transaction() as own:
                self.upsert_policies(policies, replace_facts=replace_facts, conn=own)
            return
        for p in policies:
            conn.execute(
                """INSERT INTO policies (id, title, jurisdiction, province, level, issuer, date_issued, period,
                       source_url, official_url, confidence, status, borderline, counted_in_article, notes, sources, origin)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title = excluded.title, jurisdiction = excluded.jurisdiction,
                       province = excluded.province, level = excluded.level, issuer = excluded.issuer,
                       date_issued = excluded.date_issued, period = excluded.period, source_url = excluded.source_url,
                       official_url = excluded.official_url, confidence = excluded.confidence, status = excluded.status,
                       borderline = excluded.borderline, counted_in_article = excluded.counted_in_article,
                       notes = excluded.notes, sources = excluded.sources, origin = excluded.origin""",
                (
                    p.id,
                    p.title,
                    p.jurisdiction,
                    p.province,
                    p.level,
                    p.issuer,
                    p.date,
                    p.period,
                    p.source_url,
                    p.official_url,
                    p.confidence,
                    p.status,
                    int(p.borderline),
                    p.counted_in_article,
                    p.notes,
                    json.dumps(list(p.sources), ensure_ascii=False),
                    p.origin,
                ),
            )
            if replace_facts:
                conn.execute("DELETE FROM facts WHERE policy_id = ?", (p.id,))
                conn.executemany(
                    "INSERT INTO facts (policy_id, seq, kind, item, amount, unit, measure, condition, source_url, source_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (p.id, i, f.kind, f.item, f.amount, f.unit, f.measure, f.condition, f.source_url, f.source_note)
                        for i, f in enumerate(p.facts)
                    ],
                )

    def _facts(self, policy_id: str) -> tuple[Fact, ...]:
        rows = self.conn.execute("SELECT * FROM facts WHERE policy_id = ? ORDER BY seq", (policy_id,)).fetchall()
        return tuple(
            Fact(r["kind"], r["item"], r["amount"], r["unit"], r["measure"], r["condition"], r["source_url"], r["source_note"])
            for r in rows
        )

    def _policy(self, row: sqlite3.Row) -> Policy:
        return Policy(
            id=row["id"],
            title=row["title"],
            jurisdiction=row["jurisdiction"],
            province=row["province"],
            level=row["level"],
            issuer=row["issuer"],
            date=row["date_issued"],
            period=row["period"],
            source_url=row["source_url"],
            confidence=row["confidence"],
            notes=row["notes"],
            origin=row["origin"],
            status=row["status"],
            borderline=bool(row["borderline"]),
            official_url=row["official_url"],
            counted_in_article=row["counted_in_article"],
            facts=self._facts(row["id"]),
            sources=tuple(json.loads(row["sources"])),
        )

    def has_policy(self, policy_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM policies WHERE id = ?", (policy_id,)).fetchone() is not None

    def policy(self, policy_id: str) -> Policy:
        row = self.conn.execute("SELECT * FROM policies WHERE id = ?", (policy_id,)).fetchone()
        if row is None:
            raise NotFoundError(policy_id, "no policy with this id", "Run `python -m corpus list` to see the ids.")
        return self._policy(row)

    def policies(self) -> list[Policy]:
        rows = self.conn.execute("SELECT * FROM policies ORDER BY date_issued IS NULL, date_issued, id").fetchall()
        return [self._policy(r) for r in rows]

    def summaries(self) -> list[PolicySummary]:
        """Every policy with its documents and clause counts, oldest first, undated last."""
        docs: dict[str, list[Document]] = {}
        for d in self.documents():
            docs.setdefault(d.policy_id, []).append(d)
        out = []
        for p in self.policies():
            own = docs.get(p.id, [])
            primary = next((d for d in own if d.is_primary), None)
            out.append(PolicySummary(p, len(own), primary.n_clauses if primary else 0, primary, tuple(own)))
        return out

    # --- documents and clauses ----------------------------------------------------------------

    def _document(self, row: sqlite3.Row) -> Document:
        return Document(
            id=row["id"],
            policy_id=row["policy_id"],
            sha256=row["sha256"],
            source=row["source"],
            media_type=row["media_type"],
            title=row["title"],
            fetched_at=row["fetched_at"],
            is_primary=bool(row["is_primary"]),
            n_clauses=row["n_clauses"],
        )

    def _select_documents(self, where: str = "", params: tuple[object, ...] = ()) -> list[Document]:
        rows = self.conn.execute(
            "SELECT d.*, (SELECT COUNT(*) FROM clauses c WHERE c.document_id = d.id AND c.role = 'body') AS n_clauses"
            f" FROM documents d {where} ORDER BY d.policy_id, d.is_primary DESC, d.id",
            params,
        ).fetchall()
        return [self._document(r) for r in rows]

    def documents(self, policy_id: str | None = None) -> list[Document]:
        """Documents of one policy (primary first) or of all policies."""
        return self._select_documents() if policy_id is None else self._select_documents("WHERE d.policy_id = ?", (policy_id,))

    def document(self, selector: str | int) -> Document:
        """A document by numeric id or by sha256 prefix (at least 6 hex digits, matched literally)."""
        text = str(selector).strip().lower()
        if isinstance(selector, int) or (text.isascii() and text.isdigit()):
            number = int(selector)
            found = self._select_documents("WHERE d.id = ?", (number,)) if 0 < number <= _MAX_ROW_ID else []
        elif re.fullmatch(r"[0-9a-f]{6,64}", text):
            found = self._select_documents("WHERE substr(d.sha256, 1, ?) = ?", (len(text), text))
        else:
            found = []
        if len(found) != 1:
            raise NotFoundError(str(selector), "no single document matches", "Use `python -m corpus show POLICY` to see document ids.")
        return found[0]

    def primary_document(self, policy_id: str) -> Document | None:
        return next((d for d in self.documents(policy_id) if d.is_primary), None)

    def document_text(self, document_id: int) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(str(document_id), "no such document", "")
        return str(row[0])

    def find_sha(self, sha256: str) -> list[Document]:
        return self._select_documents("WHERE d.sha256 = ?", (sha256,))

    @staticmethod
    def _clause(row: sqlite3.Row) -> Clause:
        return Clause(
            row["id"],
            tuple(json.loads(row["path"])),
            row["number"],
            row["heading"],
            row["text"],
            tuple(json.loads(row["units"])),
            row["role"],
        )

    def clauses(self, policy_id: str, *, document_id: int | None = None, role: str = "body") -> list[Clause]:
        """Clauses of a policy's primary document (or of ``document_id``) in reading order;
        empty when the policy has no text."""
        if document_id is None:
            primary = self.primary_document(policy_id)
            if primary is None:
                return []
            document_id = primary.id
        rows = self.conn.execute("SELECT * FROM clauses WHERE document_id = ? AND role = ? ORDER BY seq", (document_id, role)).fetchall()
        return [self._clause(r) for r in rows]

    def all_clauses(self, role: str = "body", primary_only: bool = True) -> list[tuple[str, Clause]]:
        """(policy id, clause) for the whole corpus, in policy then reading order."""
        sql = """SELECT c.* FROM clauses c JOIN documents d ON d.id = c.document_id
                 WHERE c.role = ? {primary} ORDER BY c.policy_id, c.document_id, c.seq"""
        rows = self.conn.execute(sql.format(primary="AND d.is_primary = 1" if primary_only else ""), (role,)).fetchall()
        return [(r["policy_id"], self._clause(r)) for r in rows]

    def clause_rows(self) -> list[tuple[str, int, bool, Clause]]:
        """(policy id, document id, primary?, clause) of every stored clause, body and context."""
        sql = """SELECT c.*, d.is_primary FROM clauses c JOIN documents d ON d.id = c.document_id
                 ORDER BY c.policy_id, c.document_id, c.role, c.seq"""
        return [(r["policy_id"], int(r["document_id"]), bool(r["is_primary"]), self._clause(r)) for r in self.conn.execute(sql)]

    def version(self) -> str:
        """Changes whenever a policy, document or primary choice changes: a key for caches."""
        h = hashlib.sha256()
        for row in self.conn.execute("SELECT id, sha256, is_primary, segmenter FROM documents ORDER BY id"):
            h.update(repr(tuple(row)).encode())
        for row in self.conn.execute("SELECT id, date_issued, level, province, title FROM policies ORDER BY id"):
            h.update(repr(tuple(row)).encode())
        return h.hexdigest()[:16]

    def clause(self, clause_id: str) -> tuple[str, Clause]:
        row = self.conn.execute("SELECT * FROM clauses WHERE id = ?", (clause_id,)).fetchone()
        if row is None:
            raise NotFoundError(clause_id, "no clause with this id", "")
        return row["policy_id"], self._clause(row)

    def add_document(
        self,
        read: ReadResult,
        segmented: Segmented,
        policy: Policy,
        *,
        primary: bool | None = None,
        progress: Progress | None = None,
        provenance: Provenance | None = None,
    ) -> IngestResult:
        """Store one document and its clauses in a single transaction.

        The policy is created if the store lacks it. The first document of a policy becomes
        its primary one unless ``primary`` says otherwise. Idempotent on (policy, sha256).
        ``progress(done, total)`` is called as clauses are written; ``provenance`` (for a
        fetched text) is written in the same transaction.
        """
        prefix = f"{policy.id}/{read.sha256[:8]}/"
        with self.transaction() as conn:
            existing = conn.execute("SELECT id FROM documents WHERE policy_id = ? AND sha256 = ?", (policy.id, read.sha256)).fetchone()
            if existing is not None:
                n = conn.execute("SELECT COUNT(*) FROM clauses WHERE document_id = ? AND role = 'body'", (existing[0],)).fetchone()[0]
                return IngestResult(policy.id, int(existing[0]), False, int(n), segmented.title)
            if conn.execute("SELECT 1 FROM policies WHERE id = ?", (policy.id,)).fetchone() is None:
                self.upsert_policies([policy], conn=conn)
            has_primary = (
                conn.execute("SELECT 1 FROM documents WHERE policy_id = ? AND is_primary = 1", (policy.id,)).fetchone() is not None
            )
            make_primary = (not has_primary) if primary is None else primary
            if make_primary:
                conn.execute("UPDATE documents SET is_primary = 0 WHERE policy_id = ?", (policy.id,))
            cur = conn.execute(
                "INSERT INTO documents (policy_id, sha256, source, media_type, encoding, title, fetched_at, is_primary, segmenter, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    policy.id,
                    read.sha256,
                    read.source,
                    read.media_type,
                    read.encoding,
                    segmented.title,
                    time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    int(make_primary),
                    segmented.segmenter,
                    read.text,
                ),
            )
            document_id = int(cur.lastrowid or 0)
            self._write_clauses(conn, document_id, policy.id, prefix, segmented, progress)
            if provenance is not None:
                p = provenance
                conn.execute(
                    "INSERT INTO provenance (document_id, page_url, url, kind, attachment, fetched_at, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (document_id, p.page_url, p.url, p.kind, p.attachment, p.fetched_at, p.sha256),
                )
        return IngestResult(policy.id, document_id, True, len(segmented.clauses), segmented.title)

    @staticmethod
    def _write_clauses(
        conn: sqlite3.Connection, document_id: int, policy_id: str, prefix: str, segmented: Segmented, progress: Progress | None
    ) -> None:
        rows = [*segmented.clauses, *segmented.context]
        for i, clause in enumerate(rows, 1):
            seq = int(clause.id[1:]) if clause.id.startswith("n") else int(clause.id)
            conn.execute(
                "INSERT INTO clauses (id, document_id, policy_id, seq, role, path, number, heading, text, units, body_hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    prefix + clause.id,
                    document_id,
                    policy_id,
                    seq,
                    clause.role,
                    json.dumps(list(clause.path), ensure_ascii=False),
                    clause.number,
                    clause.heading,
                    clause.text,
                    json.dumps(list(clause.units), ensure_ascii=False),
                    text_hash(clause.text),
                ),
            )
            if progress is not None:
                progress(i, len(rows))

    def stale_documents(self, segmenter: str) -> list[StoredText]:
        """Documents whose clauses another segmenter than ``segmenter`` (the current version) wrote."""
        rows = self.conn.execute("SELECT id, policy_id, title, text FROM documents WHERE segmenter != ? ORDER BY id", (segmenter,))
        return [StoredText(int(r["id"]), r["policy_id"], r["title"], r["text"]) for r in rows]

    def replace_clauses(self, document_id: int, segmented: Segmented) -> None:
        """Swap a document's clauses for a new segmentation of the same text, atomically."""
        with self.transaction() as conn:
            row = conn.execute("SELECT policy_id, sha256 FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                raise NotFoundError(str(document_id), "no such document", "")
            conn.execute("DELETE FROM clauses WHERE document_id = ?", (document_id,))
            self._write_clauses(conn, document_id, row["policy_id"], f"{row['policy_id']}/{row['sha256'][:8]}/", segmented, None)
            conn.execute("UPDATE documents SET segmenter = ?, title = ? WHERE id = ?", (segmented.segmenter, segmented.title, document_id))

    def set_primary(self, document_id: int) -> None:
        with self.transaction() as conn:
            row = conn.execute("SELECT policy_id FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                raise NotFoundError(str(document_id), "no such document", "")
            conn.execute("UPDATE documents SET is_primary = (id = ?) WHERE policy_id = ?", (document_id, row[0]))

    def delete_document(self, document_id: int) -> None:
        """Remove a document and its clauses; another document of the policy becomes primary."""
        with self.transaction() as conn:
            row = conn.execute("SELECT policy_id, is_primary FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                raise NotFoundError(str(document_id), "no such document", "")
            conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            if row["is_primary"]:
                conn.execute(
                    "UPDATE documents SET is_primary = 1 WHERE id = (SELECT MIN(id) FROM documents WHERE policy_id = ?)",
                    (row["policy_id"],),
                )

    # --- text sources and provenance -------------------------------------------------------------

    def set_text_sources(
        self, policy_id: str, sources: Sequence[TextSource], *, origin: str, conn: sqlite3.Connection | None = None
    ) -> None:
        """Replace the ``origin`` ("registry" or "user") addresses of a policy, in order."""
        if conn is None:
            with self.transaction() as own:
                self.set_text_sources(policy_id, sources, origin=origin, conn=own)
            return
        conn.execute("DELETE FROM text_sources WHERE policy_id = ? AND origin = ?", (policy_id, origin))
        conn.executemany(
            "INSERT INTO text_sources (policy_id, origin, seq, url, kind, note) VALUES (?, ?, ?, ?, ?, ?)",
            [(policy_id, origin, i, s.url, s.kind, s.note) for i, s in enumerate(sources)],
        )

    def text_sources(self, policy_id: str) -> list[TextSource]:
        """A policy's known addresses: the user's first, then the registry's, each in order."""
        rows = self.conn.execute(
            "SELECT * FROM text_sources WHERE policy_id = ? ORDER BY origin = 'registry', seq", (policy_id,)
        ).fetchall()
        return [TextSource(r["url"], r["kind"], r["note"], r["origin"]) for r in rows]

    def provenance(self, policy_id: str | None = None) -> dict[int, Provenance]:
        """Provenance of fetched documents (of one policy or all), by document id."""
        sql = "SELECT p.* FROM provenance p JOIN documents d ON d.id = p.document_id"
        rows = self.conn.execute(sql + (" WHERE d.policy_id = ?" if policy_id else ""), (policy_id,) if policy_id else ()).fetchall()
        return {
            int(r["document_id"]): Provenance(r["page_url"], r["url"], r["kind"], r["fetched_at"], r["sha256"], r["attachment"])
            for r in rows
        }

    # --- cached embedding work -----------------------------------------------------------------

    def _cached(self, sql: str, key: str, hashes: Sequence[str]) -> list[sqlite3.Row]:
        unique = sorted(set(hashes))
        rows: list[sqlite3.Row] = []
        for i in range(0, len(unique), _CHUNK):
            part = unique[i : i + _CHUNK]
            rows.extend(self.conn.execute(sql.format(marks=",".join("?" * len(part))), (key, *part)))
        return rows

    def cached_vectors(self, embedder_id: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored float32 vectors of these text hashes computed by ``embedder_id``. Absent ones
        are left out, and so are damaged ones (bytes that do not hold ``dim`` finite floats, or
        lengths that disagree), so that they are recomputed rather than served."""
        sql = "SELECT input_hash, dim, data FROM vectors WHERE embedder = ? AND input_hash IN ({marks})"
        found = {
            r["input_hash"]: v for r in self._cached(sql, embedder_id, hashes) if (v := _stored_vector(r["dim"], r["data"])) is not None
        }
        if len({v.shape[0] for v in found.values()}) > 1:  # one embedder's vectors disagree: trust none
            return {}
        return found

    def save_vectors(self, embedder_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors by text hash for ``embedder_id``, in one transaction."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO vectors (embedder, input_hash, dim, data) VALUES (?, ?, ?, ?)",
                [(embedder_id, h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
            )

    def cached_tokens(self, analyzer_id: str, hashes: Sequence[str]) -> dict[str, list[str]]:
        """The stored token lists of these text hashes made by ``analyzer_id`` (absent ones left out)."""
        sql = "SELECT input_hash, tokens FROM analyses WHERE analyzer = ? AND input_hash IN ({marks})"
        return {r["input_hash"]: r["tokens"].split(_TOKEN_SEP) if r["tokens"] else [] for r in self._cached(sql, analyzer_id, hashes)}

    def save_tokens(self, analyzer_id: str, tokens: Mapping[str, Sequence[str]]) -> None:
        """Store token lists by text hash for ``analyzer_id``, in one transaction."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO analyses (analyzer, input_hash, tokens) VALUES (?, ?, ?)",
                [(analyzer_id, h, _TOKEN_SEP.join(t)) for h, t in tokens.items()],
            )

    def cache_counts(self) -> dict[str, int]:
        """Rows of cached embedding work: ``vectors`` and ``analyses`` (token lists)."""
        c = self.conn
        return {
            "vectors": c.execute("SELECT COUNT(*) FROM vectors").fetchone()[0],
            "analyses": c.execute("SELECT COUNT(*) FROM analyses").fetchone()[0],
        }

    def delete_policy(self, policy_id: str) -> None:
        """Remove a policy and, by cascade, its facts, documents, clauses, text sources and
        provenance, plus the manual instrument codes of its clauses, in one transaction."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM policies WHERE id = ?", (policy_id,)).fetchone() is None:
                raise NotFoundError(policy_id, "no policy with this id", "Run `python -m corpus list` to see the ids.")
            conn.execute("DELETE FROM instrument_codes WHERE clause_id IN (SELECT id FROM clauses WHERE policy_id = ?)", (policy_id,))
            conn.execute("DELETE FROM policies WHERE id = ?", (policy_id,))

    def counts(self) -> dict[str, int]:
        c = self.conn
        return {
            "policies": c.execute("SELECT COUNT(*) FROM policies").fetchone()[0],
            "documents": c.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "clauses": c.execute("SELECT COUNT(*) FROM clauses WHERE role = 'body'").fetchone()[0],
        }

    # --- manual instrument codes ---------------------------------------------------------------

    def instrument_codes(self) -> dict[str, InstrumentCode]:
        """Every manual instrument code, by clause id (an empty dict when there are none)."""
        rows = self.conn.execute("SELECT * FROM instrument_codes ORDER BY clause_id").fetchall()
        return {
            r["clause_id"]: InstrumentCode(
                r["clause_id"], r["text_hash"], r["tool"], tuple(json.loads(r["tools"])), r["note"], r["author"], r["coded_at"]
            )
            for r in rows
        }

    def set_instrument_code(self, code: InstrumentCode) -> None:
        """Store (or replace) the manual code of a stored clause; an unknown clause id is an error."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM clauses WHERE id = ?", (code.clause_id,)).fetchone() is None:
                raise NotFoundError(code.clause_id, "no clause with this id", "Only stored clauses can be coded by hand.")
            conn.execute(
                """INSERT INTO instrument_codes (clause_id, text_hash, tool, tools, note, author, coded_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(clause_id) DO UPDATE SET text_hash = excluded.text_hash, tool = excluded.tool,
                       tools = excluded.tools, note = excluded.note, author = excluded.author, coded_at = excluded.coded_at""",
                (code.clause_id, code.text_hash, code.tool, json.dumps(list(code.tools)), code.note, code.author, code.coded_at),
            )

    def delete_instrument_code(self, clause_id: str) -> bool:
        """Remove a clause's manual code (the automatic one applies again); False if it had none."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM instrument_codes WHERE clause_id = ?", (clause_id,)).rowcount > 0


def _stored_vector(dim: object, data: object) -> np.ndarray | None:
    """A cached vector, or None when its bytes are not ``dim`` finite float32 values."""
    if not isinstance(data, bytes) or not isinstance(dim, int) or dim <= 0 or len(data) != 4 * dim:
        return None
    vector = np.frombuffer(data, dtype=np.float32)
    return vector if bool(np.isfinite(vector).all()) else None


def _split_sql(script: str) -> list[str]:
    """Statements of a migration file (no semicolons inside string literals in our files)."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).strip())
            current = []
    if "".join(current).strip():
        statements.append("\n".join(current).strip())
    return [s for s in statements if s]
