//! Bulletins: who they reach up and down the council tree, the feed and its pages, safe
//! Markdown, translations, notifications (also across a restart), the audit log, the limits,
//! and the pages driven by their forms.

use std::collections::BTreeSet;
use std::time::Duration;

use outnumber::core::Id;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::pages::Browser;

both!(
    audiences_follow_the_council_tree_up_and_down,
    only_coordinators_publish_and_outsiders_learn_nothing,
    the_feed_pages_newest_first_without_gaps_or_duplicates,
    no_script_survives_in_the_api_or_the_page,
    readers_get_their_language_and_the_page_offers_the_other,
    the_audience_is_notified_and_the_fanout_completes_after_a_restart,
    publishing_is_in_the_audit_log,
    too_long_fields_are_refused_and_nothing_is_stored,
    a_coordinator_publishes_with_the_form_and_readers_find_it_on_their_pages,
);

/// A network two councils deep:
///
/// ```text
///            national (nat)
///           /              \
///     city (city)        other (other)
///      /       \               |
///  w1 (w1c, w1m)  w2 (w2c)   w3 (w3c)        lone (out), affiliated to nothing
/// ```
struct Net {
    nat: User,
    city: User,
    other: User,
    w1c: User,
    w1m: User,
    w2c: User,
    w3c: User,
    out: User,
    national: String,
    city_council: String,
    w1: String,
    w2: String,
}

async fn network(app: &TestApp) -> Net {
    let nat = app.register("nat").await;
    let city = app.register("city").await;
    let other = app.register("other").await;
    let w1c = app.register("w1c").await;
    let w2c = app.register("w2c").await;
    let w3c = app.register("w3c").await;
    let out = app.register("out").await;
    let national = app.council(&nat, "National Council").await;
    let city_council = app.council(&city, "Minneapolis Council").await;
    let other_council = app.council(&other, "Duluth Council").await;
    let w1 = app.workplace(&w1c, "Lake Street Depot").await;
    let w2 = app.workplace(&w2c, "Riverside Hospital").await;
    let w3 = app.workplace(&w3c, "Harbor Warehouse").await;
    app.workplace(&out, "Lone Bakery").await;
    app.affiliate(&nat, &national, &city, &city_council).await;
    app.affiliate(&nat, &national, &other, &other_council).await;
    app.affiliate(&city, &city_council, &w1c, &w1).await;
    app.affiliate(&city, &city_council, &w2c, &w2).await;
    app.affiliate(&other, &other_council, &w3c, &w3).await;
    let w1m = app.member(&w1c, &w1, "w1m").await;
    Net {
        nat,
        city,
        other,
        w1c,
        w1m,
        w2c,
        w3c,
        out,
        national,
        city_council,
        w1,
        w2,
    }
}

impl Net {
    fn everyone(&self) -> [&User; 8] {
        [
            &self.nat,
            &self.city,
            &self.other,
            &self.w1c,
            &self.w1m,
            &self.w2c,
            &self.w3c,
            &self.out,
        ]
    }
}

async fn publish(app: &TestApp, by: &User, committee: &str, audience: &str, title: &str) -> String {
    let (status, body) = app
        .post(
            &format!("/api/v1/committees/{committee}/bulletins"),
            &by.token,
            json!({ "title": title, "body": format!("About **{title}**."), "audience": audience }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["audience"], audience, "{body}");
    body["id"].as_str().expect("id").to_owned()
}

/// Every bulletin id in the reader's feed, following the cursor to the end.
async fn feed_ids(app: &TestApp, reader: &User) -> Vec<String> {
    feed(app, reader)
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Every (id, created_at) in the reader's feed, following the cursor to the end.
async fn feed(app: &TestApp, reader: &User) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/feed?cursor={c}"),
            None => "/api/v1/feed".to_owned(),
        };
        let (status, page) = app.get(&path, &reader.token).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let bulletins = page["bulletins"].as_array().expect("bulletins");
        assert!(bulletins.len() <= 20, "a page holds at most 20");
        ids.extend(bulletins.iter().map(|b| {
            (
                b["id"].as_str().expect("id").to_owned(),
                b["created_at"].as_str().expect("time").to_owned(),
            )
        }));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return ids,
        }
    }
}

/// Asserts who can read a bulletin (200) and who gets 404, and that its presence in each
/// feed agrees.
async fn reaches(app: &TestApp, net: &Net, bulletin: &str, readers: &[&User]) {
    for user in net.everyone() {
        let expected = readers.iter().any(|r| r.handle == user.handle);
        let (status, body) = app
            .get(&format!("/api/v1/bulletins/{bulletin}"), &user.token)
            .await;
        if expected {
            assert_eq!(status, StatusCode::OK, "{} reads it: {body}", user.handle);
        } else {
            assert_error(&(status, body), StatusCode::NOT_FOUND, "not_found");
        }
        let in_feed = feed_ids(app, user).await.contains(&bulletin.to_owned());
        assert_eq!(in_feed, expected, "{} has it in the feed", user.handle);
    }
}

async fn audiences_follow_the_council_tree_up_and_down(app: TestApp) {
    let net = network(&app).await;
    // Members only stays in the committee, for a workplace and for a council.
    let w1_members = publish(&app, &net.w1c, &net.w1, "members", "Shift swap").await;
    reaches(&app, &net, &w1_members, &[&net.w1c, &net.w1m]).await;
    let city_members = publish(
        &app,
        &net.city,
        &net.city_council,
        "members",
        "Delegates only",
    )
    .await;
    reaches(&app, &net, &city_members, &[&net.city]).await;

    // A workplace's network bulletin goes up to its councils at every level, not to its
    // sibling workplace or anywhere sideways.
    let w1_network = publish(&app, &net.w1c, &net.w1, "network", "Depot report").await;
    reaches(
        &app,
        &net,
        &w1_network,
        &[&net.w1c, &net.w1m, &net.city, &net.nat],
    )
    .await;

    // A council's network bulletin goes down to every committee below it, not up or sideways.
    let city_network = publish(&app, &net.city, &net.city_council, "network", "City news").await;
    reaches(
        &app,
        &net,
        &city_network,
        &[&net.city, &net.w1c, &net.w1m, &net.w2c],
    )
    .await;
    let national = publish(&app, &net.nat, &net.national, "network", "National call").await;
    reaches(
        &app,
        &net,
        &national,
        &[
            &net.nat, &net.city, &net.other, &net.w1c, &net.w1m, &net.w2c, &net.w3c,
        ],
    )
    .await;

    // A committee's list shows a reader what reaches them, and nothing to others.
    let (status, list) = app
        .get(
            &format!("/api/v1/committees/{}/bulletins", net.w1),
            &net.city.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let ids: Vec<&str> = list["bulletins"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec![w1_network.as_str()],
        "the council sees the network one only"
    );
    let (status, list) = app
        .get(
            &format!("/api/v1/committees/{}/bulletins", net.w1),
            &net.w1m.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        list["bulletins"].as_array().map(Vec::len),
        Some(2),
        "{list}"
    );
    for (reader, committee) in [
        (&net.w2c, &net.w1),
        (&net.out, &net.w1),
        (&net.w3c, &net.city_council),
    ] {
        let answer = app
            .get(
                &format!("/api/v1/committees/{committee}/bulletins"),
                &reader.token,
            )
            .await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
}

async fn only_coordinators_publish_and_outsiders_learn_nothing(app: TestApp) {
    let net = network(&app).await;
    let body = json!({ "title": "Hello", "body": "Hi", "audience": "members" });
    let answer = app
        .post(
            &format!("/api/v1/committees/{}/bulletins", net.w1),
            &net.w1m.token,
            body.clone(),
        )
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    for (user, committee) in [
        (&net.out, &net.w1),
        (&net.city, &net.w1),
        (&net.w1c, &net.city_council),
    ] {
        let answer = app
            .post(
                &format!("/api/v1/committees/{committee}/bulletins"),
                &user.token,
                body.clone(),
            )
            .await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
    let answer = app
        .post(
            &format!("/api/v1/committees/{}/bulletins", net.w1),
            &net.w1c.token,
            json!({ "title": "Hello", "body": "Hi", "audience": "everyone" }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_audience",
    );
    assert_eq!(app.count_rows("bulletins").await, 0);
    // An unknown or malformed id is a 404 like any other; a bad cursor is the reader's to fix.
    let answer = app
        .get(
            &format!("/api/v1/bulletins/{}", Id::random()),
            &net.w1c.token,
        )
        .await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    let answer = app.get("/api/v1/bulletins/nonsense", &net.w1c.token).await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    let answer = app.get("/api/v1/feed?cursor=garbage", &net.w1c.token).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_cursor");
    let (status, _) = app.call(Method::GET, "/api/v1/feed", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn the_feed_pages_newest_first_without_gaps_or_duplicates(app: TestApp) {
    let net = network(&app).await;
    let mut published = Vec::new();
    for i in 0..23 {
        published.push(publish(&app, &net.w1c, &net.w1, "members", &format!("Report {i}")).await);
        if i % 5 == 0 {
            published.push(
                publish(
                    &app,
                    &net.city,
                    &net.city_council,
                    "network",
                    &format!("City {i}"),
                )
                .await,
            );
        }
    }
    // Something the reader must not see, in between.
    publish(&app, &net.w2c, &net.w2, "members", "Not for w1").await;
    let pages = feed(&app, &net.w1m).await;
    let ids: Vec<&String> = pages.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), published.len(), "no gaps, no duplicates");
    let unique: BTreeSet<&String> = ids.iter().copied().collect();
    assert_eq!(
        unique,
        published.iter().collect(),
        "exactly what reaches the reader"
    );
    // Compared as times: RFC 3339 text drops trailing zeros of the milliseconds.
    let times: Vec<i64> = pages
        .iter()
        .map(|(_, at)| {
            outnumber::core::Timestamp::parse_rfc3339(at)
                .expect("an RFC 3339 time")
                .millis()
        })
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    // The last published comes first.
    assert_eq!(ids[0], &published[published.len() - 1]);
    // A page holds 20; then the rest.
    let (_, first) = app.get("/api/v1/feed", &net.w1m.token).await;
    assert_eq!(first["bulletins"].as_array().map(Vec::len), Some(20));
    // A new bulletin does not shift a page already being read.
    let cursor = first["next_cursor"].as_str().expect("more").to_owned();
    publish(&app, &net.w1c, &net.w1, "members", "Late news").await;
    let (_, second) = app
        .get(&format!("/api/v1/feed?cursor={cursor}"), &net.w1m.token)
        .await;
    assert_eq!(
        second["bulletins"][0]["id"].as_str(),
        Some(ids[20].as_str())
    );
    assert_eq!(
        second["bulletins"].as_array().map(Vec::len),
        Some(published.len() - 20)
    );
}

const ATTACKS: &str = "# Safe heading\n\n\
<script>alert('xss')</script>\n\n\
Text <img src=x onerror=alert(1)> more <span onclick=\"alert(2)\">text</span>\n\n\
[click me](javascript:alert(3)) and [also](JAVASCRIPT:alert(4))\n\n\
![pixel](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)\n\n\
<iframe src=\"https://evil.example\"></iframe>\n\n\
<div style=\"position:fixed;top:0\">cover</div>\n\n\
[a real link](https://example.org/strike)\n";

fn assert_clean(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "alert(",
        "onerror",
        "onclick",
        "javascript:",
        "data:image",
        "<iframe",
        "<img",
        "position:fixed",
        "cover",
    ] {
        assert!(!lower.contains(bad), "{bad} survived: {html}");
    }
}

async fn no_script_survives_in_the_api_or_the_page(app: TestApp) {
    let net = network(&app).await;
    let (status, created) = app
        .post(
            &format!("/api/v1/committees/{}/bulletins", net.w1),
            &net.w1c.token,
            json!({ "title": "Title <script>steal()</script>", "body": ATTACKS, "audience": "network" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().expect("id");
    let (_, shown) = app
        .get(&format!("/api/v1/bulletins/{id}"), &net.city.token)
        .await;
    let html = shown["html"].as_str().expect("html");
    assert_clean(html);
    assert!(html.contains("<h1>Safe heading</h1>"), "{html}");
    assert!(
        html.contains(
            r#"<a href="https://example.org/strike" rel="noopener noreferrer nofollow">"#
        ),
        "{html}"
    );
    // The Markdown source is kept as written, for editing elsewhere; only `html` is markup.
    assert_eq!(shown["body"].as_str(), Some(ATTACKS.trim()));

    let browser = log_in(&app, "city").await;
    for path in [
        format!("/bulletins/{id}"),
        "/feed".to_owned(),
        format!("/committees/{}/bulletins", net.w1),
    ] {
        let (status, page, _) = browser.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_clean(&page);
        assert!(
            page.contains("&#60;script&#62;steal()"),
            "the title is shown as text: {path}"
        );
        assert!(page.contains("<h1>Safe heading</h1>"), "{path}");
    }
}

async fn register_in(
    app: &TestApp,
    by: &User,
    committee: &str,
    handle: &str,
    language: &str,
) -> User {
    let code = app.invite(by, committee, json!({})).await;
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/accounts",
            None,
            Some(
                json!({ "handle": handle, "password": "correct horse battery",
                         "language": language, "invite": code }),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    app.log_in(handle).await
}

async fn readers_get_their_language_and_the_page_offers_the_other(app: TestApp) {
    let net = network(&app).await;
    let rosa = register_in(&app, &net.w2c, &net.w2, "rosa", "es").await;
    let (status, created) = app
        .post(
            &format!("/api/v1/committees/{}/bulletins", net.city_council),
            &net.city.token,
            json!({ "title": "Walkout on Friday", "body": "Everyone *out* at noon.",
                    "audience": "network", "language": "en",
                    "translations": [{ "language": "es", "title": "Paro el viernes",
                                       "body": "Todos *fuera* a mediodía." }] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().expect("id");
    let (_, spanish) = app
        .get(&format!("/api/v1/bulletins/{id}"), &rosa.token)
        .await;
    assert_eq!(spanish["language"], "es", "{spanish}");
    assert_eq!(spanish["title"], "Paro el viernes");
    assert!(
        spanish["html"]
            .as_str()
            .unwrap_or("")
            .contains("<em>fuera</em>")
    );
    assert_eq!(spanish["original_language"], "en");
    let (_, english) = app
        .get(&format!("/api/v1/bulletins/{id}"), &net.w1m.token)
        .await;
    assert_eq!(english["language"], "en");
    assert_eq!(english["title"], "Walkout on Friday");
    assert_eq!(english["translations"][0]["language"], "es");

    // Without a Spanish version, a Spanish reader gets the original.
    let plain = publish(&app, &net.w2c, &net.w2, "members", "Only in English").await;
    let (_, shown) = app
        .get(&format!("/api/v1/bulletins/{plain}"), &rosa.token)
        .await;
    assert_eq!(shown["language"], "en");
    assert_eq!(shown["title"], "Only in English");

    // The page shows Rosa the Spanish version and offers the English one.
    let browser = log_in(&app, "rosa").await;
    let (status, page, _) = browser.get(&format!("/bulletins/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Paro el viernes") && !page.contains("Walkout on Friday</h1>"));
    let other = format!("/bulletins/{id}?lang=en");
    assert!(page.contains(&format!("href=\"{other}\"")), "{page}");
    let (_, page, _) = browser.get(&other).await;
    assert!(page.contains("Walkout on Friday"), "{page}");

    // A translation into the original's language is refused.
    let answer = app
        .post(
            &format!("/api/v1/committees/{}/bulletins", net.city_council),
            &net.city.token,
            json!({ "title": "T", "body": "B", "audience": "members", "language": "en",
                    "translations": [{ "language": "en", "title": "T2", "body": "B2" }] }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_translation_language",
    );
}

/// The accounts a bulletin's notifications went to, and how many there are.
async fn notified(app: &TestApp, bulletin: &str) -> (BTreeSet<i64>, i64) {
    let id: Id = bulletin.parse().expect("id");
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT account_id FROM notifications WHERE kind = 'bulletin_published' AND subject_id = $1",
    )
    .bind(id.get())
    .fetch_all(app.app().db.pool())
    .await
    .expect("notifications");
    (rows.iter().map(|r| r.0).collect(), rows.len() as i64)
}

fn ids_of(users: &[&User]) -> BTreeSet<i64> {
    users
        .iter()
        .map(|u| u.id.parse::<Id>().expect("id").get())
        .collect()
}

async fn the_audience_is_notified_and_the_fanout_completes_after_a_restart(mut app: TestApp) {
    let net = network(&app).await;
    let bulletin = publish(&app, &net.city, &net.city_council, "network", "Strike vote").await;
    let audience = ids_of(&[&net.w1c, &net.w1m, &net.w2c]);
    let (accounts, count) = notified(&app, &bulletin).await;
    assert_eq!(
        accounts, audience,
        "everyone reached but the author, and nobody else"
    );
    assert_eq!(count, 3);
    // The inbox says it in words and leads to the bulletin.
    let (_, inbox) = app.get("/api/v1/notifications", &net.w1m.token).await;
    let item = &inbox["items"][0];
    assert_eq!(item["kind"], "bulletin_published", "{inbox}");
    assert!(
        item["text"].as_str().unwrap_or("").contains("Strike vote"),
        "{item}"
    );
    assert_eq!(item["link"], format!("/bulletins/{bulletin}"));
    let (_, inbox) = app.get("/api/v1/notifications", &net.out.token).await;
    assert_eq!(inbox["items"].as_array().map(Vec::len), Some(0), "{inbox}");

    // A fan-out cut short (the server stopped before its first chunk committed) is finished
    // by the next server, without notifying anyone twice.
    let national = publish(&app, &net.nat, &net.national, "network", "General strike").await;
    let everyone_below = ids_of(&[
        &net.city, &net.other, &net.w1c, &net.w1m, &net.w2c, &net.w3c,
    ]);
    assert_eq!(notified(&app, &national).await.0, everyone_below);
    let pool = app.app().db.pool().clone();
    let national_id = national.parse::<Id>().expect("id").get();
    sqlx::query("DELETE FROM notifications WHERE subject_id = $1")
        .bind(national_id)
        .execute(&pool)
        .await
        .expect("delete");
    sqlx::query(
        "INSERT INTO bulletin_fanouts (id, bulletin_id, cursor, created_at) VALUES ($1, $2, 0, 0)",
    )
    .bind(Id::random().get())
    .bind(national_id)
    .execute(&pool)
    .await
    .expect("fan-out");
    app.restart().await;
    let mut waited = Duration::ZERO;
    while app.count_rows("bulletin_fanouts").await > 0 {
        assert!(waited < Duration::from_secs(15), "the fan-out finishes");
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    let (accounts, count) = notified(&app, &national).await;
    assert_eq!(accounts, everyone_below);
    assert_eq!(count, everyone_below.len() as i64, "nobody twice");
    // The same again changes nothing: the fan-out's rows have stable ids.
    sqlx::query(
        "INSERT INTO bulletin_fanouts (id, bulletin_id, cursor, created_at) VALUES ($1, $2, 0, 0)",
    )
    .bind(Id::random().get())
    .bind(national_id)
    .execute(app.app().db.pool())
    .await
    .expect("fan-out");
    app.app().bulletin_wake.notify_one();
    let mut waited = Duration::ZERO;
    while app.count_rows("bulletin_fanouts").await > 0 {
        assert!(waited < Duration::from_secs(15), "the fan-out finishes");
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert_eq!(
        notified(&app, &national).await.1,
        everyone_below.len() as i64
    );
}

async fn publishing_is_in_the_audit_log(app: TestApp) {
    let net = network(&app).await;
    publish(
        &app,
        &net.w1c,
        &net.w1,
        "network",
        "Heat in the sorting room",
    )
    .await;
    let (status, log) = app
        .get(
            &format!("/api/v1/committees/{}/audit", net.w1),
            &net.w1m.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let entry = log
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["action"] == "bulletin_published")
        .unwrap_or_else(|| panic!("no audit entry: {log}"));
    assert_eq!(entry["detail"]["title"], "Heat in the sorting room");
    assert_eq!(entry["detail"]["audience"], "network");
    assert!(
        entry["text"]
            .as_str()
            .unwrap_or("")
            .contains("Heat in the sorting room")
    );
}

async fn too_long_fields_are_refused_and_nothing_is_stored(app: TestApp) {
    let net = network(&app).await;
    let long_title = "t".repeat(201);
    let long_body = "b".repeat(10_001);
    let path = format!("/api/v1/committees/{}/bulletins", net.w1);
    let cases: [(Value, &str); 5] = [
        (
            json!({ "title": long_title, "body": "b", "audience": "members" }),
            "invalid_title",
        ),
        (
            json!({ "title": "t", "body": long_body, "audience": "members" }),
            "invalid_body",
        ),
        (
            json!({ "title": "", "body": "b", "audience": "members" }),
            "invalid_title",
        ),
        (
            json!({ "title": "t", "body": "b", "audience": "members", "language": "en",
                    "translations": [{ "language": "es", "title": long_title, "body": "b" }] }),
            "invalid_translation_title",
        ),
        (
            json!({ "title": "t", "body": "b", "audience": "members", "language": "en",
                    "translations": [{ "language": "es", "title": "t", "body": long_body }] }),
            "invalid_translation_body",
        ),
    ];
    for (body, code) in cases {
        let answer = app.post(&path, &net.w1c.token, body).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    assert_eq!(app.count_rows("bulletins").await, 0);
    assert_eq!(app.count_rows("bulletin_translations").await, 0);
    let (_, inbox) = app
        .get("/api/v1/notifications?unread=true", &net.w1m.token)
        .await;
    assert!(
        inbox["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|n| n["kind"] != "bulletin_published"),
        "{inbox}"
    );
}

// ---- pages ----

async fn log_in(app: &TestApp, handle: &str) -> Browser {
    let browser = Browser::new(app);
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

/// The form on `page` that posts to `action`, from its action attribute to its end.
fn form<'a>(page: &'a str, action: &str) -> Option<&'a str> {
    let start = page.find(&format!("action=\"{action}\""))?;
    let end = page[start..].find("</form>")? + start;
    Some(&page[start..end])
}

/// Fills in and sends the form on the page at `from` that posts to `action`; the form must
/// have a field for each name sent, and its own CSRF token is used.
async fn fill(
    browser: &Browser,
    from: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<String>) {
    let (status, page, _) = browser.get(from).await;
    assert_eq!(status, StatusCode::OK, "{from}: {page}");
    let found = form(&page, action).unwrap_or_else(|| panic!("{from} has no form to {action}"));
    for (name, _) in fields {
        assert!(
            found.contains(&format!("name=\"{name}\"")),
            "no field {name}: {found}"
        );
    }
    let marker = "name=\"csrf\" value=\"";
    let at = found.find(marker).expect("csrf") + marker.len();
    let csrf = found[at..].split('"').next().unwrap_or("").to_owned();
    let mut sent = fields.to_vec();
    sent.push(("csrf", &csrf));
    browser.post(action, &sent).await
}

async fn a_coordinator_publishes_with_the_form_and_readers_find_it_on_their_pages(app: TestApp) {
    let net = network(&app).await;
    let coordinator = log_in(&app, "city").await;
    let list = format!("/committees/{}/bulletins", net.city_council);
    // The committee page links to its bulletins, and the header to the feed.
    let (_, committee_page, _) = coordinator
        .get(&format!("/committees/{}", net.city_council))
        .await;
    assert!(committee_page.contains(&format!("href=\"{list}\"")));
    assert!(committee_page.contains("href=\"/feed\""));

    // A mistake comes back with the reason and what was typed.
    let long_title = "x".repeat(201);
    let (status, page, _) = fill(
        &coordinator,
        &list,
        &list,
        &[
            ("title", &long_title),
            ("body", "Keep this text"),
            ("audience", "network"),
            ("language", "en"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("role=\"alert\"") && page.contains("Keep this text"),
        "{page}"
    );
    assert_eq!(app.count_rows("bulletins").await, 0);

    let (status, body, location) = fill(
        &coordinator,
        &list,
        &list,
        &[
            ("title", "Picket at dawn"),
            ("body", "Meet at **5am** by the gate."),
            ("audience", "network"),
            ("language", "en"),
            ("translation_language", "es"),
            ("translation_title", "Piquete al amanecer"),
            ("translation_body", "Nos vemos a las **5** en la puerta."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let bulletin = location.expect("the bulletin page");
    assert!(bulletin.starts_with("/bulletins/"), "{bulletin}");
    let (status, page, _) = coordinator.get(&bulletin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<strong>5am</strong>"), "{page}");
    assert!(page.contains("?lang=es"), "offers the Spanish version");

    // A member of a workplace below finds it in the feed page; a sibling council's
    // workplace does not, and gets 404 for the bulletin.
    let reader = log_in(&app, "w1m").await;
    let (status, feed, _) = reader.get("/feed").await;
    assert_eq!(status, StatusCode::OK);
    assert!(feed.contains("Picket at dawn") && feed.contains(&format!("href=\"{bulletin}\"")));
    let outsider = log_in(&app, "w3c").await;
    let (status, feed, _) = outsider.get("/feed").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!feed.contains("Picket at dawn"));
    let (status, _, _) = outsider.get(&bulletin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A plain member's bulletins page has no publishing form.
    let (status, page, _) = reader
        .get(&format!("/committees/{}/bulletins", net.w1))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form(&page, &format!("/committees/{}/bulletins", net.w1)).is_none());

    // In Spanish, the feed page speaks Spanish and shows the Spanish version.
    register_in(&app, &net.w2c, &net.w2, "rosa", "es").await;
    let spanish = log_in(&app, "rosa").await;
    let (_, feed, _) = spanish.get("/feed").await;
    assert!(
        feed.contains("Noticias") && feed.contains("Piquete al amanecer"),
        "{feed}"
    );
}
