//! The connection to the database: SQLite (the default, one file) or PostgreSQL, chosen at
//! run time from the URL's scheme.
//!
//! Every query in the program is written once and runs on both: the parts' `store` modules
//! use only integers, text, floats and bytes, `$1` placeholders (SQLite reads them too) and
//! SQL that both understand. Where a statement must differ, both versions stand side by side
//! behind [`Db::backend`].

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, AssertSqlSafe, Executor, Transaction};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a connection talks to.
    pub fn of(conn: &AnyConnection) -> Backend {
        if conn.backend_name() == "SQLite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    /// The backend a pool's connections talk to.
    pub fn of_pool(pool: &AnyPool) -> Backend {
        if pool.connect_options().database_url.scheme() == "sqlite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }
}

/// A kept count that differs from the rows it sums, found by `outnumber admin verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// What holds the count: "action …", "motion …".
    pub of: String,
    pub what: String,
    pub kept: i64,
    pub counted: i64,
}

/// Errors of the storage layer. Constraint violations are told apart because the layers
/// above turn some of them into a clear answer (a taken handle) rather than a failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable: {0}")]
    Unavailable(sqlx::Error),
    #[error("unique constraint violated")]
    Duplicate,
    #[error(transparent)]
    Other(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate,
            sqlx::Error::Database(db) if db.code().is_some_and(|c| server_gone(&c)) => {
                StoreError::Unavailable(err)
            }
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_) => StoreError::Unavailable(err),
            _ => StoreError::Other(err),
        }
    }
}

/// PostgreSQL's codes for a server that is going away, starting up or out of connections:
/// the class 08 connection exceptions, 53300 (too many connections) and 57P01..57P05
/// (shutting down, crashed, not accepting connections yet, idle too long): an outage to
/// answer with 503, not a bug to answer with 500.
fn server_gone(code: &str) -> bool {
    code.starts_with("08") || code == "53300" || code.starts_with("57P")
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other(sqlx::Error::Migrate(Box::new(err)))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
pub type Tx = Transaction<'static, Any>;

/// One pool's connections at a moment (see [`Db::pool_use`]).
pub struct PoolUse {
    pub pool: &'static str,
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

/// The database as the rest of the program sees it: a pool to read from, and a way to start
/// a write transaction.
#[derive(Clone)]
pub struct Db {
    backend: Backend,
    read: AnyPool,
    /// On SQLite a single connection carries every write, so writers queue in the process
    /// instead of failing on the file lock. On PostgreSQL it is the same pool as `read`.
    write: AnyPool,
    url: String,
    ballot_turns: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// How long [`Db::erase_history`] keeps asking while readers still use SQLite's log, or
/// older transactions still see PostgreSQL's replaced row versions.
const ERASE_PATIENCE: Duration = Duration::from_secs(3);
/// How long one attempt at emptying SQLite's log waits for readers.
const ERASE_ATTEMPT: Duration = Duration::from_millis(20);
/// How long a SQLite connection waits for a lock held by another (a backup, another
/// process) before it gives up.
const BUSY_TIMEOUT_MS: u64 = 10_000;

impl Db {
    /// Connects to `url` (`sqlite://PATH`, `postgres://...`, or a bare file path) and brings
    /// the schema up to date.
    pub async fn connect(url: &str) -> StoreResult<Db> {
        sqlx::any::install_default_drivers();
        let url = normalize_url(url);
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let db = match backend {
            Backend::Sqlite => {
                let write = sqlite_pool(1).connect_with(options.clone()).await?;
                // WAL lets readers carry on while the writer commits; it is a property of
                // the file, so set it once before the readers open.
                sqlx::query("PRAGMA journal_mode = WAL")
                    .execute(&write)
                    .await?;
                let read = sqlite_pool(8).connect_with(options).await?;
                Db {
                    backend,
                    read,
                    write,
                    url,
                    ballot_turns: Default::default(),
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                Db {
                    backend,
                    read: pool.clone(),
                    write: pool,
                    url,
                    ballot_turns: Default::default(),
                }
            }
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> StoreResult<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("migrations/sqlite").run(&self.write).await?;
                // A migration that rewrote rows (the secret ballots' among them) leaves
                // their earlier versions in the log until it is emptied.
                self.erase_history(&[]).await?;
            }
            Backend::Postgres => {
                sqlx::migrate!("migrations/postgres")
                    .run(&self.write)
                    .await?
            }
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The pool for reads that need no transaction.
    pub fn pool(&self) -> &AnyPool {
        &self.read
    }

    /// How many connections each pool holds, idle and at most, for `/metrics`. On
    /// PostgreSQL reads and writes share one pool, reported once as `shared`.
    pub fn pool_use(&self) -> Vec<PoolUse> {
        let of = |pool: &'static str, p: &AnyPool| PoolUse {
            pool,
            size: p.size(),
            idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
            max: p.options().get_max_connections(),
        };
        match self.backend {
            Backend::Sqlite => vec![of("read", &self.read), of("write", &self.write)],
            Backend::Postgres => vec![of("shared", &self.read)],
        }
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once, so that a
    /// transaction that reads before it writes cannot fail half-way on a lock upgrade.
    pub async fn begin(&self) -> StoreResult<Tx> {
        Ok(match self.backend {
            Backend::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.write.begin().await?,
        })
    }

    /// Waits for this process's turn to write a secret ballot: they take turns, so that
    /// no ballot's commit lands in the log beside another's (see ARCHITECTURE.md, "Secret
    /// ballots on disk"). Across servers on PostgreSQL, a motion's row lock does the same.
    pub async fn secret_ballot_turn(&self) -> tokio::sync::OwnedMutexGuard<()> {
        self.ballot_turns.clone().lock_owned().await
    }

    /// Erases what the database keeps of row versions replaced by earlier commits, as far
    /// as the server can; returns whether that succeeded within [`ERASE_PATIENCE`].
    ///
    /// SQLite: copies the log into the file and truncates the log to nothing (an older
    /// version of a page stays in the log until then, and in its unused tail even after a
    /// plain checkpoint). It cannot while a reader still reads an older version (a backup
    /// running, say), so it asks again; the write connection is taken for each attempt
    /// only, and other writes go on in between.
    ///
    /// PostgreSQL: vacuums `tables`, so the row versions replaced are no longer kept, and
    /// asks again while a transaction older than the commit still sees them. PostgreSQL's
    /// write-ahead log is out of the server's hands: see SECURITY.md.
    pub async fn erase_history(&self, tables: &[&'static str]) -> StoreResult<bool> {
        let started = std::time::Instant::now();
        loop {
            if self.erase_once(tables).await? {
                return Ok(true);
            }
            if started.elapsed() > ERASE_PATIENCE {
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    async fn erase_once(&self, tables: &[&'static str]) -> StoreResult<bool> {
        let mut conn = self.write.acquire().await?;
        match self.backend {
            Backend::Sqlite => {
                // SQLite would wait for readers for as long as the busy timeout, holding
                // the write connection all along; a short wait, then the connection goes
                // back to the other writers until the next attempt.
                conn.execute(AssertSqlSafe(format!(
                    "PRAGMA busy_timeout = {}",
                    ERASE_ATTEMPT.as_millis()
                )))
                .await?;
                // (busy, frames in the log, frames copied); busy is 1 while a reader kept
                // the log from being reset.
                let checkpoint: Result<(i64, i64, i64), sqlx::Error> =
                    sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(&mut *conn)
                        .await;
                conn.execute(AssertSqlSafe(format!(
                    "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"
                )))
                .await?;
                Ok(checkpoint?.0 == 0)
            }
            Backend::Postgres if tables.is_empty() => Ok(true),
            Backend::Postgres => {
                let names = tables.join(", ");
                (*conn)
                    .execute(AssertSqlSafe(format!("VACUUM {names}")))
                    .await?;
                // What the vacuum had to keep because an older transaction could still see
                // it (PostgreSQL 15 counts it at once).
                let listed = tables
                    .iter()
                    .map(|t| format!("'{t}'"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let kept: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
                    "SELECT CAST(COALESCE(SUM(pg_stat_get_dead_tuples(c.oid)), 0) AS BIGINT)
                     FROM pg_class c WHERE c.oid = ANY(ARRAY[{listed}]::regclass[])"
                )))
                .fetch_one(&mut *conn)
                .await?;
                Ok(kept == 0)
            }
        }
    }

    /// Takes a consistent copy of a SQLite database while it serves.
    pub async fn backup_to(&self, path: &str) -> StoreResult<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(&self.read)
                    .await?;
                Ok(())
            }
            Backend::Postgres => Err(StoreError::Other(sqlx::Error::Configuration(
                "use pg_dump to back up a PostgreSQL database".into(),
            ))),
        }
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

fn sqlite_pool(max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(30))
        // A SQLite connection is a file handle in this process, not a link that can break:
        // checking it before each use would only cost the writer a round trip per batch.
        .test_before_acquire(false)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                // FULL: an acknowledged write is on disk, even if the machine loses power.
                // secure_delete: what is erased (incident details, deleted accounts) is
                // overwritten in the file, not left in free pages for whoever seizes it.
                conn.execute(AssertSqlSafe(format!(
                    "PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; \
                     PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
                )))
                .await?;
                Ok(())
            })
        })
}

/// Accepts `sqlite://PATH`, `sqlite:PATH`, `postgres://...`, `postgresql://...`, or a bare
/// path to a SQLite file, and creates a SQLite file that does not exist yet.
pub fn normalize_url(url: &str) -> String {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return url.to_owned();
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    if path.contains("mode=") {
        format!("sqlite://{path}")
    } else if path.contains('?') {
        format!("sqlite://{path}&mode=rwc")
    } else {
        format!("sqlite://{path}?mode=rwc")
    }
}

#[cfg(test)]
mod tests {
    use super::{Backend, normalize_url, positional, value_list, value_rows};

    #[test]
    fn sqlite_binds_in_order_of_appearance() {
        let sql = format!(
            "DELETE FROM t WHERE a = $1 AND b IN ({}) AND d = '$'",
            value_list(2, 3)
        );
        assert_eq!(
            positional(Backend::Sqlite, sql.clone()),
            "DELETE FROM t WHERE a = ? AND b IN (?, ?, ?) AND d = '$'"
        );
        assert_eq!(positional(Backend::Postgres, sql.clone()), sql);
        let sql = format!("INSERT INTO t VALUES {}", value_rows(2, 2));
        assert_eq!(
            positional(Backend::Sqlite, sql),
            "INSERT INTO t VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn placeholders_out_of_order_keep_their_numbers() {
        let sql = "SELECT 1 WHERE a = $2 AND b = $1".to_owned();
        // Tests (debug builds) stop at such a statement; a release build runs it as written.
        match std::panic::catch_unwind(|| positional(Backend::Sqlite, sql.clone())) {
            Ok(kept) => assert_eq!(kept, sql),
            Err(panic) if !cfg!(debug_assertions) => std::panic::resume_unwind(panic),
            Err(_) => {}
        }
    }

    #[test]
    fn urls_are_normalised() {
        assert_eq!(
            normalize_url("outnumber.db"),
            "sqlite://outnumber.db?mode=rwc"
        );
        assert_eq!(
            normalize_url("sqlite:///tmp/x.db"),
            "sqlite:///tmp/x.db?mode=rwc"
        );
        assert_eq!(
            normalize_url("sqlite://x.db?mode=ro"),
            "sqlite://x.db?mode=ro"
        );
        assert_eq!(
            normalize_url("postgres://postgres@127.0.0.1/db"),
            "postgres://postgres@127.0.0.1/db"
        );
    }
}

/// A statement written with `$1, $2, …` (in that order) as `backend` binds it fastest.
///
/// SQLite finds the name of a numbered placeholder by walking the list of all of them, and
/// sqlx asks for every one: binding a statement of N values takes N²/2 steps, seconds for
/// the multi-row statements of a seed or a fan-out. Its anonymous `?`, bound in order of
/// appearance, costs nothing, so on SQLite every `$n` becomes `?`. That needs the numbers
/// to appear in the order they are bound, as in every statement built with [`value_rows`]
/// and [`value_list`]; a statement where they do not is left as written.
pub fn positional(backend: Backend, sql: String) -> String {
    if backend == Backend::Postgres {
        return sql;
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut expected = 1;
    while let Some(c) = chars.next() {
        if c != '$' || !chars.peek().is_some_and(char::is_ascii_digit) {
            out.push(c);
            continue;
        }
        let mut number = 0usize;
        while let Some(digit) = chars.peek().and_then(|d| d.to_digit(10)) {
            number = number * 10 + digit as usize;
            chars.next();
        }
        if number != expected {
            // Unnumbered, they would bind the wrong values: keep the numbers, and the cost.
            debug_assert_eq!(number, expected, "placeholders out of order in {sql}");
            return sql;
        }
        expected += 1;
        out.push('?');
    }
    out
}

/// `($1, $2), ($3, $4), …` for `rows` rows of `columns` values each: the placeholders of a
/// multi-row statement. (sqlx's query builder writes `?` under the `Any` driver, which
/// PostgreSQL does not read.)
pub fn value_rows(rows: usize, columns: usize) -> String {
    let mut out = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for column in 0..columns {
            if column > 0 {
                out.push_str(", ");
            }
            out.push('$');
            out.push_str(&(row * columns + column + 1).to_string());
        }
        out.push(')');
    }
    out
}

/// `$first, $first+1, …` for `n` values: the placeholders of an `IN (…)` list.
pub fn value_list(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod placeholder_tests {
    use super::{value_list, value_rows};

    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(value_rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(value_rows(1, 1), "($1)");
        assert_eq!(value_list(2, 3), "$2, $3, $4");
    }
}
