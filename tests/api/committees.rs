use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, assert_error};

both!(
    founding_a_workplace_and_a_council,
    members_see_members_with_who_vouched,
    outsiders_get_404_on_every_committee_route,
    plain_members_get_403_where_coordinators_are_needed,
    coordinators_share_the_work_but_one_always_remains,
    members_leave_and_coordinators_remove,
    councils_show_affiliates_with_counts_never_members,
    affiliation_cycles_are_refused,
    opposite_affiliations_at_once_make_no_cycle,
    affiliations_end_from_either_side,
    the_audit_log_records_every_change,
);

async fn founding_a_workplace_and_a_council(app: TestApp) {
    let rosa = app.register("rosa").await;
    let (status, c) = app
        .post(
            "/api/v1/committees",
            &rosa.token,
            json!({ "name": "  Riverside General Hospital ", "kind": "workplace", "workplace_type": "hospital",
                    "industry": "health care", "region": "Minneapolis" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(c["name"], "Riverside General Hospital");
    assert_eq!(c["kind"], "workplace");
    assert_eq!(c["workplace_type"], "hospital");
    assert_eq!(c["member_count"], 1);
    assert_eq!(c["my_role"], "coordinator");
    assert_eq!(c["councils"], json!([]));

    let (status, me) = app.get("/api/v1/me", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["memberships"][0]["committee_id"], c["id"]);
    assert_eq!(me["memberships"][0]["role"], "coordinator");

    let council = app.council(&rosa, "Minneapolis Workers' Council").await;
    let (_, view) = app
        .get(&format!("/api/v1/committees/{council}"), &rosa.token)
        .await;
    assert_eq!(view["kind"], "council");
    assert_eq!(view["workplace_type"], Value::Null);
    assert_eq!(view["affiliates"], json!([]));

    // A workplace needs its type, industry and region.
    let answer = app
        .post(
            "/api/v1/committees",
            &rosa.token,
            json!({ "name": "Depot", "kind": "workplace", "industry": "x", "region": "y" }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_workplace_type",
    );
    let answer = app
        .post(
            "/api/v1/committees",
            &rosa.token,
            json!({ "name": "Depot", "kind": "castle" }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_kind");
    assert_eq!(app.count_rows("committees").await, 2);
}

async fn members_see_members_with_who_vouched(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let luis = app.member(&amir, &depot, "luis").await;
    let (status, members) = app
        .get(&format!("/api/v1/committees/{depot}/members"), &luis.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let members = members.as_array().expect("list");
    assert_eq!(members.len(), 3);
    let find = |id: &str| {
        members
            .iter()
            .find(|m| m["account_id"] == id)
            .expect("member")
            .clone()
    };
    assert_eq!(find(&rosa.id)["role"], "coordinator");
    assert_eq!(find(&rosa.id)["vouched_by"], Value::Null);
    assert_eq!(find(&amir.id)["vouched_by"], json!(rosa.id));
    assert_eq!(find(&luis.id)["vouched_by"], json!(amir.id));
    assert_eq!(find(&luis.id)["role"], "member");
    // Handles are log-in names and are never shown to others.
    assert!(!members.iter().any(|m| m.get("handle").is_some()));
}

/// Every committee route, with what it needs in the body.
fn committee_routes(committee: &str, someone: &str) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, format!("/api/v1/committees/{committee}"), None),
        (
            Method::GET,
            format!("/api/v1/committees/{committee}/members"),
            None,
        ),
        (
            Method::PUT,
            format!("/api/v1/committees/{committee}/members/{someone}"),
            Some(json!({ "role": "coordinator" })),
        ),
        (
            Method::DELETE,
            format!("/api/v1/committees/{committee}/members/{someone}"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{committee}/invites"),
            Some(json!({})),
        ),
        (
            Method::GET,
            format!("/api/v1/committees/{committee}/invites"),
            None,
        ),
        (
            Method::DELETE,
            format!("/api/v1/committees/{committee}/invites/0000000000000001"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/committees/{committee}/affiliations"),
            Some(json!({ "code": "aaaa-bbbb-cccc-dddd" })),
        ),
        (
            Method::DELETE,
            format!("/api/v1/committees/{committee}/affiliations/0000000000000001"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/committees/{committee}/audit"),
            None,
        ),
    ]
}

async fn outsiders_get_404_on_every_committee_route(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let council = app.council(&rosa, "Council").await;
    let outsider = app.register("outsider").await;
    for committee in [&depot, &council] {
        for (method, path, body) in committee_routes(committee, &rosa.id) {
            let answer = app
                .call(method.clone(), &path, Some(&outsider.token), body)
                .await;
            assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
        }
    }
    // An id that does not exist, or is not an id at all, answers the same.
    for path in [
        "/api/v1/committees/0000000000000002",
        "/api/v1/committees/not-an-id",
    ] {
        assert_error(
            &app.get(path, &outsider.token).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
    }
    // Nothing changed.
    assert_eq!(app.count_rows("memberships").await, 2);
    assert_eq!(app.count_rows("invites").await, 0);
}

async fn plain_members_get_403_where_coordinators_are_needed(app: TestApp) {
    let rosa = app.register("rosa").await;
    let council = app.council(&rosa, "Council").await;
    let june = app.member(&rosa, &council, "june").await;
    let depot = app.workplace(&june, "Depot").await;
    let amir = app.member(&rosa, &council, "amir").await;

    let role = app
        .put(
            &format!("/api/v1/committees/{council}/members/{}", june.id),
            &amir.token,
            json!({ "role": "coordinator" }),
        )
        .await;
    assert_error(&role, StatusCode::FORBIDDEN, "coordinators_only");
    let remove = app
        .delete(
            &format!("/api/v1/committees/{council}/members/{}", june.id),
            &amir.token,
        )
        .await;
    assert_error(&remove, StatusCode::FORBIDDEN, "coordinators_only");
    let affiliation_code = app
        .post(
            &format!("/api/v1/committees/{council}/invites"),
            &amir.token,
            json!({ "kind": "affiliation" }),
        )
        .await;
    assert_error(
        &affiliation_code,
        StatusCode::FORBIDDEN,
        "coordinators_only",
    );

    // June coordinates the depot but is a plain member of the council: she may not affiliate
    // the council anywhere, and the council's coordinator may not affiliate her depot.
    let code = app
        .invite(&rosa, &council, json!({ "kind": "affiliation" }))
        .await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{council}/affiliations"),
            &june.token,
            json!({ "code": code }),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/affiliations"),
            &rosa.token,
            json!({ "code": code }),
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");

    // Ending an affiliation and revoking someone else's invite are for coordinators too.
    let hospital = app.workplace(&rosa, "Hospital").await;
    app.affiliate(&rosa, &council, &rosa, &hospital).await;
    let answer = app
        .delete(
            &format!("/api/v1/committees/{hospital}/affiliations/{council}"),
            &amir.token,
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let (_, invite) = app
        .post(
            &format!("/api/v1/committees/{council}/invites"),
            &rosa.token,
            json!({}),
        )
        .await;
    let invite_id = invite["id"].as_str().expect("id");
    let answer = app
        .delete(
            &format!("/api/v1/committees/{council}/invites/{invite_id}"),
            &amir.token,
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");

    // Plain members may vouch: member invites are for everyone.
    let (status, _) = app
        .post(
            &format!("/api/v1/committees/{council}/invites"),
            &amir.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.count_rows("affiliations").await, 1);
}

async fn coordinators_share_the_work_but_one_always_remains(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;

    let answer = app
        .put(
            &format!("/api/v1/committees/{depot}/members/{}", rosa.id),
            &rosa.token,
            json!({ "role": "member" }),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "last_coordinator");

    let (status, body) = app
        .put(
            &format!("/api/v1/committees/{depot}/members/{}", amir.id),
            &rosa.token,
            json!({ "role": "coordinator" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["role"], "coordinator");
    let (_, view) = app
        .get(&format!("/api/v1/committees/{depot}"), &amir.token)
        .await;
    assert_eq!(view["my_role"], "coordinator");

    // Now Amir may step Rosa down.
    let (status, _) = app
        .put(
            &format!("/api/v1/committees/{depot}/members/{}", rosa.id),
            &amir.token,
            json!({ "role": "member" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let answer = app
        .put(
            &format!("/api/v1/committees/{depot}/members/{}", amir.id),
            &rosa.token,
            json!({ "role": "member" }),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");

    let answer = app
        .put(
            &format!("/api/v1/committees/{depot}/members/{}", rosa.id),
            &amir.token,
            json!({ "role": "boss" }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_role");
    let answer = app
        .put(
            &format!("/api/v1/committees/{depot}/members/0000000000000003"),
            &amir.token,
            json!({ "role": "member" }),
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
}

async fn members_leave_and_coordinators_remove(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let luis = app.member(&rosa, &depot, "luis").await;

    let answer = app
        .delete(
            &format!("/api/v1/committees/{depot}/members/{}", rosa.id),
            &rosa.token,
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "last_coordinator");

    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/members/{}", amir.id),
            &amir.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/members/{}", luis.id),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Once out, the committee is hidden again.
    assert_error(
        &app.get(&format!("/api/v1/committees/{depot}"), &luis.token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (_, view) = app
        .get(&format!("/api/v1/committees/{depot}"), &rosa.token)
        .await;
    assert_eq!(view["member_count"], 1);
    // The removed member is told.
    let (_, inbox) = app.get("/api/v1/notifications", &luis.token).await;
    assert_eq!(inbox["items"][0]["kind"], "member_removed", "{inbox}");
}

async fn councils_show_affiliates_with_counts_never_members(app: TestApp) {
    let june = app.register("june").await;
    let council = app.council(&june, "Minneapolis Workers' Council").await;
    let rosa = app.register("rosa").await;
    let hospital = app.workplace(&rosa, "Riverside Hospital").await;
    let fatima = app.member(&rosa, &hospital, "fatima").await;
    app.member(&rosa, &hospital, "ana").await;
    let amir = app.register("amir").await;
    let depot = app.workplace(&amir, "Lake Street Depot").await;
    app.affiliate(&june, &council, &rosa, &hospital).await;
    app.affiliate(&june, &council, &amir, &depot).await;

    let (status, view) = app
        .get(&format!("/api/v1/committees/{council}"), &june.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let affiliates = view["affiliates"].as_array().expect("affiliates");
    assert_eq!(affiliates.len(), 2);
    let count = |id: &str| {
        affiliates
            .iter()
            .find(|a| a["id"] == id)
            .expect("affiliate")["member_count"]
            .clone()
    };
    assert_eq!(count(&hospital), 3);
    assert_eq!(count(&depot), 1);

    // The council's coordinator cannot see an affiliate's members or page.
    assert_error(
        &app.get(
            &format!("/api/v1/committees/{hospital}/members"),
            &june.token,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get(&format!("/api/v1/committees/{hospital}"), &june.token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // A member of an affiliate sees the council (its affiliates and counts) but not its
    // members, its audit log or another affiliate.
    let (status, seen) = app
        .get(&format!("/api/v1/committees/{council}"), &fatima.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["my_role"], Value::Null);
    assert_error(
        &app.get(
            &format!("/api/v1/committees/{council}/members"),
            &fatima.token,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get(
            &format!("/api/v1/committees/{council}/audit"),
            &fatima.token,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get(&format!("/api/v1/committees/{depot}"), &fatima.token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (_, hospital_view) = app
        .get(&format!("/api/v1/committees/{hospital}"), &fatima.token)
        .await;
    assert_eq!(hospital_view["councils"][0]["id"], json!(council));

    // Councils join larger councils; members far below see all the way up.
    let state = app.council(&june, "State Council").await;
    app.affiliate(&june, &state, &june, &council).await;
    let (status, _) = app
        .get(&format!("/api/v1/committees/{state}"), &fatima.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, state_view) = app
        .get(&format!("/api/v1/committees/{state}"), &june.token)
        .await;
    assert_eq!(state_view["affiliates"][0]["id"], json!(council));
}

/// "X joins Y" and "Y joins X" sent at the same moment: one is refused, whichever is first.
async fn opposite_affiliations_at_once_make_no_cycle(app: TestApp) {
    let june = app.register("june").await;
    for round in 0..8 {
        let x = app.council(&june, &format!("X{round}")).await;
        let y = app.council(&june, &format!("Y{round}")).await;
        let code_x = app
            .invite(&june, &x, json!({ "kind": "affiliation" }))
            .await;
        let code_y = app
            .invite(&june, &y, json!({ "kind": "affiliation" }))
            .await;
        let (x_path, y_path) = (
            format!("/api/v1/committees/{x}/affiliations"),
            format!("/api/v1/committees/{y}/affiliations"),
        );
        let (x_joins_y, y_joins_x) = tokio::join!(
            app.post(&x_path, &june.token, json!({ "code": code_y })),
            app.post(&y_path, &june.token, json!({ "code": code_x })),
        );
        let mut statuses = [x_joins_y.0, y_joins_x.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::CREATED, StatusCode::CONFLICT],
            "{x_joins_y:?} {y_joins_x:?}"
        );
    }
    assert_eq!(app.count_rows("affiliations").await, 8);
}

async fn affiliation_cycles_are_refused(app: TestApp) {
    let june = app.register("june").await;
    let city = app.council(&june, "City").await;
    let state = app.council(&june, "State").await;
    let nation = app.council(&june, "Nation").await;
    app.affiliate(&june, &state, &june, &city).await;
    app.affiliate(&june, &nation, &june, &state).await;

    for (council, committee) in [
        (&city, &nation),
        (&city, &state),
        (&state, &nation),
        (&city, &city),
    ] {
        let code = app
            .invite(&june, council, json!({ "kind": "affiliation" }))
            .await;
        let answer = app
            .post(
                &format!("/api/v1/committees/{committee}/affiliations"),
                &june.token,
                json!({ "code": code }),
            )
            .await;
        assert_error(&answer, StatusCode::CONFLICT, "affiliation_cycle");
    }
    // Joining twice is refused too, and nothing was used up by refusals.
    let code = app
        .invite(
            &june,
            &state,
            json!({ "kind": "affiliation", "max_uses": 2 }),
        )
        .await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{city}/affiliations"),
            &june.token,
            json!({ "code": code }),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "already_affiliated");
    assert_eq!(app.count_rows("affiliations").await, 2);

    // Only councils issue affiliation codes; member invites do not affiliate.
    let depot = app.workplace(&june, "Depot").await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/invites"),
            &june.token,
            json!({ "kind": "affiliation" }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "not_a_council");
    let member_code = app.invite(&june, &city, json!({})).await;
    let answer = app
        .post(
            &format!("/api/v1/committees/{depot}/affiliations"),
            &june.token,
            json!({ "code": member_code }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "wrong_invite_kind",
    );
}

async fn affiliations_end_from_either_side(app: TestApp) {
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    let rosa = app.register("rosa").await;
    let hospital = app.workplace(&rosa, "Hospital").await;
    let amir = app.register("amir").await;
    let depot = app.workplace(&amir, "Depot").await;
    app.affiliate(&june, &council, &rosa, &hospital).await;
    app.affiliate(&june, &council, &amir, &depot).await;

    let outsider = app.register("outsider").await;
    let answer = app
        .delete(
            &format!("/api/v1/committees/{hospital}/affiliations/{council}"),
            &outsider.token,
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");

    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{hospital}/affiliations/{council}"),
            &rosa.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .delete(
            &format!("/api/v1/committees/{depot}/affiliations/{council}"),
            &june.token,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, view) = app
        .get(&format!("/api/v1/committees/{council}"), &june.token)
        .await;
    assert_eq!(view["affiliates"], json!([]));
    let answer = app
        .delete(
            &format!("/api/v1/committees/{depot}/affiliations/{council}"),
            &june.token,
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
}

fn actions(log: &Value) -> Vec<String> {
    log.as_array()
        .expect("log")
        .iter()
        .map(|e| e["action"].as_str().expect("action").to_owned())
        .collect()
}

async fn the_audit_log_records_every_change(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    app.put(
        &format!("/api/v1/committees/{depot}/members/{}", amir.id),
        &rosa.token,
        json!({ "role": "coordinator" }),
    )
    .await;
    let june = app.register("june").await;
    let council = app.council(&june, "Council").await;
    app.affiliate(&june, &council, &amir, &depot).await;

    let (status, log) = app
        .get(&format!("/api/v1/committees/{depot}/audit"), &amir.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        actions(&log),
        [
            "affiliated",
            "role_changed",
            "member_joined",
            "invite_created",
            "committee_founded"
        ]
    );
    let role_change = &log[1];
    assert_eq!(role_change["actor"]["account_id"], json!(rosa.id));
    assert_eq!(role_change["subject"]["account_id"], json!(amir.id));
    assert!(
        role_change["text"]
            .as_str()
            .unwrap_or("")
            .contains("coordinator"),
        "{role_change}"
    );
    assert_eq!(
        log[2]["actor"]["account_id"],
        json!(rosa.id),
        "the voucher is recorded"
    );

    // In the council's log the affiliate is named, its coordinator is not.
    let (_, council_log) = app
        .get(&format!("/api/v1/committees/{council}/audit"), &june.token)
        .await;
    let joined = &council_log[0];
    assert_eq!(joined["action"], "affiliate_joined");
    assert_eq!(joined["actor"], Value::Null);
    assert!(!council_log.to_string().contains(&amir.id), "{council_log}");
    assert!(joined["text"].as_str().unwrap_or("").contains("Depot"));
}
