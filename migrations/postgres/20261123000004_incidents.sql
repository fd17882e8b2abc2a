-- Defense: incidents reported by members, confirmations and responders.
-- Keep in step with migrations/sqlite, table by table.

-- reach_level 0 reaches the reporting committee and the committees affiliated directly to
-- its councils; each widening adds one council level. After the retention period the
-- summary, location, note and reporter are erased (erased_at set), and confirmations and
-- responders deleted: what remains is kind, time, committee and outcome.
CREATE TABLE incidents (
    id              BIGINT PRIMARY KEY,
    committee_id    BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    reported_by     BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    kind            TEXT    NOT NULL
                            CHECK (kind IN ('raid', 'detention', 'staging', 'attack', 'retaliation', 'other')),
    urgency         TEXT    NOT NULL CHECK (urgency IN ('now', 'soon', 'info')),
    summary         TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'withdrawn')),
    reach_level     BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    resolved_at     BIGINT,
    resolution_note TEXT,
    erased_at       BIGINT
);
CREATE INDEX incidents_by_committee ON incidents (committee_id, created_at);
CREATE INDEX incidents_to_erase ON incidents (erased_at, created_at);

CREATE TABLE incident_confirmations (
    incident_id BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, account_id)
);

CREATE TABLE incident_responders (
    incident_id BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('witness', 'legal', 'support')),
    PRIMARY KEY (incident_id, account_id)
);

CREATE INDEX notifications_by_subject ON notifications (subject_id);
