-- Where a policy's text can be fetched (official pages, reprints, mirrors), and where each
-- fetched document came from.
CREATE TABLE text_sources (
    policy_id TEXT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
    origin TEXT NOT NULL CHECK (origin IN ('registry', 'user')),
    seq INTEGER NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('official', 'reprint', 'mirror')),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (policy_id, origin, seq)
);

CREATE TABLE provenance (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    page_url TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('official', 'reprint', 'mirror')),
    attachment TEXT,
    fetched_at TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
