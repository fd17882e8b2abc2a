-- Whether the caller of a public action chose to publish its pledges by industry and region
-- (groups under five pledges folded); a public counter shows totals only otherwise, also for
-- the actions called before.
ALTER TABLE actions ADD COLUMN public_breakdown INTEGER NOT NULL DEFAULT 0;
