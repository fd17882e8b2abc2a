//! Queries for meetings, answers, attendance and calendar feeds.

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::StoreResult;

/// A meeting with its committee's name, the answers of current members counted, and the
/// viewer's own answer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub committee_id: i64,
    pub committee_name: String,
    pub title: String,
    pub starts_at: i64,
    pub location: String,
    /// A JSON list of strings.
    pub agenda: String,
    pub emergency: i64,
    pub minutes: Option<String>,
    pub called_by: Option<i64>,
    pub called_by_name: Option<String>,
    pub called_by_tag: Option<String>,
    pub created_at: i64,
    pub yes_count: i64,
    pub no_count: i64,
    pub maybe_count: i64,
    pub my_status: Option<String>,
    /// The committee's time zone (none: the server's).
    pub committee_time_zone: Option<String>,
    /// Changes since it was first published, and when the last one was made.
    pub sequence: i64,
    pub updated_at: Option<i64>,
    /// When it was called off, if it was.
    pub cancelled_at: Option<i64>,
}

/// The columns of [`MeetingRow`] for a query over `meetings m` joined to `committees c`,
/// with the viewer's id as `$1`. Answers of people who left the committee no longer count.
macro_rules! meeting_columns {
    () => {
        "m.id, m.committee_id, c.name AS committee_name, m.title, m.starts_at, m.location,
         m.agenda, m.emergency, m.minutes, m.called_by, a.display_name AS called_by_name,
         a.name_tag AS called_by_tag, m.created_at,
         (SELECT COUNT(*) FROM meeting_responses r JOIN memberships ms
            ON ms.committee_id = m.committee_id AND ms.account_id = r.account_id
          WHERE r.meeting_id = m.id AND r.status = 'yes') AS yes_count,
         (SELECT COUNT(*) FROM meeting_responses r JOIN memberships ms
            ON ms.committee_id = m.committee_id AND ms.account_id = r.account_id
          WHERE r.meeting_id = m.id AND r.status = 'no') AS no_count,
         (SELECT COUNT(*) FROM meeting_responses r JOIN memberships ms
            ON ms.committee_id = m.committee_id AND ms.account_id = r.account_id
          WHERE r.meeting_id = m.id AND r.status = 'maybe') AS maybe_count,
         (SELECT r.status FROM meeting_responses r
          WHERE r.meeting_id = m.id AND r.account_id = $1) AS my_status,
         c.time_zone AS committee_time_zone, m.sequence, m.updated_at, m.cancelled_at
         FROM meetings m
         JOIN committees c ON c.id = m.committee_id
         LEFT JOIN accounts a ON a.id = m.called_by"
    };
}

pub struct NewMeeting<'a> {
    pub id: Id,
    pub committee: Id,
    pub title: &'a str,
    pub starts_at: Timestamp,
    pub location: &'a str,
    pub agenda: &'a str,
    pub emergency: bool,
    pub called_by: Id,
}

pub async fn insert(conn: &mut AnyConnection, m: &NewMeeting<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO meetings (id, committee_id, title, starts_at, location, agenda, emergency,
                               minutes, called_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9)",
    )
    .bind(m.id.get())
    .bind(m.committee.get())
    .bind(m.title)
    .bind(m.starts_at.millis())
    .bind(m.location)
    .bind(m.agenda)
    .bind(i64::from(m.emergency))
    .bind(m.called_by.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// What a change writes: the fields as they now are. Each change counts once in the
/// meeting's `sequence`, which calendars compare to know that their copy is out of date.
pub struct Revised<'a> {
    pub title: &'a str,
    pub starts_at: Timestamp,
    pub location: &'a str,
    pub agenda: &'a str,
}

/// Writes a change, unless the meeting was called off in the meantime; answers whether it
/// was written.
pub async fn revise(
    conn: &mut AnyConnection,
    id: Id,
    r: &Revised<'_>,
    at: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE meetings SET title = $2, starts_at = $3, location = $4, agenda = $5,
                sequence = sequence + 1, updated_at = $6
         WHERE id = $1 AND cancelled_at IS NULL",
    )
    .bind(id.get())
    .bind(r.title)
    .bind(r.starts_at.millis())
    .bind(r.location)
    .bind(r.agenda)
    .bind(at.millis())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Calls the meeting off, once; answers whether this call did.
pub async fn cancel(conn: &mut AnyConnection, id: Id, at: Timestamp) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE meetings SET cancelled_at = $2, updated_at = $2, sequence = sequence + 1
         WHERE id = $1 AND cancelled_at IS NULL",
    )
    .bind(id.get())
    .bind(at.millis())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The committee of meeting `id`, if there is one: the one small query every lookup by id
/// starts with, as costly for an id that names nothing as for a real one, so that who may
/// see it is decided before anything more is read.
pub async fn committee_of_id(pool: &AnyPool, id: Id) -> StoreResult<Option<Id>> {
    // One row either way (NULL for no meeting): reading it costs the same.
    let found: Option<i64> =
        sqlx::query_scalar("SELECT (SELECT committee_id FROM meetings WHERE id = $1)")
            .bind(id.get())
            .fetch_one(pool)
            .await?;
    Ok(found.map(Id::from_db))
}

pub async fn find(pool: &AnyPool, id: Id, viewer: Id) -> StoreResult<Option<MeetingRow>> {
    Ok(
        sqlx::query_as(concat!("SELECT ", meeting_columns!(), " WHERE m.id = $2"))
            .bind(viewer.get())
            .bind(id.get())
            .fetch_optional(pool)
            .await?,
    )
}

/// The meeting's committee, read inside a transaction.
pub async fn committee_of(conn: &mut AnyConnection, id: Id) -> StoreResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT committee_id FROM meetings WHERE id = $1")
            .bind(id.get())
            .fetch_optional(conn)
            .await?,
    )
}

/// A committee's meetings starting at or after `since`, soonest first.
pub async fn upcoming(
    pool: &AnyPool,
    committee: Id,
    since: Timestamp,
    viewer: Id,
    limit: i64,
) -> StoreResult<Vec<MeetingRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        meeting_columns!(),
        " WHERE m.committee_id = $2 AND m.starts_at >= $3
          ORDER BY m.starts_at, m.id LIMIT $4"
    ))
    .bind(viewer.get())
    .bind(committee.get())
    .bind(since.millis())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// A committee's meetings that started before `before`, most recent first.
pub async fn past(
    pool: &AnyPool,
    committee: Id,
    before: Timestamp,
    viewer: Id,
    limit: i64,
) -> StoreResult<Vec<MeetingRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        meeting_columns!(),
        " WHERE m.committee_id = $2 AND m.starts_at < $3
          ORDER BY m.starts_at DESC, m.id LIMIT $4"
    ))
    .bind(viewer.get())
    .bind(committee.get())
    .bind(before.millis())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// The meetings of every committee `account` belongs to, from `since` on, soonest first.
pub async fn upcoming_for_member(
    pool: &AnyPool,
    account: Id,
    since: Timestamp,
    limit: i64,
) -> StoreResult<Vec<MeetingRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        meeting_columns!(),
        " WHERE m.starts_at >= $2 AND EXISTS (
              SELECT 1 FROM memberships me WHERE me.committee_id = m.committee_id
              AND me.account_id = $1)
          ORDER BY m.starts_at, m.id LIMIT $3"
    ))
    .bind(account.get())
    .bind(since.millis())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Records or changes an answer.
pub async fn respond(
    conn: &mut AnyConnection,
    meeting: Id,
    account: Id,
    status: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO meeting_responses (meeting_id, account_id, status) VALUES ($1, $2, $3)
         ON CONFLICT (meeting_id, account_id) DO UPDATE SET status = excluded.status",
    )
    .bind(meeting.get())
    .bind(account.get())
    .bind(status)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResponseRow {
    pub account_id: i64,
    pub display_name: String,
    pub name_tag: String,
    pub status: String,
}

/// Who answered what, among the committee's current members.
pub async fn responses(pool: &AnyPool, meeting: Id) -> StoreResult<Vec<ResponseRow>> {
    Ok(sqlx::query_as(
        "SELECT r.account_id, a.display_name, a.name_tag, r.status
         FROM meeting_responses r
         JOIN meetings m ON m.id = r.meeting_id
         JOIN memberships ms ON ms.committee_id = m.committee_id AND ms.account_id = r.account_id
         JOIN accounts a ON a.id = r.account_id
         WHERE r.meeting_id = $1
         ORDER BY CASE r.status WHEN 'yes' THEN 0 WHEN 'maybe' THEN 1 ELSE 2 END,
                  CASE a.display_name WHEN '' THEN 1 ELSE 0 END, a.display_name, r.account_id",
    )
    .bind(meeting.get())
    .fetch_all(pool)
    .await?)
}

pub async fn set_minutes(
    conn: &mut AnyConnection,
    meeting: Id,
    minutes: Option<&str>,
) -> StoreResult<()> {
    sqlx::query("UPDATE meetings SET minutes = $2 WHERE id = $1")
        .bind(meeting.get())
        .bind(minutes)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttendeeRow {
    pub account_id: i64,
    pub display_name: String,
    pub name_tag: String,
}

/// Who attended. Unlike answers, this is a record of what happened, so it keeps people who
/// have left the committee since.
pub async fn attendance(pool: &AnyPool, meeting: Id) -> StoreResult<Vec<AttendeeRow>> {
    Ok(sqlx::query_as(
        "SELECT t.account_id, a.display_name, a.name_tag
         FROM meeting_attendance t JOIN accounts a ON a.id = t.account_id
         WHERE t.meeting_id = $1
         ORDER BY CASE a.display_name WHEN '' THEN 1 ELSE 0 END, a.display_name, t.account_id",
    )
    .bind(meeting.get())
    .fetch_all(pool)
    .await?)
}

pub async fn attendance_ids(conn: &mut AnyConnection, meeting: Id) -> StoreResult<Vec<Id>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT account_id FROM meeting_attendance WHERE meeting_id = $1")
            .bind(meeting.get())
            .fetch_all(conn)
            .await?;
    Ok(ids.into_iter().map(Id::from_db).collect())
}

/// Replaces the record of who attended.
pub async fn set_attendance(
    conn: &mut AnyConnection,
    meeting: Id,
    accounts: &[Id],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM meeting_attendance WHERE meeting_id = $1")
        .bind(meeting.get())
        .execute(&mut *conn)
        .await?;
    for account in accounts {
        sqlx::query("INSERT INTO meeting_attendance (meeting_id, account_id) VALUES ($1, $2)")
            .bind(meeting.get())
            .bind(account.get())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

// ---- calendar feeds ----

/// Makes `token_hash` the account's one calendar link for the committee; the old link, if
/// any, stops working in the same transaction.
pub async fn replace_feed(
    conn: &mut AnyConnection,
    account: Id,
    committee: Id,
    token_hash: &[u8],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM calendar_feeds WHERE account_id = $1 AND committee_id = $2")
        .bind(account.get())
        .bind(committee.get())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (token_hash, account_id, committee_id, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account.get())
    .bind(committee.get())
    .bind(Timestamp::now().millis())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedRow {
    pub account_id: i64,
    pub committee_id: i64,
    pub committee_name: String,
    pub language: String,
    /// 1 while the account is still a member of the committee.
    pub is_member: i64,
    /// The committee's zone (none: the server's) and the account's own, if chosen.
    pub committee_time_zone: Option<String>,
    pub account_time_zone: Option<String>,
}

pub async fn feed(pool: &AnyPool, token_hash: &[u8]) -> StoreResult<Option<FeedRow>> {
    Ok(sqlx::query_as(
        "SELECT f.account_id, f.committee_id, c.name AS committee_name, a.language,
                CASE WHEN EXISTS (
                    SELECT 1 FROM memberships ms
                    WHERE ms.committee_id = f.committee_id AND ms.account_id = f.account_id
                ) THEN 1 ELSE 0 END AS is_member,
                c.time_zone AS committee_time_zone, a.time_zone AS account_time_zone
         FROM calendar_feeds f
         JOIN committees c ON c.id = f.committee_id
         JOIN accounts a ON a.id = f.account_id
         WHERE f.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedEventRow {
    pub id: i64,
    pub committee_id: i64,
    pub committee_name: String,
    pub committee_time_zone: Option<String>,
    pub title: String,
    pub starts_at: i64,
    pub location: String,
    pub agenda: String,
    pub emergency: i64,
    pub created_at: i64,
    pub sequence: i64,
    pub updated_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

macro_rules! feed_columns {
    () => {
        "m.id, m.committee_id, c.name AS committee_name, c.time_zone AS committee_time_zone,
         m.title, m.starts_at, m.location, m.agenda, m.emergency, m.created_at, m.sequence,
         m.updated_at, m.cancelled_at
         FROM meetings m JOIN committees c ON c.id = m.committee_id"
    };
}

/// A committee's meetings starting at or after `since`, for a calendar feed; those called
/// off too, so that calendars take them out.
pub async fn feed_events(
    pool: &AnyPool,
    committee: Id,
    since: Timestamp,
    limit: i64,
) -> StoreResult<Vec<FeedEventRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        feed_columns!(),
        " WHERE m.committee_id = $1 AND m.starts_at >= $2
          ORDER BY m.starts_at, m.id LIMIT $3"
    ))
    .bind(committee.get())
    .bind(since.millis())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// The meetings of every committee the account belongs to now, from `since` on: a member's
/// own feed follows their memberships as they are at each fetch.
pub async fn member_feed_events(
    pool: &AnyPool,
    account: Id,
    since: Timestamp,
    limit: i64,
) -> StoreResult<Vec<FeedEventRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        feed_columns!(),
        " WHERE m.starts_at >= $2 AND EXISTS (
              SELECT 1 FROM memberships me WHERE me.committee_id = m.committee_id
              AND me.account_id = $1)
          ORDER BY m.starts_at, m.id LIMIT $3"
    ))
    .bind(account.get())
    .bind(since.millis())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Makes `token_hash` the account's one link to its own calendar of all its committees; the
/// old link, if any, stops working in the same transaction.
pub async fn replace_member_feed(
    conn: &mut AnyConnection,
    account: Id,
    token_hash: &[u8],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM member_calendar_feeds WHERE account_id = $1")
        .bind(account.get())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO member_calendar_feeds (token_hash, account_id, created_at)
         VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(account.get())
    .bind(Timestamp::now().millis())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberFeedRow {
    pub account_id: i64,
    pub language: String,
    pub account_time_zone: Option<String>,
}

/// The owner of a member's own calendar link.
pub async fn member_feed(pool: &AnyPool, token_hash: &[u8]) -> StoreResult<Option<MemberFeedRow>> {
    Ok(sqlx::query_as(
        "SELECT f.account_id, a.language, a.time_zone AS account_time_zone
         FROM member_calendar_feeds f JOIN accounts a ON a.id = f.account_id
         WHERE f.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?)
}
