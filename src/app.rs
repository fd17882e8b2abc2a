//! The state every request shares: configuration, the database, the live event bus and the
//! in-memory limits.

use std::net::SocketAddr;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{Notify, Semaphore, watch};

use crate::actions::engine::Engine;

use crate::bus::Bus;
use crate::db::Db;
use crate::directory::Directory;
use crate::limits::Limits;

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub database_url: String,
    pub open_registration: bool,
    /// The address people reach the server at, for links in pages and QR codes.
    pub public_url: String,
    /// Mark cookies `Secure`; on when the public address is https.
    pub secure_cookies: bool,
    /// Where keys that must stay outside the database are kept.
    pub data_dir: PathBuf,
    /// How long an incident's summary, location and people are kept.
    pub incident_retention: std::time::Duration,
    /// The SMTP server for e-mail (`smtp://host:port`, `smtps://user:pass@host`); without
    /// it the e-mail channel is unavailable.
    pub smtp_url: Option<String>,
    /// The sender of mails; defaults to `outnumber@` and the public host.
    pub mail_from: Option<String>,
    /// Accept `http://` push endpoints on loopback addresses. For tests, which run a push
    /// service of their own; never offered as a flag.
    pub allow_http_push_endpoints_on_loopback: bool,
    /// How long a connection may take to send a request's headers (also while it idles
    /// between requests) before it is closed.
    pub header_timeout: std::time::Duration,
    /// How long a request's body may take to arrive, from the end of its headers.
    pub body_timeout: std::time::Duration,
    /// The zone of committees whose founders chose none (and of those founded before
    /// committees had zones), and what founding forms offer first.
    pub time_zone: crate::core::zones::Zone,
    /// Print the one-time link that creates the first administrator, while there is none.
    /// The demo turns it off: it makes its administrator itself, with a printed password.
    pub print_setup_link: bool,
    /// Where to report a vulnerability (`mailto:` or `https:`), for `security.txt`.
    pub security_contact: Option<String>,
    /// The bearer token `/metrics` asks for; without one, `/metrics` answers 404.
    pub metrics_token: Option<String>,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` name the client, for rate
    /// limits (`web::forwarded`); empty: the peer is the client.
    pub trusted_proxies: crate::web::forwarded::TrustedProxies,
}

/// Generous for a phone on a poor connection: headers are a few hundred bytes, and a body is
/// at most `web::BODY_LIMIT` (64 KiB, about 10 s at 50 kbit/s).
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Config {
    pub fn new(listen: SocketAddr, database_url: String) -> Self {
        Config {
            listen,
            database_url,
            open_registration: false,
            public_url: format!("http://{listen}"),
            secure_cookies: false,
            data_dir: PathBuf::from("."),
            incident_retention: std::time::Duration::from_secs(
                crate::core::incidents::DEFAULT_RETENTION_HOURS as u64 * 3600,
            ),
            smtp_url: None,
            mail_from: None,
            allow_http_push_endpoints_on_loopback: false,
            header_timeout: HEADER_TIMEOUT,
            body_timeout: BODY_TIMEOUT,
            time_zone: crate::core::zones::Zone::utc(),
            print_setup_link: true,
            security_contact: None,
            metrics_token: None,
            trusted_proxies: crate::web::forwarded::TrustedProxies::default(),
        }
    }

    /// The full link to `path` on this server.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), path)
    }
}

#[derive(Clone)]
pub struct App(Arc<Inner>);

pub struct Inner {
    pub config: Config,
    pub db: Db,
    pub bus: Bus,
    pub directory: Arc<Directory>,
    /// Pledges, counts and activation of mass actions.
    pub actions: Engine,
    /// Wakes the job that writes notifications to everyone an action reaches.
    pub fanout_wake: Notify,
    /// Wakes the job that writes notifications to everyone a bulletin reaches.
    pub bulletin_wake: Notify,
    pub limits: Limits,
    /// Web Push and e-mail: keys and the sender's wake-up.
    pub delivery: crate::delivery::Delivery,
    /// Password hashing takes ~20 MiB and tens of milliseconds each; a burst of log-ins must
    /// queue rather than exhaust memory.
    pub password_slots: Semaphore,
    /// What `/metrics` shows (see `crate::metrics`).
    pub metrics: crate::metrics::Metrics,
    /// Flips to true when the server shuts down, so that endless live streams end and the
    /// shutdown can complete.
    closing: watch::Sender<bool>,
    /// The server's runtime, for work started from the pledge writer's own thread.
    runtime: tokio::runtime::Handle,
}

impl App {
    /// Called from within the server's runtime.
    pub fn new(config: Config, db: Db) -> Self {
        let slots = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
        let bus = Bus::default();
        App(Arc::new(Inner {
            config,
            directory: Arc::new(Directory::new(
                db.pool().clone(),
                db.backend() == crate::db::Backend::Postgres,
                bus.clone(),
            )),
            actions: Engine::default(),
            fanout_wake: Notify::new(),
            bulletin_wake: Notify::new(),
            db,
            bus,
            limits: Limits::new(),
            delivery: crate::delivery::Delivery::default(),
            password_slots: Semaphore::new(slots),
            metrics: crate::metrics::Metrics::default(),
            closing: watch::Sender::new(false),
            runtime: tokio::runtime::Handle::current(),
        }))
    }

    /// Runs `task` on the server's runtime, wherever it is called from.
    pub fn spawn<F>(&self, task: F) -> tokio::task::JoinHandle<F::Output>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.runtime.spawn(task)
    }

    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Ends every live stream; called when the server begins to shut down.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

impl Deref for App {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_clients_are_cut_off_after_10_s_for_headers_and_30_s_for_a_body() {
        let config = Config::new(([127, 0, 0, 1], 8080).into(), "sqlite://x.db".into());
        assert_eq!(config.header_timeout, std::time::Duration::from_secs(10));
        assert_eq!(config.body_timeout, std::time::Duration::from_secs(30));
    }
}
