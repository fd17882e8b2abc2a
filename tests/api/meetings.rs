use std::time::Duration;

use outnumber::core::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::notifications::next_event;

both!(
    members_schedule_meetings_and_see_them_listed,
    invalid_meetings_are_refused_and_nothing_is_written,
    members_answer_and_see_who_comes,
    coordinators_record_minutes_and_attendance,
    a_plain_member_cannot_call_an_emergency_meeting,
    an_emergency_meeting_reaches_every_member_at_once,
    outsiders_get_404_on_every_meeting_route,
    the_calendar_feed_lists_the_meetings_and_its_link_can_be_revoked,
    the_dashboard_shows_upcoming_meetings,
    the_meeting_pages_work_with_plain_forms,
    the_openapi_document_describes_the_meeting_routes,
);

fn in_hours(hours: i64) -> String {
    Timestamp::now().plus_hours(hours).rfc3339()
}

/// A depot with a coordinator (Rosa) and `n` more members (Worker 0…).
async fn depot(app: &TestApp, n: usize) -> (String, User, Vec<User>) {
    let rosa = app.register("rosa").await;
    app.name(&rosa, "Rosa").await;
    let id = app.workplace(&rosa, "Lake Street Depot").await;
    let mut members = Vec::new();
    for i in 0..n {
        let member = app.member(&rosa, &id, &format!("worker{i}")).await;
        app.name(&member, &format!("Worker {i}")).await;
        members.push(member);
    }
    (id, rosa, members)
}

async fn schedule(app: &TestApp, by: &User, committee: &str, body: Value) -> Value {
    let (status, meeting) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &by.token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    meeting
}

fn meeting(title: &str, hours: i64) -> Value {
    json!({
        "title": title,
        "starts_at": in_hours(hours),
        "location": "Union hall, 2nd floor",
        "agenda": ["Report back from the floor", "Vote on the overtime ban"],
    })
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("id").to_owned()
}

async fn inbox(app: &TestApp, user: &User) -> Vec<Value> {
    let (status, inbox) = app.get("/api/v1/notifications", &user.token).await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    inbox["items"].as_array().expect("items").clone()
}

async fn audit_actions(app: &TestApp, user: &User, committee: &str) -> Vec<String> {
    let (status, log) = app
        .get(
            &format!("/api/v1/committees/{committee}/audit"),
            &user.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    log.as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_owned))
        .collect()
}

async fn members_schedule_meetings_and_see_them_listed(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 2).await;
    let amir = &members[0];

    // Any member schedules a regular meeting.
    let later = schedule(&app, amir, &depot, meeting("Contract vote", 48)).await;
    assert_eq!(later["title"], "Contract vote");
    assert_eq!(later["location"], "Union hall, 2nd floor");
    assert_eq!(
        later["agenda"],
        json!(["Report back from the floor", "Vote on the overtime ban"])
    );
    assert_eq!(later["emergency"], false);
    assert_eq!(later["upcoming"], true);
    assert_eq!(later["minutes"], Value::Null);
    assert_eq!(later["called_by"], json!(amir.id));
    assert_eq!(later["committee_id"], json!(depot));
    assert_eq!(later["rsvp"], json!({ "yes": 0, "no": 0, "maybe": 0 }));
    assert_eq!(later["responses"], json!([]));
    assert_eq!(later["attended"], json!([]));
    let starts = Timestamp::parse_rfc3339(later["starts_at"].as_str().expect("starts_at"))
        .expect("RFC 3339");
    let ends =
        Timestamp::parse_rfc3339(later["ends_at"].as_str().expect("ends_at")).expect("RFC 3339");
    assert_eq!(ends, starts.plus_hours(1));

    let sooner = schedule(&app, &rosa, &depot, meeting("Shop floor check-in", 3)).await;
    // Started a while ago: on the record, no longer among the upcoming.
    let earlier = schedule(&app, &rosa, &depot, meeting("Night shift huddle", -10)).await;
    assert_eq!(earlier["upcoming"], false);
    let earliest = schedule(&app, &rosa, &depot, meeting("Lunch break talk", -20)).await;

    let (status, list) = app
        .get(&format!("/api/v1/committees/{depot}/meetings"), &amir.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let order: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(
        order,
        vec![
            id_of(&sooner),
            id_of(&later),
            id_of(&earlier),
            id_of(&earliest)
        ],
        "upcoming soonest first, then the most recent past ones: {list}"
    );

    // Everyone else hears of the meeting; the one who scheduled it does not.
    let rosa_inbox = inbox(&app, &rosa).await;
    let told = rosa_inbox
        .iter()
        .find(|n| n["kind"] == "meeting_scheduled")
        .expect("rosa is told about amir's meeting");
    assert_eq!(told["urgent"], false);
    assert_eq!(told["link"], json!(format!("/meetings/{}", id_of(&later))));
    let text = told["text"].as_str().unwrap_or("");
    assert!(
        text.contains("Contract vote")
            && text.contains("Lake Street Depot")
            && text.contains("Union hall"),
        "{text}"
    );
    assert!(
        !inbox(&app, amir)
            .await
            .iter()
            .any(|n| n["kind"] == "meeting_scheduled"
                && n["link"] == json!(format!("/meetings/{}", id_of(&later)))),
        "amir scheduled it and needs no notice"
    );
    assert_eq!(
        inbox(&app, &members[1])
            .await
            .iter()
            .filter(|n| n["kind"] == "meeting_scheduled")
            .count(),
        4
    );

    let actions = audit_actions(&app, &rosa, &depot).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "meeting_scheduled").count(),
        4
    );
    let (_, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &rosa.token)
        .await;
    assert!(
        log.to_string()
            .contains("Worker 0 scheduled the meeting “Contract vote”"),
        "{log}"
    );

    // The agenda is optional.
    let bare = schedule(
        &app,
        amir,
        &depot,
        json!({ "title": "Quick huddle", "starts_at": in_hours(1), "location": "Break room" }),
    )
    .await;
    assert_eq!(bare["agenda"], json!([]));
}

async fn invalid_meetings_are_refused_and_nothing_is_written(app: TestApp) {
    let (depot, rosa, _) = depot(&app, 1).await;
    let notifications_before = app.count_rows("notifications").await;
    let audit_before = app.count_rows("audit_log").await;
    let path = format!("/api/v1/committees/{depot}/meetings");
    let with = |field: &str, value: Value| {
        let mut body = meeting("Contract vote", 24);
        body[field] = value;
        body
    };
    let cases = [
        (with("title", json!("  ")), "invalid_title"),
        (with("title", json!("x".repeat(201))), "invalid_title"),
        (with("location", json!("")), "invalid_location"),
        (with("location", json!("y".repeat(201))), "invalid_location"),
        (
            with("starts_at", json!("next tuesday")),
            "invalid_starts_at",
        ),
        (with("starts_at", json!(in_hours(-25))), "invalid_starts_at"),
        (
            with("starts_at", json!(in_hours(367 * 24))),
            "invalid_starts_at",
        ),
        (with("agenda", json!(["Fine", ""])), "invalid_agenda"),
        (with("agenda", json!(["z".repeat(301)])), "invalid_agenda"),
        (with("agenda", json!(["Line\nbreak"])), "invalid_agenda"),
        (
            with("agenda", json!(vec!["item"; 31])),
            "invalid_agenda_items",
        ),
    ];
    for (body, code) in cases {
        let answer = app.post(&path, &rosa.token, body.clone()).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
        assert!(answer.1["error"]["field"].is_string(), "{}", answer.1);
    }
    let answer = app
        .post(&path, &rosa.token, with("agenda", json!("not a list")))
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    let answer = app
        .post(&path, &rosa.token, json!({ "title": "No time or place" }))
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");

    // Messages name the field in the reader's language.
    let answer = app
        .call(
            Method::POST,
            &path,
            Some(&rosa.token),
            Some(with("starts_at", json!(in_hours(-48)))),
        )
        .await;
    let message = answer.1["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("-1") && message.contains("366"),
        "{message}"
    );

    // The boundaries themselves are fine: 23 hours ago, and a year ahead.
    schedule(&app, &rosa, &depot, with("starts_at", json!(in_hours(-23)))).await;
    schedule(
        &app,
        &rosa,
        &depot,
        with("agenda", json!(vec!["ñ".repeat(300); 30])),
    )
    .await;
    assert_eq!(app.count_rows("meetings").await, 2);
    assert_eq!(
        app.count_rows("notifications").await,
        notifications_before + 2,
        "only the two valid meetings told anyone"
    );
    assert_eq!(app.count_rows("audit_log").await, audit_before + 2);
}

async fn members_answer_and_see_who_comes(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 3).await;
    let m = id_of(&schedule(&app, &rosa, &depot, meeting("Contract vote", 24)).await);
    let path = format!("/api/v1/meetings/{m}/attendance");

    let (status, seen) = app
        .post(&path, &members[0].token, json!({ "status": "yes" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["my_rsvp"], "yes");
    // Answering the same again changes nothing.
    let (status, seen) = app
        .post(&path, &members[0].token, json!({ "status": "yes" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["rsvp"], json!({ "yes": 1, "no": 0, "maybe": 0 }));

    app.post(&path, &members[1].token, json!({ "status": "maybe" }))
        .await;
    app.post(&path, &members[2].token, json!({ "status": "no" }))
        .await;
    // Answers can change.
    let (_, seen) = app
        .post(&path, &members[0].token, json!({ "status": "maybe" }))
        .await;
    assert_eq!(seen["my_rsvp"], "maybe");
    let (_, seen) = app
        .post(&path, &rosa.token, json!({ "status": "yes" }))
        .await;
    assert_eq!(seen["rsvp"], json!({ "yes": 1, "no": 1, "maybe": 2 }));
    let who: Vec<(String, String)> = seen["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| {
            (
                r["display_name"].as_str().unwrap_or("").to_owned(),
                r["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        who,
        vec![
            ("Rosa".to_owned(), "yes".to_owned()),
            ("Worker 0".to_owned(), "maybe".to_owned()),
            ("Worker 1".to_owned(), "maybe".to_owned()),
            ("Worker 2".to_owned(), "no".to_owned()),
        ],
        "every member sees who comes, yes first"
    );
    assert_eq!(seen["responses"][0]["account_id"], json!(rosa.id));

    // Each sees their own answer; the list shows the counts.
    let (_, mine) = app
        .get(&format!("/api/v1/meetings/{m}"), &members[2].token)
        .await;
    assert_eq!(mine["my_rsvp"], "no");
    let (_, list) = app
        .get(
            &format!("/api/v1/committees/{depot}/meetings"),
            &members[1].token,
        )
        .await;
    assert_eq!(list[0]["rsvp"]["maybe"], 2);
    assert_eq!(list[0]["my_rsvp"], "maybe");

    let answer = app
        .post(&path, &members[0].token, json!({ "status": "perhaps" }))
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_status");
    assert_eq!(app.count_rows("meeting_responses").await, 4);

    // Someone who leaves no longer counts among those who come.
    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/members/{}", members[2].id),
            &members[2].token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, seen) = app.get(&format!("/api/v1/meetings/{m}"), &rosa.token).await;
    assert_eq!(seen["rsvp"], json!({ "yes": 1, "no": 0, "maybe": 2 }));
}

async fn coordinators_record_minutes_and_attendance(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 2).await;
    let m = id_of(&schedule(&app, &members[0], &depot, meeting("Contract vote", -2)).await);
    let minutes_path = format!("/api/v1/meetings/{m}/minutes");
    let attended_path = format!("/api/v1/meetings/{m}/attended");

    let text = "Twelve came.\nWe voted to refuse overtime: 11 yes, 1 abstained.";
    let (status, seen) = app
        .put(&minutes_path, &rosa.token, json!({ "text": text }))
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["minutes"], text);

    let answer = app
        .put(&minutes_path, &members[0].token, json!({ "text": "Mine" }))
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let answer = app
        .put(
            &minutes_path,
            &rosa.token,
            json!({ "text": "x".repeat(20_001) }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_minutes");

    let (status, seen) = app
        .put(
            &attended_path,
            &rosa.token,
            json!({ "account_ids": [members[0].id, rosa.id, members[0].id] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    let attended: Vec<&str> = seen["attended"]
        .as_array()
        .expect("attended")
        .iter()
        .filter_map(|a| a["display_name"].as_str())
        .collect();
    assert_eq!(attended, vec!["Rosa", "Worker 0"]);

    let answer = app
        .put(
            &attended_path,
            &members[1].token,
            json!({ "account_ids": [members[1].id] }),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");

    // Only members can be recorded.
    let outsider = app.register("outsider").await;
    let answer = app
        .put(
            &attended_path,
            &rosa.token,
            json!({ "account_ids": [outsider.id] }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_account_ids",
    );
    let answer = app
        .put(
            &attended_path,
            &rosa.token,
            json!({ "account_ids": ["not-an-id"] }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_account_ids",
    );
    assert_eq!(app.count_rows("meeting_attendance").await, 2);

    // A new record replaces the old one; someone who attended and left since may stay on it.
    app.delete(
        &format!("/api/v1/committees/{depot}/members/{}", members[0].id),
        &members[0].token,
    )
    .await;
    let (status, seen) = app
        .put(
            &attended_path,
            &rosa.token,
            json!({ "account_ids": [members[0].id, members[1].id] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["attended"].as_array().map(Vec::len), Some(2));

    // Every member reads the minutes and who attended.
    let (_, seen) = app
        .get(&format!("/api/v1/meetings/{m}"), &members[1].token)
        .await;
    assert_eq!(seen["minutes"], text);
    assert_eq!(seen["attended"][1]["display_name"], "Worker 1");

    // Empty minutes are none.
    let (_, seen) = app
        .put(&minutes_path, &rosa.token, json!({ "text": "  " }))
        .await;
    assert_eq!(seen["minutes"], Value::Null);

    let actions = audit_actions(&app, &rosa, &depot).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "minutes_recorded").count(),
        2
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "attendance_recorded")
            .count(),
        2
    );
}

async fn a_plain_member_cannot_call_an_emergency_meeting(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 1).await;
    let mut body = meeting("Walkout now", 1);
    body["emergency"] = json!(true);
    let notifications_before = app.count_rows("notifications").await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/meetings"),
            &members[0].token,
            body.clone(),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    assert_eq!(app.count_rows("meetings").await, 0);
    assert_eq!(app.count_rows("notifications").await, notifications_before);

    let called = schedule(&app, &rosa, &depot, body).await;
    assert_eq!(called["emergency"], true);
    assert!(
        audit_actions(&app, &rosa, &depot)
            .await
            .contains(&"emergency_meeting_called".to_owned())
    );
}

async fn open_stream(app: &TestApp, user: &User) -> (reqwest::Response, String) {
    let mut stream = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), StatusCode::OK);
    let mut buffer = String::new();
    next_event(&mut stream, &mut buffer, "ready", Duration::from_secs(5))
        .await
        .expect("the stream is ready");
    (stream, buffer)
}

async fn an_emergency_meeting_reaches_every_member_at_once(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 3).await;
    let outsider = app.register("outsider").await;
    app.workplace(&outsider, "Another Depot").await;

    let (mut amir_stream, mut amir_buffer) = open_stream(&app, &members[0]).await;
    let (mut outsider_stream, mut outsider_buffer) = open_stream(&app, &outsider).await;

    let mut body = meeting("ICE at the gate: meet now", 0);
    body["emergency"] = json!(true);
    body["location"] = json!("North parking lot, by the bus stop");
    let called = schedule(&app, &rosa, &depot, body).await;
    let link = format!("/meetings/{}", id_of(&called));

    let live = next_event(
        &mut amir_stream,
        &mut amir_buffer,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("the emergency arrives live");
    assert_eq!(live["kind"], "emergency_meeting");
    assert_eq!(live["urgent"], true);
    assert_eq!(live["link"], json!(link));
    assert_eq!(live["committee_id"], json!(depot));
    let text = live["text"].as_str().unwrap_or("");
    assert!(
        text.contains("EMERGENCY")
            && text.contains("ICE at the gate: meet now")
            && text.contains("North parking lot"),
        "{text}"
    );

    let leaked = next_event(
        &mut outsider_stream,
        &mut outsider_buffer,
        "notification",
        Duration::from_millis(500),
    )
    .await;
    assert_eq!(leaked, None, "the emergency reached someone outside");

    // Everyone in the committee has it in the inbox, urgent.
    for member in members.iter().chain([&rosa]) {
        let items = inbox(&app, member).await;
        let alert = items
            .iter()
            .find(|n| n["kind"] == "emergency_meeting")
            .unwrap_or_else(|| panic!("{} was not alerted: {items:?}", member.handle));
        assert_eq!(alert["urgent"], true);
        assert_eq!(alert["link"], json!(link));
    }
    assert!(inbox(&app, &outsider).await.is_empty());
}

async fn outsiders_get_404_on_every_meeting_route(app: TestApp) {
    let (depot, rosa, _) = depot(&app, 0).await;
    let m = id_of(&schedule(&app, &rosa, &depot, meeting("Contract vote", 24)).await);
    let outsider = app.register("outsider").await;
    app.workplace(&outsider, "Another Depot").await;

    let routes = [
        (
            Method::GET,
            format!("/api/v1/committees/{depot}/meetings"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/meetings"),
            Some(meeting("Infiltration", 24)),
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/meetings"),
            Some(json!({ "title": "", "starts_at": "soon", "location": "", "emergency": true })),
        ),
        (Method::GET, format!("/api/v1/meetings/{m}"), None),
        (
            Method::POST,
            format!("/api/v1/meetings/{m}/attendance"),
            Some(json!({ "status": "yes" })),
        ),
        (
            Method::POST,
            format!("/api/v1/meetings/{m}/attendance"),
            Some(json!({ "status": "bogus" })),
        ),
        (
            Method::PUT,
            format!("/api/v1/meetings/{m}/minutes"),
            Some(json!({ "text": "We were there" })),
        ),
        (
            Method::PUT,
            format!("/api/v1/meetings/{m}/attended"),
            Some(json!({ "account_ids": [outsider.id] })),
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/calendar"),
            Some(json!({})),
        ),
    ];
    for (method, path, body) in &routes {
        let answer = app
            .call(method.clone(), path, Some(&outsider.token), body.clone())
            .await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
    // Malformed and unknown ids name nothing.
    for path in ["/api/v1/meetings/nope", "/api/v1/meetings/00000000000000aa"] {
        assert_error(
            &app.get(path, &rosa.token).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
    }
    // Pages say the same.
    let cookie = format!("outnumber_session={}", outsider.token);
    for path in [
        format!("/committees/{depot}/meetings"),
        format!("/meetings/{m}"),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("page");
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }

    // A council's meetings are for its members, not for the members of its affiliates.
    let june = app.register("june").await;
    let council = app.council(&june, "Twin Cities Council").await;
    app.affiliate(&june, &council, &rosa, &depot).await;
    let c = id_of(&schedule(&app, &june, &council, meeting("Council meeting", 24)).await);
    assert_error(
        &app.get(&format!("/api/v1/meetings/{c}"), &rosa.token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get(
            &format!("/api/v1/committees/{council}/meetings"),
            &rosa.token,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_eq!(app.count_rows("meetings").await, 2);
    assert_eq!(app.count_rows("meeting_responses").await, 0);
    assert_eq!(app.count_rows("calendar_feeds").await, 0);
}

async fn calendar_link(app: &TestApp, user: &User, committee: &str) -> String {
    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{committee}/calendar"),
            &user.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let url = made["url"].as_str().expect("url");
    assert!(url.ends_with(".ics"), "{url}");
    // The test server's public address names port 0; the path is what matters.
    let path = &url[url.find("/calendar/").expect("a calendar path")..];
    path.to_owned()
}

async fn fetch(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = app.client.get(app.url(path)).send().await.expect("feed");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, content_type, response.text().await.expect("body"))
}

async fn the_calendar_feed_lists_the_meetings_and_its_link_can_be_revoked(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 1).await;
    let amir = &members[0];
    let title = "Contract vote, all shifts; bring your \\ questions";
    let long_item = "Report back from every department about the staffing, the schedule, \
                     the heat on the loading dock and what management answered";
    let starts = Timestamp::now().plus_hours(24 * 300);
    let starts = Timestamp::from_millis(starts.millis() - starts.millis() % 60_000);
    let regular = schedule(
        &app,
        amir,
        &depot,
        json!({
            "title": title,
            "starts_at": starts.rfc3339(),
            "location": "Union hall, room 2",
            "agenda": [long_item, "Vote"],
        }),
    )
    .await;

    let mut urgent = meeting("Raid at the depot", 2);
    urgent["emergency"] = json!(true);
    let urgent = schedule(&app, &rosa, &depot, urgent).await;
    let old = schedule(&app, &rosa, &depot, meeting("Last month's meeting", -2)).await;
    let older = schedule(&app, &rosa, &depot, meeting("Long ago", -3)).await;
    for (meeting, days) in [(&old, 29), (&older, 31)] {
        sqlx::query("UPDATE meetings SET starts_at = $1 WHERE id = $2")
            .bind(Timestamp::now().plus_hours(-24 * days).millis())
            .bind(i64::from_str_radix(&id_of(meeting), 16).expect("hex id"))
            .execute(app.app().db.pool())
            .await
            .expect("move the meeting");
    }

    let feed = calendar_link(&app, amir, &depot).await;
    let (status, content_type, ics) = fetch(&app, &feed).await;
    assert_eq!(status, StatusCode::OK, "{ics}");
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line}");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("\r\nX-WR-CALNAME:Lake Street Depot\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded
            .contains("\r\nSUMMARY:Contract vote\\, all shifts\\; bring your \\\\ questions\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\r\nLOCATION:Union hall\\, room 2\r\n"),
        "{unfolded}"
    );
    // When it starts, as the committee's clocks show it and with the zone named, then the
    // agenda and the link.
    assert!(
        unfolded.contains("\r\nDESCRIPTION:When: ") && unfolded.contains(" UTC\\n1. "),
        "{unfolded}"
    );
    assert!(
        unfolded.contains(&format!(
            "\\n1. {}\\n2. Vote\\nDetails: ",
            long_item.replace(',', "\\,")
        )),
        "{unfolded}"
    );
    assert!(ics.contains("\r\n "), "the long agenda was folded");
    assert!(unfolded.contains(&format!("\r\nUID:{}@outnumber\r\n", id_of(&regular))));
    let start = outnumber::meetings::ical::utc(starts);
    let end = outnumber::meetings::ical::utc(starts.plus_hours(1));
    assert!(
        unfolded.contains(&format!("\r\nDTSTART:{start}\r\nDTEND:{end}\r\n")),
        "{unfolded}"
    );
    assert!(start.ends_with("00Z") && start.len() == 16, "{start}");
    // The emergency stands out, in the owner's language.
    let emergency = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&id_of(&urgent)))
        .expect("the emergency meeting is listed");
    assert!(emergency.contains("\r\nPRIORITY:1\r\n"), "{emergency}");
    assert!(
        emergency.contains("SUMMARY:EMERGENCY: Raid at the depot"),
        "{emergency}"
    );
    assert_eq!(unfolded.matches("PRIORITY:1").count(), 1);
    assert!(unfolded.contains("Last month's meeting"));
    assert!(
        !unfolded.contains("Long ago"),
        "older than 30 days: {unfolded}"
    );
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 3);

    // Only the hash of the token is kept.
    let token = feed
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    assert!(token.len() >= 40, "{token}");
    assert!(
        !app.dump()
            .await
            .iter()
            .any(|(_, values)| values.iter().any(|v| v.contains(token))),
        "the calendar token is stored in the clear"
    );

    // A new link switches the old one off.
    let renewed = calendar_link(&app, amir, &depot).await;
    assert_ne!(renewed, feed);
    assert_eq!(fetch(&app, &feed).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &renewed).await.0, StatusCode::OK);
    assert_eq!(app.count_rows("calendar_feeds").await, 1);

    // Unknown or malformed tokens name nothing.
    let without_suffix = renewed.trim_end_matches(".ics").to_owned();
    for path in [
        "/calendar/unknown.ics",
        "/calendar/.ics",
        without_suffix.as_str(),
    ] {
        assert_eq!(fetch(&app, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }

    // Once amir is removed from the committee, his link shows nothing.
    let rosas = calendar_link(&app, &rosa, &depot).await;
    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/members/{}", amir.id),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(fetch(&app, &renewed).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &rosas).await.0, StatusCode::OK);
}

async fn the_dashboard_shows_upcoming_meetings(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 1).await;
    let mut urgent = meeting("Walkout vote", 5);
    urgent["emergency"] = json!(true);
    let urgent = schedule(&app, &rosa, &depot, urgent).await;
    schedule(&app, &rosa, &depot, meeting("Contract vote", 48)).await;
    schedule(&app, &rosa, &depot, meeting("Night huddle", -20)).await;
    let other = app.register("other").await;
    let elsewhere = app.workplace(&other, "Another Depot").await;
    schedule(&app, &other, &elsewhere, meeting("Other depot meeting", 5)).await;

    let response = app
        .client
        .get(app.url("/dashboard"))
        .header("cookie", format!("outnumber_session={}", members[0].token))
        .send()
        .await
        .expect("dashboard");
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("page");
    // Not answered yet: listed among the meetings to answer.
    let section = page
        .split("id=\"unanswered-meetings\"")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("a list of meetings to answer");
    let walkout = section.find("Walkout vote").expect("the emergency meeting");
    let contract = section.find("Contract vote").expect("the regular meeting");
    assert!(walkout < contract, "soonest first: {section}");
    assert!(
        section.contains("Emergency"),
        "the emergency is marked: {section}"
    );
    assert!(section.contains(&format!("href=\"/meetings/{}\"", id_of(&urgent))));
    assert!(section.contains("<time datetime=\""), "{section}");
    assert!(!section.contains("Night huddle"), "{section}");
    assert!(!page.contains("Other depot meeting"));
}

/// Reads the CSRF token from a page's form.
fn csrf_of(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("a form with a CSRF token") + marker.len();
    page[start..].split('"').next().unwrap_or("").to_owned()
}

async fn the_meeting_pages_work_with_plain_forms(app: TestApp) {
    let (depot, rosa, members) = depot(&app, 1).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let cookie = format!("outnumber_session={}", rosa.token);
    let get = |path: String| {
        let request = client.get(app.url(&path)).header("cookie", &cookie);
        async move {
            let response = request.send().await.expect("get");
            (response.status(), response.text().await.expect("page"))
        }
    };
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let request = client
            .post(app.url(&path))
            .header("cookie", &cookie)
            .form(&form);
        async move {
            let response = request.send().await.expect("post");
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            (
                response.status(),
                location,
                response.text().await.expect("page"),
            )
        }
    };

    let (status, page) = get(format!("/committees/{depot}/meetings")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("name=\"emergency\""),
        "coordinators may call emergencies"
    );
    assert!(
        page.contains("Times are shown in UTC."),
        "the page names the zone its times are in: the committee's, here the server's"
    );
    let csrf = csrf_of(&page);

    // A time typed on the committee's clocks (the server's zone, UTC).
    let day = Timestamp::now().plus_hours(48).rfc3339()[..10].to_owned();
    let (status, location, body) = post(
        format!("/committees/{depot}/meetings"),
        vec![
            ("csrf", csrf.clone()),
            ("title", "Contract vote".into()),
            ("starts_at_local", format!("{day}T18:30")),
            ("location", "Union hall".into()),
            ("agenda", "Report back\r\n\r\nVote\r\n".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let meeting_path = location.expect("a redirect to the meeting");
    assert!(meeting_path.starts_with("/meetings/"), "{meeting_path}");
    let id = meeting_path.trim_start_matches("/meetings/").to_owned();
    let (_, seen) = app
        .get(&format!("/api/v1/meetings/{id}"), &rosa.token)
        .await;
    let typed = Timestamp::parse_rfc3339(&format!("{day}T18:30:00Z")).expect("time");
    assert_eq!(seen["starts_at"], json!(typed.rfc3339()));
    assert_eq!(seen["agenda"], json!(["Report back", "Vote"]));
    assert_eq!(seen["emergency"], false);

    // A mistake comes back next to the form, with what was typed.
    let (status, _, page) = post(
        format!("/committees/{depot}/meetings"),
        vec![
            ("csrf", csrf.clone()),
            ("title", "Walkout".into()),
            ("starts_at_local", "soon".into()),
            ("location", "Gate 3".into()),
            ("emergency", "1".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("class=\"error\""), "{page}");
    assert!(page.contains("value=\"Gate 3\""), "{page}");
    assert_eq!(app.count_rows("meetings").await, 1);

    // Answer, minutes and attendance through the meeting page's forms.
    let (status, page) = get(meeting_path.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("aria-pressed=\"false\""), "{page}");
    let (status, location, _) = post(
        format!("{meeting_path}/attendance"),
        vec![("csrf", csrf.clone()), ("status", "yes".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(meeting_path.as_str()));
    let (_, page) = get(meeting_path.clone()).await;
    assert!(
        page.contains("aria-pressed=\"true\""),
        "the answer is marked: {page}"
    );

    let (status, _, _) = post(
        format!("{meeting_path}/minutes"),
        vec![
            ("csrf", csrf.clone()),
            (
                "text",
                "We met.\r\nWe voted.\r\n\r\n<b>Solidarity</b>".into(),
            ),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = post(
        format!("{meeting_path}/attended"),
        vec![
            ("csrf", csrf.clone()),
            ("account_ids", rosa.id.clone()),
            ("account_ids", members[0].id.clone()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = get(meeting_path.clone()).await;
    assert!(page.contains("We met.<br>We voted."), "{page}");
    assert!(
        page.contains("&#60;b&#62;Solidarity&#60;/b&#62;") && !page.contains("<b>Solidarity"),
        "minutes never render as HTML"
    );
    let (_, seen) = app
        .get(&format!("/api/v1/meetings/{id}"), &rosa.token)
        .await;
    assert_eq!(seen["attended"].as_array().map(Vec::len), Some(2));
    assert_eq!(seen["my_rsvp"], "yes");

    // Nobody ticked: nobody attended.
    let (status, _, _) = post(
        format!("{meeting_path}/attended"),
        vec![("csrf", csrf.clone())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count_rows("meeting_attendance").await, 0);

    // The calendar link is shown once, on the page that made it.
    let (status, _, page) = post(
        format!("/committees/{depot}/calendar"),
        vec![("csrf", csrf.clone())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("/calendar/") && page.contains(".ics"),
        "{page}"
    );
    assert!(page.contains("webcal://"), "{page}");
    let (_, page) = get(format!("/committees/{depot}/meetings")).await;
    assert!(!page.contains(".ics"), "the link is not shown again");

    // Forms without the token are refused.
    let (status, _, _) = post(
        format!("{meeting_path}/attendance"),
        vec![("status", "no".into())],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A plain member sees no emergency box and no coordinator forms.
    let cookie = format!("outnumber_session={}", members[0].token);
    let page = client
        .get(app.url(&meeting_path))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(!page.contains("/minutes\""), "{page}");
    assert!(!page.contains("/attended\""), "{page}");
    let page = client
        .get(app.url(&format!("/committees/{depot}/meetings")))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(!page.contains("name=\"emergency\""));
}

async fn the_openapi_document_describes_the_meeting_routes(app: TestApp) {
    let doc: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    for (path, method) in [
        ("/committees/{id}/meetings", "post"),
        ("/committees/{id}/meetings", "get"),
        ("/meetings/{id}", "get"),
        ("/meetings/{id}/attendance", "post"),
        ("/meetings/{id}/minutes", "put"),
        ("/meetings/{id}/attended", "put"),
        ("/committees/{id}/calendar", "post"),
    ] {
        assert!(
            doc["paths"][path].get(method).is_some(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    for schema in ["MeetingDetail", "MeetingView", "Rsvp", "CalendarLink"] {
        assert!(
            doc["components"]["schemas"].get(schema).is_some(),
            "{schema} missing"
        );
    }
}
