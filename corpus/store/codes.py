"""A researcher's own policy-instrument codes for clauses, which override the automatic ones."""

from __future__ import annotations

import json

from corpus.errors import NotFoundError
from corpus.models import InstrumentCode
from corpus.store.core import StoreCore


class InstrumentCodeTables(StoreCore):
    """The ``instrument_codes`` table."""

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
