//! Incidents: who an alert reaches (and who it does not, also on the live stream),
//! confirmations, responders, resolving, widening, false alarms, the report limit, and the
//! erasure of details after the retention period.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{Backend, TestApp, User, assert_error};
use crate::notifications::next_event;

both!(
    an_alert_reaches_the_committee_and_its_councils_committees_live,
    confirmations_count_once_per_member,
    members_sign_up_to_respond_and_stand_down,
    the_reporter_or_a_coordinator_resolves,
    a_coordinator_widens_the_alert_one_council_level_up,
    a_false_alarm_is_withdrawn_everywhere,
    reports_are_rate_limited,
    bad_reports_change_nothing,
    the_audit_log_records_reports_without_the_reporter,
    the_pages_report_and_respond_without_javascript,
);

/// Rosa (coordinator) and Amir in the depot, Mei in the clinic, both in the city council
/// that June founded; Dolores in a warehouse of the suburban council. Both councils are in
/// the state council.
struct Network {
    rosa: User,
    amir: User,
    mei: User,
    dolores: User,
    june: User,
    depot: String,
}

async fn network(app: &TestApp) -> Network {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let mei = app.register("mei").await;
    let clinic = app.workplace(&mei, "Northside Clinic").await;
    let dolores = app.register("dolores").await;
    let warehouse = app.workplace(&dolores, "Midway Warehouse").await;
    let june = app.register("june").await;
    let city = app.council(&june, "City Council").await;
    let suburbs = app.council(&june, "Suburban Council").await;
    let state = app.council(&june, "State Council").await;
    app.affiliate(&june, &city, &rosa, &depot).await;
    app.affiliate(&june, &city, &mei, &clinic).await;
    app.affiliate(&june, &suburbs, &dolores, &warehouse).await;
    app.affiliate(&june, &state, &june, &city).await;
    app.affiliate(&june, &state, &june, &suburbs).await;
    Network {
        rosa,
        amir,
        mei,
        dolores,
        june,
        depot,
    }
}

fn raid() -> Value {
    json!({
        "kind": "raid",
        "summary": "Agents at the loading dock asking for papers",
        "location": "Gate 3, Lake Street Depot",
        "urgency": "now",
    })
}

async fn report(app: &TestApp, by: &User, committee: &str, body: Value) -> Value {
    let (status, incident) = app
        .post(
            &format!("/api/v1/committees/{committee}/incidents"),
            &by.token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{incident}");
    incident
}

async fn events(app: &TestApp, user: &User) -> (reqwest::Response, String) {
    let mut stream = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("stream");
    let mut buffer = String::new();
    next_event(&mut stream, &mut buffer, "ready", Duration::from_secs(5))
        .await
        .expect("ready");
    (stream, buffer)
}

async fn inbox(app: &TestApp, user: &User) -> Vec<Value> {
    let (status, inbox) = app.get("/api/v1/notifications", &user.token).await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    inbox["items"].as_array().cloned().unwrap_or_default()
}

fn about<'a>(items: &'a [Value], incident: &Value, kind: &str) -> Vec<&'a Value> {
    items
        .iter()
        .filter(|n| n["kind"] == kind && n["subject_id"] == incident["id"])
        .collect()
}

async fn an_alert_reaches_the_committee_and_its_councils_committees_live(app: TestApp) {
    let net = network(&app).await;
    let (mut mei_stream, mut mei_buffer) = events(&app, &net.mei).await;
    let (mut dolores_stream, mut dolores_buffer) = events(&app, &net.dolores).await;
    let (mut june_stream, mut june_buffer) = events(&app, &net.june).await;

    let incident = report(&app, &net.rosa, &net.depot, raid()).await;
    assert_eq!(incident["status"], "open");
    assert_eq!(incident["urgency"], "now");
    assert_eq!(incident["reach_level"], 0);
    assert_eq!(
        incident["summary"],
        "Agents at the loading dock asking for papers"
    );

    // Within a second, on the open page of a member of another committee of the council.
    let live = next_event(
        &mut mei_stream,
        &mut mei_buffer,
        "notification",
        Duration::from_secs(1),
    )
    .await
    .expect("the alert arrives live within a second");
    assert_eq!(live["kind"], "incident_reported");
    assert_eq!(live["urgent"], true);
    assert_eq!(live["subject_id"], incident["id"]);
    let text = live["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Lake Street Depot") && text.contains("Gate 3"),
        "{text}"
    );

    // In the inboxes of the reporter's coworker and of the clinic; not the reporter's own.
    for member in [&net.amir, &net.mei] {
        let items = inbox(&app, member).await;
        assert_eq!(
            about(&items, &incident, "incident_reported").len(),
            1,
            "{items:?}"
        );
        let (status, seen) = app
            .get(
                &format!(
                    "/api/v1/incidents/{}",
                    incident["id"].as_str().unwrap_or("")
                ),
                &member.token,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{seen}");
    }
    assert!(
        about(
            &inbox(&app, &net.rosa).await,
            &incident,
            "incident_reported"
        )
        .is_empty()
    );
    // The reporter's name is for the reporter's committee only.
    let id = incident["id"].as_str().expect("id");
    let (_, for_amir) = app
        .get(&format!("/api/v1/incidents/{id}"), &net.amir.token)
        .await;
    assert_eq!(
        for_amir["reported_by_name"],
        app.shown_name(&net.rosa).await.as_str()
    );
    let (_, for_mei) = app
        .get(&format!("/api/v1/incidents/{id}"), &net.mei.token)
        .await;
    assert_eq!(for_mei["reported_by_name"], Value::Null);

    // Not to another council's committees, nor to the councils above: nothing in the inbox,
    // nothing on the live stream, and the incident does not exist for them.
    for outsider in [&net.dolores, &net.june] {
        assert!(about(&inbox(&app, outsider).await, &incident, "incident_reported").is_empty());
        let answer = app
            .get(&format!("/api/v1/incidents/{id}"), &outsider.token)
            .await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
        let (status, listed) = app.get("/api/v1/incidents", &outsider.token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(listed, json!([]));
    }
    // Both streams are watched at once, so the second costs no extra wait.
    let (to_dolores, to_june) = tokio::join!(
        next_event(
            &mut dolores_stream,
            &mut dolores_buffer,
            "notification",
            Duration::from_millis(700),
        ),
        next_event(
            &mut june_stream,
            &mut june_buffer,
            "notification",
            Duration::from_millis(700),
        ),
    );
    assert_eq!(
        to_dolores, None,
        "nothing reaches another council's committee live"
    );
    assert_eq!(
        to_june, None,
        "nothing reaches the council's own member live"
    );
    let (_, listed) = app.get("/api/v1/incidents", &net.mei.token).await;
    assert_eq!(listed[0]["id"], incident["id"]);
}

async fn confirmations_count_once_per_member(app: TestApp) {
    let net = network(&app).await;
    let incident = report(&app, &net.rosa, &net.depot, raid()).await;
    let path = format!(
        "/api/v1/incidents/{}/confirmations",
        incident["id"].as_str().expect("id")
    );
    let (status, once) = app.post(&path, &net.mei.token, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{once}");
    assert_eq!(once["confirmations"], 1);
    assert_eq!(once["confirmed_by_me"], true);
    let (status, twice) = app.post(&path, &net.mei.token, json!({})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        twice["confirmations"], 1,
        "a second confirmation counts nothing"
    );
    let (_, two) = app.post(&path, &net.amir.token, json!({})).await;
    assert_eq!(two["confirmations"], 2);
    let own = app.post(&path, &net.rosa.token, json!({})).await;
    assert_error(&own, StatusCode::UNPROCESSABLE_ENTITY, "own_report");
    let outsider = app.post(&path, &net.dolores.token, json!({})).await;
    assert_error(&outsider, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(app.count_rows("incident_confirmations").await, 2);
}

async fn members_sign_up_to_respond_and_stand_down(app: TestApp) {
    let net = network(&app).await;
    let incident = report(&app, &net.rosa, &net.depot, raid()).await;
    let id = incident["id"].as_str().expect("id");
    let path = format!("/api/v1/incidents/{id}/responders");

    // The incident page's live stream hears each change.
    let mut stream = app
        .client
        .get(app.url(&format!("/api/v1/incidents/{id}/stream")))
        .bearer_auth(&net.rosa.token)
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), StatusCode::OK);
    let mut buffer = String::new();
    let first = next_event(&mut stream, &mut buffer, "incident", Duration::from_secs(5))
        .await
        .expect("the incident at once");
    assert_eq!(
        first["responders"],
        json!({ "witness": 0, "legal": 0, "support": 0 })
    );

    let (status, view) = app
        .post(&path, &net.mei.token, json!({ "role": "witness" }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{view}");
    assert_eq!(view["my_role"], "witness");
    let live = next_event(&mut stream, &mut buffer, "incident", Duration::from_secs(2))
        .await
        .expect("the change arrives live");
    assert_eq!(live["responders"]["witness"], 1);

    app.post(&path, &net.amir.token, json!({ "role": "legal" }))
        .await;
    let (_, changed) = app
        .post(&path, &net.mei.token, json!({ "role": "support" }))
        .await;
    assert_eq!(
        changed["responders"],
        json!({ "witness": 0, "legal": 1, "support": 1 }),
        "changing role moves the one sign-up"
    );
    let bad = app
        .post(&path, &net.mei.token, json!({ "role": "hero" }))
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "invalid_role");
    let (status, _) = app.delete(&path, &net.mei.token).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, after) = app
        .get(&format!("/api/v1/incidents/{id}"), &net.amir.token)
        .await;
    assert_eq!(
        after["responders"],
        json!({ "witness": 0, "legal": 1, "support": 0 })
    );
    assert_eq!(after["my_role"], "legal");
    let outsider = app
        .post(&path, &net.dolores.token, json!({ "role": "witness" }))
        .await;
    assert_error(&outsider, StatusCode::NOT_FOUND, "not_found");
}

async fn the_reporter_or_a_coordinator_resolves(app: TestApp) {
    let net = network(&app).await;
    let incident = report(&app, &net.amir, &net.depot, raid()).await;
    let id = incident["id"].as_str().expect("id");
    let resolve = format!("/api/v1/incidents/{id}/resolve");
    // A member of another committee sees it but may not close it.
    let answer = app.post(&resolve, &net.mei.token, json!({})).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "reporter_or_coordinator");
    let too_long = app
        .post(
            &resolve,
            &net.rosa.token,
            json!({ "note": "n".repeat(1001) }),
        )
        .await;
    assert_error(&too_long, StatusCode::UNPROCESSABLE_ENTITY, "invalid_note");
    let (status, resolved) = app
        .post(
            &resolve,
            &net.rosa.token,
            json!({ "note": "They left at 10:40. Nobody taken." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{resolved}");
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(
        resolved["resolution_note"],
        "They left at 10:40. Nobody taken."
    );
    assert!(resolved["resolved_at"].is_string());
    // Everyone it reached is told; the one who resolved it is not.
    assert_eq!(
        about(&inbox(&app, &net.mei).await, &incident, "incident_resolved").len(),
        1
    );
    assert_eq!(
        about(
            &inbox(&app, &net.amir).await,
            &incident,
            "incident_resolved"
        )
        .len(),
        1
    );
    assert!(
        about(
            &inbox(&app, &net.rosa).await,
            &incident,
            "incident_resolved"
        )
        .is_empty()
    );
    // Closed is closed.
    let again = app.post(&resolve, &net.amir.token, json!({})).await;
    assert_error(&again, StatusCode::CONFLICT, "incident_closed");
    let confirm = app
        .post(
            &format!("/api/v1/incidents/{id}/confirmations"),
            &net.mei.token,
            json!({}),
        )
        .await;
    assert_error(&confirm, StatusCode::CONFLICT, "incident_closed");

    // The reporter may resolve their own report without being a coordinator.
    let second = report(&app, &net.amir, &net.depot, raid()).await;
    let (status, by_reporter) = app
        .post(
            &format!(
                "/api/v1/incidents/{}/resolve",
                second["id"].as_str().expect("id")
            ),
            &net.amir.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{by_reporter}");
    assert_eq!(by_reporter["resolution_note"], Value::Null);
}

async fn a_coordinator_widens_the_alert_one_council_level_up(app: TestApp) {
    let net = network(&app).await;
    let incident = report(&app, &net.amir, &net.depot, raid()).await;
    let id = incident["id"].as_str().expect("id");
    let widen = format!("/api/v1/incidents/{id}/widen");
    let plain = app.post(&widen, &net.amir.token, json!({})).await;
    assert_error(&plain, StatusCode::FORBIDDEN, "coordinators_only");
    let other = app.post(&widen, &net.mei.token, json!({})).await;
    assert_error(&other, StatusCode::FORBIDDEN, "coordinators_only");
    assert!(
        about(
            &inbox(&app, &net.dolores).await,
            &incident,
            "incident_reported"
        )
        .is_empty()
    );

    let (status, widened) = app.post(&widen, &net.rosa.token, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{widened}");
    assert_eq!(widened["reach_level"], 1);
    // Now the suburban council's warehouse is in reach, and the city council's own members.
    let items = inbox(&app, &net.dolores).await;
    assert_eq!(
        about(&items, &incident, "incident_reported").len(),
        1,
        "{items:?}"
    );
    let (status, _) = app
        .get(&format!("/api/v1/incidents/{id}"), &net.dolores.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .get(&format!("/api/v1/incidents/{id}"), &net.june.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, listed) = app.get("/api/v1/incidents", &net.dolores.token).await;
    assert_eq!(listed[0]["id"], incident["id"], "{listed}");
    // Those reached before are not alerted twice.
    assert_eq!(
        about(&inbox(&app, &net.mei).await, &incident, "incident_reported").len(),
        1
    );

    // The state council is the top: there is no level further up.
    let top = app.post(&widen, &net.rosa.token, json!({})).await;
    assert_error(&top, StatusCode::UNPROCESSABLE_ENTITY, "no_council_above");
}

async fn a_false_alarm_is_withdrawn_everywhere(app: TestApp) {
    let net = network(&app).await;
    let (mut mei_stream, mut mei_buffer) = events(&app, &net.mei).await;
    let incident = report(&app, &net.amir, &net.depot, raid()).await;
    let id = incident["id"].as_str().expect("id");
    next_event(
        &mut mei_stream,
        &mut mei_buffer,
        "notification",
        Duration::from_secs(2),
    )
    .await
    .expect("the alert");
    assert_eq!(
        about(&inbox(&app, &net.mei).await, &incident, "incident_reported").len(),
        1
    );

    let plain = app
        .post(
            &format!("/api/v1/incidents/{id}/false-alarm"),
            &net.amir.token,
            json!({}),
        )
        .await;
    assert_error(&plain, StatusCode::FORBIDDEN, "coordinators_only");
    let (status, withdrawn) = app
        .post(
            &format!("/api/v1/incidents/{id}/false-alarm"),
            &net.rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    assert_eq!(withdrawn["status"], "withdrawn");

    // Taken down from the open page, and out of the inbox; what is left says it was withdrawn.
    let retracted = next_event(
        &mut mei_stream,
        &mut mei_buffer,
        "retracted",
        Duration::from_secs(2),
    )
    .await
    .expect("the open page is told to take it down");
    assert_eq!(retracted["subject_id"], incident["id"]);
    let notice = next_event(
        &mut mei_stream,
        &mut mei_buffer,
        "notification",
        Duration::from_secs(2),
    )
    .await
    .expect("the withdrawal notice");
    assert_eq!(notice["kind"], "incident_withdrawn");
    for member in [&net.mei, &net.amir] {
        let items = inbox(&app, member).await;
        assert!(
            about(&items, &incident, "incident_reported").is_empty(),
            "{items:?}"
        );
        assert_eq!(
            about(&items, &incident, "incident_withdrawn").len(),
            1,
            "{items:?}"
        );
    }
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'incident_reported'")
            .fetch_one(app.app().db.pool())
            .await
            .expect("count");
    assert_eq!(rows, 0, "no alert row is left anywhere");
    // Gone for the other committees; its own committee keeps the record.
    let gone = app
        .get(&format!("/api/v1/incidents/{id}"), &net.mei.token)
        .await;
    assert_error(&gone, StatusCode::NOT_FOUND, "not_found");
    let (_, listed) = app.get("/api/v1/incidents", &net.mei.token).await;
    assert_eq!(listed, json!([]));
    let (status, kept) = app
        .get(&format!("/api/v1/incidents/{id}"), &net.amir.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kept["status"], "withdrawn");
}

async fn reports_are_rate_limited(app: TestApp) {
    let net = network(&app).await;
    for _ in 0..5 {
        report(&app, &net.amir, &net.depot, raid()).await;
    }
    let response = app
        .client
        .post(app.url(&format!("/api/v1/committees/{}/incidents", net.depot)))
        .bearer_auth(&net.amir.token)
        .json(&raid())
        .send()
        .await
        .expect("sixth report");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!(retry >= 1);
    assert_eq!(app.count_rows("incidents").await, 5);
    // Another member is not held back by Amir's limit.
    report(&app, &net.rosa, &net.depot, raid()).await;
}

async fn bad_reports_change_nothing(app: TestApp) {
    let net = network(&app).await;
    let path = format!("/api/v1/committees/{}/incidents", net.depot);
    for (body, code) in [
        (
            json!({ "kind": "party", "summary": "s", "location": "l", "urgency": "now" }),
            "invalid_kind",
        ),
        (
            json!({ "kind": "raid", "summary": " ", "location": "l", "urgency": "now" }),
            "invalid_summary",
        ),
        (
            json!({ "kind": "raid", "summary": "s".repeat(281), "location": "l", "urgency": "now" }),
            "invalid_summary",
        ),
        (
            json!({ "kind": "raid", "summary": "s", "location": "l".repeat(201), "urgency": "now" }),
            "invalid_location",
        ),
        (
            json!({ "kind": "raid", "summary": "s", "location": "l", "urgency": "later" }),
            "invalid_urgency",
        ),
    ] {
        let answer = app.post(&path, &net.amir.token, body).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let outsider = app.post(&path, &net.dolores.token, raid()).await;
    assert_error(&outsider, StatusCode::NOT_FOUND, "not_found");
    let anonymous = app.call(Method::POST, &path, None, Some(raid())).await;
    assert_eq!(anonymous.0, StatusCode::UNAUTHORIZED);
    let unknown = app
        .get("/api/v1/incidents/0123456789abcdef", &net.amir.token)
        .await;
    assert_error(&unknown, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(app.count_rows("incidents").await, 0);
    let alerts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind LIKE 'incident%'")
            .fetch_one(app.app().db.pool())
            .await
            .expect("count");
    assert_eq!(alerts, 0);
}

async fn the_audit_log_records_reports_without_the_reporter(app: TestApp) {
    let net = network(&app).await;
    let incident = report(&app, &net.amir, &net.depot, raid()).await;
    let id = incident["id"].as_str().expect("id");
    app.post(
        &format!("/api/v1/incidents/{id}/resolve"),
        &net.rosa.token,
        json!({}),
    )
    .await;
    let (status, audit) = app
        .get(
            &format!("/api/v1/committees/{}/audit", net.depot),
            &net.amir.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    let entries = audit.as_array().cloned().unwrap_or_default();
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"incident_reported"), "{audit}");
    assert!(actions.contains(&"incident_resolved"), "{audit}");
    let reported = entries
        .iter()
        .find(|e| e["action"] == "incident_reported")
        .expect("entry");
    assert_eq!(reported["actor_id"], Value::Null, "{reported}");
    let text = reported.to_string();
    assert!(!text.contains("amir") && !text.contains("Gate 3"), "{text}");
}

/// Logs in through the log-in page, as a phone would.
async fn log_in_with_the_form(app: &TestApp, handle: &str) -> crate::pages::Browser {
    let browser = crate::pages::Browser::new(app);
    let (status, body, _) = browser
        .submit(
            "/login",
            "/login",
            &[("handle", handle), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "log in {handle}: {body}");
    browser
}

async fn the_pages_report_and_respond_without_javascript(app: TestApp) {
    let net = network(&app).await;
    let rosa = log_in_with_the_form(&app, "rosa").await;
    let (status, page, _) = rosa.get("/incidents").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains(&format!("value=\"{}\"", net.depot)),
        "the depot to report from: {page}"
    );
    let (status, body, location) = rosa
        .submit(
            "/incidents",
            "/incidents",
            &[
                ("committee", net.depot.as_str()),
                ("kind", "detention"),
                ("summary", "A coworker taken into a van"),
                ("location", "Corner of Lake and 5th"),
                ("urgency", "now"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let incident = location.expect("the incident page");
    assert!(incident.starts_with("/incidents/"), "{incident}");
    let (_, confirmed, _) = rosa.get(&incident).await;
    assert!(
        confirmed.contains("id=\"notice\">Alert sent."),
        "the alert is confirmed at the top: {confirmed}"
    );
    let (_, shown, _) = rosa.get(&incident).await;
    assert!(!shown.contains("id=\"notice\""), "said once: {shown}");
    assert!(shown.contains("A coworker taken into a van"), "{shown}");
    assert!(shown.contains("Corner of Lake and 5th"));
    assert!(
        shown.contains(&format!("action=\"{incident}/resolve\"")),
        "the reporter may resolve"
    );
    assert!(
        shown.contains(&format!("action=\"{incident}/widen\"")),
        "a coordinator may widen"
    );
    assert!(
        !shown.contains(&format!("action=\"{incident}/confirm\"")),
        "no confirming one's own report"
    );
    let (_, listed, _) = rosa.get("/incidents").await;
    assert!(listed.contains(&format!("href=\"{incident}\"")), "{listed}");

    // Mei, in the clinic, confirms and signs up as a witness with the forms; a member of
    // another council's committee gets 404.
    let dolores = log_in_with_the_form(&app, "dolores").await;
    let (status, _, _) = dolores.get(&incident).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mei = log_in_with_the_form(&app, "mei").await;
    let (status, body, _) = mei
        .submit(&incident, &format!("{incident}/confirm"), &[])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, body, _) = mei
        .submit(
            &incident,
            &format!("{incident}/respond"),
            &[("role", "witness")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, after, _) = mei.get(&incident).await;
    assert!(after.contains("data-count=\"confirmations\">1<"), "{after}");
    assert!(after.contains("data-count=\"witness\">1<"), "{after}");
    assert!(!after.contains(&format!("action=\"{incident}/widen\"")));
    assert!(!after.contains(&format!("action=\"{incident}/resolve\"")));

    let (status, body, _) = mei
        .submit(&incident, &format!("{incident}/stand-down"), &[])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, stood_down, _) = mei.get(&incident).await;
    assert!(
        stood_down.contains("data-count=\"witness\">0<"),
        "{stood_down}"
    );
    // Mei may not resolve it; Rosa, who reported it, may.
    let (status, _, _) = mei
        .submit(&incident, &format!("{incident}/resolve"), &[("note", "")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = mei
        .submit(&incident, &format!("{incident}/teleport"), &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no such step");
    let (status, body, _) = rosa
        .submit(
            &incident,
            &format!("{incident}/resolve"),
            &[("note", "Released the same evening")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, resolved, _) = mei.get(&incident).await;
    assert!(resolved.contains("Released the same evening"), "{resolved}");
    assert!(resolved.contains("status-resolved"), "{resolved}");
    assert!(!resolved.contains(&format!("action=\"{incident}/confirm\"")));

    // A bad report comes back with the reason and what was typed.
    let (status, body, _) = rosa
        .submit(
            "/incidents",
            "/incidents",
            &[
                ("committee", net.depot.as_str()),
                ("kind", "raid"),
                ("summary", ""),
                ("location", "Gate 3"),
                ("urgency", "soon"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("class=\"error\""), "{body}");
    assert!(body.contains("value=\"Gate 3\""), "{body}");
    let _ = (&net.amir, &net.june);
}

/// Retention: the summary, location and people go; kind, time, committee and outcome stay.
/// Runs on its own (not through `both!`) to configure a retention of seconds. The server is
/// stopped before the retention runs out and started after, so the erasure it proves is
/// the one a server does after a restart, from the report's time in the database.
async fn details_are_erased_after_the_retention_period(backend: Backend) {
    const RETENTION: Duration = Duration::from_secs(4);
    let Some(mut app) = TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.incident_retention = RETENTION;
    })
    .await
    else {
        return;
    };
    let net = network(&app).await;
    let body = json!({
        "kind": "staging",
        "summary": "Unmarked vans idling by the east gate zq7",
        "location": "East gate, Harbor Road 118 zq7",
        "urgency": "now",
    });
    let reported = tokio::time::Instant::now();
    let incident = report(&app, &net.amir, &net.depot, body).await;
    let id = incident["id"].as_str().expect("id").to_owned();
    app.post(
        &format!("/api/v1/incidents/{id}/confirmations"),
        &net.mei.token,
        json!({}),
    )
    .await;
    app.post(
        &format!("/api/v1/incidents/{id}/responders"),
        &net.mei.token,
        json!({ "role": "legal" }),
    )
    .await;
    app.post(
        &format!("/api/v1/incidents/{id}/resolve"),
        &net.rosa.token,
        json!({ "note": "Left by noon zq7" }),
    )
    .await;
    // Stopped before the retention ran out: the words are still there, read from the
    // database itself once no server runs.
    let stopped = app.stop().await;
    let db = sqlx::AnyPool::connect(&app.database_url)
        .await
        .expect("database");
    let (summary, erased_at): (String, Option<i64>) =
        sqlx::query_as("SELECT summary, erased_at FROM incidents")
            .fetch_one(&db)
            .await
            .expect("the incident");
    db.close().await;
    assert!(
        summary.contains("zq7") && erased_at.is_none(),
        "erased before the server stopped ({:?} after the report): {summary:?}",
        reported.elapsed()
    );
    // Started again once the retention is over: the job runs again, from the time in the
    // database.
    tokio::time::sleep_until(reported + RETENTION + Duration::from_millis(500)).await;
    let restarted_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis();
    app.start_again(stopped).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let (_, seen) = app
            .get(&format!("/api/v1/incidents/{id}"), &net.rosa.token)
            .await;
        if seen["erased"] == true {
            assert_eq!(seen["summary"], Value::Null);
            assert_eq!(seen["location"], Value::Null);
            assert_eq!(seen["resolution_note"], Value::Null);
            assert_eq!(seen["reported_by_name"], Value::Null);
            assert_eq!(seen["kind"], "staging");
            assert_eq!(seen["status"], "resolved");
            assert_eq!(seen["committee_name"], "Lake Street Depot");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never erased: {seen}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Read back from the database: the words are nowhere, not in the incident, not in any
    // notification; nobody is tied to it.
    for (table, rows) in app.dump().await {
        for row in rows {
            assert!(!row.contains("zq7"), "{table} still holds: {row}");
        }
    }
    assert_eq!(app.count_rows("incident_confirmations").await, 0);
    assert_eq!(app.count_rows("incident_responders").await, 0);
    let reporter: Option<i64> = sqlx::query_scalar("SELECT reported_by FROM incidents")
        .fetch_one(app.app().db.pool())
        .await
        .expect("reporter");
    assert_eq!(reporter, None);
    let erased_at: Option<i64> = sqlx::query_scalar("SELECT erased_at FROM incidents")
        .fetch_one(app.app().db.pool())
        .await
        .expect("erased_at");
    assert!(
        erased_at.is_some_and(|at| u128::try_from(at).is_ok_and(|at| at >= restarted_at)),
        "erased at {erased_at:?}, before the restart at {restarted_at}"
    );
    let items = inbox(&app, &net.mei).await;
    let alert = about(&items, &incident, "incident_reported");
    let text = alert[0]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Lake Street Depot") && text.contains("erased"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn details_are_erased_after_the_retention_period_sqlite() {
    details_are_erased_after_the_retention_period(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn details_are_erased_after_the_retention_period_postgres() {
    details_are_erased_after_the_retention_period(Backend::Postgres).await;
}

/// Who holds which notification about `incident`, read from the database: kind → accounts.
async fn holders(
    app: &TestApp,
    incident: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<i64>> {
    let id = incident.parse::<outnumber::core::Id>().expect("id").get();
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, account_id FROM notifications WHERE subject_id = $1")
            .bind(id)
            .fetch_all(app.app().db.pool())
            .await
            .expect("notifications");
    let mut by_kind = std::collections::BTreeMap::<String, std::collections::BTreeSet<i64>>::new();
    for (kind, account) in rows {
        by_kind.entry(kind).or_default().insert(account);
    }
    by_kind
}

/// Once erased, nothing kept singles out who reported: not who got the alert and who did
/// not (everyone in reach but the reporter), not who heard how it ended (everyone but who
/// ended it, who may be the reporter), not the audit log's record of who resolved, withdrew
/// or widened it. Three reports by Amir: one he resolves himself, one Rosa withdraws as a
/// false alarm, one Rosa widens and leaves open.
async fn erasure_leaves_nothing_that_singles_out_the_reporter(backend: Backend) {
    const RETENTION: Duration = Duration::from_secs(8);
    let Some(app) = TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.incident_retention = RETENTION;
    })
    .await
    else {
        return;
    };
    let net = network(&app).await;
    let amir_id = net
        .amir
        .id
        .parse::<outnumber::core::Id>()
        .expect("id")
        .get();
    let resolved = report(&app, &net.amir, &net.depot, raid()).await;
    let resolved = resolved["id"].as_str().expect("id").to_owned();
    let (status, body) = app
        .post(
            &format!("/api/v1/incidents/{resolved}/resolve"),
            &net.amir.token,
            json!({ "note": "They left" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let withdrawn = report(&app, &net.amir, &net.depot, raid()).await;
    let withdrawn = withdrawn["id"].as_str().expect("id").to_owned();
    let (status, body) = app
        .post(
            &format!("/api/v1/incidents/{withdrawn}/false-alarm"),
            &net.rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let widened = report(&app, &net.amir, &net.depot, raid()).await;
    let widened = widened["id"].as_str().expect("id").to_owned();
    let (status, body) = app
        .post(
            &format!("/api/v1/incidents/{widened}/widen"),
            &net.rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let deadline = tokio::time::Instant::now() + RETENTION + Duration::from_secs(30);
    for incident in [&resolved, &withdrawn, &widened] {
        loop {
            let (_, seen) = app
                .get(&format!("/api/v1/incidents/{incident}"), &net.rosa.token)
                .await;
            if seen["erased"] == true {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "never erased: {seen}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    // Everyone told anything holds the same rows, the reporter too.
    for (incident, kinds) in [
        (&resolved, &["incident_reported", "incident_resolved"][..]),
        (&withdrawn, &["incident_withdrawn"][..]),
        (&widened, &["incident_reported"][..]),
    ] {
        let held = holders(&app, incident).await;
        assert_eq!(
            held.keys().map(String::as_str).collect::<Vec<_>>(),
            kinds.to_vec(),
            "{held:?}"
        );
        let everyone = &held[kinds[0]];
        assert!(
            everyone.contains(&amir_id),
            "the reporter stands out: {held:?}"
        );
        assert!(everyone.len() >= 3, "{held:?}");
        for kind in kinds {
            assert_eq!(
                &held[*kind], everyone,
                "{kind} singles someone out: {held:?}"
            );
        }
        // Alike in every column but whose they are: the same words, times, and all read.
        let id = incident.parse::<outnumber::core::Id>().expect("id").get();
        let shapes: Vec<(String, String, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT DISTINCT kind, detail, urgent, created_at, read_at
             FROM notifications WHERE subject_id = $1",
        )
        .bind(id)
        .fetch_all(app.app().db.pool())
        .await
        .expect("shapes");
        assert_eq!(shapes.len(), kinds.len(), "{shapes:?}");
        assert!(shapes.iter().all(|s| s.4.is_some()), "{shapes:?}");
        if app.backend == Backend::Postgres {
            let stamps: Vec<String> = sqlx::query_scalar(
                "SELECT DISTINCT xmin::text FROM notifications WHERE subject_id = $1",
            )
            .bind(id)
            .fetch_all(app.app().db.pool())
            .await
            .expect("stamps");
            assert_eq!(stamps.len(), 1, "rows written apart: {stamps:?}");
        }
    }
    // Amir's inbox tells him what it tells Rosa and Mei.
    for user in [&net.amir, &net.rosa, &net.mei] {
        let items = inbox(&app, user).await;
        let resolved = json!({ "id": resolved });
        assert_eq!(about(&items, &resolved, "incident_reported").len(), 1);
        assert_eq!(about(&items, &resolved, "incident_resolved").len(), 1);
    }

    // The audit log names nobody for any of them.
    let (status, log) = app
        .get(
            &format!("/api/v1/committees/{}/audit", net.depot),
            &net.rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let entries: Vec<&Value> = log
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| {
            e["action"]
                .as_str()
                .is_some_and(|a| a.starts_with("incident_"))
        })
        .collect();
    assert_eq!(entries.len(), 6, "{log}");
    for entry in entries {
        assert_eq!(entry["actor"], Value::Null, "{entry}");
        // Everyone here goes by a neutral name: none is in the words either.
        assert!(
            entry["text"]
                .as_str()
                .is_some_and(|t| !t.contains("Member ")),
            "{entry}"
        );
    }
    let named: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'incident%' AND actor_id IS NOT NULL",
    )
    .fetch_one(app.app().db.pool())
    .await
    .expect("count");
    assert_eq!(named, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_leaves_nothing_that_singles_out_the_reporter_sqlite() {
    erasure_leaves_nothing_that_singles_out_the_reporter(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_leaves_nothing_that_singles_out_the_reporter_postgres() {
    erasure_leaves_nothing_that_singles_out_the_reporter(Backend::Postgres).await;
}
