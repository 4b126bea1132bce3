-- Certificates (package certificate), SQLite. Keep in step with
-- ../postgres/0006_certificates.sql: the same tables and columns, only the
-- types differ. Times are Unix microseconds, UTC; days are ISO dates.

-- Issuing rules (certificate.Settings as JSON over the defaults); no row
-- means the defaults.
CREATE TABLE certificate_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    settings           TEXT    NOT NULL,
    updated_at         BIGINT  NOT NULL,
    updated_by_user_id BIGINT  NOT NULL DEFAULT 0
);

-- Ed25519 signing keys, named by their did:key verification method. One is
-- active; retired keys are kept: they still sign the status lists of the
-- certificates they issued (a list must be issued by the certificate's
-- issuer), and a did:web document will list them.
CREATE TABLE certificate_issuer_keys (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id             TEXT    NOT NULL UNIQUE,  -- did:key:z…#z…
    public_key         TEXT    NOT NULL,         -- multibase
    secret             TEXT    NOT NULL,         -- credential.MarshalIssuer JSON
    active             BOOLEAN NOT NULL,
    created_at         BIGINT  NOT NULL,
    created_by_user_id BIGINT  NOT NULL DEFAULT 0,
    retired_at         BIGINT  NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX certificate_issuer_keys_one_active ON certificate_issuer_keys (active) WHERE active;

-- Bitstring status lists, each signed by one key, at the URL under base_url
-- (the instance's address when the list was made: a list keeps the URL its
-- certificates point at). Certificates take the next index of the newest
-- list of the active key and the current address with room left;
-- next_index is that counter.
CREATE TABLE certificate_status_lists (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer_key_id INTEGER NOT NULL REFERENCES certificate_issuer_keys (id),
    size          INTEGER NOT NULL,              -- bits
    base_url      TEXT    NOT NULL,
    next_index    INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX certificate_status_lists_key ON certificate_status_lists (issuer_key_id, base_url, id);

-- The bits of a list for one purpose, as the raw bitstring; version counts
-- the changes (the signed list is cached per version).
CREATE TABLE certificate_status_bits (
    list_id    INTEGER NOT NULL REFERENCES certificate_status_lists (id),
    purpose    TEXT    NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
    version    BIGINT  NOT NULL DEFAULT 0,
    bits       BLOB    NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (list_id, purpose)
);

-- Number counters: the last number drawn per (centre, year); 0 where the
-- number format does not show the centre or the year. Drawn in the
-- transaction that inserts the certificate, so a failed issue returns it.
CREATE TABLE certificate_counters (
    centre_id BIGINT  NOT NULL,
    year      INTEGER NOT NULL,
    last      BIGINT  NOT NULL,
    PRIMARY KEY (centre_id, year)
);

CREATE TABLE certificates (
    id                       INTEGER PRIMARY KEY AUTOINCREMENT,
    number                   TEXT    NOT NULL UNIQUE,
    application_id           INTEGER NOT NULL UNIQUE REFERENCES recognition_applications (id),
    decision_id              INTEGER NOT NULL REFERENCES recognition_decisions (id),
    candidate_id             INTEGER NOT NULL REFERENCES recognition_candidates (id),
    centre_id                INTEGER NOT NULL REFERENCES recognition_centres (id),
    counter_centre           BIGINT  NOT NULL,
    counter_year             INTEGER NOT NULL,
    seq                      BIGINT  NOT NULL,
    holder_name              TEXT    NOT NULL,
    profession               TEXT    NOT NULL,   -- JSON: language → card title
    profession_key           TEXT    NOT NULL,   -- certificate.Key of the titles and the standard code
    level                    INTEGER NOT NULL,
    standard_code            TEXT    NOT NULL,
    standard_version         TEXT    NOT NULL,
    standard_title           TEXT    NOT NULL,   -- JSON
    card                     INTEGER NOT NULL,
    whole                    BOOLEAN NOT NULL,
    units                    TEXT    NOT NULL,   -- JSON array of certificate.Unit
    centre_name              TEXT    NOT NULL,   -- JSON
    centre_bin               TEXT    NOT NULL,
    issued_at                BIGINT  NOT NULL,
    issue_date               TEXT    NOT NULL,
    valid_until              TEXT    NOT NULL,   -- the last day, inclusive
    expires_at               BIGINT  NOT NULL,
    state                    TEXT    NOT NULL CHECK (state IN ('valid', 'suspended', 'revoked')),
    state_reason             TEXT    NOT NULL DEFAULT '',
    state_changed_at         BIGINT  NOT NULL,
    state_changed_by_user_id BIGINT  NOT NULL DEFAULT 0,
    demo                     BOOLEAN NOT NULL,
    issuer_key_id            INTEGER NOT NULL REFERENCES certificate_issuer_keys (id),
    status_list_id           INTEGER NOT NULL REFERENCES certificate_status_lists (id),
    status_index             INTEGER NOT NULL,
    issued_by_user_id        BIGINT  NOT NULL DEFAULT 0,
    -- Backstops of the counters: a number is never drawn twice.
    UNIQUE (counter_centre, counter_year, seq),
    UNIQUE (status_list_id, status_index)
);
CREATE INDEX certificates_candidate ON certificates (candidate_id, id);

-- The folded words of each holder's name (certificate.Words): the public
-- register's name search joins one row per word searched, each found by
-- this key, instead of scanning every name.
CREATE TABLE certificate_holder_words (
    word           TEXT    NOT NULL,
    certificate_id INTEGER NOT NULL REFERENCES certificates (id),
    PRIMARY KEY (word, certificate_id)
);

-- The signed credential, byte for byte as signed, apart from the row so
-- that lookups and searches do not read it.
CREATE TABLE certificate_credentials (
    certificate_id INTEGER NOT NULL PRIMARY KEY REFERENCES certificates (id),
    credential     BLOB    NOT NULL
);
