-- The corpus version, kept by SQLite itself: every write to what comparisons, briefings and the
-- app's caches read (policies, facts, documents, clauses, text sources, provenance) counts one
-- change, by trigger, so no write path can forget it. Cached embedding work, instrument codes and
-- meta are left out: writing a cached vector must not invalidate the caches it fills. The stamp
-- is drawn at random at every change (and at creation), so two databases, even two copies of one
-- file that were then changed apart, never show the same version.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL,
    stamp TEXT NOT NULL
);
INSERT INTO changes (id, counter, stamp) VALUES (1, 0, lower(hex(randomblob(8))));

CREATE TRIGGER policies_insert_counts AFTER INSERT ON policies BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER policies_update_counts AFTER UPDATE ON policies BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER policies_delete_counts AFTER DELETE ON policies BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER facts_insert_counts AFTER INSERT ON facts BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER facts_update_counts AFTER UPDATE ON facts BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER facts_delete_counts AFTER DELETE ON facts BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER documents_insert_counts AFTER INSERT ON documents BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER documents_update_counts AFTER UPDATE ON documents BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER documents_delete_counts AFTER DELETE ON documents BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER clauses_insert_counts AFTER INSERT ON clauses BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER clauses_update_counts AFTER UPDATE ON clauses BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER clauses_delete_counts AFTER DELETE ON clauses BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER text_sources_insert_counts AFTER INSERT ON text_sources BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER text_sources_update_counts AFTER UPDATE ON text_sources BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER text_sources_delete_counts AFTER DELETE ON text_sources BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER provenance_insert_counts AFTER INSERT ON provenance BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER provenance_update_counts AFTER UPDATE ON provenance BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
CREATE TRIGGER provenance_delete_counts AFTER DELETE ON provenance BEGIN UPDATE changes SET counter = counter + 1, stamp = lower(hex(randomblob(8))); END;
