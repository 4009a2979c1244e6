"""Where a policy's text can be fetched, and where each fetched document came from."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from corpus.models import Provenance, TextSource
from corpus.store.core import StoreCore


class TextSourceTables(StoreCore):
    """The ``text_sources`` and ``provenance`` tables."""

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
