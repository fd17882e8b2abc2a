//! Every language the server offers reaches a person through every door: the browser's
//! `Accept-Language`, the language switch and the account's own language, in pages, API
//! errors and notifications. Somali and Hmong are checked by name; the words expected are
//! read from the translations, so a native speaker's corrections do not break the tests.

use outnumber::core::Timestamp;
use outnumber::core::fields::Language;
use outnumber::i18n::{Arg, Splice, Tr};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User};
use crate::pages::{Browser, register};

both!(
    pages_and_api_errors_follow_accept_language,
    the_language_switch_offers_every_language_and_the_account_keeps_it,
    notifications_put_articles_and_plurals_right_in_each_language,
);

/// Text as the templates write it into HTML.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

async fn page_in(app: &TestApp, path: &str, accept_language: &str) -> (StatusCode, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-language", accept_language)
        .send()
        .await
        .expect("sent");
    let status = response.status();
    (status, response.text().await.expect("text"))
}

async fn api_in(
    app: &TestApp,
    path: &str,
    body: Value,
    accept_language: &str,
) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(path))
        .header("accept-language", accept_language)
        .json(&body)
        .send()
        .await
        .expect("sent");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn pages_and_api_errors_follow_accept_language(app: TestApp) {
    for (header, lang) in [
        ("so-SO,so;q=0.9,en;q=0.5", Language::So),
        ("en;q=0.4, so;q=0.8", Language::So),
        ("hmn-US,hmn;q=0.9", Language::Hmn),
        ("mww,en;q=0.8", Language::Hmn),
        ("es-MX,es;q=0.9", Language::Es),
        ("de, fr;q=0.8", Language::En),
    ] {
        let tr = Tr::new(lang);
        let (status, home) = page_in(&app, "/", header).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            home.contains(&format!("<html lang=\"{lang}\"")),
            "{header}: {home}"
        );
        assert!(
            home.contains(&html(&tr.t("home-heading"))),
            "{header}: {home}"
        );
        assert!(home.contains(&html(&tr.t("nav-login"))), "{header}");

        let (status, missing) = page_in(&app, "/no-such-page", header).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            missing.contains(&format!("<html lang=\"{lang}\"")),
            "{header}"
        );
        assert!(
            missing.contains(&html(&tr.t("error-not-found"))),
            "{header}: {missing}"
        );

        // An API error, in words and with its stable code.
        let (status, body) = api_in(
            &app,
            "/api/v1/sessions",
            json!({ "handle": "nobody", "password": "not the password" }),
            header,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        assert_eq!(body["error"]["code"], "invalid_credentials");
        assert_eq!(
            body["error"]["message"],
            tr.t("error-invalid-credentials"),
            "{header}"
        );

        // A refused field is named by its label in the language, with the count in words.
        let (status, body) = api_in(
            &app,
            "/api/v1/accounts",
            json!({ "handle": "x", "password": "correct horse battery" }),
            header,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "invalid_handle");
        let expected = tr.with(
            "invalid-too-short",
            &[
                ("field", Arg::Text(tr.t("field-handle"))),
                ("min", Arg::Number(3)),
            ],
        );
        assert_eq!(body["error"]["message"], expected.as_str(), "{header}");
    }
}

async fn the_language_switch_offers_every_language_and_the_account_keeps_it(app: TestApp) {
    let hodan = Browser::new(&app);
    let (_, home, _) = hodan.get("/").await;
    for lang in Language::ALL {
        assert!(
            home.contains(&format!("name=\"language\" value=\"{lang}\"")),
            "no button for {lang}: {home}"
        );
        assert!(home.contains(&html(&Tr::new(*lang).t(&format!("language-{lang}")))));
    }

    let so = Tr::new(Language::So);
    let (status, _, location) = hodan
        .submit("/", "/language", &[("language", "so"), ("back", "/login")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login"));
    let (_, login, _) = hodan.get("/login").await;
    assert!(login.contains("<html lang=\"so\""), "{login}");
    assert!(login.contains(&html(&so.t("login-title"))), "{login}");
    assert!(login.contains("aria-current=\"true\">Soomaali<"), "{login}");

    // Registering keeps the language on the account.
    register(&hodan, "hodan", "").await;
    let (_, dashboard, _) = hodan.get("/dashboard").await;
    assert!(
        dashboard.contains(&html(&so.t("dashboard-title"))),
        "{dashboard}"
    );
    let user = app.log_in("hodan").await;
    let (_, me) = app.get("/api/v1/me", &user.token).await;
    assert_eq!(me["language"], "so", "{me}");

    // Switching to Hmong from the dashboard changes the account too: its API errors are
    // in Hmong whatever the request asks for.
    let hmn = Tr::new(Language::Hmn);
    let (status, _, location) = hodan
        .submit(
            "/dashboard",
            "/language",
            &[("language", "hmn"), ("back", "/dashboard")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/dashboard"));
    let (_, dashboard, _) = hodan.get("/dashboard").await;
    assert!(dashboard.contains("<html lang=\"hmn\""), "{dashboard}");
    assert!(
        dashboard.contains(&html(&hmn.t("dashboard-title"))),
        "{dashboard}"
    );
    let response = app
        .client
        .get(app.url("/api/v1/committees/0000000000000001"))
        .bearer_auth(&user.token)
        .header("accept-language", "en")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["message"], hmn.t("error-not-found"), "{body}");

    // The API takes the new languages too, and still refuses one it does not offer.
    for language in ["so", "hmn"] {
        let (status, me) = app
            .call(
                Method::PATCH,
                "/api/v1/me",
                Some(&user.token),
                Some(json!({ "language": language })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["language"], language);
    }
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&user.token),
            Some(json!({ "language": "mww" })),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "invalid_language");
}

async fn set_language(app: &TestApp, user: &User, language: Language) {
    let (status, me) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&user.token),
            Some(json!({ "language": language.as_str() })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
}

/// The text of `user`'s notification of `kind` about `subject`, waiting for it a little:
/// large audiences are written by a job after the commit.
async fn newest(app: &TestApp, user: &User, kind: &str, subject: &str) -> String {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (_, inbox) = app.get("/api/v1/notifications", &user.token).await;
        let found = inbox["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["kind"] == kind && n["subject_id"] == subject)
            .and_then(|n| n["text"].as_str())
            .map(str::to_owned);
        if let Some(text) = found {
            return text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no {kind} for {}: {inbox}",
            user.handle
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn notifications_put_articles_and_plurals_right_in_each_language(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let mut readers = Vec::new();
    for lang in Language::ALL {
        let reader = app.member(&rosa, &depot, &format!("reader-{lang}")).await;
        set_language(&app, &reader, *lang).await;
        readers.push((*lang, reader));
    }

    let mut subjects = Vec::new();
    for kind in ["raid", "staging"] {
        let (status, incident) = app
            .post(
                &format!("/api/v1/committees/{depot}/incidents"),
                &rosa.token,
                json!({ "kind": kind, "summary": "Agents at the gate", "location": "Gate 3",
                        "urgency": "soon" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{incident}");
        let subject = incident["id"].as_str().expect("id").to_owned();
        for (lang, reader) in &readers {
            let tr = Tr::new(*lang);
            let text = newest(&app, reader, "incident_reported", &subject).await;
            let mut args = tr.splice(&Splice::INCIDENT, kind).to_vec();
            args.extend([
                ("committee", Arg::from("Depot")),
                ("summary", Arg::from("Agents at the gate")),
                ("location", Arg::from("Gate 3")),
            ]);
            assert_eq!(
                text,
                tr.with("notification-incident-reported", &args),
                "{lang}"
            );
        }
        subjects.push(subject);
    }
    // Spelled out for the two languages with articles, so the forms are not only consistent
    // with themselves.
    let reader_in = |lang: Language| {
        readers
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, reader)| reader)
            .expect("reader")
    };
    let english = newest(
        &app,
        reader_in(Language::En),
        "incident_reported",
        &subjects[1],
    )
    .await;
    assert!(
        english.contains("reports an enforcement staging"),
        "{english}"
    );
    let english = newest(
        &app,
        reader_in(Language::En),
        "incident_reported",
        &subjects[0],
    )
    .await;
    assert!(english.contains("reports a raid"), "{english}");
    let spanish = newest(
        &app,
        reader_in(Language::Es),
        "incident_reported",
        &subjects[1],
    )
    .await;
    assert!(
        spanish.contains("avisa de un despliegue de agentes"),
        "{spanish}"
    );

    // An action called: "calls a strike", "convoca una huelga".
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Safe staffing", "kind": "strike",
                    "starts_at": Timestamp::now().plus_millis(7 * 24 * 3600 * 1000).rfc3339(),
                    "threshold": { "pledges": 1 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let id = action["id"].as_str().expect("id").to_owned();
    let english = newest(&app, reader_in(Language::En), "action_called", &id).await;
    assert!(
        english.contains("Depot calls a strike: Safe staffing"),
        "{english}"
    );
    let spanish = newest(&app, reader_in(Language::Es), "action_called", &id).await;
    assert!(
        spanish.contains("Depot convoca una huelga: Safe staffing"),
        "{spanish}"
    );

    // One pledge meets the threshold: "one pledge", never "1 pledges".
    let (status, _) = app
        .post(
            &format!("/api/v1/actions/{id}/pledges"),
            &reader_in(Language::Es).token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    for (lang, reader) in &readers {
        let tr = Tr::new(*lang);
        let text = newest(&app, reader, "action_activated", &id).await;
        let expected = tr.with(
            "notification-action-activated",
            &[
                ("title", "Safe staffing".into()),
                ("pledged", Arg::Number(1)),
            ],
        );
        assert_eq!(text, expected, "{lang}");
    }
    let spanish = newest(&app, reader_in(Language::Es), "action_activated", &id).await;
    assert!(spanish.ends_with("Un compromiso."), "{spanish}");
}
