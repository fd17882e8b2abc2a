//! Queries for motions and ballots.
//!
//! Secret ballots touch only `secret_participation` (who) and `secret_tally` (sums per
//! option); open ballots live in `open_ballots`. No query here ever joins the two secret
//! tables.

use std::collections::BTreeMap;

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::core::{Id, Timestamp};
use crate::db::{Backend, Mismatch, StoreResult, positional, value_rows};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MotionRow {
    pub id: i64,
    pub committee_id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub ballot: String,
    pub closes_at: i64,
    pub quorum: i64,
    pub majority: String,
    pub weighted: i64,
    pub demand_id: Option<i64>,
    pub amendment: Option<String>,
    pub council_id: Option<i64>,
    pub seats: Option<i64>,
    pub delegate_id: Option<i64>,
    pub moved_by: Option<i64>,
    pub status: String,
    pub turnout: i64,
    pub turnout_weight: i64,
    pub eligible: Option<i64>,
    pub eligible_weight: Option<i64>,
    pub outcome: Option<String>,
    pub result: Option<String>,
    pub closed_at: Option<i64>,
    pub created_at: i64,
}

macro_rules! motion_columns {
    () => {
        "id, committee_id, kind, title, body, ballot, closes_at, quorum, majority, weighted,
         demand_id, amendment, council_id, seats, delegate_id, moved_by, status, turnout,
         turnout_weight, eligible, eligible_weight, outcome, result, closed_at, created_at"
    };
}

pub struct NewMotion<'a> {
    pub id: Id,
    pub committee: Id,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub ballot: &'a str,
    pub closes_at: Timestamp,
    pub quorum: i64,
    pub majority: &'a str,
    pub weighted: bool,
    pub demand: Option<Id>,
    pub amendment: Option<&'a str>,
    pub council: Option<Id>,
    pub seats: Option<i64>,
    pub delegate: Option<Id>,
    pub moved_by: Id,
}

pub async fn insert(conn: &mut AnyConnection, m: &NewMotion<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO motions (id, committee_id, kind, title, body, ballot, closes_at, quorum, majority,
                              weighted, demand_id, amendment, council_id, seats, delegate_id, moved_by,
                              status, turnout, turnout_weight, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'open', 0, 0, $17)",
    )
    .bind(m.id.get())
    .bind(m.committee.get())
    .bind(m.kind)
    .bind(m.title)
    .bind(m.body)
    .bind(m.ballot)
    .bind(m.closes_at.millis())
    .bind(m.quorum)
    .bind(m.majority)
    .bind(i64::from(m.weighted))
    .bind(m.demand.map(Id::get))
    .bind(m.amendment)
    .bind(m.council.map(Id::get))
    .bind(m.seats)
    .bind(m.delegate.map(Id::get))
    .bind(m.moved_by.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_candidate(
    conn: &mut AnyConnection,
    motion: Id,
    account: Id,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO motion_candidates (motion_id, account_id) VALUES ($1, $2)")
        .bind(motion.get())
        .bind(account.get())
        .execute(conn)
        .await?;
    Ok(())
}

/// The committee of motion `id`, if there is one: the one small query every lookup by id
/// starts with, as costly for an id that names nothing as for a real one, so that who may
/// see it is decided before anything more is read.
pub async fn committee_of(pool: &AnyPool, id: Id) -> StoreResult<Option<Id>> {
    // One row either way (NULL for no motion): reading it costs the same.
    let found: Option<i64> =
        sqlx::query_scalar("SELECT (SELECT committee_id FROM motions WHERE id = $1)")
            .bind(id.get())
            .fetch_one(pool)
            .await?;
    Ok(found.map(Id::from_db))
}

pub async fn find(pool: &AnyPool, id: Id) -> StoreResult<Option<MotionRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        motion_columns!(),
        " FROM motions WHERE id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?)
}

pub async fn find_in(conn: &mut AnyConnection, id: Id) -> StoreResult<Option<MotionRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        motion_columns!(),
        " FROM motions WHERE id = $1"
    ))
    .bind(id.get())
    .fetch_optional(conn)
    .await?)
}

/// A committee's motions: open ones first (closing soonest first), then the latest closed.
pub async fn of_committee(
    pool: &AnyPool,
    committee: Id,
    limit: i64,
) -> StoreResult<Vec<MotionRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        motion_columns!(),
        " FROM motions WHERE committee_id = $1
          ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END,
                   CASE status WHEN 'open' THEN closes_at ELSE -closes_at END
          LIMIT $2"
    ))
    .bind(committee.get())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Open motions whose time has come.
pub async fn due(pool: &AnyPool, now: Timestamp) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM motions WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at LIMIT 100",
    )
    .bind(now.millis())
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateRow {
    pub account_id: i64,
    pub display_name: String,
}

pub async fn candidates(pool: &AnyPool, motion: Id) -> StoreResult<Vec<CandidateRow>> {
    Ok(sqlx::query_as(
        "SELECT c.account_id, a.display_name FROM motion_candidates c
         JOIN accounts a ON a.id = c.account_id WHERE c.motion_id = $1 ORDER BY a.display_name",
    )
    .bind(motion.get())
    .fetch_all(pool)
    .await?)
}

pub async fn candidate_ids(conn: &mut AnyConnection, motion: Id) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT account_id FROM motion_candidates WHERE motion_id = $1")
            .bind(motion.get())
            .fetch_all(conn)
            .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

// ---- open ballots ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpenBallotRow {
    pub account_id: i64,
    pub display_name: String,
    pub choice: String,
    pub weight: i64,
}

pub async fn open_ballots(pool: &AnyPool, motion: Id) -> StoreResult<Vec<OpenBallotRow>> {
    Ok(sqlx::query_as(
        "SELECT b.account_id, a.display_name, b.choice, b.weight FROM open_ballots b
         JOIN accounts a ON a.id = b.account_id WHERE b.motion_id = $1 ORDER BY a.display_name",
    )
    .bind(motion.get())
    .fetch_all(pool)
    .await?)
}

pub async fn open_ballots_in(
    conn: &mut AnyConnection,
    motion: Id,
) -> StoreResult<Vec<(String, i64)>> {
    Ok(
        sqlx::query_as("SELECT choice, weight FROM open_ballots WHERE motion_id = $1")
            .bind(motion.get())
            .fetch_all(conn)
            .await?,
    )
}

/// Records or changes an open ballot; true if it is the voter's first.
pub async fn put_open_ballot(
    conn: &mut AnyConnection,
    motion: Id,
    account: Id,
    choice: &str,
    weight: i64,
) -> StoreResult<bool> {
    let changed = sqlx::query(
        "UPDATE open_ballots SET choice = $3, weight = $4, cast_at = $5
         WHERE motion_id = $1 AND account_id = $2",
    )
    .bind(motion.get())
    .bind(account.get())
    .bind(choice)
    .bind(weight)
    .bind(Timestamp::now().millis())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO open_ballots (motion_id, account_id, choice, weight, cast_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(motion.get())
    .bind(account.get())
    .bind(choice)
    .bind(weight)
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(true)
}

pub async fn my_open_ballot(
    pool: &AnyPool,
    motion: Id,
    account: Id,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT choice FROM open_ballots WHERE motion_id = $1 AND account_id = $2",
    )
    .bind(motion.get())
    .bind(account.get())
    .fetch_optional(pool)
    .await?)
}

// ---- secret ballots ----

/// Records that `account` took part; false if they already had.
pub async fn take_part(conn: &mut AnyConnection, motion: Id, account: Id) -> StoreResult<bool> {
    Ok(sqlx::query(
        "INSERT INTO secret_participation (motion_id, account_id) VALUES ($1, $2)
         ON CONFLICT (motion_id, account_id) DO NOTHING",
    )
    .bind(motion.get())
    .bind(account.get())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn took_part(pool: &AnyPool, motion: Id, account: Id) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM secret_participation WHERE motion_id = $1 AND account_id = $2",
    )
    .bind(motion.get())
    .bind(account.get())
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// Adds one secret ballot to the sums: `chosen` options gain a ballot and its weight, and
/// every other option of the motion is written too, with nothing added. Writing every row
/// of the motion in each ballot's transaction is what keeps a voter unlinkable on
/// PostgreSQL: each row carries the id of the transaction that last wrote it (`xmin`), and
/// the voter's participation row carries the same id, so a row written alone would name
/// the last person who chose that option.
pub async fn add_secret_ballot(
    conn: &mut AnyConnection,
    motion: Id,
    options: &[String],
    chosen: &[String],
    weight: i64,
) -> StoreResult<()> {
    if options.is_empty() {
        return Ok(());
    }
    // One statement, so that a long list of candidates costs one round trip.
    let sql = format!(
        "INSERT INTO secret_tally (motion_id, option, ballots, weight) VALUES {}
         ON CONFLICT (motion_id, option)
         DO UPDATE SET ballots = secret_tally.ballots + excluded.ballots,
                       weight = secret_tally.weight + excluded.weight",
        value_rows(options.len(), 4)
    );
    let mut query = sqlx::query(AssertSqlSafe(positional(Backend::of(conn), sql)));
    for option in options {
        let marked = chosen.contains(option);
        query = query
            .bind(motion.get())
            .bind(option)
            .bind(i64::from(marked))
            .bind(if marked { weight } else { 0 });
    }
    query.execute(conn).await?;
    Ok(())
}

pub async fn secret_tally(conn: &mut AnyConnection, motion: Id) -> StoreResult<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT option, weight FROM secret_tally WHERE motion_id = $1 AND ballots > 0",
    )
    .bind(motion.get())
    .fetch_all(conn)
    .await?)
}

pub async fn count_turnout(conn: &mut AnyConnection, motion: Id, weight: i64) -> StoreResult<()> {
    sqlx::query("UPDATE motions SET turnout = turnout + 1, turnout_weight = turnout_weight + $2 WHERE id = $1")
        .bind(motion.get())
        .bind(weight)
        .execute(conn)
        .await?;
    Ok(())
}

/// Claims the closing of a motion: true for exactly one caller, however many servers and
/// jobs try at once.
pub async fn claim_close(
    conn: &mut AnyConnection,
    motion: Id,
    now: Timestamp,
) -> StoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE motions SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open'",
    )
    .bind(motion.get())
    .bind(now.millis())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub struct Closing<'a> {
    pub eligible: i64,
    pub eligible_weight: i64,
    pub outcome: &'a str,
    pub result: &'a serde_json::Value,
}

pub async fn record_result(
    conn: &mut AnyConnection,
    motion: Id,
    closing: Closing<'_>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE motions SET eligible = $2, eligible_weight = $3, outcome = $4, result = $5 WHERE id = $1",
    )
    .bind(motion.get())
    .bind(closing.eligible)
    .bind(closing.eligible_weight)
    .bind(closing.outcome)
    .bind(closing.result.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

// ---- verification ----

/// Recounts every motion's turnout from its ballots: open ballots one row each; secret
/// ones from who took part, and from the sums, which gain one ballot per choice (a
/// decision: exactly one; an election: one to `seats`, or "blank").
pub async fn verify(pool: &AnyPool) -> StoreResult<(usize, Vec<Mismatch>)> {
    let motions: Vec<(i64, String, String, Option<i64>, i64, i64)> =
        sqlx::query_as("SELECT id, kind, ballot, seats, turnout, turnout_weight FROM motions")
            .fetch_all(pool)
            .await?;
    let open: BTreeMap<i64, (i64, i64)> = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT motion_id, COUNT(*), CAST(COALESCE(SUM(weight), 0) AS BIGINT)
         FROM open_ballots GROUP BY motion_id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(m, n, w)| (m, (n, w)))
    .collect();
    let took_part: BTreeMap<i64, i64> =
        sqlx::query_as("SELECT motion_id, COUNT(*) FROM secret_participation GROUP BY motion_id")
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let sums: BTreeMap<i64, (i64, i64)> = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT motion_id, CAST(COALESCE(SUM(ballots), 0) AS BIGINT),
                CAST(COALESCE(SUM(weight), 0) AS BIGINT)
         FROM secret_tally GROUP BY motion_id",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(m, n, w)| (m, (n, w)))
    .collect();

    let mut mismatches = Vec::new();
    for (id, kind, ballot, seats, turnout, weight) in &motions {
        let of = format!("motion {}", Id::from_db(*id));
        let mut differ = |what: &str, kept: i64, counted: i64| {
            if kept != counted {
                mismatches.push(Mismatch {
                    of: of.clone(),
                    what: what.into(),
                    kept,
                    counted,
                });
            }
        };
        if ballot == "open" {
            let (n, w) = open.get(id).copied().unwrap_or_default();
            differ("turnout", *turnout, n);
            differ("turnout weight", *weight, w);
            continue;
        }
        differ("turnout", *turnout, took_part.get(id).copied().unwrap_or(0));
        let (marks, marked_weight) = sums.get(id).copied().unwrap_or_default();
        if kind == "elect_delegates" {
            // Each ballot marks one to `seats` options: a sum inside that band is as good as
            // equal to the turnout.
            let most = seats.unwrap_or(1).max(1);
            let in_band = |kept: i64, counted: i64| {
                if (kept..=kept.saturating_mul(most)).contains(&counted) {
                    kept
                } else {
                    counted
                }
            };
            differ("election marks", *turnout, in_band(*turnout, marks));
            differ("election weight", *weight, in_band(*weight, marked_weight));
        } else {
            differ("ballots in the sums", *turnout, marks);
            differ("weight in the sums", *weight, marked_weight);
        }
    }
    Ok((motions.len(), mismatches))
}
