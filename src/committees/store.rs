//! Queries for committees, councils, memberships, invites, affiliations and the audit log.

use std::collections::HashSet;

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::{Backend, StoreResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommitteeRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub workplace_type: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub estimated_workforce: Option<i64>,
    pub created_at: i64,
    pub member_count: i64,
    /// The committee's IANA time zone; none for the server's (see [`CommitteeRow::zone`]).
    pub time_zone: Option<String>,
}

impl CommitteeRow {
    /// The zone the committee's times are shown and typed in: its own, or the server's.
    pub fn zone(&self, server: crate::core::zones::Zone) -> crate::core::zones::Zone {
        crate::core::zones::Zone::or(self.time_zone.as_deref(), server)
    }
}

/// The columns of [`CommitteeRow`] for a query over `committees c`.
macro_rules! committee_columns {
    () => {
                "c.id, c.name, c.kind, c.workplace_type, c.industry, c.region, c.estimated_workforce, c.created_at,
         (SELECT COUNT(*) FROM memberships m WHERE m.committee_id = c.id) AS member_count,
         c.time_zone"
    };
}

pub struct NewCommittee<'a> {
    pub id: Id,
    pub name: &'a str,
    pub kind: &'a str,
    pub workplace_type: Option<&'a str>,
    pub industry: Option<&'a str>,
    pub region: Option<&'a str>,
    pub time_zone: &'a str,
}

pub async fn insert(conn: &mut AnyConnection, c: &NewCommittee<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO committees (id, name, kind, workplace_type, industry, region, created_at,
                                 time_zone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.id.get())
    .bind(c.name)
    .bind(c.kind)
    .bind(c.workplace_type)
    .bind(c.industry)
    .bind(c.region)
    .bind(Timestamp::now().millis())
    .bind(c.time_zone)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_time_zone(conn: &mut AnyConnection, id: Id, zone: &str) -> StoreResult<()> {
    sqlx::query("UPDATE committees SET time_zone = $2 WHERE id = $1")
        .bind(id.get())
        .bind(zone)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn find(pool: &AnyPool, id: Id) -> StoreResult<Option<CommitteeRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        committee_columns!(),
        " FROM committees c WHERE c.id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?)
}

pub async fn find_in(conn: &mut AnyConnection, id: Id) -> StoreResult<Option<CommitteeRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        committee_columns!(),
        " FROM committees c WHERE c.id = $1"
    ))
    .bind(id.get())
    .fetch_optional(conn)
    .await?)
}

// ---- memberships ----

pub async fn insert_membership(
    conn: &mut AnyConnection,
    committee: Id,
    account: Id,
    role: &str,
    vouched_by: Option<Id>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO memberships (committee_id, account_id, role, vouched_by, joined_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(committee.get())
    .bind(account.get())
    .bind(role)
    .bind(vouched_by.map(Id::get))
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes a newly seated delegate a member of the council, unless they already are one.
pub async fn insert_seated_membership(
    conn: &mut AnyConnection,
    council: Id,
    account: Id,
) -> StoreResult<bool> {
    Ok(sqlx::query(
        "INSERT INTO memberships (committee_id, account_id, role, vouched_by, joined_at, seated)
         VALUES ($1, $2, 'member', NULL, $3, 1)
         ON CONFLICT (committee_id, account_id) DO NOTHING",
    )
    .bind(council.get())
    .bind(account.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Ends a council membership that existed only because of seats, once the last seat is
/// gone. A founder's membership stays.
pub async fn end_seated_membership(
    conn: &mut AnyConnection,
    council: Id,
    account: Id,
) -> StoreResult<bool> {
    Ok(sqlx::query(
        "DELETE FROM memberships
         WHERE committee_id = $1 AND account_id = $2 AND seated = 1
           AND NOT EXISTS (SELECT 1 FROM delegate_seats s WHERE s.council_id = $1 AND s.account_id = $2)",
    )
    .bind(council.get())
    .bind(account.get())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Every member's account id.
pub async fn member_ids(conn: &mut AnyConnection, committee: Id) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT account_id FROM memberships WHERE committee_id = $1")
            .bind(committee.get())
            .fetch_all(conn)
            .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

pub async fn role(pool: &AnyPool, committee: Id, account: Id) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT role FROM memberships WHERE committee_id = $1 AND account_id = $2",
    )
    .bind(committee.get())
    .bind(account.get())
    .fetch_optional(pool)
    .await?)
}

pub async fn role_in(
    conn: &mut AnyConnection,
    committee: Id,
    account: Id,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT role FROM memberships WHERE committee_id = $1 AND account_id = $2",
    )
    .bind(committee.get())
    .bind(account.get())
    .fetch_optional(conn)
    .await?)
}

/// Is `account` a member of any committee affiliated below `council`, at any depth?
pub async fn is_member_below(pool: &AnyPool, council: Id, account: Id) -> StoreResult<bool> {
    let found: i64 = sqlx::query_scalar(
        "WITH RECURSIVE below (id) AS (
             SELECT committee_id FROM affiliations WHERE council_id = $1
             UNION
             SELECT a.committee_id FROM affiliations a JOIN below b ON a.council_id = b.id
         )
         SELECT CASE WHEN EXISTS (
             SELECT 1 FROM memberships m JOIN below b ON m.committee_id = b.id
             WHERE m.account_id = $2
         ) THEN 1 ELSE 0 END",
    )
    .bind(council.get())
    .bind(account.get())
    .fetch_one(pool)
    .await?;
    Ok(found == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub account_id: i64,
    pub display_name: String,
    pub name_tag: String,
    pub role: String,
    pub vouched_by: Option<i64>,
    pub vouched_by_name: Option<String>,
    pub vouched_by_tag: Option<String>,
    pub joined_at: i64,
}

pub async fn members(pool: &AnyPool, committee: Id) -> StoreResult<Vec<MemberRow>> {
    Ok(sqlx::query_as(
        "SELECT m.account_id, a.display_name, a.name_tag, m.role, m.vouched_by,
                v.display_name AS vouched_by_name, v.name_tag AS vouched_by_tag, m.joined_at
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         LEFT JOIN accounts v ON v.id = m.vouched_by
         WHERE m.committee_id = $1
         ORDER BY CASE m.role WHEN 'coordinator' THEN 0 ELSE 1 END,
                  CASE a.display_name WHEN '' THEN 1 ELSE 0 END, a.display_name, m.account_id",
    )
    .bind(committee.get())
    .fetch_all(pool)
    .await?)
}

/// One member of a committee, as [`members`] lists them.
pub async fn member(pool: &AnyPool, committee: Id, account: Id) -> StoreResult<Option<MemberRow>> {
    Ok(sqlx::query_as(
        "SELECT m.account_id, a.display_name, a.name_tag, m.role, m.vouched_by,
                v.display_name AS vouched_by_name, v.name_tag AS vouched_by_tag, m.joined_at
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         LEFT JOIN accounts v ON v.id = m.vouched_by
         WHERE m.committee_id = $1 AND m.account_id = $2",
    )
    .bind(committee.get())
    .bind(account.get())
    .fetch_optional(pool)
    .await?)
}

/// Every other member's id, display name and name tag in these committees, to tell whether
/// a name is someone else's already (`accounts::names::claim`).
pub async fn member_names(
    conn: &mut AnyConnection,
    committees: &[Id],
    except: Id,
) -> StoreResult<Vec<(i64, String, String)>> {
    let mut names = Vec::new();
    for committee in committees {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT a.id, a.display_name, a.name_tag
             FROM memberships m JOIN accounts a ON a.id = m.account_id
             WHERE m.committee_id = $1 AND m.account_id <> $2",
        )
        .bind(committee.get())
        .bind(except.get())
        .fetch_all(&mut *conn)
        .await?;
        names.extend(rows);
    }
    Ok(names)
}

/// Holds, until the transaction ends, the right to change who goes by which name in these
/// committees (given in ascending order, so that two holders never wait on each other). On
/// PostgreSQL an advisory lock per committee id, so that two members joining at once cannot
/// both take a name; SQLite's writers take turns already.
pub async fn lock_names(conn: &mut AnyConnection, committees: &[Id]) -> StoreResult<()> {
    if Backend::of(conn) == Backend::Postgres {
        for committee in committees {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(committee.get())
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

pub async fn count_role(conn: &mut AnyConnection, committee: Id, role: &str) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE committee_id = $1 AND role = $2",
        )
        .bind(committee.get())
        .bind(role)
        .fetch_one(conn)
        .await?,
    )
}

pub async fn count_members(conn: &mut AnyConnection, committee: Id) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE committee_id = $1")
            .bind(committee.get())
            .fetch_one(conn)
            .await?,
    )
}

pub async fn account_ids_with_role(
    conn: &mut AnyConnection,
    committee: Id,
    role: &str,
) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM memberships WHERE committee_id = $1 AND role = $2",
    )
    .bind(committee.get())
    .bind(role)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

pub async fn set_role(
    conn: &mut AnyConnection,
    committee: Id,
    account: Id,
    role: &str,
) -> StoreResult<()> {
    sqlx::query("UPDATE memberships SET role = $3 WHERE committee_id = $1 AND account_id = $2")
        .bind(committee.get())
        .bind(account.get())
        .bind(role)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_membership(
    conn: &mut AnyConnection,
    committee: Id,
    account: Id,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM memberships WHERE committee_id = $1 AND account_id = $2")
        .bind(committee.get())
        .bind(account.get())
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyCommitteeRow {
    pub committee_id: i64,
    pub name: String,
    pub kind: String,
    pub role: String,
    pub time_zone: Option<String>,
}

/// The committees and councils an account belongs to.
pub async fn committees_of(pool: &AnyPool, account: Id) -> StoreResult<Vec<MyCommitteeRow>> {
    Ok(sqlx::query_as(
        "SELECT m.committee_id, c.name, c.kind, m.role, c.time_zone
         FROM memberships m JOIN committees c ON c.id = m.committee_id
         WHERE m.account_id = $1
         ORDER BY c.kind DESC, c.name",
    )
    .bind(account.get())
    .fetch_all(pool)
    .await?)
}

/// The councils above the committees an account belongs to, which the account may view.
pub async fn councils_above(pool: &AnyPool, account: Id) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "WITH RECURSIVE above (id) AS (
             SELECT a.council_id FROM affiliations a
             JOIN memberships m ON m.committee_id = a.committee_id
             WHERE m.account_id = $1
             UNION
             SELECT a.council_id FROM affiliations a JOIN above ab ON a.committee_id = ab.id
         )
         SELECT c.id, c.name FROM committees c JOIN above ab ON ab.id = c.id
         WHERE NOT EXISTS (
             SELECT 1 FROM memberships m WHERE m.committee_id = c.id AND m.account_id = $1
         )
         ORDER BY c.name",
    )
    .bind(account.get())
    .fetch_all(pool)
    .await?)
}

// ---- affiliations ----

/// The councils a committee belongs to directly.
pub async fn councils_of(pool: &AnyPool, committee: Id) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.name FROM affiliations a JOIN committees c ON c.id = a.council_id
         WHERE a.committee_id = $1 ORDER BY c.name",
    )
    .bind(committee.get())
    .fetch_all(pool)
    .await?)
}

/// The committees affiliated directly to a council, with their member counts.
pub async fn affiliates_of(pool: &AnyPool, council: Id) -> StoreResult<Vec<CommitteeRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        committee_columns!(),
        " FROM affiliations a JOIN committees c ON c.id = a.committee_id
          WHERE a.council_id = $1 ORDER BY c.name"
    ))
    .bind(council.get())
    .fetch_all(pool)
    .await?)
}

/// Makes concurrent affiliations take turns, so that two opposite ones ("X joins Y" and
/// "Y joins X") cannot both pass the cycle check. SQLite's write transactions already take
/// turns (`BEGIN IMMEDIATE`); on PostgreSQL the lock conflicts with itself and with every
/// other write to the table, and not with reads.
pub async fn lock_affiliations(conn: &mut AnyConnection) -> StoreResult<()> {
    if Backend::of(conn) == Backend::Postgres {
        sqlx::query("LOCK TABLE affiliations IN SHARE ROW EXCLUSIVE MODE")
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Every council above `committee`, at any depth.
pub async fn ancestors(conn: &mut AnyConnection, committee: Id) -> StoreResult<HashSet<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "WITH RECURSIVE above (id) AS (
             SELECT council_id FROM affiliations WHERE committee_id = $1
             UNION
             SELECT a.council_id FROM affiliations a JOIN above ab ON a.committee_id = ab.id
         )
         SELECT id FROM above",
    )
    .bind(committee.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

pub async fn is_affiliated(
    conn: &mut AnyConnection,
    committee: Id,
    council: Id,
) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM affiliations WHERE committee_id = $1 AND council_id = $2",
    )
    .bind(committee.get())
    .bind(council.get())
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

pub async fn insert_affiliation(
    conn: &mut AnyConnection,
    committee: Id,
    council: Id,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO affiliations (committee_id, council_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(committee.get())
    .bind(council.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_affiliation(
    conn: &mut AnyConnection,
    committee: Id,
    council: Id,
) -> StoreResult<bool> {
    Ok(
        sqlx::query("DELETE FROM affiliations WHERE committee_id = $1 AND council_id = $2")
            .bind(committee.get())
            .bind(council.get())
            .execute(conn)
            .await?
            .rows_affected()
            > 0,
    )
}

// ---- invites ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InviteRow {
    pub id: i64,
    pub committee_id: Option<i64>,
    pub kind: String,
    pub created_by: Option<i64>,
    pub max_uses: i64,
    pub uses: i64,
    pub expires_at: i64,
    pub revoked: i64,
    pub created_at: i64,
}

pub struct NewInvite<'a> {
    pub id: Id,
    pub code_hash: &'a [u8],
    pub committee: Option<Id>,
    pub kind: &'a str,
    pub created_by: Option<Id>,
    pub max_uses: i64,
    pub expires_at: Timestamp,
}

pub async fn insert_invite(conn: &mut AnyConnection, invite: &NewInvite<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO invites (id, code_hash, committee_id, kind, created_by, max_uses, uses,
                              expires_at, revoked, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, 0, $8)",
    )
    .bind(invite.id.get())
    .bind(invite.code_hash)
    .bind(invite.committee.map(Id::get))
    .bind(invite.kind)
    .bind(invite.created_by.map(Id::get))
    .bind(invite.max_uses)
    .bind(invite.expires_at.millis())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

macro_rules! invite_columns {
    () => {
        "id, committee_id, kind, created_by, max_uses, uses, expires_at, revoked, created_at"
    };
}

pub async fn invite_by_hash(pool: &AnyPool, code_hash: &[u8]) -> StoreResult<Option<InviteRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        invite_columns!(),
        " FROM invites WHERE code_hash = $1"
    ))
    .bind(code_hash)
    .fetch_optional(pool)
    .await?)
}

pub async fn invite_by_hash_in(
    conn: &mut AnyConnection,
    code_hash: &[u8],
) -> StoreResult<Option<InviteRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        invite_columns!(),
        " FROM invites WHERE code_hash = $1"
    ))
    .bind(code_hash)
    .fetch_optional(conn)
    .await?)
}

/// Counts one use, only if one is left: two people redeeming the last use at once cannot
/// both get in.
pub async fn use_invite(conn: &mut AnyConnection, id: i64, now: Timestamp) -> StoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE invites SET uses = uses + 1
         WHERE id = $1 AND uses < max_uses AND expires_at > $2 AND revoked = 0",
    )
    .bind(id)
    .bind(now.millis())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The invites of a committee that can still be used, newest first.
pub async fn live_invites(
    pool: &AnyPool,
    committee: Id,
    now: Timestamp,
) -> StoreResult<Vec<InviteRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        invite_columns!(),
        " FROM invites WHERE committee_id = $1 AND revoked = 0 AND uses < max_uses
          AND expires_at > $2 ORDER BY created_at DESC"
    ))
    .bind(committee.get())
    .bind(now.millis())
    .fetch_all(pool)
    .await?)
}

pub async fn invite_by_id(
    conn: &mut AnyConnection,
    committee: Id,
    id: Id,
) -> StoreResult<Option<InviteRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        invite_columns!(),
        " FROM invites WHERE committee_id = $1 AND id = $2"
    ))
    .bind(committee.get())
    .bind(id.get())
    .fetch_optional(conn)
    .await?)
}

pub async fn revoke_invite(conn: &mut AnyConnection, id: Id) -> StoreResult<()> {
    sqlx::query("UPDATE invites SET revoked = 1 WHERE id = $1")
        .bind(id.get())
        .execute(conn)
        .await?;
    Ok(())
}

// ---- audit log ----

pub struct AuditEntry<'a> {
    pub committee: Id,
    pub actor: Option<Id>,
    pub action: &'a str,
    pub subject: Option<Id>,
    pub detail: serde_json::Value,
}

pub async fn audit(conn: &mut AnyConnection, entry: AuditEntry<'_>) -> StoreResult<()> {
    audit_about(conn, entry, None).await
}

/// An audit entry about an incident, so that erasing the incident can take the names off
/// it (`forget_incident_actors`).
pub async fn audit_incident(
    conn: &mut AnyConnection,
    entry: AuditEntry<'_>,
    incident: Id,
) -> StoreResult<()> {
    audit_about(conn, entry, Some(incident)).await
}

async fn audit_about(
    conn: &mut AnyConnection,
    entry: AuditEntry<'_>,
    incident: Option<Id>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (committee_id, actor_id, action, subject_id, detail, created_at, incident_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entry.committee.get())
    .bind(entry.actor.map(Id::get))
    .bind(entry.action)
    .bind(entry.subject.map(Id::get))
    .bind(entry.detail.to_string())
    .bind(Timestamp::now().millis())
    .bind(incident.map(Id::get))
    .execute(conn)
    .await?;
    Ok(())
}

/// Who is named in the audit entries about an incident.
pub async fn incident_actors(conn: &mut AnyConnection, incident: Id) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT actor_id FROM audit_log WHERE incident_id = $1 AND actor_id IS NOT NULL",
    )
    .bind(incident.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// Takes every name off the audit entries about an incident: who resolved, withdrew or
/// widened it may be who reported it. What was done, and when, stays.
pub async fn forget_incident_actors(conn: &mut AnyConnection, incident: Id) -> StoreResult<()> {
    sqlx::query("UPDATE audit_log SET actor_id = NULL, subject_id = NULL WHERE incident_id = $1")
        .bind(incident.get())
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub actor_tag: Option<String>,
    pub action: String,
    pub subject_id: Option<i64>,
    pub subject_name: Option<String>,
    pub subject_tag: Option<String>,
    pub detail: String,
    pub created_at: i64,
}

/// A page of the audit log, newest first. Pages are counted rather than keyed, so that no
/// position in the server-wide sequence ever leaves the server.
pub async fn audit_page(
    pool: &AnyPool,
    committee: Id,
    offset: i64,
    limit: i64,
) -> StoreResult<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT l.actor_id, actor.display_name AS actor_name, actor.name_tag AS actor_tag,
                l.action, l.subject_id, subject.display_name AS subject_name,
                subject.name_tag AS subject_tag, l.detail, l.created_at
         FROM audit_log l
         LEFT JOIN accounts actor ON actor.id = l.actor_id
         LEFT JOIN accounts subject ON subject.id = l.subject_id
         WHERE l.committee_id = $1
         ORDER BY l.seq DESC
         LIMIT $2 OFFSET $3",
    )
    .bind(committee.get())
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

/// Every membership, streamed through `make` (a million rows are never held as rows).
pub async fn all_memberships<T>(
    pool: &AnyPool,
    mut make: impl FnMut(i64, i64, &str) -> T,
) -> StoreResult<Vec<T>> {
    use futures_util::TryStreamExt;
    let mut rows = sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT account_id, committee_id, role FROM memberships",
    )
    .fetch(pool);
    let mut all = Vec::new();
    while let Some((account, committee, role)) = rows.try_next().await? {
        all.push(make(account, committee, &role));
        // Rows arrive faster than they are handled: let requests on this thread through.
        if all.len() % 4096 == 0 {
            tokio::task::yield_now().await;
        }
    }
    Ok(all)
}
