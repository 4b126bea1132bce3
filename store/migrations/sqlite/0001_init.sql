-- Kasip registry schema, SQLite. Keep in step with ../postgres/0001_init.sql:
-- the same tables and columns, only the types differ.

-- One row per stored version of a standard: what lists, filters and
-- sorting read. The model itself is in models.
CREATE TABLE standards (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    code          TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    title         TEXT    NOT NULL,              -- JSON: language → text
    title_sort    TEXT    NOT NULL,              -- lower-cased best title, for sorting
    family        TEXT    NOT NULL,
    languages     TEXT    NOT NULL,              -- JSON array
    languages_key TEXT    NOT NULL,              -- ",kk,ru," for LIKE filters
    is_generated  BOOLEAN NOT NULL DEFAULT FALSE,
    year          INTEGER NOT NULL DEFAULT 0,
    review_date   TEXT    NOT NULL DEFAULT '',   -- ISO 8601 or ''
    cards         INTEGER NOT NULL DEFAULT 0,
    imported_at   BIGINT  NOT NULL,              -- Unix microseconds, UTC
    is_latest     BOOLEAN NOT NULL DEFAULT FALSE,
    search        TEXT    NOT NULL,              -- lower-cased code and titles
    UNIQUE (code, version)
);
-- At most one latest version per code; the partial indexes serve the
-- list of latest versions in each sort order.
CREATE UNIQUE INDEX standards_one_latest ON standards (code) WHERE is_latest;
CREATE INDEX standards_latest_title ON standards (title_sort, code) WHERE is_latest;
CREATE INDEX standards_latest_review ON standards (review_date, code) WHERE is_latest;
CREATE INDEX standards_latest_imported ON standards (imported_at, id) WHERE is_latest;

-- The kasip.Standard of each version as JSON, apart from standards so that
-- the rows lists and counts scan stay small (a model is tens of kilobytes).
CREATE TABLE models (
    standard_id INTEGER NOT NULL PRIMARY KEY REFERENCES standards (id) ON DELETE CASCADE,
    model       TEXT    NOT NULL
);

-- The documents a version was read from, indexed as in the model's sources.
CREATE TABLE sources (
    standard_id INTEGER NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    size        BIGINT  NOT NULL,
    encoding    TEXT    NOT NULL DEFAULT '',
    language    TEXT    NOT NULL DEFAULT '',
    data        BLOB,                            -- NULL when the file was not given
    PRIMARY KEY (standard_id, idx)
);
CREATE INDEX sources_sha256 ON sources (sha256);

-- The activity classification entries of each version, for the OKED tree.
CREATE TABLE oked (
    standard_id INTEGER NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    pos         INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    title       TEXT    NOT NULL,                -- JSON: language → text
    PRIMARY KEY (standard_id, pos)
);

-- The register of professions: one row per card of the latest version of
-- each standard, upserted on (standard_code, card) so that ids and the
-- recognition mode survive re-imports.
CREATE TABLE professions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT, -- ids are never reused: they appear in URLs
    standard_code    TEXT    NOT NULL,
    card             INTEGER NOT NULL,
    standard_version TEXT    NOT NULL,
    standard_title   TEXT    NOT NULL,           -- JSON
    title            TEXT    NOT NULL,           -- JSON
    codes            TEXT    NOT NULL,           -- JSON array
    codes_key        TEXT    NOT NULL,           -- ",2132,2131,"
    level            INTEGER NOT NULL DEFAULT 0,
    oked_sections    TEXT    NOT NULL,           -- JSON array
    sections_key     TEXT    NOT NULL,           -- ",I,"
    languages        TEXT    NOT NULL,           -- JSON array
    languages_key    TEXT    NOT NULL,
    is_generated     BOOLEAN NOT NULL DEFAULT FALSE,
    recognition      TEXT    NOT NULL DEFAULT 'voluntary'
                     CHECK (recognition IN ('mandatory', 'voluntary')),
    search           TEXT    NOT NULL,
    UNIQUE (standard_code, card)
);
CREATE INDEX professions_level ON professions (level, standard_code, card);

-- A counter every import increments, so that a process can tell cheaply
-- whether derived data it caches (the OKED tree) is still current, even
-- when another process did the import.
CREATE TABLE registry_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);
INSERT INTO registry_state (id, generation) VALUES (1, 0);
