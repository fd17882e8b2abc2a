//! Queries for the inbox.

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::core::{Id, Timestamp};
use crate::db::{Backend, StoreResult, positional, value_rows};
use crate::notifications::{Notification, parse_kind};

/// The most notifications written by one statement.
const CHUNK: usize = 400;

/// Writes notifications in multi-row statements. Every inbox row passes through here. A
/// notification whose id exists already (a fan-out resumed after a restart) is skipped.
/// Those that go out by push or e-mail are queued for delivery in the same transaction
/// (see `delivery`).
pub async fn insert_many(conn: &mut AnyConnection, rows: &[Notification]) -> StoreResult<()> {
    for chunk in rows.chunks(CHUNK) {
        let goes_out = chunk
            .iter()
            .any(|n| crate::core::delivery::category(n.kind, n.urgent).is_some());
        let sql = format!(
            "INSERT INTO notifications (id, account_id, kind, committee_id, subject_id, detail, urgent, created_at)
             VALUES {} ON CONFLICT (id) DO NOTHING{}",
            value_rows(chunk.len(), 8),
            if goes_out { " RETURNING id" } else { "" }
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
                .bind(n.created_at.millis());
        }
        if goes_out {
            // Only what was written now is queued, never twice.
            let written: std::collections::HashSet<i64> = query
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .filter_map(|row| sqlx::Row::try_get::<i64, _>(row, 0).ok())
                .collect();
            let fresh: Vec<&Notification> = chunk
                .iter()
                .filter(|n| written.contains(&n.id.get()))
                .collect();
            crate::delivery::queue(&mut *conn, &fresh).await?;
        } else {
            query.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Whether the member has done what a notification over `notifications n` asks of them: a
/// motion voted on, a meeting answered, an action pledged to, an incident confirmed or
/// responded to. Such a notification counts as read. It is decided when read, not written
/// when acted: a time written at the vote would tell when each member cast a secret
/// ballot (the order of voting the ballot hides), and one written at a pledge when they
/// pledged, which no pledge keeps. Each test is a lookup in its table's primary key.
const ACTED_ON: &str = "(
    (n.kind = 'motion_moved'
     AND (EXISTS (SELECT 1 FROM open_ballots ob
                  WHERE ob.motion_id = n.subject_id AND ob.account_id = n.account_id)
          OR EXISTS (SELECT 1 FROM secret_participation sp
                     WHERE sp.motion_id = n.subject_id AND sp.account_id = n.account_id)))
    OR (n.kind IN ('meeting_scheduled', 'emergency_meeting')
        AND EXISTS (SELECT 1 FROM meeting_responses mr
                    WHERE mr.meeting_id = n.subject_id AND mr.account_id = n.account_id))
    OR (n.kind = 'action_called'
        AND EXISTS (SELECT 1 FROM pledges pl
                    WHERE pl.action_id = n.subject_id AND pl.account_id = n.account_id))
    OR (n.kind = 'incident_reported'
        AND (EXISTS (SELECT 1 FROM incident_confirmations ic
                     WHERE ic.incident_id = n.subject_id AND ic.account_id = n.account_id)
             OR EXISTS (SELECT 1 FROM incident_responders ir
                        WHERE ir.incident_id = n.subject_id AND ir.account_id = n.account_id))))";

/// The columns of [`Row`] over `notifications n`; `read_at` is the notification's own time
/// when it was acted on but never opened.
fn columns() -> String {
    format!(
        "n.id, n.account_id, n.kind, n.committee_id, n.subject_id, n.detail, n.urgent,
         n.created_at, CASE WHEN n.read_at IS NULL AND {ACTED_ON} THEN n.created_at
                            ELSE n.read_at END AS read_at"
    )
}

/// Not read, and not acted on, over `notifications n`.
fn unread() -> String {
    format!("(n.read_at IS NULL AND NOT {ACTED_ON})")
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    account_id: i64,
    kind: String,
    committee_id: Option<i64>,
    subject_id: Option<i64>,
    detail: String,
    urgent: i64,
    created_at: i64,
    read_at: Option<i64>,
}

impl Row {
    fn into_notification(self) -> Option<Notification> {
        Some(Notification {
            id: Id::from_db(self.id),
            account_id: Id::from_db(self.account_id),
            kind: parse_kind(&self.kind).ok()?,
            committee_id: self.committee_id.map(Id::from_db),
            subject_id: self.subject_id.map(Id::from_db),
            detail: serde_json::from_str(&self.detail).unwrap_or_default(),
            urgent: self.urgent != 0,
            created_at: Timestamp::from_millis(self.created_at),
            read_at: self.read_at.map(Timestamp::from_millis),
            ahead_of_inbox: false,
        })
    }
}

/// A page of the inbox, newest first, strictly before the notification `before` (if any).
pub async fn page(
    pool: &AnyPool,
    account: Id,
    before: Option<(Timestamp, Id)>,
    unread_only: bool,
    limit: i64,
) -> StoreResult<Vec<Notification>> {
    let (before_at, before_id) =
        before.map_or((i64::MAX, i64::MAX), |(t, id)| (t.millis(), id.get()));
    let sql = format!(
        "SELECT {} FROM notifications n
         WHERE n.account_id = $1
           AND (n.created_at < $2 OR (n.created_at = $2 AND n.id < $3))
           AND ($4 = 0 OR {})
         ORDER BY n.created_at DESC, n.id DESC
         LIMIT $5",
        columns(),
        unread()
    );
    let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(account.get())
        .bind(before_at)
        .bind(before_id)
        .bind(i64::from(unread_only))
        .bind(limit)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(Row::into_notification)
        .collect())
}

/// The account's notifications strictly after `after` (from the first when `None`), oldest
/// first: what an event stream resumed from `after` has not sent; `None` when more than
/// `limit` follow.
pub async fn after(
    pool: &AnyPool,
    account: Id,
    after: Option<(Timestamp, Id)>,
    limit: usize,
) -> StoreResult<Option<Vec<Notification>>> {
    let (after_at, after_id) = after.map_or((i64::MIN, i64::MIN), |(t, id)| (t.millis(), id.get()));
    let sql = format!(
        "SELECT {} FROM notifications n
         WHERE n.account_id = $1
           AND (n.created_at > $2 OR (n.created_at = $2 AND n.id > $3))
         ORDER BY n.created_at, n.id
         LIMIT $4",
        columns()
    );
    let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(account.get())
        .bind(after_at)
        .bind(after_id)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1))
        .fetch_all(pool)
        .await?;
    if rows.len() > limit {
        return Ok(None);
    }
    Ok(Some(
        rows.into_iter()
            .filter_map(Row::into_notification)
            .collect(),
    ))
}

/// The id of the account's newest notification, if it has any.
pub async fn newest(pool: &AnyPool, account: Id) -> StoreResult<Option<Id>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM notifications WHERE account_id = $1
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(account.get())
    .fetch_optional(pool)
    .await?;
    Ok(id.map(Id::from_db))
}

pub async fn find(pool: &AnyPool, account: Id, id: Id) -> StoreResult<Option<Notification>> {
    let sql = format!(
        "SELECT {} FROM notifications n WHERE n.account_id = $1 AND n.id = $2",
        columns()
    );
    let row: Option<Row> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(account.get())
        .bind(id.get())
        .fetch_optional(pool)
        .await?;
    Ok(row.and_then(Row::into_notification))
}

/// Notifications neither read nor acted on.
pub async fn unread_count(pool: &AnyPool, account: Id) -> StoreResult<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM notifications n WHERE n.account_id = $1 AND {}",
        unread()
    );
    Ok(sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(account.get())
        .fetch_one(pool)
        .await?)
}

/// Whether the account has unread notifications of these kinds about `subject`.
pub async fn unread_about(
    pool: &AnyPool,
    account: Id,
    subject: Id,
    kinds: &[&str],
) -> StoreResult<bool> {
    let sql = format!(
        "SELECT COUNT(*) FROM notifications
         WHERE subject_id = $1 AND account_id = $2 AND read_at IS NULL AND kind IN ({})",
        crate::db::value_list(3, kinds.len())
    );
    let mut query = sqlx::query_scalar(AssertSqlSafe(positional(Backend::of_pool(pool), sql)))
        .bind(subject.get())
        .bind(account.get());
    for kind in kinds {
        query = query.bind(*kind);
    }
    let n: i64 = query.fetch_one(pool).await?;
    Ok(n > 0)
}

/// Marks read the account's notifications of these kinds about `subject`.
pub async fn mark_read_about(
    conn: &mut AnyConnection,
    account: Id,
    subject: Id,
    kinds: &[&str],
    now: Timestamp,
) -> StoreResult<()> {
    let sql = format!(
        "UPDATE notifications SET read_at = $1
         WHERE subject_id = $2 AND account_id = $3 AND read_at IS NULL AND kind IN ({})",
        crate::db::value_list(4, kinds.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(positional(Backend::of(conn), sql)))
        .bind(now.millis())
        .bind(subject.get())
        .bind(account.get());
    for kind in kinds {
        query = query.bind(*kind);
    }
    query.execute(conn).await?;
    Ok(())
}

/// Marks the given notifications read, or all of them when `ids` is `None`.
pub async fn mark_read(
    conn: &mut AnyConnection,
    account: Id,
    ids: Option<&[Id]>,
    now: Timestamp,
) -> StoreResult<()> {
    match ids {
        None => {
            sqlx::query(
                "UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL",
            )
            .bind(account.get())
            .bind(now.millis())
            .execute(&mut *conn)
            .await?;
        }
        Some(ids) => {
            for id in ids {
                sqlx::query(
                    "UPDATE notifications SET read_at = $3
                     WHERE account_id = $1 AND id = $2 AND read_at IS NULL",
                )
                .bind(account.get())
                .bind(id.get())
                .bind(now.millis())
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(())
}
