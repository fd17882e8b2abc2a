//! Behind a reverse proxy (`--trusted-proxy`): requests from the proxy count against the
//! client its `X-Forwarded-For` names, so one client guessing passwords does not block the
//! others; without the flag the header is the client's word and counts for nothing.

use outnumber::web::forwarded::TrustedProxies;
use reqwest::StatusCode;
use serde_json::json;

use crate::both;
use crate::common::{Backend, TestApp};

both!(
    clients_behind_a_trusted_proxy_have_limits_of_their_own,
    forwarding_headers_count_for_nothing_without_a_trusted_proxy,
);

async fn spawn_behind_proxy(backend: Backend) -> Option<TestApp> {
    TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.trusted_proxies = TrustedProxies::new(vec![
            TrustedProxies::parse_range("127.0.0.1/32").expect("range"),
        ]);
    })
    .await
}

/// Wrong passwords for `handle` as the client `forwarded_for` until refused; how many were
/// answered first.
async fn guesses_until_refused(app: &TestApp, handle: &str, forwarded_for: &str) -> usize {
    for n in 0..20 {
        let status = wrong_password(app, handle, forwarded_for).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            return n;
        }
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guess {n}");
    }
    panic!("twenty guesses at {handle} as {forwarded_for} were all answered");
}

async fn wrong_password(app: &TestApp, handle: &str, forwarded_for: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/sessions"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "handle": handle, "password": "wrong guess" }))
        .send()
        .await
        .expect("sent")
        .status()
}

async fn clients_behind_a_trusted_proxy_have_limits_of_their_own(app: TestApp) {
    // `both!` hands over a server without the flag; this test needs its own.
    let backend = app.backend;
    drop(app);
    let Some(app) = spawn_behind_proxy(backend).await else {
        return;
    };
    app.register("rosa").await;
    let answered = guesses_until_refused(&app, "rosa", "203.0.113.9").await;
    assert!(answered <= 10, "{answered} guesses before the refusal");
    // Another worker behind the same proxy tries Rosa's handle and is answered, and Rosa
    // herself logs in.
    assert_eq!(
        wrong_password(&app, "rosa", "198.51.100.4").await,
        StatusCode::UNAUTHORIZED
    );
    let response = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("x-forwarded-for", "192.0.2.1")
        .json(&json!({ "handle": "rosa", "password": "correct horse battery" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    // The guesser stays refused, whatever address it puts left of the one the proxy wrote.
    assert_eq!(
        wrong_password(&app, "rosa", "192.0.2.1, 203.0.113.9").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

async fn forwarding_headers_count_for_nothing_without_a_trusted_proxy(app: TestApp) {
    app.register("rosa").await;
    let answered = guesses_until_refused(&app, "rosa", "203.0.113.9").await;
    assert!(answered <= 10, "{answered} guesses before the refusal");
    // Naming another address changes nothing: the connection's address is what counts.
    assert_eq!(
        wrong_password(&app, "rosa", "198.51.100.4").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
