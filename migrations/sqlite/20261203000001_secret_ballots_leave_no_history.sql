-- Secret ballots leave no history on disk (ARCHITECTURE.md, "Secret ballots on disk").

-- A secret ballot between its two commits: who voted is recorded, its choice is not in the
-- sums yet. A row holds nothing but its motion; one left behind by a crash between the
-- two commits is a ballot that was never acknowledged and could not be counted.
CREATE TABLE secret_pending (
    id        INTEGER PRIMARY KEY,
    motion_id INTEGER NOT NULL REFERENCES motions (id) ON DELETE CASCADE
);
CREATE INDEX secret_pending_by_motion ON secret_pending (motion_id);

-- Sums are stored as 2^48 plus the sum, so every value takes the same eight bytes and a
-- sum that grows is rewritten where it stands, not moved to a new place in its page that
-- would tell which option was chosen last. Rows are written again in key order, so that
-- where they sit no longer tells the order they were cast in.
CREATE TEMP TABLE secret_tally_before AS SELECT motion_id, option, ballots, weight FROM secret_tally;
DELETE FROM secret_tally;
INSERT INTO secret_tally (motion_id, option, ballots, weight)
    SELECT motion_id, option, ballots + 281474976710656, weight + 281474976710656
    FROM secret_tally_before ORDER BY motion_id, option;
DROP TABLE secret_tally_before;

CREATE TEMP TABLE secret_participation_before AS SELECT motion_id, account_id FROM secret_participation;
DELETE FROM secret_participation;
INSERT INTO secret_participation (motion_id, account_id)
    SELECT motion_id, account_id FROM secret_participation_before ORDER BY motion_id, account_id;
DROP TABLE secret_participation_before;
