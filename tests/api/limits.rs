//! Abuse limits through the API and the pages: each limited route lets its allowance
//! through, then answers 429 with `Retry-After` in the error contract; the allowances are
//! those of `src/limits.rs`.

use std::net::IpAddr;
use std::time::Duration;

use outnumber::core::Timestamp;
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::TestApp;
use crate::pages::Browser;

both!(
    password_guessing_on_one_handle_is_limited,
    log_ins_from_one_address_are_limited,
    registrations_from_one_address_are_limited,
    invite_codes_tried_from_one_address_are_limited,
    invites_made_by_one_account_are_limited,
    incident_reports_by_one_account_are_limited,
    ballots_by_one_account_are_limited,
    bulletins_by_one_account_are_limited,
    meeting_changes_by_one_account_are_limited,
    a_limited_page_says_when_to_come_back,
    guesses_from_elsewhere_never_lock_the_owner_out,
    guesses_at_a_handle_never_stop_its_own_session,
    guessing_a_password_through_a_session_is_limited,
);

/// Sends `allowed` requests that must get through, then one that must be refused with 429
/// and a `Retry-After` of at least a second, in the error contract.
async fn limited_after(allowed: usize, request: impl Fn(usize) -> RequestBuilder) {
    limited_within(allowed, 0, request).await;
}

/// As [`limited_after`], where the allowance refills while the requests are made (slow ones
/// may earn up to `refilled` more).
async fn limited_within(
    allowed: usize,
    refilled: usize,
    request: impl Fn(usize) -> RequestBuilder,
) {
    let refused = refused_after(allowed, refilled, request).await;
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
}

async fn refused_after(
    allowed: usize,
    refilled: usize,
    request: impl Fn(usize) -> RequestBuilder,
) -> reqwest::Response {
    for n in 0..allowed {
        let response = request(n).send().await.expect("sent");
        assert_ne!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "request {n} of {allowed} was refused"
        );
    }
    let mut n = allowed;
    let response = loop {
        let response = request(n).send().await.expect("sent");
        if response.status() == StatusCode::TOO_MANY_REQUESTS || n >= allowed + refilled {
            break response;
        }
        n += 1;
    };
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "after {n} requests"
    );
    let retry: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!(retry >= 1);
    response
}

async fn password_guessing_on_one_handle_is_limited(app: TestApp) {
    app.register("rosa").await;
    limited_after(9, |_| {
        app.client
            .post(app.url("/api/v1/sessions"))
            .json(&json!({ "handle": "rosa", "password": "guess" }))
    })
    .await;
}

async fn log_ins_from_one_address_are_limited(app: TestApp) {
    // Every handle different: the address is what is counted. One more is allowed each
    // second, which a slow machine may earn while these are sent.
    limited_within(120, 20, |n| {
        app.client
            .post(app.url("/api/v1/sessions"))
            .json(&json!({ "handle": format!("guess{n}"), "password": "guess" }))
    })
    .await;
}

async fn registrations_from_one_address_are_limited(app: TestApp) {
    // Refused registrations count too (the limit comes before any check), which keeps this
    // test from hashing a hundred passwords.
    limited_within(100, 10, |n| {
        app.client
            .post(app.url("/api/v1/accounts"))
            .json(&json!({ "handle": format!("worker{n}"), "password": "short" }))
    })
    .await;
}

async fn invite_codes_tried_from_one_address_are_limited(app: TestApp) {
    limited_within(120, 20, |n| {
        app.client
            .get(app.url(&format!("/api/v1/invites/guessed-code-{n}")))
    })
    .await;
}

async fn invites_made_by_one_account_are_limited(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    limited_within(120, 10, |_| {
        app.client
            .post(app.url(&format!("/api/v1/committees/{depot}/invites")))
            .bearer_auth(&rosa.token)
            .json(&json!({}))
    })
    .await;
}

async fn incident_reports_by_one_account_are_limited(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    limited_after(5, |_| {
        app.client
            .post(app.url(&format!("/api/v1/committees/{depot}/incidents")))
            .bearer_auth(&rosa.token)
            .json(&json!({ "kind": "staging", "summary": "Vans", "location": "Lot", "urgency": "info" }))
    })
    .await;
}

async fn bulletins_by_one_account_are_limited(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    limited_within(30, 1, |n| {
        app.client
            .post(app.url(&format!("/api/v1/committees/{depot}/bulletins")))
            .bearer_auth(&rosa.token)
            .json(&json!({ "title": format!("Update {n}"), "body": "Picket at dawn.", "audience": "members" }))
    })
    .await;
}

async fn meeting_changes_by_one_account_are_limited(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let starts = outnumber::core::Timestamp::now().plus_hours(48).rfc3339();
    let (status, meeting) = app
        .post(
            &format!("/api/v1/committees/{depot}/meetings"),
            &rosa.token,
            json!({ "title": "Staffing", "starts_at": starts, "location": "Hall" }),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{meeting}");
    let meeting = meeting["id"].as_str().expect("an id").to_owned();
    limited_within(20, 1, |n| {
        app.client
            .patch(app.url(&format!("/api/v1/meetings/{meeting}")))
            .bearer_auth(&rosa.token)
            .json(&json!({ "title": format!("Staffing {n}") }))
    })
    .await;
}

async fn ballots_by_one_account_are_limited(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let (status, motion) = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &rosa.token,
            json!({ "kind": "decision", "title": "Refuse overtime", "ballot": "open",
                    "closes_at": Timestamp::now().plus_hours(1).rfc3339() }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{motion}");
    let ballots = format!(
        "/api/v1/motions/{}/ballots",
        motion["id"].as_str().expect("id")
    );
    // A member changing an open ballot back and forth through a long meeting; one more is
    // allowed every two seconds, which a slow disk may earn while these are written.
    limited_within(60, 20, |n| {
        let choice = ["yes", "no", "abstain"][n % 3];
        app.client
            .post(app.url(&ballots))
            .bearer_auth(&rosa.token)
            .json(&json!({ "choice": choice }))
    })
    .await;
    // Another member still votes.
    let (status, body) = app
        .post(&ballots, &amir.token, json!({ "choice": "yes" }))
        .await;
    assert!(status.is_success(), "{body}");
}

async fn a_limited_page_says_when_to_come_back(app: TestApp) {
    app.register("rosa").await;
    let browser = Browser::new(&app);
    let (_, page, _) = browser.get("/login").await;
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("csrf field") + marker.len();
    let csrf = page[start..].split('"').next().unwrap_or("").to_owned();
    let refused = refused_after(9, 0, |_| {
        browser.client.post(app.url("/login")).form(&[
            ("handle", "rosa"),
            ("password", "guess"),
            ("csrf", &csrf),
        ])
    })
    .await;
    let retry = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let page = refused.text().await.expect("page");
    assert!(page.contains("<html"), "an error page, not a bare status");
    assert!(page.contains("Too many attempts. Try again in"), "{page}");
    // An empty header would be "contained" in any page.
    assert!(
        retry.parse::<u64>().is_ok_and(|secs| secs >= 1),
        "Retry-After: {retry:?}"
    );
    assert!(
        retry == "1" && page.contains("one second") || page.contains(&retry),
        "the page says the same wait as Retry-After ({retry}): {page}"
    );
}

/// A client whose requests come from another loopback address, as a stranger's would
/// (the server counts by peer address; the whole of 127.0.0.0/8 reaches it).
fn client_from(address: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .local_address(IpAddr::from(address))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Guesses at `handle` from `client` until refused; returns how many were answered first.
async fn guess_until_refused(app: &TestApp, client: &reqwest::Client, handle: &str) -> usize {
    for n in 0..20 {
        let response = client
            .post(app.url("/api/v1/sessions"))
            .json(&json!({ "handle": handle, "password": "wrong guess" }))
            .send()
            .await
            .expect("sent");
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            return n;
        }
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "guess {n}");
    }
    panic!("twenty guesses at {handle} from one address were all answered");
}

async fn change_password(app: &TestApp, token: &str, current: &str, new: &str) -> StatusCode {
    app.call(
        reqwest::Method::PATCH,
        "/api/v1/me",
        Some(token),
        Some(json!({ "current_password": current, "new_password": new })),
    )
    .await
    .0
}

async fn delete_account(app: &TestApp, token: &str, password: &str) -> StatusCode {
    app.call(
        reqwest::Method::DELETE,
        "/api/v1/me",
        Some(token),
        Some(json!({ "password": password })),
    )
    .await
    .0
}

/// A stranger guessing at Rosa's handle from their own address is stopped there, and Rosa,
/// from hers, logs in, changes her password and deletes her account as if nothing happened.
async fn guesses_from_elsewhere_never_lock_the_owner_out(app: TestApp) {
    let rosa = app.register("rosa").await;
    let stranger = client_from([127, 0, 0, 2]);
    let answered = guess_until_refused(&app, &stranger, "rosa").await;
    assert!(answered <= 10, "{answered} guesses before the refusal");

    // `log_in` asserts the 201.
    app.log_in("rosa").await;
    assert_eq!(
        change_password(
            &app,
            &rosa.token,
            "correct horse battery",
            "a new horse battery"
        )
        .await,
        StatusCode::OK
    );
    // The stranger is still refused, the new password or not.
    let response = stranger
        .post(app.url("/api/v1/sessions"))
        .json(&json!({ "handle": "rosa", "password": "a new horse battery" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        delete_account(&app, &rosa.token, "a new horse battery").await,
        StatusCode::NO_CONTENT
    );
}

/// Even guesses from Rosa's own address (a shared Wi-Fi, a proxy), which hold off new log-ins
/// to her handle from there, leave the session she holds free to change her password and to
/// delete her account.
async fn guesses_at_a_handle_never_stop_its_own_session(app: TestApp) {
    let rosa = app.register("rosa").await;
    guess_until_refused(&app, &app.client, "rosa").await;
    assert_eq!(
        change_password(
            &app,
            &rosa.token,
            "correct horse battery",
            "a new horse battery"
        )
        .await,
        StatusCode::OK
    );
    assert_eq!(
        delete_account(&app, &rosa.token, "a new horse battery").await,
        StatusCode::NO_CONTENT
    );
}

/// Whoever took a session cannot guess the password through it: ten tries, then 429; the
/// owner's other session still confirms hers.
async fn guessing_a_password_through_a_session_is_limited(app: TestApp) {
    let rosa = app.register("rosa").await;
    let taken = app.log_in("rosa").await;
    limited_after(10, |n| {
        app.client
            .patch(app.url("/api/v1/me"))
            .bearer_auth(&taken.token)
            .json(&json!({ "current_password": format!("guess number {n}"),
                           "new_password": "taken over at last" }))
    })
    .await;
    assert_eq!(
        change_password(
            &app,
            &rosa.token,
            "correct horse battery",
            "a new horse battery"
        )
        .await,
        StatusCode::OK
    );
}
