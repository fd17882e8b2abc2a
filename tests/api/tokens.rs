//! API tokens for integrations: made, listed and revoked by their member; held to their
//! scopes by the caller layer; never a way into pages or into the account itself; ended by
//! revoking, expiry, a new password and deleting the account.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::pages::{Browser, register};

both!(
    tokens_are_made_listed_and_revoked,
    a_read_token_reads_and_changes_nothing,
    a_part_token_keeps_to_its_parts,
    a_token_cannot_touch_the_account_or_its_tokens,
    a_token_ends_at_its_expiry,
    a_new_password_or_deleting_the_account_ends_tokens,
    a_token_never_signs_in_a_page,
    bad_token_requests_are_refused_and_change_nothing,
    tokens_are_managed_on_the_settings_pages,
    tokens_made_at_once_stay_within_the_limit,
);

const PASSWORD: &str = "correct horse battery";

async fn make(app: &TestApp, user: &User, name: &str, scopes: &[&str]) -> (StatusCode, Value) {
    app.post(
        "/api/v1/me/tokens",
        &user.token,
        json!({ "name": name, "scopes": scopes, "password": PASSWORD }),
    )
    .await
}

async fn token(app: &TestApp, user: &User, name: &str, scopes: &[&str]) -> String {
    let (status, made) = make(app, user, name, scopes).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made["token"].as_str().expect("a secret").to_owned()
}

fn meeting() -> Value {
    json!({ "title": "Shift meeting", "starts_at": crate::authorization::in_hours(48),
            "location": "Break room", "agenda": ["Heat"] })
}

async fn tokens_are_made_listed_and_revoked(app: TestApp) {
    let rosa = app.register("rosa").await;
    let response = app
        .client
        .post(app.url("/api/v1/me/tokens"))
        .bearer_auth(&rosa.token)
        .json(&json!({ "name": "calendar sync", "scopes": ["read"], "expires_in_days": 30, "password": PASSWORD }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("Location");
    let made: Value = response.json().await.expect("json");
    let secret = made["token"].as_str().expect("secret").to_owned();
    assert!(secret.starts_with("onb_") && secret.len() > 40, "{secret}");
    assert_eq!(made["name"], "calendar sync");
    assert_eq!(made["scopes"], json!(["read"]));
    let id = made["id"].as_str().expect("id").to_owned();
    assert_eq!(location, format!("/api/v1/me/tokens/{id}"));
    let lifetime =
        outnumber::core::Timestamp::parse_rfc3339(made["expires_at"].as_str().expect("expiry"))
            .expect("a time")
            .millis()
            - outnumber::core::Timestamp::parse_rfc3339(made["created_at"].as_str().expect("made"))
                .expect("a time")
                .millis();
    assert_eq!(lifetime, 30 * 24 * 3600 * 1000);

    // The secret works, as its member.
    let (status, me) = app.get("/api/v1/me", &secret).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["id"], rosa.id.as_str());

    // Listed without the secret, with the day it was used.
    let (status, list) = app.get("/api/v1/me/tokens", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert!(list[0].get("token").is_none(), "{list}");
    assert!(
        !list.to_string().contains(&secret[4..]),
        "the secret is never listed"
    );
    assert_eq!(list[0]["id"], id.as_str());
    let today = time::OffsetDateTime::now_utc().date().to_string();
    assert_eq!(list[0]["last_used_on"], today.as_str());
    let (status, shown) = app.get(&location, &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["name"], "calendar sync");
    // Only the day is stored, and only the hash of the secret.
    let (used, hash): (Option<i64>, Vec<u8>) =
        sqlx::query_as("SELECT last_used_on, secret_hash FROM api_tokens")
            .fetch_one(app.app().db.pool())
            .await
            .expect("row");
    assert_eq!(used.map(|d| d % (24 * 3600 * 1000)), Some(0));
    assert_eq!(hash.len(), 32);

    // Another member neither sees nor revokes it.
    let other = app.register("other").await;
    let (status, _) = app.get(&location, &other.token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.delete(&location, &other.token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.get("/api/v1/me", &secret).await;
    assert_eq!(status, StatusCode::OK);

    // Revoked, it stops at once.
    let (status, _) = app.delete(&location, &rosa.token).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let answer = app.get("/api/v1/me", &secret).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_token");
    let (_, list) = app.get("/api/v1/me/tokens", &rosa.token).await;
    assert_eq!(list, json!([]));
    let (status, _) = app.delete(&location, &rosa.token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The session is untouched.
    let (status, _) = app.get("/api/v1/me", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
}

async fn a_read_token_reads_and_changes_nothing(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let read = token(&app, &rosa, "reader", &["read"]).await;

    for path in [
        format!("/api/v1/committees/{depot}"),
        format!("/api/v1/committees/{depot}/meetings"),
        format!("/api/v1/committees/{depot}/members"),
        "/api/v1/notifications".to_owned(),
        "/api/v1/feed".to_owned(),
    ] {
        let (status, body) = app.get(&path, &read).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let meetings = app.count_rows("meetings").await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/meetings"),
            &read,
            meeting(),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "token_scope");
    let message = answer.1["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("meetings:write"), "{message}");
    assert_eq!(app.count_rows("meetings").await, meetings, "nothing made");
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/invites"),
            &read,
            json!({}),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "token_scope");
    assert_eq!(app.count_rows("invites").await, 0);
    let (_, before) = app
        .get(&format!("/api/v1/committees/{depot}"), &rosa.token)
        .await;
    let answer = app
        .call(
            Method::PUT,
            &format!("/api/v1/committees/{depot}/time-zone"),
            Some(&read),
            Some(json!({ "time_zone": "America/Chicago" })),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "token_scope");
    let (_, committee) = app
        .get(&format!("/api/v1/committees/{depot}"), &rosa.token)
        .await;
    assert_eq!(committee["time_zone"], before["time_zone"], "{committee}");
    // Where nothing is needed, a token is no hindrance.
    let (status, _) = app.get("/api/v1/push/public-key", &read).await;
    assert_ne!(status, StatusCode::FORBIDDEN);
    let narrow = token(&app, &rosa, "narrow", &["meetings:read"]).await;
    let (status, _) = app
        .get("/api/v1/public/actions/0000000000000001", &narrow)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "public, and no such action");
    let (status, document) = app.get("/api/v1/openapi.json", &narrow).await;
    assert_eq!(status, StatusCode::OK);
    assert!(document["paths"].is_object());
}

async fn a_part_token_keeps_to_its_parts(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let meetings = token(
        &app,
        &rosa,
        "meetings bot",
        &["meetings:write", "actions:read"],
    )
    .await;

    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{depot}/meetings"),
            &meetings,
            meeting(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let (status, _) = app
        .get(&format!("/api/v1/committees/{depot}/meetings"), &meetings)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .get(&format!("/api/v1/committees/{depot}/actions"), &meetings)
        .await;
    assert_eq!(status, StatusCode::OK);
    let answer = app
        .get(&format!("/api/v1/committees/{depot}/motions"), &meetings)
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "token_scope");
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("motions:read")
    );
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &meetings,
            json!({ "title": "Walkout", "kind": "walkout", "starts_at": crate::authorization::in_hours(24),
                    "threshold": { "pledges": 3 } }),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "token_scope");
    assert_eq!(app.count_rows("actions").await, 0);
    // No stream beyond its reads: the member's events are notifications.
    let answer = app.get("/api/v1/events", &meetings).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "token_scope");
    // Who it acts for, every token may ask.
    let (status, _) = app.get("/api/v1/me", &meetings).await;
    assert_eq!(status, StatusCode::OK);
    // And never more than its member may: a committee the member is not in stays hidden.
    let other = app.register("other").await;
    let elsewhere = app.workplace(&other, "Elsewhere").await;
    let (status, _) = app
        .get(
            &format!("/api/v1/committees/{elsewhere}/meetings"),
            &meetings,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn a_token_cannot_touch_the_account_or_its_tokens(app: TestApp) {
    let rosa = app.register("rosa").await;
    let every: Vec<&str> = outnumber::core::tokens::Scope::NAMES.to_vec();
    let strong = token(&app, &rosa, "everything", &every).await;
    let depot = app.workplace(&rosa, "Depot").await;
    let committee_calendar = format!("/api/v1/committees/{depot}/calendar");

    let tries = [
        (Method::GET, "/api/v1/me/tokens", None),
        (
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({ "name": "another", "scopes": ["read"], "password": PASSWORD })),
        ),
        (
            Method::PATCH,
            "/api/v1/me",
            Some(json!({ "current_password": PASSWORD, "new_password": "a brand new password" })),
        ),
        (
            Method::DELETE,
            "/api/v1/me",
            Some(json!({ "password": PASSWORD })),
        ),
        (Method::GET, "/api/v1/me/export", None),
        (Method::DELETE, "/api/v1/sessions/current", None),
        (Method::POST, "/api/v1/admin/invites", Some(json!({}))),
        // Ways to read or be told that would outlive the token.
        (Method::POST, "/api/v1/me/calendar", None),
        (Method::POST, &committee_calendar, None),
        (
            Method::POST,
            "/api/v1/push-subscriptions",
            Some(
                json!({ "endpoint": "https://push.example.net/send/taken", "keys": {
                "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                "auth": "tBHItJI5svbpez7KI4CCXg" } }),
            ),
        ),
        (
            Method::PUT,
            "/api/v1/me/notification-settings",
            Some(json!({ "email": "someone.else@example.org" })),
        ),
    ];
    for (method, path, body) in tries {
        let answer = app.call(method.clone(), path, Some(&strong), body).await;
        assert_error(&answer, StatusCode::FORBIDDEN, "session_required");
        let _ = (method, path);
    }
    assert_eq!(app.count_rows("api_tokens").await, 1, "no token made");
    for table in [
        "calendar_feeds",
        "member_calendar_feeds",
        "push_subscriptions",
    ] {
        assert_eq!(app.count_rows(table).await, 0, "nothing made in {table}");
    }
    // The password and the account are as they were.
    let again = app.log_in("rosa").await;
    let (status, _) = app.get("/api/v1/me", &again.token).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get("/api/v1/me", &strong).await;
    assert_eq!(status, StatusCode::OK);
    // The token's own id is no way around it.
    let (_, list) = app.get("/api/v1/me/tokens", &rosa.token).await;
    let id = list[0]["id"].as_str().expect("id");
    let answer = app
        .delete(&format!("/api/v1/me/tokens/{id}"), &strong)
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "session_required");
}

async fn a_token_ends_at_its_expiry(app: TestApp) {
    let rosa = app.register("rosa").await;
    let secret = token(&app, &rosa, "short", &["read"]).await;
    // As a token made a while ago would stand, a moment before its end.
    let soon = outnumber::core::Timestamp::now().millis() + 1_500;
    sqlx::query("UPDATE api_tokens SET expires_at = $1")
        .bind(soon)
        .execute(app.app().db.pool())
        .await
        .expect("update");
    let (status, _) = app.get("/api/v1/me", &secret).await;
    assert_eq!(status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1_700)).await;
    let answer = app.get("/api/v1/me", &secret).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_token");
    let (_, list) = app.get("/api/v1/me/tokens", &rosa.token).await;
    assert_eq!(list, json!([]), "an expired token is not listed");
    // Nor is it the member's any more: its name is free for a new one.
    let (status, made) = make(&app, &rosa, "short", &["read"]).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(app.count_rows("api_tokens").await, 1);
}

async fn a_new_password_or_deleting_the_account_ends_tokens(app: TestApp) {
    let rosa = app.register("rosa").await;
    let first = token(&app, &rosa, "first", &["read"]).await;
    let (status, _) = app.get("/api/v1/me", &first).await;
    assert_eq!(status, StatusCode::OK);
    let (status, link) = app
        .post("/api/v1/me/calendar", &rosa.token, json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&rosa.token),
            Some(json!({ "current_password": PASSWORD, "new_password": "another long password" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let answer = app.get("/api/v1/me", &first).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_token");
    assert_eq!(app.count_rows("api_tokens").await, 0);
    assert_eq!(
        app.count_rows("member_calendar_feeds").await,
        0,
        "a new password ends the calendar links made with the old"
    );

    let (status, made) = app
        .post(
            "/api/v1/me/tokens",
            &rosa.token,
            json!({ "name": "second", "scopes": ["read"], "password": "another long password" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let second = made["token"].as_str().expect("secret").to_owned();
    let (status, _) = app.get("/api/v1/me", &second).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&rosa.token),
            Some(json!({ "password": "another long password" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let answer = app.get("/api/v1/me", &second).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_token");
    assert_eq!(app.count_rows("api_tokens").await, 0);
}

async fn a_token_never_signs_in_a_page(app: TestApp) {
    let rosa = app.register("rosa").await;
    let secret = token(&app, &rosa, "reader", &["read"]).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let cookie = format!("outnumber_session={secret}");
    let page = client
        .get(app.url("/dashboard"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sent");
    assert!(page.status().is_redirection(), "{}", page.status());
    let to = page
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(to.starts_with("/login"), "{to}");
    // Nor does it count as the cookie the API's reads take.
    let read = client
        .get(app.url("/api/v1/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(read.status(), StatusCode::UNAUTHORIZED);
    // A bearer on a page is no session either.
    let page = client
        .get(app.url("/settings"))
        .bearer_auth(&secret)
        .send()
        .await
        .expect("sent");
    assert!(page.status().is_redirection(), "{}", page.status());
}

async fn bad_token_requests_are_refused_and_change_nothing(app: TestApp) {
    let rosa = app.register("rosa").await;
    token(&app, &rosa, "taken", &["read"]).await;
    let cases = [
        (
            json!({ "name": "", "scopes": ["read"], "password": PASSWORD }),
            "invalid_name",
        ),
        (
            json!({ "name": "x".repeat(81), "scopes": ["read"], "password": PASSWORD }),
            "invalid_name",
        ),
        (
            json!({ "name": "taken", "scopes": ["read"], "password": PASSWORD }),
            "invalid_name",
        ),
        (
            json!({ "name": "ok", "scopes": [], "password": PASSWORD }),
            "invalid_scopes",
        ),
        (
            json!({ "name": "ok", "scopes": ["everything"], "password": PASSWORD }),
            "invalid_scopes",
        ),
        (
            json!({ "name": "ok", "scopes": ["accounts:write"], "password": PASSWORD }),
            "invalid_scopes",
        ),
        (
            json!({ "name": "ok", "scopes": ["read"], "expires_in_days": 0, "password": PASSWORD }),
            "invalid_expires_in_days",
        ),
        (
            json!({ "name": "ok", "scopes": ["read"], "expires_in_days": 366, "password": PASSWORD }),
            "invalid_expires_in_days",
        ),
    ];
    for (body, code) in cases {
        let answer = app
            .post("/api/v1/me/tokens", &rosa.token, body.clone())
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
        let _ = body;
    }
    // Every wrong field at once.
    let (_, answer) = app
        .post(
            "/api/v1/me/tokens",
            &rosa.token,
            json!({ "name": "taken", "scopes": ["nope"], "expires_in_days": 900, "password": PASSWORD }),
        )
        .await;
    let fields: Vec<&str> = answer["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        vec!["name", "scopes", "expires_in_days"],
        "{answer}"
    );
    let answer = app
        .post(
            "/api/v1/me/tokens",
            &rosa.token,
            json!({ "name": "ok", "scopes": ["read"], "password": "not the password" }),
        )
        .await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_credentials");
    let (status, _) = app
        .post("/api/v1/me/tokens", &rosa.token, json!({ "name": "ok" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count_rows("api_tokens").await, 1, "nothing made");
    let answer = app
        .get("/api/v1/me", "onb_made-up-token-that-is-not-real")
        .await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_token");
}

async fn tokens_are_managed_on_the_settings_pages(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let (status, settings, _) = rosa.get("/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        settings.contains("href=\"/settings/tokens\""),
        "a way to the tokens"
    );
    let (status, page, _) = rosa.get("/settings/tokens").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"no-tokens\""));

    // A refused form keeps what was typed and says every problem.
    let (status, page, _) = rosa
        .submit(
            "/settings/tokens",
            "/settings/tokens",
            &[
                ("name", "sheet"),
                ("scopes", "meetings:read"),
                ("expires_in_days", "900"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("value=\"sheet\"") && page.contains("value=\"900\""),
        "values kept"
    );
    assert!(page.contains("value=\"meetings:read\" aria-label") && page.contains("checked"));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(!page.contains(PASSWORD), "the password is never sent back");

    let (status, page, _) = rosa
        .submit(
            "/settings/tokens",
            "/settings/tokens",
            &[
                ("name", "sheet"),
                ("scopes", "meetings:read"),
                ("scopes", "actions:write"),
                ("expires_in_days", "30"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let marker = "id=\"token-secret\"";
    assert!(page.contains(marker), "the secret is shown");
    let start = page.find("value=\"onb_").expect("the secret") + "value=\"".len();
    let secret = page[start..].split('"').next().expect("secret").to_owned();
    let app_client = &app;
    let (status, _) = app_client.get("/api/v1/me", &secret).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app_client.get("/api/v1/notifications", &secret).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Shown once: the list names it, never its secret.
    let (_, page, _) = rosa.get("/settings/tokens").await;
    assert!(page.contains("sheet") && page.contains("actions:write"));
    assert!(!page.contains(&secret) && !page.contains(marker));

    let start = page.find("/settings/tokens/").expect("a revoke form") + "/settings/tokens/".len();
    let id = page[start..].split('/').next().expect("id").to_owned();
    let (status, _, location) = rosa
        .submit(
            "/settings/tokens",
            &format!("/settings/tokens/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/settings/tokens"));
    let (_, page, _) = rosa.get("/settings/tokens").await;
    assert!(page.contains("id=\"no-tokens\""), "revoked");
    assert!(page.contains("no longer works"), "and said so");
    let (status, _) = app_client.get("/api/v1/me", &secret).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Logging out everywhere ends every token too, every calendar link, and the pushes to
    // every phone: a session on a taken phone could have made any of them.
    let session = app.log_in("rosa").await;
    let kept = token(&app, &session, "kept", &["read"]).await;
    let (status, _) = app.get("/api/v1/me", &kept).await;
    assert_eq!(status, StatusCode::OK);
    let (status, link) = app
        .post("/api/v1/me/calendar", &session.token, json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    let feed = link["url"].as_str().expect("a link");
    let feed = feed[feed.find("/calendar/").expect("a feed path")..].to_owned();
    let (status, phone) = app
        .post(
            "/api/v1/push-subscriptions",
            &session.token,
            json!({ "endpoint": "https://push.example.net/send/rosa", "keys": {
                "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                "auth": "tBHItJI5svbpez7KI4CCXg" } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{phone}");
    let fetched = app_client
        .client
        .get(app_client.url(&feed))
        .send()
        .await
        .expect("sent");
    assert_eq!(fetched.status(), StatusCode::OK);
    let (status, _, _) = rosa.submit("/settings", "/logout/everywhere", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = app.get("/api/v1/me", &kept).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count_rows("api_tokens").await, 0);
    let fetched = app_client
        .client
        .get(app_client.url(&feed))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        fetched.status(),
        StatusCode::NOT_FOUND,
        "the calendar link ended"
    );
    assert_eq!(
        app.count_rows("push_subscriptions").await,
        0,
        "no phone is pushed to"
    );
}

async fn tokens_made_at_once_stay_within_the_limit(app: TestApp) {
    let rosa = app.register("rosa").await;
    // Each session confirms the password a few times at most (limits.rs): 18 tokens from
    // two, then four sessions ask for the last two places at once.
    let limit = outnumber::core::tokens::MAX_TOKENS;
    let mut made = 0;
    for session in [&rosa, &app.log_in("rosa").await] {
        for _ in 0..(limit - 2) / 2 {
            token(&app, session, &format!("sync {made}"), &["read"]).await;
            made += 1;
        }
    }
    let mut sessions = Vec::new();
    for _ in 0..4 {
        sessions.push(app.log_in("rosa").await);
    }
    let names: Vec<String> = (0..sessions.len()).map(|n| format!("late {n}")).collect();
    let answers = futures_util::future::join_all(
        sessions
            .iter()
            .zip(&names)
            .map(|(session, name)| make(&app, session, name, &["read"])),
    )
    .await;
    let made_now = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::CREATED)
        .count();
    assert_eq!(made_now, 2, "{answers:?}");
    for answer in answers
        .iter()
        .filter(|(status, _)| *status != StatusCode::CREATED)
    {
        assert_error(answer, StatusCode::CONFLICT, "too_many_tokens");
    }
    assert_eq!(app.count_rows("api_tokens").await, limit as i64);
}
