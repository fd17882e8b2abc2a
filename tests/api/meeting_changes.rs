//! Changing, rescheduling and calling off meetings: who may, what is checked, who is told,
//! what the audit log keeps, and how the pages and lists show a meeting called off.
//! (How calendars see the changes is in `calendars.rs`.)

use outnumber::core::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};

both!(
    a_meeting_is_changed_by_its_caller_or_a_coordinator_and_a_move_is_told,
    bad_changes_are_refused_and_change_nothing,
    a_called_off_meeting_stays_listed_and_can_no_longer_be_answered,
    meetings_are_changed_and_called_off_with_plain_forms,
);

fn in_hours(hours: i64) -> String {
    Timestamp::now().plus_hours(hours).rfc3339()
}

/// A depot with a coordinator (Rosa) and two members.
async fn depot(app: &TestApp) -> (String, User, User, User) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let lena = app.member(&rosa, &depot, "lena").await;
    (depot, rosa, amir, lena)
}

async fn schedule(app: &TestApp, by: &User, committee: &str, title: &str, hours: i64) -> String {
    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &by.token,
            json!({ "title": title, "starts_at": in_hours(hours), "location": "Union hall",
                    "agenda": ["Report back"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made["id"].as_str().expect("id").to_owned()
}

async fn patch(app: &TestApp, by: &User, meeting: &str, body: Value) -> (StatusCode, Value) {
    app.call(
        Method::PATCH,
        &format!("/api/v1/meetings/{meeting}"),
        Some(&by.token),
        Some(body),
    )
    .await
}

async fn cancel(app: &TestApp, by: &User, meeting: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/meetings/{meeting}/cancel"),
        &by.token,
        json!({}),
    )
    .await
}

async fn kinds(app: &TestApp, user: &User) -> Vec<String> {
    let (status, inbox) = app.get("/api/v1/notifications", &user.token).await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|n| n["kind"].as_str().map(str::to_owned))
        .collect()
}

async fn audit(app: &TestApp, user: &User, committee: &str) -> Vec<String> {
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
        .filter_map(|e| e["text"].as_str().map(str::to_owned))
        .collect()
}

async fn a_meeting_is_changed_by_its_caller_or_a_coordinator_and_a_move_is_told(app: TestApp) {
    let (depot, rosa, amir, lena) = depot(&app).await;
    let stranger = app.register("stranger").await;
    app.workplace(&stranger, "Elsewhere").await;
    let meeting = schedule(&app, &amir, &depot, "Contract vote", 48).await;

    // Another member may not; an outsider learns nothing, as for a meeting that does not exist.
    let (status, refused) = patch(&app, &lena, &meeting, json!({ "title": "Mine now" })).await;
    assert_error(
        &(status, refused),
        StatusCode::FORBIDDEN,
        "caller_or_coordinator",
    );
    let hidden = patch(&app, &stranger, &meeting, json!({ "title": "Mine now" })).await;
    assert_error(&hidden, StatusCode::NOT_FOUND, "not_found");
    let nothing = patch(
        &app,
        &stranger,
        "00000000000000aa",
        json!({ "title": "Mine now" }),
    )
    .await;
    assert_eq!(nothing, hidden, "the same answer as for no meeting at all");
    assert_error(
        &cancel(&app, &lena, &meeting).await,
        StatusCode::FORBIDDEN,
        "caller_or_coordinator",
    );
    assert_error(
        &cancel(&app, &stranger, &meeting).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // Its caller renames it and rewrites the agenda: recorded, nobody is bothered.
    let (status, renamed) = patch(
        &app,
        &amir,
        &meeting,
        json!({ "title": "Contract vote, all shifts", "agenda": ["Report", "Vote"] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{renamed}");
    assert_eq!(renamed["title"], "Contract vote, all shifts");
    assert_eq!(renamed["agenda"], json!(["Report", "Vote"]));
    assert_eq!(renamed["location"], "Union hall", "left out: kept");
    assert!(renamed["updated_at"].is_string(), "{renamed}");
    assert_eq!(renamed["cancelled"], false);
    assert!(
        !kinds(&app, &lena)
            .await
            .contains(&"meeting_rescheduled".to_owned())
    );

    // A coordinator moves it: every other member is told, with the new time and place.
    let new_start = Timestamp::now().plus_hours(72);
    let (status, moved) = patch(
        &app,
        &rosa,
        &meeting,
        json!({ "starts_at": new_start.rfc3339(), "location": "Parking lot" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(
        Timestamp::parse_rfc3339(moved["starts_at"].as_str().unwrap_or("")),
        Timestamp::parse_rfc3339(&new_start.rfc3339())
    );
    assert_eq!(moved["location"], "Parking lot");
    for member in [&amir, &lena] {
        let (_, inbox) = app.get("/api/v1/notifications", &member.token).await;
        let told = inbox["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|n| n["kind"] == "meeting_rescheduled")
            .unwrap_or_else(|| panic!("{} is told: {inbox}", member.handle))
            .clone();
        let text = told["text"].as_str().unwrap_or("");
        assert!(
            text.contains("Contract vote, all shifts") && text.contains("Parking lot"),
            "{text}"
        );
        assert_eq!(told["link"], format!("/meetings/{meeting}"), "{told}");
    }
    assert!(
        !kinds(&app, &rosa)
            .await
            .contains(&"meeting_rescheduled".to_owned()),
        "who moved it knows"
    );

    // The same change again changes nothing, and tells nobody twice.
    let (status, _) = patch(&app, &rosa, &meeting, json!({ "location": "Parking lot" })).await;
    assert_eq!(status, StatusCode::OK);
    let told = kinds(&app, &lena).await;
    assert_eq!(
        told.iter().filter(|k| *k == "meeting_rescheduled").count(),
        1
    );

    // The audit log says what was done, by whom.
    let log = audit(&app, &lena, &depot).await;
    assert!(
        log.iter()
            .any(|t| t.contains("changed the meeting “Contract vote, all shifts”")),
        "{log:?}"
    );
    assert_eq!(
        log.iter()
            .filter(|t| t.contains("moved the meeting"))
            .count(),
        1,
        "{log:?}"
    );

    // A plain member may not change a coordinator's emergency meeting, even one they did
    // not call; its coordinator may.
    let (status, emergency) = app
        .post(
            &format!("/api/v1/committees/{depot}/meetings"),
            &rosa.token,
            json!({ "title": "Raid", "starts_at": in_hours(1), "location": "Gate 3",
                    "emergency": true }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{emergency}");
    let emergency = emergency["id"].as_str().expect("id").to_owned();
    assert_error(
        &patch(&app, &amir, &emergency, json!({ "location": "Gate 4" })).await,
        StatusCode::FORBIDDEN,
        "caller_or_coordinator",
    );
    let (status, _) = patch(&app, &rosa, &emergency, json!({ "location": "Gate 4" })).await;
    assert_eq!(status, StatusCode::OK);
    // Moving an emergency meeting is urgent, like the alert was.
    let (_, inbox) = app.get("/api/v1/notifications", &amir.token).await;
    let urgent = inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|n| n["kind"] == "meeting_rescheduled" && n["subject_id"] == json!(emergency))
        .map(|n| n["urgent"].clone());
    assert_eq!(urgent, Some(json!(true)), "{inbox}");
}

async fn bad_changes_are_refused_and_change_nothing(app: TestApp) {
    let (depot, rosa, amir, _) = depot(&app).await;
    let meeting = schedule(&app, &rosa, &depot, "Contract vote", 48).await;
    let (_, before) = app
        .get(&format!("/api/v1/meetings/{meeting}"), &rosa.token)
        .await;
    let audit_before = audit(&app, &rosa, &depot).await;

    let answer = patch(
        &app,
        &rosa,
        &meeting,
        json!({ "title": " ", "starts_at": "tomorrow", "location": "x".repeat(201),
                "agenda": ["fine", ""] }),
    )
    .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_title");
    let fields: Vec<String> = answer.1["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["field"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        fields,
        ["title", "starts_at", "location", "agenda"],
        "{}",
        answer.1
    );
    for (body, code) in [
        (
            json!({ "starts_at": in_hours(24 * 400) }),
            "invalid_starts_at",
        ),
        (json!({ "starts_at": in_hours(-30) }), "invalid_starts_at"),
        // Scheduling takes a meeting that began up to a day ago; a move keeps it upcoming,
        // or it would be over at once and nobody could move it back or call it off.
        (json!({ "starts_at": in_hours(-20) }), "invalid_starts_at"),
        (
            json!({ "agenda": vec!["item"; 31] }),
            "invalid_agenda_items",
        ),
        (json!({ "title": 5 }), "invalid_body"),
    ] {
        let answer = patch(&app, &rosa, &meeting, body).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let (_, after) = app
        .get(&format!("/api/v1/meetings/{meeting}"), &rosa.token)
        .await;
    assert_eq!(before, after, "nothing changed");
    assert_eq!(audit(&app, &rosa, &depot).await, audit_before);
    assert!(
        !kinds(&app, &amir)
            .await
            .contains(&"meeting_rescheduled".to_owned())
    );

    // A meeting that is over stays as it was: its minutes say what happened.
    let past = schedule(&app, &rosa, &depot, "Last night", -3).await;
    assert_error(
        &patch(&app, &rosa, &past, json!({ "title": "Renamed" })).await,
        StatusCode::CONFLICT,
        "meeting_over",
    );
    assert_error(
        &cancel(&app, &rosa, &past).await,
        StatusCode::CONFLICT,
        "meeting_over",
    );
}

async fn a_called_off_meeting_stays_listed_and_can_no_longer_be_answered(app: TestApp) {
    let (depot, rosa, amir, lena) = depot(&app).await;
    let meeting = schedule(&app, &amir, &depot, "Picnic", 30).await;
    let attendance = format!("/api/v1/meetings/{meeting}/attendance");
    let (status, _) = app
        .post(&attendance, &lena.token, json!({ "status": "yes" }))
        .await;
    assert_eq!(status, StatusCode::OK);

    // Its caller calls it off.
    let (status, cancelled) = cancel(&app, &amir, &meeting).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["cancelled"], true);
    assert!(cancelled["cancelled_at"].is_string(), "{cancelled}");

    // Still listed, marked.
    let (_, list) = app
        .get(&format!("/api/v1/committees/{depot}/meetings"), &lena.token)
        .await;
    let listed = list
        .as_array()
        .expect("list")
        .iter()
        .find(|m| m["id"] == json!(meeting))
        .cloned()
        .expect("still listed");
    assert_eq!(listed["cancelled"], true);

    // No more answers, changes, or calling off twice.
    assert_error(
        &app.post(&attendance, &lena.token, json!({ "status": "no" }))
            .await,
        StatusCode::CONFLICT,
        "meeting_cancelled",
    );
    assert_error(
        &patch(&app, &rosa, &meeting, json!({ "title": "Back on" })).await,
        StatusCode::CONFLICT,
        "meeting_cancelled",
    );
    assert_error(
        &cancel(&app, &rosa, &meeting).await,
        StatusCode::CONFLICT,
        "meeting_cancelled",
    );
    // It did not take place: no minutes, nobody attended.
    assert_error(
        &app.put(
            &format!("/api/v1/meetings/{meeting}/minutes"),
            &rosa.token,
            json!({ "text": "We met." }),
        )
        .await,
        StatusCode::CONFLICT,
        "meeting_cancelled",
    );
    assert_error(
        &app.put(
            &format!("/api/v1/meetings/{meeting}/attended"),
            &rosa.token,
            json!({ "account_ids": [lena.id] }),
        )
        .await,
        StatusCode::CONFLICT,
        "meeting_cancelled",
    );

    // Every other member is told, once; it is in the audit log.
    for member in [&rosa, &lena] {
        let told = kinds(&app, member).await;
        assert_eq!(
            told.iter().filter(|k| *k == "meeting_cancelled").count(),
            1,
            "{}: {told:?}",
            member.handle
        );
    }
    assert!(
        !kinds(&app, &amir)
            .await
            .contains(&"meeting_cancelled".to_owned())
    );
    let log = audit(&app, &lena, &depot).await;
    assert!(
        log.iter()
            .any(|t| t.contains("called off the meeting “Picnic”")),
        "{log:?}"
    );

    // The dashboard shows it called off, and does not ask to answer it.
    let client = crate::common::client();
    let page = |user: &User, path: String| {
        let request = client
            .get(app.url(&path))
            .header("cookie", format!("outnumber_session={}", user.token));
        async move {
            let response = request.send().await.expect("page");
            (response.status(), response.text().await.expect("body"))
        }
    };
    let (status, dashboard) = page(&rosa, "/dashboard".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(dashboard.contains("Called off"), "{dashboard}");
    assert!(
        !dashboard.contains("id=\"unanswered-meetings\""),
        "nothing to answer: {dashboard}"
    );
    let (_, list_page) = page(&rosa, format!("/committees/{depot}/meetings")).await;
    assert!(list_page.contains("Called off"), "{list_page}");
    let (_, meeting_page) = page(&lena, format!("/meetings/{meeting}")).await;
    assert!(meeting_page.contains("id=\"meeting-cancelled\""));
    assert!(
        !meeting_page.contains(&format!("action=\"/meetings/{meeting}/attendance\"")),
        "no answer buttons"
    );
}

/// Reads the CSRF token from a page's form.
fn csrf_of(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("a form with a CSRF token") + marker.len();
    page[start..].split('"').next().unwrap_or("").to_owned()
}

async fn meetings_are_changed_and_called_off_with_plain_forms(app: TestApp) {
    let (depot, rosa, amir, _) = depot(&app).await;
    let meeting = schedule(&app, &rosa, &depot, "Contract vote", 48).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let get = |user: &User, path: String| {
        let request = client
            .get(app.url(&path))
            .header("cookie", format!("outnumber_session={}", user.token));
        async move {
            let response = request.send().await.expect("get");
            (response.status(), response.text().await.expect("page"))
        }
    };
    let post = |user: &User, path: String, form: Vec<(&'static str, String)>| {
        let request = client
            .post(app.url(&path))
            .header("cookie", format!("outnumber_session={}", user.token))
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
    let path = format!("/meetings/{meeting}");

    // A plain member who did not call it sees no change form.
    let (_, page) = get(&amir, path.clone()).await;
    assert!(!page.contains(&format!("action=\"{path}/edit\"")));
    // The coordinator does, filled in with the meeting as it is.
    let (status, page) = get(&rosa, path.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("action=\"{path}/edit\"")), "{page}");
    assert!(page.contains("value=\"Contract vote\""), "{page}");
    let csrf = csrf_of(&page);
    let (_, seen) = app.get(&format!("/api/v1{path}"), &rosa.token).await;
    let shown_start = seen["starts_at"].as_str().unwrap_or("")[..16].to_owned();

    // Mistakes come back next to the form, as typed; nothing changes.
    let (status, _, page) = post(
        &rosa,
        format!("{path}/edit"),
        vec![
            ("csrf", csrf.clone()),
            ("title", "".into()),
            ("starts_at_local", "soon".into()),
            ("location", "Gate 3".into()),
            ("agenda", "Report".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"edit-problems\""), "{page}");
    assert!(
        page.contains("value=\"Gate 3\""),
        "the form keeps what was typed"
    );
    let (_, unchanged) = app.get(&format!("/api/v1{path}"), &rosa.token).await;
    assert_eq!(unchanged["location"], "Union hall");

    // The start as it was shown keeps the meeting where it is; a new place moves it.
    let (status, location, body) = post(
        &rosa,
        format!("{path}/edit"),
        vec![
            ("csrf", csrf.clone()),
            ("title", "Contract vote".into()),
            ("starts_at_local", shown_start),
            ("location", "Gate 3".into()),
            ("agenda", "Report\r\nVote".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(path.as_str()));
    let (_, changed) = app.get(&format!("/api/v1{path}"), &rosa.token).await;
    assert_eq!(changed["location"], "Gate 3");
    assert_eq!(changed["starts_at"], seen["starts_at"], "not moved");
    assert_eq!(changed["agenda"], json!(["Report", "Vote"]));
    assert!(
        kinds(&app, &amir)
            .await
            .contains(&"meeting_rescheduled".to_owned())
    );

    // Calling it off asks first, then is done.
    let (status, ask) = get(&rosa, format!("{path}/cancel")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ask.contains(&format!("action=\"{path}/cancel\"")), "{ask}");
    let (status, location, _) = post(
        &rosa,
        format!("{path}/cancel"),
        vec![("csrf", csrf_of(&ask))],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(path.as_str()));
    let (_, page) = get(&amir, path.clone()).await;
    assert!(page.contains("id=\"meeting-cancelled\""), "{page}");
    let (_, page) = get(&rosa, path.clone()).await;
    assert!(
        !page.contains(&format!("action=\"{path}/edit\"")),
        "a meeting called off is not changed"
    );
    // Asked again, the page says why not.
    let (status, again) = get(&rosa, format!("{path}/cancel")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("called off"), "{again}");
}
