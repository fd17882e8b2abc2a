//! Queries for delivery: preferences, push subscriptions, sealed addresses and the queue.

use std::collections::{BTreeSet, HashMap};

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

use crate::core::delivery::{Category, Channel, MAX_DEVICES, category, default_on};
use crate::core::{Id, Timestamp};
use crate::db::{Backend, StoreError, StoreResult, positional, value_list, value_rows};
use crate::notifications::{Notification, parse_kind};

/// The most recipients looked up, or deliveries written, by one statement.
const CHUNK: usize = 400;

// ---- preferences ----

/// The member's explicit choices; categories without a row follow the defaults.
pub async fn preferences(pool: &AnyPool, account: Id) -> StoreResult<Vec<(Category, bool, bool)>> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT category, push, email FROM delivery_preferences WHERE account_id = $1",
    )
    .bind(account.get())
    .fetch_all(pool)
    .await?;
    Ok(Category::ALL
        .iter()
        .map(|&c| {
            rows.iter().find(|(name, _, _)| name == c.as_str()).map_or(
                (
                    c,
                    default_on(c, Channel::Push),
                    default_on(c, Channel::Email),
                ),
                |(_, push, email)| (c, *push != 0, *email != 0),
            )
        })
        .collect())
}

pub async fn set_preference(
    conn: &mut AnyConnection,
    account: Id,
    category: Category,
    push: bool,
    email: bool,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO delivery_preferences (account_id, category, push, email) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id, category) DO UPDATE SET push = excluded.push, email = excluded.email",
    )
    .bind(account.get())
    .bind(category.as_str())
    .bind(i64::from(push))
    .bind(i64::from(email))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Turns off one category's e-mail for an account (its push choice stays), and drops the
/// mails of that category still waiting to be sent to it. Answers false, changing nothing,
/// for a deleted account (its row stays, nameless, with no password): an old mail's link
/// must not give it a preference row again.
pub async fn turn_off_email(
    conn: &mut AnyConnection,
    account: Id,
    category: Category,
) -> StoreResult<bool> {
    let written = sqlx::query(
        "INSERT INTO delivery_preferences (account_id, category, push, email)
         SELECT id, $2, $3, 0 FROM accounts WHERE id = $1 AND password_hash <> ''
         ON CONFLICT (account_id, category) DO UPDATE SET email = 0",
    )
    .bind(account.get())
    .bind(category.as_str())
    .bind(i64::from(default_on(category, Channel::Push)))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let waiting: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT d.id, n.kind, n.urgent FROM deliveries d
         JOIN notifications n ON n.id = d.notification_id
         WHERE d.account_id = $1 AND d.channel = 'email'",
    )
    .bind(account.get())
    .fetch_all(&mut *conn)
    .await?;
    for (id, kind, urgent) in waiting {
        let of_category = parse_kind(&kind)
            .ok()
            .and_then(|k| crate::core::delivery::category(k, urgent != 0))
            == Some(category);
        if of_category {
            sqlx::query("DELETE FROM deliveries WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(written > 0)
}

// ---- push subscriptions ----

/// Adds the account's subscription, or renews the one it has with the same endpoint (a
/// browser that subscribes again). `hash` is the endpoint's keyed hash for this account
/// (under the current key), `older` its hashes under older keys, whose rows an unfinished
/// rotation left: they go. Another account's subscription to the same endpoint has another
/// hash and stays as it is. Returns the subscription's id.
pub async fn upsert_subscription(
    conn: &mut AnyConnection,
    account: Id,
    hash: &[u8],
    older: &[Vec<u8>],
    sealed: &[u8],
    key_id: u32,
    now: Timestamp,
) -> StoreResult<Id> {
    for old in older {
        delete_subscription_of(&mut *conn, account, std::slice::from_ref(old)).await?;
    }
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO push_subscriptions (id, account_id, endpoint_hash, sealed, key_id, created_at, keyed)
         VALUES ($1, $2, $3, $4, $5, $6, 1)
         ON CONFLICT (endpoint_hash) DO UPDATE
           SET sealed = excluded.sealed, key_id = excluded.key_id,
               created_at = excluded.created_at, keyed = 1
           WHERE push_subscriptions.account_id = excluded.account_id
         RETURNING id",
    )
    .bind(Id::random().get())
    .bind(account.get())
    .bind(hash)
    .bind(sealed)
    .bind(i64::from(key_id))
    .bind(now.millis())
    .fetch_optional(&mut *conn)
    .await?;
    // The hash covers the account, so the row it meets is always the account's own.
    let id = id.ok_or_else(|| {
        StoreError::Other(sqlx::Error::Protocol(
            "a push endpoint hash met another account's row".into(),
        ))
    })?;
    // Keep this one and the newest others: one account cannot make the server call
    // endpoints without end.
    sqlx::query(
        "DELETE FROM push_subscriptions WHERE account_id = $1 AND id <> $3 AND id NOT IN (
             SELECT id FROM push_subscriptions WHERE account_id = $1 AND id <> $3
             ORDER BY created_at DESC, id DESC LIMIT $2)",
    )
    .bind(account.get())
    .bind(MAX_DEVICES - 1)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(Id::from_db(id))
}

/// Ends the account's subscription whose endpoint has one of these hashes.
pub async fn delete_subscription_of(
    conn: &mut AnyConnection,
    account: Id,
    hashes: &[Vec<u8>],
) -> StoreResult<()> {
    for hash in hashes {
        sqlx::query("DELETE FROM push_subscriptions WHERE account_id = $1 AND endpoint_hash = $2")
            .bind(account.get())
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Subscriptions stored before endpoint hashes were keyed (their hash is the endpoint's
/// plain SHA-256): id, account, key id and the sealed subscription.
pub async fn unkeyed_subscriptions(pool: &AnyPool) -> StoreResult<Vec<(i64, Id, u32, Vec<u8>)>> {
    let rows: Vec<(i64, i64, i64, Vec<u8>)> = sqlx::query_as(
        "SELECT id, account_id, key_id, sealed FROM push_subscriptions WHERE keyed = 0",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, account, key_id, sealed)| {
            (
                id,
                Id::from_db(account),
                u32::try_from(key_id).unwrap_or(0),
                sealed,
            )
        })
        .collect())
}

/// Gives an unkeyed subscription its keyed hash. If the account already has a row with that
/// hash (subscribed again through a newer server while an older one wrote this row), the
/// older row goes instead: it is the same phone.
pub async fn set_endpoint_hash(conn: &mut AnyConnection, id: i64, hash: &[u8]) -> StoreResult<()> {
    sqlx::query(
        "DELETE FROM push_subscriptions WHERE id = $2
           AND EXISTS (SELECT 1 FROM push_subscriptions WHERE endpoint_hash = $1)",
    )
    .bind(hash)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE push_subscriptions SET endpoint_hash = $1, keyed = 1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets a subscription the push service says is gone (its deliveries go with it).
pub async fn delete_subscription(pool: &AnyPool, id: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
        .bind(id.get())
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn subscription_count(pool: &AnyPool, account: Id) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM push_subscriptions WHERE account_id = $1")
            .bind(account.get())
            .fetch_one(pool)
            .await?,
    )
}

// ---- e-mail addresses ----

pub async fn set_email(
    conn: &mut AnyConnection,
    account: Id,
    sealed: &[u8],
    key_id: u32,
    now: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO email_addresses (account_id, sealed, key_id, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id) DO UPDATE
           SET sealed = excluded.sealed, key_id = excluded.key_id, updated_at = excluded.updated_at",
    )
    .bind(account.get())
    .bind(sealed)
    .bind(i64::from(key_id))
    .bind(now.millis())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the address and every e-mail still queued for it.
pub async fn clear_email(conn: &mut AnyConnection, account: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM email_addresses WHERE account_id = $1")
        .bind(account.get())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM deliveries WHERE account_id = $1 AND channel = 'email'")
        .bind(account.get())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn sealed_email(pool: &AnyPool, account: Id) -> StoreResult<Option<Vec<u8>>> {
    Ok(
        sqlx::query_scalar("SELECT sealed FROM email_addresses WHERE account_id = $1")
            .bind(account.get())
            .fetch_optional(pool)
            .await?,
    )
}

// ---- key rotation ----

/// Where a sealed contact detail lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedIn {
    /// `email_addresses`, by account.
    Email,
    /// `push_subscriptions`, by subscription id.
    Push(i64),
}

/// Every sealed value not sealed with `key_id`: where it is, its account, the value.
pub async fn sealed_not_with(
    pool: &AnyPool,
    key_id: u32,
) -> StoreResult<Vec<(SealedIn, Id, Vec<u8>)>> {
    let key_id = i64::from(key_id);
    let emails: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT account_id, sealed FROM email_addresses WHERE key_id <> $1")
            .bind(key_id)
            .fetch_all(pool)
            .await?;
    let pushes: Vec<(i64, i64, Vec<u8>)> =
        sqlx::query_as("SELECT id, account_id, sealed FROM push_subscriptions WHERE key_id <> $1")
            .bind(key_id)
            .fetch_all(pool)
            .await?;
    Ok(emails
        .into_iter()
        .map(|(account, sealed)| (SealedIn::Email, Id::from_db(account), sealed))
        .chain(
            pushes
                .into_iter()
                .map(|(id, account, sealed)| (SealedIn::Push(id), Id::from_db(account), sealed)),
        )
        .collect())
}

/// Writes a value sealed again under `key_id`; a push subscription also gets its endpoint's
/// hash under that key (`endpoint_hash`, required for it).
pub async fn reseal(
    conn: &mut AnyConnection,
    at: SealedIn,
    account: Id,
    sealed: &[u8],
    key_id: u32,
    endpoint_hash: Option<&[u8]>,
) -> StoreResult<()> {
    let query = match (at, endpoint_hash) {
        (SealedIn::Email, _) => {
            sqlx::query("UPDATE email_addresses SET sealed = $1, key_id = $2 WHERE account_id = $3")
                .bind(sealed)
                .bind(i64::from(key_id))
                .bind(account.get())
        }
        (SealedIn::Push(id), Some(hash)) => sqlx::query(
            "UPDATE push_subscriptions SET sealed = $1, key_id = $2, endpoint_hash = $3, keyed = 1
             WHERE id = $4",
        )
        .bind(sealed)
        .bind(i64::from(key_id))
        .bind(hash)
        .bind(id),
        (SealedIn::Push(_), None) => {
            return Err(StoreError::Other(sqlx::Error::Protocol(
                "a push subscription re-sealed without its endpoint's hash".into(),
            )));
        }
    };
    query.execute(&mut *conn).await?;
    Ok(())
}

// ---- the queue ----

struct NewDelivery {
    account: Id,
    channel: Channel,
    close: bool,
    /// Sent before everything else that is due: an urgent alert, or taking one back.
    urgent: bool,
    notification: Option<Id>,
    subscription: Option<Id>,
    subject: Option<Id>,
}

/// Members among `accounts` reachable by push for `category`: (subscription, account).
async fn push_targets(
    conn: &mut AnyConnection,
    category: Category,
    accounts: &[i64],
) -> StoreResult<Vec<(i64, i64)>> {
    let sql = format!(
        "SELECT s.id, s.account_id FROM push_subscriptions s
         LEFT JOIN delivery_preferences p ON p.account_id = s.account_id AND p.category = $1
         WHERE COALESCE(p.push, $2) = 1 AND s.account_id IN ({})",
        value_list(3, accounts.len())
    );
    let mut query = sqlx::query_as(AssertSqlSafe(positional(Backend::of(conn), sql)))
        .bind(category.as_str())
        .bind(i64::from(default_on(category, Channel::Push)));
    for account in accounts {
        query = query.bind(*account);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

/// Members among `accounts` reachable by e-mail for `category`.
async fn email_targets(
    conn: &mut AnyConnection,
    category: Category,
    accounts: &[i64],
) -> StoreResult<Vec<i64>> {
    let sql = format!(
        "SELECT e.account_id FROM email_addresses e
         LEFT JOIN delivery_preferences p ON p.account_id = e.account_id AND p.category = $1
         WHERE COALESCE(p.email, $2) = 1 AND e.account_id IN ({})",
        value_list(3, accounts.len())
    );
    let mut query = sqlx::query_scalar(AssertSqlSafe(positional(Backend::of(conn), sql)))
        .bind(category.as_str())
        .bind(i64::from(default_on(category, Channel::Email)));
    for account in accounts {
        query = query.bind(*account);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

async fn insert_deliveries(conn: &mut AnyConnection, rows: &[NewDelivery]) -> StoreResult<()> {
    let now = Timestamp::now().millis();
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO deliveries (id, account_id, channel, purpose, notification_id, subscription_id, subject_id, urgent, due_at, created_at)
             VALUES {}",
            value_rows(chunk.len(), 10)
        );
        let mut query = sqlx::query(AssertSqlSafe(positional(Backend::of(conn), sql)));
        for d in chunk {
            query = query
                .bind(Id::random().get())
                .bind(d.account.get())
                .bind(d.channel.as_str())
                .bind(if d.close { "close" } else { "show" })
                .bind(d.notification.map(Id::get))
                .bind(d.subscription.map(Id::get))
                .bind(d.subject.map(Id::get))
                .bind(i64::from(d.urgent))
                .bind(now)
                .bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Queues the deliveries for notifications just written: for each that goes out, one row
/// per push subscription and one per e-mail address of its recipient, where the recipient
/// has the category on for that channel. A few statements per chunk of recipients,
/// whatever their number.
pub async fn queue(conn: &mut AnyConnection, notifications: &[&Notification]) -> StoreResult<()> {
    let mut by_category: HashMap<Category, Vec<&Notification>> = HashMap::new();
    for &n in notifications {
        if let Some(c) = category(n.kind, n.urgent) {
            by_category.entry(c).or_default().push(n);
        }
    }
    for (category, notes) in by_category {
        for chunk in notes.chunks(CHUNK) {
            let mut of_account: HashMap<i64, Vec<&Notification>> = HashMap::new();
            for n in chunk {
                of_account.entry(n.account_id.get()).or_default().push(n);
            }
            let accounts: Vec<i64> = of_account.keys().copied().collect();
            let mut rows = Vec::new();
            for (subscription, account) in push_targets(conn, category, &accounts).await? {
                for n in of_account.get(&account).into_iter().flatten() {
                    rows.push(NewDelivery {
                        account: n.account_id,
                        channel: Channel::Push,
                        close: false,
                        urgent: n.urgent,
                        notification: Some(n.id),
                        subscription: Some(Id::from_db(subscription)),
                        subject: n.subject_id,
                    });
                }
            }
            for account in email_targets(conn, category, &accounts).await? {
                for n in of_account.get(&account).into_iter().flatten() {
                    rows.push(NewDelivery {
                        account: n.account_id,
                        channel: Channel::Email,
                        close: false,
                        urgent: n.urgent,
                        notification: Some(n.id),
                        subscription: None,
                        subject: n.subject_id,
                    });
                }
            }
            insert_deliveries(conn, &rows).await?;
        }
    }
    Ok(())
}

/// See [`crate::delivery::withdraw_subject`].
pub async fn withdraw_subject(conn: &mut AnyConnection, subject: Id) -> StoreResult<()> {
    sqlx::query("DELETE FROM deliveries WHERE subject_id = $1")
        .bind(subject.get())
        .execute(&mut *conn)
        .await?;
    let sent: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT DISTINCT account_id, kind, urgent FROM notifications WHERE subject_id = $1",
    )
    .bind(subject.get())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_category: HashMap<Category, BTreeSet<i64>> = HashMap::new();
    for (account, kind, urgent) in sent {
        if let Some(c) = parse_kind(&kind)
            .ok()
            .and_then(|k| category(k, urgent != 0))
        {
            by_category.entry(c).or_default().insert(account);
        }
    }
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for (category, accounts) in by_category {
        let accounts: Vec<i64> = accounts.into_iter().collect();
        for chunk in accounts.chunks(CHUNK) {
            for (subscription, account) in push_targets(conn, category, chunk).await? {
                if seen.insert(subscription) {
                    rows.push(NewDelivery {
                        account: Id::from_db(account),
                        channel: Channel::Push,
                        close: true,
                        urgent: true,
                        notification: None,
                        subscription: Some(Id::from_db(subscription)),
                        subject: Some(subject),
                    });
                }
            }
        }
    }
    insert_deliveries(conn, &rows).await
}

impl Due {
    /// The translator for the member it goes to: their language and their own zone.
    pub fn reader(&self) -> crate::i18n::Tr {
        let language = crate::core::fields::Language::parse(&self.language)
            .unwrap_or(crate::core::fields::Language::En);
        let zone = self
            .time_zone
            .as_deref()
            .filter(|z| !z.is_empty())
            .and_then(|z| crate::core::zones::Zone::parse(z).ok());
        crate::i18n::Tr::new(language).in_zone(zone)
    }
}

/// A delivery that is due, with what is needed to send it.
#[derive(sqlx::FromRow)]
pub struct Due {
    pub id: i64,
    pub account_id: i64,
    pub channel: String,
    pub purpose: String,
    pub subscription_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub attempts: i64,
    pub due_at: i64,
    pub language: String,
    /// The member's own zone, if they chose one.
    pub time_zone: Option<String>,
    pub push_sealed: Option<Vec<u8>>,
    pub email_sealed: Option<Vec<u8>>,
    pub notification_id: Option<i64>,
    pub kind: Option<String>,
    pub committee_id: Option<i64>,
    pub n_subject_id: Option<i64>,
    pub detail: Option<String>,
    pub urgent: Option<i64>,
    pub created_at: Option<i64>,
}

impl Due {
    /// The notification to show, if this delivery shows one and it still exists.
    pub fn notification(&self) -> Option<Notification> {
        Some(Notification {
            id: Id::from_db(self.notification_id?),
            account_id: Id::from_db(self.account_id),
            kind: parse_kind(self.kind.as_deref()?).ok()?,
            committee_id: self.committee_id.map(Id::from_db),
            subject_id: self.n_subject_id.map(Id::from_db),
            detail: serde_json::from_str(self.detail.as_deref()?).unwrap_or_default(),
            urgent: self.urgent? != 0,
            created_at: Timestamp::from_millis(self.created_at?),
            read_at: None,
            ahead_of_inbox: false,
        })
    }
}

/// Claims up to `limit` deliveries due at `now`, urgent ones first, then oldest first, for `until` (another server,
/// or this one's next round, leaves them alone meanwhile; a crashed sender's come due
/// again then), and returns them with what is needed to send them.
pub async fn claim_due(
    pool: &AnyPool,
    now: Timestamp,
    until: Timestamp,
    limit: i64,
) -> StoreResult<Vec<Due>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM deliveries WHERE due_at <= $1 ORDER BY urgent DESC, due_at LIMIT $2",
    )
    .bind(now.millis())
    .bind(limit)
    .fetch_all(pool)
    .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let token = Id::random().get();
    let sql = format!(
        "UPDATE deliveries SET due_at = $1, claim = $2 WHERE due_at <= $3 AND id IN ({})",
        value_list(4, ids.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(positional(Backend::of_pool(pool), sql)))
        .bind(until.millis())
        .bind(token)
        .bind(now.millis());
    for id in &ids {
        query = query.bind(*id);
    }
    query.execute(pool).await?;
    Ok(sqlx::query_as(
        "SELECT d.id, d.account_id, d.channel, d.purpose, d.subscription_id, d.subject_id,
                d.attempts, d.due_at, a.language, a.time_zone,
                s.sealed AS push_sealed, e.sealed AS email_sealed,
                n.id AS notification_id, n.kind, n.committee_id, n.subject_id AS n_subject_id,
                n.detail, n.urgent, n.created_at
         FROM deliveries d
         JOIN accounts a ON a.id = d.account_id
         LEFT JOIN push_subscriptions s ON s.id = d.subscription_id
         LEFT JOIN email_addresses e ON e.account_id = d.account_id AND d.channel = 'email'
         LEFT JOIN notifications n ON n.id = d.notification_id
         WHERE d.claim = $1",
    )
    .bind(token)
    .fetch_all(pool)
    .await?)
}

/// How many deliveries wait in the queue, due or not (for `/metrics`).
pub async fn queued(pool: &AnyPool) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM deliveries")
        .fetch_one(pool)
        .await?)
}

/// Removes deliveries that were sent, or given up, in one statement.
pub async fn finish(pool: &AnyPool, ids: &[i64]) -> StoreResult<()> {
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "DELETE FROM deliveries WHERE id IN ({})",
            value_list(1, chunk.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(positional(Backend::of_pool(pool), sql)));
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(pool).await?;
    }
    Ok(())
}

pub async fn retry_at(pool: &AnyPool, id: i64, attempts: i64, at: Timestamp) -> StoreResult<()> {
    sqlx::query("UPDATE deliveries SET attempts = $2, due_at = $3, claim = NULL WHERE id = $1")
        .bind(id)
        .bind(attempts)
        .bind(at.millis())
        .execute(pool)
        .await?;
    Ok(())
}
