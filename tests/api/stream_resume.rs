//! Streams that survive a restart: every stream starts with `retry:`, every event carries an
//! id, and every answer tells proxies not to buffer it. A client that reconnects to the
//! event stream with the id it heard last (`Last-Event-ID`, or `last_event_id` from a page's
//! new `EventSource`) first gets exactly the notifications it missed, oldest first, also
//! from a server started again in between; one whose id cannot be resumed from gets one
//! `missed` event, never an error. The state streams (an action's counts, an incident)
//! answer any reconnection with the current state at once.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use outnumber::core::Timestamp;

use crate::both;
use crate::common::{TestApp, User};

both!(
    every_stream_starts_with_retry_carries_ids_and_is_not_buffered,
    a_reconnection_gets_exactly_what_it_missed_across_a_restart,
    a_new_event_source_resumes_from_the_query,
    an_id_that_cannot_be_resumed_from_gets_one_missed_event,
    more_than_a_hundred_missed_gets_one_missed_event,
    state_streams_answer_a_reconnection_with_the_current_state,
);

/// The id a stream gives before it sent any notification: resuming from it is resuming from
/// the start of the inbox.
const BEFORE_ANY: &str = "0000000000000000";

/// One block of a server-sent-events stream, as a browser reads it.
#[derive(Debug, Default, Clone)]
struct Block {
    event: Option<String>,
    id: Option<String>,
    retry: Option<String>,
    data: String,
}

impl Block {
    fn parse(text: &str) -> Block {
        let mut block = Block::default();
        for line in text.lines() {
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value).to_owned();
            match field {
                "event" => block.event = Some(value),
                "id" => block.id = Some(value),
                "retry" => block.retry = Some(value),
                "data" => block.data.push_str(&value),
                _ => {}
            }
        }
        block
    }

    /// A comment (a keep-alive) carries nothing.
    fn is_comment(&self) -> bool {
        self.event.is_none() && self.id.is_none() && self.retry.is_none() && self.data.is_empty()
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.data).unwrap_or(Value::Null)
    }

    fn named(&self) -> &str {
        self.event.as_deref().unwrap_or("")
    }
}

/// An open stream and what was read of it but not yet parsed.
struct Open {
    response: reqwest::Response,
    buffer: String,
}

impl Open {
    async fn new(response: reqwest::Response, what: &str) -> Open {
        assert_eq!(response.status(), StatusCode::OK, "{what}");
        Open {
            response,
            buffer: String::new(),
        }
    }

    /// The next block that is not a comment; `None` when the stream ended or stayed silent
    /// for five seconds.
    async fn block(&mut self) -> Option<Block> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let text: String = self.buffer.drain(..end + 2).collect();
                let block = Block::parse(&text);
                if !block.is_comment() {
                    return Some(block);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Every event up to and including the first named `last`.
    async fn until(&mut self, last: &str) -> Vec<Block> {
        let mut blocks = Vec::new();
        loop {
            let block = self
                .block()
                .await
                .unwrap_or_else(|| panic!("no `{last}` event after {blocks:?}"));
            let done = block.named() == last;
            blocks.push(block);
            if done {
                return blocks;
            }
        }
    }

    /// Whether the stream ends (the server going away closes it).
    async fn ends(mut self) -> bool {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return false,
                Ok(Ok(None) | Err(_)) => return true,
                Ok(Ok(Some(_))) => {}
            }
        }
    }
}

async fn open(app: &TestApp, path: &str, user: Option<&User>, last_event_id: Option<&str>) -> Open {
    let mut request = app.client.get(app.url(path));
    if let Some(user) = user {
        request = request.bearer_auth(&user.token);
    }
    if let Some(id) = last_event_id {
        request = request.header("Last-Event-ID", id);
    }
    Open::new(request.send().await.expect("stream"), path).await
}

/// Opens the event stream and reads what it sends before it is live (up to `ready`).
async fn events(app: &TestApp, user: &User, last_event_id: Option<&str>) -> (Open, Vec<Block>) {
    let mut stream = open(app, "/api/v1/events", Some(user), last_event_id).await;
    let retry = stream.block().await.expect("the first block");
    assert_eq!(retry.retry.as_deref(), Some("3000"), "{retry:?}");
    let before = stream.until("ready").await;
    (stream, before)
}

fn named<'a>(blocks: &'a [Block], name: &str) -> Vec<&'a Block> {
    blocks.iter().filter(|b| b.named() == name).collect()
}

/// Rosa coordinates the depot and Amir is a member, so Amir is told of each meeting Rosa
/// schedules.
async fn depot(app: &TestApp) -> (User, User, String) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    (rosa, amir, depot)
}

async fn schedule(app: &TestApp, by: &User, committee: &str, title: &str) {
    let (status, meeting) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &by.token,
            json!({ "title": title, "starts_at": Timestamp::now().plus_hours(48).rfc3339(),
                    "location": "Union hall", "agenda": ["Report back"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
}

/// The ids of the member's notifications, oldest first, as the inbox lists them.
async fn inbox_ids(app: &TestApp, user: &User) -> Vec<String> {
    let (status, inbox) = app
        .get("/api/v1/notifications?limit=100", &user.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    let mut ids: Vec<String> = inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|n| n["id"].as_str().map(str::to_owned))
        .collect();
    ids.reverse();
    ids
}

async fn every_stream_starts_with_retry_carries_ids_and_is_not_buffered(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;

    // Before any notification, the id says so.
    let lupe = app.register("lupe").await;
    let (_, before) = events(&app, &lupe, None).await;
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0].id.as_deref(), Some(BEFORE_ANY), "{before:?}");

    // The event stream's ids are the member's own notifications: the newest when it opens,
    // then each one it sends.
    schedule(&app, &rosa, &depot, "Contract vote").await;
    let (mut stream, before) = events(&app, &amir, None).await;
    let newest = inbox_ids(&app, &amir).await.pop().expect("Amir was told");
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0].id.as_deref(), Some(newest.as_str()));
    schedule(&app, &rosa, &depot, "Strike vote").await;
    let live = stream
        .until("notification")
        .await
        .pop()
        .expect("a notification");
    assert_eq!(live.json()["kind"], "meeting_scheduled", "{live:?}");
    assert_eq!(live.id.as_deref(), live.json()["id"].as_str(), "{live:?}");

    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Strike for safe staffing", "kind": "strike", "public": true,
                    "starts_at": Timestamp::now().plus_hours(7 * 24).rfc3339(),
                    "threshold": { "pledges": 5 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let action = action["id"].as_str().expect("id").to_owned();
    let (status, incident) = app
        .post(
            &format!("/api/v1/committees/{depot}/incidents"),
            &rosa.token,
            json!({ "kind": "raid", "summary": "Agents at gate 3", "location": "Gate 3",
                    "urgency": "now" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{incident}");
    let incident = incident["id"].as_str().expect("id").to_owned();

    for (path, user, first) in [
        ("/api/v1/events".to_owned(), Some(&amir), "ready"),
        (
            format!("/api/v1/actions/{action}/stream"),
            Some(&amir),
            "counts",
        ),
        (
            format!("/api/v1/incidents/{incident}/stream"),
            Some(&amir),
            "incident",
        ),
        (
            format!("/api/v1/public/actions/{action}/stream"),
            None,
            "counts",
        ),
    ] {
        let mut stream = open(&app, &path, user, None).await;
        let headers = stream.response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        assert!(
            header("content-type").starts_with("text/event-stream"),
            "{path}"
        );
        assert_eq!(header("x-accel-buffering"), "no", "{path}");
        assert_eq!(header("cache-control"), "no-cache", "{path}");
        let retry = stream.block().await.expect("the first block");
        assert_eq!(retry.retry.as_deref(), Some("3000"), "{path}: {retry:?}");
        assert!(retry.event.is_none() && retry.data.is_empty(), "{path}");
        let event = stream.block().await.expect("the first event");
        assert_eq!(event.named(), first, "{path}: {event:?}");
        let id = event.id.clone().unwrap_or_default();
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{path}: the id {id:?}"
        );
    }
}

async fn a_reconnection_gets_exactly_what_it_missed_across_a_restart(mut app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let (mut stream, _) = events(&app, &amir, None).await;
    schedule(&app, &rosa, &depot, "Before the restart").await;
    let heard = stream
        .until("notification")
        .await
        .pop()
        .expect("a notification");
    let last = heard.id.clone().expect("an id");

    app.restart().await;
    assert!(stream.ends().await, "the stream should end with its server");
    for title in ["First missed", "Second missed", "Third missed"] {
        schedule(&app, &rosa, &depot, title).await;
    }

    let (mut stream, before) = events(&app, &amir, Some(&last)).await;
    let all = inbox_ids(&app, &amir).await;
    let missed: Vec<String> = all
        .iter()
        .skip_while(|id| **id != last)
        .skip(1)
        .cloned()
        .collect();
    assert_eq!(missed.len(), 3, "{all:?}");
    let replayed: Vec<&Block> = named(&before, "notification");
    let ids: Vec<String> = replayed
        .iter()
        .map(|b| b.json()["id"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(ids, missed, "the missed ones, oldest first: {before:?}");
    let titles: Vec<String> = replayed
        .iter()
        .map(|b| b.json()["text"].as_str().unwrap_or("").to_owned())
        .collect();
    for (text, title) in titles.iter().zip(["First", "Second", "Third"]) {
        assert!(text.contains(title), "{text}");
    }
    for block in &replayed {
        assert_eq!(
            block.id.as_deref(),
            block.json()["id"].as_str(),
            "{block:?}"
        );
    }
    assert!(named(&before, "missed").is_empty(), "{before:?}");
    let ready = before.last().expect("ready");
    assert_eq!(ready.id.as_deref(), missed.last().map(String::as_str));
    let (_, inbox) = app.get("/api/v1/notifications", &amir.token).await;
    assert_eq!(
        ready.json()["unread_count"],
        inbox["unread_count"],
        "{ready:?}"
    );

    // Live again, and nothing replayed comes twice.
    schedule(&app, &rosa, &depot, "After the reconnection").await;
    let next = stream.until("notification").await;
    assert_eq!(next.len(), 1, "{next:?}");
    assert!(
        next[0].json()["text"]
            .as_str()
            .unwrap_or("")
            .contains("After the reconnection"),
        "{next:?}"
    );

    // Caught up, a reconnection sends nothing again.
    let newest = next[0].id.clone().expect("an id");
    let (_, before) = events(&app, &amir, Some(&newest)).await;
    assert_eq!(before.len(), 1, "only `ready`: {before:?}");
    assert_eq!(before[0].id.as_deref(), Some(newest.as_str()));

    // From the start: everything in the inbox.
    let (_, before) = events(&app, &amir, Some(BEFORE_ANY)).await;
    let ids: Vec<String> = named(&before, "notification")
        .iter()
        .filter_map(|b| b.id.clone())
        .collect();
    assert_eq!(ids, inbox_ids(&app, &amir).await);
}

async fn a_new_event_source_resumes_from_the_query(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    schedule(&app, &rosa, &depot, "Heard").await;
    let heard = inbox_ids(&app, &amir).await.pop().expect("heard");
    schedule(&app, &rosa, &depot, "Missed").await;
    let missed = inbox_ids(&app, &amir).await.pop().expect("missed");

    let response = app
        .client
        .get(app.url(&format!("/api/v1/events?last_event_id={heard}")))
        .bearer_auth(&amir.token)
        .send()
        .await
        .expect("stream");
    let mut stream = Open::new(response, "events?last_event_id").await;
    let before = stream.until("ready").await;
    let ids: Vec<Option<String>> = named(&before, "notification")
        .iter()
        .map(|b| b.id.clone())
        .collect();
    assert_eq!(ids, vec![Some(missed.clone())], "{before:?}");

    // The header, which a browser sends when it reconnects by itself, wins over the query.
    let response = app
        .client
        .get(app.url(&format!("/api/v1/events?last_event_id={heard}")))
        .header("Last-Event-ID", &missed)
        .bearer_auth(&amir.token)
        .send()
        .await
        .expect("stream");
    let mut stream = Open::new(response, "events with both").await;
    let before = stream.until("ready").await;
    assert!(named(&before, "notification").is_empty(), "{before:?}");

    // A query that cannot be read is an id that cannot be resumed from.
    let response = app
        .client
        .get(app.url("/api/v1/events?last_event_id=a&last_event_id=b"))
        .bearer_auth(&amir.token)
        .send()
        .await
        .expect("stream");
    let mut stream = Open::new(response, "events with a doubled query").await;
    let before = stream.until("ready").await;
    assert_eq!(named(&before, "missed").len(), 1, "{before:?}");
}

async fn an_id_that_cannot_be_resumed_from_gets_one_missed_event(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    schedule(&app, &rosa, &depot, "Contract vote").await;
    // Rosa's own notification (Amir joined) is no id of Amir's, and tells Amir nothing.
    let rosas = inbox_ids(&app, &rosa)
        .await
        .pop()
        .expect("Rosa's notification");
    let newest = inbox_ids(&app, &amir)
        .await
        .pop()
        .expect("Amir's notification");
    for bogus in [
        "nonsense",
        "ffffffffffffffff",
        "0123456789abcdef",
        "12345",
        "0000000000000000 0",
        rosas.as_str(),
    ] {
        let (_, before) = events(&app, &amir, Some(bogus)).await;
        let names: Vec<&str> = before.iter().map(Block::named).collect();
        assert_eq!(names, vec!["missed", "ready"], "{bogus}: {before:?}");
        // The stream goes on from the newest, so the next reconnection resumes.
        for block in &before {
            assert_eq!(block.id.as_deref(), Some(newest.as_str()), "{bogus}");
        }
    }
    // Bytes that are no text at all.
    let response = app
        .client
        .get(app.url("/api/v1/events"))
        .header(
            "Last-Event-ID",
            reqwest::header::HeaderValue::from_bytes(b"caf\xe9").expect("header"),
        )
        .bearer_auth(&amir.token)
        .send()
        .await
        .expect("stream");
    let mut stream = Open::new(response, "events with bytes").await;
    let retry = stream.block().await.expect("retry");
    assert_eq!(retry.retry.as_deref(), Some("3000"));
    let before = stream.until("ready").await;
    let names: Vec<&str> = before.iter().map(Block::named).collect();
    assert_eq!(names, vec!["missed", "ready"], "{before:?}");
}

async fn more_than_a_hundred_missed_gets_one_missed_event(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    schedule(&app, &rosa, &depot, "Heard").await;
    let heard = inbox_ids(&app, &amir).await.pop().expect("heard");
    for n in 0..100 {
        schedule(&app, &rosa, &depot, &format!("Meeting {n}")).await;
    }
    // A hundred are sent again…
    let (_, before) = events(&app, &amir, Some(&heard)).await;
    assert_eq!(named(&before, "notification").len(), 100);
    assert!(named(&before, "missed").is_empty());
    // …a hundred and one are too many: read the page again.
    schedule(&app, &rosa, &depot, "One more").await;
    let newest = inbox_ids(&app, &amir).await.pop().expect("newest");
    let (_, before) = events(&app, &amir, Some(&heard)).await;
    let names: Vec<&str> = before.iter().map(Block::named).collect();
    assert_eq!(names, vec!["missed", "ready"], "{before:?}");
    assert_eq!(before[1].id.as_deref(), Some(newest.as_str()));
}

async fn state_streams_answer_a_reconnection_with_the_current_state(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Strike for safe staffing", "kind": "strike",
                    "starts_at": Timestamp::now().plus_hours(7 * 24).rfc3339(),
                    "threshold": { "pledges": 5 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let path = format!(
        "/api/v1/actions/{}/stream",
        action["id"].as_str().expect("id")
    );
    let first = |mut stream: Open| async move {
        stream.block().await.expect("retry");
        stream.block().await.expect("the first event")
    };
    let before = first(open(&app, &path, Some(&amir), None).await).await;
    assert_eq!(before.json()["pledged"], 0, "{before:?}");
    let version = before.id.clone().expect("an id");
    // The same state has the same version, whatever the reconnection says it heard.
    let again = first(open(&app, &path, Some(&amir), Some("nonsense")).await).await;
    assert_eq!(again.id.as_deref(), Some(version.as_str()));

    let (status, body) = app
        .call(
            reqwest::Method::POST,
            &format!("{}/pledges", path.trim_end_matches("/stream")),
            Some(&amir.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let after = first(open(&app, &path, Some(&amir), Some(&version)).await).await;
    assert_eq!(after.named(), "counts");
    assert_eq!(after.json()["pledged"], 1, "{after:?}");
    assert_ne!(
        after.id.as_deref(),
        Some(version.as_str()),
        "a new state, a new version"
    );
}
