-- Accounts, sessions, API tokens and the audit log, SQLite. Keep in step
-- with ../postgres/0003_accounts.sql. Times are Unix microseconds, UTC; 0
-- stands for "never" where a time is optional.

-- Users are never deleted, only disabled: audit entries name them.
-- centre_id and candidate_id point at the recognition tables of a later
-- migration; they stay plain integers (0: none) so that accounts do not
-- depend on them.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    login         TEXT    NOT NULL,              -- as entered
    login_key     TEXT    NOT NULL UNIQUE,       -- auth.NormalizeLogin(login): unique case-insensitively
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL
                  CHECK (role IN ('admin', 'manager', 'assessor', 'candidate', 'employer')),
    centre_id     BIGINT  NOT NULL DEFAULT 0,
    employer      TEXT    NOT NULL DEFAULT '',
    candidate_id  BIGINT  NOT NULL DEFAULT 0,
    password_hash TEXT    NOT NULL DEFAULT '',   -- argon2id PHC string; '' = cannot sign in with a password
    created_at    BIGINT  NOT NULL,
    password_at   BIGINT  NOT NULL DEFAULT 0,    -- when the password was last set
    disabled      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX users_centre ON users (centre_id) WHERE centre_id <> 0;

-- Browser sessions. The token is never stored, only its SHA-256 (hex).
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL,              -- written at most once a minute
    expires_at   BIGINT  NOT NULL,              -- absolute end of the session
    idle_timeout BIGINT  NOT NULL,              -- microseconds without a request that end it
    user_agent   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens: like sessions, only the SHA-256 of the token is kept.
-- Revoked tokens stay listed (revoked_at <> 0) so their owner sees them.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT  NOT NULL DEFAULT 0,
    expires_at   BIGINT  NOT NULL DEFAULT 0,
    revoked_at   BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

-- The append-only, hash-chained audit log (package audit). seq is given by
-- the store (last seq + 1 under the write lock), never by the database, so
-- a rolled-back append leaves no gap. actor is not a foreign key: 0 is the
-- system.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        BIGINT  NOT NULL,
    actor     BIGINT  NOT NULL,
    action    TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    data      TEXT    NOT NULL,                 -- canonical JSON object
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);

-- Refuse changes to written entries. Someone with write access to the file
-- can drop these triggers, which is what the hash chain is for; they stop
-- mistakes and code that should not touch the log.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
