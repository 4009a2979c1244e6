-- A researcher's own policy-instrument code for a clause, overriding the automatic one wherever
-- codes are shown (CLI, app, exports). Keyed by clause id; text_hash is the hash of the clause
-- text it was made for, so a code made for an earlier text is never applied to a changed one.
-- tool NULL means "no instrument".
CREATE TABLE instrument_codes (
    clause_id TEXT PRIMARY KEY,
    text_hash TEXT NOT NULL,
    tool TEXT,
    tools TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    coded_at TEXT NOT NULL
) WITHOUT ROWID;
