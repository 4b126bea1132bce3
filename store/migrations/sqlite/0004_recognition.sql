-- Recognition of professional qualifications (package recognition), SQLite.
-- Keep in step with ../postgres/0004_recognition.sql: the same tables and
-- columns, only the types differ. Times are Unix microseconds, UTC (0 =
-- none); days are ISO dates; lists and multilingual texts are JSON. User
-- references are plain *_user_id integers, deliberately without foreign
-- keys, so that this migration does not depend on the accounts schema.

-- The rules the law leaves to regulations: one JSON object over
-- recognition.DefaultSettings(); no row means the defaults.
CREATE TABLE recognition_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    settings           TEXT    NOT NULL,
    updated_at         BIGINT  NOT NULL,
    updated_by_user_id BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE recognition_centres (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT    NOT NULL,           -- JSON: language → text
    bin                TEXT    NOT NULL UNIQUE,
    region             TEXT    NOT NULL DEFAULT '',
    contacts           TEXT    NOT NULL DEFAULT '{}',
    created_at         BIGINT  NOT NULL,
    created_by_user_id BIGINT  NOT NULL DEFAULT 0
);

-- Accreditation certificates; the scope (cards and levels) is JSON, checked
-- in Go. Status expired is also computed from valid_to without a write.
CREATE TABLE recognition_accreditations (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    centre_id                 INTEGER NOT NULL REFERENCES recognition_centres (id),
    number                    TEXT    NOT NULL UNIQUE,
    valid_from                TEXT    NOT NULL,
    valid_to                  TEXT    NOT NULL,  -- the last day, inclusive
    status                    TEXT    NOT NULL
                              CHECK (status IN ('active', 'suspended', 'revoked', 'expired')),
    reason                    TEXT    NOT NULL DEFAULT '',
    scope                     TEXT    NOT NULL,  -- JSON array of recognition.ScopeEntry
    created_at                BIGINT  NOT NULL,
    created_by_user_id        BIGINT  NOT NULL DEFAULT 0,
    status_changed_at         BIGINT  NOT NULL,
    status_changed_by_user_id BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX recognition_accreditations_centre ON recognition_accreditations (centre_id);

CREATE TABLE recognition_assessors (
    centre_id        INTEGER NOT NULL REFERENCES recognition_centres (id),
    user_id          BIGINT  NOT NULL,
    added_at         BIGINT  NOT NULL,
    added_by_user_id BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (centre_id, user_id)
);

-- Qualification programmes. Versions of one programme share a lineage (the
-- id of version 1); only drafts are ever updated.
CREATE TABLE recognition_programmes (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    centre_id           INTEGER NOT NULL REFERENCES recognition_centres (id),
    lineage             BIGINT  NOT NULL,
    version             INTEGER NOT NULL,
    previous_id         INTEGER REFERENCES recognition_programmes (id),
    standard_code       TEXT    NOT NULL,
    standard_version    TEXT    NOT NULL,
    card                INTEGER NOT NULL,
    level               INTEGER NOT NULL,
    title               TEXT    NOT NULL,        -- JSON
    whole               BOOLEAN NOT NULL DEFAULT FALSE,
    units               TEXT    NOT NULL,        -- JSON array of unit paths
    components          TEXT    NOT NULL,        -- JSON array of recognition.Component
    status              TEXT    NOT NULL
                        CHECK (status IN ('draft', 'submitted', 'approved', 'retired')),
    status_reason       TEXT    NOT NULL DEFAULT '',
    author_user_id      BIGINT  NOT NULL,
    approved_by_user_id BIGINT  NOT NULL DEFAULT 0,
    approved_at         BIGINT  NOT NULL DEFAULT 0,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    UNIQUE (lineage, version)
);
CREATE INDEX recognition_programmes_centre ON recognition_programmes (centre_id, status);
CREATE INDEX recognition_programmes_standard ON recognition_programmes (standard_code, card);

CREATE TABLE recognition_questions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id INTEGER NOT NULL REFERENCES recognition_programmes (id),
    text         TEXT    NOT NULL,               -- JSON
    choices      TEXT    NOT NULL DEFAULT '[]',
    correct      TEXT    NOT NULL DEFAULT '[]',
    knowledge    TEXT    NOT NULL                -- JSON array of knowledge item paths
);
CREATE INDEX recognition_questions_programme ON recognition_questions (programme_id, id);

CREATE TABLE recognition_tasks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id INTEGER NOT NULL REFERENCES recognition_programmes (id),
    text         TEXT    NOT NULL,
    criteria     TEXT    NOT NULL DEFAULT '{}',
    abilities    TEXT    NOT NULL DEFAULT '[]',  -- JSON array of ability paths
    units        TEXT    NOT NULL DEFAULT '[]'   -- JSON array of unit paths
);
CREATE INDEX recognition_tasks_programme ON recognition_tasks (programme_id, id);

CREATE TABLE recognition_candidates (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT    NOT NULL,
    iin                TEXT    NOT NULL UNIQUE,
    birth_date         TEXT    NOT NULL,
    sex                TEXT    NOT NULL,
    contacts           TEXT    NOT NULL DEFAULT '{}',
    consent_at         BIGINT  NOT NULL CHECK (consent_at > 0),
    user_id            BIGINT  NOT NULL DEFAULT 0,
    created_at         BIGINT  NOT NULL,
    created_by_user_id BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE recognition_vouchers (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id      INTEGER NOT NULL REFERENCES recognition_candidates (id),
    issued_at         BIGINT  NOT NULL,
    expires_at        BIGINT  NOT NULL,
    year              INTEGER NOT NULL,
    issued_by_user_id BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX recognition_vouchers_candidate ON recognition_vouchers (candidate_id, year);

CREATE TABLE recognition_applications (
    id                            INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id                  INTEGER NOT NULL REFERENCES recognition_candidates (id),
    programme_id                  INTEGER NOT NULL REFERENCES recognition_programmes (id),
    centre_id                     INTEGER NOT NULL REFERENCES recognition_centres (id),
    standard_code                 TEXT    NOT NULL,
    standard_version              TEXT    NOT NULL,
    card                          INTEGER NOT NULL,
    level                         INTEGER NOT NULL,
    route                         TEXT    NOT NULL CHECK (route IN ('self', 'referral', 'voucher')),
    employer_user_id              BIGINT  NOT NULL DEFAULT 0,
    employer_name                 TEXT    NOT NULL DEFAULT '',
    employer_bin                  TEXT    NOT NULL DEFAULT '',
    referral_confirmed_at         BIGINT  NOT NULL DEFAULT 0,
    referral_confirmed_by_user_id BIGINT  NOT NULL DEFAULT 0,
    voucher_id                    INTEGER REFERENCES recognition_vouchers (id),
    state                         TEXT    NOT NULL CHECK (state IN ('submitted', 'accepted', 'rejected',
                                  'scheduled', 'assessed', 'decided', 'appealed', 'redecided', 'closed')),
    state_reason                  TEXT    NOT NULL DEFAULT '',
    state_since                   BIGINT  NOT NULL,
    submitted_at                  BIGINT  NOT NULL,
    created_by_user_id            BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX recognition_applications_centre ON recognition_applications (centre_id, state, id);
CREATE INDEX recognition_applications_candidate ON recognition_applications (candidate_id, id);
CREATE INDEX recognition_applications_voucher ON recognition_applications (voucher_id);

-- Every state change, the submission included: the history is rows, never
-- rewritten.
CREATE TABLE recognition_application_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES recognition_applications (id),
    from_state     TEXT    NOT NULL DEFAULT '',
    to_state       TEXT    NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    actor_user_id  BIGINT  NOT NULL DEFAULT 0,
    at             BIGINT  NOT NULL
);
CREATE INDEX recognition_application_events_app ON recognition_application_events (application_id, id);

CREATE TABLE recognition_sessions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id     INTEGER NOT NULL REFERENCES recognition_applications (id),
    at                 BIGINT  NOT NULL,
    online             BOOLEAN NOT NULL DEFAULT FALSE,
    place              TEXT    NOT NULL DEFAULT '',
    assessors          TEXT    NOT NULL,         -- JSON array of user ids
    created_at         BIGINT  NOT NULL,
    created_by_user_id BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX recognition_sessions_app ON recognition_sessions (application_id, id);

-- One row per (application, component, unit), so that assessors saving
-- different results never write the same row; version guards the same row
-- against lost updates (optimistic concurrency).
CREATE TABLE recognition_results (
    application_id   INTEGER NOT NULL REFERENCES recognition_applications (id),
    component        TEXT    NOT NULL,
    unit             TEXT    NOT NULL,
    score            REAL    NOT NULL,
    passed           BOOLEAN NOT NULL,
    notes            TEXT    NOT NULL DEFAULT '',
    assessor_user_id BIGINT  NOT NULL,
    version          BIGINT  NOT NULL,
    recorded_at      BIGINT  NOT NULL,
    PRIMARY KEY (application_id, component, unit)
);

CREATE TABLE recognition_evidence (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id      INTEGER NOT NULL REFERENCES recognition_applications (id),
    component           TEXT    NOT NULL,
    unit                TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    content_type        TEXT    NOT NULL,
    size                BIGINT  NOT NULL,
    sha256              TEXT    NOT NULL,
    uploaded_by_user_id BIGINT  NOT NULL DEFAULT 0,
    uploaded_at         BIGINT  NOT NULL
);
CREATE INDEX recognition_evidence_app ON recognition_evidence (application_id, id);

-- The bytes apart from the metadata, so that listing evidence reads no file.
CREATE TABLE recognition_evidence_data (
    evidence_id INTEGER NOT NULL PRIMARY KEY REFERENCES recognition_evidence (id),
    data        BLOB    NOT NULL
);

CREATE TABLE recognition_appeals (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id    INTEGER NOT NULL REFERENCES recognition_applications (id),
    decision_id       INTEGER NOT NULL REFERENCES recognition_decisions (id), -- a table declared below: SQLite checks at write time
    reason            TEXT    NOT NULL,
    filed_by_user_id  BIGINT  NOT NULL DEFAULT 0,
    filed_at          BIGINT  NOT NULL
);
CREATE INDEX recognition_appeals_app ON recognition_appeals (application_id, id);

-- Decisions are rows, never updated: a re-decision is a new row naming the
-- appeal it answers.
CREATE TABLE recognition_decisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id   INTEGER NOT NULL REFERENCES recognition_applications (id),
    outcome          TEXT    NOT NULL CHECK (outcome IN ('whole', 'units', 'none')),
    units            TEXT    NOT NULL,           -- JSON array of unit paths
    proposal         TEXT    NOT NULL,           -- JSON recognition.Proposal
    overridden       BOOLEAN NOT NULL,
    reason           TEXT    NOT NULL DEFAULT '',
    assessor_user_id BIGINT  NOT NULL,
    appeal_id        INTEGER REFERENCES recognition_appeals (id),
    decided_at       BIGINT  NOT NULL
);
CREATE INDEX recognition_decisions_app ON recognition_decisions (application_id, id);
