//! The load client of `bench/alerts.sh`: holds thousands of live event streams
//! (`GET /api/v1/events`) open on a running server, reports incidents, and measures when
//! each stream hears of each one.
//!
//! ```sh
//! cargo run --release --example sse_alerts -- --server http://127.0.0.1:18091 \
//!     --tokens bench/work/alert-tokens.txt --clients 10000 --reports 5 --server-pid PID
//! ```
//!
//! The first `--clients` tokens of the file listen, the next `--reports` report one incident
//! each (each from a different member, so the per-member limit is never in the way). Every
//! listener must be in the reach of every reporter's committee (`bench/alerts.sh` seeds such
//! a network). For every alert it reports the latency from the reporter's acknowledgement
//! (the `201` status line read) to the moment the stream's read returned the event, and from
//! the moment the request was sent. Client time counts as latency: an event that waits for
//! the client's own event loop is measured late, never early.
//!
//! Loopback only: the server address must be a loopback address.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use tokio::sync::{Semaphore, mpsc};

type Http = Client<HttpConnector, Full<Bytes>>;
type Failure = Box<dyn std::error::Error + Send + Sync>;

#[derive(Parser)]
struct Args {
    /// The server, on a loopback address, such as `127.0.0.1:18091`.
    #[arg(long)]
    server: SocketAddr,
    /// Bearer tokens, one a line (`outnumber admin seed --tokens-out`).
    #[arg(long)]
    tokens: PathBuf,
    /// Live streams to hold open.
    #[arg(long, default_value_t = 10_000)]
    clients: usize,
    /// Incidents to report, one per reporter, one after another.
    #[arg(long, default_value_t = 5)]
    reports: usize,
    /// Pause between two reports, in milliseconds.
    #[arg(long, default_value_t = 3000)]
    spacing_ms: u64,
    /// How many streams may be connecting at once.
    #[arg(long, default_value_t = 200)]
    connecting: usize,
    /// The server's process id, to read its memory from /proc.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Worker threads of the client (1: a single-threaded event loop).
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

enum Heard {
    Ready,
    Alert { subject: String, at: Instant },
    Missed,
    Ended(String),
}

fn main() -> Result<(), Failure> {
    let args = Args::parse();
    if !args.server.ip().is_loopback() {
        return Err("the benchmark only ever targets a loopback address".into());
    }
    let runtime = if args.threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(args.threads)
            .enable_all()
            .build()?
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> Result<(), Failure> {
    let tokens: Vec<String> = std::fs::read_to_string(&args.tokens)?
        .lines()
        .map(str::to_owned)
        .collect();
    if tokens.len() < args.clients + args.reports {
        return Err(format!(
            "{} tokens, but {} listeners and {} reporters need one each",
            tokens.len(),
            args.clients,
            args.reports
        )
        .into());
    }
    let (listeners, reporters) = tokens.split_at(args.clients);
    let reporters = &reporters[..args.reports];
    let base = format!("http://{}", args.server);

    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    connector.set_connect_timeout(Some(Duration::from_secs(10)));
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(16)
        .build(connector);

    let idle = memory(args.server_pid);
    println!("server memory before connecting: {idle}");

    // Where each reporter reports: its first committee.
    let mut committees = Vec::new();
    for token in reporters {
        let me = json(&http, get(&base, "/api/v1/me", token)?).await?;
        let committee = me["memberships"][0]["committee_id"]
            .as_str()
            .ok_or("a reporter belongs to no committee")?
            .to_owned();
        committees.push(committee);
    }

    let started = Instant::now();
    let (heard, mut hearing) = mpsc::unbounded_channel();
    let connecting = Arc::new(Semaphore::new(args.connecting.max(1)));
    for token in listeners {
        let request = get(&base, "/api/v1/events", token)?;
        tokio::spawn(listen(
            http.clone(),
            request,
            heard.clone(),
            connecting.clone(),
        ));
    }
    drop(heard);

    let mut ready = 0;
    let mut arrivals: HashMap<String, Vec<Instant>> = HashMap::new();
    let mut ended = 0;
    let mut missed = 0;
    let mut note = |event: Heard,
                    ready: &mut usize,
                    arrivals: &mut HashMap<String, Vec<Instant>>| match event {
        Heard::Ready => *ready += 1,
        Heard::Alert { subject, at } => arrivals.entry(subject).or_default().push(at),
        Heard::Missed => missed += 1,
        Heard::Ended(why) => {
            if ended < 5 {
                eprintln!("a stream ended: {why}");
            }
            ended += 1;
        }
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(300);
    while ready < args.clients {
        match tokio::time::timeout_at(deadline, hearing.recv()).await {
            Ok(Some(event)) => note(event, &mut ready, &mut arrivals),
            Ok(None) | Err(_) => break,
        }
    }
    println!(
        "connected: {ready} of {} streams in {:.1?}",
        args.clients,
        started.elapsed()
    );
    if ready < args.clients {
        return Err("not every stream connected".into());
    }
    // Let the connections settle (the last `ready` events are still being written).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let holding = memory(args.server_pid);
    println!("server memory holding {ready} streams: {holding}");

    let mut samples = Vec::new();
    for (i, (token, committee)) in reporters.iter().zip(&committees).enumerate() {
        if i > 0 {
            tokio::time::sleep(Duration::from_millis(args.spacing_ms)).await;
        }
        let body = serde_json::json!({
            "kind": "raid",
            "summary": format!("Benchmark alert {i}: enforcement vehicles at the loading dock"),
            "location": "Loading dock, north gate",
            "urgency": "now",
        })
        .to_string();
        let request = Request::post(format!("{base}/api/v1/committees/{committee}/incidents"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(body)))?;
        let sent = Instant::now();
        let response = http.request(request).await?;
        let acknowledged = Instant::now();
        let status = response.status();
        let answer = response.into_body().collect().await?.to_bytes();
        if status != StatusCode::CREATED {
            return Err(
                format!("report {i}: {status}: {}", String::from_utf8_lossy(&answer)).into(),
            );
        }
        let incident = serde_json::from_slice::<Value>(&answer)?["id"]
            .as_str()
            .ok_or("the report's answer has no id")?
            .to_owned();
        let until = tokio::time::Instant::now() + Duration::from_secs(10);
        while arrivals.get(&incident).map_or(0, Vec::len) < args.clients {
            match tokio::time::timeout_at(until, hearing.recv()).await {
                Ok(Some(event)) => note(event, &mut ready, &mut arrivals),
                Ok(None) | Err(_) => break,
            }
        }
        let heard_at = arrivals.remove(&incident).unwrap_or_default();
        let sample = Sample {
            sent,
            acknowledged,
            heard_at,
        };
        println!(
            "alert {}: acknowledged after {:.1} ms; heard by {} of {}; from acknowledgement {}; from sending {}",
            i + 1,
            ms(acknowledged - sent),
            sample.heard_at.len(),
            args.clients,
            Stats::of(sample.from(acknowledged)),
            Stats::of(sample.from(sent)),
        );
        samples.push(sample);
    }

    let after = memory(args.server_pid);
    let heard: usize = samples.iter().map(|s| s.heard_at.len()).sum();
    let expected = args.clients * samples.len();
    let from_ack: Vec<f64> = samples
        .iter()
        .flat_map(|s| s.from(s.acknowledged))
        .collect();
    let from_sent: Vec<f64> = samples.iter().flat_map(|s| s.from(s.sent)).collect();
    let acks: Vec<f64> = samples
        .iter()
        .map(|s| ms(s.acknowledged - s.sent))
        .collect();
    println!();
    println!("alerts reported:                  {}", samples.len());
    println!("alerts heard:                     {heard} of {expected}");
    println!("streams ended or missed events:   {ended} ended, {missed} missed");
    println!("report acknowledged after:        {}", Stats::of(acks));
    println!("latency from acknowledgement:     {}", Stats::of(from_ack));
    println!("latency from sending the report:  {}", Stats::of(from_sent));
    println!("server memory idle:               {idle}");
    println!("server memory holding streams:    {holding}");
    println!("server memory after the alerts:   {after}");
    if heard < expected || ended > 0 {
        return Err("some alerts were not heard".into());
    }
    Ok(())
}

/// One stream: connects, reports `ready`, then every notification's subject with the time its
/// read returned.
async fn listen(
    http: Http,
    request: Request<Full<Bytes>>,
    heard: mpsc::UnboundedSender<Heard>,
    connecting: Arc<Semaphore>,
) {
    let permit = connecting.acquire_owned().await;
    let response = match http.request(request).await {
        Ok(response) if response.status() == StatusCode::OK => response,
        Ok(response) => {
            let _ = heard.send(Heard::Ended(format!("status {}", response.status())));
            return;
        }
        Err(e) => {
            let _ = heard.send(Heard::Ended(e.to_string()));
            return;
        }
    };
    let mut permit = Some(permit);
    let mut body = response.into_body();
    let mut pending = Vec::new();
    loop {
        let frame = match body.frame().await {
            Some(Ok(frame)) => frame,
            Some(Err(e)) => {
                let _ = heard.send(Heard::Ended(e.to_string()));
                return;
            }
            None => {
                let _ = heard.send(Heard::Ended("the server closed the stream".into()));
                return;
            }
        };
        let at = Instant::now();
        let Ok(data) = frame.into_data() else {
            continue;
        };
        pending.extend_from_slice(&data);
        while let Some(end) = find(&pending, b"\n\n") {
            let event: Vec<u8> = pending.drain(..end + 2).collect();
            let heard_now = match parse(&event) {
                Some(("ready", _)) => {
                    // Connected: let the next stream connect.
                    permit.take();
                    Heard::Ready
                }
                Some(("notification", data)) => {
                    match serde_json::from_str::<Value>(data)
                        .ok()
                        .and_then(|v| v["subject_id"].as_str().map(str::to_owned))
                    {
                        Some(subject) => Heard::Alert { subject, at },
                        None => continue,
                    }
                }
                Some(("missed", _)) => Heard::Missed,
                _ => continue,
            };
            if heard.send(heard_now).is_err() {
                return;
            }
        }
    }
}

/// The event name and data of one server-sent event; comments (keep-alives) have neither.
fn parse(event: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(event).ok()?;
    let mut name = None;
    let mut data = "";
    for line in text.lines() {
        if let Some(value) = line.strip_prefix("event:") {
            name = Some(value.trim_start());
        } else if let Some(value) = line.strip_prefix("data:") {
            data = value.trim_start();
        }
    }
    name.map(|name| (name, data))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn get(base: &str, path: &str, token: &str) -> Result<Request<Full<Bytes>>, Failure> {
    Ok(Request::get(format!("{base}{path}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Full::new(Bytes::new()))?)
}

async fn json(http: &Http, request: Request<Full<Bytes>>) -> Result<Value, Failure> {
    let response = http.request(request).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    if !status.is_success() {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&body)).into());
    }
    Ok(serde_json::from_slice(&body)?)
}

struct Sample {
    sent: Instant,
    acknowledged: Instant,
    heard_at: Vec<Instant>,
}

impl Sample {
    /// Milliseconds from `start` to each arrival; an event read before the acknowledgement
    /// (the server publishes right after its commit, as it answers) counts as 0.
    fn from(&self, start: Instant) -> Vec<f64> {
        self.heard_at
            .iter()
            .map(|at| ms(at.saturating_duration_since(start)))
            .collect()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Stats(Vec<f64>);

impl Stats {
    fn of(mut values: Vec<f64>) -> Self {
        values.sort_by(f64::total_cmp);
        Stats(values)
    }

    fn percentile(&self, p: f64) -> f64 {
        let rank = ((p / 100.0) * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return write!(f, "no samples");
        }
        write!(
            f,
            "min {:.1} ms, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            self.0[0],
            self.percentile(50.0),
            self.percentile(95.0),
            self.percentile(99.0),
            self.percentile(100.0)
        )
    }
}

/// The server's resident memory now and at its peak, from /proc.
fn memory(pid: Option<u32>) -> String {
    let Some(pid) = pid else {
        return "unknown (no --server-pid)".into();
    };
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return "unknown (no such process)".into();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or_else(|| "?".to_owned(), |kb| format!("{} MB", kb / 1024))
    };
    format!("{} resident, peak {}", field("VmRSS:"), field("VmHWM:"))
}
