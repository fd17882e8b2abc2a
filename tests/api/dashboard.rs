//! What to do next, on the dashboard: votes waiting, meetings not answered, actions to
//! pledge to (a council's too), open incidents; each with the button that acts on it, and
//! the notification acted on no longer unread. A council's action shows on the pages of
//! the committees it reaches and on its own; nobody else sees it.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User};
use crate::confirmations::{browser, form, id_of, in_hours, landing, motion, notice, says, text};
use crate::notifications::next_event;

both!(
    the_dashboard_lists_what_waits_with_the_button_for_each,
    a_council_action_shows_where_it_reaches_and_nowhere_else,
    notifications_acted_on_no_longer_count_as_unread,
    open_incidents_come_and_go_on_the_dashboard,
    a_member_of_many_committees_sees_a_bounded_list,
);

/// The `<ul id="…">` list on a page, to its end; `None` when the page has none (or it is
/// empty and hidden, for lists a script keeps).
fn list<'a>(page: &'a str, id: &str) -> Option<&'a str> {
    let start = page.find(&format!("id=\"{id}\""))?;
    let end = page[start..].find("</ul>")? + start;
    Some(&page[start..end])
}

async fn post_ok(app: &TestApp, path: &str, by: &User, body: Value) -> Value {
    let (status, made) = app.post(path, &by.token, body).await;
    assert!(status.is_success(), "{path}: {status} {made}");
    made
}

async fn meeting(app: &TestApp, by: &User, committee: &str, title: &str, hours: i64) -> String {
    id_of(
        &post_ok(
            app,
            &format!("/api/v1/committees/{committee}/meetings"),
            by,
            json!({ "title": title, "starts_at": in_hours(hours), "location": "Union hall" }),
        )
        .await,
    )
}

async fn action(app: &TestApp, by: &User, committee: &str, title: &str) -> String {
    id_of(
        &post_ok(
            app,
            &format!("/api/v1/committees/{committee}/actions"),
            by,
            json!({ "title": title, "kind": "walkout", "starts_at": in_hours(24 * 7),
                    "threshold": { "pledges": 50 } }),
        )
        .await,
    )
}

async fn incident(app: &TestApp, by: &User, committee: &str, summary: &str) -> String {
    id_of(
        &post_ok(
            app,
            &format!("/api/v1/committees/{committee}/incidents"),
            by,
            json!({ "kind": "staging", "summary": summary, "location": "North gate",
                    "urgency": "now" }),
        )
        .await,
    )
}

/// The member's notifications about `subject` of `kind`, waiting until one is there (an
/// action's call reaches the inbox through the fan-out job, a moment after).
async fn notification_about(app: &TestApp, who: &User, kind: &str, subject: &str) -> Value {
    for _ in 0..100 {
        let (_, inbox) = app.get("/api/v1/notifications?limit=100", &who.token).await;
        if let Some(found) = inbox["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["kind"] == json!(kind) && n["subject_id"] == json!(subject))
        {
            return found.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no {kind} notification about {subject}");
}

async fn unread_count(app: &TestApp, who: &User) -> i64 {
    let (_, inbox) = app.get("/api/v1/notifications", &who.token).await;
    inbox["unread_count"].as_i64().expect("a count")
}

async fn depot(app: &TestApp) -> (User, User, String) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    (rosa, amir, depot)
}

async fn the_dashboard_lists_what_waits_with_the_button_for_each(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let open = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Refuse overtime", "ballot": "open",
                "closes_at": in_hours(3) }),
    )
    .await;
    let secret = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Strike vote", "ballot": "secret",
                "closes_at": in_hours(2) }),
    )
    .await;
    let shift = meeting(&app, &rosa, &depot, "Shift meeting", 30).await;
    let walkout = action(&app, &rosa, &depot, "Noon walkout").await;
    let outsider = app.register("outsider").await;
    app.workplace(&outsider, "Elsewhere").await;

    let amir_b = browser(&app, &amir).await;
    let (status, dashboard, _) = amir_b.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!dashboard.contains("id=\"nothing-waiting\""), "{dashboard}");

    // Votes, closing soonest first, each with its button.
    let votes = list(&dashboard, "waiting-votes").expect("votes waiting");
    let (strike, overtime) = (
        votes.find("Strike vote").expect("the secret one"),
        votes.find("Refuse overtime").expect("the open one"),
    );
    assert!(strike < overtime, "closing soonest first: {votes}");
    assert!(votes.contains(&format!("class=\"button\" href=\"/motions/{secret}\"")));
    assert!(votes.contains(&format!("class=\"button\" href=\"/motions/{open}\"")));

    // A meeting to answer, with the three answers posting back to the dashboard.
    let meetings = list(&dashboard, "unanswered-meetings").expect("meetings to answer");
    let rsvp = form(meetings, &format!("/meetings/{shift}/attendance")).expect("the answers");
    for answer in ["yes", "maybe", "no"] {
        assert!(
            rsvp.contains(&format!("name=\"status\" value=\"{answer}\"")),
            "{rsvp}"
        );
    }
    assert!(
        rsvp.contains("name=\"back\" value=\"/dashboard\""),
        "{rsvp}"
    );

    // An action to join, with "I'm in".
    let to_pledge = list(&dashboard, "pledgeable-actions").expect("actions to join");
    let pledge = form(to_pledge, &format!("/actions/{walkout}/pledge")).expect("I'm in");
    assert!(pledge.contains(&says("action-pledge", &[])), "{pledge}");

    // Voted, answered, pledged: each leaves its list, and the page says what was done.
    post_ok(
        &app,
        &format!("/api/v1/motions/{open}/ballots"),
        &amir,
        json!({ "choice": "yes" }),
    )
    .await;
    let (location, page) = landing(
        &amir_b,
        amir_b
            .submit(
                "/dashboard",
                &format!("/meetings/{shift}/attendance"),
                &[("status", "maybe"), ("back", "/dashboard")],
            )
            .await,
    )
    .await;
    assert_eq!(location, "/dashboard");
    assert_eq!(
        notice(&page),
        Some(
            says(
                "done-rsvp",
                &[
                    ("title", text("Shift meeting")),
                    ("answer", text(&crate::confirmations::en().t("rsvp-maybe")))
                ]
            )
            .as_str()
        ),
        "{page}"
    );
    let (location, page) = landing(
        &amir_b,
        amir_b
            .submit(
                "/dashboard",
                &format!("/actions/{walkout}/pledge"),
                &[("back", "/dashboard")],
            )
            .await,
    )
    .await;
    assert_eq!(location, "/dashboard");
    assert_eq!(
        notice(&page),
        Some(says("done-pledged", &[("title", text("Noon walkout"))]).as_str()),
        "{page}"
    );
    let votes = list(&page, "waiting-votes").expect("one vote left");
    assert!(!votes.contains("Refuse overtime") && votes.contains("Strike vote"));
    assert!(list(&page, "unanswered-meetings").is_none(), "{page}");
    let upcoming = list(&page, "upcoming-meetings").expect("answered, still coming up");
    assert!(upcoming.contains("Shift meeting"), "{upcoming}");
    assert!(list(&page, "pledgeable-actions").is_none(), "{page}");
    let under_way = list(&page, "open-actions").expect("actions under way");
    assert!(under_way.contains("Noon walkout"), "{under_way}");
    assert!(
        under_way.contains(&says("dashboard-you-pledged", &[])),
        "{under_way}"
    );

    // The secret ballot cast, nothing waits.
    post_ok(
        &app,
        &format!("/api/v1/motions/{secret}/ballots"),
        &amir,
        json!({ "choice": "no" }),
    )
    .await;
    let (_, page, _) = amir_b.get("/dashboard").await;
    assert!(list(&page, "waiting-votes").is_none(), "{page}");
    assert!(page.contains("id=\"nothing-waiting\""), "{page}");

    // An outsider sees none of it.
    let outsider_b = browser(&app, &outsider).await;
    let (_, theirs, _) = outsider_b.get("/dashboard").await;
    for title in [
        "Strike vote",
        "Refuse overtime",
        "Shift meeting",
        "Noon walkout",
    ] {
        assert!(
            !theirs.contains(title),
            "{title} on an outsider's dashboard"
        );
    }
}

async fn a_council_action_shows_where_it_reaches_and_nowhere_else(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let june = app.register("june").await;
    let council = app.council(&june, "City Council").await;
    app.affiliate(&june, &council, &rosa, &depot).await;
    let walkout = action(&app, &june, &council, "Citywide walkout").await;
    let own = action(&app, &rosa, &depot, "Depot rally").await;
    // A workplace outside the council.
    let other = app.register("other").await;
    let elsewhere = app.workplace(&other, "Elsewhere").await;
    let theirs = action(&app, &other, &elsewhere, "Their strike").await;

    let amir_b = browser(&app, &amir).await;
    // On the committee's actions page, beside its own, said who called it.
    let (status, page, _) = amir_b.get(&format!("/committees/{depot}/actions")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("href=\"/actions/{walkout}\">Citywide walkout<")),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/actions/{own}\">Depot rally<")));
    assert!(
        page.contains(&says(
            "actions-called-by",
            &[("committee", text("City Council"))]
        )),
        "{page}"
    );
    assert!(!page.contains("Their strike"));
    // On the council's page, which an affiliate's member may open, and its link there.
    let (_, council_page, _) = amir_b.get(&format!("/committees/{council}")).await;
    assert!(
        council_page.contains(&format!("href=\"/committees/{council}/actions\"")),
        "{council_page}"
    );
    let (status, page, _) = amir_b.get(&format!("/committees/{council}/actions")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Citywide walkout"), "{page}");
    assert!(
        !page.contains("Depot rally"),
        "the depot's own is not the council's"
    );
    // On the dashboard, to join.
    let (_, dashboard, _) = amir_b.get("/dashboard").await;
    let to_pledge = list(&dashboard, "pledgeable-actions").expect("actions to join");
    assert!(to_pledge.contains("Citywide walkout"), "{to_pledge}");
    assert!(to_pledge.contains("City Council"), "{to_pledge}");
    assert!(!dashboard.contains("Their strike"));
    // The council's founder, in no workplace, sees it on the council's page.
    let june_b = browser(&app, &june).await;
    let (_, page, _) = june_b.get(&format!("/committees/{council}/actions")).await;
    assert!(page.contains("Citywide walkout"), "{page}");

    // Through the API alike, with who called it.
    let (status, listed) = app
        .get(&format!("/api/v1/committees/{depot}/actions"), &amir.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let found = listed
        .as_array()
        .expect("a list")
        .iter()
        .find(|a| a["id"] == json!(walkout))
        .unwrap_or_else(|| panic!("the council's action: {listed}"));
    assert_eq!(found["committee_id"], json!(council));
    assert_eq!(found["may_pledge"], json!(true));

    // Nobody outside sees it: not the council's page, not a list.
    let other_b = browser(&app, &other).await;
    let (status, body, _) = other_b.get(&format!("/committees/{council}/actions")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("Citywide walkout"));
    let (_, page, _) = other_b
        .get(&format!("/committees/{elsewhere}/actions"))
        .await;
    assert!(page.contains("Their strike") && !page.contains("Citywide walkout"));
    let (_, dashboard, _) = other_b.get("/dashboard").await;
    assert!(!dashboard.contains("Citywide walkout"), "{dashboard}");
    let _ = theirs;
}

async fn notifications_acted_on_no_longer_count_as_unread(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let secret = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Strike vote", "ballot": "secret",
                "closes_at": in_hours(2) }),
    )
    .await;
    let open = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Refuse overtime", "ballot": "open",
                "closes_at": in_hours(2) }),
    )
    .await;
    let shift = meeting(&app, &rosa, &depot, "Shift meeting", 30).await;
    let walkout = action(&app, &rosa, &depot, "Noon walkout").await;
    let confirmed = incident(&app, &rosa, &depot, "Vans at the gate").await;
    let seen = incident(&app, &rosa, &depot, "Agents in the lot").await;
    for (kind, subject) in [
        ("motion_moved", &secret),
        ("motion_moved", &open),
        ("meeting_scheduled", &shift),
        ("action_called", &walkout),
        ("incident_reported", &confirmed),
        ("incident_reported", &seen),
    ] {
        let n = notification_about(&app, &amir, kind, subject).await;
        assert_eq!(n["read"], json!(false), "{n}");
    }
    let before = unread_count(&app, &amir).await;

    let steps = [
        (
            "motion_moved",
            secret.as_str(),
            format!("/api/v1/motions/{secret}/ballots"),
            json!({ "choice": "yes" }),
        ),
        (
            "motion_moved",
            open.as_str(),
            format!("/api/v1/motions/{open}/ballots"),
            json!({ "choice": "no" }),
        ),
        (
            "meeting_scheduled",
            shift.as_str(),
            format!("/api/v1/meetings/{shift}/attendance"),
            json!({ "status": "yes" }),
        ),
        (
            "action_called",
            walkout.as_str(),
            format!("/api/v1/actions/{walkout}/pledges"),
            json!({}),
        ),
        (
            "incident_reported",
            confirmed.as_str(),
            format!("/api/v1/incidents/{confirmed}/confirmations"),
            json!({}),
        ),
    ];
    for (done, (kind, subject, path, body)) in steps.into_iter().enumerate() {
        post_ok(&app, &path, &amir, body).await;
        let n = notification_about(&app, &amir, kind, subject).await;
        assert_eq!(n["read"], json!(true), "acted on {kind}: {n}");
        assert_eq!(
            unread_count(&app, &amir).await,
            before - 1 - done as i64,
            "after {path}"
        );
    }
    // An alert asks to be seen: opening the incident's page is acting on it.
    let amir_b = browser(&app, &amir).await;
    let (status, _, _) = amir_b.get(&format!("/incidents/{seen}")).await;
    assert_eq!(status, StatusCode::OK);
    let n = notification_about(&app, &amir, "incident_reported", &seen).await;
    assert_eq!(n["read"], json!(true), "{n}");
    assert_eq!(unread_count(&app, &amir).await, before - 6);
    // The inbox page shows them read too.
    let (_, inbox, _) = amir_b.get("/notifications").await;
    assert!(
        !inbox.contains(&format!("class=\"unread\" data-subject=\"{secret}\"")),
        "{inbox}"
    );

    // Nothing tells when a secret ballot was cast: its notice is read because its member
    // took part, and no time was written for it.
    let stored: Vec<Option<i64>> = sqlx::query_scalar(
        "SELECT read_at FROM notifications WHERE account_id = $1 AND subject_id = $2",
    )
    .bind(db_id(&amir.id))
    .bind(db_id(&secret))
    .fetch_all(app.app().db.pool())
    .await
    .expect("read");
    assert_eq!(stored, vec![None], "no time written at the vote");
}

fn db_id(id: &str) -> i64 {
    id.parse::<outnumber::core::Id>().expect("an id").get()
}

async fn open_incidents_come_and_go_on_the_dashboard(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let amir_b = browser(&app, &amir).await;
    let (_, empty, _) = amir_b.get("/dashboard").await;
    // The list a script fills is there, hidden, with what to say when it is empty.
    assert!(
        empty.contains("id=\"open-incidents\" data-urgent-label=\"") && empty.contains(" hidden>"),
        "{empty}"
    );
    let none = &empty[empty
        .find("id=\"open-incidents-none\"")
        .expect("the empty state")..];
    assert!(
        !none[..none.find('>').unwrap_or(0)].contains("hidden"),
        "{none}"
    );

    // What the page's script hears: the report, then its resolution, named by kind and
    // incident, on the member's own stream.
    let mut stream = app
        .client
        .get(app.url("/api/v1/events"))
        .header("cookie", format!("outnumber_session={}", amir.token))
        .send()
        .await
        .expect("stream");
    let mut buffer = String::new();
    next_event(&mut stream, &mut buffer, "ready", Duration::from_secs(5))
        .await
        .expect("ready");
    let raid = incident(&app, &rosa, &depot, "Vans at the gate").await;
    let reported = next_event(
        &mut stream,
        &mut buffer,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("the alert, live");
    assert_eq!(reported["kind"], json!("incident_reported"));
    assert_eq!(reported["subject_id"], json!(raid));
    assert_eq!(reported["urgent"], json!(true));

    let (_, page, _) = amir_b.get("/dashboard").await;
    let open = list(&page, "open-incidents").expect("open incidents");
    assert!(open.contains(&format!("data-subject=\"{raid}\"")), "{open}");
    assert!(open.contains("Vans at the gate"), "{open}");

    post_ok(
        &app,
        &format!("/api/v1/incidents/{raid}/resolve"),
        &rosa,
        json!({ "note": "They left." }),
    )
    .await;
    let resolved = next_event(
        &mut stream,
        &mut buffer,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("the resolution, live");
    assert_eq!(resolved["kind"], json!("incident_resolved"));
    assert_eq!(resolved["subject_id"], json!(raid));
    let (_, page, _) = amir_b.get("/dashboard").await;
    let open = list(&page, "open-incidents").expect("the list, kept for the script");
    assert!(
        !open.contains(&format!("data-subject=\"{raid}\"")),
        "{open}"
    );
}

async fn a_member_of_many_committees_sees_a_bounded_list(app: TestApp) {
    let founder = app.register("founder").await;
    let busy = app.register("busy").await;
    let mut titles = Vec::new();
    for i in 0..23 {
        let committee = app.workplace(&founder, &format!("Depot {i}")).await;
        let code = app.invite(&founder, &committee, json!({})).await;
        post_ok(
            &app,
            &format!("/api/v1/invites/{code}/accept"),
            &busy,
            json!({}),
        )
        .await;
        let title = format!("Motion {i:02}");
        motion(
            &app,
            &founder,
            &committee,
            json!({ "kind": "decision", "title": title, "ballot": "open",
                    "closes_at": in_hours(2 + i) }),
        )
        .await;
        titles.push(title);
    }
    let busy_b = browser(&app, &busy).await;
    let (status, page, _) = busy_b.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    let votes = list(&page, "waiting-votes").expect("votes");
    let shown: Vec<&String> = titles
        .iter()
        .filter(|t| votes.contains(t.as_str()))
        .collect();
    assert_eq!(shown.len(), 20, "at most 20, the soonest: {votes}");
    assert!(votes.contains("Motion 00") && !votes.contains("Motion 22"));
}
