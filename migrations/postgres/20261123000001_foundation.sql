-- Accounts, sessions, committees, councils, invites, the audit log and notifications.
--
-- Conventions shared with migrations/sqlite (keep the two in step, table by table):
-- ids are random 63-bit integers; times are milliseconds since the Unix epoch; flags are
-- integers 0/1; no IP address or user agent is ever stored.

CREATE TABLE accounts (
    id            BIGINT PRIMARY KEY,
    handle        TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    is_admin      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE committees (
    id             BIGINT PRIMARY KEY,
    name           TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('workplace', 'council')),
    workplace_type TEXT,
    industry       TEXT,
    region         TEXT,
    created_at     BIGINT NOT NULL
);

CREATE TABLE memberships (
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('coordinator', 'member')),
    vouched_by   BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    joined_at    BIGINT NOT NULL,
    PRIMARY KEY (committee_id, account_id)
);
CREATE INDEX memberships_by_account ON memberships (account_id);

-- committee_id is NULL for an administrator's registration invite.
CREATE TABLE invites (
    id           BIGINT PRIMARY KEY,
    code_hash    BYTEA NOT NULL UNIQUE,
    committee_id BIGINT REFERENCES committees (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('member', 'affiliation', 'registration')),
    created_by   BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    max_uses     BIGINT NOT NULL,
    uses         BIGINT NOT NULL DEFAULT 0,
    expires_at   BIGINT NOT NULL,
    revoked      BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL
);
CREATE INDEX invites_by_committee ON invites (committee_id);

-- committee_id is the affiliate; council_id the council it belongs to.
CREATE TABLE affiliations (
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    council_id   BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (committee_id, council_id)
);
CREATE INDEX affiliations_by_council ON affiliations (council_id);

-- seq orders entries; it never leaves the server.
CREATE TABLE audit_log (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    actor_id     BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    action       TEXT    NOT NULL,
    subject_id   BIGINT,
    detail       TEXT    NOT NULL DEFAULT '{}',
    created_at   BIGINT NOT NULL
);
CREATE INDEX audit_log_by_committee ON audit_log (committee_id, seq);

CREATE TABLE notifications (
    id           BIGINT PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    committee_id BIGINT REFERENCES committees (id) ON DELETE CASCADE,
    subject_id   BIGINT,
    detail       TEXT    NOT NULL DEFAULT '{}',
    urgent       BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    read_at      BIGINT
);
CREATE INDEX notifications_by_account ON notifications (account_id, created_at);
