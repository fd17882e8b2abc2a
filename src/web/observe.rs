//! What the operator sees of the requests: one log line and the metrics of each, and
//! `/metrics` itself.
//!
//! A request is named by its route pattern (`/api/v1/invites/{code}/accept`), never by its
//! path as sent: paths carry ids, invite codes and calendar tokens. A request no route
//! matched is `unmatched`. Neither the log nor the metrics hold the peer's address, the user
//! agent, the query string or any other header.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use prometheus_client::metrics::gauge::Gauge;
use sha2::{Digest, Sha256};

use crate::app::App;
use crate::metrics::{RequestLabels, RouteLabels, StreamLabels};

/// Where request lines are logged, so they can be filtered alone
/// (`OUTNUMBER_LOG=info,outnumber::request=warn`).
pub const REQUEST_TARGET: &str = "outnumber::request";

/// The layer around every route: counts, times and logs each request.
pub async fn requests(State(app): State<App>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let metrics = &app.metrics;
    metrics
        .requests
        .get_or_create(&RequestLabels {
            method,
            route: route.clone(),
            status,
        })
        .inc();
    metrics
        .request_seconds
        .get_or_create(&RouteLabels {
            method,
            route: route.clone(),
        })
        .observe(elapsed.as_secs_f64());
    let ms = (elapsed.as_secs_f64() * 10_000.0).round() / 10.0;
    tracing::info!(target: REQUEST_TARGET, method, route = %route, status, ms, "request");
    if is_event_stream(&response) {
        let open = OpenStream::new(
            metrics
                .open_streams
                .get_or_create_owned(&StreamLabels { route }),
        );
        return response.map(|body| {
            Body::from_stream(body.into_data_stream().map(move |chunk| {
                let _counted_while_open = &open;
                chunk
            }))
        });
    }
    response
}

/// A method as a label: the standard ones by name, anything else as `other`, so that a
/// client cannot add labels by inventing methods.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn is_event_stream(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"))
}

/// Counts a stream as open until its body is dropped (the client left, or the stream ended).
struct OpenStream(Gauge);

impl OpenStream {
    fn new(gauge: Gauge) -> Self {
        gauge.inc();
        OpenStream(gauge)
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// `GET /metrics`: the Prometheus text, for a bearer of `--metrics-token`; 404 for anyone
/// else and when no token is set, as if there were nothing here.
pub async fn metrics(State(app): State<App>, headers: HeaderMap) -> Response {
    let Some(expected) = app.config.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Comparing digests: how long a comparison takes tells at most how much of the digest
    // matched, which says nothing about the token itself.
    if Sha256::digest(given.as_bytes()) != Sha256::digest(expected.as_bytes()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        crate::metrics::render(&app).await,
    )
        .into_response()
}

/// The shortest `--metrics-token` accepted: long enough that guessing it is hopeless.
pub const METRICS_TOKEN_MIN: usize = 16;
