-- An urgent alert (a raid now) or the withdrawal of a false one goes out before the rest of
-- what is due, such as a bulletin to a whole network queued a moment earlier.
ALTER TABLE deliveries ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_by_urgency ON deliveries (urgent, due_at);
-- Deleting a push subscription (gone, trimmed, unsubscribed) and deleting an account
-- remove their deliveries, which must not scan the whole queue.
CREATE INDEX deliveries_by_subscription ON deliveries (subscription_id);
CREATE INDEX deliveries_by_account ON deliveries (account_id);
