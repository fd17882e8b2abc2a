//! A committee's contacts page: whom to reach, kept on members' phones, so it names only
//! coordinators and delegates and the lines coordinators post.

use reqwest::StatusCode;

use crate::both;
use crate::common::TestApp;
use crate::offline::signed_in;
use crate::pages::Browser;

both!(
    the_contacts_page_names_only_whom_to_reach,
    coordinators_post_and_remove_lines,
    outsiders_find_no_contacts_page,
);

/// Signs a browser in as a demo account.
async fn demo_login(app: &TestApp, handle: &str) -> Browser {
    let browser = Browser::new(app);
    let (status, body, _) = browser
        .submit(
            "/login",
            "/login",
            &[
                ("handle", handle),
                ("password", outnumber::cli::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "log in {handle}: {body}");
    browser
}

async fn the_contacts_page_names_only_whom_to_reach(app: TestApp) {
    let network = outnumber::cli::demo::seed(app.app()).await.expect("seeded");
    let hospital = network
        .committee("Riverside General Hospital")
        .expect("hospital");
    let fatima = demo_login(&app, "fatima").await;
    let path = format!("/committees/{hospital}/contacts");
    let (status, page, _) = fatima.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{page}");

    // Who the page must name, and who it must not, from the API.
    let (_, session) = app
        .call(
            reqwest::Method::POST,
            "/api/v1/sessions",
            None,
            Some(serde_json::json!({ "handle": "fatima", "password": outnumber::cli::demo::DEMO_PASSWORD })),
        )
        .await;
    let token = session["token"].as_str().expect("token");
    let (_, members) = app
        .get(&format!("/api/v1/committees/{hospital}/members"), token)
        .await;
    let (_, delegates) = app
        .get(&format!("/api/v1/committees/{hospital}/delegates"), token)
        .await;
    let delegate_ids: Vec<&str> = delegates
        .as_array()
        .expect("delegates")
        .iter()
        .filter(|d| d["committee_id"] == hospital.to_string())
        .filter_map(|d| d["account_id"].as_str())
        .collect();
    assert!(
        !delegate_ids.is_empty(),
        "the demo hospital has delegates: {delegates}"
    );
    let mut named = 0;
    let mut unnamed = 0;
    for member in members.as_array().expect("members") {
        let name = member["display_name"].as_str().expect("name");
        let id = member["account_id"].as_str().expect("id");
        if member["role"] == "coordinator" || delegate_ids.contains(&id) {
            assert!(page.contains(name), "{name} is someone to reach: {page}");
            named += 1;
        } else {
            assert!(!page.contains(name), "{name} is a plain member: {page}");
            unnamed += 1;
        }
    }
    assert!(named >= 2 && unnamed >= 1, "{members}");
    assert!(page.contains("<h2 id=\"contacts-delegates\">"), "{page}");
    assert!(page.contains("href=\"/rights\""));
    // A plain member reads it, and posts nothing.
    assert!(!page.contains(&format!("action=\"{path}\"")), "{page}");
}

async fn coordinators_post_and_remove_lines(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    app.member(&rosa, &depot, "ana").await;
    let coordinator = signed_in(&app, "rosa").await;
    let member = signed_in(&app, "ana").await;
    let path = format!("/committees/{depot}/contacts");

    let (status, page, _) = coordinator.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("action=\"{path}\"")),
        "the coordinator's form"
    );

    let (status, _, location) = coordinator
        .submit(
            &path,
            &path,
            &[("label", "Legal hotline"), ("value", "+1 (612) 555-0100")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(path.as_str()));
    coordinator
        .submit(
            &path,
            &path,
            &[
                ("label", "Rapid response"),
                ("value", "https://example.org/rr"),
            ],
        )
        .await;

    let (_, page, _) = member.get(&path).await;
    assert!(page.contains("Legal hotline"), "{page}");
    assert!(page.contains("href=\"tel:+16125550100\""), "{page}");
    assert!(page.contains("+1 (612) 555-0100"));
    assert!(page.contains("href=\"https://example.org/rr\""), "{page}");
    assert!(!page.contains("/remove\""), "members remove nothing");

    // A member may not post; a coordinator's typo is shown with what was typed.
    let (status, _, _) = member
        .submit(&path, &path, &[("label", "Mine"), ("value", "555 0199")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, page, _) = coordinator
        .submit(&path, &path, &[("label", " "), ("value", "555 0142")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("role=\"alert\""), "{page}");
    assert!(
        page.contains("value=\"555 0142\""),
        "what was typed stays: {page}"
    );
    let long = "9".repeat(121);
    let (status, _, _) = coordinator
        .submit(&path, &path, &[("label", "Too long"), ("value", &long)])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // At most a screenful of lines.
    for n in 2..outnumber::contacts::MAX_LINES {
        let label = format!("Line {n}");
        let (status, _, _) = coordinator
            .submit(&path, &path, &[("label", &label), ("value", "555 0100")])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "line {n}");
    }
    let (status, page, _) = coordinator
        .submit(
            &path,
            &path,
            &[("label", "One more"), ("value", "555 0100")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");

    // Removing: the line's own form.
    let (_, page, _) = coordinator.get(&path).await;
    let remove = page
        .split("action=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|action| action.ends_with("/remove"))
        .expect("a remove form")
        .to_owned();
    let (status, _, _) = member.submit(&path, &remove, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = coordinator.submit(&path, &remove, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = coordinator.submit(&path, &remove, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone already");
    let (_, page, _) = member.get(&path).await;
    assert!(!page.contains("Legal hotline"), "{page}");
    assert!(page.contains("Rapid response"));

    // Every change is in the audit log, for every member to see.
    let (_, audit, _) = member.get(&format!("/committees/{depot}/audit")).await;
    assert!(
        audit.contains("posted the contact line “Legal hotline”"),
        "{audit}"
    );
    assert!(
        audit.contains("removed the contact line “Legal hotline”"),
        "{audit}"
    );
}

async fn outsiders_find_no_contacts_page(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot Nobody Knows").await;
    let council = app.council(&rosa, "Council Nobody Knows").await;
    app.affiliate(&rosa, &council, &rosa, &depot).await;
    app.member(&rosa, &depot, "ana").await;
    app.register("stranger").await;
    let stranger = signed_in(&app, "stranger").await;
    let ana = signed_in(&app, "ana").await;
    for path in [
        format!("/committees/{depot}/contacts"),
        format!("/committees/{council}/contacts"),
        "/committees/0000000000000001/contacts".to_owned(),
    ] {
        let (status, page, _) = stranger.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.contains("Nobody Knows"), "{page}");
        let (status, _, _) = stranger
            .submit("/dashboard", &path, &[("label", "x"), ("value", "1234")])
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    // A member of a committee below a council is not one of the council's.
    let (status, _, _) = ana.get(&format!("/committees/{council}/contacts")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = ana.get(&format!("/committees/{depot}/contacts")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, location) = Browser::new(&app)
        .get(&format!("/committees/{depot}/contacts"))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.is_some_and(|l| l.starts_with("/login?next=")));
}
