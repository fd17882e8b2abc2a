//! How members are named to each other (issue 14): never by their handle, by a display name
//! that shows something, and never by the same name as someone else in the committee.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::pages::Browser;

both!(
    no_answer_or_page_shows_another_members_handle,
    display_names_refuse_what_shows_nothing,
    two_members_of_a_committee_never_share_a_name,
    a_neutral_name_already_taken_is_drawn_again,
);

/// In every handle below, so that one search finds any of them wherever it shows.
const MARK: &str = "zq7h";

async fn patch_me(app: &TestApp, user: &User, body: Value) -> (StatusCode, Value) {
    app.call(Method::PATCH, "/api/v1/me", Some(&user.token), Some(body))
        .await
}

async fn accept(app: &TestApp, user: &User, code: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/v1/invites/{code}/accept"),
        &user.token,
        json!({}),
    )
    .await
}

async fn member_names(app: &TestApp, viewer: &User, committee: &str) -> Vec<String> {
    let (status, members) = app
        .get(
            &format!("/api/v1/committees/{committee}/members"),
            &viewer.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{members}");
    members
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["display_name"].as_str().map(str::to_owned))
        .collect()
}

/// A committee whose members chose no display name, doing everything that names a member
/// somewhere: vouching, a meeting called and attended, an open election with a seated
/// delegate, a report, a role change. Rosa (coordinator) and June (of the council) then read
/// every answer and page that shows other members, and none holds a handle.
async fn no_answer_or_page_shows_another_members_handle(app: TestApp) {
    let rosa = app.register("rosa").await;
    app.name(&rosa, "Rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, &format!("amir.{MARK}")).await;
    let lena = app.member(&rosa, &depot, &format!("lena.{MARK}")).await;
    // Lena vouches for Omar.
    let omar = app.member(&lena, &depot, &format!("omar.{MARK}")).await;
    let june = app.register("june").await;
    let council = app.council(&june, "City council").await;
    app.affiliate(&june, &council, &rosa, &depot).await;

    let (status, meeting) = app
        .post(
            &format!("/api/v1/committees/{depot}/meetings"),
            &amir.token,
            json!({ "title": "Shift meeting", "starts_at": outnumber::core::Timestamp::now().plus_hours(-1).rfc3339(),
                    "location": "Break room", "agenda": [] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    let meeting = meeting["id"].as_str().expect("id").to_owned();
    let (status, body) = app
        .post(
            &format!("/api/v1/meetings/{meeting}/attendance"),
            &lena.token,
            json!({ "status": "yes" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .put(
            &format!("/api/v1/meetings/{meeting}/attended"),
            &rosa.token,
            json!({ "account_ids": [amir.id, lena.id] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, election) = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &rosa.token,
            json!({ "kind": "elect_delegates", "title": "Delegate", "ballot": "open",
                    "closes_at": outnumber::core::Timestamp::now().plus_hours(1).rfc3339(),
                    "council_id": council, "seats": 1, "candidates": [amir.id, lena.id] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{election}");
    let election = election["id"].as_str().expect("id").to_owned();
    for voter in [&amir, &lena, &omar] {
        let (status, body) = app
            .post(
                &format!("/api/v1/motions/{election}/ballots"),
                &voter.token,
                json!({ "choice": [amir.id] }),
            )
            .await;
        assert!(status.is_success(), "{body}");
    }
    let (status, closed) = app
        .post(
            &format!("/api/v1/motions/{election}/close"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["elected"], json!([amir.id]), "{closed}");

    let (status, incident) = app
        .post(
            &format!("/api/v1/committees/{depot}/incidents"),
            &amir.token,
            json!({ "kind": "staging", "summary": "Vans at the gate", "location": "Gate 2", "urgency": "info" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{incident}");
    let incident = incident["id"].as_str().expect("id").to_owned();
    let (status, body) = app
        .put(
            &format!("/api/v1/committees/{depot}/members/{}", omar.id),
            &rosa.token,
            json!({ "role": "coordinator" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Members without a display name are shown by a neutral name.
    let names = member_names(&app, &rosa, &depot).await;
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(
        names.iter().filter(|n| n.starts_with("Member ")).count(),
        3,
        "{names:?}"
    );
    let (_, incident_seen) = app
        .get(&format!("/api/v1/incidents/{incident}"), &rosa.token)
        .await;
    assert_eq!(
        incident_seen["reported_by_name"],
        app.shown_name(&amir).await.as_str()
    );

    let mut answers = Vec::new();
    for path in [
        format!("/api/v1/committees/{depot}/members"),
        format!("/api/v1/committees/{depot}/audit"),
        format!("/api/v1/committees/{depot}/delegates"),
        format!("/api/v1/meetings/{meeting}"),
        format!("/api/v1/motions/{election}"),
        format!("/api/v1/incidents/{incident}"),
        "/api/v1/notifications".to_owned(),
        "/api/v1/me/export".to_owned(),
    ] {
        let (status, body) = app.get(&path, &rosa.token).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        answers.push((path, body.to_string()));
    }
    for path in [
        format!("/api/v1/committees/{council}/members"),
        format!("/api/v1/committees/{council}/delegates"),
        format!("/api/v1/committees/{council}/audit"),
    ] {
        let (status, body) = app.get(&path, &june.token).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        answers.push((path, body.to_string()));
    }
    for (who, pages) in [
        (
            "rosa",
            vec![
                "/dashboard".to_owned(),
                format!("/committees/{depot}"),
                format!("/committees/{depot}/audit"),
                format!("/committees/{depot}/delegates"),
                format!("/committees/{depot}/motions/new?kind=elect_delegates"),
                format!("/committees/{depot}/motions/new?kind=recall"),
                format!("/meetings/{meeting}"),
                format!("/motions/{election}"),
                format!("/incidents/{incident}"),
                "/notifications".to_owned(),
            ],
        ),
        (
            "june",
            vec![
                format!("/committees/{council}"),
                format!("/committees/{council}/delegates"),
                format!("/committees/{council}/audit"),
            ],
        ),
    ] {
        let browser = Browser::new(&app);
        let (status, _, _) = browser
            .submit(
                "/login",
                "/login",
                &[("handle", who), ("password", "correct horse battery")],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        for path in pages {
            let (status, page, _) = browser.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            answers.push((path, page));
        }
    }
    for (path, body) in &answers {
        assert!(!body.contains(MARK), "{path} shows a handle: {body}");
    }
    // The names shown instead are there.
    let amir_name = app.shown_name(&amir).await;
    let committee_page = &answers
        .iter()
        .find(|(path, _)| *path == format!("/committees/{depot}"))
        .expect("the committee page")
        .1;
    assert!(committee_page.contains(&amir_name), "{committee_page}");
}

/// Everything issue 14 names, and the rest of its kind, alone or inside a name.
const HIDDEN: &[&str] = &[
    "\u{2060}",
    "\u{061C}",
    "\u{180E}",
    "\u{00AD}",
    "\u{2062}",
    "\u{2063}",
    "\u{2064}",
    "\u{206A}",
    "\u{FFF9}",
    "\u{E0041}\u{E0042}",
    "\u{3164}",
    "\u{115F}",
    "\u{1160}",
    "\u{FFA0}",
    "\u{2800}",
    "\u{200B}",
    "\u{202E}",
];

async fn display_names_refuse_what_shows_nothing(app: TestApp) {
    let rosa = app.register("rosa").await;
    for (n, hidden) in HIDDEN.iter().enumerate() {
        for name in [hidden.to_string(), format!("Ro{hidden}sa")] {
            let answer = app
                .call(
                    Method::POST,
                    "/api/v1/accounts",
                    None,
                    Some(json!({ "handle": format!("newcomer{n}"), "password": "correct horse battery",
                                 "display_name": name })),
                )
                .await;
            assert_error(
                &answer,
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_display_name",
            );
            let answer = patch_me(&app, &rosa, json!({ "display_name": name })).await;
            assert_error(
                &answer,
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_display_name",
            );
        }
    }
    // A mark with nothing under it shows nothing either.
    let answer = patch_me(&app, &rosa, json!({ "display_name": "\u{0301}" })).await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_display_name",
    );
    // Nobody was created; Rosa's name did not change.
    assert_eq!(app.count_rows("accounts").await, 1);
    let (_, me) = app.get("/api/v1/me", &rosa.token).await;
    assert_eq!(me["display_name_chosen"], false, "{me}");

    // The settings form refuses them too, saying why.
    let browser = Browser::new(&app);
    browser
        .submit(
            "/login",
            "/login",
            &[("handle", "rosa"), ("password", "correct horse battery")],
        )
        .await;
    let (status, page, _) = browser
        .submit(
            "/settings",
            "/settings",
            &[("display_name", "\u{3164}"), ("language", "en")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("class=\"error\""), "{page}");

    // Names from everywhere still pass.
    for name in [
        "María José",
        "Nguyễn Văn An",
        "فاطمة",
        "김민준",
        "Rosa ❤\u{FE0F}",
    ] {
        let (status, body) = patch_me(&app, &rosa, json!({ "display_name": name })).await;
        assert_eq!(status, StatusCode::OK, "{name}: {body}");
        assert_eq!(body["display_name"], name);
    }
}

async fn two_members_of_a_committee_never_share_a_name(app: TestApp) {
    let rosa = app.register("rosa").await;
    app.name(&rosa, "Rosa M.").await;
    let depot = app.workplace(&rosa, "Depot").await;

    // Joining with a name that only differs in case, accents and dots: refused, and nothing
    // changes (no account, the invite's one use still there).
    let code = app.invite(&rosa, &depot, json!({ "max_uses": 1 })).await;
    let answer = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(
                json!({ "handle": "ana", "password": "correct horse battery",
                         "display_name": "rósa m", "invite": code }),
            ),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "display_name_taken");
    assert_eq!(app.count_rows("accounts").await, 1);
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(
                json!({ "handle": "ana", "password": "correct horse battery",
                         "display_name": "Ana", "invite": code }),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let ana = app.log_in("ana").await;

    // An account that already exists, accepting an invite.
    let amir = app.register("amir").await;
    app.name(&amir, "ROSA-M").await;
    let code = app.invite(&rosa, &depot, json!({})).await;
    let answer = accept(&app, &amir, &code).await;
    assert_error(&answer, StatusCode::CONFLICT, "display_name_taken");
    assert_eq!(member_names(&app, &rosa, &depot).await.len(), 2);
    app.name(&amir, "Amir").await;
    let (status, body) = accept(&app, &amir, &code).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Changing one's name to someone else's in the committee.
    let answer = patch_me(&app, &ana, json!({ "display_name": "Amir" })).await;
    assert_error(&answer, StatusCode::CONFLICT, "display_name_taken");
    assert_eq!(app.shown_name(&ana).await, "Ana", "nothing changed");

    // Nor someone's neutral name, in any language.
    let lena = app.member(&rosa, &depot, "lena").await;
    let neutral = app.shown_name(&lena).await;
    assert!(neutral.starts_with("Member "), "{neutral}");
    let tag = neutral.trim_start_matches("Member ");
    for taken in [
        neutral.clone(),
        format!("Miembro {tag}"),
        tag.to_lowercase(),
    ] {
        let answer = patch_me(&app, &ana, json!({ "display_name": taken })).await;
        if taken == tag.to_lowercase() {
            // The bare tag is no one's name.
            assert_eq!(answer.0, StatusCode::OK, "{}", answer.1);
        } else {
            assert_error(&answer, StatusCode::CONFLICT, "display_name_taken");
        }
    }
    // One's own neutral name typed back (as `GET /me` showed it) keeps it neutral.
    let (status, me) = patch_me(&app, &lena, json!({ "display_name": neutral })).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["display_name_chosen"], false, "{me}");
    // An empty name goes back to the neutral one.
    app.name(&lena, "Lena").await;
    let (status, me) = patch_me(&app, &lena, json!({ "display_name": "" })).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["display_name"], neutral.as_str());

    // In another committee the same name is no one's business.
    let june = app.register("june").await;
    let clinic = app.workplace(&june, "Clinic").await;
    let other = app.member(&june, &clinic, "other").await;
    app.name(&other, "Rosa M.").await;

    let names = member_names(&app, &rosa, &depot).await;
    let mut keys: Vec<String> = names
        .iter()
        .map(|n| n.to_lowercase().replace(['.', ' ', '-'], ""))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), names.len(), "{names:?}");
}

/// Two members with no display name whose tags would meet in one committee: the newcomer
/// gets another, and both stay who they were elsewhere.
async fn a_neutral_name_already_taken_is_drawn_again(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let amir_name = app.shown_name(&amir).await;
    let lena = app.register("lena").await;
    // Lena's stored tag set to Amir's, as a draw might have made it.
    let tag = amir_name.trim_start_matches("Member ");
    sqlx::query("UPDATE accounts SET name_tag = $1 WHERE id = $2")
        .bind(tag)
        .bind(lena.id.parse::<outnumber::core::Id>().expect("id").get())
        .execute(app.app().db.pool())
        .await
        .expect("set the tag");
    let lena = app.log_in("lena").await;
    assert_eq!(app.shown_name(&lena).await, amir_name);

    let code = app.invite(&rosa, &depot, json!({})).await;
    let (status, body) = accept(&app, &lena, &code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let lena_name = app.shown_name(&lena).await;
    assert!(lena_name.starts_with("Member "), "{lena_name}");
    assert_ne!(lena_name, amir_name);
    assert_eq!(app.shown_name(&amir).await, amir_name);
    let names = member_names(&app, &rosa, &depot).await;
    assert!(
        names.contains(&lena_name) && names.contains(&amir_name),
        "{names:?}"
    );
}
