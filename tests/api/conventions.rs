//! What other programs look for at fixed addresses: `robots.txt` keeps crawlers to the
//! public pages; `/.well-known/security.txt` (RFC 9116) says where to report a
//! vulnerability once the operator has said where, and is absent until then.

use outnumber::core::Timestamp;
use reqwest::StatusCode;

use crate::both;
use crate::common::TestApp;

both!(
    robots_keep_crawlers_to_the_public_pages,
    security_txt_names_the_operators_contact,
);

async fn text(app: &TestApp, path: &str) -> (StatusCode, Option<String>, String) {
    let response = app.client.get(app.url(path)).send().await.expect("sent");
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, kind, response.text().await.unwrap_or_default())
}

async fn robots_keep_crawlers_to_the_public_pages(app: TestApp) {
    let (status, kind, robots) = text(&app, "/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/plain; charset=utf-8"));
    let lines: Vec<&str> = robots.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    assert!(lines.contains(&"Allow: /public/"), "{robots}");
    assert!(
        lines.contains(&"Disallow: /"),
        "the rest is kept out: {robots}"
    );
}

async fn security_txt_names_the_operators_contact(app: TestApp) {
    let (status, _, _) = text(&app, "/.well-known/security.txt").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no contact, no security.txt");

    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |config| {
        config.security_contact = Some("mailto:security@union.example".into());
    })
    .await
    .expect("a server with a security contact");
    let (status, kind, body) = text(&app, "/.well-known/security.txt").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(kind.as_deref(), Some("text/plain; charset=utf-8"));
    let field = |name: &str| {
        body.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in {body}"))
            .to_owned()
    };
    assert_eq!(field("Contact"), "mailto:security@union.example");
    assert_eq!(
        field("Canonical"),
        app.url("/.well-known/security.txt"),
        "{body}"
    );
    // RFC 9116: an expiry in the future, less than a year away.
    let expires = Timestamp::parse_rfc3339(&field("Expires")).expect("an RFC 3339 time");
    let now = Timestamp::now();
    assert!(expires.millis() > now.millis(), "{body}");
    assert!(
        expires.millis() < now.plus_hours(24 * 365).millis(),
        "{body}"
    );
}
