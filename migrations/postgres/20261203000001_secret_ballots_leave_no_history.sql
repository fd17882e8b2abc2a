-- Secret ballots leave no history on disk (ARCHITECTURE.md, "Secret ballots on disk").

-- A secret ballot between its two commits: who voted is recorded, its choice is not in the
-- sums yet. A row holds nothing but its motion; one left behind by a crash between the
-- two commits is a ballot that was never acknowledged and could not be counted.
CREATE TABLE secret_pending (
    id        BIGINT PRIMARY KEY,
    motion_id BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE
);
CREATE INDEX secret_pending_by_motion ON secret_pending (motion_id);

-- The sums of each secret motion, every option's ballots and weight in one value sealed
-- with the contact key (the data folder's contact-keys, outside the database), so that
-- no file or log of the database holds a readable sum. Its length depends on the options
-- alone, so a sum that grows is rewritten where it stands.
CREATE TABLE secret_sums (
    motion_id BIGINT PRIMARY KEY REFERENCES motions (id) ON DELETE CASCADE,
    key_id    BIGINT NOT NULL,
    sealed    BYTEA NOT NULL
);

-- secret_tally keeps the plain sums written before this change only until the server,
-- which holds the key, seals them into secret_sums at its next start and deletes them.

-- Participation rows written before this change sit in their page in the order they were
-- cast: written again in key order, where they sit no longer tells that order.
CREATE TEMP TABLE secret_participation_before AS SELECT motion_id, account_id FROM secret_participation;
DELETE FROM secret_participation;
INSERT INTO secret_participation (motion_id, account_id)
    SELECT motion_id, account_id FROM secret_participation_before ORDER BY motion_id, account_id;
DROP TABLE secret_participation_before;
