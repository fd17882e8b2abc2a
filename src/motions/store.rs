//! Queries for motions and ballots.
//!
//! Secret ballots touch only `secret_participation` (who), `secret_pending` (a ballot
//! between its two commits, with nothing but its motion) and `secret_sums` (each motion's
//! sums, sealed); open ballots live in `open_ballots`. No query here ever joins who voted
//! with the sums.

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

/// Open motions of `committees` (the account's, as memory has them; the database has the
/// last word) that `account` has a ballot in and has not cast it yet: closing soonest first. In a weighted council vote only delegates vote. Who took part is
/// read from the participation rows alone, never beside the sums.
pub async fn waiting_for(
    pool: &AnyPool,
    account: Id,
    committees: &[Id],
    now: Timestamp,
    limit: i64,
) -> StoreResult<Vec<MotionRow>> {
    if committees.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        concat!(
            "SELECT ",
            motion_columns!(),
            " FROM motions
              WHERE committee_id IN ({}) AND status = 'open' AND closes_at > $2
                AND EXISTS (SELECT 1 FROM memberships ms
                            WHERE ms.committee_id = motions.committee_id AND ms.account_id = $1)
                AND NOT EXISTS (SELECT 1 FROM open_ballots b
                                WHERE b.motion_id = motions.id AND b.account_id = $1)
                AND NOT EXISTS (SELECT 1 FROM secret_participation p
                                WHERE p.motion_id = motions.id AND p.account_id = $1)
                AND (weighted = 0 OR EXISTS (SELECT 1 FROM delegate_seats d
                                             WHERE d.council_id = motions.committee_id
                                               AND d.account_id = $1))
              ORDER BY closes_at, id LIMIT $3"
        ),
        crate::db::value_list(4, committees.len()),
    );
    // `$1` is named more than once: the placeholders stay numbered; a member's own
    // committees are few.
    let mut query = sqlx::query_as(AssertSqlSafe(sql))
        .bind(account.get())
        .bind(now.millis())
        .bind(limit);
    for committee in committees {
        query = query.bind(committee.get());
    }
    Ok(query.fetch_all(pool).await?)
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
    pub name_tag: String,
}

pub async fn candidates(pool: &AnyPool, motion: Id) -> StoreResult<Vec<CandidateRow>> {
    Ok(sqlx::query_as(
        "SELECT c.account_id, a.display_name, a.name_tag FROM motion_candidates c
         JOIN accounts a ON a.id = c.account_id WHERE c.motion_id = $1
         ORDER BY CASE a.display_name WHEN '' THEN 1 ELSE 0 END, a.display_name, c.account_id",
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
    pub name_tag: String,
    pub choice: String,
    pub weight: i64,
}

pub async fn open_ballots(pool: &AnyPool, motion: Id) -> StoreResult<Vec<OpenBallotRow>> {
    Ok(sqlx::query_as(
        "SELECT b.account_id, a.display_name, a.name_tag, b.choice, b.weight FROM open_ballots b
         JOIN accounts a ON a.id = b.account_id WHERE b.motion_id = $1
         ORDER BY CASE a.display_name WHEN '' THEN 1 ELSE 0 END, a.display_name, b.account_id",
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
//
// A secret ballot is written in two transactions, each followed by an erasure of history
// (`db::HistoryFree`): the first records who voted, the second adds the choice to the
// sums. See ARCHITECTURE.md, "Secret ballots on disk".

/// The tables a secret ballot writes, whose earlier row versions are erased after each of
/// its transactions.
pub const SECRET_TABLES: [&str; 3] = ["secret_participation", "secret_pending", "secret_sums"];

/// Rows per multi-row statement when rewriting who took part.
const PARTICIPATION_CHUNK: usize = 500;

/// Takes the motion's row lock (PostgreSQL), so that the secret ballots of one motion take
/// turns across servers: each rewrites every participation row of its motion. SQLite's
/// write transactions already take turns.
pub async fn lock_for_ballot(conn: &mut AnyConnection, motion: Id) -> StoreResult<()> {
    if Backend::of(conn) == Backend::Postgres {
        sqlx::query("SELECT id FROM motions WHERE id = $1 FOR UPDATE")
            .bind(motion.get())
            .fetch_optional(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Who took part in a secret ballot, in key order.
pub async fn participants(conn: &mut AnyConnection, motion: Id) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT account_id FROM secret_participation WHERE motion_id = $1 ORDER BY account_id",
    )
    .bind(motion.get())
    .fetch_all(conn)
    .await?)
}

/// Writes who took part in a motion anew, as exactly `voters`, in key order.
///
/// Every row of the motion is deleted and inserted again rather than one row added: a row
/// added alone would sit where the voter's turn put it (SQLite places a new cell in the
/// page's free space, PostgreSQL a new tuple after the others) and carry its own
/// transaction stamp (PostgreSQL's `xmin`), and either tells the order of voting. Written
/// in key order, the rows' places are a function of who voted alone, and they all carry
/// one stamp.
pub async fn rewrite_participation(
    conn: &mut AnyConnection,
    motion: Id,
    voters: &[i64],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM secret_participation WHERE motion_id = $1")
        .bind(motion.get())
        .execute(&mut *conn)
        .await?;
    let backend = Backend::of(conn);
    let mut sorted = voters.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for chunk in sorted.chunks(PARTICIPATION_CHUNK) {
        let sql = format!(
            "INSERT INTO secret_participation (motion_id, account_id) VALUES {}",
            value_rows(chunk.len(), 2)
        );
        let mut query = sqlx::query(AssertSqlSafe(positional(backend, sql)));
        for voter in chunk {
            query = query.bind(motion.get()).bind(*voter);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
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

/// Ballots of `motion` between their two commits, or left there by a crash.
pub async fn pending_count(pool: &AnyPool, motion: Id) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM secret_pending WHERE motion_id = $1")
            .bind(motion.get())
            .fetch_one(pool)
            .await?,
    )
}

/// Marks a ballot of `motion` as between its two commits; the returned id ends it.
pub async fn add_pending(conn: &mut AnyConnection, motion: Id) -> StoreResult<Id> {
    let id = Id::random();
    sqlx::query("INSERT INTO secret_pending (id, motion_id) VALUES ($1, $2)")
        .bind(id.get())
        .bind(motion.get())
        .execute(conn)
        .await?;
    Ok(id)
}

/// Ends a pending ballot; false if it was not there.
pub async fn end_pending(conn: &mut AnyConnection, pending: Id) -> StoreResult<bool> {
    Ok(sqlx::query("DELETE FROM secret_pending WHERE id = $1")
        .bind(pending.get())
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}

/// A motion's sealed sums and the id of the key that sealed them, if a ballot was cast.
pub async fn sealed_sums(
    conn: &mut AnyConnection,
    motion: Id,
) -> StoreResult<Option<(i64, Vec<u8>)>> {
    Ok(
        sqlx::query_as("SELECT key_id, sealed FROM secret_sums WHERE motion_id = $1")
            .bind(motion.get())
            .fetch_optional(conn)
            .await?,
    )
}

/// Writes a motion's sums, sealed. The value keeps its length from one ballot to the next,
/// so SQLite rewrites it where it stands.
pub async fn put_sealed_sums(
    conn: &mut AnyConnection,
    motion: Id,
    key_id: u32,
    sealed: &[u8],
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO secret_sums (motion_id, key_id, sealed) VALUES ($1, $2, $3)
         ON CONFLICT (motion_id) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed",
    )
    .bind(motion.get())
    .bind(i64::from(key_id))
    .bind(sealed)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every motion's sealed sums: (motion, key id, sealed).
pub async fn all_sealed_sums(pool: &AnyPool) -> StoreResult<Vec<(i64, i64, Vec<u8>)>> {
    Ok(
        sqlx::query_as("SELECT motion_id, key_id, sealed FROM secret_sums ORDER BY motion_id")
            .fetch_all(pool)
            .await?,
    )
}

/// The sealed sums of the motions still open: (motion, sealed).
pub async fn open_motions_sums(pool: &AnyPool) -> StoreResult<Vec<(i64, Vec<u8>)>> {
    Ok(sqlx::query_as(
        "SELECT s.motion_id, s.sealed FROM secret_sums s JOIN motions m ON m.id = s.motion_id
         WHERE m.status = 'open'",
    )
    .fetch_all(pool)
    .await?)
}

/// Sums written in the clear by an earlier version of the program, not sealed yet:
/// (motion, option, ballots, weight).
pub async fn plain_sums(pool: &AnyPool) -> StoreResult<Vec<(i64, String, i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT motion_id, option, ballots, weight FROM secret_tally ORDER BY motion_id, option",
    )
    .fetch_all(pool)
    .await?)
}

pub async fn delete_plain_sums(conn: &mut AnyConnection) -> StoreResult<()> {
    sqlx::query("DELETE FROM secret_tally")
        .execute(conn)
        .await?;
    Ok(())
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
/// ones from who took part (less the ballots pending), and from the sums, which gain one
/// ballot per choice (a decision: exactly one; an election: one to `seats`, or "blank").
/// `sums` holds each secret motion's (marks, their weight), opened by the caller, who
/// holds the key.
pub async fn verify(
    pool: &AnyPool,
    sums: &BTreeMap<i64, (i64, i64)>,
) -> StoreResult<(usize, Vec<Mismatch>)> {
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
    let pending: BTreeMap<i64, i64> =
        sqlx::query_as("SELECT motion_id, COUNT(*) FROM secret_pending GROUP BY motion_id")
            .fetch_all(pool)
            .await?
            .into_iter()
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
        // Who took part is every counted ballot and every one still between its two
        // commits (or left there by a crash, never acknowledged).
        differ(
            "turnout",
            *turnout,
            took_part.get(id).copied().unwrap_or(0) - pending.get(id).copied().unwrap_or(0),
        );
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
