-- A meeting can be edited, moved and called off after it was scheduled. `sequence` counts
-- the changes since it was first published (a calendar's SEQUENCE), `updated_at` is when
-- the last one was made (NULL: never changed), `cancelled_at` when it was called off (it
-- stays listed, marked, so that nobody who missed the news turns up to an empty hall).
ALTER TABLE meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN updated_at INTEGER;
ALTER TABLE meetings ADD COLUMN cancelled_at INTEGER;

-- A member's one private calendar link for everything of all their committees: meetings
-- and the actions they are called to. The token is kept only as a hash; the committees
-- are not stored, but read at each fetch from the member's memberships.
CREATE TABLE member_calendar_feeds (
    token_hash   BLOB    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX member_calendar_feeds_one_per_account ON member_calendar_feeds (account_id);
