-- Policies (from the registry or added by users), their documents and the documents' clauses.
CREATE TABLE policies (
    id TEXT PRIMARY KEY,
    title TEXT,
    jurisdiction TEXT NOT NULL,
    province TEXT,
    level TEXT CHECK (level IN ('province', 'city', 'district') OR level IS NULL),
    issuer TEXT,
    date_issued TEXT,
    period TEXT,
    source_url TEXT,
    official_url TEXT,
    confidence TEXT,
    status TEXT,
    borderline INTEGER NOT NULL DEFAULT 0,
    counted_in_article TEXT,
    notes TEXT NOT NULL DEFAULT '',
    sources TEXT NOT NULL DEFAULT '[]',
    origin TEXT NOT NULL DEFAULT 'registry' CHECK (origin IN ('registry', 'user'))
);

CREATE TABLE facts (
    policy_id TEXT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    amount REAL,
    unit TEXT NOT NULL,
    measure TEXT NOT NULL,
    condition TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL,
    source_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (policy_id, seq)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    policy_id TEXT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    media_type TEXT NOT NULL,
    encoding TEXT,
    title TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0,
    segmenter TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (policy_id, sha256)
);
CREATE INDEX documents_sha ON documents(sha256);

CREATE TABLE clauses (
    id TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    policy_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('body', 'context')),
    path TEXT NOT NULL,
    number TEXT,
    heading TEXT,
    text TEXT NOT NULL,
    units TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    UNIQUE (document_id, role, seq)
);
CREATE INDEX clauses_policy ON clauses(policy_id, role);
CREATE INDEX clauses_hash ON clauses(text_hash);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
