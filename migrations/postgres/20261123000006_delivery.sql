-- Delivery to phones and e-mail. Keep in step with migrations/sqlite, table by table.

-- What a member turned on or off, per category and channel. No row: the defaults of
-- core::delivery::default_on (everything on).
CREATE TABLE delivery_preferences (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    category   TEXT    NOT NULL CHECK (category IN ('emergency_meetings', 'actions', 'incidents', 'bulletins')),
    push       BIGINT NOT NULL,
    email      BIGINT NOT NULL,
    PRIMARY KEY (account_id, category)
);

-- A browser's push subscription. The endpoint names a device at a push service, so it is
-- sealed with the contact key like an e-mail address (src/delivery/contact.rs);
-- endpoint_hash (SHA-256 of the endpoint) makes subscribing idempotent.
CREATE TABLE push_subscriptions (
    id            BIGINT PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    endpoint_hash BYTEA    NOT NULL UNIQUE,
    sealed        BYTEA    NOT NULL,
    key_id        BIGINT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_by_account ON push_subscriptions (account_id);

-- A member's e-mail address, sealed; never stored in plaintext.
CREATE TABLE email_addresses (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    sealed     BYTEA    NOT NULL,
    key_id     BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The queue: one row per notification and push subscription, or per notification and
-- e-mail address, written in the transaction that writes the inbox rows; deleted once
-- sent. A sender claims a batch by writing its random `claim` and moving `due_at` past the
-- time it needs (so a crashed sender's batch comes due again). A 'close' row tells a phone to take down a notification withdrawn since
-- (tag = the subject's id). Only ids are kept: the text is read from the inbox row.
CREATE TABLE deliveries (
    id              BIGINT PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL CHECK (channel IN ('push', 'email')),
    purpose         TEXT    NOT NULL CHECK (purpose IN ('show', 'close')),
    notification_id BIGINT,
    subscription_id BIGINT REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    subject_id      BIGINT,
    attempts        BIGINT NOT NULL DEFAULT 0,
    claim           BIGINT,
    due_at          BIGINT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (due_at);
CREATE INDEX deliveries_by_subject ON deliveries (subject_id);
CREATE INDEX deliveries_by_claim ON deliveries (claim);
