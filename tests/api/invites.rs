use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, assert_error};
use crate::pages::Browser;

both!(
    the_full_invite_flow,
    expired_invites_are_refused,
    used_up_invites_are_refused,
    the_last_use_goes_to_exactly_one_person,
    fifty_coworkers_join_from_the_union_hall,
    revoked_invites_vanish,
    invite_limits_are_checked,
    invites_are_stored_only_as_hashes,
    a_closed_server_lets_people_in_by_invite_only,
);

async fn the_full_invite_flow(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let (status, invite) = app
        .post(
            &format!("/api/v1/committees/{depot}/invites"),
            &rosa.token,
            json!({ "max_uses": 2, "expires_in_hours": 24 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    assert_eq!(invite["kind"], "member");
    assert_eq!(invite["max_uses"], 2);
    let code = invite["code"].as_str().expect("code");
    assert!(
        invite["link"]
            .as_str()
            .expect("link")
            .ends_with(&format!("/invites/{code}"))
    );

    // Anyone holding the code may look at it first.
    let (status, preview) = app
        .call(Method::GET, &format!("/api/v1/invites/{code}"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(preview["committee"]["name"], "Lake Street Depot");
    assert_eq!(preview["remaining_uses"], 2);
    assert_eq!(preview["unusable"], Value::Null);

    // A new person registers with it and lands in the committee.
    let (status, created) = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "amir", "password": "correct horse battery", "invite": code.to_uppercase() })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["committee_id"], json!(depot));
    assert_eq!(created["role"], "member");

    // Someone who already has an account accepts it.
    let luis = app.register("luis").await;
    let (status, joined) = app
        .post(
            &format!("/api/v1/invites/{code}/accept"),
            &luis.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["committee_id"], json!(depot));
    assert_eq!(joined["role"], "member");

    let (_, view) = app
        .get(&format!("/api/v1/committees/{depot}"), &luis.token)
        .await;
    assert_eq!(view["member_count"], 3);
    // Accepting again: already a member, nothing used.
    let second = app.member(&rosa, &depot, "ana").await;
    let fresh = app.invite(&rosa, &depot, json!({})).await;
    let answer = app
        .post(
            &format!("/api/v1/invites/{fresh}/accept"),
            &second.token,
            json!({}),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "already_member");

    // The coordinator was told each time someone joined.
    let (_, inbox) = app.get("/api/v1/notifications", &rosa.token).await;
    let joined: Vec<&Value> = inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["kind"] == "member_joined")
        .collect();
    assert_eq!(joined.len(), 3, "{inbox}");
    // The QR code encodes the link.
    let response = app
        .client
        .get(app.url(&format!("/invites/{fresh}/qr.svg")))
        .send()
        .await
        .expect("qr");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    assert!(response.text().await.expect("svg").contains("<svg"));
}

async fn expire_all_invites(app: &TestApp) {
    sqlx::query("UPDATE invites SET expires_at = 0")
        .execute(app.app().db.pool())
        .await
        .expect("expire");
}

async fn expired_invites_are_refused(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let code = app.invite(&rosa, &depot, json!({})).await;
    expire_all_invites(&app).await;

    let (_, preview) = app
        .call(Method::GET, &format!("/api/v1/invites/{code}"), None, None)
        .await;
    assert_eq!(preview["unusable"], "invite_expired");
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "amir", "password": "correct horse battery", "invite": code })),
        )
        .await;
    assert_error(&answer, StatusCode::GONE, "invite_expired");
    let luis = app.register("luis").await;
    let answer = app
        .post(
            &format!("/api/v1/invites/{code}/accept"),
            &luis.token,
            json!({}),
        )
        .await;
    assert_error(&answer, StatusCode::GONE, "invite_expired");
    assert_eq!(app.count_rows("memberships").await, 1);
    assert_eq!(app.count_rows("accounts").await, 2, "only rosa and luis");
}

async fn used_up_invites_are_refused(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let code = app.invite(&rosa, &depot, json!({ "max_uses": 1 })).await;
    app.register_with("amir", Some(&code)).await;
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "luis", "password": "correct horse battery", "invite": code })),
        )
        .await;
    assert_error(&answer, StatusCode::GONE, "invite_used_up");
    let (_, preview) = app
        .call(Method::GET, &format!("/api/v1/invites/{code}"), None, None)
        .await;
    assert_eq!(preview["unusable"], "invite_used_up");
    assert_eq!(preview["remaining_uses"], 0);
    assert_eq!(app.count_rows("memberships").await, 2);
}

async fn the_last_use_goes_to_exactly_one_person(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let code = app.invite(&rosa, &depot, json!({ "max_uses": 1 })).await;
    let mut people = Vec::new();
    for n in 0..6 {
        people.push(app.register(&format!("worker{n}")).await);
    }
    let path = format!("/api/v1/invites/{code}/accept");
    let attempts = people.iter().map(|p| app.post(&path, &p.token, json!({})));
    let answers = futures_util::future::join_all(attempts).await;
    let winners = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(winners, 1, "{answers:?}");
    for answer in answers.iter().filter(|(s, _)| *s != StatusCode::OK) {
        assert_error(answer, StatusCode::GONE, "invite_used_up");
    }
    assert_eq!(app.count_rows("memberships").await, 2);
}

async fn fifty_coworkers_join_from_the_union_hall(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let code = app.invite(&rosa, &depot, json!({ "max_uses": 50 })).await;
    // All from one address, at once.
    let joins = (0..50).map(|n| {
        let code = code.clone();
        let app = &app;
        async move {
            app.call(
                Method::POST,
                "/api/v1/accounts",
                None,
                Some(json!({ "handle": format!("coworker{n}"), "password": "correct horse battery", "invite": code })),
            )
            .await
        }
    });
    let answers = futures_util::future::join_all(joins).await;
    for (status, body) in &answers {
        assert_eq!(*status, StatusCode::CREATED, "{body}");
    }
    let (_, view) = app
        .get(&format!("/api/v1/committees/{depot}"), &rosa.token)
        .await;
    assert_eq!(view["member_count"], 51);
    // And they can all log in.
    let logins = (0..50).map(|n| app.log_in_status(format!("coworker{n}")));
    for status in futures_util::future::join_all(logins).await {
        assert_eq!(status, StatusCode::CREATED);
    }
}

impl TestApp {
    async fn log_in_status(&self, handle: String) -> StatusCode {
        self.call(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some(json!({ "handle": handle, "password": "correct horse battery" })),
        )
        .await
        .0
    }
}

async fn revoked_invites_vanish(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let (_, invite) = app
        .post(
            &format!("/api/v1/committees/{depot}/invites"),
            &amir.token,
            json!({ "max_uses": 5 }),
        )
        .await;
    let code = invite["code"].as_str().expect("code");
    let id = invite["id"].as_str().expect("id");

    // Amir sees his own open invite; the coordinator sees all of them.
    let (_, mine) = app
        .get(&format!("/api/v1/committees/{depot}/invites"), &amir.token)
        .await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1));
    let (_, all) = app
        .get(&format!("/api/v1/committees/{depot}/invites"), &rosa.token)
        .await;
    assert_eq!(
        all.as_array().map(Vec::len),
        Some(1),
        "the one used for amir is used up"
    );

    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/invites/{id}"),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let answer = app
        .call(Method::GET, &format!("/api/v1/invites/{code}"), None, None)
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    let luis = app.register("luis").await;
    let answer = app
        .post(
            &format!("/api/v1/invites/{code}/accept"),
            &luis.token,
            json!({}),
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    let (_, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &rosa.token)
        .await;
    assert_eq!(log[0]["action"], "invite_revoked");
}

async fn invite_limits_are_checked(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    for (body, code) in [
        (json!({ "max_uses": 0 }), "invalid_max_uses"),
        (json!({ "max_uses": 501 }), "invalid_max_uses"),
        (json!({ "expires_in_hours": 0 }), "invalid_expires_in_hours"),
        (
            json!({ "expires_in_hours": 100000 }),
            "invalid_expires_in_hours",
        ),
        (json!({ "kind": "everything" }), "invalid_kind"),
    ] {
        let answer = app
            .post(
                &format!("/api/v1/committees/{depot}/invites"),
                &rosa.token,
                body,
            )
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    assert_eq!(app.count_rows("invites").await, 0);
    // An empty body is fine: the defaults apply.
    let response = app
        .client
        .post(app.url(&format!("/api/v1/committees/{depot}/invites")))
        .bearer_auth(&rosa.token)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["max_uses"], 1);
    let answer = app
        .call(
            Method::GET,
            "/api/v1/invites/nope-nope-nope-nope",
            None,
            None,
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
}

async fn invites_are_stored_only_as_hashes(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let code = app.invite(&rosa, &depot, json!({})).await;
    let hashes: Vec<Vec<u8>> = sqlx::query_scalar("SELECT code_hash FROM invites")
        .fetch_all(app.app().db.pool())
        .await
        .expect("invites");
    assert_eq!(hashes.len(), 1);
    assert!(!hashes[0].windows(code.len()).any(|w| w == code.as_bytes()));
}

/// The invite flow on a server as it runs by default, without open registration (the other
/// tests here run with it on, where an invite is only one way in): the first administrator
/// from the setup token, a founder from a registration invite, then coworkers from a member
/// invite, through the API and the pages; expired and used-up codes let nobody in.
async fn a_closed_server_lets_people_in_by_invite_only(app: TestApp) {
    let backend = app.backend;
    app.shutdown().await;
    let app = TestApp::spawn_with(backend, |_| {})
        .await
        .expect("the backend worked a moment ago");
    assert!(!app.app().config.open_registration);
    let register = |handle: &str, invite: Option<&str>| {
        let mut body = json!({ "handle": handle, "password": "correct horse battery" });
        if let Some(code) = invite {
            body["invite"] = json!(code);
        }
        app.call(Method::POST, "/api/v1/accounts", None, Some(body))
    };

    let setup = app
        .setup_token
        .clone()
        .expect("a fresh database's setup token");
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(
                json!({ "handle": "admin", "password": "correct horse battery",
                         "setup_token": setup }),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let admin = app.log_in("admin").await;
    let (status, invite) = app
        .post("/api/v1/admin/invites", &admin.token, json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    let founding = invite["code"].as_str().expect("code").to_owned();
    let rosa = app.register_with("rosa", Some(&founding)).await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;

    // Without an invite, nobody gets in.
    let answer = register("drifter", None).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "registration_closed");

    let code = app
        .invite(
            &rosa,
            &depot,
            json!({ "max_uses": 2, "expires_in_hours": 24 }),
        )
        .await;
    let (status, preview) = app
        .call(Method::GET, &format!("/api/v1/invites/{code}"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["committee"]["name"], "Lake Street Depot");
    assert_eq!(preview["remaining_uses"], 2);

    // One coworker through the API...
    let (status, created) = register("amir", Some(&code)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["committee_id"], json!(depot));
    assert_eq!(created["role"], "member");
    // ...and one through the pages, from the invite's link.
    let browser = Browser::new(&app);
    let (status, page, _) = browser.get(&format!("/invites/{code}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Lake Street Depot"), "{page}");
    let (status, body, location) = browser
        .submit(
            &format!("/register?invite={code}"),
            "/register",
            &[
                ("handle", "luis"),
                ("password", "correct horse battery"),
                ("display_name", "Luis"),
                ("invite", &code),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location, Some(format!("/committees/{depot}")));
    let (status, committee_page, _) = browser.get(&format!("/committees/{depot}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(committee_page.contains("Lake Street Depot"));

    // Used up: a third person is refused, and no account is left behind.
    let accounts = app.count_rows("accounts").await;
    let answer = register("mei", Some(&code)).await;
    assert_error(&answer, StatusCode::GONE, "invite_used_up");
    let (status, page, _) = Browser::new(&app)
        .submit(
            &format!("/register?invite={code}"),
            "/register",
            &[
                ("handle", "mei"),
                ("password", "correct horse battery"),
                ("invite", &code),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    // Expired: the same for a fresh invite past its time.
    let late = app.invite(&rosa, &depot, json!({ "max_uses": 5 })).await;
    expire_all_invites(&app).await;
    let answer = register("mei", Some(&late)).await;
    assert_error(&answer, StatusCode::GONE, "invite_expired");
    // The registration invite is gone too (used once, now expired): closed means closed.
    let answer = register("mei", Some(&founding)).await;
    assert_eq!(answer.0, StatusCode::GONE, "{}", answer.1);
    assert_eq!(app.count_rows("accounts").await, accounts);

    let (_, view) = app
        .get(&format!("/api/v1/committees/{depot}"), &rosa.token)
        .await;
    assert_eq!(view["member_count"], 3, "rosa, amir and luis: {view}");
}
