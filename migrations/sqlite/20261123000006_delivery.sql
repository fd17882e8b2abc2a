-- Delivery to phones and e-mail. Keep in step with migrations/postgres, table by table.

-- What a member turned on or off, per category and channel. No row: the defaults of
-- core::delivery::default_on (everything on).
CREATE TABLE delivery_preferences (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    category   TEXT    NOT NULL CHECK (category IN ('emergency_meetings', 'actions', 'incidents', 'bulletins')),
    push       INTEGER NOT NULL,
    email      INTEGER NOT NULL,
    PRIMARY KEY (account_id, category)
) WITHOUT ROWID;

-- A browser's push subscription. The endpoint names a device at a push service, so it is
-- sealed with the contact key like an e-mail address (src/delivery/contact.rs);
-- endpoint_hash (SHA-256 of the endpoint) makes subscribing idempotent.
CREATE TABLE push_subscriptions (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    endpoint_hash BLOB    NOT NULL UNIQUE,
    sealed        BLOB    NOT NULL,
    key_id        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_by_account ON push_subscriptions (account_id);

-- A member's e-mail address, sealed; never stored in plaintext.
CREATE TABLE email_addresses (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    sealed     BLOB    NOT NULL,
    key_id     INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The queue: one row per notification and push subscription, or per notification and
-- e-mail address, written in the transaction that writes the inbox rows; deleted once
-- sent. A sender claims a batch by writing its random `claim` and moving `due_at` past the
-- time it needs (so a crashed sender's batch comes due again). A 'close' row tells a phone to take down a notification withdrawn since
-- (tag = the subject's id). Only ids are kept: the text is read from the inbox row.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL CHECK (channel IN ('push', 'email')),
    purpose         TEXT    NOT NULL CHECK (purpose IN ('show', 'close')),
    notification_id INTEGER,
    subscription_id INTEGER REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    subject_id      INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    claim           INTEGER,
    due_at          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (due_at);
CREATE INDEX deliveries_by_subject ON deliveries (subject_id);
CREATE INDEX deliveries_by_claim ON deliveries (claim);
