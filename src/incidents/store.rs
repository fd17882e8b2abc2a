//! Queries for incidents, confirmations and responders.

use std::collections::BTreeSet;

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::core::incidents::{CheckedReport, IncidentStatus, ResponderRole};
use crate::core::{Id, Timestamp};
use crate::db::{Backend, StoreResult, positional, value_list, value_rows};

/// An incident with its committee's name, its responses counted, and the viewer's own.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IncidentRow {
    pub id: i64,
    pub committee_id: i64,
    pub committee_name: String,
    pub committee_time_zone: Option<String>,
    pub reported_by: Option<i64>,
    pub reporter_name: Option<String>,
    pub reporter_tag: Option<String>,
    pub kind: String,
    pub urgency: String,
    pub summary: String,
    pub location: String,
    pub status: String,
    pub reach_level: i64,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolution_note: Option<String>,
    pub erased_at: Option<i64>,
    pub confirmations: i64,
    pub witnesses: i64,
    pub legal: i64,
    pub support: i64,
    pub i_confirmed: i64,
    pub my_role: Option<String>,
}

/// The columns of [`IncidentRow`] over `incidents i` joined to `committees c`, with the
/// viewer's id as `$1`.
macro_rules! incident_columns {
    () => {
        "i.id, i.committee_id, c.name AS committee_name, c.time_zone AS committee_time_zone, i.reported_by,
         a.display_name AS reporter_name, a.name_tag AS reporter_tag, i.kind, i.urgency, i.summary, i.location, i.status,
         i.reach_level, i.created_at, i.resolved_at, i.resolution_note, i.erased_at,
         (SELECT COUNT(*) FROM incident_confirmations ic WHERE ic.incident_id = i.id) AS confirmations,
         (SELECT COUNT(*) FROM incident_responders r WHERE r.incident_id = i.id AND r.role = 'witness') AS witnesses,
         (SELECT COUNT(*) FROM incident_responders r WHERE r.incident_id = i.id AND r.role = 'legal') AS legal,
         (SELECT COUNT(*) FROM incident_responders r WHERE r.incident_id = i.id AND r.role = 'support') AS support,
         (SELECT COUNT(*) FROM incident_confirmations ic WHERE ic.incident_id = i.id AND ic.account_id = $1) AS i_confirmed,
         (SELECT r.role FROM incident_responders r WHERE r.incident_id = i.id AND r.account_id = $1) AS my_role
         FROM incidents i
         JOIN committees c ON c.id = i.committee_id
         LEFT JOIN accounts a ON a.id = i.reported_by"
    };
}

pub async fn insert(
    conn: &mut AnyConnection,
    id: Id,
    committee: Id,
    reporter: Id,
    report: &CheckedReport,
    now: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO incidents (id, committee_id, reported_by, kind, urgency, summary, location, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.get())
    .bind(committee.get())
    .bind(reporter.get())
    .bind(report.kind.as_str())
    .bind(report.urgency.as_str())
    .bind(&report.summary)
    .bind(&report.location)
    .bind(now.millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Who may see incident `id` depends on its committee, reach and status: the one small
/// query every lookup by id starts with, as costly for an id that names nothing as for a
/// real one.
pub async fn probe(pool: &AnyPool, id: Id) -> StoreResult<Option<(Id, i64, String)>> {
    // One row either way (NULLs for no incident): reading it costs the same.
    let found: (Option<i64>, Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT i.committee_id, i.reach_level, i.status
         FROM (SELECT 1 AS one) AS o LEFT JOIN incidents i ON i.id = $1",
    )
    .bind(id.get())
    .fetch_one(pool)
    .await?;
    Ok(match found {
        (Some(committee), Some(level), Some(status)) => {
            Some((Id::from_db(committee), level, status))
        }
        _ => None,
    })
}

pub async fn find(pool: &AnyPool, incident: Id, viewer: Id) -> StoreResult<Option<IncidentRow>> {
    Ok(
        sqlx::query_as(concat!("SELECT ", incident_columns!(), " WHERE i.id = $2"))
            .bind(viewer.get())
            .bind(incident.get())
            .fetch_optional(pool)
            .await?,
    )
}

/// The latest incidents of the viewer's committees and those the viewer was alerted to,
/// newest first.
pub async fn recent_for(
    pool: &AnyPool,
    viewer: Id,
    committees: &[Id],
    since: Timestamp,
    limit: i64,
) -> StoreResult<Vec<IncidentRow>> {
    let sql = format!(
        "SELECT {} WHERE i.created_at >= $2
           AND (i.committee_id IN ({})
                OR i.id IN (SELECT n.subject_id FROM notifications n
                            WHERE n.account_id = $1 AND n.kind = 'incident_reported'
                              AND n.created_at >= $2))
         ORDER BY i.created_at DESC, i.id DESC LIMIT {}",
        incident_columns!(),
        value_list(3, committees.len().max(1)),
        limit.clamp(1, 500)
    );
    // The columns name the viewer (`$1`) too, so the placeholders stay numbered here; a
    // viewer's own committees are few.
    let mut query = sqlx::query_as(AssertSqlSafe(sql))
        .bind(viewer.get())
        .bind(since.millis());
    if committees.is_empty() {
        query = query.bind(0i64);
    }
    for committee in committees {
        query = query.bind(committee.get());
    }
    Ok(query.fetch_all(pool).await?)
}

/// Claims the incident for a change of status, only if it is still open: true if this
/// caller changed it.
pub async fn close(
    conn: &mut AnyConnection,
    incident: Id,
    status: IncidentStatus,
    note: Option<&str>,
    now: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE incidents SET status = $1, resolution_note = $2, resolved_at = $3
         WHERE id = $4 AND status = 'open' AND erased_at IS NULL",
    )
    .bind(status.as_str())
    .bind(note)
    .bind(now.millis())
    .bind(incident.get())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Raises the reach by one level, only from `from` (so two coordinators widening at once
/// widen once).
pub async fn widen(conn: &mut AnyConnection, incident: Id, from: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE incidents SET reach_level = reach_level + 1
         WHERE id = $1 AND reach_level = $2 AND status = 'open' AND erased_at IS NULL",
    )
    .bind(incident.get())
    .bind(from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a confirmation; false if this member had confirmed already.
pub async fn confirm(conn: &mut AnyConnection, incident: Id, account: Id) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO incident_confirmations (incident_id, account_id) VALUES ($1, $2)
         ON CONFLICT (incident_id, account_id) DO NOTHING",
    )
    .bind(incident.get())
    .bind(account.get())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn respond(
    conn: &mut AnyConnection,
    incident: Id,
    account: Id,
    role: ResponderRole,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO incident_responders (incident_id, account_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (incident_id, account_id) DO UPDATE SET role = excluded.role",
    )
    .bind(incident.get())
    .bind(account.get())
    .bind(role.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn stand_down(conn: &mut AnyConnection, incident: Id, account: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM incident_responders WHERE incident_id = $1 AND account_id = $2")
        .bind(incident.get())
        .bind(account.get())
        .execute(conn)
        .await?;
    Ok(())
}

/// How many members' ids one statement looks up.
const CHUNK: usize = 500;

/// Every member of the given committees, once each.
pub async fn members_of(conn: &mut AnyConnection, committees: &[Id]) -> StoreResult<BTreeSet<Id>> {
    let mut members = BTreeSet::new();
    for chunk in committees.chunks(CHUNK) {
        let sql = format!(
            "SELECT DISTINCT account_id FROM memberships WHERE committee_id IN ({})",
            value_list(1, chunk.len())
        );
        let mut query =
            sqlx::query_scalar::<_, i64>(AssertSqlSafe(positional(Backend::of(conn), sql)));
        for committee in chunk {
            query = query.bind(committee.get());
        }
        members.extend(
            query
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .map(Id::from_db),
        );
    }
    Ok(members)
}

/// The accounts that hold a notification about the incident.
pub async fn notified(conn: &mut AnyConnection, incident: Id) -> StoreResult<BTreeSet<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT account_id FROM notifications
         WHERE subject_id = $1 AND kind = 'incident_reported'",
    )
    .bind(incident.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// Takes a false alarm out of every inbox it reached.
pub async fn delete_alerts(conn: &mut AnyConnection, incident: Id) -> StoreResult<()> {
    sqlx::query(
        "DELETE FROM notifications
         WHERE subject_id = $1 AND kind IN ('incident_reported', 'incident_resolved')",
    )
    .bind(incident.get())
    .execute(conn)
    .await?;
    Ok(())
}

/// Incidents reported before `before` whose details are not erased yet.
pub async fn due_for_erasure(pool: &AnyPool, before: Timestamp) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM incidents WHERE erased_at IS NULL AND created_at < $1 LIMIT 500",
    )
    .bind(before.millis())
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// What erasing an incident keeps, and who reported it (which it does not keep).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Erased {
    pub committee_id: i64,
    pub committee_name: String,
    pub kind: String,
    pub urgency: String,
    pub status: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub reported_by: Option<i64>,
}

/// Erases what could place a person: the summary, location, note and reporter, who
/// confirmed and who responded. Kind, time, committee and outcome stay, and are returned
/// with the reporter as they were. `None` if it was erased already (by another server, a
/// moment ago).
pub async fn erase(
    conn: &mut AnyConnection,
    incident: Id,
    now: Timestamp,
) -> StoreResult<Option<Erased>> {
    // Claimed first: from here the incident cannot be resolved, widened or erased by anyone
    // else, so what is read next stays true.
    let claimed =
        sqlx::query("UPDATE incidents SET erased_at = $1 WHERE id = $2 AND erased_at IS NULL")
            .bind(now.millis())
            .bind(incident.get())
            .execute(&mut *conn)
            .await?;
    if claimed.rows_affected() != 1 {
        return Ok(None);
    }
    let erased: Erased = sqlx::query_as(
        "SELECT i.committee_id, c.name AS committee_name, i.kind, i.urgency, i.status,
                i.created_at, i.resolved_at, i.reported_by
         FROM incidents i JOIN committees c ON c.id = i.committee_id WHERE i.id = $1",
    )
    .bind(incident.get())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE incidents SET summary = '', location = '', resolution_note = NULL,
                reported_by = NULL
         WHERE id = $1",
    )
    .bind(incident.get())
    .execute(&mut *conn)
    .await?;
    for table in ["incident_confirmations", "incident_responders"] {
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE incident_id = $1"
        )))
        .bind(incident.get())
        .execute(&mut *conn)
        .await?;
    }
    Ok(Some(erased))
}

/// The kinds of notification about an incident.
const ABOUT_INCIDENTS: &str = "'incident_reported', 'incident_resolved', 'incident_withdrawn'";

/// Everyone who holds any notification about the incident.
pub async fn told_anything(conn: &mut AnyConnection, incident: Id) -> StoreResult<BTreeSet<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT DISTINCT account_id FROM notifications
         WHERE subject_id = $1 AND kind IN ({ABOUT_INCIDENTS})"
    )))
    .bind(incident.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// Replaces every notification about the incident with `rows`, and drops what was still to
/// be sent about it. The rows are written as they are, read or not, and never sent.
pub async fn replace_notifications(
    conn: &mut AnyConnection,
    incident: Id,
    rows: &[crate::notifications::Notification],
) -> StoreResult<()> {
    for statement in [
        "DELETE FROM deliveries WHERE subject_id = $1".to_owned(),
        format!(
            "DELETE FROM deliveries WHERE notification_id IN
               (SELECT id FROM notifications WHERE subject_id = $1 AND kind IN ({ABOUT_INCIDENTS}))"
        ),
        format!("DELETE FROM notifications WHERE subject_id = $1 AND kind IN ({ABOUT_INCIDENTS})"),
    ] {
        sqlx::query(AssertSqlSafe(statement))
            .bind(incident.get())
            .execute(&mut *conn)
            .await?;
    }
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO notifications
               (id, account_id, kind, committee_id, subject_id, detail, urgent, created_at, read_at)
             VALUES {}",
            value_rows(chunk.len(), 9)
        );
        let mut query = sqlx::query(AssertSqlSafe(positional(Backend::of(conn), sql)));
        for n in chunk {
            query = query
                .bind(n.id.get())
                .bind(n.account_id.get())
                .bind(n.kind.as_str())
                .bind(n.committee_id.map(Id::get))
                .bind(n.subject_id.map(Id::get))
                .bind(serde_json::Value::Object(n.detail.clone()).to_string())
                .bind(i64::from(n.urgent))
                .bind(n.created_at.millis())
                .bind(n.read_at.map(Timestamp::millis));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
