-- Bulletins: reports committees and councils publish to their members or to the network.
-- Keep in step with migrations/postgres, table by table.

-- The Markdown source is stored, and rendered to safe HTML each time it is shown. No
-- author name is shown to readers; author_id only keeps the author out of the fan-out.
CREATE TABLE bulletins (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    author_id    INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    audience     TEXT    NOT NULL CHECK (audience IN ('members', 'network')),
    language     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX bulletins_by_committee ON bulletins (committee_id, created_at, id);
CREATE INDEX bulletins_by_time ON bulletins (created_at, id);

-- Other-language versions of a bulletin (the original's language is on the bulletin).
CREATE TABLE bulletin_translations (
    bulletin_id INTEGER NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    language    TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    PRIMARY KEY (bulletin_id, language)
) WITHOUT ROWID;

-- Inbox rows for a large audience are written in chunks after publishing; `cursor` is how
-- many of the reached committees (in id order) are done, and a restart resumes there.
CREATE TABLE bulletin_fanouts (
    id          INTEGER PRIMARY KEY,
    bulletin_id INTEGER NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    cursor      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
