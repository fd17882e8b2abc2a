use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both;
use crate::common::{TestApp, assert_error};

both!(
    register_log_in_me_log_out,
    wrong_password_and_unknown_handle_look_the_same,
    handles_are_unique_regardless_of_case,
    closed_registration_needs_an_invite,
    setup_token_creates_the_first_administrator_once,
    tokens_are_stored_only_as_hashes,
    profile_changes_and_language,
    password_change_ends_other_sessions,
    invalid_tokens_are_refused,
    the_session_cookie_is_http_only_and_same_site,
);

async fn register_log_in_me_log_out(app: TestApp) {
    let (status, created) = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "Rosa_M", "password": "correct horse battery", "display_name": "Rosa M." })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["handle"], "rosa_m");
    assert_eq!(created["display_name"], "Rosa M.");
    let id = created["id"].as_str().expect("id");
    assert_eq!(id.len(), 16, "ids are opaque 16-digit strings");

    let rosa = app.log_in("rosa_m").await;
    assert_eq!(rosa.id, id);
    let (status, me) = app.get("/api/v1/me", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["handle"], "rosa_m");
    assert_eq!(me["language"], "en");
    assert_eq!(me["memberships"], json!([]));

    let (status, _) = app.delete("/api/v1/sessions/current", &rosa.token).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let answer = app.get("/api/v1/me", &rosa.token).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_token");

    let answer = app.call(Method::GET, "/api/v1/me", None, None).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "unauthenticated");
}

async fn wrong_password_and_unknown_handle_look_the_same(app: TestApp) {
    app.register("amir").await;
    let wrong = app
        .call(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some(json!({ "handle": "amir", "password": "not the password" })),
        )
        .await;
    let unknown = app
        .call(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some(json!({ "handle": "nobody", "password": "not the password" })),
        )
        .await;
    assert_error(&wrong, StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert_error(&unknown, StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert_eq!(wrong.1, unknown.1);
}

async fn handles_are_unique_regardless_of_case(app: TestApp) {
    app.register("dolores").await;
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "DOLORES", "password": "another password" })),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "handle_taken");
    assert_eq!(app.count_rows("accounts").await, 1);
}

async fn closed_registration_needs_an_invite(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |_| {})
        .await
        .expect("closed server");
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "luis", "password": "correct horse battery" })),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "registration_closed");
    assert_eq!(app.count_rows("accounts").await, 0);
}

async fn setup_token_creates_the_first_administrator_once(app: TestApp) {
    let token = app
        .setup_token
        .clone()
        .expect("a fresh database prints a setup token");
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "admin", "password": "correct horse battery", "setup_token": "wrong" })),
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");

    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "admin", "password": "correct horse battery", "setup_token": token })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let admin = app.log_in("admin").await;
    let (_, me) = app.get("/api/v1/me", &admin.token).await;
    assert_eq!(me["is_admin"], true);

    // The token works once.
    let again = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": "admin2", "password": "correct horse battery", "setup_token": token })),
        )
        .await;
    assert_error(&again, StatusCode::NOT_FOUND, "not_found");

    // The administrator can hand out registration invites; others cannot.
    let (status, invite) = app
        .post(
            "/api/v1/admin/invites",
            &admin.token,
            json!({ "max_uses": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    assert_eq!(invite["kind"], "registration");
    let founder = app
        .register_with("founder", Some(invite["code"].as_str().expect("code")))
        .await;
    let (_, me) = app.get("/api/v1/me", &founder.token).await;
    assert_eq!(me["memberships"], json!([]));
    assert_eq!(me["is_admin"], false);
    let answer = app
        .post("/api/v1/admin/invites", &founder.token, json!({}))
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "admins_only");
}

async fn tokens_are_stored_only_as_hashes(app: TestApp) {
    let rosa = app.register("rosa").await;
    let rows: Vec<Vec<u8>> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(app.app().db.pool())
        .await
        .expect("sessions");
    assert_eq!(rows.len(), 1);
    assert!(
        !rows[0]
            .windows(rosa.token.len())
            .any(|w| w == rosa.token.as_bytes())
    );
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts")
        .fetch_one(app.app().db.pool())
        .await
        .expect("hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

async fn profile_changes_and_language(app: TestApp) {
    let rosa = app.register("rosa").await;
    let (status, me) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&rosa.token),
            Some(json!({ "display_name": "Rosa", "language": "es" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["language"], "es");
    // Errors now come in Spanish.
    let answer = app
        .get("/api/v1/committees/0000000000000001", &rosa.token)
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("No encontrado"),
        "{}",
        answer.1
    );

    let answer = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&rosa.token),
            Some(json!({ "language": "klingon" })),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_language",
    );
}

async fn password_change_ends_other_sessions(app: TestApp) {
    let phone = app.register("kwame").await;
    let laptop = app.log_in("kwame").await;
    let answer = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&phone.token),
            Some(json!({ "current_password": "wrong password", "new_password": "a new long password" })),
        )
        .await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "invalid_credentials");
    let (status, _) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&phone.token),
            Some(json!({ "current_password": "correct horse battery", "new_password": "a new long password" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/me", &phone.token).await.0, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/me", &laptop.token).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some(json!({ "handle": "kwame", "password": "a new long password" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

async fn invalid_tokens_are_refused(app: TestApp) {
    for token in ["garbage", "", &"x".repeat(500)] {
        let response = app
            .client
            .get(app.url("/api/v1/me"))
            .header("Authorization", format!("Bearer {token}"))
            .send()
            .await
            .expect("sent");
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "token {token:.10}"
        );
    }
}

/// Logs in through the log-in page by hand (the CSRF cookie sent back explicitly, as a
/// cookie store would not over http once it is marked `Secure`), and returns every
/// `Set-Cookie` of the answer.
async fn log_in_with_the_form(app: &TestApp, handle: &str) -> Vec<String> {
    // The answer itself, not the page it redirects to, carries the cookie.
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = client
        .get(app.url("/login"))
        .send()
        .await
        .expect("log-in page");
    assert_eq!(response.status(), StatusCode::OK);
    // Behind https its name has the `__Host-` prefix.
    let csrf_cookie = set_cookies(&response)
        .into_iter()
        .find(|c| c.starts_with("outnumber_csrf=") || c.starts_with("__Host-outnumber_csrf="))
        .expect("a CSRF cookie");
    let page = response.text().await.expect("page");
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("a CSRF field") + marker.len();
    let token = page[start..].split('"').next().unwrap_or("").to_owned();
    let pair = csrf_cookie.split(';').next().unwrap_or("").to_owned();
    let response = client
        .post(app.url("/login"))
        .header("cookie", pair)
        .form(&[
            ("handle", handle),
            ("password", "correct horse battery"),
            ("csrf", &token),
        ])
        .send()
        .await
        .expect("log in");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mut cookies = set_cookies(&response);
    cookies.push(csrf_cookie);
    cookies
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect()
}

fn attributes(cookie: &str) -> Vec<String> {
    cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect()
}

/// Script on a page cannot read the session (HttpOnly), and another site's forms and
/// requests do not carry it (SameSite); over https it travels only over https (Secure).
async fn the_session_cookie_is_http_only_and_same_site(app: TestApp) {
    let backend = app.backend;
    app.register("rosa").await;
    let cookies = log_in_with_the_form(&app, "rosa").await;
    let session = cookies
        .iter()
        .find(|c| c.starts_with("outnumber_session="))
        .unwrap_or_else(|| panic!("no session cookie: {cookies:?}"));
    let flags = attributes(session);
    assert!(flags.contains(&"httponly".to_owned()), "{session}");
    assert!(
        flags.contains(&"samesite=lax".to_owned()) || flags.contains(&"samesite=strict".to_owned()),
        "{session}"
    );
    assert!(flags.contains(&"path=/".to_owned()), "{session}");
    assert!(
        !flags.contains(&"secure".to_owned()),
        "a server on plain http cannot use a Secure cookie: {session}"
    );
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("outnumber_csrf="))
        .expect("csrf");
    let flags = attributes(csrf);
    assert!(flags.contains(&"httponly".to_owned()), "{csrf}");
    assert!(flags.contains(&"samesite=strict".to_owned()), "{csrf}");

    // Behind https (`--public-url https://…`), every cookie is Secure as well.
    app.shutdown().await;
    let Some(app) = TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.secure_cookies = true;
    })
    .await
    else {
        return;
    };
    app.register("rosa").await;
    let cookies = log_in_with_the_form(&app, "rosa").await;
    assert!(cookies.len() >= 2, "{cookies:?}");
    for cookie in &cookies {
        let flags = attributes(cookie);
        assert!(flags.contains(&"secure".to_owned()), "{cookie}");
        assert!(flags.contains(&"httponly".to_owned()), "{cookie}");
    }
}
