-- Name each hash for what it hashes: a clause's body (``clauses``), or the text an embedder was
-- given, heading and body (``vectors``, ``analyses``). Both were called text_hash.
ALTER TABLE clauses RENAME COLUMN text_hash TO body_hash;
ALTER TABLE vectors RENAME COLUMN text_hash TO input_hash;
ALTER TABLE analyses RENAME COLUMN text_hash TO input_hash;
