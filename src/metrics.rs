//! What the server counts for its operator, rendered in the Prometheus text format at
//! `/metrics` (served by `web::observe` only with `--metrics-token`).
//!
//! A registry per server (`App::metrics`), not a process-wide one: the tests run many
//! servers in one process, and each must count its own. Labels are only ever fixed words
//! and route patterns (`/api/v1/invites/{code}/accept`), never a path as requested, an
//! account, an address or anything a member typed, so nothing scraped names anyone.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::app::App;

/// The `Content-Type` of what [`render`] returns.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: &'static str,
    pub route: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: &'static str,
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StreamLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct DeliveryLabels {
    pub channel: String,
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FanoutLabels {
    pub of: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PoolLabels {
    pub pool: &'static str,
    pub state: &'static str,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub request_seconds: HistogramFamily<RouteLabels>,
    pub open_streams: Family<StreamLabels, Gauge>,
    /// How many pledges and withdrawals each of the action writer's transactions carried;
    /// its count is the number of batches.
    pub pledge_batch_size: Histogram,
    pub deliveries: Family<DeliveryLabels, Counter>,
    deliveries_queued: Gauge,
    fanouts_queued: Family<FanoutLabels, Gauge>,
    db_connections: Family<PoolLabels, Gauge>,
}

fn latency_histogram() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("outnumber");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by method, route pattern and status",
            requests.clone(),
        );
        let request_seconds: HistogramFamily<RouteLabels> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time from a request's arrival to its response's headers, by method and route pattern",
            request_seconds.clone(),
        );
        let open_streams = Family::<StreamLabels, Gauge>::default();
        registry.register(
            "open_streams",
            "Server-sent event streams open now, by route pattern",
            open_streams.clone(),
        );
        // 1 to 4,096, the writer's largest batch.
        let pledge_batch_size = Histogram::new(exponential_buckets(1.0, 4.0, 7));
        registry.register(
            "pledge_batch_size",
            "Pledges and withdrawals written per transaction of the action writer",
            pledge_batch_size.clone(),
        );
        let deliveries = Family::<DeliveryLabels, Counter>::default();
        registry.register(
            "deliveries",
            "Push and e-mail sends, by channel and outcome (sent, retry, given_up, gone)",
            deliveries.clone(),
        );
        let deliveries_queued = Gauge::default();
        registry.register(
            "deliveries_queued",
            "Pushes and e-mails waiting in the queue (in the database, for every server)",
            deliveries_queued.clone(),
        );
        let fanouts_queued = Family::<FanoutLabels, Gauge>::default();
        registry.register(
            "fanouts_queued",
            "Fan-outs of notifications not yet written to every inbox, by what they announce",
            fanouts_queued.clone(),
        );
        let db_connections = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_connections",
            "Database connections of this server, by pool and state (idle, in_use, max)",
            db_connections.clone(),
        );
        Metrics {
            registry,
            requests,
            request_seconds,
            open_streams,
            pledge_batch_size,
            deliveries,
            deliveries_queued,
            fanouts_queued,
            db_connections,
        }
    }
}

impl Metrics {
    /// Counts one push or e-mail send's outcome.
    pub fn delivered(&self, channel: &str, outcome: &'static str) {
        self.deliveries
            .get_or_create(&DeliveryLabels {
                channel: channel.to_owned(),
                outcome,
            })
            .inc();
    }
}

/// Reads what is counted only when asked (the queues in the database, the pools), then
/// renders everything. A queue that cannot be counted keeps its last value and says so in
/// the log: the scrape still answers, with the rest.
pub async fn render(app: &App) -> String {
    let metrics = &app.metrics;
    let pool = app.db.pool();
    match crate::delivery::store::queued(pool).await {
        Ok(queued) => {
            metrics.deliveries_queued.set(queued);
        }
        Err(err) => tracing::warn!(error = %err, "metrics: cannot count the delivery queue"),
    }
    let fanouts = [
        ("action", crate::actions::store::fanouts_queued(pool).await),
        (
            "bulletin",
            crate::bulletins::store::fanouts_queued(pool).await,
        ),
    ];
    for (of, queued) in fanouts {
        match queued {
            Ok(queued) => {
                metrics
                    .fanouts_queued
                    .get_or_create(&FanoutLabels { of })
                    .set(queued);
            }
            Err(err) => tracing::warn!(error = %err, "metrics: cannot count the fan-outs"),
        }
    }
    for used in app.db.pool_use() {
        for (state, value) in [
            ("idle", used.idle),
            ("in_use", used.size.saturating_sub(used.idle)),
            ("max", used.max),
        ] {
            metrics
                .db_connections
                .get_or_create(&PoolLabels {
                    pool: used.pool,
                    state,
                })
                .set(i64::from(value));
        }
    }
    let mut text = String::new();
    if let Err(err) =
        prometheus_client::encoding::prometheus_text::encode(&mut text, &metrics.registry)
    {
        tracing::error!(error = %err, "metrics: cannot render");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_render_with_their_route_pattern_and_latency_buckets() {
        let metrics = Metrics::default();
        let route = "/api/v1/committees/{id}".to_owned();
        metrics
            .requests
            .get_or_create(&RequestLabels {
                method: "GET",
                route: route.clone(),
                status: 404,
            })
            .inc();
        metrics
            .request_seconds
            .get_or_create(&RouteLabels {
                method: "GET",
                route,
            })
            .observe(0.003);
        metrics.pledge_batch_size.observe(17.0);
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &metrics.registry)
            .expect("renders");
        assert!(
            text.contains(
                r#"outnumber_http_requests_total{method="GET",route="/api/v1/committees/{id}",status="404"} 1"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"outnumber_http_request_duration_seconds_bucket{le="0.004",method="GET",route="/api/v1/committees/{id}"} 1"#)
                || text.contains(r#"outnumber_http_request_duration_seconds_bucket{method="GET",route="/api/v1/committees/{id}",le="0.004"} 1"#),
            "{text}"
        );
        assert!(
            text.contains("outnumber_pledge_batch_size_count 1"),
            "{text}"
        );
        assert!(
            text.contains("outnumber_pledge_batch_size_sum 17"),
            "{text}"
        );
    }
}
