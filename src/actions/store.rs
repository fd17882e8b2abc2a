//! Queries for actions, pledges and their counts.
//!
//! Pledges are written in batches by the action engine: one multi-row statement inserts or
//! deletes many pledges, one more adds the changes to the per-committee counts, one more to
//! the action's totals. The counts are never computed by scanning pledges, except by
//! [`verify`], which exists to check them.

use std::collections::{BTreeMap, HashSet};

use futures_util::TryStreamExt;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::core::{Id, Timestamp};
use crate::db::{Backend, Mismatch, StoreResult, positional, value_list, value_rows};

/// Rows per multi-row statement: far below both databases' parameter limits.
const CHUNK: usize = 400;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub starts_at: i64,
    pub public: i64,
    /// Whether the public counter may show pledges by industry and region.
    pub public_breakdown: i64,
    pub threshold_pledges: Option<i64>,
    pub threshold_share: Option<i64>,
    pub threshold_committees: Option<i64>,
    pub status: String,
    pub pledged: i64,
    pub committees_pledged: i64,
    pub called_by: Option<i64>,
    pub created_at: i64,
    pub activated_at: Option<i64>,
    pub ended_at: Option<i64>,
}

macro_rules! action_columns {
    () => {
        "id, committee_id, title, kind, description, starts_at, public, public_breakdown,
         threshold_pledges, threshold_share, threshold_committees, status, pledged,
         committees_pledged, called_by, created_at, activated_at, ended_at"
    };
}

pub struct NewAction<'a> {
    pub id: Id,
    pub committee: Id,
    pub title: &'a str,
    pub kind: &'a str,
    pub description: &'a str,
    pub starts_at: Timestamp,
    pub public: bool,
    pub public_breakdown: bool,
    pub threshold_pledges: Option<i64>,
    pub threshold_share: Option<i64>,
    pub threshold_committees: Option<i64>,
    pub called_by: Id,
}

pub async fn insert(conn: &mut AnyConnection, a: &NewAction<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO actions (id, committee_id, title, kind, description, starts_at, public,
                              threshold_pledges, threshold_share, threshold_committees, status,
                              pledged, committees_pledged, called_by, created_at, public_breakdown)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'gathering', 0, 0, $11, $12, $13)",
    )
    .bind(a.id.get())
    .bind(a.committee.get())
    .bind(a.title)
    .bind(a.kind)
    .bind(a.description)
    .bind(a.starts_at.millis())
    .bind(i64::from(a.public))
    .bind(a.threshold_pledges)
    .bind(a.threshold_share)
    .bind(a.threshold_committees)
    .bind(a.called_by.get())
    .bind(Timestamp::now().millis())
    .bind(i64::from(a.public && a.public_breakdown))
    .execute(conn)
    .await?;
    Ok(())
}

/// Who called the action and whether it is public: what deciding who may see it needs, in
/// one small query that a made-up id costs as much as a real one.
pub async fn probe(pool: &AnyPool, id: Id) -> StoreResult<Option<(Id, bool)>> {
    // One row either way (NULLs for no action): reading it costs the same.
    let row: (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT a.committee_id, a.public
         FROM (SELECT 1 AS one) AS o LEFT JOIN actions a ON a.id = $1",
    )
    .bind(id.get())
    .fetch_one(pool)
    .await?;
    Ok(match row {
        (Some(committee), Some(public)) => Some((Id::from_db(committee), public != 0)),
        _ => None,
    })
}

pub async fn find(conn: &mut AnyConnection, id: Id) -> StoreResult<Option<ActionRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        action_columns!(),
        " FROM actions WHERE id = $1"
    ))
    .bind(id.get())
    .fetch_optional(conn)
    .await?)
}

/// The actions called by any of `committees`, most recent first.
pub async fn called_by_any(
    pool: &AnyPool,
    committees: &[Id],
    limit: i64,
) -> StoreResult<Vec<ActionRow>> {
    if committees.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        concat!(
            "SELECT ",
            action_columns!(),
            " FROM actions WHERE committee_id IN ({})
              ORDER BY CASE status WHEN 'gathering' THEN 0 WHEN 'activated' THEN 1 ELSE 2 END, starts_at
              LIMIT ${}"
        ),
        value_list(1, committees.len()),
        committees.len() + 1
    );
    let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of_pool(pool), sql)));
    for committee in committees {
        query = query.bind(committee.get());
    }
    Ok(query.bind(limit).fetch_all(pool).await?)
}

/// The actions called by any of `committees` that start at or after `since`, soonest first:
/// those over or called off too, so that a calendar can mark them.
pub async fn starting_since(
    pool: &AnyPool,
    committees: &[Id],
    since: Timestamp,
    limit: i64,
) -> StoreResult<Vec<ActionRow>> {
    if committees.is_empty() {
        return Ok(Vec::new());
    }
    let n = committees.len();
    let sql = format!(
        concat!(
            "SELECT ",
            action_columns!(),
            " FROM actions WHERE committee_id IN ({}) AND starts_at >= ${}
              ORDER BY starts_at, id LIMIT ${}"
        ),
        value_list(1, n),
        n + 1,
        n + 2
    );
    let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of_pool(pool), sql)));
    for committee in committees {
        query = query.bind(committee.get());
    }
    Ok(query
        .bind(since.millis())
        .bind(limit)
        .fetch_all(pool)
        .await?)
}

/// Which of `actions` the account has pledged to.
pub async fn pledged_among(
    pool: &AnyPool,
    account: Id,
    actions: &[Id],
) -> StoreResult<HashSet<Id>> {
    let mut pledged = HashSet::new();
    for chunk in actions.chunks(CHUNK) {
        let sql = format!(
            "SELECT action_id FROM pledges WHERE account_id = $1 AND action_id IN ({})",
            value_list(2, chunk.len())
        );
        let mut query = sqlx::query_scalar(AssertSqlSafe(positional(Backend::of_pool(pool), sql)))
            .bind(account.get());
        for action in chunk {
            query = query.bind(action.get());
        }
        let rows: Vec<i64> = query.fetch_all(pool).await?;
        pledged.extend(rows.into_iter().map(Id::from_db));
    }
    Ok(pledged)
}

/// Per-committee counts of an action, as kept.
pub async fn tallies(conn: &mut AnyConnection, action: Id) -> StoreResult<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT committee_id, pledged FROM action_tallies WHERE action_id = $1 AND pledged <> 0",
    )
    .bind(action.get())
    .fetch_all(conn)
    .await?)
}

/// Inserts the pledges that are new; returns the committee of each one inserted.
pub async fn insert_pledges(
    conn: &mut AnyConnection,
    action: Id,
    pledges: &[(Id, Id)],
) -> StoreResult<Vec<Id>> {
    let mut inserted = Vec::new();
    for chunk in pledges.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO pledges (action_id, account_id, committee_id) VALUES {}
             ON CONFLICT (action_id, account_id) DO NOTHING RETURNING committee_id",
            value_rows(chunk.len(), 3)
        );
        let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of(conn), sql)));
        for (account, committee) in chunk {
            query = query
                .bind(action.get())
                .bind(account.get())
                .bind(committee.get());
        }
        let rows: Vec<(i64,)> = query.fetch_all(&mut *conn).await?;
        inserted.extend(rows.into_iter().map(|(c,)| Id::from_db(c)));
    }
    Ok(inserted)
}

/// Deletes the pledges of `accounts` that exist; returns the committee of each one deleted.
pub async fn delete_pledges(
    conn: &mut AnyConnection,
    action: Id,
    accounts: &[Id],
) -> StoreResult<Vec<Id>> {
    let mut deleted = Vec::new();
    for chunk in accounts.chunks(CHUNK) {
        let sql = format!(
            "DELETE FROM pledges WHERE action_id = $1 AND account_id IN ({}) RETURNING committee_id",
            value_list(2, chunk.len())
        );
        let mut query =
            sqlx::query_as(AssertSqlSafe(positional(Backend::of(conn), sql))).bind(action.get());
        for account in chunk {
            query = query.bind(account.get());
        }
        let rows: Vec<(i64,)> = query.fetch_all(&mut *conn).await?;
        deleted.extend(rows.into_iter().map(|(c,)| Id::from_db(c)));
    }
    Ok(deleted)
}

/// Adds changes to the per-committee counts; returns how many committees went from no
/// pledge to some, minus how many went from some to none.
pub async fn add_to_tallies(
    conn: &mut AnyConnection,
    action: Id,
    deltas: &BTreeMap<Id, i64>,
) -> StoreResult<i64> {
    let changes: Vec<(&Id, &i64)> = deltas.iter().filter(|(_, d)| **d != 0).collect();
    let mut committees_delta = 0;
    for chunk in changes.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO action_tallies (action_id, committee_id, pledged) VALUES {}
             ON CONFLICT (action_id, committee_id)
             DO UPDATE SET pledged = action_tallies.pledged + excluded.pledged
             RETURNING committee_id, pledged",
            value_rows(chunk.len(), 3)
        );
        let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of(conn), sql)));
        for (committee, delta) in chunk {
            query = query.bind(action.get()).bind(committee.get()).bind(**delta);
        }
        let rows: Vec<(i64, i64)> = query.fetch_all(&mut *conn).await?;
        for (committee, now) in rows {
            let delta = deltas.get(&Id::from_db(committee)).copied().unwrap_or(0);
            let before = now - delta;
            match (before > 0, now > 0) {
                (false, true) => committees_delta += 1,
                (true, false) => committees_delta -= 1,
                _ => {}
            }
        }
    }
    Ok(committees_delta)
}

/// Adds to the action's totals and returns them with its status, as now stored.
pub async fn add_to_totals(
    conn: &mut AnyConnection,
    action: Id,
    pledged: i64,
    committees: i64,
) -> StoreResult<(i64, i64, String)> {
    Ok(sqlx::query_as(
        "UPDATE actions SET pledged = pledged + $2, committees_pledged = committees_pledged + $3
         WHERE id = $1 RETURNING pledged, committees_pledged, status",
    )
    .bind(action.get())
    .bind(pledged)
    .bind(committees)
    .fetch_one(conn)
    .await?)
}

/// Moves the action from gathering to `status`; false if it was no longer gathering, so
/// that activation, cancellation and expiry each happen exactly once.
pub async fn end_gathering(
    conn: &mut AnyConnection,
    action: Id,
    status: &str,
    now: Timestamp,
) -> StoreResult<bool> {
    let at_column = if status == "activated" {
        "activated_at"
    } else {
        "ended_at"
    };
    let sql = match at_column {
        "activated_at" => {
            "UPDATE actions SET status = $2, activated_at = $3 WHERE id = $1 AND status = 'gathering'"
        }
        _ => "UPDATE actions SET status = $2, ended_at = $3 WHERE id = $1 AND status = 'gathering'",
    };
    Ok(sqlx::query(sql)
        .bind(action.get())
        .bind(status)
        .bind(now.millis())
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}

/// Gathering actions whose start has come.
pub async fn due_to_expire(pool: &AnyPool, now: Timestamp) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM actions WHERE status = 'gathering' AND starts_at <= $1 ORDER BY starts_at LIMIT 100",
    )
    .bind(now.millis())
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// Every account that has pledged to `action`, read row by row into the set.
pub async fn pledgers(pool: &AnyPool, action: Id, expected: usize) -> StoreResult<HashSet<Id>> {
    let mut rows =
        sqlx::query_scalar::<_, i64>("SELECT account_id FROM pledges WHERE action_id = $1")
            .bind(action.get())
            .fetch(pool);
    let mut set = HashSet::with_capacity(expected);
    while let Some(account) = rows.try_next().await? {
        set.insert(Id::from_db(account));
    }
    Ok(set)
}

pub async fn has_pledged(pool: &AnyPool, action: Id, account: Id) -> StoreResult<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pledges WHERE action_id = $1 AND account_id = $2")
            .bind(action.get())
            .bind(account.get())
            .fetch_one(pool)
            .await?;
    Ok(n > 0)
}

pub async fn set_workforce(
    conn: &mut AnyConnection,
    committee: Id,
    workforce: Option<i64>,
) -> StoreResult<()> {
    sqlx::query("UPDATE committees SET estimated_workforce = $2 WHERE id = $1")
        .bind(committee.get())
        .bind(workforce)
        .execute(conn)
        .await?;
    Ok(())
}

// ---- fan-out of notifications ----

pub async fn insert_fanout(conn: &mut AnyConnection, action: Id, event: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO fanouts (id, action_id, event, cursor, created_at) VALUES ($1, $2, $3, 0, $4)",
    )
    .bind(Id::random().get())
    .bind(action.get())
    .bind(event)
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FanoutRow {
    pub id: i64,
    pub action_id: i64,
    pub event: String,
    pub cursor: i64,
}

/// How many fan-outs are not yet written to every inbox (for `/metrics`).
pub async fn fanouts_queued(pool: &AnyPool) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM fanouts")
        .fetch_one(pool)
        .await?)
}

pub async fn next_fanout(pool: &AnyPool) -> StoreResult<Option<FanoutRow>> {
    Ok(sqlx::query_as(
        "SELECT id, action_id, event, cursor FROM fanouts ORDER BY created_at LIMIT 1",
    )
    .fetch_optional(pool)
    .await?)
}

pub async fn advance_fanout(conn: &mut AnyConnection, id: i64, cursor: i64) -> StoreResult<()> {
    sqlx::query("UPDATE fanouts SET cursor = $2 WHERE id = $1")
        .bind(id)
        .bind(cursor)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn finish_fanout(conn: &mut AnyConnection, id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM fanouts WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The members of the given committees, each once, sorted.
pub async fn members_of(pool: &AnyPool, committees: &[Id]) -> StoreResult<Vec<Id>> {
    if committees.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT DISTINCT account_id FROM memberships WHERE committee_id IN ({}) ORDER BY account_id",
        value_list(1, committees.len())
    );
    let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of_pool(pool), sql)));
    for committee in committees {
        query = query.bind(committee.get());
    }
    let rows: Vec<(i64,)> = query.fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(a,)| Id::from_db(a)).collect())
}

/// The next pledgers of an action after `after` (an account id), in order.
pub async fn pledgers_after(
    pool: &AnyPool,
    action: Id,
    after: i64,
    limit: i64,
) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM pledges WHERE action_id = $1 AND account_id > $2 ORDER BY account_id LIMIT $3",
    )
    .bind(action.get())
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

// ---- verification ----

/// Recounts every action's pledges from the rows and compares them with the kept counts.
pub async fn verify(pool: &AnyPool) -> StoreResult<(usize, Vec<Mismatch>)> {
    let actions: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, pledged, committees_pledged FROM actions")
            .fetch_all(pool)
            .await?;
    let counted: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT action_id, committee_id, COUNT(*) FROM pledges GROUP BY action_id, committee_id",
    )
    .fetch_all(pool)
    .await?;
    let kept: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT action_id, committee_id, pledged FROM action_tallies WHERE pledged <> 0",
    )
    .fetch_all(pool)
    .await?;
    let mut by_committee: BTreeMap<(i64, i64), (i64, i64)> = BTreeMap::new();
    for (action, committee, n) in kept {
        by_committee.entry((action, committee)).or_default().0 = n;
    }
    for (action, committee, n) in counted {
        by_committee.entry((action, committee)).or_default().1 = n;
    }
    let mut mismatches = Vec::new();
    let mut totals: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for ((action, committee), (kept, counted)) in &by_committee {
        if kept != counted {
            mismatches.push(Mismatch {
                of: format!("action {}", Id::from_db(*action)),
                what: format!("pledges of committee {}", Id::from_db(*committee)),
                kept: *kept,
                counted: *counted,
            });
        }
        let total = totals.entry(*action).or_default();
        total.0 += counted;
        total.1 += i64::from(*counted > 0);
    }
    for (action, pledged, committees) in &actions {
        let (counted_pledged, counted_committees) = totals.get(action).copied().unwrap_or_default();
        if *pledged != counted_pledged {
            mismatches.push(Mismatch {
                of: format!("action {}", Id::from_db(*action)),
                what: "pledges in all".into(),
                kept: *pledged,
                counted: counted_pledged,
            });
        }
        if *committees != counted_committees {
            mismatches.push(Mismatch {
                of: format!("action {}", Id::from_db(*action)),
                what: "committees with pledges".into(),
                kept: *committees,
                counted: counted_committees,
            });
        }
    }
    Ok((actions.len(), mismatches))
}
