-- Issue 14: once an incident is erased, nothing kept may single out its reporter. Keep in
-- step with the other backend.
--
-- The incident an audit entry is about, so that the retention job can take the name off
-- who resolved, withdrew or widened it.
ALTER TABLE audit_log ADD COLUMN incident_id BIGINT;
CREATE INDEX audit_log_by_incident ON audit_log (incident_id);

-- Entries written before: the incident is guessed, the one a resolution or withdrawal
-- closed at that moment (the two are written in one transaction, milliseconds apart), or
-- the one open in that committee when it was widened.
UPDATE audit_log SET incident_id = (
    SELECT i.id FROM incidents i
    WHERE i.committee_id = audit_log.committee_id
      AND i.status = CASE audit_log.action WHEN 'incident_resolved' THEN 'resolved' ELSE 'withdrawn' END
      AND i.resolved_at BETWEEN audit_log.created_at - 60000 AND audit_log.created_at + 60000
    ORDER BY i.id LIMIT 1)
WHERE action IN ('incident_resolved', 'incident_withdrawn');
UPDATE audit_log SET incident_id = (
    SELECT i.id FROM incidents i
    WHERE i.committee_id = audit_log.committee_id AND i.created_at <= audit_log.created_at
      AND (i.resolved_at IS NULL OR i.resolved_at >= audit_log.created_at)
    ORDER BY i.created_at, i.id LIMIT 1)
WHERE action = 'incident_widened';

-- Incidents erased already: their entries name nobody, and their inbox rows, which showed
-- who was told (everyone but the reporter), are gone with whatever was left to send.
UPDATE audit_log SET actor_id = NULL
WHERE incident_id IN (SELECT id FROM incidents WHERE erased_at IS NOT NULL);
DELETE FROM deliveries
WHERE subject_id IN (SELECT id FROM incidents WHERE erased_at IS NOT NULL);
DELETE FROM notifications
WHERE subject_id IN (SELECT id FROM incidents WHERE erased_at IS NOT NULL)
  AND kind IN ('incident_reported', 'incident_resolved', 'incident_withdrawn');
