use std::time::Duration;

use outnumber::core::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::notifications::next_event;

both!(
    calling_an_action_is_for_coordinators,
    pledges_are_idempotent_and_counts_add_up,
    my_pledge_stays_true_once_pledgers_are_remembered,
    a_council_action_reaches_every_committee_below,
    the_pledge_that_meets_the_threshold_activates_exactly_once,
    thresholds_by_share_and_by_committees,
    activation_tells_everyone_in_scope,
    an_action_still_gathering_at_its_start_expires_across_a_restart,
    a_coordinator_cancels_before_activation,
    the_public_counter_shows_aggregates_only,
    the_public_counter_names_no_group_under_five,
    counts_stream_live,
    workforce_estimates_show_beside_the_counts,
    kept_counts_match_the_pledges,
);

fn in_secs(secs: i64) -> String {
    Timestamp::now().plus_millis(secs * 1000).rfc3339()
}

fn strike(threshold: Value) -> Value {
    json!({ "title": "Strike for safe staffing", "kind": "strike", "description": "All out.",
            "starts_at": in_secs(7 * 24 * 3600), "threshold": threshold })
}

async fn call(app: &TestApp, by: &User, committee: &str, body: Value) -> Value {
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{committee}/actions"),
            &by.token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    action
}

async fn pledge(app: &TestApp, by: &User, action: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        &format!("/api/v1/actions/{action}/pledges"),
        Some(&by.token),
        None,
    )
    .await
}

async fn withdraw(app: &TestApp, by: &User, action: &str) -> (StatusCode, Value) {
    app.delete(&format!("/api/v1/actions/{action}/pledges"), &by.token)
        .await
}

async fn workplace_with(
    app: &TestApp,
    name: &str,
    extra: usize,
    industry: &str,
    region: &str,
) -> (String, User, Vec<User>) {
    let coordinator = app.register(&format!("{}coord", name.to_lowercase())).await;
    let (status, body) = app
        .post(
            "/api/v1/committees",
            &coordinator.token,
            json!({ "name": name, "kind": "workplace", "workplace_type": "hospital", "industry": industry, "region": region }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().expect("id").to_owned();
    let members = app
        .members(&coordinator, &id, &name.to_lowercase(), extra)
        .await;
    (id, coordinator, members)
}

fn sum(list: &Value, field: &str) -> i64 {
    list.as_array()
        .expect("list")
        .iter()
        .map(|v| v[field].as_i64().unwrap_or(0))
        .sum()
}

async fn calling_an_action_is_for_coordinators(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 1, "logistics", "Minneapolis").await;
    let outsider = app.register("outsider").await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &members[0].token,
            strike(json!({ "pledges": 2 })),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &outsider.token,
            strike(json!({ "pledges": 2 })),
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    for (body, code) in [
        (strike(json!({})), "invalid_threshold"),
        (strike(json!({ "pledges": 0 })), "invalid_threshold.pledges"),
        (strike(json!({ "share": 1.5 })), "invalid_threshold.share"),
        (
            json!({ "title": "x", "kind": "riot", "starts_at": in_secs(60), "threshold": { "pledges": 1 } }),
            "invalid_kind",
        ),
        (
            json!({ "title": "x", "kind": "strike", "starts_at": in_secs(-60), "threshold": { "pledges": 1 } }),
            "invalid_starts_at",
        ),
        (
            json!({ "title": "", "kind": "strike", "starts_at": in_secs(60), "threshold": { "pledges": 1 } }),
            "invalid_title",
        ),
    ] {
        let answer = app
            .post(
                &format!("/api/v1/committees/{depot}/actions"),
                &rosa.token,
                body,
            )
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    assert_eq!(app.count_rows("actions").await, 0);

    let action = call(
        &app,
        &rosa,
        &depot,
        strike(json!({ "pledges": 2, "share": 0.5 })),
    )
    .await;
    assert_eq!(action["status"], "gathering");
    assert_eq!(action["eligible"], 2);
    assert_eq!(action["threshold"]["share"], 0.5);
    assert_eq!(action["i_coordinate"], true);
    let id = action["id"].as_str().expect("id");
    assert_error(
        &app.get(&format!("/api/v1/actions/{id}"), &outsider.token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &pledge(&app, &outsider, id).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (_, list) = app
        .get(
            &format!("/api/v1/committees/{depot}/actions"),
            &members[0].token,
        )
        .await;
    assert_eq!(list[0]["id"], json!(id));
    let (_, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &rosa.token)
        .await;
    assert_eq!(log[0]["action"], "action_called");
}

async fn pledges_are_idempotent_and_counts_add_up(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 3, "logistics", "Minneapolis").await;
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 100 }))).await;
    let id = action["id"].as_str().expect("id");
    let (_, shown) = app.get(&format!("/api/v1/actions/{id}"), &rosa.token).await;
    assert_eq!(
        shown, action,
        "the view read back is the view the call answered, member for member"
    );
    for _ in 0..3 {
        let (status, body) = pledge(&app, &members[0], id).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    pledge(&app, &members[1], id).await;
    let (_, seen) = app
        .get(&format!("/api/v1/actions/{id}"), &members[0].token)
        .await;
    assert_eq!(seen["pledged"], 2, "pledging twice counts once");
    assert_eq!(seen["my_pledge"], true);
    assert_eq!(seen["by_committee"][0]["pledged"], 2);
    assert_eq!(seen["by_committee"][0]["members"], 4);

    let (status, _) = withdraw(&app, &members[0], id).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = withdraw(&app, &members[0], id).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "withdrawing twice is fine");
    let (_, seen) = app
        .get(&format!("/api/v1/actions/{id}"), &members[0].token)
        .await;
    assert_eq!(seen["pledged"], 1);
    assert_eq!(seen["my_pledge"], false);
    assert_eq!(
        sum(&seen["by_committee"], "pledged")
            + seen["other_committees"]["pledged"].as_i64().unwrap_or(0),
        1
    );
    assert_eq!(sum(&seen["by_industry"], "pledged"), 1);
    assert_eq!(sum(&seen["by_region"], "pledged"), 1);
    assert_eq!(app.count_rows("pledges").await, 1);

    // One withdraws as another of the same workplace pledges: in one batch the counts do
    // not move at all, and still each one's own standing must change.
    let (withdrawn, pledged) = tokio::join!(
        withdraw(&app, &members[1], id),
        pledge(&app, &members[2], id)
    );
    assert_eq!(withdrawn.0, StatusCode::NO_CONTENT);
    assert_eq!(pledged.0, StatusCode::CREATED);
    for (member, expected) in [(&members[1], false), (&members[2], true)] {
        let (_, seen) = app
            .get(&format!("/api/v1/actions/{id}"), &member.token)
            .await;
        assert_eq!(seen["my_pledge"], expected, "{}: {seen}", member.handle);
        assert_eq!(seen["pledged"], 1);
    }
    assert_eq!(app.count_rows("pledges").await, 1);
}

/// The first reading of an action asks the database whether the reader pledged and, on
/// SQLite, starts keeping the action's pledgers in memory, with the batches written while they
/// load laid on top. Whichever way each answer comes, it must be the reader's own latest word.
async fn my_pledge_stays_true_once_pledgers_are_remembered(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 4, "logistics", "Minneapolis").await;
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 100 }))).await;
    let id = action["id"].as_str().expect("id");
    let mine = |member| my_pledge(&app, member, id);
    pledge(&app, &members[0], id).await;
    // Reading while pledges are written: the load runs beside the writes.
    let (first, _, _) = tokio::join!(
        mine(&members[0]),
        pledge(&app, &members[1], id),
        withdraw(&app, &members[0], id),
    );
    assert!(first.is_boolean(), "{first}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(mine(&members[0]).await, false, "withdrawn during the load");
    assert_eq!(mine(&members[1]).await, true, "pledged during the load");
    assert_eq!(mine(&members[2]).await, false);
    for round in 0..3 {
        let (status, _) = pledge(&app, &members[2], id).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(mine(&members[2]).await, true, "round {round}");
        let (withdrawn, pledged) = tokio::join!(
            withdraw(&app, &members[2], id),
            pledge(&app, &members[3], id)
        );
        assert_eq!(
            (withdrawn.0, pledged.0),
            (StatusCode::NO_CONTENT, StatusCode::CREATED)
        );
        assert_eq!(mine(&members[2]).await, false, "round {round}");
        assert_eq!(mine(&members[3]).await, true, "round {round}");
        withdraw(&app, &members[3], id).await;
        assert_eq!(mine(&members[3]).await, false, "round {round}");
    }
    let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &rosa.token).await;
    assert_eq!(seen["pledged"], 1, "{seen}");
    assert_eq!(seen["my_pledge"], false);
}

async fn my_pledge(app: &TestApp, member: &User, action: &str) -> Value {
    let (status, seen) = app
        .get(&format!("/api/v1/actions/{action}"), &member.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    seen["my_pledge"].clone()
}

async fn a_council_action_reaches_every_committee_below(app: TestApp) {
    let june = app.register("june").await;
    let state = app.council(&june, "State Council").await;
    let city = app.council(&june, "City Council").await;
    app.affiliate(&june, &state, &june, &city).await;
    let (hospital, nurse, nurses) =
        workplace_with(&app, "Hospital", 2, "health care", "Minneapolis").await;
    let (depot, driver, _) = workplace_with(&app, "Depot", 1, "logistics", "Saint Paul").await;
    let (_, stranger, _) = workplace_with(&app, "Elsewhere", 0, "education", "Duluth").await;
    app.affiliate(&june, &city, &nurse, &hospital).await;
    app.affiliate(&june, &state, &driver, &depot).await;

    let action = call(
        &app,
        &june,
        &state,
        strike(json!({ "pledges": 1000, "committees": 2 })),
    )
    .await;
    let id = action["id"].as_str().expect("id");
    assert_eq!(
        action["eligible"], 5,
        "three at the hospital two levels down, two at the depot"
    );
    for person in [&nurse, &nurses[1], &driver] {
        let (status, body) = pledge(&app, person, id).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    assert_error(
        &pledge(&app, &stranger, id).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    // The council's founder sees the action but is not in a workplace it reaches.
    let (status, seen) = app.get(&format!("/api/v1/actions/{id}"), &june.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["in_scope"], false);
    assert_error(
        &pledge(&app, &june, id).await,
        StatusCode::FORBIDDEN,
        "not_in_scope",
    );

    let (_, seen) = app
        .get(&format!("/api/v1/actions/{id}"), &nurses[0].token)
        .await;
    assert_eq!(seen["pledged"], 3);
    assert_eq!(seen["committees"], 2);
    assert_eq!(seen["by_committee"].as_array().map(Vec::len), Some(2));
    let industries: Vec<(String, i64)> = seen["by_industry"]
        .as_array()
        .expect("industries")
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap_or("").to_owned(),
                g["pledged"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        industries,
        [("health care".to_owned(), 2), ("logistics".to_owned(), 1)]
    );
    let progress = seen["progress"].as_array().expect("progress");
    assert_eq!(progress.len(), 2);
    assert_eq!(progress[1]["part"], "committees");
    assert_eq!(progress[1]["met"], true);
    assert!(
        !seen.to_string().contains("nurse0"),
        "no names of members in the counts"
    );
}

async fn the_pledge_that_meets_the_threshold_activates_exactly_once(app: TestApp) {
    let (depot, rosa, members) =
        workplace_with(&app, "Depot", 50, "logistics", "Minneapolis").await;
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 10 }))).await;
    let id = action["id"].as_str().expect("id").to_owned();
    let pledges = members.iter().map(|m| pledge(&app, m, &id));
    for (status, body) in futures_util::future::join_all(pledges).await {
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &rosa.token).await;
    assert_eq!(seen["status"], "activated");
    assert_eq!(
        seen["pledged"], 50,
        "fifty raced past the threshold; pledging stays open once it is on"
    );
    assert!(seen["activated_at"].is_string());
    let (_, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &rosa.token)
        .await;
    let activations = log
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["action"] == "action_activated")
        .count();
    assert_eq!(activations, 1);
    // Once on, pledges are final.
    assert_error(
        &withdraw(&app, &members[0], &id).await,
        StatusCode::CONFLICT,
        "pledges_final",
    );
    let (status, _) = pledge(&app, &rosa, &id).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_error(
        &app.post(
            &format!("/api/v1/actions/{id}/cancel"),
            &rosa.token,
            json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "action_closed",
    );
}

async fn thresholds_by_share_and_by_committees(app: TestApp) {
    // A third of the members, and pledges from two workplaces.
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    let (hospital, nurse, nurses) =
        workplace_with(&app, "Hospital", 4, "health care", "Minneapolis").await;
    let (depot, driver, drivers) =
        workplace_with(&app, "Depot", 3, "logistics", "Minneapolis").await;
    app.affiliate(&june, &council, &nurse, &hospital).await;
    app.affiliate(&june, &council, &driver, &depot).await;
    let action = call(
        &app,
        &june,
        &council,
        strike(json!({ "share": 0.3, "committees": 2 })),
    )
    .await;
    let id = action["id"].as_str().expect("id").to_owned();
    assert_eq!(action["eligible"], 9);
    // Three pledges from the hospital: a third of the members, but from one workplace.
    for nurse in &nurses[..3] {
        pledge(&app, nurse, &id).await;
    }
    let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &june.token).await;
    assert_eq!(seen["status"], "gathering");
    let parts: Vec<(String, bool)> = seen["progress"]
        .as_array()
        .expect("progress")
        .iter()
        .map(|p| {
            (
                p["part"].as_str().unwrap_or("").to_owned(),
                p["met"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [("share".to_owned(), true), ("committees".to_owned(), false)]
    );
    // One pledge from the depot meets both.
    pledge(&app, &drivers[0], &id).await;
    let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &june.token).await;
    assert_eq!(seen["status"], "activated", "{seen}");

    // By share alone: four of five is 80%, not yet 100%.
    let (workplace, coordinator, members) =
        workplace_with(&app, "Office", 4, "public sector", "Duluth").await;
    let all = call(
        &app,
        &coordinator,
        &workplace,
        strike(json!({ "share": 1.0 })),
    )
    .await;
    let all_id = all["id"].as_str().expect("id").to_owned();
    for member in &members {
        pledge(&app, member, &all_id).await;
    }
    let (_, seen) = app
        .get(&format!("/api/v1/actions/{all_id}"), &coordinator.token)
        .await;
    assert_eq!(seen["status"], "gathering");
    assert_eq!(seen["progress"][0]["current"], 0.8);
    pledge(&app, &coordinator, &all_id).await;
    let (_, seen) = app
        .get(&format!("/api/v1/actions/{all_id}"), &coordinator.token)
        .await;
    assert_eq!(seen["status"], "activated");
}

async fn wait_for(app: &TestApp, user: &User, kind: &str, count: usize) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let (_, inbox) = app
            .get("/api/v1/notifications?limit=100", &user.token)
            .await;
        let found: Vec<Value> = inbox["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|n| n["kind"] == kind)
            .cloned()
            .collect();
        if found.len() >= count {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no {kind} notification for {}: {inbox}",
            user.handle
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn activation_tells_everyone_in_scope(app: TestApp) {
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    let (hospital, nurse, nurses) =
        workplace_with(&app, "Hospital", 2, "health care", "Minneapolis").await;
    let (depot, driver, drivers) =
        workplace_with(&app, "Depot", 1, "logistics", "Minneapolis").await;
    let (_, stranger, _) = workplace_with(&app, "Elsewhere", 0, "education", "Duluth").await;
    app.affiliate(&june, &council, &nurse, &hospital).await;
    app.affiliate(&june, &council, &driver, &depot).await;

    // Someone in scope who has not pledged has the page open; so does a stranger.
    let mut open = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&drivers[0].token)
        .send()
        .await
        .expect("stream");
    let mut outside = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&stranger.token)
        .send()
        .await
        .expect("stream");
    let (mut buffer, mut outside_buffer) = (String::new(), String::new());
    next_event(&mut open, &mut buffer, "ready", Duration::from_secs(5))
        .await
        .expect("ready");
    next_event(
        &mut outside,
        &mut outside_buffer,
        "ready",
        Duration::from_secs(5),
    )
    .await
    .expect("ready");

    let action = call(&app, &june, &council, strike(json!({ "pledges": 2 }))).await;
    let id = action["id"].as_str().expect("id").to_owned();
    // The call reaches everyone in scope too.
    let called = next_event(
        &mut open,
        &mut buffer,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("call");
    assert_eq!(called["kind"], "action_called");
    pledge(&app, &nurses[0], &id).await;
    pledge(&app, &driver, &id).await;

    let live = next_event(
        &mut open,
        &mut buffer,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("activation");
    assert_eq!(live["kind"], "action_activated");
    assert_eq!(live["urgent"], true);
    assert_eq!(live["href"], json!(format!("/actions/{id}")));
    assert!(
        next_event(
            &mut outside,
            &mut outside_buffer,
            "notification",
            Duration::from_millis(500)
        )
        .await
        .is_none()
    );

    // Everyone in scope, pledged or not, finds it in the inbox; nobody twice.
    for person in [&nurse, &nurses[0], &nurses[1], &driver, &drivers[0]] {
        let found = wait_for(&app, person, "action_activated", 1).await;
        assert_eq!(found.len(), 1, "{}", person.handle);
        assert_eq!(found[0]["urgent"], true);
    }
    let (_, inbox) = app.get("/api/v1/notifications", &stranger.token).await;
    assert!(!inbox.to_string().contains("action_activated"));
}

async fn an_action_still_gathering_at_its_start_expires_across_a_restart(mut app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 3, "logistics", "Minneapolis").await;
    let mut body = strike(json!({ "pledges": 10 }));
    body["starts_at"] = json!(in_secs(3));
    let action = call(&app, &rosa, &depot, body).await;
    let id = action["id"].as_str().expect("id").to_owned();
    pledge(&app, &members[0], &id).await;
    pledge(&app, &members[1], &id).await;
    app.restart().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &rosa.token).await;
        if seen["status"] == "expired" {
            assert_eq!(seen["pledged"], 2);
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never expired: {seen}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Its pledgers are told, with the final count; the others are not.
    let told = wait_for(&app, &members[0], "action_expired", 1).await;
    assert!(
        told[0]["text"].as_str().unwrap_or("").contains('2'),
        "{told:?}"
    );
    let (_, inbox) = app.get("/api/v1/notifications", &members[2].token).await;
    assert!(!inbox.to_string().contains("action_expired"));
    assert_error(
        &pledge(&app, &members[2], &id).await,
        StatusCode::CONFLICT,
        "action_closed",
    );
}

async fn a_coordinator_cancels_before_activation(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 2, "logistics", "Minneapolis").await;
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 10 }))).await;
    let id = action["id"].as_str().expect("id");
    pledge(&app, &members[0], id).await;
    assert_error(
        &app.post(
            &format!("/api/v1/actions/{id}/cancel"),
            &members[0].token,
            json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "coordinators_only",
    );
    let (status, cancelled) = app
        .post(
            &format!("/api/v1/actions/{id}/cancel"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    assert_error(
        &pledge(&app, &members[1], id).await,
        StatusCode::CONFLICT,
        "action_closed",
    );
    assert_error(
        &withdraw(&app, &members[0], id).await,
        StatusCode::CONFLICT,
        "action_closed",
    );
    wait_for(&app, &members[0], "action_cancelled", 1).await;
    let (_, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &rosa.token)
        .await;
    assert_eq!(log[0]["action"], "action_cancelled");
    assert_eq!(log[0]["actor"]["account_id"], json!(rosa.id));
}

async fn the_public_counter_shows_aggregates_only(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 2, "logistics", "Minneapolis").await;
    let mut body = strike(json!({ "pledges": 10 }));
    body["public"] = json!(true);
    let public = call(&app, &rosa, &depot, body).await;
    let private = call(&app, &rosa, &depot, strike(json!({ "pledges": 10 }))).await;
    let id = public["id"].as_str().expect("id");
    pledge(&app, &members[0], id).await;
    assert!(
        public["public_url"]
            .as_str()
            .unwrap_or("")
            .ends_with(&format!("/public/actions/{id}"))
    );

    let response = app
        .client
        .get(app.url(&format!("/api/v1/public/actions/{id}")))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let seen: Value = response.json().await.expect("json");
    assert_eq!(seen["pledged"], 1);
    // Totals only: the caller did not choose to publish a breakdown.
    assert_eq!(seen["breakdown"], false);
    assert_eq!(seen["by_industry"], json!([]));
    assert_eq!(seen["by_region"], json!([]));
    assert!(!seen.to_string().contains("logistics"), "{seen}");
    let text = seen.to_string();
    for secret in [
        "Depot",
        &members[0].id,
        "depotcoord",
        "eligible",
        "members",
        "committee_id",
    ] {
        assert!(
            !text.contains(secret),
            "the public counter shows {secret}: {text}"
        );
    }
    let private_id = private["id"].as_str().expect("id");
    let answer = app
        .call(
            Method::GET,
            &format!("/api/v1/public/actions/{private_id}"),
            None,
            None,
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    let page = app
        .client
        .get(app.url(&format!("/public/actions/{id}")))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap_or("")
        .to_owned();
    assert!(
        csp.contains("frame-ancestors *"),
        "the public page can be embedded: {csp}"
    );
    let html = page.text().await.expect("html");
    assert!(html.contains("Strike for safe staffing") && !html.contains("Depot"));
}

/// A council's public action reaches a depot (logistics, Minneapolis) and a clinic (health
/// care, Saint Paul). Five pledge at the depot, two at the clinic. Without a published
/// breakdown the counter shows totals only; with one, it names the depot's industry and
/// region and adds the clinic's two pledges up as "others", naming neither health care nor
/// Saint Paul, on the API and on the page.
async fn the_public_counter_names_no_group_under_five(app: TestApp) {
    let (depot, depot_coord, depot_members) =
        workplace_with(&app, "Depot", 4, "logistics", "Minneapolis").await;
    let (clinic, clinic_coord, clinic_members) =
        workplace_with(&app, "Clinic", 1, "health care", "Saint Paul").await;
    let chair = app.register("chair").await;
    let council = app.council(&chair, "City Council").await;
    app.affiliate(&chair, &council, &depot_coord, &depot).await;
    app.affiliate(&chair, &council, &clinic_coord, &clinic)
        .await;
    let public_strike = |breakdown: Option<bool>| {
        let mut body = strike(json!({ "pledges": 100 }));
        body["public"] = json!(true);
        if let Some(breakdown) = breakdown {
            body["public_breakdown"] = json!(breakdown);
        }
        body
    };
    let totals = call(&app, &chair, &council, public_strike(None)).await;
    let totals = totals["id"].as_str().expect("id").to_owned();
    let broken_down = call(&app, &chair, &council, public_strike(Some(true))).await;
    let broken_down = broken_down["id"].as_str().expect("id").to_owned();
    let pledgers: Vec<&User> = std::iter::once(&depot_coord)
        .chain(&depot_members)
        .chain(std::iter::once(&clinic_coord))
        .chain(&clinic_members)
        .collect();
    assert_eq!(pledgers.len(), 7);
    for action in [&totals, &broken_down] {
        for member in &pledgers {
            let (status, body) = pledge(&app, member, action).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
    }

    let public = |id: String| {
        let app = &app;
        async move {
            app.call(
                Method::GET,
                &format!("/api/v1/public/actions/{id}"),
                None,
                None,
            )
            .await
        }
    };
    let (status, seen) = public(totals.clone()).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["pledged"], 7);
    assert_eq!(seen["breakdown"], false);
    assert_eq!(
        (
            &seen["by_industry"],
            &seen["other_industries"],
            &seen["by_region"],
            &seen["other_regions"]
        ),
        (&json!([]), &json!(0), &json!([]), &json!(0)),
        "{seen}"
    );

    let (status, seen) = public(broken_down.clone()).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["breakdown"], true);
    assert_eq!(
        seen["by_industry"],
        json!([{ "name": "logistics", "pledged": 5 }]),
        "{seen}"
    );
    assert_eq!(seen["other_industries"], 2);
    assert_eq!(
        seen["by_region"],
        json!([{ "name": "Minneapolis", "pledged": 5 }]),
        "{seen}"
    );
    assert_eq!(seen["other_regions"], 2);
    let text = seen.to_string();
    for small in ["health care", "Saint Paul", "Clinic", "Depot"] {
        assert!(!text.contains(small), "the counter names {small}: {text}");
    }
    for (id, breakdown) in [(&totals, false), (&broken_down, true)] {
        let page = app
            .client
            .get(app.url(&format!("/public/actions/{id}")))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        for small in ["health care", "Saint Paul"] {
            assert!(!page.contains(small), "the page names {small}");
        }
        assert_eq!(page.contains("logistics"), breakdown, "{page}");
        assert_eq!(page.contains("Minneapolis"), breakdown, "{page}");
    }
}

async fn counts_stream_live(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 2, "logistics", "Minneapolis").await;
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 10 }))).await;
    let id = action["id"].as_str().expect("id");
    let mut stream = app
        .client
        .get(app.url(&format!("/api/v1/actions/{id}/stream")))
        .bearer_auth(&members[0].token)
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), StatusCode::OK);
    let mut buffer = String::new();
    let first = next_event(&mut stream, &mut buffer, "counts", Duration::from_secs(5))
        .await
        .expect("counts");
    assert_eq!(first["pledged"], 0);
    pledge(&app, &members[1], id).await;
    let next = next_event(&mut stream, &mut buffer, "counts", Duration::from_secs(5))
        .await
        .expect("update");
    assert_eq!(next["pledged"], 1);
    assert_eq!(next["progress"][0]["current"], 1.0);
    let outsider = app.register("outsider").await;
    let response = app
        .client
        .get(app.url(&format!("/api/v1/actions/{id}/stream")))
        .bearer_auth(&outsider.token)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn workforce_estimates_show_beside_the_counts(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 2, "logistics", "Minneapolis").await;
    let answer = app
        .put(
            &format!("/api/v1/committees/{depot}/workforce"),
            &members[0].token,
            json!({ "estimated_workforce": 400 }),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let answer = app
        .put(
            &format!("/api/v1/committees/{depot}/workforce"),
            &rosa.token,
            json!({ "estimated_workforce": -3 }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_estimated_workforce",
    );
    let (status, _) = app
        .put(
            &format!("/api/v1/committees/{depot}/workforce"),
            &rosa.token,
            json!({ "estimated_workforce": 400 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 10 }))).await;
    let id = action["id"].as_str().expect("id");
    pledge(&app, &members[0], id).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &rosa.token).await;
    assert_eq!(seen["by_committee"][0]["workforce"], 400, "{seen}");
    assert_eq!(
        seen["workforce"],
        json!({ "committees": 1, "workforce": 400, "pledged": 1 })
    );
}

async fn kept_counts_match_the_pledges(app: TestApp) {
    let (depot, rosa, members) = workplace_with(&app, "Depot", 6, "logistics", "Minneapolis").await;
    let action = call(&app, &rosa, &depot, strike(json!({ "pledges": 100 }))).await;
    let id = action["id"].as_str().expect("id").to_owned();
    let traffic = members.iter().enumerate().map(|(i, m)| {
        let (app, id) = (&app, id.clone());
        async move {
            for round in 0..4 {
                if (i + round) % 3 == 2 {
                    withdraw(app, m, &id).await;
                } else {
                    pledge(app, m, &id).await;
                }
            }
        }
    });
    futures_util::future::join_all(traffic).await;
    let (checked, mismatches) = outnumber::actions::store::verify(app.app().db.pool())
        .await
        .expect("verify");
    assert_eq!(checked, 1);
    assert!(mismatches.is_empty(), "{mismatches:?}");
    let (_, seen) = app.get(&format!("/api/v1/actions/{id}"), &rosa.token).await;
    assert_eq!(
        seen["pledged"].as_i64(),
        Some(app.count_rows("pledges").await)
    );
}
