//! Queries for accounts, sessions and server settings.

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::StoreResult;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub handle: String,
    pub display_name: String,
    pub language: String,
    pub is_admin: i64,
}

/// The columns of [`AccountRow`], for queries that alias `accounts` as `a`.
macro_rules! account_columns {
    () => {
        "a.id, a.handle, a.display_name, a.language, a.is_admin"
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
