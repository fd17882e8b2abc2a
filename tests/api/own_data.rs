//! A member's own data: the export holds everything stored about them and nothing about
//! anyone else (and no secret-ballot choice); deleting the account removes what is theirs,
//! keeps what they wrote for their committees without their name, keeps every count right,
//! and refuses to leave a committee without a coordinator.

use outnumber::core::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::pages::Browser;

both!(
    a_member_exports_their_own_data_and_nobody_elses,
    a_member_deletes_their_account,
    a_member_who_left_after_pledging_can_still_delete,
    the_settings_page_deletes_an_account,
);

fn later(hours: i64) -> String {
    Timestamp::now().plus_hours(hours).rfc3339()
}

async fn ok(app: &TestApp, user: &User, method: Method, path: &str, body: Option<Value>) -> Value {
    let (status, answer) = app.call(method, path, Some(&user.token), body).await;
    assert!(status.is_success(), "{path}: {status} {answer}");
    answer
}

async fn motion(app: &TestApp, by: &User, committee: &str, ballot: &str) -> String {
    let made = ok(
        app,
        by,
        Method::POST,
        &format!("/api/v1/committees/{committee}/motions"),
        Some(json!({ "kind": "decision", "title": format!("A {ballot} vote"), "ballot": ballot, "closes_at": later(2) })),
    )
    .await;
    made["id"].as_str().expect("id").to_owned()
}

async fn action(app: &TestApp, by: &User, committee: &str) -> String {
    let made = ok(
        app,
        by,
        Method::POST,
        &format!("/api/v1/committees/{committee}/actions"),
        Some(json!({ "title": "Walkout", "kind": "walkout", "starts_at": later(48), "threshold": { "pledges": 50 } })),
    )
    .await;
    made["id"].as_str().expect("id").to_owned()
}

async fn a_member_exports_their_own_data_and_nobody_elses(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let mei = app.member(&rosa, &depot, "mei").await;
    for (user, email) in [(&rosa, "rosa@example.org"), (&amir, "amir@example.org")] {
        ok(
            &app,
            user,
            Method::PUT,
            "/api/v1/me/notification-settings",
            Some(json!({ "email": email })),
        )
        .await;
    }
    let meeting = ok(
        &app,
        &rosa,
        Method::POST,
        &format!("/api/v1/committees/{depot}/meetings"),
        Some(json!({ "title": "Shift meeting", "starts_at": later(30), "location": "Hall" })),
    )
    .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    ok(
        &app,
        &amir,
        Method::POST,
        &format!("/api/v1/meetings/{meeting}/attendance"),
        Some(json!({ "status": "yes" })),
    )
    .await;
    ok(
        &app,
        &mei,
        Method::POST,
        &format!("/api/v1/meetings/{meeting}/attendance"),
        Some(json!({ "status": "no" })),
    )
    .await;
    let open = motion(&app, &rosa, &depot, "open").await;
    ok(
        &app,
        &amir,
        Method::POST,
        &format!("/api/v1/motions/{open}/ballots"),
        Some(json!({ "choice": "yes" })),
    )
    .await;
    ok(
        &app,
        &mei,
        Method::POST,
        &format!("/api/v1/motions/{open}/ballots"),
        Some(json!({ "choice": "no" })),
    )
    .await;
    let secret = motion(&app, &rosa, &depot, "secret").await;
    ok(
        &app,
        &amir,
        Method::POST,
        &format!("/api/v1/motions/{secret}/ballots"),
        Some(json!({ "choice": "abstain" })),
    )
    .await;
    let walkout = action(&app, &rosa, &depot).await;
    ok(
        &app,
        &amir,
        Method::POST,
        &format!("/api/v1/actions/{walkout}/pledges"),
        None,
    )
    .await;
    ok(
        &app,
        &mei,
        Method::POST,
        &format!("/api/v1/actions/{walkout}/pledges"),
        None,
    )
    .await;
    ok(
        &app,
        &amir,
        Method::POST,
        &format!("/api/v1/committees/{depot}/incidents"),
        Some(json!({ "kind": "staging", "summary": "Vans by gate 3", "location": "Gate 3", "urgency": "soon" })),
    )
    .await;
    ok(
        &app,
        &mei,
        Method::POST,
        &format!("/api/v1/committees/{depot}/incidents"),
        Some(json!({ "kind": "retaliation", "summary": "A worker was written up", "location": "Office", "urgency": "info" })),
    )
    .await;

    let response = app
        .client
        .get(app.url("/api/v1/me/export"))
        .bearer_auth(&amir.token)
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .is_ok_and(|v| v.starts_with("attachment")),
    );
    let text = response.text().await.expect("body");
    let export: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(export["account"]["handle"], "amir");
    assert_eq!(export["account"]["id"], json!(amir.id));
    assert_eq!(export["memberships"].as_array().map(Vec::len), Some(1));
    assert_eq!(export["memberships"][0]["committee_id"], json!(depot));
    assert_eq!(
        export["rsvps"],
        json!([{ "meeting_id": meeting, "title": "Shift meeting",
        "starts_at": export["rsvps"][0]["starts_at"], "status": "yes" }])
    );
    assert_eq!(export["open_ballots"].as_array().map(Vec::len), Some(1));
    assert_eq!(export["open_ballots"][0]["choice"], "yes");
    assert_eq!(export["secret_ballots_in"], json!([secret]));
    assert_eq!(export["pledges"][0]["action_id"], json!(walkout));
    assert_eq!(
        export["incidents_reported"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(export["incidents_reported"][0]["summary"], "Vans by gate 3");
    assert!(
        !export["notifications"]
            .as_array()
            .expect("notifications")
            .is_empty()
    );
    assert_eq!(export["contact"]["email"], "amir@example.org");
    // Nothing of anyone else's, and no secret choice.
    // (Amir's own inbox holds the alerts he received, as he received them.)
    for foreign in [mei.id.as_str(), "\"mei\"", "rosa@example.org", "abstain"] {
        assert!(
            !text.contains(foreign),
            "the export holds {foreign}: {text}"
        );
    }
    assert_eq!(
        export["written"],
        json!([]),
        "amir wrote nothing for the committee"
    );

    // What Rosa wrote for the committee is hers to take along too.
    let (status, hers) = app.get("/api/v1/me/export", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
    let mut written: Vec<(String, String)> = hers["written"]
        .as_array()
        .expect("written")
        .iter()
        .map(|w| {
            assert_eq!(w["committee_id"], json!(depot), "{w}");
            (
                w["kind"].as_str().unwrap_or_default().to_owned(),
                w["id"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    written.sort();
    let mut expected: Vec<(String, String)> = [
        ("meeting", &meeting),
        ("motion", &open),
        ("motion", &secret),
        ("action", &walkout),
    ]
    .into_iter()
    .map(|(k, id)| (k.to_owned(), id.clone()))
    .collect();
    expected.sort();
    assert_eq!(written, expected);

    let (status, _) = app.call(Method::GET, "/api/v1/me/export", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn a_member_deletes_their_account(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let mei = app.member(&rosa, &depot, "mei").await;
    let other_phone = app.log_in("amir").await;
    ok(
        &app,
        &amir,
        Method::PUT,
        "/api/v1/me/notification-settings",
        Some(json!({ "email": "amir@example.org" })),
    )
    .await;
    let moved = motion(&app, &amir, &depot, "open").await;
    ok(
        &app,
        &amir,
        Method::POST,
        &format!("/api/v1/motions/{moved}/ballots"),
        Some(json!({ "choice": "yes" })),
    )
    .await;
    let walkout = action(&app, &rosa, &depot).await;
    for user in [&amir, &mei] {
        ok(
            &app,
            user,
            Method::POST,
            &format!("/api/v1/actions/{walkout}/pledges"),
            None,
        )
        .await;
    }

    // The password confirms it; a wrong one changes nothing.
    let wrong = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&amir.token),
            Some(json!({ "password": "not my password" })),
        )
        .await;
    assert_error(&wrong, StatusCode::UNAUTHORIZED, "invalid_credentials");
    // The last coordinator of a committee with other members must hand it on first.
    let last = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&rosa.token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert_error(&last, StatusCode::CONFLICT, "last_coordinator");

    let (status, body) = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&amir.token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    // Every session is over, and the handle logs in no more.
    for token in [&amir.token, &other_phone.token] {
        let (status, _) = app.get("/api/v1/me", token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some(json!({ "handle": "amir", "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The committee goes on without them; what they moved stays, without their name.
    let members = ok(
        &app,
        &rosa,
        Method::GET,
        &format!("/api/v1/committees/{depot}/members"),
        None,
    )
    .await;
    let ids: Vec<&str> = members
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["account_id"].as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(!ids.contains(&amir.id.as_str()));
    let kept = ok(
        &app,
        &rosa,
        Method::GET,
        &format!("/api/v1/motions/{moved}"),
        None,
    )
    .await;
    assert_eq!(kept["moved_by"], Value::Null);
    assert_eq!(
        kept["turnout"], 0,
        "the open ballot in a motion still open is gone"
    );
    let counted = ok(
        &app,
        &mei,
        Method::GET,
        &format!("/api/v1/actions/{walkout}"),
        None,
    )
    .await;
    assert_eq!(counted["pledged"], 1, "the pledge was withdrawn: {counted}");
    let audit = ok(
        &app,
        &rosa,
        Method::GET,
        &format!("/api/v1/committees/{depot}/audit"),
        None,
    )
    .await;
    assert!(audit.to_string().contains("account_deleted"), "{audit}");

    // Nothing that names them is left, not even others' notices that they joined.
    for (table, values) in app.dump().await {
        let row = values.join(" | ");
        assert!(!row.contains("amir"), "{table}: {row}");
    }
    assert_eq!(app.count_rows("email_addresses").await, 0);
    // And nothing of theirs is left under their id but the blank account row, the pledges
    // and secret-ballot turnout already counted, which totals rest on.
    let amir_id: outnumber::core::Id = amir.id.parse().expect("id");
    for (table, column) in [
        ("sessions", "account_id"),
        ("memberships", "account_id"),
        ("memberships", "vouched_by"),
        ("delegate_seats", "account_id"),
        ("meeting_responses", "account_id"),
        ("calendar_feeds", "account_id"),
        ("member_calendar_feeds", "account_id"),
        ("deliveries", "account_id"),
        ("notifications", "account_id"),
        ("notifications", "subject_id"),
        ("delivery_preferences", "account_id"),
        ("push_subscriptions", "account_id"),
        ("email_addresses", "account_id"),
        ("incident_confirmations", "account_id"),
        ("incident_responders", "account_id"),
        ("audit_log", "actor_id"),
        ("audit_log", "subject_id"),
        ("motions", "moved_by"),
        ("incidents", "reported_by"),
    ] {
        let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} = $1"
        )))
        .bind(amir_id.get())
        .fetch_one(app.app().db.pool())
        .await
        .expect("count");
        assert_eq!(left, 0, "{table}.{column} still holds the deleted account");
    }
    let (_, mismatches) = outnumber::actions::store::verify(app.app().db.pool())
        .await
        .expect("verify");
    assert!(mismatches.is_empty(), "the counts still add up");
    // The handle is free again.
    app.register("amir").await;
}

/// Leaving a committee does not take back a pledge; deleting the account does, even though
/// the member is no longer in the action's scope.
async fn a_member_who_left_after_pledging_can_still_delete(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let walkout = action(&app, &rosa, &depot).await;
    let pledges = format!("/api/v1/actions/{walkout}/pledges");
    ok(&app, &amir, Method::POST, &pledges, None).await;
    ok(
        &app,
        &rosa,
        Method::DELETE,
        &format!("/api/v1/committees/{depot}/members/{}", amir.id),
        None,
    )
    .await;
    let before = ok(
        &app,
        &rosa,
        Method::GET,
        &format!("/api/v1/actions/{walkout}"),
        None,
    )
    .await;
    assert_eq!(before["pledged"], 1, "{before}");

    ok(
        &app,
        &amir,
        Method::DELETE,
        "/api/v1/me",
        Some(json!({ "password": "correct horse battery" })),
    )
    .await;
    let after = ok(
        &app,
        &rosa,
        Method::GET,
        &format!("/api/v1/actions/{walkout}"),
        None,
    )
    .await;
    assert_eq!(
        after["pledged"], 0,
        "the pledge went with the account: {after}"
    );
    let (status, _) = app
        .call(Method::GET, "/api/v1/me", Some(&amir.token), None)
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the session ended with it"
    );
    let (_, mismatches) = outnumber::actions::store::verify(app.app().db.pool())
        .await
        .expect("verify");
    assert!(mismatches.is_empty(), "the counts still add up");
}

async fn the_settings_page_deletes_an_account(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    app.member(&rosa, &depot, "mei").await;
    let mei = Browser::new(&app);
    let (status, _, _) = mei
        .submit(
            "/login",
            "/login",
            &[("handle", "mei"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page, _) = mei.get("/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("action=\"/settings/delete\"") && page.contains("/api/v1/me/export"));
    let (status, page, _) = mei
        .submit(
            "/settings",
            "/settings/delete",
            &[("password", "wrong password")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("role=\"alert\""));
    let (status, _, location) = mei
        .submit(
            "/settings",
            "/settings/delete",
            &[("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/"));
    let (status, _, location) = mei.get("/dashboard").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.is_some_and(|l| l.starts_with("/login")));
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some(json!({ "handle": "mei", "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
