use reqwest::StatusCode;

use crate::both;
use crate::common::TestApp;

both!(the_demo_network_is_realistic_and_usable);

async fn the_demo_network_is_realistic_and_usable(app: TestApp) {
    let network = outnumber::cli::demo::seed(app.app()).await.expect("seeded");
    let pool = app.app().db.pool();
    let rows: Vec<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT workplace_type, industry, region FROM committees WHERE kind = 'workplace'",
    )
    .fetch_all(pool)
    .await
    .expect("committees");
    let types: std::collections::BTreeSet<_> = rows.iter().filter_map(|r| r.0.clone()).collect();
    let industries: std::collections::BTreeSet<_> =
        rows.iter().filter_map(|r| r.1.clone()).collect();
    let regions: std::collections::BTreeSet<_> = rows.iter().filter_map(|r| r.2.clone()).collect();
    assert!(types.len() >= 3, "several workplace types: {types:?}");
    assert_eq!(industries.len(), 2);
    assert_eq!(regions.len(), 2);
    assert_eq!(app.count_rows("affiliations").await, 4);

    // The printed logins work, and a member of an affiliate sees the council.
    let (status, session) = app
        .call(
            reqwest::Method::POST,
            "/api/v1/sessions",
            None,
            Some(serde_json::json!({ "handle": "fatima", "password": outnumber::cli::demo::DEMO_PASSWORD })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let token = session["token"].as_str().expect("token");
    let council = network
        .committee("Health Care Workers' Council")
        .expect("council");
    let (status, view) = app
        .get(&format!("/api/v1/committees/{council}"), token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["affiliates"].as_array().map(Vec::len), Some(2));

    // Delegates, a program with workers behind it, and a vote under way.
    let (status, program) = app
        .get(&format!("/api/v1/committees/{council}/program"), token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(program["demands"][0]["workers_behind"], 5, "{program}");
    let depot = network
        .committee("Lake Street Postal Depot")
        .expect("depot");
    let amir = app
        .call(
            reqwest::Method::POST,
            "/api/v1/sessions",
            None,
            Some(serde_json::json!({ "handle": "amir", "password": outnumber::cli::demo::DEMO_PASSWORD })),
        )
        .await
        .1;
    let (_, motions) = app
        .get(
            &format!("/api/v1/committees/{depot}/motions"),
            amir["token"].as_str().expect("token"),
        )
        .await;
    assert_eq!(motions[0]["status"], "open");
    let (_, delegates) = app
        .get(&format!("/api/v1/committees/{council}/delegates"), token)
        .await;
    assert_eq!(delegates.as_array().map(Vec::len), Some(2));

    // The city council's walkout is gathering pledges, one short, on a public counter.
    let city = network
        .committee("Minneapolis Workers' Council")
        .expect("city council");
    let (status, actions) = app
        .get(&format!("/api/v1/committees/{city}/actions"), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{actions}");
    let walkout = &actions[0];
    assert_eq!(walkout["status"], "gathering", "{walkout}");
    let id = walkout["id"].as_str().expect("id");
    let (status, public) = app
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/public/actions/{id}"),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["pledged"], 4, "{public}");
    assert_eq!(public["committees"], 2, "{public}");

    // Agents staging by the clinic: the hospital, in the same council, sees it.
    let (status, incidents) = app.get("/api/v1/incidents", token).await;
    assert_eq!(status, StatusCode::OK, "{incidents}");
    assert_eq!(incidents[0]["kind"], "staging", "{incidents}");
    assert_eq!(incidents[0]["confirmations"], 1);
    assert_eq!(incidents[0]["responders"]["witness"], 1);

    // Bulletins: the city council's reaches Rosa at the hospital, in her Spanish; the
    // depot's members-only note stays in the depot.
    let log_in = |handle: &'static str| {
        app.call(
            reqwest::Method::POST,
            "/api/v1/sessions",
            None,
            Some(serde_json::json!({ "handle": handle, "password": outnumber::cli::demo::DEMO_PASSWORD })),
        )
    };
    let rosa = log_in("rosa").await.1;
    let (status, feed) = app
        .get("/api/v1/feed", rosa["token"].as_str().expect("token"))
        .await;
    assert_eq!(status, StatusCode::OK, "{feed}");
    let titles: Vec<&str> = feed["bulletins"]
        .as_array()
        .expect("bulletins")
        .iter()
        .filter_map(|b| b["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        vec!["Paro por personal seguro: cómo vamos"],
        "{feed}"
    );
    let luis = log_in("luis").await.1;
    let (_, feed) = app
        .get("/api/v1/feed", luis["token"].as_str().expect("token"))
        .await;
    assert_eq!(
        feed["bulletins"].as_array().map(Vec::len),
        Some(2),
        "{feed}"
    );
    assert_eq!(feed["bulletins"][0]["title"], "Heat in the sorting room");
}
