//! `/healthz`, for load balancers: 200 `{"status": "ok", "version": "0.1.0"}` (the
//! program's version, so an operator sees which one each server runs) while the server can
//! reach its database, 503 with the JSON error `database_unavailable` while it cannot, so
//! that a server whose PostgreSQL is gone is taken out of rotation and put back when it
//! returns.
//!
//! On PostgreSQL a `SELECT 1` on a connection of its own (outside the pool, so that a pool
//! busy with writes is not taken for an outage) answers, at most once a second and within
//! two seconds; requests in between, or while a probe runs, get the last probe's answer. A
//! broken connection is dropped and made again at the next probe. On SQLite the database is
//! a file of the server's own machine, so the answer is "ok" without a look: `/healthz`
//! stays the benchmarks' baseline of a request that does nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::Mutex;

use crate::app::App;
use crate::db::{Backend, Db, StoreError};
use crate::error::Error;

/// How long a probe's answer stands.
const FRESH: Duration = Duration::from_secs(1);
/// How long a probe may take (connecting included) before the database counts as gone.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The answer while the database answers, written once.
const HEALTHY: &str = concat!(
    r#"{"status":"ok","version":""#,
    env!("CARGO_PKG_VERSION"),
    r#""}"#
);

fn healthy() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], HEALTHY).into_response()
}

/// The route for `/healthz` on this database.
pub fn route(db: &Db) -> MethodRouter<App> {
    match db.backend() {
        Backend::Sqlite => get(|| async { healthy() }),
        Backend::Postgres => {
            let health = Health::new(db.clone());
            get(move || {
                let health = health.clone();
                async move { health.answer().await }
            })
        }
    }
}

struct Health {
    db: Db,
    started: Instant,
    /// When the last probe ended, in milliseconds since `started` (0: never).
    probed_at: AtomicU64,
    up: AtomicBool,
    /// The probe's own connection; held by the one probe running.
    probe: Mutex<Option<AnyConnection>>,
}

impl Health {
    fn new(db: Db) -> Arc<Health> {
        Arc::new(Health {
            db,
            started: Instant::now(),
            probed_at: AtomicU64::new(0),
            // The server has just connected and migrated.
            up: AtomicBool::new(true),
            probe: Mutex::new(None),
        })
    }

    async fn answer(&self) -> Response {
        if self.up().await {
            return healthy();
        }
        let gone = std::io::Error::new(
            std::io::ErrorKind::NotConnected,
            "the database did not answer the health probe",
        );
        Error::Store(StoreError::Unavailable(sqlx::Error::Io(gone))).into_response()
    }

    fn fresh(&self) -> bool {
        let probed_at = self.probed_at.load(Ordering::Acquire);
        probed_at != 0 && self.elapsed_ms().saturating_sub(probed_at) < FRESH.as_millis() as u64
    }

    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis())
            .unwrap_or(u64::MAX)
            .max(1)
    }

    async fn up(&self) -> bool {
        if self.fresh() {
            return self.up.load(Ordering::Acquire);
        }
        // One probe at a time; whoever comes meanwhile gets the last answer.
        let Ok(mut connection) = self.probe.try_lock() else {
            return self.up.load(Ordering::Acquire);
        };
        if self.fresh() {
            return self.up.load(Ordering::Acquire);
        }
        let probed = tokio::time::timeout(PROBE_TIMEOUT, async {
            if connection.is_none() {
                *connection = Some(AnyConnection::connect(self.db.url()).await?);
            }
            match connection.as_mut() {
                Some(conn) => conn.execute("SELECT 1").await.map(|_| ()),
                None => Ok(()),
            }
        })
        .await;
        let up = match probed {
            Ok(Ok(())) => true,
            Ok(Err(err)) => {
                self.report_down(&err.to_string());
                false
            }
            Err(_) => {
                self.report_down("no answer within 2 s");
                false
            }
        };
        if !up {
            *connection = None;
        } else if !self.up.load(Ordering::Acquire) {
            tracing::info!("health probe: the database answers again");
        }
        self.up.store(up, Ordering::Release);
        self.probed_at.store(self.elapsed_ms(), Ordering::Release);
        up
    }

    fn report_down(&self, why: &str) {
        if self.up.load(Ordering::Acquire) {
            tracing::warn!(error = why, "health probe: the database is unavailable");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_healthy_answer_is_json_with_the_version() {
        let answer: serde_json::Value = serde_json::from_str(super::HEALTHY).expect("json");
        assert_eq!(answer["status"], "ok");
        assert_eq!(answer["version"], env!("CARGO_PKG_VERSION"));
    }
}
