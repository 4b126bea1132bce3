-- Search index (issue 4), SQLite. Keep in step with ../postgres/0002_search.sql.
-- Every version of every standard is flattened into search_docs (one row
-- per item and language, see package search); search_postings lists the
-- analysed terms of each document, so candidate retrieval is the same
-- index lookup on both databases; ranking is computed in Go.
CREATE TABLE search_docs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    standard_id   INTEGER NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    code          TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    is_latest     BOOLEAN NOT NULL DEFAULT FALSE,
    card          INTEGER NOT NULL,              -- -1 for standard-level items
    level         INTEGER NOT NULL DEFAULT 0,
    kind          TEXT    NOT NULL,
    path          TEXT    NOT NULL,
    lang          TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    terms         TEXT    NOT NULL,              -- analysed terms, space-separated, in order
    length        INTEGER NOT NULL,              -- number of terms
    oked_sections TEXT    NOT NULL,              -- ",I,O," for LIKE filters
    card_title    TEXT    NOT NULL,              -- JSON, {} for standard-level items
    generated     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX search_docs_standard ON search_docs (standard_id);
CREATE INDEX search_docs_code ON search_docs (code, path);

-- One row per distinct term of a document. impact is the document's BM25
-- term weight without the idf (field weight × saturated tf, length
-- normalised against a fixed average), times 1000 and rounded: an integer,
-- so both databases order a term's postings alike, best first, and a query
-- reads only the first rows of a frequent term.
CREATE TABLE search_postings (
    term   TEXT    NOT NULL,
    doc_id INTEGER NOT NULL, -- search_docs.id; removed with its document by the indexer
    tf     INTEGER NOT NULL,
    impact INTEGER NOT NULL,
    PRIMARY KEY (term, impact DESC, doc_id)
) WITHOUT ROWID;
-- The table is its own index by term (best impact first); a separate index
-- of the same keys would double the cost of an import.

-- Document frequency of every term over search_docs, with a surface word
-- for "did you mean".
CREATE TABLE search_vocab (
    term TEXT    NOT NULL PRIMARY KEY,
    df   INTEGER NOT NULL,
    word TEXT    NOT NULL
);

-- Collection statistics for BM25.
CREATE TABLE search_stats (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    docs   BIGINT  NOT NULL,
    length BIGINT  NOT NULL
);
INSERT INTO search_stats (id, docs, length) VALUES (1, 0, 0);
