//! The web pages, driven like a browser without JavaScript: cookies, forms, redirects.

use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::both;
use crate::common::TestApp;

both!(
    a_person_joins_founds_and_invites_with_forms,
    forms_without_the_csrf_token_are_refused,
    a_planted_form_cookie_logs_nobody_in,
    private_pages_send_visitors_to_log_in,
    the_language_switch_changes_every_page,
    names_never_render_as_live_html,
    the_session_cookie_never_authorizes_api_writes,
    opening_a_notification_marks_it_read,
    another_committees_pages_do_not_exist_for_outsiders,
);

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Browser {
            client: reqwest::Client::builder()
                .no_proxy()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .expect("client"),
            base: app.base.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String, Option<String>) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get");
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, response.text().await.expect("text"), location)
    }

    /// Posts a form from the page at `from`, with the CSRF token found on that page.
    pub async fn submit(
        &self,
        from: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String, Option<String>) {
        let (_, page, _) = self.get(from).await;
        let csrf = csrf_of(&page);
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf", &csrf));
        self.post(action, &form).await
    }

    pub async fn post(
        &self,
        action: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, Option<String>) {
        let response = self
            .client
            .post(format!("{}{action}", self.base))
            .form(form)
            .send()
            .await
            .expect("post");
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, response.text().await.expect("text"), location)
    }
}

fn csrf_of(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page
        .find(marker)
        .expect("the page has a form with a CSRF token")
        + marker.len();
    page[start..].split('"').next().unwrap_or("").to_owned()
}

pub async fn register(browser: &Browser, handle: &str, invite: &str) -> Option<String> {
    let (status, body, location) = browser
        .submit(
            "/register",
            "/register",
            &[
                ("handle", handle),
                ("password", "correct horse battery"),
                ("display_name", handle),
                ("invite", invite),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    location
}

async fn a_person_joins_founds_and_invites_with_forms(app: TestApp) {
    let rosa = Browser::new(&app);
    assert_eq!(
        register(&rosa, "rosa", "").await.as_deref(),
        Some("/dashboard")
    );
    let (status, dashboard, _) = rosa.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(dashboard.contains("rosa"));

    let (status, body, location) = rosa
        .submit(
            "/committees/new",
            "/committees/new",
            &[
                ("kind", "workplace"),
                ("name", "Lake Street Depot"),
                ("workplace_type", "depot"),
                ("industry", "logistics"),
                ("region", "Minneapolis"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let committee_page = location.expect("redirect to the committee");
    let (_, page, _) = rosa.get(&committee_page).await;
    assert!(page.contains("Lake Street Depot"));

    let (status, _, location) = rosa
        .submit(
            &committee_page,
            &format!("{committee_page}/invites"),
            &[
                ("kind", "member"),
                ("max_uses", "3"),
                ("expires_in_hours", "24"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let invite_page = location.expect("redirect to the invite");
    let (status, invite, _) = rosa.get(&invite_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(invite.contains("qr.svg"), "the invite page shows a QR code");
    let code = invite_page.trim_start_matches("/invites/");
    assert!(invite.contains(code));

    // A coworker scans it, registers, and lands in the committee.
    let amir = Browser::new(&app);
    let (_, landing, _) = amir.get(&invite_page).await;
    assert!(landing.contains(&format!("/register?invite={code}")));
    assert_eq!(
        register(&amir, "amir", code).await.as_deref(),
        Some(committee_page.as_str())
    );
    let (_, page, _) = amir.get(&committee_page).await;
    assert!(page.contains("amir") && page.contains("rosa"));

    // Rosa makes Amir a coordinator from the members list.
    let amir_id = {
        let marker = "/members/";
        let mut ids = page
            .match_indices(marker)
            .map(|(i, _)| &page[i + marker.len()..i + marker.len() + 16]);
        ids.next().expect("a member action").to_owned()
    };
    let (status, _, _) = rosa
        .submit(
            &committee_page,
            &format!("{committee_page}/members/{amir_id}/role"),
            &[("role", "coordinator")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, audit, _) = amir.get(&format!("{committee_page}/audit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(audit.contains("coordinator"), "{audit}");

    // Logging out ends the session.
    let (status, _, _) = rosa.submit("/dashboard", "/logout", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, location) = rosa.get("/dashboard").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap_or_default().starts_with("/login"));
}

async fn forms_without_the_csrf_token_are_refused(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let (status, body, _) = rosa
        .post(
            "/committees/new",
            &[("kind", "council"), ("name", "Forged council")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("<html"), "an error page, not a bare text");
    let (status, _, _) = rosa
        .post(
            "/committees/new",
            &[
                ("kind", "council"),
                ("name", "Forged council"),
                ("csrf", "guessed-token-guessed-token"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.count_rows("committees").await, 0);
}

/// Someone who can set cookies for the site (a sibling subdomain, a network on plain http)
/// plants a form cookie of their choosing and posts the log-in form with a token to match,
/// to sign a member's browser into an account they control. Only a cookie the server made
/// carries a form token that passes; behind https the cookies are `__Host-` cookies, which
/// nobody else can set, and a planted cookie of the plain name counts for nothing.
async fn a_planted_form_cookie_logs_nobody_in(app: TestApp) {
    use outnumber::web::caller::CSRF_COOKIE;
    app.register("plant").await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(Policy::none())
        .build()
        .expect("client");
    let log_in = |cookie: String, token: String| {
        let request = client
            .post(app.url("/login"))
            .header("cookie", cookie)
            .form(&[
                ("handle", "plant"),
                ("password", "correct horse battery"),
                ("csrf", token.as_str()),
            ]);
        async move {
            let response = request.send().await.expect("posted");
            let sets_session = response
                .headers()
                .get_all("set-cookie")
                .iter()
                .any(|c| c.to_str().unwrap_or("").contains("outnumber_session="));
            (response.status(), sets_session)
        }
    };
    let planted = "planted-by-someone-else-0123456789abcdef".to_owned();
    assert_eq!(
        log_in(format!("{CSRF_COOKIE}={planted}"), planted.clone()).await,
        (StatusCode::FORBIDDEN, false),
        "a made-up cookie and the token to match"
    );

    // The pair the server hands out works; the same value with another MAC does not.
    let (cookie, token) = issued_pair(&client, &app, CSRF_COOKIE).await;
    let (nonce, _) = cookie.split_once('.').expect("a value and its MAC");
    assert_eq!(
        log_in(
            format!("{CSRF_COOKIE}={nonce}.{}", "A".repeat(24)),
            token.clone()
        )
        .await,
        (StatusCode::FORBIDDEN, false),
        "a cookie with a forged MAC"
    );
    assert_eq!(
        log_in(format!("{CSRF_COOKIE}={cookie}"), cookie.clone()).await,
        (StatusCode::FORBIDDEN, false),
        "the cookie is not its own form token"
    );
    assert_eq!(
        log_in(format!("{CSRF_COOKIE}={cookie}"), token).await,
        (StatusCode::SEE_OTHER, true)
    );

    // Behind https, the form cookie is a `__Host-` cookie; one of the plain name, even one the
    // server made, is not looked at.
    let backend = app.backend;
    app.shutdown().await;
    let Some(app) = TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.public_url = "https://outnumber.example.org".into();
        config.secure_cookies = true;
    })
    .await
    else {
        return;
    };
    app.register("plant").await;
    let response = client.get(app.url("/login")).send().await.expect("page");
    let set: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap_or("").to_owned())
        .collect();
    let form_cookie = set
        .iter()
        .find(|c| c.starts_with("__Host-outnumber_csrf="))
        .unwrap_or_else(|| panic!("a __Host- form cookie: {set:?}"));
    let attributes: Vec<String> = form_cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect();
    for wanted in ["secure", "path=/", "httponly", "samesite=strict"] {
        assert!(attributes.contains(&wanted.to_owned()), "{form_cookie}");
    }
    assert!(
        !attributes.iter().any(|a| a.starts_with("domain")),
        "{form_cookie}"
    );
    let (cookie, token) = issued_pair(&client, &app, "__Host-outnumber_csrf").await;
    let post = |cookie: String| {
        client
            .post(app.url("/login"))
            .header("cookie", cookie)
            .form(&[
                ("handle", "plant"),
                ("password", "correct horse battery"),
                ("csrf", token.as_str()),
            ])
            .send()
    };
    let plain = post(format!("{CSRF_COOKIE}={cookie}"))
        .await
        .expect("posted");
    assert_eq!(
        plain.status(),
        StatusCode::FORBIDDEN,
        "a plain-named cookie"
    );
    let prefixed = post(format!("__Host-outnumber_csrf={cookie}"))
        .await
        .expect("posted");
    assert_eq!(prefixed.status(), StatusCode::SEE_OTHER);
    let session = prefixed
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap_or("").to_owned())
        .find(|c| c.contains("outnumber_session="))
        .expect("a session cookie");
    assert!(
        session.starts_with("__Host-outnumber_session=") && session.contains("Secure"),
        "{session}"
    );
}

/// The form cookie `name` a log-in page hands out, and the form token on that page.
async fn issued_pair(client: &reqwest::Client, app: &TestApp, name: &str) -> (String, String) {
    let response = client.get(app.url("/login")).send().await.expect("page");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .and_then(|c| c.split(';').next())
        .expect("a form cookie")
        .to_owned();
    let page = response.text().await.expect("page");
    (cookie, csrf_of(&page))
}

async fn private_pages_send_visitors_to_log_in(app: TestApp) {
    let visitor = Browser::new(&app);
    for path in [
        "/dashboard",
        "/notifications",
        "/settings",
        "/committees/new",
    ] {
        let (status, _, location) = visitor.get(path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(
            location.as_deref(),
            Some(format!("/login?next={path}").as_str())
        );
    }
    let (status, page, _) = visitor.get("/committees/0000000000000001").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let (status, page, _) = visitor.get("/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("<html"));
}

async fn the_language_switch_changes_every_page(app: TestApp) {
    let ana = Browser::new(&app);
    let (_, home, _) = ana.get("/").await;
    assert!(home.contains("<html lang=\"en\""));
    let (status, _, location) = ana
        .submit("/", "/language", &[("language", "es"), ("back", "/login")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login"));
    let (_, login, _) = ana.get("/login").await;
    assert!(login.contains("<html lang=\"es\""));
    assert!(login.contains("Entrar"));
    // Registering keeps the language on the account.
    register(&ana, "ana", "").await;
    let (_, dashboard, _) = ana.get("/dashboard").await;
    assert!(dashboard.contains("Tus comités"), "{dashboard}");
    // A language switch also never leaves the site.
    let (_, _, location) = ana
        .submit(
            "/dashboard",
            "/language",
            &[("language", "en"), ("back", "https://evil.example/")],
        )
        .await;
    assert_eq!(location.as_deref(), Some("/dashboard"));
}

async fn names_never_render_as_live_html(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let (_, _, location) = rosa
        .submit(
            "/committees/new",
            "/committees/new",
            &[("kind", "council"), ("name", evil)],
        )
        .await;
    let (_, page, _) = rosa.get(&location.expect("created")).await;
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"));
    assert!(page.contains("&lt;script&gt;") || page.contains("&#60;script&#62;"));
}

async fn the_session_cookie_never_authorizes_api_writes(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let response = rosa
        .client
        .post(format!("{}/api/v1/committees", rosa.base))
        .json(&serde_json::json!({ "name": "Council", "kind": "council" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Reads work, so the page's script can open the event stream.
    let response = rosa
        .client
        .get(format!("{}/api/v1/me", rosa.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count_rows("committees").await, 0);
}

async fn opening_a_notification_marks_it_read(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let (_, _, committee) = rosa
        .submit(
            "/committees/new",
            "/committees/new",
            &[("kind", "council"), ("name", "Council")],
        )
        .await;
    let committee = committee.expect("committee");
    let (_, _, invite) = rosa
        .submit(
            &committee,
            &format!("{committee}/invites"),
            &[("kind", "member")],
        )
        .await;
    let code = invite
        .expect("invite")
        .trim_start_matches("/invites/")
        .to_owned();
    register(&Browser::new(&app), "amir", &code).await;

    let (_, inbox, _) = rosa.get("/notifications").await;
    let link = inbox
        .split('"')
        .find(|piece| piece.starts_with("/notifications/") && piece.ends_with("/open"))
        .expect("a notification link")
        .to_owned();
    assert!(link.ends_with("/open"), "{link}");
    let (status, _, location) = rosa.get(&link).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(committee.as_str()));
    let unread: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE read_at IS NULL")
            .fetch_one(app.app().db.pool())
            .await
            .expect("count");
    assert_eq!(unread, 0);
    // Someone else's notification is not yours to open.
    let other = Browser::new(&app);
    register(&other, "other", "").await;
    let (status, _, _) = other.get(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Secrecy by default, on the pages: a signed-in member of another committee gets the same
/// 404 for a committee's pages (and its council's) as for a committee that does not exist,
/// and learns not even its name.
async fn another_committees_pages_do_not_exist_for_outsiders(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let june = app.register("june").await;
    let council = app.council(&june, "Eastside Council").await;
    app.affiliate(&june, &council, &rosa, &depot).await;

    let mallory = Browser::new(&app);
    register(&mallory, "mallory", "").await;
    let (status, body, _) = mallory
        .submit(
            "/committees/new",
            "/committees/new",
            &[
                ("kind", "workplace"),
                ("name", "Midway Warehouse"),
                ("workplace_type", "warehouse"),
                ("industry", "logistics"),
                ("region", "Saint Paul"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");

    let mut paths = Vec::new();
    for committee in [&depot, &council] {
        for page in [
            "",
            "/audit",
            "/meetings",
            "/motions",
            "/demands",
            "/program",
            "/actions",
            "/bulletins",
            "/delegates",
        ] {
            paths.push(format!("/committees/{committee}{page}"));
        }
    }
    // What a committee that does not exist looks like.
    let (status, nowhere, _) = mallory.get("/committees/0000000000000001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for path in &paths {
        let (status, page, _) = mallory.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {page}");
        assert!(
            !page.contains("Lake Street") && !page.contains("Eastside"),
            "{path} names the committee: {page}"
        );
        assert_eq!(
            page.matches("<h1").count(),
            nowhere.matches("<h1").count(),
            "{path} looks unlike a missing committee"
        );
    }

    // The same pages exist for the depot's own coordinator (the test is not vacuous).
    let rosa_browser = Browser::new(&app);
    let (status, _, _) = rosa_browser
        .submit(
            "/login",
            "/login",
            &[("handle", "rosa"), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    for path in [
        format!("/committees/{depot}"),
        format!("/committees/{depot}/audit"),
    ] {
        let (status, page, _) = rosa_browser.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(page.contains("Lake Street Depot"), "{path}");
    }
    let june_browser = Browser::new(&app);
    june_browser
        .submit(
            "/login",
            "/login",
            &[("handle", "june"), ("password", "correct horse battery")],
        )
        .await;
    let (status, page, _) = june_browser.get(&format!("/committees/{council}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Eastside Council"));
}
