-- A member's API tokens for integrations: named, scoped, ending within a year. The secret is
-- stored only as its SHA-256, like a session's. `last_used_on` is the start (UTC) of the last
-- day the token was used, no finer: it lets a member see a token they forgot is in use,
-- and says nothing of when in the day, from where or for what. No address or user agent.
CREATE TABLE api_tokens (
    id           BIGINT PRIMARY KEY,
    account_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    secret_hash  BYTEA   NOT NULL UNIQUE,
    scopes       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    last_used_on BIGINT,
    UNIQUE (account_id, name)
);
