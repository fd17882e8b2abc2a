//! Queries for accounts, sessions and server settings.

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::StoreResult;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub handle: String,
    /// Empty when the member chose none: see `core::names`.
    pub display_name: String,
    pub name_tag: String,
    pub language: String,
    pub is_admin: i64,
    /// The member's own IANA time zone; none to read each committee's in its own.
    pub time_zone: Option<String>,
}

/// The columns of [`AccountRow`], for queries that alias `accounts` as `a`.
macro_rules! account_columns {
    () => {
        "a.id, a.handle, a.display_name, a.name_tag, a.language, a.is_admin, a.time_zone"
    };
}

pub struct NewAccount<'a> {
    pub id: Id,
    pub handle: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub language: &'a str,
    pub is_admin: bool,
}

pub async fn insert(conn: &mut AnyConnection, account: &NewAccount<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO accounts (id, handle, display_name, password_hash, language, is_admin, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(account.id.get())
    .bind(account.handle)
    .bind(account.display_name)
    .bind(account.password_hash)
    .bind(account.language)
    .bind(i64::from(account.is_admin))
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count(pool: &AnyPool) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(pool)
        .await?)
}

pub async fn count_admins(pool: &AnyPool) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE is_admin = 1")
            .fetch_one(pool)
            .await?,
    )
}

pub async fn handle_exists(pool: &AnyPool, handle: &str) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE handle = $1")
        .bind(handle)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// The account id and password hash for a handle, to check a log-in.
pub async fn credentials(pool: &AnyPool, handle: &str) -> StoreResult<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, password_hash FROM accounts WHERE handle = $1")
            .bind(handle)
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn password_hash(pool: &AnyPool, id: Id) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
            .bind(id.get())
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn find(pool: &AnyPool, id: Id) -> StoreResult<Option<AccountRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        account_columns!(),
        " FROM accounts a WHERE a.id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?)
}

/// The account's display name (empty if none) and stored name tag.
pub async fn name_in(conn: &mut AnyConnection, id: Id) -> StoreResult<Option<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT display_name, name_tag FROM accounts WHERE id = $1")
            .bind(id.get())
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn set_name_tag(conn: &mut AnyConnection, id: Id, tag: &str) -> StoreResult<()> {
    sqlx::query("UPDATE accounts SET name_tag = $2 WHERE id = $1")
        .bind(id.get())
        .bind(tag)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn update_profile(
    conn: &mut AnyConnection,
    id: Id,
    display_name: Option<&str>,
    language: Option<&str>,
    password_hash: Option<&str>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE accounts SET
             display_name = COALESCE($2, display_name),
             language = COALESCE($3, language),
             password_hash = COALESCE($4, password_hash)
         WHERE id = $1",
    )
    .bind(id.get())
    .bind(display_name)
    .bind(language)
    .bind(password_hash)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets (or, with none, clears) the member's own time zone.
pub async fn set_time_zone(
    conn: &mut AnyConnection,
    id: Id,
    zone: Option<&str>,
) -> StoreResult<()> {
    sqlx::query("UPDATE accounts SET time_zone = $2 WHERE id = $1")
        .bind(id.get())
        .bind(zone)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_session(
    conn: &mut AnyConnection,
    token_hash: &[u8],
    account: Id,
    expires_at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account.get())
    .bind(Timestamp::now().millis())
    .bind(expires_at.millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// The account behind a live session.
/// The account behind an unexpired session, and when the session expires.
pub async fn session_account(
    pool: &AnyPool,
    token_hash: &[u8],
    now: Timestamp,
) -> StoreResult<Option<(AccountRow, i64)>> {
    let row: Option<SessionRow> = sqlx::query_as(concat!(
        "SELECT s.token_hash, s.expires_at, ",
        account_columns!(),
        " FROM sessions s JOIN accounts a ON a.id = s.account_id
          WHERE s.token_hash = $1 AND s.expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now.millis())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.account, r.expires_at)))
}

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: Vec<u8>,
    pub expires_at: i64,
    #[sqlx(flatten)]
    pub account: AccountRow,
}

/// Every unexpired session with its account, streamed through `keep` (at general-strike
/// scale there are hundreds of thousands: they are never all held as rows at once).
pub async fn all_sessions<K: Eq + std::hash::Hash, V>(
    pool: &AnyPool,
    now: Timestamp,
    mut keep: impl FnMut(SessionRow) -> Option<(K, V)>,
) -> StoreResult<std::collections::HashMap<K, V>> {
    use futures_util::TryStreamExt;
    let mut rows = sqlx::query_as::<_, SessionRow>(concat!(
        "SELECT s.token_hash, s.expires_at, ",
        account_columns!(),
        " FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.expires_at > $1"
    ))
    .bind(now.millis())
    .fetch(pool);
    let mut kept = std::collections::HashMap::new();
    while let Some(row) = rows.try_next().await? {
        if let Some((key, value)) = keep(row) {
            kept.insert(key, value);
        }
        // Rows arrive faster than they are handled: let requests on this thread through.
        if kept.len() % 4096 == 0 {
            tokio::task::yield_now().await;
        }
    }
    Ok(kept)
}

pub async fn delete_session(conn: &mut AnyConnection, token_hash: &[u8]) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of an account ("log out everywhere").
pub async fn delete_sessions(conn: &mut AnyConnection, account: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account.get())
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of an account but one (after a password change).
pub async fn delete_other_sessions(
    conn: &mut AnyConnection,
    account: Id,
    keep: &[u8],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(account.get())
        .bind(keep)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_expired_sessions(conn: &mut AnyConnection, now: Timestamp) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now.millis())
        .execute(conn)
        .await?
        .rows_affected())
}

// ---- API tokens ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scopes: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_on: Option<i64>,
}

pub struct NewToken<'a> {
    pub id: Id,
    pub account: Id,
    pub name: &'a str,
    pub secret_hash: &'a [u8],
    pub scopes: &'a str,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

pub async fn insert_token(conn: &mut AnyConnection, token: &NewToken<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO api_tokens (id, account_id, name, secret_hash, scopes, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token.id.get())
    .bind(token.account.get())
    .bind(token.name)
    .bind(token.secret_hash)
    .bind(token.scopes)
    .bind(token.created_at.millis())
    .bind(token.expires_at.millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's unexpired tokens, newest first (expired ones are deleted by housekeeping
/// and never shown).
pub async fn tokens_of(pool: &AnyPool, account: Id, now: Timestamp) -> StoreResult<Vec<TokenRow>> {
    Ok(sqlx::query_as(
        "SELECT id, name, scopes, created_at, expires_at, last_used_on FROM api_tokens
         WHERE account_id = $1 AND expires_at > $2 ORDER BY created_at DESC, id",
    )
    .bind(account.get())
    .bind(now.millis())
    .fetch_all(pool)
    .await?)
}

/// How many tokens the account holds, and whether one of them goes by `name`.
pub async fn token_count_and_name(
    conn: &mut AnyConnection,
    account: Id,
    name: &str,
    now: Timestamp,
) -> StoreResult<(i64, bool)> {
    // Expired tokens are no longer the member's: not listed, not counted, their names free
    // (`delete_expired_tokens_of` clears them before a new one is written).
    let (count, named): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN name = $2 THEN 1 ELSE 0 END), 0)
         FROM api_tokens WHERE account_id = $1 AND expires_at > $3",
    )
    .bind(account.get())
    .bind(name)
    .bind(now.millis())
    .fetch_one(conn)
    .await?;
    Ok((count, named > 0))
}

/// Clears the account's expired tokens, which housekeeping would clear later, so that a new
/// token may take the name of one that expired.
pub async fn delete_expired_tokens_of(
    conn: &mut AnyConnection,
    account: Id,
    now: Timestamp,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM api_tokens WHERE account_id = $1 AND expires_at <= $2")
        .bind(account.get())
        .bind(now.millis())
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes one of the account's tokens; the hash of its secret, if there was one.
pub async fn delete_token(
    conn: &mut AnyConnection,
    account: Id,
    id: Id,
) -> StoreResult<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar(
        "DELETE FROM api_tokens WHERE id = $1 AND account_id = $2 RETURNING secret_hash",
    )
    .bind(id.get())
    .bind(account.get())
    .fetch_optional(conn)
    .await?)
}

/// Ends every token of an account (a new password, logging out everywhere).
pub async fn delete_tokens(conn: &mut AnyConnection, account: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM api_tokens WHERE account_id = $1")
        .bind(account.get())
        .execute(conn)
        .await?;
    Ok(())
}

/// Holds, until the transaction ends, the right to add tokens to the account: on PostgreSQL
/// its row is locked, so that two requests at once cannot both pass the count; SQLite's
/// writers take turns already.
pub async fn lock_tokens_of(conn: &mut AnyConnection, account: Id) -> StoreResult<()> {
    if crate::db::Backend::of(conn) == crate::db::Backend::Postgres {
        sqlx::query("SELECT id FROM accounts WHERE id = $1 FOR UPDATE")
            .bind(account.get())
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Ends the account's calendar links, of each committee and its own: each is a way to read
/// meetings and actions that needs no session.
pub async fn delete_calendar_links(conn: &mut AnyConnection, account: Id) -> StoreResult<()> {
    for statement in [
        "DELETE FROM calendar_feeds WHERE account_id = $1",
        "DELETE FROM member_calendar_feeds WHERE account_id = $1",
    ] {
        sqlx::query(statement)
            .bind(account.get())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Stops pushing to every device of the account: a phone that was taken would go on
/// receiving alerts without any session.
pub async fn delete_push_subscriptions(conn: &mut AnyConnection, account: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM push_subscriptions WHERE account_id = $1")
        .bind(account.get())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_expired_tokens(conn: &mut AnyConnection, now: Timestamp) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM api_tokens WHERE expires_at <= $1")
        .bind(now.millis())
        .execute(conn)
        .await?
        .rows_affected())
}

/// Notes the day a token was used (only ever later days).
pub async fn token_used_on(conn: &mut AnyConnection, id: Id, day: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_on = $2
         WHERE id = $1 AND (last_used_on IS NULL OR last_used_on < $2)",
    )
    .bind(id.get())
    .bind(day)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct TokenAccountRow {
    pub token_id: i64,
    pub scopes: String,
    pub last_used_on: Option<i64>,
    pub secret_hash: Vec<u8>,
    pub expires_at: i64,
    #[sqlx(flatten)]
    pub account: AccountRow,
}

/// The account behind an unexpired API token, with the token.
pub async fn token_account(
    pool: &AnyPool,
    secret_hash: &[u8],
    now: Timestamp,
) -> StoreResult<Option<TokenAccountRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT t.id AS token_id, t.scopes, t.last_used_on, t.secret_hash, t.expires_at, ",
        account_columns!(),
        " FROM api_tokens t JOIN accounts a ON a.id = t.account_id
          WHERE t.secret_hash = $1 AND t.expires_at > $2"
    ))
    .bind(secret_hash)
    .bind(now.millis())
    .fetch_optional(pool)
    .await?)
}

/// Every unexpired token with its account, for the directory (far fewer than sessions).
pub async fn all_tokens(pool: &AnyPool, now: Timestamp) -> StoreResult<Vec<TokenAccountRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT t.id AS token_id, t.scopes, t.last_used_on, t.secret_hash, t.expires_at, ",
        account_columns!(),
        " FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.expires_at > $1"
    ))
    .bind(now.millis())
    .fetch_all(pool)
    .await?)
}

pub async fn setting(pool: &AnyPool, key: &str) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn put_setting(conn: &mut AnyConnection, key: &str, value: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_setting(conn: &mut AnyConnection, key: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM settings WHERE key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

// ---- a member's own data: export and deletion ----
//
// These read and clear rows of other parts' tables on purpose: they answer for one account
// everywhere, and keeping them in one place makes it plain what an export holds and what a
// deletion leaves.

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedRsvp {
    pub meeting_id: i64,
    pub title: String,
    pub starts_at: i64,
    pub status: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedBallot {
    pub motion_id: i64,
    pub title: String,
    pub choice: String,
    pub cast_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedPledge {
    pub action_id: i64,
    pub title: String,
    pub committee_id: i64,
    pub status: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedIncident {
    pub id: i64,
    pub committee_id: i64,
    pub kind: String,
    pub urgency: String,
    pub summary: String,
    pub location: String,
    pub status: String,
    pub created_at: i64,
    pub erased_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedNotification {
    pub id: i64,
    pub kind: String,
    pub committee_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub detail: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// Something the account wrote for a committee: a motion, demand, bulletin, meeting or action.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedWriting {
    pub kind: String,
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub created_at: i64,
}

pub struct Exported {
    pub created_at: i64,
    pub written: Vec<ExportedWriting>,
    pub rsvps: Vec<ExportedRsvp>,
    pub open_ballots: Vec<ExportedBallot>,
    /// Motions the account cast a secret ballot in; the choices cannot be told.
    pub secret_ballots_in: Vec<i64>,
    pub pledges: Vec<ExportedPledge>,
    pub incidents: Vec<ExportedIncident>,
    pub notifications: Vec<ExportedNotification>,
    /// Councils the account sits in as a delegate, and for which committee.
    pub seats: Vec<(i64, i64, i64)>,
}

pub async fn export(pool: &AnyPool, id: Id) -> StoreResult<Exported> {
    let account = id.get();
    let created_at = sqlx::query_scalar("SELECT created_at FROM accounts WHERE id = $1")
        .bind(account)
        .fetch_one(pool)
        .await?;
    let rsvps = sqlx::query_as(
        "SELECT r.meeting_id, m.title, m.starts_at, r.status
         FROM meeting_responses r JOIN meetings m ON m.id = r.meeting_id
         WHERE r.account_id = $1 ORDER BY m.starts_at",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let open_ballots = sqlx::query_as(
        "SELECT b.motion_id, m.title, b.choice, b.cast_at
         FROM open_ballots b JOIN motions m ON m.id = b.motion_id
         WHERE b.account_id = $1 ORDER BY b.cast_at",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let secret_ballots_in = sqlx::query_scalar(
        "SELECT motion_id FROM secret_participation WHERE account_id = $1 ORDER BY motion_id",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let pledges = sqlx::query_as(
        "SELECT p.action_id, a.title, p.committee_id, a.status
         FROM pledges p JOIN actions a ON a.id = p.action_id
         WHERE p.account_id = $1 ORDER BY a.starts_at",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let incidents = sqlx::query_as(
        "SELECT id, committee_id, kind, urgency, summary, location, status, created_at, erased_at
         FROM incidents WHERE reported_by = $1 ORDER BY created_at",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let notifications = sqlx::query_as(
        "SELECT id, kind, committee_id, subject_id, detail, created_at, read_at
         FROM notifications WHERE account_id = $1 ORDER BY created_at",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let seats = sqlx::query_as(
        "SELECT council_id, committee_id, since FROM delegate_seats WHERE account_id = $1",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    let written = sqlx::query_as(
        "SELECT 'motion' AS kind, id, committee_id, title, created_at FROM motions WHERE moved_by = $1
         UNION ALL SELECT 'demand', id, committee_id, title, created_at FROM demands WHERE drafted_by = $1
         UNION ALL SELECT 'bulletin', id, committee_id, title, created_at FROM bulletins WHERE author_id = $1
         UNION ALL SELECT 'meeting', id, committee_id, title, created_at FROM meetings WHERE called_by = $1
         UNION ALL SELECT 'action', id, committee_id, title, created_at FROM actions WHERE called_by = $1
         ORDER BY created_at, id",
    )
    .bind(account)
    .fetch_all(pool)
    .await?;
    Ok(Exported {
        created_at,
        written,
        rsvps,
        open_ballots,
        secret_ballots_in,
        pledges,
        incidents,
        notifications,
        seats,
    })
}

/// The committees where the account is a coordinator: (committee, coordinators, members).
pub async fn coordinated(conn: &mut AnyConnection, id: Id) -> StoreResult<Vec<(i64, i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT m.committee_id,
                (SELECT COUNT(*) FROM memberships c
                 WHERE c.committee_id = m.committee_id AND c.role = 'coordinator'),
                (SELECT COUNT(*) FROM memberships c WHERE c.committee_id = m.committee_id)
         FROM memberships m WHERE m.account_id = $1 AND m.role = 'coordinator'",
    )
    .bind(id.get())
    .fetch_all(conn)
    .await?)
}

/// Actions still gathering that the account pledged to.
pub async fn gathering_pledges(pool: &AnyPool, id: Id) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT p.action_id FROM pledges p JOIN actions a ON a.id = p.action_id
         WHERE p.account_id = $1 AND a.status = 'gathering'",
    )
    .bind(id.get())
    .fetch_all(pool)
    .await?)
}

/// The committees the account belongs to.
pub async fn committee_ids(conn: &mut AnyConnection, id: Id) -> StoreResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT committee_id FROM memberships WHERE account_id = $1")
            .bind(id.get())
            .fetch_all(conn)
            .await?,
    )
}

/// Deletes what is the account's own and unties it from what it wrote, leaving a nameless
/// row that can never log in. The row stays for what must keep adding up: pledges to
/// actions no longer gathering (their counts are history, checked by `admin verify`),
/// ballots in closed motions and who took part in secret ones (turnout), and attendance
/// recorded in minutes.
pub async fn scrub(conn: &mut AnyConnection, id: Id) -> StoreResult<()> {
    let account = id.get();
    // Its own rows.
    for statement in [
        "DELETE FROM sessions WHERE account_id = $1",
        "DELETE FROM api_tokens WHERE account_id = $1",
        "DELETE FROM memberships WHERE account_id = $1",
        "DELETE FROM delegate_seats WHERE account_id = $1",
        "DELETE FROM meeting_responses WHERE account_id = $1",
        "DELETE FROM calendar_feeds WHERE account_id = $1",
        "DELETE FROM member_calendar_feeds WHERE account_id = $1",
        "DELETE FROM deliveries WHERE account_id = $1",
        "DELETE FROM notifications WHERE account_id = $1",
        // Others' notices about this member ("… joined") carry their name.
        "DELETE FROM deliveries WHERE notification_id IN
           (SELECT id FROM notifications WHERE subject_id = $1)",
        "DELETE FROM notifications WHERE subject_id = $1",
        "DELETE FROM delivery_preferences WHERE account_id = $1",
        "DELETE FROM push_subscriptions WHERE account_id = $1",
        "DELETE FROM email_addresses WHERE account_id = $1",
        "DELETE FROM incident_confirmations WHERE account_id = $1",
        "DELETE FROM incident_responders WHERE account_id = $1",
        // An open ballot in a motion still open no longer counts, nor in the turnout.
        "UPDATE motions SET turnout = turnout - 1,
             turnout_weight = turnout_weight - COALESCE((SELECT b.weight FROM open_ballots b
                 WHERE b.motion_id = motions.id AND b.account_id = $1), 0)
         WHERE status = 'open' AND id IN (SELECT motion_id FROM open_ballots WHERE account_id = $1)",
        "DELETE FROM open_ballots WHERE account_id = $1
           AND motion_id IN (SELECT id FROM motions WHERE status = 'open')",
        // Nor does it stand in an election still open.
        "DELETE FROM motion_candidates WHERE account_id = $1
           AND motion_id IN (SELECT id FROM motions WHERE status = 'open')",
        // Invites it made stop working: nobody joins vouched for by a deleted member.
        "UPDATE invites SET revoked = 1 WHERE created_by = $1",
        // What it wrote stays, without its name.
        "UPDATE invites SET created_by = NULL WHERE created_by = $1",
        "UPDATE memberships SET vouched_by = NULL WHERE vouched_by = $1",
        "UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1",
        "UPDATE audit_log SET subject_id = NULL WHERE subject_id = $1",
        "UPDATE meetings SET called_by = NULL WHERE called_by = $1",
        "UPDATE demands SET drafted_by = NULL WHERE drafted_by = $1",
        "UPDATE motions SET moved_by = NULL WHERE moved_by = $1",
        "UPDATE actions SET called_by = NULL WHERE called_by = $1",
        "UPDATE incidents SET reported_by = NULL WHERE reported_by = $1",
        "UPDATE bulletins SET author_id = NULL WHERE author_id = $1",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .bind(account)
            .execute(&mut *conn)
            .await?;
    }
    // A handle no log-in accepts (handles never start with '~'), no name (shown as a former
    // member, not by the neutral name it may have had), no password.
    sqlx::query(
        "UPDATE accounts SET handle = $2, display_name = '', name_tag = '~', password_hash = '',
                             is_admin = 0, created_at = 0, time_zone = NULL
         WHERE id = $1",
    )
    .bind(account)
    .bind(format!("~{account}"))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
