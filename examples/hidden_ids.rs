//! The load client of `bench/hidden.sh`: does a hidden id answer any differently, or in any
//! different time, than an id that names nothing?
//!
//! ```sh
//! cargo run --release --example hidden_ids -- --server 127.0.0.1:18092 --pairs 2000
//! ```
//!
//! On a running server with open registration, it makes a world through the API: an owner
//! with a workplace committee, a council it is affiliated to, and in the workplace a motion,
//! a meeting, a demand, an action, an incident and a bulletin; and an outsider with a
//! committee of their own. Then, for each kind, the outsider asks for the hidden object and
//! for a made-up id of the same form, alternately and in a random order within each pair,
//! over one kept-alive connection, one request at a time (`--pairs` pairs after `--warmup`).
//! Each made-up id is fresh, as a prober's would be; the hidden id is the same every time.
//! It prints, per route, the median and 90th percentile of each and their differences, and
//! fails if any answer (status or body) of a hidden id differed from a made-up one's.
//!
//! Latency is measured by the client, from sending the request to the end of the body. Loopback
//! only: the server address must be a loopback address.

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Bytes;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use outnumber::core::Id;
use serde_json::{Value, json};

type Http = Client<HttpConnector, Full<Bytes>>;
type Failure = Box<dyn std::error::Error + Send + Sync>;

#[derive(Parser)]
struct Args {
    /// The server, on a loopback address, such as `127.0.0.1:18092`; it must run with
    /// `--open-registration`.
    #[arg(long)]
    server: SocketAddr,
    /// Pairs of requests (one hidden, one made up) measured per route.
    #[arg(long, default_value_t = 2000)]
    pairs: usize,
    /// Pairs sent first and not measured.
    #[arg(long, default_value_t = 200)]
    warmup: usize,
}

fn main() -> Result<(), Failure> {
    let args = Args::parse();
    if !args.server.ip().is_loopback() {
        return Err("the benchmark only ever targets a loopback address".into());
    }
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run(args))
}

struct Api {
    http: Http,
    base: String,
}

impl Api {
    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<(StatusCode, Bytes), Failure> {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(body) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Bytes::from(body.to_string())
            }
            None => Bytes::new(),
        };
        let response = self.http.request(request.body(Full::new(body))?).await?;
        let status = response.status();
        Ok((status, response.into_body().collect().await?.to_bytes()))
    }

    /// A call that must succeed; its JSON answer.
    async fn ok(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> Result<Value, Failure> {
        let (status, answer) = self.call(method, path, token, Some(body)).await?;
        if !status.is_success() {
            return Err(format!(
                "{method} {path}: {status}: {}",
                String::from_utf8_lossy(&answer)
            )
            .into());
        }
        Ok(serde_json::from_slice(&answer)?)
    }

    async fn account(&self, handle: &str) -> Result<String, Failure> {
        let credentials = json!({ "handle": handle, "password": "correct horse battery" });
        self.ok("POST", "/api/v1/accounts", None, credentials.clone())
            .await?;
        let session = self
            .ok("POST", "/api/v1/sessions", None, credentials)
            .await?;
        text(&session["token"])
    }
}

fn text(value: &Value) -> Result<String, Failure> {
    Ok(value.as_str().ok_or("expected a string")?.to_owned())
}

fn in_hours(hours: i64) -> String {
    outnumber::core::Timestamp::now()
        .plus_hours(hours)
        .rfc3339()
}

async fn run(args: Args) -> Result<(), Failure> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(1)
        .build(connector);
    let api = Api {
        http,
        base: format!("http://{}", args.server),
    };

    // Handles must be new on every run against the same server.
    let run = Id::random().to_string();
    let owner = api.account(&format!("owner{}", &run[..8])).await?;
    let outsider = api.account(&format!("outsider{}", &run[..8])).await?;
    let own = Some(owner.as_str());
    let made = |path: String, body: Value| {
        let api = &api;
        async move {
            let answer = api.ok("POST", &path, own, body).await?;
            text(&answer["id"])
        }
    };
    let workplace = made(
        "/api/v1/committees".into(),
        json!({ "name": "Hidden depot", "kind": "workplace", "workplace_type": "depot",
                "industry": "logistics", "region": "Minneapolis" }),
    )
    .await?;
    let council = made(
        "/api/v1/committees".into(),
        json!({ "name": "Hidden council", "kind": "council", "region": "Minneapolis" }),
    )
    .await?;
    let code = api
        .ok(
            "POST",
            &format!("/api/v1/committees/{council}/invites"),
            own,
            json!({ "kind": "affiliation" }),
        )
        .await?;
    api.ok(
        "POST",
        &format!("/api/v1/committees/{workplace}/affiliations"),
        own,
        json!({ "code": code["code"] }),
    )
    .await?;
    let outsiders = api
        .ok(
            "POST",
            "/api/v1/committees",
            Some(&outsider),
            json!({ "name": "Elsewhere", "kind": "workplace", "workplace_type": "office",
                    "industry": "logistics", "region": "Saint Paul" }),
        )
        .await?;
    drop(outsiders);
    let within = |what: &str| format!("/api/v1/committees/{workplace}/{what}");
    let motion = made(
        within("motions"),
        json!({ "kind": "decision", "title": "Refuse overtime", "ballot": "secret",
                "closes_at": in_hours(48) }),
    )
    .await?;
    let meeting = made(
        within("meetings"),
        json!({ "title": "Shift meeting", "starts_at": in_hours(30), "location": "Union hall",
                "agenda": ["Heat"] }),
    )
    .await?;
    let demand = made(
        within("demands"),
        json!({ "title": "Heat breaks", "body": "Every hour above 30°C." }),
    )
    .await?;
    let action = made(
        within("actions"),
        json!({ "title": "Walkout", "kind": "walkout", "starts_at": in_hours(24 * 7),
                "threshold": { "pledges": 50 } }),
    )
    .await?;
    let incident = made(
        within("incidents"),
        json!({ "kind": "staging", "summary": "Vans by the gate", "location": "Gate 3",
                "urgency": "info" }),
    )
    .await?;
    let bulletin = made(
        within("bulletins"),
        json!({ "title": "Inside news", "body": "For members only.", "audience": "members" }),
    )
    .await?;

    let routes = [
        (
            "GET /api/v1/committees/{id} (workplace)",
            "/api/v1/committees/",
            workplace,
        ),
        (
            "GET /api/v1/committees/{id} (council)",
            "/api/v1/committees/",
            council,
        ),
        ("GET /api/v1/motions/{id}", "/api/v1/motions/", motion),
        ("GET /api/v1/meetings/{id}", "/api/v1/meetings/", meeting),
        ("GET /api/v1/demands/{id}", "/api/v1/demands/", demand),
        ("GET /api/v1/actions/{id}", "/api/v1/actions/", action),
        ("GET /api/v1/incidents/{id}", "/api/v1/incidents/", incident),
        ("GET /api/v1/bulletins/{id}", "/api/v1/bulletins/", bulletin),
    ];

    println!(
        "{} pairs per route after {} unmeasured; microseconds, measured by the client",
        args.pairs, args.warmup
    );
    println!();
    println!(
        "| route | hidden p50 | made-up p50 | Δ p50 | hidden p90 | made-up p90 | Δ p90 | answers differ |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut differing = 0;
    for (name, prefix, hidden) in routes {
        let mut hidden_times = Vec::with_capacity(args.pairs);
        let mut made_up_times = Vec::with_capacity(args.pairs);
        let mut differs = 0;
        for i in 0..args.warmup + args.pairs {
            let made_up = Id::random().to_string();
            // Which goes first alternates at random, so neither gains from a warm cache.
            let hidden_first = Id::random().get() % 2 == 0;
            let order = if hidden_first {
                [hidden.as_str(), made_up.as_str()]
            } else {
                [made_up.as_str(), hidden.as_str()]
            };
            let mut answers = Vec::with_capacity(2);
            for id in order {
                let path = format!("{prefix}{id}");
                let started = Instant::now();
                let (status, body) = api.call("GET", &path, Some(&outsider), None).await?;
                let took = started.elapsed();
                // The body may only differ by the id the caller sent.
                let body = String::from_utf8_lossy(&body).replace(id, "{id}");
                answers.push((id == hidden, took, status, body));
            }
            if answers[0].2 != answers[1].2 || answers[0].3 != answers[1].3 {
                differs += 1;
                if differs == 1 {
                    eprintln!("{name}: answers differ: {answers:?}");
                }
            }
            if i < args.warmup {
                continue;
            }
            for (is_hidden, took, _, _) in answers {
                let micros = took.as_secs_f64() * 1e6;
                if is_hidden {
                    hidden_times.push(micros);
                } else {
                    made_up_times.push(micros);
                }
            }
        }
        differing += differs;
        let hidden_stats = Stats::of(hidden_times);
        let made_up_stats = Stats::of(made_up_times);
        let (h50, m50) = (
            hidden_stats.percentile(50.0),
            made_up_stats.percentile(50.0),
        );
        let (h90, m90) = (
            hidden_stats.percentile(90.0),
            made_up_stats.percentile(90.0),
        );
        println!(
            "| `{name}` | {h50:.0} | {m50:.0} | {:+.0} | {h90:.0} | {m90:.0} | {:+.0} | {differs} |",
            h50 - m50,
            h90 - m90
        );
    }
    if differing > 0 {
        return Err(format!("{differing} pairs of answers differed").into());
    }
    Ok(())
}

struct Stats(Vec<f64>);

impl Stats {
    fn of(mut values: Vec<f64>) -> Self {
        values.sort_by(f64::total_cmp);
        Stats(values)
    }

    fn percentile(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
}
