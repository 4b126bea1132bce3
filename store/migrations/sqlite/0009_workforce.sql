-- Standards at work (package workforce), SQLite. Keep in step with
-- ../postgres/0009_workforce.sql: the same tables and columns, only the
-- types differ. Times are Unix microseconds, UTC; days are ISO dates;
-- lists and maps are JSON, checked in Go. Members, employees' accounts and
-- action owners are users (foreign keys: this migration comes after the
-- accounts'); the acting users (*created_by_user_id) stay plain integers,
-- 0 being the system.

CREATE TABLE wf_organisations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    kind               TEXT    NOT NULL CHECK (kind IN ('employer', 'education')),
    name               TEXT    NOT NULL,
    bin                TEXT    NOT NULL UNIQUE,
    units              TEXT    NOT NULL DEFAULT '[]', -- JSON array of the unit names
    demo               BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         BIGINT  NOT NULL,
    created_by_user_id BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE wf_members (
    org_id  INTEGER NOT NULL REFERENCES wf_organisations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT    NOT NULL CHECK (role IN ('hr', 'head', 'methodologist')),
    unit    TEXT    NOT NULL DEFAULT '',          -- a head's unit
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX wf_members_user ON wf_members (user_id);

-- A position is pinned to a version of its standard; level is the card's,
-- copied when bound. revision is bumped on every change (stale writes are
-- refused).
CREATE TABLE wf_positions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id           INTEGER NOT NULL REFERENCES wf_organisations (id),
    title            TEXT    NOT NULL,
    unit             TEXT    NOT NULL DEFAULT '',
    standard_code    TEXT    NOT NULL,
    standard_version TEXT    NOT NULL,             -- the version key
    card             INTEGER NOT NULL,             -- 0-based index in the standard
    level            INTEGER NOT NULL,
    required         INTEGER NOT NULL,
    required_for     TEXT    NOT NULL DEFAULT '{}', -- JSON: item path → level
    detailed         BOOLEAN NOT NULL DEFAULT FALSE,
    edits            TEXT    NOT NULL DEFAULT '{}', -- JSON: "lang/section" → workforce.Edit
    revision         INTEGER NOT NULL,
    demo             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX wf_positions_org ON wf_positions (org_id, id);

-- No IIN is kept: an employee links to an account and to a candidate
-- record of recognition instead.
CREATE TABLE wf_employees (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       INTEGER NOT NULL REFERENCES wf_organisations (id),
    name         TEXT    NOT NULL,
    unit         TEXT    NOT NULL DEFAULT '',
    position_id  INTEGER REFERENCES wf_positions (id),
    user_id      INTEGER REFERENCES users (id),
    candidate_id INTEGER REFERENCES recognition_candidates (id),
    demo         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX wf_employees_org ON wf_employees (org_id, name, id);
CREATE INDEX wf_employees_user ON wf_employees (user_id) WHERE user_id IS NOT NULL;

-- One row per employee: the ratings as one JSON object (item path →
-- workforce.Rating), read and written whole, and beside them the ratings
-- of the card's units alone (unit_ratings, the same form): what the gap
-- analysis of a whole organisation reads, a fraction of the bytes when
-- abilities and knowledge are rated too. org_id lets an organisation's be
-- read in one query. ratings comes last: SQLite reads a row's columns in
-- order, through the overflow pages of a long value, so the units'
-- ratings before it are read without touching the whole assessment.
CREATE TABLE wf_assessments (
    employee_id INTEGER NOT NULL PRIMARY KEY REFERENCES wf_employees (id),
    org_id      INTEGER NOT NULL REFERENCES wf_organisations (id),
    unit_ratings TEXT    NOT NULL DEFAULT '{}',
    updated_at   BIGINT  NOT NULL,
    ratings      TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX wf_assessments_org ON wf_assessments (org_id);

-- Steps of development plans. A recognition action names a recognition
-- programme, and the application filed from it once linked.
CREATE TABLE wf_actions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         INTEGER NOT NULL REFERENCES wf_organisations (id),
    employee_id    INTEGER NOT NULL REFERENCES wf_employees (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('training', 'mentoring', 'self_study', 'recognition')),
    title          TEXT    NOT NULL,
    items          TEXT    NOT NULL DEFAULT '[]', -- JSON array of item paths
    owner_user_id  INTEGER REFERENCES users (id),
    due            TEXT    NOT NULL,              -- a day
    status         TEXT    NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    progress       INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    programme_id   INTEGER REFERENCES recognition_programmes (id),
    application_id INTEGER REFERENCES recognition_applications (id),
    note           TEXT    NOT NULL DEFAULT '',
    revision       INTEGER NOT NULL,
    demo           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
CREATE INDEX wf_actions_org ON wf_actions (org_id, due, id);
CREATE INDEX wf_actions_employee ON wf_actions (employee_id, due, id);

-- Education providers' programmes: the cards they prepare for and their
-- modules with the learning outcomes, as JSON.
CREATE TABLE wf_edu_programmes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        INTEGER NOT NULL REFERENCES wf_organisations (id),
    speciality    TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    qualification TEXT    NOT NULL DEFAULT '',
    cards         TEXT    NOT NULL DEFAULT '[]', -- JSON array of workforce.CardRef
    modules       TEXT    NOT NULL DEFAULT '[]', -- JSON array of workforce.Module
    revision      INTEGER NOT NULL,
    demo          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX wf_edu_programmes_org ON wf_edu_programmes (org_id, title);
