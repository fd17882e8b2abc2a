-- The lines a committee's coordinators post on its contacts page, such as a legal hotline
-- or a rapid-response number. Organisational lines only: the page is kept on members'
-- phones for reading offline. Who posted a line is in the audit log, not here.
CREATE TABLE contact_lines (
    id           BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    value        TEXT    NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX contact_lines_by_committee ON contact_lines (committee_id, created_at, id);
