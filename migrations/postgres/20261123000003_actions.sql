-- Mass action: actions, pledges and their running counts.
-- Keep in step with migrations/sqlite, table by table.

-- What the committee knows of its workplace's whole workforce, members or not: a strike
-- needs the workforce, not just the committee.
ALTER TABLE committees ADD COLUMN estimated_workforce BIGINT;

-- threshold_share is in thousandths. pledged and committees_pledged are kept as pledges are
-- written, in the same transaction; `outnumber admin verify` checks them against the rows.
CREATE TABLE actions (
    id                   BIGINT PRIMARY KEY,
    committee_id         BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    title                TEXT    NOT NULL,
    kind                 TEXT    NOT NULL CHECK (kind IN ('strike', 'walkout', 'sick_out', 'rally', 'boycott', 'march')),
    description          TEXT    NOT NULL DEFAULT '',
    starts_at            BIGINT NOT NULL,
    public               BIGINT NOT NULL DEFAULT 0,
    threshold_pledges    BIGINT,
    threshold_share      BIGINT,
    threshold_committees BIGINT,
    status               TEXT    NOT NULL DEFAULT 'gathering'
                                 CHECK (status IN ('gathering', 'activated', 'cancelled', 'expired')),
    pledged              BIGINT NOT NULL DEFAULT 0,
    committees_pledged   BIGINT NOT NULL DEFAULT 0,
    called_by            BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    created_at           BIGINT NOT NULL,
    activated_at         BIGINT,
    ended_at             BIGINT
);
CREATE INDEX actions_by_committee ON actions (committee_id, created_at);
CREATE INDEX actions_by_status ON actions (status, starts_at);

-- One row per pledge, counted for the committee the pledger belongs to in the action's
-- scope. No time is kept: when someone committed is nobody's business.
CREATE TABLE pledges (
    action_id    BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, account_id)
);

CREATE TABLE action_tallies (
    action_id    BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    pledged      BIGINT NOT NULL,
    PRIMARY KEY (action_id, committee_id)
);

-- Notifications to everyone in an action's scope are written in chunks after the event,
-- so that telling a million people never holds up the pledges; `cursor` is how far it got,
-- and a restart resumes there.
CREATE TABLE fanouts (
    id         BIGINT PRIMARY KEY,
    action_id  BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    event      TEXT    NOT NULL CHECK (event IN ('called', 'activated', 'cancelled', 'expired')),
    cursor     BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
