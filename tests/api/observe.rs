//! What an operator sees: `/metrics` behind its token, named by route patterns, and the
//! version in `/healthz`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::common::{Backend, TestApp};

both!(
    metrics_are_not_served_without_a_token,
    metrics_answer_only_the_token_and_name_routes_not_paths,
    healthz_tells_the_version,
);

const TOKEN: &str = "scrape-me-0123456789abcdef";

async fn metrics(app: &TestApp, bearer: Option<&str>) -> (StatusCode, Option<String>, String) {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    let response = request.send().await.expect("sent");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, content_type, response.text().await.expect("body"))
}

async fn metrics_are_not_served_without_a_token(app: TestApp) {
    for bearer in [None, Some(TOKEN), Some("")] {
        let (status, _, body) = metrics(&app, bearer).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bearer:?}: {body}");
        assert!(!body.contains("outnumber_"), "{body}");
    }
}

async fn with_token(app: TestApp) -> TestApp {
    let backend = app.backend;
    drop(app);
    TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.metrics_token = Some(TOKEN.into());
    })
    .await
    .unwrap_or_else(|| panic!("{backend:?} answered a moment ago"))
}

async fn metrics_answer_only_the_token_and_name_routes_not_paths(app: TestApp) {
    let app = with_token(app).await;
    for bearer in [None, Some("scrape-me-0123456789abcdeX"), Some("")] {
        let (status, _, body) = metrics(&app, bearer).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bearer:?}: {body}");
    }

    let rosa = app.register_with("rosa", None).await;
    let depot = app.workplace(&rosa, "Depot A").await;
    let (status, _) = app
        .get(&format!("/api/v1/committees/{depot}"), &rosa.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let invite = "NOSUCHINVITECODE42";
    let (status, _) = app
        .post(
            &format!("/api/v1/invites/{invite}/accept"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert!(status.is_client_error(), "{status}");
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Walkout", "kind": "walkout",
                    "starts_at": outnumber::core::Timestamp::now().plus_hours(48).rfc3339(),
                    "threshold": { "pledges": 5 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let action = action["id"].as_str().expect("id").to_owned();
    let (status, body) = app
        .post(
            &format!("/api/v1/actions/{action}/pledges"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let stream = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&rosa.token)
        .send()
        .await
        .expect("stream opens");
    assert_eq!(stream.status(), StatusCode::OK);

    let (status, content_type, text) = metrics(&app, Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(
        content_type
            .as_deref()
            .is_some_and(|c| c.starts_with("text/plain; version=0.0.4")),
        "{content_type:?}"
    );
    for wanted in [
        r#"outnumber_http_requests_total{method="GET",route="/api/v1/committees/{id}",status="200"} 1"#,
        r#"route="/api/v1/invites/{code}/accept",status="#,
        r#"outnumber_http_request_duration_seconds_bucket{"#,
        r#"outnumber_open_streams{route="/api/v1/events"} 1"#,
        "outnumber_pledge_batch_size_count 1",
        "outnumber_deliveries_queued ",
        r#"outnumber_fanouts_queued{of="action"} "#,
        r#"outnumber_fanouts_queued{of="bulletin"} "#,
        r#"outnumber_db_connections{"#,
    ] {
        assert!(text.contains(wanted), "no {wanted} in\n{text}");
    }
    let pools = if app.backend == Backend::Sqlite {
        vec!["read", "write"]
    } else {
        vec!["shared"]
    };
    for pool in pools {
        assert!(
            text.contains(&format!(r#"pool="{pool}",state="max"}}"#)),
            "{pool}: {text}"
        );
    }
    // Paths as requested carry ids and codes; the metrics never do.
    for secret in [depot.as_str(), action.as_str(), invite, "rosa"] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }

    // The stream counts as open only while it is.
    drop(stream);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let (_, _, text) = metrics(&app, Some(TOKEN)).await;
        if text.contains(r#"outnumber_open_streams{route="/api/v1/events"} 0"#) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the closed stream still counts:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn healthz_tells_the_version(app: TestApp) {
    let response = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"), "{body}");
}
