-- Push endpoints are found by a keyed hash (HMAC under a key derived from the contact key,
-- over the account and the endpoint) instead of the endpoint's plain SHA-256: the database
-- alone no longer tells whether a known endpoint is registered, nor that two accounts share
-- a phone. `keyed` is 0 for the rows written before, which the server rehashes at start
-- (each sealed subscription holds its endpoint).
ALTER TABLE push_subscriptions ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
