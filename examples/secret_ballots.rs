//! The load client of `bench/ballots.sh`: every member of one large committee casts a
//! secret ballot on one motion, many at once, and the client measures how long each ballot
//! takes to be acknowledged and how many the server counts per second.
//!
//! ```sh
//! cargo run --release --example secret_ballots -- --server 127.0.0.1:18092 \
//!     --tokens bench/work/ballot-tokens-sqlite.txt --voters 2000 --concurrency 64
//! ```
//!
//! The first token's account moves the motion in its first committee; every voter must be
//! a member of that committee (`bench/ballots.sh` seeds one workplace holding everyone).
//! Loopback only: the server address must be a loopback address.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

type Failure = Box<dyn std::error::Error + Send + Sync>;

#[derive(Parser)]
struct Args {
    /// The server, on a loopback address, such as `127.0.0.1:18092`.
    #[arg(long)]
    server: SocketAddr,
    /// Bearer tokens, one a line (`outnumber admin seed --tokens-out`).
    #[arg(long)]
    tokens: PathBuf,
    /// Members who vote, one ballot each.
    #[arg(long, default_value_t = 2000)]
    voters: usize,
    /// Ballots in flight at once.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args = Args::parse();
    if !args.server.ip().is_loopback() {
        return Err("the benchmark only ever targets a loopback address".into());
    }
    let tokens: Vec<String> = std::fs::read_to_string(&args.tokens)?
        .lines()
        .map(str::to_owned)
        .take(args.voters)
        .collect();
    if tokens.len() < args.voters {
        return Err(format!("only {} tokens in {}", tokens.len(), args.tokens.display()).into());
    }
    let first = tokens[0].clone();
    let base = format!("http://{}/api/v1", args.server);
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(args.concurrency)
        .build()?;

    let me: Value = client
        .get(format!("{base}/me"))
        .bearer_auth(&tokens[0])
        .send()
        .await?
        .json()
        .await?;
    let committee = me["memberships"][0]["committee_id"]
        .as_str()
        .ok_or("the first account is in no committee")?
        .to_owned();
    let closes_at = time_in(3600);
    let motion: Value = client
        .post(format!("{base}/committees/{committee}/motions"))
        .bearer_auth(&tokens[0])
        .json(
            &json!({ "kind": "decision", "title": "Strike vote", "ballot": "secret",
                        "closes_at": closes_at }),
        )
        .send()
        .await?
        .json()
        .await?;
    let motion = motion["id"].as_str().ok_or("no motion")?.to_owned();

    let slots = Arc::new(Semaphore::new(args.concurrency));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.into_iter().enumerate() {
        let (client, slots, url) = (
            client.clone(),
            slots.clone(),
            format!("{base}/motions/{motion}/ballots"),
        );
        tasks.push(tokio::spawn(async move {
            let _slot = slots.acquire_owned().await.ok()?;
            let choice = ["yes", "no", "abstain"][i % 3];
            let sent = Instant::now();
            let status = client
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "choice": choice }))
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0);
            Some((status, sent.elapsed()))
        }));
    }
    let mut latencies = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for task in tasks {
        if let Some((status, took)) = task.await? {
            *statuses.entry(status).or_default() += 1;
            if status == 201 {
                latencies.push(took);
            }
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let seen: Value = client
        .get(format!("{base}/motions/{motion}"))
        .bearer_auth(&first)
        .send()
        .await?
        .json()
        .await?;
    println!(
        "{} ballots acknowledged in {:.1} s: {:.0} ballots/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50),
        at(0.90),
        at(0.99),
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    );
    println!("answers by status: {statuses:?}");
    println!(
        "the motion's turnout: {} (uncounted {})",
        seen["turnout"], seen["uncounted"]
    );
    Ok(())
}

/// RFC 3339, `secs` from now.
fn time_in(secs: i64) -> String {
    outnumber::core::Timestamp::now()
        .plus_millis(secs * 1000)
        .rfc3339()
}
