//! Queries for demands, their history and endorsements.

use std::collections::HashMap;

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::StoreResult;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DemandRow {
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub body: String,
    pub status: String,
    pub drafted_by: Option<i64>,
    pub created_at: i64,
    pub adopted_at: Option<i64>,
}

impl DemandRow {
    pub fn public_id(&self) -> Id {
        Id::from_db(self.id)
    }
}

macro_rules! demand_columns {
    () => {
        "id, committee_id, title, body, status, drafted_by, created_at, adopted_at"
    };
}

pub async fn insert(
    conn: &mut AnyConnection,
    id: Id,
    committee: Id,
    title: &str,
    body: &str,
    drafted_by: Id,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO demands (id, committee_id, title, body, status, drafted_by, created_at)
         VALUES ($1, $2, $3, $4, 'draft', $5, $6)",
    )
    .bind(id.get())
    .bind(committee.get())
    .bind(title)
    .bind(body)
    .bind(drafted_by.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// The committee of demand `id`, if there is one: the one small query every lookup by id
/// starts with, as costly for an id that names nothing as for a real one, so that who may
/// see it is decided before anything more is read.
pub async fn committee_of(pool: &AnyPool, id: Id) -> StoreResult<Option<Id>> {
    // One row either way (NULL for no demand): reading it costs the same.
    let found: Option<i64> =
        sqlx::query_scalar("SELECT (SELECT committee_id FROM demands WHERE id = $1)")
            .bind(id.get())
            .fetch_one(pool)
            .await?;
    Ok(found.map(Id::from_db))
}

pub async fn find(pool: &AnyPool, id: Id) -> StoreResult<Option<DemandRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        demand_columns!(),
        " FROM demands WHERE id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?)
}

pub async fn find_in(conn: &mut AnyConnection, id: Id) -> StoreResult<Option<DemandRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        demand_columns!(),
        " FROM demands WHERE id = $1"
    ))
    .bind(id.get())
    .fetch_optional(conn)
    .await?)
}

pub async fn of_committee(pool: &AnyPool, committee: Id) -> StoreResult<Vec<DemandRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        demand_columns!(),
        " FROM demands WHERE committee_id = $1
          ORDER BY CASE status WHEN 'adopted' THEN 0 ELSE 1 END, created_at DESC"
    ))
    .bind(committee.get())
    .fetch_all(pool)
    .await?)
}

pub async fn adopt(conn: &mut AnyConnection, id: Id, now: Timestamp) -> StoreResult<()> {
    sqlx::query("UPDATE demands SET status = 'adopted', adopted_at = $2 WHERE id = $1")
        .bind(id.get())
        .bind(now.millis())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_body(conn: &mut AnyConnection, id: Id, body: &str) -> StoreResult<()> {
    sqlx::query("UPDATE demands SET body = $2 WHERE id = $1")
        .bind(id.get())
        .bind(body)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct HistoryEntry<'a> {
    pub demand: Id,
    pub event: &'a str,
    pub motion: Option<Id>,
    pub body: Option<&'a str>,
    pub detail: serde_json::Value,
}

pub async fn record(conn: &mut AnyConnection, entry: HistoryEntry<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO demand_history (demand_id, event, motion_id, body, detail, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.demand.get())
    .bind(entry.event)
    .bind(entry.motion.map(Id::get))
    .bind(entry.body)
    .bind(entry.detail.to_string())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HistoryRow {
    pub event: String,
    pub motion_id: Option<i64>,
    pub body: Option<String>,
    pub detail: String,
    pub created_at: i64,
}

pub async fn history(pool: &AnyPool, demand: Id) -> StoreResult<Vec<HistoryRow>> {
    Ok(sqlx::query_as(
        "SELECT event, motion_id, body, detail, created_at FROM demand_history
         WHERE demand_id = $1 ORDER BY seq",
    )
    .bind(demand.get())
    .fetch_all(pool)
    .await?)
}

/// Records an endorsement; false if the committee had already endorsed the demand.
pub async fn endorse(
    conn: &mut AnyConnection,
    demand: Id,
    committee: Id,
    motion: Id,
) -> StoreResult<bool> {
    Ok(sqlx::query(
        "INSERT INTO endorsements (demand_id, committee_id, motion_id, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (demand_id, committee_id) DO NOTHING",
    )
    .bind(demand.get())
    .bind(committee.get())
    .bind(motion.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EndorsementRow {
    pub demand_id: i64,
    pub committee_id: i64,
    pub name: String,
    /// The workers this endorser stands for: filled in by [`workers_behind`].
    pub members: i64,
}

/// The endorsements of every demand of a council, with each endorser's member count.
pub async fn endorsements_of_council(
    pool: &AnyPool,
    council: Id,
) -> StoreResult<Vec<EndorsementRow>> {
    Ok(sqlx::query_as(
        "SELECT e.demand_id, c.id AS committee_id, c.name,
                CAST(0 AS BIGINT) AS members
         FROM endorsements e
         JOIN demands d ON d.id = e.demand_id
         JOIN committees c ON c.id = e.committee_id
         WHERE d.committee_id = $1
         ORDER BY c.name",
    )
    .bind(council.get())
    .fetch_all(pool)
    .await?)
}

pub async fn endorsements_of(pool: &AnyPool, demand: Id) -> StoreResult<Vec<EndorsementRow>> {
    Ok(sqlx::query_as(
        "SELECT e.demand_id, c.id AS committee_id, c.name,
                CAST(0 AS BIGINT) AS members
         FROM endorsements e JOIN committees c ON c.id = e.committee_id
         WHERE e.demand_id = $1 ORDER BY c.name",
    )
    .bind(demand.get())
    .fetch_all(pool)
    .await?)
}

/// The workers behind a demand: for each endorser, the workers it stands for (its members
/// for a workplace; for a council, the distinct members of every workplace below it), and
/// the distinct workers across all endorsers, so that nobody is counted twice.
pub async fn workers_behind(pool: &AnyPool, demand: Id) -> StoreResult<(HashMap<i64, i64>, i64)> {
    const BELOW: &str = "WITH RECURSIVE below (root, id) AS (
             SELECT committee_id, committee_id FROM endorsements WHERE demand_id = $1
             UNION
             SELECT b.root, a.committee_id FROM affiliations a JOIN below b ON a.council_id = b.id
         ),
         workers (root, account_id) AS (
             SELECT b.root, m.account_id
             FROM below b
             JOIN committees c ON c.id = b.id AND c.kind = 'workplace'
             JOIN memberships m ON m.committee_id = b.id
         )";
    let each: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{BELOW} SELECT root, COUNT(DISTINCT account_id) FROM workers GROUP BY root"
    )))
    .bind(demand.get())
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "{BELOW} SELECT COUNT(DISTINCT account_id) FROM workers"
    )))
    .bind(demand.get())
    .fetch_one(pool)
    .await?;
    Ok((each.into_iter().collect(), total))
}
