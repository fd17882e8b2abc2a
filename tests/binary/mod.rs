//! The real `outnumber` binary for tests that must treat it as a process: kill it, stop it,
//! read its files while it runs. Shared by `tests/crash.rs` and `tests/disk.rs`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use outnumber::core::{Id, Timestamp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery";

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outnumber_crash_{name}_{}", Id::random()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The real binary, serving on a random loopback port.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub setup_token: Option<String>,
    pub log: PathBuf,
}

impl Server {
    pub fn start(database_url: &str, data_dir: &Path) -> Server {
        let log = data_dir.join(format!("server-{}.log", Id::random()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_outnumber"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database",
                database_url,
            ])
            .arg("--data-dir")
            .arg(data_dir)
            .env("OUTNUMBER_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        // Keeps reading to the end so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut setup_token = None;
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = rx.recv_timeout(left) else {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "the server did not announce its address; its log:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            };
            if let Some(token) = line.split("/setup/").nth(1) {
                setup_token = Some(token.trim().to_owned());
            }
            if line.contains("listening on")
                && let Some(addr) = line.split("http://").nth(1)
            {
                return Server {
                    child,
                    base: format!("http://{}", addr.trim()),
                    setup_token,
                    log,
                };
            }
        }
    }

    /// SIGKILL: no shutdown, no flush, nothing the server gets to do.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
}

/// What a request came back with: an answer, or nothing (the connection broke or timed out).
pub enum Outcome {
    Answer(StatusCode, Value),
    Lost(String),
}

impl Api {
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_owned(),
            client: reqwest::Client::builder()
                .no_proxy()
                // Longer than any wait inside the server (the pool waits 5 s for a
                // connection): a request that outlives it is a hang.
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client"),
        }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Outcome {
        let mut request = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        match request.send().await {
            Ok(response) => {
                let status = response.status();
                match response.text().await {
                    Ok(text) => {
                        Outcome::Answer(status, serde_json::from_str(&text).unwrap_or(Value::Null))
                    }
                    Err(err) => Outcome::Lost(err.to_string()),
                }
            }
            Err(err) => Outcome::Lost(err.to_string()),
        }
    }

    /// A request that must succeed (setting up, reading back).
    pub async fn ok(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Value {
        match self.send(method.clone(), path, token, body).await {
            Outcome::Answer(status, body) if status.is_success() => body,
            Outcome::Answer(status, body) => panic!("{method} {path}: {status} {body}"),
            Outcome::Lost(err) => panic!("{method} {path}: {err}"),
        }
    }
}

pub fn in_secs(secs: i64) -> String {
    Timestamp::now().plus_millis(secs * 1000).rfc3339()
}

pub fn id_of(body: &Value) -> String {
    body["id"].as_str().expect("id").to_owned()
}

pub async fn log_in(api: &Api, handle: &str) -> String {
    let session = api
        .ok(
            Method::POST,
            "/sessions",
            None,
            Some(json!({ "handle": handle, "password": PASSWORD })),
        )
        .await;
    session["token"].as_str().expect("token").to_owned()
}

/// Runs `outnumber backup` off the runtime's threads, so that writers keep going meanwhile.
pub async fn backup(database_url: &str, copy: &Path) -> std::process::Output {
    let (url, copy) = (database_url.to_owned(), copy.to_owned());
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_outnumber"))
            .arg("backup")
            .arg(&copy)
            .args(["--database", &url])
            .env("OUTNUMBER_LOG", "warn")
            .output()
            .expect("backup runs")
    })
    .await
    .expect("backup task")
}

/// A depot committee made through the API on a fresh server: its first administrator (from
/// the setup link) as coordinator, and `members` more who joined by one invite, as
/// `member0`, `member1`, …
pub struct Depot {
    pub coordinator: String,
    pub committee: String,
    /// Each member's account id and bearer token.
    pub members: Vec<(Id, String)>,
}

pub async fn depot(api: &Api, setup_token: &str, members: usize) -> Depot {
    api.ok(
        Method::POST,
        "/accounts",
        None,
        Some(json!({ "handle": "coordinator", "password": PASSWORD, "setup_token": setup_token })),
    )
    .await;
    let coordinator = log_in(api, "coordinator").await;
    let committee = id_of(
        &api.ok(
            Method::POST,
            "/committees",
            Some(&coordinator),
            Some(
                json!({ "name": "Lake Street Depot", "kind": "workplace", "workplace_type": "depot",
                         "industry": "logistics", "region": "Minneapolis" }),
            ),
        )
        .await,
    );
    let invite = api
        .ok(
            Method::POST,
            &format!("/committees/{committee}/invites"),
            Some(&coordinator),
            Some(json!({ "max_uses": members })),
        )
        .await;
    let code = invite["code"].as_str().expect("code").to_owned();
    let mut joined = Vec::new();
    for i in 0..members {
        let handle = format!("member{i}");
        let account = api
            .ok(
                Method::POST,
                "/accounts",
                None,
                Some(json!({ "handle": handle, "password": PASSWORD, "invite": code })),
            )
            .await;
        let id = account["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("an id");
        joined.push((id, log_in(api, &handle).await));
    }
    Depot {
        coordinator,
        committee,
        members: joined,
    }
}
