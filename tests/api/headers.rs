//! Security headers on every answer: each route the router names outside the API (found by
//! reading `src/`, so a new page without a line here fails the test), signed in and not,
//! and API answers, carry a Content-Security-Policy without inline script, `nosniff`,
//! `frame-ancestors 'none'` (except the public action counter, made to be embedded) and
//! `Referrer-Policy: no-referrer`; and no page holds inline script, style or handlers.

use std::collections::BTreeSet;
use std::path::Path;

use outnumber::core::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::TestApp;
use crate::pages::Browser;

both!(
    every_page_and_api_answer_carries_the_security_headers,
    https_servers_ask_browsers_to_stay_on_https,
);

/// Every name and title in the walk carries this, and every body the Markdown below: no
/// page may turn either into live HTML.
const EVIL: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";
const EVIL_MARKDOWN: &str = "Hi <script>alert(3)</script> <iframe src=\"https://evil.example\"></iframe>\n\n\
     [click](javascript:alert(4)) <a href=\"javascript:alert(5)\">x</a> ![p](https://evil.example/p.png)";

/// Every `.route("…")` literal in the source.
pub(crate) fn routes_in_source() -> BTreeSet<String> {
    fn walk(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                for piece in text.split(".route(").skip(1) {
                    let piece = piece.trim_start();
                    if let Some(rest) = piece.strip_prefix('"') {
                        found.insert(rest.split('"').next().unwrap_or("").to_owned());
                    }
                }
            }
        }
    }
    let mut found = BTreeSet::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    found
}

fn check(method: &Method, path: &str, response: &reqwest::Response, who: &str) {
    let headers = response.headers();
    let status = response.status();
    let what = format!("{method} {path} as {who} ({status})");
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: no {name}"))
            .to_owned()
    };
    let csp = get("content-security-policy");
    assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-eval"), "{what}: {csp}");
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(get("referrer-policy"), "no-referrer", "{what}");
    // Only the public counter's API may be read by other sites' scripts.
    let cors = headers.get("access-control-allow-origin");
    if path.starts_with("/api/v1/public/actions/") && status == StatusCode::OK {
        assert_eq!(cors.and_then(|v| v.to_str().ok()), Some("*"), "{what}");
    } else {
        assert!(cors.is_none(), "{what}: CORS outside the public counter");
    }
    let embeddable = path.starts_with("/public/actions/") && status == StatusCode::OK;
    if embeddable {
        assert!(!csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert!(headers.get("x-frame-options").is_none(), "{what}");
    } else {
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert_eq!(get("x-frame-options"), "DENY", "{what}");
    }
}

/// No inline script, style or event handler in a page's tags, no frame, no script link and
/// no image from elsewhere (escaped text, `&lt;img …`, holds no tag and passes).
fn check_page(path: &str, page: &str) {
    for tag in page.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if name == "script" {
            assert!(tag.contains("src="), "{path}: inline script <{tag}>");
        }
        assert!(
            !["style", "iframe", "object", "embed"].contains(&name.as_str()),
            "{path}: <{tag}>"
        );
        let lower = tag.to_ascii_lowercase();
        // The attribute names, without their (escaped) values.
        let names: String = lower.split('"').step_by(2).collect();
        for attribute in [
            " style=",
            " onclick=",
            " onload=",
            " onerror=",
            " onsubmit=",
            " onchange=",
            " oninput=",
            " onmouseover=",
        ] {
            assert!(!names.contains(attribute), "{path}: <{tag}>");
        }
        for link in [
            "href=\"javascript:",
            "src=\"javascript:",
            "action=\"javascript:",
        ] {
            assert!(!lower.contains(link), "{path}: a script link <{tag}>");
        }
        if name == "img" {
            assert!(
                !lower.contains("evil.example"),
                "{path}: an image from elsewhere <{tag}>"
            );
        }
    }
}

async fn every_page_and_api_answer_carries_the_security_headers(app: TestApp) {
    let coord = app.register("coord").await;
    let a = app.workplace(&coord, &format!("Depot {EVIL}")).await;
    let member = app.member(&coord, &a, "member").await;
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&member.token),
            Some(json!({ "display_name": EVIL })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let council = app.council(&coord, &format!("Council {EVIL}")).await;
    let post = |path: String, body: Value| {
        let token = coord.token.clone();
        let app = &app;
        async move {
            let (status, made) = app.post(&path, &token, body).await;
            assert!(status.is_success(), "{path}: {made}");
            made
        }
    };
    let in_a = |what: &str| format!("/api/v1/committees/{a}/{what}");
    let later = |hours| Timestamp::now().plus_hours(hours).rfc3339();
    let id = |v: Value| v["id"].as_str().expect("id").to_owned();
    let meeting = id(post(
        in_a("meetings"),
        json!({ "title": format!("Meet {EVIL}"), "starts_at": later(30), "location": EVIL, "agenda": [EVIL] }),
    )
    .await);
    let motion = id(post(
        in_a("motions"),
        json!({ "kind": "decision", "title": format!("Vote {EVIL}"), "body": EVIL_MARKDOWN, "ballot": "open", "closes_at": later(2) }),
    )
    .await);
    let demand = id(post(
        in_a("demands"),
        json!({ "title": format!("Breaks {EVIL}"), "body": EVIL_MARKDOWN }),
    )
    .await);
    let action = id(post(in_a("actions"), json!({ "title": format!("Strike {EVIL}"), "description": EVIL_MARKDOWN, "kind": "strike", "starts_at": later(100), "public": true, "threshold": { "pledges": 5 } })).await);
    let incident = id(post(
        in_a("incidents"),
        json!({ "kind": "raid", "summary": format!("Agents {EVIL}"), "location": EVIL, "urgency": "now" }),
    )
    .await);
    let bulletin = id(post(
        in_a("bulletins"),
        json!({ "title": format!("News {EVIL}"), "body": EVIL_MARKDOWN, "audience": "members" }),
    )
    .await);
    let invite = post(in_a("invites"), json!({})).await["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let calendar = post(in_a("calendar"), json!({})).await["url"]
        .as_str()
        .expect("url")
        .to_owned();
    let calendar = format!("/calendar/{}", calendar.rsplit('/').next().unwrap_or(""));
    let (_, notifications) = app.get("/api/v1/notifications", &member.token).await;
    let notification = id(notifications["items"]
        .get(0)
        .or_else(|| notifications.get(0))
        .cloned()
        .unwrap_or_else(|| panic!("a notification: {notifications}")));
    let setup = app.setup_token.clone().unwrap_or_else(|| "none".into());

    use Method as M;
    let walk: Vec<(&str, Method, String)> = vec![
        ("/", M::GET, "/".into()),
        ("/healthz", M::GET, "/healthz".into()),
        ("/metrics", M::GET, "/metrics".into()),
        ("/static/app.css", M::GET, "/static/app.css".into()),
        ("/static/app.js", M::GET, "/static/app.js".into()),
        ("/static/icon.svg", M::GET, "/static/icon.svg".into()),
        ("/static/nav.svg", M::GET, "/static/nav.svg".into()),
        ("/favicon.ico", M::GET, "/favicon.ico".into()),
        ("/sw.js", M::GET, "/sw.js".into()),
        (
            "/static/manifest.webmanifest",
            M::GET,
            "/static/manifest.webmanifest".into(),
        ),
        (
            "/static/icon-192.png",
            M::GET,
            "/static/icon-192.png".into(),
        ),
        (
            "/static/icon-512.png",
            M::GET,
            "/static/icon-512.png".into(),
        ),
        (
            "/static/icon-maskable-512.png",
            M::GET,
            "/static/icon-maskable-512.png".into(),
        ),
        (
            "/static/apple-touch-icon.png",
            M::GET,
            "/static/apple-touch-icon.png".into(),
        ),
        ("/rights", M::GET, "/rights".into()),
        ("/robots.txt", M::GET, "/robots.txt".into()),
        (
            "/.well-known/security.txt",
            M::GET,
            "/.well-known/security.txt".into(),
        ),
        ("/offline", M::GET, "/offline".into()),
        ("/logout/everywhere", M::POST, "/logout/everywhere".into()),
        (
            "/committees/{id}/contacts",
            M::GET,
            format!("/committees/{a}/contacts"),
        ),
        (
            "/committees/{id}/contacts/{line}/remove",
            M::POST,
            format!("/committees/{a}/contacts/0000000000000001/remove"),
        ),
        ("/openapi.json", M::GET, "/api/v1/openapi.json".into()),
        ("/language", M::POST, "/language".into()),
        ("/register", M::GET, "/register".into()),
        ("/setup/{token}", M::GET, format!("/setup/{setup}")),
        ("/login", M::GET, "/login".into()),
        ("/logout", M::POST, "/logout".into()),
        ("/settings", M::GET, "/settings".into()),
        ("/settings/delete", M::POST, "/settings/delete".into()),
        ("/settings/tokens", M::GET, "/settings/tokens".into()),
        (
            "/settings/tokens/{id}/revoke",
            M::POST,
            "/settings/tokens/0000000000000001/revoke".into(),
        ),
        (
            "/settings/notifications",
            M::GET,
            "/settings/notifications".into(),
        ),
        ("/settings/calendar", M::GET, "/settings/calendar".into()),
        (
            "/settings/notifications/push",
            M::POST,
            "/settings/notifications/push".into(),
        ),
        (
            "/settings/notifications/push/remove",
            M::POST,
            "/settings/notifications/push/remove".into(),
        ),
        (
            "/unsubscribe/{token}",
            M::GET,
            crate::page_matrix::unsubscribe_path(&app, &member.id),
        ),
        ("/dashboard", M::GET, "/dashboard".into()),
        ("/dashboard/code", M::POST, "/dashboard/code".into()),
        ("/admin/invites", M::POST, "/admin/invites".into()),
        ("/committees/new", M::GET, "/committees/new".into()),
        ("/committees/{id}", M::GET, format!("/committees/{a}")),
        (
            "/committees/{id}/audit",
            M::GET,
            format!("/committees/{a}/audit"),
        ),
        (
            "/committees/{id}/invites",
            M::POST,
            format!("/committees/{a}/invites"),
        ),
        (
            "/committees/{id}/invites/{invite}/revoke",
            M::POST,
            format!("/committees/{a}/invites/0000000000000001/revoke"),
        ),
        (
            "/committees/{id}/members/{account}/role",
            M::POST,
            format!("/committees/{a}/members/{}/role", member.id),
        ),
        (
            "/committees/{id}/members/{account}/remove",
            M::POST,
            format!("/committees/{a}/members/{}/remove", member.id),
        ),
        (
            "/committees/{id}/members/{account}/remove",
            M::GET,
            format!("/committees/{a}/members/{}/remove", member.id),
        ),
        (
            "/committees/{id}/members/{account}/role",
            M::GET,
            format!(
                "/committees/{a}/members/{}/role?role=coordinator",
                member.id
            ),
        ),
        (
            "/committees/{id}/affiliations",
            M::POST,
            format!("/committees/{a}/affiliations"),
        ),
        (
            "/committees/{id}/affiliations/{council}/end",
            M::POST,
            format!("/committees/{a}/affiliations/{council}/end"),
        ),
        (
            "/committees/{id}/workforce",
            M::POST,
            format!("/committees/{a}/workforce"),
        ),
        (
            "/committees/{id}/time-zone",
            M::POST,
            format!("/committees/{a}/time-zone"),
        ),
        ("/invites/{code}", M::GET, format!("/invites/{invite}")),
        (
            "/invites/{code}/qr.svg",
            M::GET,
            format!("/invites/{invite}/qr.svg"),
        ),
        (
            "/invites/{code}/accept",
            M::POST,
            format!("/invites/{invite}/accept"),
        ),
        (
            "/committees/{id}/delegates",
            M::GET,
            format!("/committees/{a}/delegates"),
        ),
        (
            "/committees/{id}/demands",
            M::GET,
            format!("/committees/{a}/demands"),
        ),
        ("/demands/{id}", M::GET, format!("/demands/{demand}")),
        (
            "/committees/{id}/program",
            M::GET,
            format!("/committees/{council}/program"),
        ),
        (
            "/committees/{id}/meetings",
            M::GET,
            format!("/committees/{a}/meetings"),
        ),
        (
            "/committees/{id}/calendar",
            M::POST,
            format!("/committees/{a}/calendar"),
        ),
        ("/meetings/{id}", M::GET, format!("/meetings/{meeting}")),
        (
            "/meetings/{id}/attendance",
            M::POST,
            format!("/meetings/{meeting}/attendance"),
        ),
        (
            "/meetings/{id}/minutes",
            M::POST,
            format!("/meetings/{meeting}/minutes"),
        ),
        (
            "/meetings/{id}/attended",
            M::POST,
            format!("/meetings/{meeting}/attended"),
        ),
        (
            "/meetings/{id}/edit",
            M::POST,
            format!("/meetings/{meeting}/edit"),
        ),
        // Asks before calling the meeting off; the walk does not call it off.
        (
            "/meetings/{id}/cancel",
            M::GET,
            format!("/meetings/{meeting}/cancel"),
        ),
        ("/calendar/{file}", M::GET, calendar),
        (
            "/committees/{id}/motions",
            M::GET,
            format!("/committees/{a}/motions"),
        ),
        (
            "/committees/{id}/motions/new",
            M::GET,
            format!("/committees/{a}/motions/new"),
        ),
        ("/motions/{id}", M::GET, format!("/motions/{motion}")),
        (
            "/motions/{id}/ballot",
            M::POST,
            format!("/motions/{motion}/ballot"),
        ),
        (
            "/motions/{id}/ballot/confirm",
            M::POST,
            format!("/motions/{motion}/ballot/confirm"),
        ),
        (
            "/motions/{id}/close",
            M::POST,
            format!("/motions/{motion}/close"),
        ),
        (
            "/committees/{id}/actions",
            M::GET,
            format!("/committees/{a}/actions"),
        ),
        ("/actions/{id}", M::GET, format!("/actions/{action}")),
        (
            "/actions/{id}/pledge",
            M::POST,
            format!("/actions/{action}/pledge"),
        ),
        (
            "/actions/{id}/withdraw",
            M::POST,
            format!("/actions/{action}/withdraw"),
        ),
        (
            "/actions/{id}/cancel",
            M::POST,
            format!("/actions/{action}/cancel"),
        ),
        (
            "/public/actions/{id}",
            M::GET,
            format!("/public/actions/{action}"),
        ),
        ("/incidents", M::GET, "/incidents".into()),
        ("/incidents/{id}", M::GET, format!("/incidents/{incident}")),
        (
            "/incidents/{id}/resolve",
            M::POST,
            format!("/incidents/{incident}/resolve"),
        ),
        (
            "/incidents/{id}/{step}",
            M::POST,
            format!("/incidents/{incident}/confirm"),
        ),
        (
            "/committees/{id}/bulletins",
            M::GET,
            format!("/committees/{a}/bulletins"),
        ),
        ("/bulletins/{id}", M::GET, format!("/bulletins/{bulletin}")),
        ("/feed", M::GET, "/feed".into()),
        ("/notifications", M::GET, "/notifications".into()),
        ("/notifications/read", M::POST, "/notifications/read".into()),
        (
            "/notifications/{id}/open",
            M::GET,
            format!("/notifications/{notification}/open"),
        ),
    ];

    let walked: BTreeSet<String> = walk.iter().map(|(t, _, _)| (*t).to_owned()).collect();
    let in_source = routes_in_source();
    let missing: Vec<_> = in_source.difference(&walked).collect();
    let stale: Vec<_> = walked.difference(&in_source).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes the walk misses: {missing:?}; walked routes that are gone: {stale:?}"
    );

    let signed_in = Browser::new(&app);
    let (status, _, _) = signed_in
        .submit(
            "/login",
            "/login",
            &[("handle", "member"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let anonymous = Browser::new(&app);
    let mut pages_with_names = 0;
    for (_, method, path) in &walk {
        for (who, browser) in [("member", &signed_in), ("anonymous", &anonymous)] {
            // Posts carry no CSRF token: the refusal is an answer like any other.
            let response = browser
                .client
                .request(method.clone(), app.url(path))
                .send()
                .await
                .expect("sent");
            check(method, path, &response, who);
            let html = response
                .headers()
                .get("content-type")
                .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
            if html {
                let page = response.text().await.expect("page");
                check_page(path, &page);
                if page.contains("alert(1)") {
                    pages_with_names += 1;
                }
            }
        }
    }
    assert!(
        pages_with_names >= 10,
        "the hostile names are shown (escaped) on {pages_with_names} pages"
    );

    // API answers: a success, a refusal, an unknown route, the embeddable public counter.
    for (method, path, token) in [
        (M::GET, "/api/v1/me".to_owned(), Some(&member.token)),
        (M::GET, format!("/api/v1/committees/{a}"), None),
        (M::GET, "/api/v1/nowhere".to_owned(), None),
        (M::GET, format!("/api/v1/public/actions/{action}"), None),
    ] {
        let mut request = app.client.request(method.clone(), app.url(&path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("sent");
        check(&method, &path, &response, "api");
    }
}

/// Behind https (`--public-url https://…`) every answer, page, API, asset or error alike,
/// carries `Strict-Transport-Security` for a year, without `includeSubDomains` (the
/// operator's other sites are not ours to bind); a server on plain http sends none, which
/// browsers would ignore there anyway.
async fn https_servers_ask_browsers_to_stay_on_https(app: TestApp) {
    let paths = [
        "/",
        "/login",
        "/healthz",
        "/static/app.css",
        "/no-such-page",
        "/api/v1/openapi.json",
        "/api/v1/me",
        "/api/v1/no-such-route",
        "/api/v1/public/actions/0000000000000001",
    ];
    let hsts = |app: &TestApp, path: &'static str| {
        let request = app.client.get(app.url(path));
        async move {
            let response = request.send().await.expect("sent");
            response
                .headers()
                .get_all("strict-transport-security")
                .iter()
                .map(|v| v.to_str().unwrap_or("").to_owned())
                .collect::<Vec<_>>()
        }
    };
    for path in paths {
        assert_eq!(
            hsts(&app, path).await,
            Vec::<String>::new(),
            "{path} over http"
        );
    }
    let backend = app.backend;
    app.shutdown().await;
    let Some(app) = TestApp::spawn_with(backend, |config| {
        config.public_url = "https://outnumber.example.org".into();
        config.secure_cookies = true;
    })
    .await
    else {
        return;
    };
    for path in paths {
        assert_eq!(
            hsts(&app, path).await,
            vec!["max-age=31536000".to_owned()],
            "{path} behind https"
        );
    }
}
