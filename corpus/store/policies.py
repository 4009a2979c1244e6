"""Policies and their registry facts: what is known about a policy, with or without its text."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from corpus.errors import NotFoundError
from corpus.models import Fact, Policy
from corpus.store.core import StoreCore


class PolicyTables(StoreCore):
    """The ``policies`` and ``facts`` tables."""

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

    def delete_policy(self, policy_id: str) -> None:
        """Remove a policy and, by cascade, its facts, documents, clauses, text sources and
        provenance, plus the manual instrument codes of its clauses, in one transaction."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM policies WHERE id = ?", (policy_id,)).fetchone() is None:
                raise NotFoundError(policy_id, "no policy with this id", "Run `python -m corpus list` to see the ids.")
            conn.execute("DELETE FROM instrument_codes WHERE clause_id IN (SELECT id FROM clauses WHERE policy_id = ?)", (policy_id,))
            conn.execute("DELETE FROM policies WHERE id = ?", (policy_id,))
