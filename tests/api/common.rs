//! The test harness: each test gets the real server on a random port, with a fresh
//! database, and talks HTTP to it.
//!
//! Every test runs on SQLite and on PostgreSQL (see [`both!`]). PostgreSQL is taken from
//! `OUTNUMBER_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`);
//! each test creates a database with a unique name and drops it afterwards. Without a
//! reachable PostgreSQL those tests print why (with [`notice`], which the harness does not
//! capture) and pass, unless `OUTNUMBER_TEST_POSTGRES=required` (as in `.ci/run`), when
//! they fail.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Once;
use std::time::Duration;

use outnumber::app::Config;
use outnumber::core::Id;
use outnumber::server::{Running, start};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(TestApp)` once per database, as `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::common::TestApp::spawn($crate::common::Backend::Sqlite).await;
                    super::$name(app.expect("SQLite always works")).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::common::TestApp::spawn($crate::common::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
}

pub fn postgres_admin_url() -> String {
    std::env::var("OUTNUMBER_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn postgres_required() -> bool {
    std::env::var("OUTNUMBER_TEST_POSTGRES").is_ok_and(|v| v == "required")
}

static SKIP_NOTICE: Once = Once::new();

/// A database made for one test, removed when the test ends.
pub enum TestDb {
    Sqlite { dir: PathBuf },
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    pub async fn create(backend: Backend) -> Option<(TestDb, String)> {
        let unique = format!("outnumber_test_{}", Id::random());
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(&unique);
                std::fs::create_dir_all(&dir).expect("temp dir");
                let url = format!("sqlite://{}", dir.join("test.db").display());
                Some((TestDb::Sqlite { dir }, url))
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                sqlx::any::install_default_drivers();
                let connected = tokio::time::timeout(
                    Duration::from_secs(5),
                    sqlx::AnyPool::connect(&admin_url),
                )
                .await;
                let admin = match connected {
                    Ok(Ok(pool)) => pool,
                    Ok(Err(err)) => return skip(&format!("{err}")),
                    Err(_) => return skip("timed out connecting"),
                };
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {unique}")))
                    .execute(&admin)
                    .await
                    .expect("create test database");
                admin.close().await;
                let url = replace_database(&admin_url, &unique);
                Some((
                    TestDb::Postgres {
                        admin_url,
                        name: unique,
                    },
                    url,
                ))
            }
        }
    }
}

fn skip<T>(reason: &str) -> Option<T> {
    if postgres_required() {
        panic!(
            "PostgreSQL is required (OUTNUMBER_TEST_POSTGRES=required) but unreachable: {reason}"
        );
    }
    SKIP_NOTICE.call_once(|| {
        notice(&format!(
            "skipping the PostgreSQL runs: cannot reach {} ({reason}); set OUTNUMBER_TEST_POSTGRES_URL to run them",
            postgres_admin_url()
        ));
    });
    None
}

/// Tells whoever runs the tests something they must see, such as why a test was skipped.
/// `eprintln!` would not do: the test harness captures it and shows it only for a failing
/// test, and a skipped test passes. Writing to the standard error stream itself is not
/// captured.
pub fn notice(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// The same server URL, naming another database.
pub fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match base.rfind('/') {
        Some(slash) if slash > "postgres://".len() => &base[..slash],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            TestDb::Sqlite { dir } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            TestDb::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; use a runtime of our own to wait.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    runtime.block_on(async {
                        let admin = sqlx::AnyPool::connect(&admin_url).await?;
                        sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&admin)
                        .await?;
                        admin.close().await;
                        Ok::<_, sqlx::Error>(())
                    })
                })
                .join();
                if let Ok(Err(err)) = dropped {
                    notice(&format!("could not drop test database: {err}"));
                }
            }
        }
    }
}

/// A data folder (for the key files) made for one test, removed when the test ends.
pub struct DataDir(pub PathBuf);

impl DataDir {
    pub fn create() -> DataDir {
        let dir = std::env::temp_dir().join(format!("outnumber_data_{}", Id::random()));
        std::fs::create_dir_all(&dir).expect("data dir");
        DataDir(dir)
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub setup_token: Option<String>,
    pub backend: Backend,
    pub database_url: String,
    running: Option<Running>,
    pub data_dir: DataDir,
    // Dropped last, after the server has let go of the database.
    db: TestDb,
}

/// The configuration of a stopped server, to start it again.
pub struct Stopped(pub Config);

pub struct User {
    pub id: String,
    pub handle: String,
    pub token: String,
}

impl TestApp {
    /// A server with open registration.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |config| config.open_registration = true).await
    }

    pub async fn spawn_with(
        backend: Backend,
        configure: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        // Server logs show with a failing test's output.
        outnumber::cli::init_test_logging();
        let (db, url) = TestDb::create(backend).await?;
        let data_dir = DataDir::create();
        let mut config = Config::new(([127, 0, 0, 1], 0).into(), url.clone());
        config.data_dir = data_dir.0.clone();
        configure(&mut config);
        let running = start(config).await.expect("server starts");
        Some(TestApp {
            base: format!("http://{}", running.addr),
            client: client(),
            setup_token: running.setup_token.clone(),
            backend,
            database_url: url,
            running: Some(running),
            data_dir,
            db,
        })
    }

    pub fn app(&self) -> &outnumber::app::App {
        &self.running.as_ref().expect("running").app
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends a request with an optional bearer token and JSON body; returns the status and
    /// the parsed body (`Value::Null` when empty or not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let text = response.text().await.expect("body read");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The OpenAPI document as served.
    pub async fn openapi_document(&self) -> String {
        let response = self
            .client
            .get(self.url("/api/v1/openapi.json"))
            .send()
            .await
            .expect("the document");
        assert_eq!(response.status(), StatusCode::OK);
        response.text().await.expect("a body")
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Registers (with an invite if given) and logs in.
    pub async fn register_with(&self, handle: &str, invite: Option<&str>) -> User {
        let mut body = json!({ "handle": handle, "password": "correct horse battery" });
        if let Some(code) = invite {
            body["invite"] = json!(code);
        }
        let (status, created) = self
            .call(Method::POST, "/api/v1/accounts", None, Some(body))
            .await;
        assert_eq!(status, StatusCode::CREATED, "register {handle}: {created}");
        self.log_in(handle).await
    }

    pub async fn register(&self, handle: &str) -> User {
        self.register_with(handle, None).await
    }

    pub async fn log_in(&self, handle: &str) -> User {
        let (status, session) = self
            .call(
                Method::POST,
                "/api/v1/sessions",
                None,
                Some(json!({ "handle": handle, "password": "correct horse battery" })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "log in {handle}: {session}");
        User {
            id: session["account"]["id"].as_str().expect("id").to_owned(),
            handle: handle.to_owned(),
            token: session["token"].as_str().expect("token").to_owned(),
        }
    }

    /// Gives `user` a display name (members without one are shown by a neutral name).
    pub async fn name(&self, user: &User, display_name: &str) {
        let (status, body) = self
            .call(
                Method::PATCH,
                "/api/v1/me",
                Some(&user.token),
                Some(json!({ "display_name": display_name })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "name {}: {body}", user.handle);
    }

    /// The name other members see for `user`, in English.
    pub async fn shown_name(&self, user: &User) -> String {
        let (status, me) = self.get("/api/v1/me", &user.token).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        me["display_name"]
            .as_str()
            .expect("display_name")
            .to_owned()
    }

    /// Founds a workplace committee and returns its id.
    pub async fn workplace(&self, founder: &User, name: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/committees",
                &founder.token,
                json!({ "name": name, "kind": "workplace", "workplace_type": "depot",
                        "industry": "logistics", "region": "Minneapolis" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_str().expect("id").to_owned()
    }

    pub async fn council(&self, founder: &User, name: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/committees",
                &founder.token,
                json!({ "name": name, "kind": "council", "region": "Minneapolis" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_str().expect("id").to_owned()
    }

    pub async fn invite(&self, by: &User, committee: &str, body: Value) -> String {
        let (status, invite) = self
            .post(
                &format!("/api/v1/committees/{committee}/invites"),
                &by.token,
                body,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{invite}");
        invite["code"].as_str().expect("code").to_owned()
    }

    /// Brings a new member into a committee through an invite by `by`.
    pub async fn member(&self, by: &User, committee: &str, handle: &str) -> User {
        let code = self.invite(by, committee, json!({})).await;
        self.register_with(handle, Some(&code)).await
    }

    /// Brings `n` new members into a committee with one invite by `by`, handles `prefix0..`.
    pub async fn members(&self, by: &User, committee: &str, prefix: &str, n: usize) -> Vec<User> {
        if n == 0 {
            return Vec::new();
        }
        let code = self.invite(by, committee, json!({ "max_uses": n })).await;
        let mut users = Vec::with_capacity(n);
        for i in 0..n {
            users.push(
                self.register_with(&format!("{prefix}{i}"), Some(&code))
                    .await,
            );
        }
        users
    }

    /// Joins `committee` to `council` (both founded by the given coordinators).
    pub async fn affiliate(
        &self,
        council_coordinator: &User,
        council: &str,
        coordinator: &User,
        committee: &str,
    ) {
        let code = self
            .invite(
                council_coordinator,
                council,
                json!({ "kind": "affiliation" }),
            )
            .await;
        let (status, body) = self
            .post(
                &format!("/api/v1/committees/{committee}/affiliations"),
                &coordinator.token,
                json!({ "code": code }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    /// Counts the rows of a table, straight from the database.
    pub async fn count_rows(&self, table: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(self.app().db.pool())
            .await
            .expect("count rows")
    }

    /// Stops the server and starts a new one on the same database and data folder, with
    /// the same configuration, as after a crash or an upgrade. Sessions survive; the address
    /// changes.
    pub async fn restart(&mut self) {
        let stopped = self.stop().await;
        self.start_again(stopped).await;
    }

    /// Stops the server, leaving its database and data folder, and returns its configuration
    /// for [`TestApp::start_again`]. Nothing that needs the server works in between.
    pub async fn stop(&mut self) -> Stopped {
        let config = self.app().config.clone();
        if let Some(running) = self.running.take() {
            running.shutdown().await;
        }
        Stopped(config)
    }

    /// Starts a server again after [`TestApp::stop`], with the same configuration on a new
    /// port.
    pub async fn start_again(&mut self, Stopped(mut config): Stopped) {
        config.listen = ([127, 0, 0, 1], 0).into();
        let running = start(config).await.expect("server restarts");
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
    }

    /// Every row of every table, each value as text, for tests that look for what must not
    /// be stored.
    pub async fn dump(&self) -> Vec<(String, Vec<String>)> {
        use sqlx::Row;
        let pool = self.app().db.pool();
        let tables: Vec<String> = match self.backend {
            Backend::Sqlite => sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            ),
            Backend::Postgres => sqlx::query_scalar(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
            ),
        }
        .fetch_all(pool)
        .await
        .expect("tables");
        let mut rows = Vec::new();
        for table in tables.into_iter().filter(|t| t != "_sqlx_migrations") {
            let found = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {table}")))
                .fetch_all(pool)
                .await
                .expect("rows");
            for row in found {
                let values = (0..row.columns().len())
                    .map(|i| {
                        row.try_get::<Option<i64>, _>(i)
                            .map(|v| {
                                v.map(|n| format!("{n} {}", Id::from_db(n)))
                                    .unwrap_or_default()
                            })
                            .or_else(|_| {
                                row.try_get::<Option<String>, _>(i)
                                    .map(Option::unwrap_or_default)
                            })
                            .or_else(|_| {
                                row.try_get::<Option<f64>, _>(i)
                                    .map(|v| v.map(|f| f.to_string()).unwrap_or_default())
                            })
                            .or_else(|_| {
                                row.try_get::<Option<Vec<u8>>, _>(i).map(|v| {
                                    String::from_utf8_lossy(&v.unwrap_or_default()).into_owned()
                                })
                            })
                            .unwrap_or_default()
                    })
                    .collect();
                rows.push((table.clone(), values));
            }
        }
        rows
    }

    pub async fn shutdown(mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown().await;
        }
    }
}

/// Runs `outnumber admin verify` on a database, with the keys of the server's data folder:
/// whether it passed, and what it said.
pub fn admin_verify(database_url: &str, data_dir: &std::path::Path) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["admin", "verify", "--database", database_url])
        .arg("--data-dir")
        .arg(data_dir)
        .env("OUTNUMBER_LOG", "warn")
        .output()
        .expect("admin verify runs");
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Asserts an error answer: the status, the code, and a message a person can read.
#[track_caller]
pub fn assert_error(answer: &(StatusCode, Value), status: StatusCode, code: &str) {
    let (got, body) = answer;
    assert_eq!(*got, status, "expected {status} {code}, got {got}: {body}");
    assert_eq!(body["error"]["code"], json!(code), "{body}");
    let message = body["error"]["message"].as_str().unwrap_or("");
    assert!(
        !message.is_empty() && !message.contains("error-"),
        "unreadable message: {body}"
    );
}
