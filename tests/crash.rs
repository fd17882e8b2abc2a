//! Crash safety: the real `outnumber serve` binary under concurrent writes, killed with
//! SIGKILL mid-stream and started again on the same database; and the same server while its
//! PostgreSQL goes away under load and comes back.
//!
//! Every write the server acknowledged with a 2xx must be there afterwards (read back
//! through the API), and every count must agree with its rows (`outnumber admin verify`
//! exits clean). A write whose answer never came (or came as an error) may or may not have
//! happened; the ledger below accepts either outcome for it, and only for it.
//!
//! The SIGKILL test runs on SQLite and on PostgreSQL (a database of its own on the shared
//! server, dropped afterwards, as in `tests/api/common.rs`). The outage test needs a
//! PostgreSQL it may stop, so it starts a private one (Debian's `initdb` and `pg_ctl`) in a
//! temporary folder and never touches the shared one. Both skip with a printed reason when
//! PostgreSQL is not there, unless `OUTNUMBER_TEST_POSTGRES=required`.

#[path = "binary/mod.rs"]
mod binary;
#[path = "api/common.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use binary::{Api, Depot, Outcome, Server, backup, depot, id_of, in_secs, temp_dir};
use common::{Backend, TestDb, admin_verify};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const MEMBERS: usize = 12;
const ACTIONS: usize = 4;
const SECRET_MOTIONS: usize = 6;
/// The per-member burst of incident reports in `src/limits.rs`.
const REPORTS_EACH: usize = 5;

fn required() -> bool {
    std::env::var("OUTNUMBER_TEST_POSTGRES").is_ok_and(|v| v == "required")
}

fn skip(reason: &str) {
    assert!(
        !required(),
        "PostgreSQL is required (OUTNUMBER_TEST_POSTGRES=required): {reason}"
    );
    common::notice(&format!("skipping: {reason}"));
}

struct Member {
    token: String,
}

/// A committee with a coordinator and members, actions to pledge to, an open motion and
/// secret motions to vote on, all made through the API.
struct Scene {
    coordinator: String,
    committee: String,
    members: Vec<Member>,
    actions: Vec<String>,
    open_motion: String,
    secret_motions: Vec<String>,
}

async fn set_up(api: &Api, setup_token: &str) -> Scene {
    let Depot {
        coordinator,
        committee,
        members,
    } = depot(api, setup_token, MEMBERS).await;
    let members: Vec<Member> = members
        .into_iter()
        .map(|(_, token)| Member { token })
        .collect();
    let mut actions = Vec::new();
    for i in 0..ACTIONS {
        // A threshold nobody reaches, so pledges stay withdrawable.
        actions.push(id_of(
            &api.ok(
                Method::POST,
                &format!("/committees/{committee}/actions"),
                Some(&coordinator),
                Some(json!({ "title": format!("Walkout {i}"), "kind": "walkout",
                             "starts_at": in_secs(7 * 24 * 3600),
                             "threshold": { "pledges": 100_000 } })),
            )
            .await,
        ));
    }
    let motion = |ballot: &str, i: usize| {
        json!({ "kind": "decision", "title": format!("Refuse overtime {i}"), "ballot": ballot,
                "closes_at": in_secs(24 * 3600) })
    };
    let open_motion = id_of(
        &api.ok(
            Method::POST,
            &format!("/committees/{committee}/motions"),
            Some(&coordinator),
            Some(motion("open", 0)),
        )
        .await,
    );
    let mut secret_motions = Vec::new();
    for i in 0..SECRET_MOTIONS {
        secret_motions.push(id_of(
            &api.ok(
                Method::POST,
                &format!("/committees/{committee}/motions"),
                Some(&coordinator),
                Some(motion("secret", i)),
            )
            .await,
        ));
    }
    Scene {
        coordinator,
        committee,
        members,
        actions,
        open_motion,
        secret_motions,
    }
}

/// A value the server acknowledged, and what the writes since that got no clear answer
/// might have left instead (any of them may have landed).
#[derive(Debug, Clone, Default)]
struct Known<T> {
    acked: T,
    maybe: Vec<T>,
}

impl<T: Clone + PartialEq> Known<T> {
    fn allows(&self, found: &T) -> bool {
        *found == self.acked || self.maybe.contains(found)
    }
}

/// One member's writes: what was acknowledged, and what is unsure.
#[derive(Debug, Default, Clone)]
struct Ledger {
    /// Pledged or not, per action.
    pledges: BTreeMap<String, Known<bool>>,
    open_choice: Known<Option<String>>,
    /// Secret ballots acknowledged, and those cast without a clear answer.
    secret_cast: BTreeSet<String>,
    secret_unsure: BTreeSet<String>,
    incidents: Vec<String>,
}

/// What the load saw besides 2xx answers.
#[derive(Default)]
struct Seen {
    acks: AtomicUsize,
    /// Answers that break the contract (anything but a 2xx, or a 503 while allowed).
    wrong: Mutex<Vec<String>>,
    /// 503 answers with the contract's JSON error.
    unavailable: AtomicUsize,
    lost: AtomicUsize,
}

struct Load {
    stop: AtomicBool,
    /// Whether a 503 `database_unavailable` is a fair answer right now.
    outage: AtomicBool,
    seen: Seen,
}

impl Load {
    fn new() -> Arc<Load> {
        Arc::new(Load {
            stop: AtomicBool::new(false),
            outage: AtomicBool::new(false),
            seen: Seen::default(),
        })
    }
}

/// The answer to a write: `Some(body)` if acknowledged, `None` if unsure.
fn judge(load: &Load, what: &str, outcome: Outcome) -> Option<Value> {
    match outcome {
        Outcome::Answer(status, body) if status.is_success() => {
            load.seen.acks.fetch_add(1, Ordering::Relaxed);
            Some(body)
        }
        Outcome::Answer(status, body)
            if status == StatusCode::SERVICE_UNAVAILABLE
                && load.outage.load(Ordering::Relaxed)
                && is_unavailable(&body) =>
        {
            load.seen.unavailable.fetch_add(1, Ordering::Relaxed);
            None
        }
        Outcome::Answer(status, body) => {
            load.seen
                .wrong
                .lock()
                .expect("lock")
                .push(format!("{what}: {status} {body}"));
            None
        }
        Outcome::Lost(err) => {
            load.seen.lost.fetch_add(1, Ordering::Relaxed);
            if load.outage.load(Ordering::Relaxed) && err.contains("timed out") {
                load.seen
                    .wrong
                    .lock()
                    .expect("lock")
                    .push(format!("{what}: no answer in 30 s"));
            }
            None
        }
    }
}

fn is_unavailable(body: &Value) -> bool {
    body["error"]["code"] == "database_unavailable"
        && body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
}

#[derive(Clone, Copy)]
struct Mode {
    /// Stop at the first request that gets no answer (the server is gone).
    stop_on_lost: bool,
    /// Withdraw pledges in turn; without, pledges only accumulate.
    withdraw: bool,
}

/// One member writing as fast as the server answers, one write at a time, until stopped,
/// keeping its ledger up to date after every answer.
async fn member_load(
    api: Api,
    scene: Arc<Scene>,
    who: usize,
    load: Arc<Load>,
    mode: Mode,
    shared: Arc<Mutex<Ledger>>,
) {
    let token = scene.members[who].token.clone();
    let mut ledger = Ledger::default();
    for action in &scene.actions {
        ledger.pledges.insert(action.clone(), Known::default());
    }
    let choices = ["yes", "no", "abstain"];
    let mut reports_tried = 0;
    let mut secret_next = 0;
    let mut round = who;
    while !load.stop.load(Ordering::Relaxed) {
        round += 1;
        let lost_before = load.seen.lost.load(Ordering::Relaxed);

        // Pledge or withdraw, in turn, on one action.
        let action = &scene.actions[round % scene.actions.len()];
        let known = ledger.pledges.get_mut(action).expect("action");
        let pledge = !mode.withdraw || !known.maybe.last().copied().unwrap_or(known.acked);
        let method = if pledge { Method::POST } else { Method::DELETE };
        let outcome = api
            .send(
                method,
                &format!("/actions/{action}/pledges"),
                Some(&token),
                None,
            )
            .await;
        match judge(&load, "pledge", outcome) {
            Some(_) => {
                *known = Known {
                    acked: pledge,
                    maybe: Vec::new(),
                }
            }
            None => known.maybe.push(pledge),
        }

        // Change an open ballot.
        let choice = choices[round % choices.len()].to_owned();
        let outcome = api
            .send(
                Method::POST,
                &format!("/motions/{}/ballots", scene.open_motion),
                Some(&token),
                Some(json!({ "choice": choice })),
            )
            .await;
        match judge(&load, "open ballot", outcome) {
            Some(_) => {
                ledger.open_choice = Known {
                    acked: Some(choice),
                    maybe: Vec::new(),
                }
            }
            None => ledger.open_choice.maybe.push(Some(choice)),
        }

        // Cast the next secret ballot, once.
        if let Some(motion) = scene.secret_motions.get(secret_next) {
            secret_next += 1;
            let outcome = api
                .send(
                    Method::POST,
                    &format!("/motions/{motion}/ballots"),
                    Some(&token),
                    Some(json!({ "choice": choices[round % 2] })),
                )
                .await;
            if judge(&load, "secret ballot", outcome).is_some() {
                ledger.secret_cast.insert(motion.clone());
            } else {
                ledger.secret_unsure.insert(motion.clone());
            }
        }

        // Report an incident, within the limit (refused reports count against it too).
        if reports_tried < REPORTS_EACH && round.is_multiple_of(3) {
            reports_tried += 1;
            let outcome = api
                .send(
                    Method::POST,
                    &format!("/committees/{}/incidents", scene.committee),
                    Some(&token),
                    Some(
                        json!({ "kind": "staging", "summary": format!("Vans at gate {round}"),
                                 "location": "North gate", "urgency": "info" }),
                    ),
                )
                .await;
            if let Some(body) = judge(&load, "incident report", outcome) {
                ledger.incidents.push(id_of(&body));
            }
        }

        *shared.lock().expect("lock") = ledger.clone();
        if load.seen.lost.load(Ordering::Relaxed) > lost_before {
            if mode.stop_on_lost {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Starts a writer per member; returns their handles and ledgers.
fn start_load(
    api: &Api,
    scene: &Arc<Scene>,
    load: &Arc<Load>,
    mode: Mode,
) -> (Vec<tokio::task::JoinHandle<()>>, Vec<Arc<Mutex<Ledger>>>) {
    let ledgers: Vec<_> = (0..scene.members.len())
        .map(|_| Arc::new(Mutex::new(Ledger::default())))
        .collect();
    let workers = ledgers
        .iter()
        .enumerate()
        .map(|(who, ledger)| {
            tokio::spawn(member_load(
                api.clone(),
                scene.clone(),
                who,
                load.clone(),
                mode,
                ledger.clone(),
            ))
        })
        .collect();
    (workers, ledgers)
}

/// Waits for the writers to end and reads their ledgers.
async fn finish_load(
    workers: Vec<tokio::task::JoinHandle<()>>,
    ledgers: Vec<Arc<Mutex<Ledger>>>,
) -> Vec<Ledger> {
    for worker in workers {
        worker.await.expect("worker");
    }
    snapshot(&ledgers)
}

fn snapshot(ledgers: &[Arc<Mutex<Ledger>>]) -> Vec<Ledger> {
    ledgers
        .iter()
        .map(|l| l.lock().expect("lock").clone())
        .collect()
}

async fn wait_for_acks(load: &Load, at_least: usize) {
    let started = Instant::now();
    while load.seen.acks.load(Ordering::Relaxed) < at_least {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "only {} of {at_least} writes acknowledged in 120 s",
            load.seen.acks.load(Ordering::Relaxed)
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Reads every member's writes back through the API and checks them against the ledgers,
/// and the counts against the members' own view.
async fn check_ledgers(api: &Api, scene: &Scene, ledgers: &[Ledger]) {
    let mut pledged = vec![0i64; scene.actions.len()];
    let mut voted_open = 0i64;
    let mut voted_secret = vec![0i64; scene.secret_motions.len()];
    for (member, ledger) in scene.members.iter().zip(ledgers) {
        let token = Some(member.token.as_str());
        for (i, action) in scene.actions.iter().enumerate() {
            let seen = api
                .ok(Method::GET, &format!("/actions/{action}"), token, None)
                .await;
            let mine = seen["my_pledge"].as_bool().expect("my_pledge");
            let known = &ledger.pledges[action];
            assert!(
                known.allows(&mine),
                "pledge on {action}: found {mine}, acknowledged {known:?}"
            );
            pledged[i] += i64::from(mine);
        }
        let seen = api
            .ok(
                Method::GET,
                &format!("/motions/{}", scene.open_motion),
                token,
                None,
            )
            .await;
        let choice = seen["my_ballot"]["choice"].as_str().map(str::to_owned);
        assert!(
            ledger.open_choice.allows(&choice),
            "open ballot: found {choice:?}, acknowledged {:?}",
            ledger.open_choice
        );
        voted_open += i64::from(choice.is_some());
        for (i, motion) in scene.secret_motions.iter().enumerate() {
            let seen = api
                .ok(Method::GET, &format!("/motions/{motion}"), token, None)
                .await;
            let voted = seen["my_ballot"]["voted"].as_bool().expect("voted");
            if ledger.secret_cast.contains(motion) {
                assert!(voted, "an acknowledged secret ballot on {motion} is gone");
            } else if !ledger.secret_unsure.contains(motion) {
                assert!(!voted, "a secret ballot on {motion} appeared from nowhere");
            }
            voted_secret[i] += i64::from(voted);
        }
        for incident in &ledger.incidents {
            let seen = api
                .ok(Method::GET, &format!("/incidents/{incident}"), token, None)
                .await;
            assert_eq!(seen["id"], json!(incident));
        }
    }
    let coordinator = Some(scene.coordinator.as_str());
    for (i, action) in scene.actions.iter().enumerate() {
        let seen = api
            .ok(
                Method::GET,
                &format!("/actions/{action}"),
                coordinator,
                None,
            )
            .await;
        assert_eq!(seen["pledged"], json!(pledged[i]), "the count of {action}");
    }
    let seen = api
        .ok(
            Method::GET,
            &format!("/motions/{}", scene.open_motion),
            coordinator,
            None,
        )
        .await;
    assert_eq!(seen["turnout"], json!(voted_open), "open motion turnout");
    for (i, motion) in scene.secret_motions.iter().enumerate() {
        let seen = api
            .ok(
                Method::GET,
                &format!("/motions/{motion}"),
                coordinator,
                None,
            )
            .await;
        // A ballot cut off between its two commits took part but is not counted: never
        // acknowledged, it is one of the unsure ones.
        let (turnout, uncounted) = (
            seen["turnout"].as_i64().expect("turnout"),
            seen["uncounted"].as_i64().expect("uncounted"),
        );
        assert_eq!(turnout + uncounted, voted_secret[i], "turnout of {motion}");
        let unsure = ledgers
            .iter()
            .filter(|l| l.secret_unsure.contains(motion))
            .count();
        assert!(
            uncounted <= unsure as i64,
            "{uncounted} uncounted ballots on {motion}, but only {unsure} went unanswered"
        );
    }
}

fn acked_total(ledgers: &[Ledger]) -> usize {
    ledgers
        .iter()
        .map(|l| l.secret_cast.len() + l.incidents.len())
        .sum()
}

/// Writes under load, SIGKILL once enough are acknowledged, start again, find them all.
async fn killed_mid_stream(backend: Backend) {
    let Some((_db, url)) = TestDb::create(backend).await else {
        return;
    };
    let data = temp_dir("kill");
    let mut server = Server::start(&url, &data);
    let api = Api::new(&server.base);
    let scene = Arc::new(
        set_up(
            &api,
            server
                .setup_token
                .as_deref()
                .expect("a fresh database prints a setup link"),
        )
        .await,
    );

    let load = Load::new();
    let mode = Mode {
        stop_on_lost: true,
        withdraw: true,
    };
    let (workers, ledgers) = start_load(&api, &scene, &load, mode);
    wait_for_acks(&load, 300).await;
    // Mid-stream: requests are in flight on every worker.
    server.kill();
    let ledgers = finish_load(workers, ledgers).await;
    load.stop.store(true, Ordering::Relaxed);
    let wrong = load.seen.wrong.lock().expect("lock").clone();
    assert!(wrong.is_empty(), "answers before the kill: {wrong:#?}");
    assert!(
        load.seen.acks.load(Ordering::Relaxed) >= 300,
        "too few writes acknowledged before the kill"
    );
    assert!(
        acked_total(&ledgers) > 0,
        "no ballot or report acknowledged"
    );
    eprintln!(
        "{backend:?}: {} writes acknowledged before the SIGKILL ({} secret ballots and reports)",
        load.seen.acks.load(Ordering::Relaxed),
        acked_total(&ledgers)
    );

    let server = Server::start(&url, &data);
    let api = Api::new(&server.base);
    check_ledgers(&api, &scene, &ledgers).await;
    drop(server);
    let (clean, report) = admin_verify(&url, &data);
    assert!(clean, "admin verify after the crash: {report}");
    let _ = std::fs::remove_dir_all(&data);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_write_sqlite() {
    killed_mid_stream(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_write_postgres() {
    killed_mid_stream(Backend::Postgres).await;
}

/// A PostgreSQL of the test's own, in a temporary folder, that it may stop and start.
struct PrivatePostgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    /// Set when running as root: PostgreSQL refuses to run as root, so it runs as this user.
    run_as: Option<&'static str>,
}

impl PrivatePostgres {
    fn bin_dir() -> Option<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin"))
            .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
            .collect();
        found.sort_by_key(|p| {
            p.parent()
                .and_then(|v| v.file_name())
                .and_then(|v| v.to_str())
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0)
        });
        found.pop()
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(path);
                command
            }
            None => Command::new(path),
        }
    }

    fn start_new() -> Result<PrivatePostgres, String> {
        let bin = Self::bin_dir().ok_or("no PostgreSQL under /usr/lib/postgresql/*/bin")?;
        let root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false);
        let run_as = root.then_some("postgres");
        let dir = temp_dir("postgres");
        if let Some(user) = run_as {
            let chowned = Command::new("chown")
                .arg(format!("{user}:"))
                .arg(&dir)
                .status()
                .map_err(|e| format!("chown: {e}"))?;
            if !chowned.success() {
                return Err(format!("cannot give {} to the {user} user", dir.display()));
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let pg = PrivatePostgres {
            bin,
            dir,
            port,
            run_as,
        };
        let init = pg
            .command("initdb")
            .args([
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(pg.dir.join("data"))
            .output()
            .map_err(|e| format!("initdb: {e}"))?;
        if !init.status.success() {
            return Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&init.stderr)
            ));
        }
        pg.start()?;
        Ok(pg)
    }

    fn pg_ctl(&self, args: &[&str]) -> Result<(), String> {
        let output = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("postgres.log"))
            .args(args)
            .output()
            .map_err(|e| format!("pg_ctl: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "pg_ctl {args:?}: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    fn start(&self) -> Result<(), String> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        self.pg_ctl(&["-w", "-t", "60", "-o", &options, "start"])
    }

    /// Stops it the hard way: every backend dies at once, as in a crash.
    fn stop_now(&self) -> Result<(), String> {
        self.pg_ctl(&["-m", "immediate", "stop"])
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self.stop_now();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A request that reads from the database every time (the inbox is never cached).
async fn probe(api: &Api, token: &str) -> Outcome {
    api.send(Method::GET, "/notifications", Some(token), None)
        .await
}

/// Waits until `/healthz` answers `want` (a load balancer's view of the server); a 503 must
/// carry the JSON error `database_unavailable`.
async fn healthz_becomes(api: &Api, want: StatusCode, within: Duration, log: impl Fn() -> String) {
    let since = Instant::now();
    loop {
        let answer = api.client.get(format!("{}/healthz", api.base)).send().await;
        let (status, body) = match answer {
            Ok(response) => (
                Some(response.status()),
                response.text().await.unwrap_or_default(),
            ),
            Err(err) => (None, err.to_string()),
        };
        if status == Some(want) {
            if want == StatusCode::SERVICE_UNAVAILABLE {
                let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                assert!(is_unavailable(&body), "/healthz: {body}");
            }
            return;
        }
        assert!(
            since.elapsed() < within,
            "/healthz still {status:?} {body} after {within:?}, not {want}\n{}",
            log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_outage_answers_503_and_recovers() {
    let pg = match PrivatePostgres::start_new() {
        Ok(pg) => pg,
        Err(reason) => return skip(&format!("cannot start a private PostgreSQL: {reason}")),
    };
    let url = pg.url();
    let data = temp_dir("outage");
    let server = Server::start(&url, &data);
    let api = Api::new(&server.base);
    let scene = Arc::new(
        set_up(
            &api,
            server
                .setup_token
                .as_deref()
                .expect("a fresh database prints a setup link"),
        )
        .await,
    );

    let load = Load::new();
    let mode = Mode {
        stop_on_lost: false,
        withdraw: true,
    };
    let (workers, ledgers) = start_load(&api, &scene, &load, mode);
    wait_for_acks(&load, 200).await;
    // Busy with writes is not down.
    healthz_becomes(&api, StatusCode::OK, Duration::from_secs(5), || {
        server.log()
    })
    .await;

    load.outage.store(true, Ordering::Relaxed);
    pg.stop_now().expect("stop PostgreSQL");
    let token = scene.coordinator.clone();
    // While it is gone: a clear 503, not an error page, a 500 or a hang.
    let gone = Instant::now();
    let mut answered = None;
    while gone.elapsed() < Duration::from_secs(30) {
        match probe(&api, &token).await {
            Outcome::Answer(status, body) if status == StatusCode::SERVICE_UNAVAILABLE => {
                answered = Some(body);
                break;
            }
            Outcome::Answer(status, body) if status.is_success() => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let _ = body;
            }
            Outcome::Answer(status, body) => {
                panic!("with the database gone: {status} {body}\n{}", server.log())
            }
            Outcome::Lost(err) => panic!("with the database gone, no answer: {err}"),
        }
    }
    let body = answered.expect("a 503 within 30 s of the database going away");
    assert!(is_unavailable(&body), "{body}");
    // A load balancer can tell: /healthz says so within its second of freshness and its
    // probe's two.
    healthz_becomes(
        &api,
        StatusCode::SERVICE_UNAVAILABLE,
        Duration::from_secs(5),
        || server.log(),
    )
    .await;
    // Let the load run into the outage for a while.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let acks_during = load.seen.acks.load(Ordering::Relaxed);

    pg.start().expect("start PostgreSQL again");
    let back = Instant::now();
    loop {
        if let Outcome::Answer(status, _) = probe(&api, &token).await
            && status.is_success()
        {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(60),
            "the server did not recover within 60 s of the database's return\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let recovered_after = back.elapsed();
    healthz_becomes(&api, StatusCode::OK, Duration::from_secs(5), || {
        server.log()
    })
    .await;
    // The writes recover too, not only the reads.
    while load.seen.acks.load(Ordering::Relaxed) < acks_during + 100 {
        assert!(
            back.elapsed() < Duration::from_secs(90),
            "writes did not recover\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    load.stop.store(true, Ordering::Relaxed);
    let ledgers = finish_load(workers, ledgers).await;
    load.outage.store(false, Ordering::Relaxed);
    let wrong = load.seen.wrong.lock().expect("lock").clone();
    assert!(
        wrong.is_empty(),
        "answers that break the contract: {wrong:#?}\n{}",
        server.log()
    );
    assert!(
        load.seen.unavailable.load(Ordering::Relaxed) > 0,
        "the load never saw the outage"
    );

    eprintln!(
        "outage: {} answers 503 database_unavailable, {} requests without an answer; reads back {:.1} s after PostgreSQL",
        load.seen.unavailable.load(Ordering::Relaxed),
        load.seen.lost.load(Ordering::Relaxed),
        recovered_after.as_secs_f64()
    );

    // Counts kept in memory catch up with the database within the engine's resync.
    tokio::time::sleep(outnumber::actions::engine::RESYNC * 2).await;
    check_ledgers(&api, &scene, &ledgers).await;
    drop(server);
    let (clean, report) = admin_verify(&url, &data);
    assert!(clean, "admin verify after the outage: {report}");
    let _ = std::fs::remove_dir_all(&data);
}

/// Finds in a copy everything acknowledged before the copy began: pledges (which only
/// accumulate in this load), that each member's open ballot is there, secret ballots and
/// incident reports.
async fn check_copy(api: &Api, scene: &Scene, before: &[Ledger]) {
    for (member, ledger) in scene.members.iter().zip(before) {
        let token = Some(member.token.as_str());
        for (action, known) in &ledger.pledges {
            if known.acked {
                let seen = api
                    .ok(Method::GET, &format!("/actions/{action}"), token, None)
                    .await;
                assert_eq!(seen["my_pledge"], true, "a pledge on {action} is missing");
            }
        }
        if ledger.open_choice.acked.is_some() {
            let seen = api
                .ok(
                    Method::GET,
                    &format!("/motions/{}", scene.open_motion),
                    token,
                    None,
                )
                .await;
            assert!(
                seen["my_ballot"]["choice"].is_string(),
                "an open ballot is missing"
            );
        }
        for motion in &ledger.secret_cast {
            let seen = api
                .ok(Method::GET, &format!("/motions/{motion}"), token, None)
                .await;
            assert_eq!(
                seen["my_ballot"]["voted"], true,
                "a secret ballot on {motion} is missing"
            );
        }
        for incident in &ledger.incidents {
            api.ok(Method::GET, &format!("/incidents/{incident}"), token, None)
                .await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_writes_holds_every_earlier_write() {
    let Some((_db, url)) = TestDb::create(Backend::Sqlite).await else {
        return;
    };
    let data = temp_dir("backup");
    let server = Server::start(&url, &data);
    let api = Api::new(&server.base);
    let scene = Arc::new(
        set_up(
            &api,
            server
                .setup_token
                .as_deref()
                .expect("a fresh database prints a setup link"),
        )
        .await,
    );
    let load = Load::new();
    let mode = Mode {
        stop_on_lost: false,
        withdraw: false,
    };
    let (workers, ledgers) = start_load(&api, &scene, &load, mode);
    wait_for_acks(&load, 150).await;

    // Everything acknowledged so far must be in the copy; writes go on while it is taken.
    let before = snapshot(&ledgers);
    let acks_at_start = load.seen.acks.load(Ordering::Relaxed);
    let copy = data.join("copy.db");
    let taken = backup(&url, &copy).await;
    let acks_at_end = load.seen.acks.load(Ordering::Relaxed);
    assert!(
        taken.status.success(),
        "backup: {}",
        String::from_utf8_lossy(&taken.stderr)
    );
    wait_for_acks(&load, acks_at_end + 50).await;
    load.stop.store(true, Ordering::Relaxed);
    finish_load(workers, ledgers).await;
    let wrong = load.seen.wrong.lock().expect("lock").clone();
    assert!(wrong.is_empty(), "answers during the backup: {wrong:#?}");
    assert!(
        acks_at_end > acks_at_start,
        "writes were acknowledged while the backup was taken"
    );
    assert_eq!(
        load.seen.lost.load(Ordering::Relaxed),
        0,
        "no request went unanswered during the backup"
    );

    // With the writes paused, a copy of the running server holds exactly its rows.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let quiet = data.join("quiet.db");
    assert!(backup(&url, &quiet).await.status.success(), "quiet backup");
    drop(server);
    let (live, copied) = (
        sqlite_rows(&url).await,
        sqlite_rows(&format!("sqlite://{}", quiet.display())).await,
    );
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        copied.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, rows) in &live {
        assert!(
            copied.get(table) == Some(rows),
            "{table}: {} rows in the database, {} in the copy",
            rows.len(),
            copied.get(table).map_or(0, Vec::len)
        );
    }
    assert!(live.values().map(Vec::len).sum::<usize>() > 100);

    // Restore: a server on the copy.
    let copy_url = format!("sqlite://{}", copy.display());
    let restored_data = temp_dir("restored");
    // A restore takes the data folder's keys along: they open the contact details and the
    // sums of secret ballots.
    for key in ["contact-keys", "vapid-private-key"] {
        std::fs::copy(data.join(key), restored_data.join(key)).expect("the key files");
    }
    let restored = Server::start(&copy_url, &restored_data);
    check_copy(&Api::new(&restored.base), &scene, &before).await;
    drop(restored);
    let (clean, report) = admin_verify(&copy_url, &restored_data);
    assert!(clean, "admin verify on the copy: {report}");
    let _ = std::fs::remove_dir_all(&data);
    let _ = std::fs::remove_dir_all(&restored_data);
}

/// Every row of every table of a SQLite database, each row as text and sorted: two
/// databases hold the same rows when these are equal.
async fn sqlite_rows(url: &str) -> BTreeMap<String, Vec<String>> {
    use sqlx::sqlite::SqlitePool;
    let pool = SqlitePool::connect(url).await.expect("open the database");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&pool)
    .await
    .expect("tables");
    let mut all = BTreeMap::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}')"
        )))
        .fetch_all(&pool)
        .await
        .expect("columns");
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let mut rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT {row} FROM \"{table}\""
        )))
        .fetch_all(&pool)
        .await
        .expect("rows");
        rows.sort();
        all.insert(table, rows);
    }
    pool.close().await;
    all
}
