use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, assert_error};

both!(
    the_inbox_pages_and_marks_read,
    the_event_stream_delivers_live_and_only_to_its_owner,
    the_event_stream_needs_a_session,
    marking_read_without_a_body_marks_everything,
);

async fn the_inbox_pages_and_marks_read(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let mut newest = String::new();
    for n in 0..7 {
        let worker = app.member(&rosa, &depot, &format!("worker{n}")).await;
        newest = app.shown_name(&worker).await;
    }
    let (status, inbox) = app.get("/api/v1/notifications?limit=5", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(inbox["unread_count"], 7);
    let first: Vec<Value> = inbox["items"].as_array().expect("items").clone();
    assert_eq!(first.len(), 5);
    assert!(
        first[0]["text"].as_str().unwrap_or("").contains(&newest),
        "newest first: {inbox}"
    );
    let next = inbox["next"].as_str().expect("a next page");
    let (_, rest) = app
        .get(
            &format!("/api/v1/notifications?limit=5&before={next}"),
            &rosa.token,
        )
        .await;
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(rest["next"], Value::Null);

    let (status, read) = app
        .post(
            "/api/v1/notifications/read",
            &rosa.token,
            json!({ "ids": [first[0]["id"]] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["unread_count"], 6);
    let (_, unread) = app
        .get("/api/v1/notifications?unread=true", &rosa.token)
        .await;
    assert_eq!(unread["items"].as_array().map(Vec::len), Some(6));
    let (_, read) = app
        .post("/api/v1/notifications/read", &rosa.token, json!({}))
        .await;
    assert_eq!(read["unread_count"], 0);

    // Someone else's notification id is not a cursor for you.
    let other = app.register("other").await;
    let answer = app
        .get(
            &format!("/api/v1/notifications?before={next}"),
            &other.token,
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
}

/// DESIGN: without `ids`, everything is marked read; a client may leave the body out.
async fn marking_read_without_a_body_marks_everything(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    for n in 0..3 {
        app.member(&rosa, &depot, &format!("worker{n}")).await;
    }
    let (_, inbox) = app.get("/api/v1/notifications", &rosa.token).await;
    assert_eq!(inbox["unread_count"], 3, "{inbox}");

    // No body, no content type at all.
    let response = app
        .client
        .post(app.url("/api/v1/notifications/read"))
        .bearer_auth(&rosa.token)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    let read: Value = response.json().await.expect("json");
    assert_eq!(read["unread_count"], 0, "{read}");
    let (_, unread) = app
        .get("/api/v1/notifications?unread=true", &rosa.token)
        .await;
    assert_eq!(
        unread["items"].as_array().map(Vec::len),
        Some(0),
        "{unread}"
    );

    // A body that is there must still be JSON.
    let response = app
        .client
        .post(app.url("/api/v1/notifications/read"))
        .bearer_auth(&rosa.token)
        .header("content-type", "text/plain")
        .body("ids")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

/// Reads server-sent events until one named `event` arrives, or the deadline passes.
pub async fn next_event(
    response: &mut reqwest::Response,
    buffer: &mut String,
    event: &str,
    within: Duration,
) -> Option<Value> {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        if let Some(found) = take_event(buffer, event) {
            return Some(found);
        }
        let chunk = tokio::time::timeout_at(deadline, response.chunk())
            .await
            .ok()?
            .ok()??;
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

fn take_event(buffer: &mut String, event: &str) -> Option<Value> {
    while let Some(end) = buffer.find("\n\n") {
        let block: String = buffer.drain(..end + 2).collect();
        let name = block.lines().find_map(|l| {
            l.strip_prefix("event: ")
                .or_else(|| l.strip_prefix("event:"))
        });
        let data: String = block
            .lines()
            .filter_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")))
            .collect();
        if name.map(str::trim) == Some(event) {
            return serde_json::from_str(&data).ok();
        }
    }
    None
}

async fn the_event_stream_delivers_live_and_only_to_its_owner(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let bystander = app.register("bystander").await;

    let mut rosa_stream = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&rosa.token)
        .send()
        .await
        .expect("stream");
    assert_eq!(rosa_stream.status(), StatusCode::OK);
    assert!(
        rosa_stream.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/event-stream")
    );
    let mut bystander_stream = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&bystander.token)
        .send()
        .await
        .expect("stream");
    let (mut rosa_buf, mut bystander_buf) = (String::new(), String::new());
    let ready = next_event(
        &mut rosa_stream,
        &mut rosa_buf,
        "ready",
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(ready, Some(json!({ "unread_count": 0 })));
    next_event(
        &mut bystander_stream,
        &mut bystander_buf,
        "ready",
        Duration::from_secs(5),
    )
    .await
    .expect("ready");

    let amir = app.member(&rosa, &depot, "amir").await;
    let amir_name = app.shown_name(&amir).await;
    let live = next_event(
        &mut rosa_stream,
        &mut rosa_buf,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("a live notification");
    assert_eq!(live["kind"], "member_joined");
    assert!(
        live["text"].as_str().unwrap_or("").contains(&amir_name),
        "{live}"
    );
    assert_eq!(live["committee_id"], json!(depot));

    let leaked = next_event(
        &mut bystander_stream,
        &mut bystander_buf,
        "notification",
        Duration::from_millis(500),
    )
    .await;
    assert_eq!(
        leaked, None,
        "another member's notification reached a bystander"
    );
}

async fn the_event_stream_needs_a_session(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/v1/events"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
