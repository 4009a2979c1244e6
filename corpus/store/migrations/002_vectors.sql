-- Cached embedding work, keyed by who computed it and the clause text's hash, so a changed
-- text or a changed embedder can never be served a stale entry.
CREATE TABLE vectors (
    embedder TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (embedder, text_hash)
) WITHOUT ROWID;

-- Token lists of the TF-IDF analyzer: the costly half of TF-IDF, reused when a refit only
-- changes the weights.
CREATE TABLE analyses (
    analyzer TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    tokens TEXT NOT NULL,
    PRIMARY KEY (analyzer, text_hash)
) WITHOUT ROWID;
