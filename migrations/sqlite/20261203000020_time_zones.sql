-- Time zones (IANA names, such as America/Chicago). A committee's is the zone its times are
-- shown and typed in; none means the server's zone (`--time-zone`, UTC by default), which
-- is what the committees founded before this had. A member's own zone, when they chose one,
-- is the zone they read every time in; none means each committee's.
ALTER TABLE committees ADD COLUMN time_zone TEXT;
ALTER TABLE accounts ADD COLUMN time_zone TEXT;
