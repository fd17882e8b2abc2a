use std::collections::BTreeSet;
use std::time::Duration;

use outnumber::core::{Id, Timestamp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{Backend, DataDir, Stopped, TestApp, User, assert_error};

both!(
    an_open_decision_carries_and_votes_can_change,
    a_secret_ballot_is_cast_once_and_counted_at_the_close,
    secret_ballots_cannot_be_linked_to_voters,
    quorum_and_two_thirds_decide,
    motions_close_on_time_across_a_restart,
    motion_rules_are_checked,
    outsiders_get_404_and_members_403_on_motions,
    demands_are_drafted_amended_and_adopted_by_motion,
    delegates_are_elected_seated_and_recalled,
    seats_end_with_membership_and_affiliation,
    a_tie_for_the_last_seat_leaves_it_empty,
    a_candidate_who_deletes_their_account_is_not_elected,
    weighted_council_votes_count_the_workers,
    the_program_shows_the_workers_behind_each_demand,
    admin_verify_recounts_every_ballot,
    plain_sums_of_an_earlier_version_are_sealed_at_start,
    a_server_without_the_keys_of_open_ballots_does_not_start,
    a_ballot_whose_history_cannot_be_erased_is_refused_and_not_recorded,
);

fn in_secs(secs: i64) -> String {
    Timestamp::now().plus_millis(secs * 1000).rfc3339()
}

/// A depot (a coordinator and three more members) affiliated to a council of June's.
async fn depot_in_council(app: &TestApp) -> (String, User, Vec<User>, User, String) {
    let (depot, rosa, members) = committee_of(app, "Depot", 3).await;
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    app.affiliate(&june, &council, &rosa, &depot).await;
    (depot, rosa, members, june, council)
}

/// A workplace with a coordinator and `n` more members.
async fn committee_of(app: &TestApp, name: &str, n: usize) -> (String, User, Vec<User>) {
    let coordinator = app.register(&format!("{}coord", name.to_lowercase())).await;
    let id = app.workplace(&coordinator, name).await;
    let mut members = Vec::new();
    for i in 0..n {
        members.push(
            app.member(&coordinator, &id, &format!("{}{i}", name.to_lowercase()))
                .await,
        );
    }
    (id, coordinator, members)
}

async fn motion(app: &TestApp, by: &User, committee: &str, body: Value) -> Value {
    let (status, motion) = app
        .post(
            &format!("/api/v1/committees/{committee}/motions"),
            &by.token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{motion}");
    motion
}

async fn vote(app: &TestApp, by: &User, motion: &str, choice: Value) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/motions/{motion}/ballots"),
        &by.token,
        json!({ "choice": choice }),
    )
    .await
}

async fn close(app: &TestApp, by: &User, motion: &str) -> Value {
    let (status, closed) = app
        .post(
            &format!("/api/v1/motions/{motion}/close"),
            &by.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    closed
}

fn decision(ballot: &str) -> Value {
    json!({ "kind": "decision", "title": "Refuse mandatory overtime", "ballot": ballot, "closes_at": in_secs(3600) })
}

async fn an_open_decision_carries_and_votes_can_change(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 3).await;
    let m = motion(&app, &members[0], &depot, decision("open")).await;
    assert_eq!(m["status"], "open");
    assert_eq!(m["outcome"], Value::Null);
    assert_eq!(m["eligible"], 4);
    let id = m["id"].as_str().expect("id");

    let (status, after) = vote(&app, &members[0], id, json!("no")).await;
    assert_eq!(status, StatusCode::CREATED, "{after}");
    // An open ballot may be changed while the motion is open.
    vote(&app, &members[0], id, json!("yes")).await;
    vote(&app, &members[1], id, json!("yes")).await;
    let (_, seen) = vote(&app, &rosa, id, json!("abstain")).await;
    assert_eq!(seen["turnout"], 3);
    assert_eq!(
        seen["tally"],
        json!({ "yes": 2, "no": 0, "abstain": 1 }),
        "open ballots show the tally while open"
    );
    assert_eq!(seen["my_ballot"]["choice"], "abstain");
    let who: Vec<&str> = seen["ballots"]
        .as_array()
        .expect("ballots")
        .iter()
        .filter_map(|b| b["choice"].as_str())
        .collect();
    assert_eq!(who.len(), 3, "open ballots show who voted how");
    assert_eq!(seen["quorum_met"], true);

    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["outcome"], "carried");
    assert_error(
        &vote(&app, &members[2], id, json!("no")).await,
        StatusCode::CONFLICT,
        "motion_closed",
    );
    let answer = app
        .post(
            &format!("/api/v1/motions/{id}/close"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "motion_closed");

    // Members were told about the motion and its outcome; the audit log has both.
    let (_, inbox) = app.get("/api/v1/notifications", &members[2].token).await;
    let kinds: Vec<&str> = inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|n| n["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"motion_moved") && kinds.contains(&"motion_closed"),
        "{kinds:?}"
    );
    let (_, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &rosa.token)
        .await;
    assert_eq!(log[0]["action"], "motion_closed");
    assert_eq!(log[0]["detail"]["outcome"], "carried");
    assert!(
        log[0]["text"].as_str().is_some_and(|t| !t.is_empty()),
        "{log}"
    );
    assert_eq!(log[1]["action"], "motion_moved");
}

async fn a_secret_ballot_is_cast_once_and_counted_at_the_close(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 3).await;
    let m = motion(&app, &rosa, &depot, decision("secret")).await;
    let id = m["id"].as_str().expect("id");
    let (status, seen) = vote(&app, &members[0], id, json!("yes")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        seen["tally"],
        Value::Null,
        "no tally while a secret ballot is open"
    );
    assert_eq!(seen["ballots"], Value::Null);
    assert_eq!(seen["my_ballot"], json!({ "voted": true, "choice": null }));
    assert_error(
        &vote(&app, &members[0], id, json!("no")).await,
        StatusCode::CONFLICT,
        "already_voted",
    );
    assert_error(
        &vote(&app, &members[1], id, json!("perhaps")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_choice",
    );
    vote(&app, &members[1], id, json!("no")).await;
    vote(&app, &members[2], id, json!("yes")).await;
    let (_, open) = app.get(&format!("/api/v1/motions/{id}"), &rosa.token).await;
    assert_eq!(open["turnout"], 3);
    assert_eq!(open["tally"], Value::Null);

    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["tally"], json!({ "yes": 2, "no": 1, "abstain": 0 }));
    assert_eq!(closed["outcome"], "carried");
    assert_eq!(closed["eligible"], 4);
}

async fn secret_ballots_cannot_be_linked_to_voters(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 4).await;
    let m = motion(&app, &rosa, &depot, decision("secret")).await;
    let id = m["id"].as_str().expect("id").to_owned();
    let choices = ["yes", "no", "abstain", "yes"];
    for (member, choice) in members.iter().zip(choices) {
        vote(&app, member, &id, json!(choice)).await;
    }
    // A secret election too, where the choices are people.
    let (_, council_coordinator, _) = committee_of(&app, "Helper", 0).await;
    let council = app.council(&council_coordinator, "Council").await;
    app.affiliate(&council_coordinator, &council, &rosa, &depot)
        .await;
    let election = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "elect_delegates", "title": "Delegates", "ballot": "secret", "closes_at": in_secs(3600),
                "council_id": council, "seats": 1, "candidates": [members[0].id, members[1].id] }),
    )
    .await;
    let election_id = election["id"].as_str().expect("id").to_owned();
    vote(&app, &members[2], &election_id, json!([members[0].id])).await;
    vote(&app, &members[3], &election_id, json!([members[1].id])).await;

    // The sums are sealed: no byte of them names an option, let alone a count.
    let sealed: Vec<Vec<u8>> = sqlx::query_scalar("SELECT sealed FROM secret_sums")
        .fetch_all(app.app().db.pool())
        .await
        .expect("sums");
    assert_eq!(sealed.len(), 2, "one sealed value per motion");
    for value in &sealed {
        for word in ["abstain", "blank", &members[0].id, &members[1].id] {
            assert!(
                !value.windows(word.len()).any(|w| w == word.as_bytes()),
                "the sums are readable: they name {word}"
            );
        }
    }
    assert_eq!(
        app.count_rows("secret_tally").await,
        0,
        "no sum in the clear"
    );

    let rows = app.dump().await;
    let voters: Vec<&User> = members.iter().collect();
    for (table, values) in &rows {
        let row = values.join(" | ");
        let names_voter = voters.iter().any(|v| row.contains(&v.id));
        let names_choice = ["yes", "no", "abstain"]
            .iter()
            .any(|c| values.iter().any(|v| v == c))
            || (row.contains(&election_id)
                && (values.iter().any(|v| v.contains(&members[0].id))
                    && values.iter().any(|v| v.contains(&members[1].id))));
        let mentions_motion = row.contains(&id) || row.contains(&election_id);
        assert!(
            !(names_voter && names_choice && mentions_motion && table != "motion_candidates"),
            "{table} links a voter to a choice: {row}"
        );
    }
    let participation = rows
        .iter()
        .filter(|(t, _)| t == "secret_participation")
        .count();
    assert_eq!(participation, 6, "who voted is kept, to stop double voting");
    assert_eq!(app.count_rows("open_ballots").await, 0);
    // The participation table holds nothing but the motion and the voter.
    for (_, values) in rows.iter().filter(|(t, _)| t == "secret_participation") {
        assert_eq!(values.len(), 2);
    }
    for (_, values) in rows.iter().filter(|(t, _)| t == "secret_sums") {
        assert!(
            !voters
                .iter()
                .any(|v| values.iter().any(|x| x.contains(&v.id)))
        );
    }
}

async fn quorum_and_two_thirds_decide(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 5).await;
    // Six eligible; quorum one half means three ballots.
    let m = motion(&app, &rosa, &depot, decision("open")).await;
    let id = m["id"].as_str().expect("id");
    vote(&app, &members[0], id, json!("yes")).await;
    vote(&app, &members[1], id, json!("yes")).await;
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["outcome"], "no_quorum");
    assert_eq!(closed["quorum_met"], false);

    let mut two_thirds = decision("secret");
    two_thirds["majority"] = json!("two_thirds");
    two_thirds["quorum"] = json!(0.25);
    let m = motion(&app, &rosa, &depot, two_thirds.clone()).await;
    let id = m["id"].as_str().expect("id");
    for (member, choice) in members
        .iter()
        .zip(["yes", "yes", "no", "abstain", "abstain"])
    {
        vote(&app, member, id, json!(choice)).await;
    }
    assert_eq!(
        close(&app, &rosa, id).await["outcome"],
        "carried",
        "2 of 3 is two thirds"
    );

    let m = motion(&app, &rosa, &depot, two_thirds).await;
    let id = m["id"].as_str().expect("id");
    for (member, choice) in members.iter().zip(["yes", "no", "no", "yes", "yes"]) {
        vote(&app, member, id, json!(choice)).await;
    }
    assert_eq!(
        close(&app, &rosa, id).await["outcome"],
        "failed",
        "3 of 5 is under two thirds"
    );
}

async fn motions_close_on_time_across_a_restart(mut app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 1).await;
    let m = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Walk out at noon", "ballot": "secret", "closes_at": in_secs(3) }),
    )
    .await;
    let id = m["id"].as_str().expect("id").to_owned();
    vote(&app, &members[0], &id, json!("yes")).await;
    vote(&app, &rosa, &id, json!("yes")).await;
    // The server goes down before the motion's time, and comes back after it: the close
    // happens on catching up, not on a timer the old server had set.
    let stopped = app.stop().await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    app.start_again(stopped).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, seen) = app.get(&format!("/api/v1/motions/{id}"), &rosa.token).await;
        if seen["status"] == "closed" {
            assert_eq!(seen["outcome"], "carried");
            assert_eq!(seen["tally"]["yes"], 2);
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the motion never closed: {seen}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn motion_rules_are_checked(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 1).await;
    let outsider = app.register("outsider").await;
    let base = decision("open");
    let cases = [
        (json!({ "closes_at": in_secs(-10) }), "invalid_closes_at"),
        (json!({ "closes_at": "tomorrow" }), "invalid_closes_at"),
        (
            json!({ "closes_at": in_secs(200 * 24 * 3600) }),
            "invalid_closes_at",
        ),
        (json!({ "quorum": 1.5 }), "invalid_quorum"),
        (json!({ "majority": "most" }), "invalid_majority"),
        (json!({ "ballot": "show of hands" }), "invalid_ballot"),
        (json!({ "kind": "coup" }), "invalid_kind"),
        (json!({ "title": "" }), "invalid_title"),
        (json!({ "kind": "adopt_demand" }), "invalid_demand_id"),
        (
            json!({ "kind": "elect_delegates", "council_id": "0000000000000001", "seats": 1, "candidates": [rosa.id] }),
            "not_affiliated",
        ),
    ];
    for (change, code) in cases {
        let mut body = base.clone();
        for (k, v) in change.as_object().expect("object") {
            body[k] = v.clone();
        }
        let answer = app
            .post(
                &format!("/api/v1/committees/{depot}/motions"),
                &rosa.token,
                body,
            )
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let mut weighted = base.clone();
    weighted["weighted"] = json!(true);
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &rosa.token,
            weighted,
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "weighted_needs_council",
    );

    let council = app.council(&rosa, "Council").await;
    app.affiliate(&rosa, &council, &rosa, &depot).await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &rosa.token,
            json!({ "kind": "elect_delegates", "title": "Delegates", "ballot": "open", "closes_at": in_secs(60),
                    "council_id": council, "seats": 1, "candidates": [outsider.id] }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "candidate_not_member",
    );
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &rosa.token,
            json!({ "kind": "recall", "title": "Recall", "ballot": "open", "closes_at": in_secs(60),
                    "council_id": council, "delegate_id": members[0].id }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "not_a_delegate");
    assert_eq!(app.count_rows("motions").await, 0);
}

async fn outsiders_get_404_and_members_403_on_motions(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 1).await;
    let outsider = app.register("outsider").await;
    let m = motion(&app, &rosa, &depot, decision("open")).await;
    let id = m["id"].as_str().expect("id");
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/motions/{id}"), None),
        (
            Method::POST,
            format!("/api/v1/motions/{id}/ballots"),
            Some(json!({ "choice": "yes" })),
        ),
        (
            Method::POST,
            format!("/api/v1/motions/{id}/close"),
            Some(json!({})),
        ),
        (
            Method::GET,
            format!("/api/v1/committees/{depot}/motions"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/motions"),
            Some(decision("open")),
        ),
        (
            Method::GET,
            format!("/api/v1/committees/{depot}/demands"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{depot}/demands"),
            Some(json!({ "title": "x", "body": "y" })),
        ),
        (
            Method::GET,
            format!("/api/v1/committees/{depot}/delegates"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/committees/{depot}/program"),
            None,
        ),
    ] {
        let answer = app.call(method, &path, Some(&outsider.token), body).await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
    let answer = app
        .post(
            &format!("/api/v1/motions/{id}/close"),
            &members[0].token,
            json!({}),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let (_, seen) = app
        .get(&format!("/api/v1/motions/{id}"), &members[0].token)
        .await;
    assert_eq!(seen["status"], "open");
}

async fn demands_are_drafted_amended_and_adopted_by_motion(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 2).await;
    let (status, demand) = app
        .post(
            &format!("/api/v1/committees/{depot}/demands"),
            &members[0].token,
            json!({ "title": "Heat breaks", "body": "A 15 minute break every hour above 30°C." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{demand}");
    assert_eq!(demand["status"], "draft");
    let demand_id = demand["id"].as_str().expect("id");

    let amend = motion(
        &app,
        &members[1],
        &depot,
        json!({ "kind": "amend_demand", "title": "Longer breaks", "ballot": "open", "closes_at": in_secs(600),
                "demand_id": demand_id, "text": "A 20 minute break every hour above 28°C." }),
    )
    .await;
    let amend_id = amend["id"].as_str().expect("id");
    for voter in [&rosa, &members[0], &members[1]] {
        vote(&app, voter, amend_id, json!("yes")).await;
    }
    assert_eq!(close(&app, &rosa, amend_id).await["outcome"], "carried");

    let adopt = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "adopt_demand", "title": "Adopt heat breaks", "ballot": "secret", "closes_at": in_secs(600), "demand_id": demand_id }),
    )
    .await;
    let adopt_id = adopt["id"].as_str().expect("id");
    for voter in [&rosa, &members[0]] {
        vote(&app, voter, adopt_id, json!("yes")).await;
    }
    vote(&app, &members[1], adopt_id, json!("no")).await;
    assert_eq!(close(&app, &rosa, adopt_id).await["outcome"], "carried");

    let (status, seen) = app
        .get(&format!("/api/v1/demands/{demand_id}"), &members[1].token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["status"], "adopted");
    assert_eq!(seen["body"], "A 20 minute break every hour above 28°C.");
    let events: Vec<&str> = seen["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["event"].as_str())
        .collect();
    assert_eq!(
        events,
        [
            "drafted",
            "motion_moved",
            "amended",
            "motion_moved",
            "adopted"
        ]
    );
    assert!(
        seen["history"][2]["text"]
            .as_str()
            .unwrap_or("")
            .contains("Depot")
    );

    // An adopted demand cannot be adopted again.
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &rosa.token,
            json!({ "kind": "adopt_demand", "title": "Again", "ballot": "open", "closes_at": in_secs(600), "demand_id": demand_id }),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "demand_already_adopted");
    let (_, list) = app
        .get(&format!("/api/v1/committees/{depot}/demands"), &rosa.token)
        .await;
    assert_eq!(list[0]["status"], "adopted");
    let actions = audit_actions(&app, &rosa, &depot).await;
    for action in ["demand_drafted", "demand_amended", "demand_adopted"] {
        assert!(
            actions.contains(&action.to_owned()),
            "{action}: {actions:?}"
        );
    }
}

/// The ids of the delegates seated in `council`.
async fn seats_in(app: &TestApp, june: &User, council: &str) -> Vec<String> {
    let (_, seated) = app
        .get(
            &format!("/api/v1/committees/{council}/delegates"),
            &june.token,
        )
        .await;
    seated
        .as_array()
        .expect("seats")
        .iter()
        .filter_map(|s| s["account_id"].as_str().map(str::to_owned))
        .collect()
}

async fn audit_actions(app: &TestApp, by: &User, committee: &str) -> Vec<String> {
    let (_, log) = app
        .get(&format!("/api/v1/committees/{committee}/audit"), &by.token)
        .await;
    log.as_array()
        .expect("log")
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_owned))
        .collect()
}

/// A seat stands on its holder's membership of the committee and on the committee's
/// affiliation to the council: when either ends, so does the seat and the vote it carries.
async fn seats_end_with_membership_and_affiliation(app: TestApp) {
    let (depot, rosa, members, june, council) = depot_in_council(&app).await;
    elect(&app, &rosa, &depot, &council, &[&members[0], &members[1]]).await;
    assert_eq!(seats_in(&app, &june, &council).await.len(), 2);
    assert!(
        audit_actions(&app, &june, &council)
            .await
            .contains(&"delegate_seated".to_owned())
    );

    // The coordinator removes a delegate from the committee (an infiltrator, say): the
    // seat and the council membership that came with it go in the same step.
    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/members/{}", members[0].id),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        seats_in(&app, &june, &council).await,
        vec![members[1].id.clone()]
    );
    let (status, _) = app
        .get(&format!("/api/v1/committees/{council}"), &members[0].token)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for (log, by) in [(&depot, &rosa), (&council, &june)] {
        assert!(
            audit_actions(&app, by, log)
                .await
                .contains(&"delegate_membership_ended".to_owned()),
            "{log}"
        );
    }
    // A council motion now counts the one delegate left (and the founder) as its members.
    let (_, council_members) = app
        .get(
            &format!("/api/v1/committees/{council}/members"),
            &june.token,
        )
        .await;
    assert_eq!(council_members.as_array().map(Vec::len), Some(2));

    // The committee leaves the council: its whole delegation stands down.
    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/affiliations/{council}"),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(seats_in(&app, &june, &council).await.is_empty());
    let (status, _) = app
        .get(&format!("/api/v1/committees/{council}"), &members[1].token)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        audit_actions(&app, &june, &council)
            .await
            .contains(&"delegation_ended".to_owned())
    );
    let (_, council_members) = app
        .get(
            &format!("/api/v1/committees/{council}/members"),
            &june.token,
        )
        .await;
    assert_eq!(
        council_members.as_array().map(Vec::len),
        Some(1),
        "the founder"
    );
}

async fn delegates_are_elected_seated_and_recalled(app: TestApp) {
    let (depot, rosa, members, june, council) = depot_in_council(&app).await;

    let election = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "elect_delegates", "title": "Delegates to the council", "ballot": "secret", "closes_at": in_secs(600),
                "council_id": council, "seats": 2, "candidates": [members[0].id, members[1].id, members[2].id] }),
    )
    .await;
    let id = election["id"].as_str().expect("id");
    assert_eq!(election["candidates"].as_array().map(Vec::len), Some(3));
    assert_error(
        &vote(
            &app,
            &rosa,
            id,
            json!([members[0].id, members[1].id, members[2].id]),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_choice",
    );
    vote(&app, &rosa, id, json!([members[0].id, members[1].id])).await;
    vote(&app, &members[0], id, json!([members[0].id])).await;
    vote(&app, &members[1], id, json!([members[1].id, members[2].id])).await;
    vote(&app, &members[2], id, json!([])).await;
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["outcome"], "carried");
    let mut elected: Vec<String> = closed["elected"]
        .as_array()
        .expect("elected")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    elected.sort();
    let mut expected = vec![members[0].id.clone(), members[1].id.clone()];
    expected.sort();
    assert_eq!(elected, expected);
    assert_eq!(closed["tally"][&members[1].id], 2);

    // The delegates are members of the council now, and listed as the committee's delegates.
    let (_, delegates) = app
        .get(
            &format!("/api/v1/committees/{depot}/delegates"),
            &members[2].token,
        )
        .await;
    assert_eq!(delegates.as_array().map(Vec::len), Some(2), "{delegates}");
    assert_eq!(delegates[0]["council_id"], json!(council));
    let (status, council_view) = app
        .get(&format!("/api/v1/committees/{council}"), &members[0].token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(council_view["my_role"], "member");
    let (_, council_members) = app
        .get(
            &format!("/api/v1/committees/{council}/members"),
            &june.token,
        )
        .await;
    assert_eq!(
        council_members.as_array().map(Vec::len),
        Some(3),
        "the founder and two delegates"
    );
    assert_eq!(seats_in(&app, &june, &council).await.len(), 2);

    // A recall removes the seat at once.
    let recall = motion(
        &app,
        &members[2],
        &depot,
        json!({ "kind": "recall", "title": "Recall", "ballot": "open", "closes_at": in_secs(600),
                "council_id": council, "delegate_id": members[1].id }),
    )
    .await;
    let recall_id = recall["id"].as_str().expect("id");
    for voter in [&rosa, &members[0], &members[2]] {
        vote(&app, voter, recall_id, json!("yes")).await;
    }
    assert_eq!(close(&app, &rosa, recall_id).await["outcome"], "carried");
    let (_, delegates) = app
        .get(
            &format!("/api/v1/committees/{depot}/delegates"),
            &rosa.token,
        )
        .await;
    assert_eq!(delegates.as_array().map(Vec::len), Some(1));
    assert_eq!(delegates[0]["account_id"], json!(members[0].id));
    assert_error(
        &app.get(
            &format!("/api/v1/committees/{council}/members"),
            &members[1].token,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert!(
        audit_actions(&app, &june, &council)
            .await
            .contains(&"delegate_recalled".to_owned())
    );

    // A new election replaces the delegation.
    let again = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "elect_delegates", "title": "New delegation", "ballot": "open", "closes_at": in_secs(600),
                "council_id": council, "seats": 1, "candidates": [members[2].id] }),
    )
    .await;
    let again_id = again["id"].as_str().expect("id");
    for voter in [&rosa, &members[0], &members[2]] {
        vote(&app, voter, again_id, json!([members[2].id])).await;
    }
    close(&app, &rosa, again_id).await;
    let (_, delegates) = app
        .get(
            &format!("/api/v1/committees/{depot}/delegates"),
            &rosa.token,
        )
        .await;
    assert_eq!(delegates.as_array().map(Vec::len), Some(1));
    assert_eq!(delegates[0]["account_id"], json!(members[2].id));
}

async fn a_tie_for_the_last_seat_leaves_it_empty(app: TestApp) {
    let (depot, rosa, members, _, council) = depot_in_council(&app).await;
    let election = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "elect_delegates", "title": "Delegates", "ballot": "open", "closes_at": in_secs(600),
                "council_id": council, "seats": 2, "candidates": [members[0].id, members[1].id, members[2].id] }),
    )
    .await;
    let id = election["id"].as_str().expect("id");
    vote(&app, &rosa, id, json!([members[0].id, members[1].id])).await;
    vote(&app, &members[0], id, json!([members[0].id, members[2].id])).await;
    vote(&app, &members[1], id, json!([members[0].id])).await;
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["elected"], json!([members[0].id]));
    let mut tied: Vec<String> = closed["tied"]
        .as_array()
        .expect("tied")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    tied.sort();
    let mut expected = vec![members[1].id.clone(), members[2].id.clone()];
    expected.sort();
    assert_eq!(tied, expected);
    assert_eq!(closed["unfilled"], 1);
    let (_, delegates) = app
        .get(
            &format!("/api/v1/committees/{depot}/delegates"),
            &rosa.token,
        )
        .await;
    assert_eq!(delegates.as_array().map(Vec::len), Some(1));
}

async fn a_candidate_who_deletes_their_account_is_not_elected(app: TestApp) {
    let (depot, rosa, members, _, council) = depot_in_council(&app).await;
    let election = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "elect_delegates", "title": "Delegate", "ballot": "secret", "closes_at": in_secs(600),
                "council_id": council, "seats": 1, "candidates": [members[0].id, members[1].id] }),
    )
    .await;
    let id = election["id"].as_str().expect("id");
    vote(&app, &rosa, id, json!([members[0].id])).await;
    vote(&app, &members[1], id, json!([members[0].id])).await;
    vote(&app, &members[2], id, json!([members[1].id])).await;

    let (status, body) = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&members[0].token),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (_, shown) = app.get(&format!("/api/v1/motions/{id}"), &rosa.token).await;
    let standing: Vec<&str> = shown["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .filter_map(|c| c["account_id"].as_str())
        .collect();
    assert_eq!(standing, [members[1].id.as_str()], "{shown}");

    // The most-voted candidate is gone: the seat goes to the next, not to nobody.
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["outcome"], "carried", "{closed}");
    assert_eq!(closed["elected"], json!([members[1].id]), "{closed}");
    let (_, delegates) = app
        .get(
            &format!("/api/v1/committees/{depot}/delegates"),
            &rosa.token,
        )
        .await;
    let seated: Vec<&str> = delegates
        .as_array()
        .expect("delegates")
        .iter()
        .filter_map(|d| d["account_id"].as_str())
        .collect();
    assert!(seated.contains(&members[1].id.as_str()), "{delegates}");
    assert_eq!(seated.len(), 1, "{delegates}");
}

/// Elects `delegate` (already a member of `committee`) to `council` by a quick open vote.
async fn elect(
    app: &TestApp,
    coordinator: &User,
    committee: &str,
    council: &str,
    delegates: &[&User],
) {
    let ids: Vec<&str> = delegates.iter().map(|d| d.id.as_str()).collect();
    let election = motion(
        app,
        coordinator,
        committee,
        json!({ "kind": "elect_delegates", "title": "Delegates", "ballot": "open", "closes_at": in_secs(600),
                "council_id": council, "seats": ids.len(), "candidates": ids, "quorum": 0 }),
    )
    .await;
    let id = election["id"].as_str().expect("id");
    vote(app, coordinator, id, json!(ids)).await;
    assert_eq!(close(app, coordinator, id).await["outcome"], "carried");
}

async fn weighted_council_votes_count_the_workers(app: TestApp) {
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    // A hospital of 9 workers with two delegates, a depot of 3 with one.
    let (hospital, nurse, nurses) = committee_of(&app, "Hospital", 8).await;
    let (depot, driver, _) = committee_of(&app, "Depot", 2).await;
    app.affiliate(&june, &council, &nurse, &hospital).await;
    app.affiliate(&june, &council, &driver, &depot).await;
    elect(&app, &nurse, &hospital, &council, &[&nurses[0], &nurses[1]]).await;
    elect(&app, &driver, &depot, &council, &[&driver]).await;

    let m = motion(
        &app,
        &june,
        &council,
        json!({ "kind": "decision", "title": "Join the general strike", "ballot": "secret", "closes_at": in_secs(600), "weighted": true }),
    )
    .await;
    let id = m["id"].as_str().expect("id");
    assert_eq!(m["weighted"], true);
    assert_eq!(m["eligible"], 3, "three delegates");
    assert_eq!(m["eligible_workers"], 12.0);
    // The council's founder is not a delegate and does not vote in a weighted vote.
    assert_error(
        &vote(&app, &june, id, json!("yes")).await,
        StatusCode::FORBIDDEN,
        "delegates_only",
    );
    // Nor is the founder asked to confirm, on the page, a secret ballot that would be refused.
    let june_page = crate::confirmations::browser(&app, &june).await;
    let shown = format!("/motions/{id}");
    let (status, asked, _) = june_page
        .submit(
            &shown,
            &format!("{shown}/ballot/confirm"),
            &[("choice", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{asked}");
    assert!(
        !asked.contains(&format!("action=\"{shown}/ballot\"")),
        "no form to cast it: {asked}"
    );
    vote(&app, &driver, id, json!("yes")).await;
    vote(&app, &nurses[0], id, json!("no")).await;
    let (_, seen) = app.get(&format!("/api/v1/motions/{id}"), &june.token).await;
    assert_eq!(seen["turnout_workers"], 7.5);
    assert_eq!(seen["quorum_met"], true, "7.5 of 12 workers represented");
    let closed = close(&app, &june, id).await;
    // 3 workers for, 4.5 against: the bigger workplace carries more weight.
    assert_eq!(
        closed["tally"],
        json!({ "yes": 3.0, "no": 4.5, "abstain": 0.0 })
    );
    assert_eq!(closed["outcome"], "failed");

    // The same vote unweighted: two delegates and the founder are three of four voters.
    let plain = motion(&app, &june, &council, json!({ "kind": "decision", "title": "Plain", "ballot": "open", "closes_at": in_secs(600) })).await;
    let plain_id = plain["id"].as_str().expect("id");
    assert_eq!(plain["eligible"], 4);
    vote(&app, &june, plain_id, json!("yes")).await;
    vote(&app, &driver, plain_id, json!("yes")).await;
    vote(&app, &nurses[0], plain_id, json!("no")).await;
    assert_eq!(close(&app, &june, plain_id).await["outcome"], "carried");
}

async fn the_program_shows_the_workers_behind_each_demand(app: TestApp) {
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    let (hospital, nurse, nurses) = committee_of(&app, "Hospital", 4).await;
    let (depot, driver, drivers) = committee_of(&app, "Depot", 1).await;
    let (other, stranger, _) = committee_of(&app, "Elsewhere", 0).await;
    app.affiliate(&june, &council, &nurse, &hospital).await;
    app.affiliate(&june, &council, &driver, &depot).await;
    elect(&app, &nurse, &hospital, &council, &[&nurses[0]]).await;

    // The council drafts a demand and adopts it by its members' vote.
    let (_, demand) = app
        .post(
            &format!("/api/v1/committees/{council}/demands"),
            &nurses[0].token,
            json!({ "title": "Safe staffing", "body": "One nurse for four patients." }),
        )
        .await;
    let demand_id = demand["id"].as_str().expect("id");
    let adopt = motion(
        &app,
        &june,
        &council,
        json!({ "kind": "adopt_demand", "title": "Adopt safe staffing", "ballot": "open", "closes_at": in_secs(600), "demand_id": demand_id }),
    )
    .await;
    let adopt_id = adopt["id"].as_str().expect("id");
    vote(&app, &june, adopt_id, json!("yes")).await;
    vote(&app, &nurses[0], adopt_id, json!("yes")).await;
    assert_eq!(close(&app, &june, adopt_id).await["outcome"], "carried");

    // Affiliated committees endorse it by their own motion.
    for (committee, coordinator, voters) in [
        (&hospital, &nurse, nurses.iter().collect::<Vec<_>>()),
        (&depot, &driver, drivers.iter().collect()),
    ] {
        let endorse = motion(
            &app,
            coordinator,
            committee,
            json!({ "kind": "endorse_demand", "title": "Endorse safe staffing", "ballot": "secret", "closes_at": in_secs(600), "demand_id": demand_id }),
        )
        .await;
        let endorse_id = endorse["id"].as_str().expect("id");
        vote(&app, coordinator, endorse_id, json!("yes")).await;
        for voter in voters {
            vote(&app, voter, endorse_id, json!("yes")).await;
        }
        assert_eq!(
            close(&app, coordinator, endorse_id).await["outcome"],
            "carried"
        );
    }
    // The demand's history names each motion only to those who may open it: the depot's
    // driver sees the depot's endorsement, not the hospital's nor the council's adoption.
    let (status, seen) = app
        .get(&format!("/api/v1/demands/{demand_id}"), &drivers[0].token)
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    let steps = seen["history"].as_array().expect("a history");
    let named: Vec<&str> = steps
        .iter()
        .filter_map(|h| h["motion_id"].as_str())
        .collect();
    assert!(!named.is_empty(), "the depot's own motion is named: {seen}");
    assert!(!named.contains(&adopt_id), "{seen}");
    for motion in &named {
        let (status, shown) = app
            .get(&format!("/api/v1/motions/{motion}"), &drivers[0].token)
            .await;
        assert_eq!(status, StatusCode::OK, "a named motion opens: {shown}");
    }
    let (_, for_delegate) = app
        .get(&format!("/api/v1/demands/{demand_id}"), &nurses[0].token)
        .await;
    assert!(
        for_delegate["history"]
            .as_array()
            .expect("a history")
            .iter()
            .any(|h| h["motion_id"] == json!(adopt_id)),
        "the council's delegate sees the adoption: {for_delegate}"
    );

    // A committee outside the council cannot even see the demand.
    let answer = app
        .post(
            &format!("/api/v1/committees/{other}/motions"),
            &stranger.token,
            json!({ "kind": "endorse_demand", "title": "Endorse", "ballot": "open", "closes_at": in_secs(600), "demand_id": demand_id }),
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");

    // Members of an affiliate read the program: the workers behind are 5 + 2.
    let (status, program) = app
        .get(
            &format!("/api/v1/committees/{council}/program"),
            &drivers[0].token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{program}");
    let item = &program["demands"][0];
    assert_eq!(item["title"], "Safe staffing");
    assert_eq!(item["workers_behind"], 7);
    assert_eq!(item["endorsements"].as_array().map(Vec::len), Some(2));
    assert!(
        item["endorsements"]
            .as_array()
            .expect("list")
            .iter()
            .any(|e| e["committee_id"] == json!(hospital) && e["members"] == 5)
    );

    // A nurse who also works shifts at the depot joins it: the depot now stands for three
    // workers, and the nurse is still one of the seven behind the demand, not two.
    let code = app.invite(&driver, &depot, json!({})).await;
    let (status, body) = app
        .post(
            &format!("/api/v1/invites/{code}/accept"),
            &nurses[1].token,
            json!({}),
        )
        .await;
    assert!(status.is_success(), "{body}");
    let (_, program) = app
        .get(
            &format!("/api/v1/committees/{council}/program"),
            &drivers[0].token,
        )
        .await;
    let item = &program["demands"][0];
    assert_eq!(item["workers_behind"], 7, "{item}");
    assert!(
        audit_actions(&app, &driver, &depot)
            .await
            .contains(&"demand_endorsed".to_owned())
    );
    assert!(
        audit_actions(&app, &june, &council)
            .await
            .contains(&"demand_endorsed_by".to_owned())
    );
    assert!(
        item["endorsements"]
            .as_array()
            .expect("list")
            .iter()
            .any(|e| e["committee_id"] == json!(depot) && e["members"] == 3),
        "{item}"
    );
    let (_, detail) = app
        .get(&format!("/api/v1/demands/{demand_id}"), &drivers[0].token)
        .await;
    let events: Vec<&str> = detail["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["event"].as_str())
        .collect();
    assert_eq!(
        events.iter().filter(|e| **e == "endorsed").count(),
        2,
        "{events:?}"
    );
    assert_error(
        &app.get(
            &format!("/api/v1/committees/{council}/program"),
            &stranger.token,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

fn admin_verify(app: &TestApp) -> (bool, String) {
    crate::common::admin_verify(app.app().db.url(), &app.data_dir.0)
}

/// `admin verify` recounts turnout from the ballots of both kinds and from the secret sums,
/// and names any count that no longer matches.
async fn admin_verify_recounts_every_ballot(app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 3).await;
    let open = motion(&app, &rosa, &depot, decision("open")).await;
    let secret = motion(&app, &rosa, &depot, decision("secret")).await;
    for (m, choice) in [(&open, "yes"), (&secret, "no")] {
        let id = m["id"].as_str().expect("id");
        for member in &members {
            vote(&app, member, id, json!(choice)).await;
        }
    }
    let (passed, said) = admin_verify(&app);
    assert!(passed, "{said}");
    assert!(said.contains("2 motion(s)"), "{said}");

    let pool = app.app().db.pool();
    let secret_id = secret["id"].as_str().expect("id");
    let secret_db = secret_id.parse::<Id>().expect("id").get();
    let open_db = open["id"]
        .as_str()
        .expect("id")
        .parse::<Id>()
        .expect("id")
        .get();
    for (break_it, mend_it, named) in [
        (
            "UPDATE motions SET turnout = turnout + 1 WHERE id = $1",
            "UPDATE motions SET turnout = turnout - 1 WHERE id = $1",
            open_db,
        ),
        (
            // The sums (sealed) now hold one ballot fewer than the turnout.
            "UPDATE motions SET turnout = turnout + 1 WHERE id = $1",
            "UPDATE motions SET turnout = turnout - 1 WHERE id = $1",
            secret_db,
        ),
        (
            "DELETE FROM secret_participation WHERE motion_id = $1
               AND account_id = (SELECT MIN(account_id) FROM secret_participation WHERE motion_id = $1)",
            "UPDATE motions SET turnout = turnout - 1 WHERE id = $1",
            secret_db,
        ),
    ] {
        sqlx::query(break_it)
            .bind(named)
            .execute(pool)
            .await
            .expect("break");
        let (passed, said) = admin_verify(&app);
        assert!(!passed, "{break_it}: {said}");
        assert!(
            said.contains(&format!("motion {}", Id::from_db(named))),
            "{said}"
        );
        sqlx::query(mend_it)
            .bind(named)
            .execute(pool)
            .await
            .expect("mend");
    }
    // The last repair lowered the turnout to match the rows again; the sums now hold one
    // ballot more than the turnout, which is a mismatch of its own.
    let (passed, said) = admin_verify(&app);
    assert!(!passed, "{said}");
    assert!(said.contains("ballots in the sums"), "{said}");

    // Sums that no longer open (tampered with, or sealed with keys this folder lacks).
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT sealed FROM secret_sums WHERE motion_id = $1")
        .bind(secret_db)
        .fetch_one(pool)
        .await
        .expect("sums");
    let mut tampered = sealed.clone();
    if let Some(last) = tampered.last_mut() {
        *last ^= 1;
    }
    sqlx::query("UPDATE secret_sums SET sealed = $2 WHERE motion_id = $1")
        .bind(secret_db)
        .bind(tampered)
        .execute(pool)
        .await
        .expect("tamper");
    let (passed, said) = admin_verify(&app);
    assert!(!passed, "{said}");
    assert!(said.contains("do not open"), "{said}");
}

/// Every version of a secret motion's rows that PostgreSQL keeps in its heap pages, read
/// as whoever copies the files would (pageinspect shows each line pointer as stored,
/// replaced versions included): `(block, item, xmin, replaced)` per tuple of `motion`, where
/// `replaced` says a later transaction deleted or updated that version (its `xmax` is set,
/// and is not a mere row lock).
async fn heap_versions(app: &TestApp, table: &str, motion: i64) -> Vec<(i64, i64, String, bool)> {
    let pool = app.app().db.pool();
    /// block, item, xmin, xmax, infomask, the tuple's bytes
    type Item = (i64, i64, String, String, i64, Option<Vec<u8>>);
    let rows: Vec<Item> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT b, lp::int8, t_xmin::text, t_xmax::text, t_infomask::int8, t_data
             FROM generate_series(0, (pg_relation_size('{table}') / current_setting('block_size')::int8) - 1) AS b,
                  heap_page_items(get_raw_page('{table}', b::int4))
             WHERE t_data IS NOT NULL"
        )))
        .fetch_all(pool)
        .await
        .expect("heap pages");
    const XMAX_LOCK_ONLY: i64 = 0x0080;
    const XMAX_INVALID: i64 = 0x0800;
    rows.into_iter()
        .filter(|(.., data)| {
            data.as_ref()
                .and_then(|d| d.get(..8))
                .is_some_and(|first| first == motion.to_le_bytes())
        })
        .map(|(block, item, xmin, xmax, mask, _)| {
            let replaced = xmax != "0" && mask & (XMAX_LOCK_ONLY | XMAX_INVALID) == 0;
            (block, item, xmin, replaced)
        })
        .collect()
}

/// On PostgreSQL, after each secret ballot the heap holds one version of each row of the
/// motion: the replaced versions are vacuumed away, every participation row carries one
/// transaction stamp (`xmin`) and every sum another, and the rows' places do not follow
/// the order of voting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_ballots_leave_no_row_versions_on_postgres() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    sqlx::query("CREATE EXTENSION IF NOT EXISTS pageinspect")
        .execute(app.app().db.pool())
        .await
        .expect("pageinspect (PostgreSQL's contrib)");
    let (depot, rosa, mut members) = committee_of(&app, "Depot", 5).await;
    members.sort_by_key(|m| m.id.parse::<Id>().expect("id").get());
    let m = motion(&app, &rosa, &depot, decision("secret")).await;
    let id = m["id"].as_str().expect("id");
    let motion_db = id.parse::<Id>().expect("id").get();
    // By rank of id: neither rising nor falling at any length from three.
    let turns = [3, 0, 4, 1, 2];
    let mut order = Vec::new();
    for (turn, choice) in turns.iter().zip(["yes", "no", "yes", "abstain", "yes"]) {
        let voter = &members[*turn];
        let (status, _) = vote(&app, voter, id, json!(choice)).await;
        assert_eq!(status, StatusCode::CREATED);
        order.push(voter.id.parse::<Id>().expect("id").get());

        let who = heap_versions(&app, "secret_participation", motion_db).await;
        let sums = heap_versions(&app, "secret_sums", motion_db).await;
        let pending = heap_versions(&app, "secret_pending", motion_db).await;
        assert_eq!(
            who.len(),
            order.len(),
            "one version of each participation row: {who:?}"
        );
        assert_eq!(sums.len(), 1, "one version of the sums: {sums:?}");
        assert!(pending.is_empty(), "no ballot left pending: {pending:?}");
        for versions in [&who, &sums] {
            assert!(
                versions.iter().all(|(.., replaced)| !replaced),
                "{versions:?}"
            );
            let stamps: BTreeSet<&String> = versions.iter().map(|(_, _, xmin, _)| xmin).collect();
            assert_eq!(stamps.len(), 1, "rows written apart: {versions:?}");
        }
        if order.len() >= 3 {
            // Tuples in heap order, by voter: their turns must not follow the voting.
            let pool = app.app().db.pool();
            let placed: Vec<i64> = sqlx::query_scalar(
                "SELECT account_id FROM secret_participation WHERE motion_id = $1 ORDER BY ctid",
            )
            .bind(motion_db)
            .fetch_all(pool)
            .await
            .expect("rows in heap order");
            let turns: Vec<usize> = placed
                .iter()
                .filter_map(|v| order.iter().position(|o| o == v))
                .collect();
            assert!(
                !turns.windows(2).all(|w| w[0] < w[1]) && !turns.windows(2).all(|w| w[0] > w[1]),
                "participation rows lie in the order of voting: {turns:?}"
            );
        }
    }
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["tally"], json!({ "yes": 3, "no": 1, "abstain": 1 }));
}

/// Sums an earlier version kept in the clear (`secret_tally`, a row per option) are sealed
/// at the next start, added to those sealed since, and the plain rows go.
async fn plain_sums_of_an_earlier_version_are_sealed_at_start(mut app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 3).await;
    let m = motion(&app, &rosa, &depot, decision("secret")).await;
    let id = m["id"].as_str().expect("id");
    let motion_db = id.parse::<Id>().expect("id").get();
    let (status, _) = vote(&app, &members[0], id, json!("yes")).await;
    assert_eq!(status, StatusCode::CREATED);
    // Two more ballots, as an earlier version recorded them.
    let pool = app.app().db.pool();
    let unit = outnumber::core::voting::UNIT;
    for (option, ballots) in [("yes", 1), ("no", 1), ("abstain", 0)] {
        sqlx::query(
            "INSERT INTO secret_tally (motion_id, option, ballots, weight) VALUES ($1, $2, $3, $4)",
        )
        .bind(motion_db)
        .bind(option)
        .bind(ballots)
        .bind(ballots * unit)
        .execute(pool)
        .await
        .expect("plain sums");
    }
    for voter in &members[1..] {
        sqlx::query("INSERT INTO secret_participation (motion_id, account_id) VALUES ($1, $2)")
            .bind(motion_db)
            .bind(voter.id.parse::<Id>().expect("id").get())
            .execute(pool)
            .await
            .expect("participation");
    }
    sqlx::query("UPDATE motions SET turnout = turnout + 2, turnout_weight = turnout_weight + $2 WHERE id = $1")
        .bind(motion_db)
        .bind(2 * unit)
        .execute(pool)
        .await
        .expect("turnout");

    app.restart().await;
    assert_eq!(
        app.count_rows("secret_tally").await,
        0,
        "no sum left in the clear"
    );
    let (passed, said) = admin_verify(&app);
    assert!(passed, "{said}");
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["tally"], json!({ "yes": 2, "no": 1, "abstain": 0 }));
    assert_eq!(closed["turnout"], 3);
}

/// A database moved to a server without the data folder whose keys sealed its open secret
/// ballots would count none of them; that server refuses to start and says why.
async fn a_server_without_the_keys_of_open_ballots_does_not_start(mut app: TestApp) {
    let (depot, rosa, members) = committee_of(&app, "Depot", 1).await;
    let m = motion(&app, &rosa, &depot, decision("secret")).await;
    let id = m["id"].as_str().expect("id");
    vote(&app, &members[0], id, json!("yes")).await;
    let Stopped(mut config) = app.stop().await;
    let elsewhere = DataDir::create();
    let kept = std::mem::replace(&mut config.data_dir, elsewhere.0.clone());
    config.listen = ([127, 0, 0, 1], 0).into();
    match outnumber::server::start(config.clone()).await {
        Ok(_) => panic!("a server without the keys started"),
        Err(err) => assert!(err.to_string().contains("contact-keys"), "{err}"),
    }
    // With its own folder again, it starts and counts the ballot.
    config.data_dir = kept;
    app.start_again(Stopped(config)).await;
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["tally"], json!({ "yes": 1, "no": 0, "abstain": 0 }));
}

/// While a reader holds an old version of the database (a backup running, a long report),
/// the history of a ballot's first commit cannot be erased; the ballot is then taken back
/// and refused with 503 `server_busy`, rather than written beside that history, and counts
/// once the reader is done.
async fn a_ballot_whose_history_cannot_be_erased_is_refused_and_not_recorded(app: TestApp) {
    use sqlx::Connection;
    let (depot, rosa, members) = committee_of(&app, "Depot", 2).await;
    let m = motion(&app, &rosa, &depot, decision("secret")).await;
    let id = m["id"].as_str().expect("id");
    // A first ballot, so that the next one replaces rows (a first ballot on PostgreSQL
    // replaces none, and leaves nothing to erase).
    let (status, _) = vote(&app, &members[1], id, json!("no")).await;
    assert_eq!(status, StatusCode::CREATED);

    let mut reader = sqlx::AnyConnection::connect(&app.database_url)
        .await
        .expect("a reader");
    let begin = match app.backend {
        Backend::Sqlite => "BEGIN",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ",
    };
    sqlx::query(begin)
        .execute(&mut reader)
        .await
        .expect("begin");
    let _: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM motions")
        .fetch_one(&mut reader)
        .await
        .expect("a snapshot");

    let refused = vote(&app, &members[0], id, json!("yes")).await;
    assert_error(&refused, StatusCode::SERVICE_UNAVAILABLE, "server_busy");
    let (_, seen) = app
        .get(&format!("/api/v1/motions/{id}"), &members[0].token)
        .await;
    assert_eq!(seen["my_ballot"]["voted"], false, "taken back: {seen}");
    assert_eq!(seen["turnout"], 1);
    assert_eq!(seen["uncounted"], 0);

    sqlx::query("ROLLBACK")
        .execute(&mut reader)
        .await
        .expect("end");
    reader.close().await.expect("close");
    let (status, _) = vote(&app, &members[0], id, json!("yes")).await;
    assert_eq!(status, StatusCode::CREATED);
    let (passed, said) = admin_verify(&app);
    assert!(passed, "{said}");
    let closed = close(&app, &rosa, id).await;
    assert_eq!(closed["tally"], json!({ "yes": 1, "no": 1, "abstain": 0 }));
}
