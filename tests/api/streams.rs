//! A live stream ends with the right to it: the event stream, an action's counts and an
//! incident's page stream close within a second when their session ends (log-out, a
//! password change elsewhere, deleting the account) and when the member loses the right to
//! what the stream shows (removed from the committee, the committee disaffiliated from the
//! council), and what happens afterwards never reaches them. Each test also keeps a stream
//! that still has the right open, and sees it receive what the others must not: the
//! triggers are real, and only the streams that lost their right are ended.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use outnumber::core::Timestamp;

use crate::both;
use crate::common::{TestApp, User};
use crate::notifications::next_event;
use crate::pages::{Browser, register};

both!(
    a_log_out_ends_every_stream_of_the_session,
    a_password_change_ends_the_streams_of_the_other_sessions,
    deleting_the_account_ends_its_streams,
    a_removed_member_loses_the_committees_streams,
    a_disaffiliation_ends_the_councils_streams_for_the_committees_members,
    a_log_out_on_the_pages_ends_the_pages_streams,
    a_profile_edit_keeps_the_streams,
);

/// How long a stream may take to end once its right is gone: the promise is a second, and
/// the rest leaves room for a loaded machine.
const ENDS_WITHIN: Duration = Duration::from_secs(2);

/// An open server-sent-events response and what was read of it but not yet parsed.
struct Open {
    response: reqwest::Response,
    buffer: String,
}

impl Open {
    /// Reads until the next event named `event`, for the streams that must go on.
    async fn next(&mut self, event: &str) -> Option<Value> {
        next_event(
            &mut self.response,
            &mut self.buffer,
            event,
            Duration::from_secs(5),
        )
        .await
    }

    /// Whether the stream ends within [`ENDS_WITHIN`] without sending an event before it
    /// does (comments, such as keep-alives, carry nothing).
    async fn ends_quietly(mut self) -> Result<(), String> {
        let deadline = tokio::time::Instant::now() + ENDS_WITHIN;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if block
                    .lines()
                    .any(|l| l.starts_with("event:") || l.starts_with("data:"))
                {
                    return Err(format!(
                        "sent an event after the right to it ended: {block}"
                    ));
                }
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return Err(format!("still open {ENDS_WITHIN:?} later")),
                // The body ended, or the connection was closed: either way, it is over.
                Ok(Ok(None) | Err(_)) => break,
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
            }
        }
        if self.buffer.contains("event:") || self.buffer.contains("data:") {
            return Err(format!(
                "sent part of an event after the right to it ended: {}",
                self.buffer
            ));
        }
        Ok(())
    }
}

/// Asserts that every one of the streams ends quietly (see [`Open::ends_quietly`]); they
/// are watched at once, and every one that does not is named.
async fn all_end_quietly(streams: Vec<(String, Open)>) {
    let results =
        futures_util::future::join_all(streams.into_iter().map(|(what, open)| async move {
            open.ends_quietly()
                .await
                .map_err(|e| format!("{what}: {e}"))
        }))
        .await;
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Opens a stream with a bearer token and reads its first event, `first`.
async fn open(app: &TestApp, path: &str, user: &User, first: &str) -> Open {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("stream");
    opened(response, path, first).await
}

async fn opened(response: reqwest::Response, path: &str, first: &str) -> Open {
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let mut open = Open {
        response,
        buffer: String::new(),
    };
    open.next(first)
        .await
        .unwrap_or_else(|| panic!("{path}: the first `{first}` event"));
    open
}

/// Rosa coordinates the depot; Amir and Lupe are members. An action gathers pledges and an
/// incident is open, so that each kind of stream has something to show.
struct Depot {
    depot: String,
    rosa: User,
    amir: User,
    lupe: User,
    action: String,
    incident: String,
}

async fn depot(app: &TestApp) -> Depot {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let lupe = app.member(&rosa, &depot, "lupe").await;
    let action = call_strike(app, &rosa, &depot).await;
    let incident = report(app, &rosa, &depot, "Agents at gate 3 asking for papers").await;
    Depot {
        depot,
        rosa,
        amir,
        lupe,
        action,
        incident,
    }
}

async fn call_strike(app: &TestApp, by: &User, committee: &str) -> String {
    let starts_at = Timestamp::now().plus_hours(7 * 24).rfc3339();
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{committee}/actions"),
            &by.token,
            json!({ "title": "Strike for safe staffing", "kind": "strike",
                    "starts_at": starts_at, "threshold": { "pledges": 2 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    action["id"].as_str().expect("id").to_owned()
}

/// The location each report carries, which must never reach a stream without the right.
const LOCATION: &str = "Loading dock behind building C";

async fn report(app: &TestApp, by: &User, committee: &str, summary: &str) -> String {
    let (status, incident) = app
        .post(
            &format!("/api/v1/committees/{committee}/incidents"),
            &by.token,
            json!({ "kind": "raid", "summary": summary, "location": LOCATION, "urgency": "now" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{incident}");
    incident["id"].as_str().expect("id").to_owned()
}

async fn pledge(app: &TestApp, by: &User, action: &str) {
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/actions/{action}/pledges"),
            Some(&by.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

async fn confirm(app: &TestApp, by: &User, incident: &str) {
    let (status, body) = app
        .post(
            &format!("/api/v1/incidents/{incident}/confirmations"),
            &by.token,
            json!({}),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
}

/// The three streams a member's open pages hold: their notifications, the action's counts
/// and the incident's page.
struct Streams {
    events: Open,
    counts: Open,
    incident: Open,
}

impl Streams {
    fn named(self, when: &str) -> Vec<(String, Open)> {
        vec![
            (format!("the event stream {when}"), self.events),
            (format!("the action's counts {when}"), self.counts),
            (format!("the incident's page {when}"), self.incident),
        ]
    }
}

async fn streams_of(app: &TestApp, user: &User, action: &str, incident: &str) -> Streams {
    Streams {
        events: open(app, "/api/v1/events", user, "ready").await,
        counts: open(
            app,
            &format!("/api/v1/actions/{action}/stream"),
            user,
            "counts",
        )
        .await,
        incident: open(
            app,
            &format!("/api/v1/incidents/{incident}/stream"),
            user,
            "incident",
        )
        .await,
    }
}

/// What each stream would carry next: a new report with its location (for the event
/// stream), two pledges that activate the action (for the counts), and a confirmation (for
/// the incident's page).
async fn trigger_everything(app: &TestApp, net: &Depot) {
    report(app, &net.rosa, &net.depot, "A second van at the north gate").await;
    pledge(app, &net.lupe, &net.action).await;
    pledge(app, &net.rosa, &net.action).await;
    confirm(app, &net.lupe, &net.incident).await;
}

async fn a_log_out_ends_every_stream_of_the_session(app: TestApp) {
    let net = depot(&app).await;
    let amir = streams_of(&app, &net.amir, &net.action, &net.incident).await;
    let mut lupe = open(&app, "/api/v1/events", &net.lupe, "ready").await;

    let (status, _) = app
        .delete("/api/v1/sessions/current", &net.amir.token)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    trigger_everything(&app, &net).await;

    all_end_quietly(amir.named("after logging out")).await;
    let alert = lupe.next("notification").await.expect("Lupe is alerted");
    assert_eq!(alert["kind"], "incident_reported", "{alert}");
    // The client's reconnection is told why.
    let (status, _) = app.get("/api/v1/events", &net.amir.token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn a_password_change_ends_the_streams_of_the_other_sessions(app: TestApp) {
    let net = depot(&app).await;
    // The phone left on the bus: a second session of Amir's, logged in before the change.
    let phone = app.log_in("amir").await;
    let on_phone = streams_of(&app, &phone, &net.action, &net.incident).await;
    let mut here = open(&app, "/api/v1/events", &net.amir, "ready").await;

    let (status, body) = app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/me",
            Some(&net.amir.token),
            Some(json!({ "current_password": "correct horse battery",
                         "new_password": "a much longer new passphrase" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    trigger_everything(&app, &net).await;

    all_end_quietly(on_phone.named("of the other session")).await;
    // The session that changed the password goes on, and hears what the phone did not.
    let alert = here.next("notification").await.expect("the alert, here");
    assert_eq!(alert["kind"], "incident_reported", "{alert}");
    assert!(
        alert["text"].as_str().unwrap_or("").contains(LOCATION),
        "{alert}"
    );
}

async fn deleting_the_account_ends_its_streams(app: TestApp) {
    let net = depot(&app).await;
    let amir = streams_of(&app, &net.amir, &net.action, &net.incident).await;
    let mut lupe_counts = open(
        &app,
        &format!("/api/v1/actions/{}/stream", net.action),
        &net.lupe,
        "counts",
    )
    .await;

    let (status, body) = app
        .call(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&net.amir.token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    trigger_everything(&app, &net).await;

    all_end_quietly(amir.named("after deleting the account")).await;
    let counts = lupe_counts.next("counts").await.expect("Lupe's counts");
    assert!(counts["pledged"].as_i64() >= Some(1), "{counts}");
}

async fn a_removed_member_loses_the_committees_streams(app: TestApp) {
    let net = depot(&app).await;
    let Streams {
        mut events,
        counts,
        incident,
    } = streams_of(&app, &net.amir, &net.action, &net.incident).await;
    let mut lupe_counts = open(
        &app,
        &format!("/api/v1/actions/{}/stream", net.action),
        &net.lupe,
        "counts",
    )
    .await;

    let (status, body) = app
        .delete(
            &format!("/api/v1/committees/{}/members/{}", net.depot, net.amir.id),
            &net.rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    // Pledges come, which the counts would show; nothing happens to the incident: its page
    // must close on its own, not wait for the next change to find out.
    pledge(&app, &net.lupe, &net.action).await;
    pledge(&app, &net.rosa, &net.action).await;
    all_end_quietly(vec![
        ("the incident's page after removal".into(), incident),
        ("the action's counts after removal".into(), counts),
    ])
    .await;
    let counts = lupe_counts.next("counts").await.expect("Lupe's counts");
    assert!(counts["pledged"].as_i64() >= Some(1), "{counts}");

    // The session still holds: Amir's own notifications go on, and tell him what happened.
    let told = events.next("notification").await.expect("told");
    assert_eq!(told["kind"], "member_removed", "{told}");
    // Reconnecting finds nothing there, as for any outsider.
    for path in [
        format!("/api/v1/actions/{}/stream", net.action),
        format!("/api/v1/incidents/{}/stream", net.incident),
    ] {
        let (status, _) = app.get(&path, &net.amir.token).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

async fn a_disaffiliation_ends_the_councils_streams_for_the_committees_members(app: TestApp) {
    // The depot (Rosa, Amir) and the clinic (Mei, Ana) are in June's city council, which
    // calls a strike; Mei reports a raid at the clinic, which reaches the depot through the
    // council.
    let june = app.register("june").await;
    let city = app.council(&june, "City Council").await;
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let mei = app.register("mei").await;
    let clinic = app.workplace(&mei, "Northside Clinic").await;
    let ana = app.member(&mei, &clinic, "ana").await;
    app.affiliate(&june, &city, &rosa, &depot).await;
    app.affiliate(&june, &city, &mei, &clinic).await;
    let action = call_strike(&app, &june, &city).await;
    let incident = report(&app, &mei, &clinic, "Agents in the clinic lobby").await;

    let amir_counts = open(
        &app,
        &format!("/api/v1/actions/{action}/stream"),
        &amir,
        "counts",
    )
    .await;
    let amir_incident = open(
        &app,
        &format!("/api/v1/incidents/{incident}/stream"),
        &amir,
        "incident",
    )
    .await;
    let mut ana_counts = open(
        &app,
        &format!("/api/v1/actions/{action}/stream"),
        &ana,
        "counts",
    )
    .await;

    let (status, body) = app
        .delete(
            &format!("/api/v1/committees/{depot}/affiliations/{city}"),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    pledge(&app, &mei, &action).await;
    pledge(&app, &ana, &action).await;
    all_end_quietly(vec![
        (
            "the clinic's incident after the depot left the council".into(),
            amir_incident,
        ),
        (
            "the council's action after the depot left it".into(),
            amir_counts,
        ),
    ])
    .await;
    let counts = ana_counts.next("counts").await.expect("Ana's counts");
    assert!(counts["pledged"].as_i64() >= Some(1), "{counts}");
}

async fn a_log_out_on_the_pages_ends_the_pages_streams(app: TestApp) {
    let net = depot(&app).await;
    let code = app.invite(&net.rosa, &net.depot, json!({})).await;
    let browser = Browser::new(&app);
    register(&browser, "paz", &code).await;
    // The pages' own script opens these with the session cookie.
    let mut page_streams = Vec::new();
    for (path, first) in [
        ("/api/v1/events".to_owned(), "ready"),
        (format!("/api/v1/actions/{}/stream", net.action), "counts"),
        (
            format!("/api/v1/incidents/{}/stream", net.incident),
            "incident",
        ),
    ] {
        let response = browser
            .client
            .get(app.url(&path))
            .send()
            .await
            .expect("stream");
        page_streams.push((path.clone(), opened(response, &path, first).await));
    }
    let mut lupe = open(&app, "/api/v1/events", &net.lupe, "ready").await;

    let (status, body, _) = browser.submit("/dashboard", "/logout", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    trigger_everything(&app, &net).await;

    all_end_quietly(
        page_streams
            .into_iter()
            .map(|(path, open)| (format!("{path} after logging out of the pages"), open))
            .collect(),
    )
    .await;
    let alert = lupe.next("notification").await.expect("Lupe is alerted");
    assert_eq!(alert["kind"], "incident_reported", "{alert}");
}

async fn a_profile_edit_keeps_the_streams(app: TestApp) {
    // A new name or language makes the server look the sessions up again, and the streams
    // with them: they must find the session still there and go on.
    let net = depot(&app).await;
    let mut amir = streams_of(&app, &net.amir, &net.action, &net.incident).await;
    let (status, body) = app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/me",
            Some(&net.amir.token),
            Some(json!({ "display_name": "Amir H.", "language": "es" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    trigger_everything(&app, &net).await;

    let alert = amir.events.next("notification").await.expect("the alert");
    assert_eq!(alert["kind"], "incident_reported", "{alert}");
    let counts = amir.counts.next("counts").await.expect("the counts");
    assert!(counts["pledged"].as_i64() >= Some(1), "{counts}");
    let incident = amir.incident.next("incident").await.expect("the incident");
    assert_eq!(incident["confirmations"], 1, "{incident}");
}
