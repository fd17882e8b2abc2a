//! Queries for contacts pages: the lines coordinators post, and who to name.

use sqlx::{AnyConnection, AnyPool};

use crate::core::{Id, Timestamp};
use crate::db::StoreResult;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: i64,
    pub label: String,
    pub value: String,
    pub created_at: i64,
}

/// A person the page names: their id and the columns their shown name is made of.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub account_id: i64,
    pub display_name: String,
    pub name_tag: String,
}

/// A committee's lines, oldest first (the order coordinators posted them in).
pub async fn lines(pool: &AnyPool, committee: Id) -> StoreResult<Vec<LineRow>> {
    Ok(sqlx::query_as(
        "SELECT id, label, value, created_at FROM contact_lines
         WHERE committee_id = $1 ORDER BY created_at, id",
    )
    .bind(committee.get())
    .fetch_all(pool)
    .await?)
}

pub async fn count(conn: &mut AnyConnection, committee: Id) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM contact_lines WHERE committee_id = $1")
            .bind(committee.get())
            .fetch_one(conn)
            .await?,
    )
}

pub async fn insert(
    conn: &mut AnyConnection,
    id: Id,
    committee: Id,
    label: &str,
    value: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO contact_lines (id, committee_id, label, value, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id.get())
    .bind(committee.get())
    .bind(label)
    .bind(value)
    .bind(Timestamp::now().millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes a line of the committee, and says what it was called (`None`: no such line there).
pub async fn delete(
    conn: &mut AnyConnection,
    committee: Id,
    line: Id,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "DELETE FROM contact_lines WHERE id = $1 AND committee_id = $2 RETURNING label",
    )
    .bind(line.get())
    .bind(committee.get())
    .fetch_optional(conn)
    .await?)
}

/// The committee's coordinators.
pub async fn coordinators(pool: &AnyPool, committee: Id) -> StoreResult<Vec<PersonRow>> {
    Ok(sqlx::query_as(
        "SELECT m.account_id, a.display_name, a.name_tag
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.committee_id = $1 AND m.role = 'coordinator'
         ORDER BY CASE a.display_name WHEN '' THEN 1 ELSE 0 END, a.display_name, m.account_id",
    )
    .bind(committee.get())
    .fetch_all(pool)
    .await?)
}
