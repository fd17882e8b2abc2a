-- Issue 14: members are never shown by their handle, and no two members of a committee
-- look alike (the rule is in core::names and core::fields::DisplayName; the check in
-- accounts::names). Keep in step with the other backend.
--
-- A member without a display name (display_name = '') is shown by a neutral name such as
-- "Member K7Q2XF". Its tag is derived from the account id unless name_tag holds another,
-- drawn when two members of one committee would share one; '~' marks a deleted account.
ALTER TABLE accounts ADD COLUMN name_tag TEXT NOT NULL DEFAULT '';

-- Display names used to default to the handle, which then showed in every member list:
-- those members become neutral names.
UPDATE accounts SET display_name = '' WHERE display_name = handle;
UPDATE accounts SET name_tag = '~' WHERE handle LIKE '~%';

-- Notices that such a member joined named them by the handle: the name goes, and the notice
-- names them as others now see them (the neutral name, from the member's id).
UPDATE notifications SET detail = (detail::jsonb - 'member')::text
WHERE kind = 'member_joined'
  AND detail::jsonb ->> 'member' = (SELECT a.handle FROM accounts a WHERE a.id = notifications.subject_id);
