//! Queries for delegate seats: who sits in which council for which committee.

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::StoreResult;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SeatRow {
    pub account_id: i64,
    pub display_name: String,
    pub name_tag: String,
    pub committee_id: i64,
    pub committee_name: String,
    pub council_id: i64,
    pub council_name: String,
    pub since: i64,
}

macro_rules! seat_query {
    ($where:literal) => {
        concat!(
            "SELECT s.account_id, a.display_name, a.name_tag, s.committee_id, c.name AS committee_name,
                    s.council_id, k.name AS council_name, s.since
             FROM delegate_seats s
             JOIN accounts a ON a.id = s.account_id
             JOIN committees c ON c.id = s.committee_id
             JOIN committees k ON k.id = s.council_id
             WHERE ",
            $where,
            " ORDER BY k.name, c.name, a.display_name"
        )
    };
}

/// The seats a committee's delegates hold, in every council.
pub async fn of_committee(pool: &AnyPool, committee: Id) -> StoreResult<Vec<SeatRow>> {
    Ok(sqlx::query_as(seat_query!("s.committee_id = $1"))
        .bind(committee.get())
        .fetch_all(pool)
        .await?)
}

/// The seats in a council, for every committee.
pub async fn in_council(pool: &AnyPool, council: Id) -> StoreResult<Vec<SeatRow>> {
    Ok(sqlx::query_as(seat_query!("s.council_id = $1"))
        .bind(council.get())
        .fetch_all(pool)
        .await?)
}

/// The delegation a committee sends to a council.
pub async fn delegation(
    conn: &mut AnyConnection,
    council: Id,
    committee: Id,
) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM delegate_seats WHERE council_id = $1 AND committee_id = $2",
    )
    .bind(council.get())
    .bind(committee.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

pub async fn seat(
    conn: &mut AnyConnection,
    council: Id,
    committee: Id,
    account: Id,
    motion: Option<Id>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO delegate_seats (council_id, committee_id, account_id, motion_id, since)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (council_id, committee_id, account_id) DO NOTHING",
    )
    .bind(council.get())
    .bind(committee.get())
    .bind(account.get())
    .bind(motion.map(Id::get))
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a seat away; false if there was none.
pub async fn unseat(
    conn: &mut AnyConnection,
    council: Id,
    committee: Id,
    account: Id,
) -> StoreResult<bool> {
    Ok(sqlx::query(
        "DELETE FROM delegate_seats WHERE council_id = $1 AND committee_id = $2 AND account_id = $3",
    )
    .bind(council.get())
    .bind(committee.get())
    .bind(account.get())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The councils where `account` holds a seat for `committee`.
pub async fn councils_of(
    conn: &mut AnyConnection,
    committee: Id,
    account: Id,
) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT council_id FROM delegate_seats WHERE committee_id = $1 AND account_id = $2",
    )
    .bind(committee.get())
    .bind(account.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// The committees `account` represents in `council`.
pub async fn represented_by(
    conn: &mut AnyConnection,
    council: Id,
    account: Id,
) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT committee_id FROM delegate_seats WHERE council_id = $1 AND account_id = $2",
    )
    .bind(council.get())
    .bind(account.get())
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// For each committee with seats in the council: the workers it represents and how many
/// delegates share them.
pub async fn delegations_with_workers(
    conn: &mut AnyConnection,
    council: Id,
) -> StoreResult<Vec<(i64, i64, i64)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT committee_id, COUNT(*) FROM delegate_seats WHERE council_id = $1 GROUP BY committee_id",
    )
    .bind(council.get())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (committee, delegates) in rows {
        let workers = workers_represented(&mut *conn, Id::from_db(committee)).await?;
        out.push((committee, workers, delegates));
    }
    Ok(out)
}

/// The workers a committee stands for: its members for a workplace; for a council, the
/// distinct members of every workplace committee below it.
pub async fn workers_represented(conn: &mut AnyConnection, committee: Id) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "WITH RECURSIVE below (id) AS (
             SELECT CAST($1 AS BIGINT)
             UNION
             SELECT a.committee_id FROM affiliations a JOIN below b ON a.council_id = b.id
         )
         SELECT COUNT(DISTINCT m.account_id)
         FROM memberships m
         JOIN below b ON b.id = m.committee_id
         JOIN committees c ON c.id = m.committee_id
         WHERE c.kind = 'workplace'",
    )
    .bind(committee.get())
    .fetch_one(conn)
    .await?)
}

/// How many different people hold seats in a council.
pub async fn delegate_count(conn: &mut AnyConnection, council: Id) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT account_id) FROM delegate_seats WHERE council_id = $1",
    )
    .bind(council.get())
    .fetch_one(conn)
    .await?)
}
