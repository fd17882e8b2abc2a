-- Meetings, motions and ballots, delegates, demands and programs.
-- Keep in step with migrations/sqlite, table by table.

CREATE TABLE meetings (
    id           BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    starts_at    BIGINT NOT NULL,
    location     TEXT    NOT NULL,
    agenda       TEXT    NOT NULL DEFAULT '[]',
    emergency    BIGINT NOT NULL DEFAULT 0,
    minutes      TEXT,
    called_by    BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX meetings_by_committee ON meetings (committee_id, starts_at);

CREATE TABLE meeting_responses (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status     TEXT    NOT NULL CHECK (status IN ('yes', 'no', 'maybe')),
    PRIMARY KEY (meeting_id, account_id)
);

CREATE TABLE meeting_attendance (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, account_id)
);

-- A member's private calendar link for one committee; only its hash is kept.
CREATE TABLE calendar_feeds (
    token_hash   BYTEA    PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_one_per_committee ON calendar_feeds (account_id, committee_id);

CREATE TABLE demands (
    id           BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'adopted')),
    drafted_by   BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    adopted_at   BIGINT
);
CREATE INDEX demands_by_committee ON demands (committee_id, created_at);

-- seq orders the history; it never leaves the server.
CREATE TABLE demand_history (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    demand_id  BIGINT NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
    event      TEXT    NOT NULL,
    motion_id  BIGINT,
    body       TEXT,
    detail     TEXT    NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);
CREATE INDEX demand_history_by_demand ON demand_history (demand_id, seq);

CREATE TABLE endorsements (
    demand_id    BIGINT NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    motion_id    BIGINT,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (demand_id, committee_id)
);

-- quorum is in thousandths. The counts are kept as ballots are cast and name no voter;
-- eligible, outcome and result are written when the motion closes.
CREATE TABLE motions (
    id              BIGINT PRIMARY KEY,
    committee_id    BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('decision', 'adopt_demand', 'amend_demand',
                                                     'elect_delegates', 'recall', 'endorse_demand')),
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL DEFAULT '',
    ballot          TEXT    NOT NULL CHECK (ballot IN ('open', 'secret')),
    closes_at       BIGINT NOT NULL,
    quorum          BIGINT NOT NULL,
    majority        TEXT    NOT NULL CHECK (majority IN ('simple', 'two_thirds')),
    weighted        BIGINT NOT NULL DEFAULT 0,
    demand_id       BIGINT REFERENCES demands (id) ON DELETE SET NULL,
    amendment       TEXT,
    council_id      BIGINT REFERENCES committees (id) ON DELETE SET NULL,
    seats           BIGINT,
    delegate_id     BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    moved_by        BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    turnout         BIGINT NOT NULL DEFAULT 0,
    turnout_weight  BIGINT NOT NULL DEFAULT 0,
    eligible        BIGINT,
    eligible_weight BIGINT,
    outcome         TEXT,
    result          TEXT,
    closed_at       BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX motions_by_committee ON motions (committee_id, created_at);
CREATE INDEX motions_to_close ON motions (status, closes_at);

CREATE TABLE motion_candidates (
    motion_id  BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (motion_id, account_id)
);

-- Open ballots: who voted how, changeable while the motion is open.
CREATE TABLE open_ballots (
    motion_id  BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    choice     TEXT    NOT NULL,
    weight     BIGINT NOT NULL,
    cast_at    BIGINT NOT NULL,
    PRIMARY KEY (motion_id, account_id)
);

-- Secret ballots are kept in two tables that nothing links: who took part (no choice, no
-- time; no order: rows are only ever read as sets, sorted by key), and how much weight
-- each option received (sums only, no voter, no time).
CREATE TABLE secret_participation (
    motion_id  BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (motion_id, account_id)
);

CREATE TABLE secret_tally (
    motion_id BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    option    TEXT    NOT NULL,
    ballots   BIGINT NOT NULL,
    weight    BIGINT NOT NULL,
    PRIMARY KEY (motion_id, option)
);

-- A delegate's seat in a council, for the committee that elected them.
CREATE TABLE delegate_seats (
    council_id   BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    motion_id    BIGINT,
    since        BIGINT NOT NULL,
    PRIMARY KEY (council_id, committee_id, account_id)
);
CREATE INDEX delegate_seats_by_committee ON delegate_seats (committee_id);

-- 1 when a council membership exists only because of delegate seats, so a recall that
-- takes the last seat also ends the membership (a council's founders keep theirs).
ALTER TABLE memberships ADD COLUMN seated BIGINT NOT NULL DEFAULT 0;
