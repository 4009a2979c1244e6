"""Documents and their clauses: the stored texts, written one document per transaction."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass

from corpus.errors import NotFoundError
from corpus.models import Clause, Document, Policy, PolicySummary, Provenance, ReadResult, Segmented
from corpus.store.core import Progress, text_hash
from corpus.store.policies import PolicyTables

_MAX_ROW_ID = 2**63 - 1


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


class DocumentTables(PolicyTables):
    """The ``documents`` and ``clauses`` tables; a document belongs to a policy, so this part
    builds on the policies'."""

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

    def counts(self) -> dict[str, int]:
        c = self.conn
        return {
            "policies": c.execute("SELECT COUNT(*) FROM policies").fetchone()[0],
            "documents": c.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "clauses": c.execute("SELECT COUNT(*) FROM clauses WHERE role = 'body'").fetchone()[0],
        }
