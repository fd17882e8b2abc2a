//! Bad input gets a clear 4xx with an error code and changes nothing.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, assert_error};

both!(
    malformed_json_is_refused,
    wrong_types_and_missing_fields_are_refused,
    empty_and_oversized_fields_are_refused,
    oversized_bodies_get_413,
    unknown_routes_and_methods_answer_in_json,
    errors_speak_the_callers_language,
    bad_query_values_answer_a_translated_400,
    security_headers_are_on_every_answer,
    openapi_document_describes_the_api,
);

async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut request = app.client.request(method, app.url(path)).body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let response = request.send().await.expect("sent");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn malformed_json_is_refused(app: TestApp) {
    let rosa = app.register("rosa").await;
    for body in ["{", "{\"name\": }", "{\"name\" \"x\"}", "\u{0}", "[1,2"] {
        let answer = raw(
            &app,
            Method::POST,
            "/api/v1/committees",
            Some(&rosa.token),
            Some("application/json"),
            body.into(),
        )
        .await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed_json");
    }
    let answer = raw(
        &app,
        Method::POST,
        "/api/v1/committees",
        Some(&rosa.token),
        Some("text/plain"),
        b"{}".to_vec(),
    )
    .await;
    assert_error(
        &answer,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    let answer = raw(
        &app,
        Method::POST,
        "/api/v1/accounts",
        None,
        None,
        b"handle=x".to_vec(),
    )
    .await;
    assert_error(
        &answer,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    assert_eq!(app.count_rows("committees").await, 0);
    assert_eq!(app.count_rows("accounts").await, 1);
}

async fn wrong_types_and_missing_fields_are_refused(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let cases = [
        (
            Method::POST,
            "/api/v1/committees".to_owned(),
            json!({ "name": 5, "kind": "council" }),
        ),
        (
            Method::POST,
            "/api/v1/committees".to_owned(),
            json!({ "kind": "council" }),
        ),
        (
            Method::POST,
            "/api/v1/committees".to_owned(),
            json!([1, 2, 3]),
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/invites"),
            json!({ "max_uses": "ten" }),
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/invites"),
            json!({ "max_uses": 1.5 }),
        ),
        (
            Method::PUT,
            format!("/api/v1/committees/{depot}/members/{}", rosa.id),
            json!({ "role": null }),
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/affiliations"),
            json!({ "code": ["a"] }),
        ),
        (
            Method::POST,
            "/api/v1/notifications/read".to_owned(),
            json!({ "ids": ["not-an-id"] }),
        ),
        (
            Method::POST,
            "/api/v1/sessions".to_owned(),
            json!({ "handle": "rosa" }),
        ),
    ];
    for (method, path, body) in cases {
        let answer = app
            .call(method, &path, Some(&rosa.token), Some(body.clone()))
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    }
    let too_big = raw(
        &app,
        Method::POST,
        &format!("/api/v1/committees/{depot}/invites"),
        Some(&rosa.token),
        Some("application/json"),
        b"{\"max_uses\": 99999999999999999999999}".to_vec(),
    )
    .await;
    assert_error(&too_big, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(json!({ "handle": ["rosa"], "password": 12345678 })),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    assert_eq!(app.count_rows("committees").await, 1);
    assert_eq!(app.count_rows("invites").await, 0);
}

async fn empty_and_oversized_fields_are_refused(app: TestApp) {
    let rosa = app.register("rosa").await;
    let long = "x".repeat(10_000);
    let cases = [
        (json!({ "name": "", "kind": "council" }), "invalid_name"),
        (json!({ "name": "   ", "kind": "council" }), "invalid_name"),
        (json!({ "name": long, "kind": "council" }), "invalid_name"),
        (
            json!({ "name": "Council", "kind": "council", "region": long }),
            "invalid_region",
        ),
        (
            json!({ "name": "Depot", "kind": "workplace", "workplace_type": "depot", "industry": "", "region": "x" }),
            "invalid_industry",
        ),
        (
            json!({ "name": "Bad\u{202E}name", "kind": "council" }),
            "invalid_name",
        ),
    ];
    for (body, code) in cases {
        let answer = app.post("/api/v1/committees", &rosa.token, body).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
        assert_eq!(
            answer.1["error"]["field"],
            json!(code.trim_start_matches("invalid_"))
        );
    }
    let accounts = [
        (
            json!({ "handle": "", "password": "correct horse battery" }),
            "invalid_handle",
        ),
        (
            json!({ "handle": "a b", "password": "correct horse battery" }),
            "invalid_handle",
        ),
        (
            json!({ "handle": long, "password": "correct horse battery" }),
            "invalid_handle",
        ),
        (
            json!({ "handle": "newbie", "password": "short" }),
            "invalid_password",
        ),
        (
            json!({ "handle": "newbie", "password": long }),
            "invalid_password",
        ),
        (
            json!({ "handle": "newbie", "password": "correct horse battery", "display_name": long }),
            "invalid_display_name",
        ),
        (
            json!({ "handle": "newbie", "password": "correct horse battery", "language": "fr" }),
            "invalid_language",
        ),
    ];
    for (body, code) in accounts {
        let answer = app
            .call(Method::POST, "/api/v1/accounts", None, Some(body))
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    assert_eq!(app.count_rows("committees").await, 0);
    assert_eq!(app.count_rows("accounts").await, 1);
}

async fn oversized_bodies_get_413(app: TestApp) {
    let rosa = app.register("rosa").await;
    let huge = format!(
        "{{\"name\": \"{}\", \"kind\": \"council\"}}",
        "x".repeat(200_000)
    );
    let answer = raw(
        &app,
        Method::POST,
        "/api/v1/committees",
        Some(&rosa.token),
        Some("application/json"),
        huge.into_bytes(),
    )
    .await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    assert_eq!(app.count_rows("committees").await, 0);

    // A page form too: the body limit (64 KiB) is the same for every route.
    let huge_form = format!("handle=rosa&password={}&csrf=x", "x".repeat(200_000));
    let response = app
        .client
        .post(app.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge_form)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Just under the limit is read (and refused for what it says, not its size).
    let under = json!({ "name": "x".repeat(60_000), "kind": "council" });
    let answer = app.post("/api/v1/committees", &rosa.token, under).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_name");
}

async fn unknown_routes_and_methods_answer_in_json(app: TestApp) {
    let rosa = app.register("rosa").await;
    let answer = app.get("/api/v1/no-such-thing", &rosa.token).await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    let answer = app
        .call(
            Method::PATCH,
            "/api/v1/committees",
            Some(&rosa.token),
            Some(json!({})),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
}

async fn errors_speak_the_callers_language(app: TestApp) {
    let response = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("accept-language", "es-MX,es;q=0.9")
        .json(&json!({ "handle": "nadie", "password": "no es la clave" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "invalid_credentials");
    assert_eq!(
        body["error"]["message"],
        "Usuario o contraseña incorrectos."
    );
}

/// A query string of the wrong types is refused by axum before any handler runs; the answer
/// is still the JSON contract, in the caller's language, with axum's detail kept for
/// developers.
async fn bad_query_values_answer_a_translated_400(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let sofia = app.member(&rosa, &depot, "sofia").await;
    let (status, me) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&sofia.token),
            Some(json!({ "language": "es" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");

    let audit = format!("/api/v1/committees/{depot}/audit?page=x");
    let paths = [
        "/api/v1/notifications?limit=abc",
        "/api/v1/notifications?unread=maybe",
        "/api/v1/notifications?limit=99999999999999999999999",
        audit.as_str(),
    ];
    for path in paths {
        for (who, opening) in [
            (&rosa, "The request could not be read"),
            (&sofia, "No se pudo leer la petición"),
        ] {
            let answer = app.get(path, &who.token).await;
            assert_error(&answer, StatusCode::BAD_REQUEST, "bad_request");
            let message = answer.1["error"]["message"].as_str().unwrap_or("");
            assert!(message.starts_with(opening), "{path}: {message}");
            assert!(
                !message.contains('{') && !message.contains("Unknown localization"),
                "{path}: {message}"
            );
        }
    }

    // An account's own language wins over the request's.
    let response = app
        .client
        .get(app.url("/api/v1/notifications?limit=abc"))
        .bearer_auth(&rosa.token)
        .header("accept-language", "es")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("json");
    let message = body["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with("The request could not be read"),
        "{body}"
    );

    // A page refuses such a request with an error page in the visitor's language (a field
    // given twice cannot be read), not with a raw placeholder.
    for (language, words) in [("en", "could not be read"), ("es", "No se pudo leer")] {
        let page = app
            .client
            .get(app.url("/login?next=/a&next=/b"))
            .header("accept-language", language)
            .send()
            .await
            .expect("sent");
        assert_eq!(page.status(), StatusCode::BAD_REQUEST);
        let text = page.text().await.expect("text");
        assert!(text.contains(words), "{language}: {text}");
        assert!(
            !text.contains("$detail") && !text.contains("Unknown localization"),
            "{language}: {text}"
        );
    }
}

async fn security_headers_are_on_every_answer(app: TestApp) {
    for path in ["/", "/login", "/api/v1/me", "/healthz", "/static/app.js"] {
        let response = app.client.get(app.url(path)).send().await.expect("sent");
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().expect("csp");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
    }
}

async fn openapi_document_describes_the_api(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().await.expect("json");
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    for path in [
        "/accounts",
        "/sessions",
        "/sessions/current",
        "/me",
        "/committees",
        "/committees/{id}",
        "/committees/{id}/members",
        "/committees/{id}/invites",
        "/invites/{code}/accept",
        "/committees/{id}/affiliations",
        "/committees/{id}/audit",
        "/notifications",
        "/notifications/read",
        "/events",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"].get("ErrorBody").is_some());
}
