//! Queries for bulletins, their translations and their fan-outs.

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::core::bulletins::Cursor;
use crate::core::{Id, Timestamp};
use crate::db::{Backend, StoreResult, positional, value_list};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BulletinRow {
    pub id: i64,
    pub committee_id: i64,
    pub committee_name: String,
    pub author_id: Option<i64>,
    pub audience: String,
    pub language: String,
    pub title: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TranslationRow {
    pub bulletin_id: i64,
    pub language: String,
    pub title: String,
    pub body: String,
}

macro_rules! bulletin_columns {
    () => {
        "b.id, b.committee_id, c.name AS committee_name, b.author_id, b.audience, b.language,
         b.title, b.body, b.created_at
         FROM bulletins b JOIN committees c ON c.id = b.committee_id"
    };
}

pub struct NewBulletin<'a> {
    pub id: Id,
    pub committee: Id,
    pub author: Id,
    pub audience: &'a str,
    pub language: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub created_at: Timestamp,
}

pub async fn insert(conn: &mut AnyConnection, b: &NewBulletin<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO bulletins (id, committee_id, author_id, audience, language, title, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(b.id.get())
    .bind(b.committee.get())
    .bind(b.author.get())
    .bind(b.audience)
    .bind(b.language)
    .bind(b.title)
    .bind(b.body)
    .bind(b.created_at.millis())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_translation(
    conn: &mut AnyConnection,
    bulletin: Id,
    language: &str,
    title: &str,
    body: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO bulletin_translations (bulletin_id, language, title, body)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(bulletin.get())
    .bind(language)
    .bind(title)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whom bulletin `id` reaches depends on its committee and audience: the one small query
/// every lookup by id starts with, as costly for an id that names nothing as for a real one.
pub async fn probe(pool: &AnyPool, id: Id) -> StoreResult<Option<(Id, String)>> {
    // One row either way (NULLs for no bulletin): reading it costs the same.
    let found: (Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT b.committee_id, b.audience
         FROM (SELECT 1 AS one) AS o LEFT JOIN bulletins b ON b.id = $1",
    )
    .bind(id.get())
    .fetch_one(pool)
    .await?;
    Ok(match found {
        (Some(committee), Some(audience)) => Some((Id::from_db(committee), audience)),
        _ => None,
    })
}

pub async fn find(pool: &AnyPool, id: Id) -> StoreResult<Option<BulletinRow>> {
    Ok(
        sqlx::query_as(concat!("SELECT ", bulletin_columns!(), " WHERE b.id = $1"))
            .bind(id.get())
            .fetch_optional(pool)
            .await?,
    )
}

/// The translations of the given bulletins.
pub async fn translations_of(pool: &AnyPool, bulletins: &[Id]) -> StoreResult<Vec<TranslationRow>> {
    let mut rows = Vec::new();
    for chunk in bulletins.chunks(IN_CHUNK) {
        let sql = format!(
            "SELECT bulletin_id, language, title, body FROM bulletin_translations
             WHERE bulletin_id IN ({}) ORDER BY bulletin_id, language",
            value_list(1, chunk.len())
        );
        let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of_pool(pool), sql)));
        for id in chunk {
            query = query.bind(id.get());
        }
        rows.extend(query.fetch_all(pool).await?);
    }
    Ok(rows)
}

/// The most ids in one `IN (…)` list; longer lists are queried in parts.
const IN_CHUNK: usize = 500;

/// A page of bulletins, newest first, strictly after `after`: every bulletin of the
/// committees in `any`, and the network bulletins of those in `network`. Long source lists
/// are queried a part at a time and merged: the newest `limit` of the union are among the
/// newest `limit` of the parts.
pub async fn page(
    pool: &AnyPool,
    any: &[Id],
    network: &[Id],
    after: Option<Cursor>,
    limit: i64,
) -> StoreResult<Vec<BulletinRow>> {
    let (before_at, before_id) = after.map_or((i64::MAX, i64::MAX), |c| {
        (c.created_at.millis(), c.id.get())
    });
    let mut found: Vec<BulletinRow> = Vec::new();
    let parts = any
        .chunks(IN_CHUNK)
        .map(|c| (c, false))
        .chain(network.chunks(IN_CHUNK).map(|c| (c, true)));
    for (chunk, network_only) in parts {
        let sql = format!(
            "SELECT {} WHERE (b.created_at < $1 OR (b.created_at = $2 AND b.id < $3)) {}
               AND b.committee_id IN ({})
             ORDER BY b.created_at DESC, b.id DESC LIMIT ${}",
            bulletin_columns!(),
            if network_only {
                "AND b.audience = 'network'"
            } else {
                ""
            },
            value_list(4, chunk.len()),
            chunk.len() + 4
        );
        let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of_pool(pool), sql)))
            .bind(before_at)
            .bind(before_at)
            .bind(before_id);
        for id in chunk {
            query = query.bind(id.get());
        }
        found.extend(query.bind(limit).fetch_all(pool).await?);
    }
    found.sort_by_key(|b| std::cmp::Reverse((b.created_at, b.id)));
    found.dedup_by_key(|b| b.id);
    found.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(found)
}

// ---- fan-out ----

pub async fn insert_fanout(conn: &mut AnyConnection, bulletin: Id) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO bulletin_fanouts (id, bulletin_id, cursor, created_at) VALUES ($1, $2, 0, $3)",
    )
    .bind(Id::random().get())
    .bind(bulletin.get())
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FanoutRow {
    pub id: i64,
    pub bulletin_id: i64,
    pub cursor: i64,
}

/// How many fan-outs are not yet written to every inbox (for `/metrics`).
pub async fn fanouts_queued(pool: &AnyPool) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM bulletin_fanouts")
        .fetch_one(pool)
        .await?)
}

pub async fn next_fanout(pool: &AnyPool) -> StoreResult<Option<FanoutRow>> {
    Ok(sqlx::query_as(
        "SELECT id, bulletin_id, cursor FROM bulletin_fanouts ORDER BY created_at, id LIMIT 1",
    )
    .fetch_optional(pool)
    .await?)
}

pub async fn advance_fanout(conn: &mut AnyConnection, id: i64, cursor: i64) -> StoreResult<()> {
    sqlx::query("UPDATE bulletin_fanouts SET cursor = $2 WHERE id = $1")
        .bind(id)
        .bind(cursor)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn finish_fanout(conn: &mut AnyConnection, id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM bulletin_fanouts WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The members of the given committees, each once, sorted.
pub async fn members_of(conn: &mut AnyConnection, committees: &[Id]) -> StoreResult<Vec<Id>> {
    let mut members = Vec::new();
    for chunk in committees.chunks(IN_CHUNK) {
        let sql = format!(
            "SELECT DISTINCT account_id FROM memberships WHERE committee_id IN ({})",
            value_list(1, chunk.len())
        );
        let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of(conn), sql)));
        for committee in chunk {
            query = query.bind(committee.get());
        }
        let rows: Vec<(i64,)> = query.fetch_all(&mut *conn).await?;
        members.extend(rows.into_iter().map(|(a,)| Id::from_db(a)));
    }
    members.sort();
    members.dedup();
    Ok(members)
}
