//! Times as members read them: a committee in America/Chicago sees its meeting at the time
//! its clocks show, with the zone named, on the pages, in the inbox, in mail, in the
//! calendar feed and on its invites; the API keeps RFC 3339 in UTC; coordinators change the
//! zone and members may choose their own.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use outnumber::core::Timestamp;
use outnumber::core::fields::Language;
use outnumber::core::zones::Zone;
use outnumber::i18n::Tr;

use crate::both;
use crate::common::{TestApp, User, assert_error};
use crate::delivery::{Smtp, readable, wait_for_mail, with_smtp};
use crate::pages::Browser;

both!(
    a_meeting_in_chicago_reads_in_chicago_time_everywhere,
    the_mail_about_a_meeting_names_its_time_in_the_committees_zone,
    coordinators_set_the_zone_and_members_choose_their_own,
    the_dashboard_shows_each_committees_things_in_its_own_zone,
);

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The next 15 January (always in winter, on Central Standard Time, UTC-6) as
/// `(year, weekday)`, told apart from this year when it falls in the next.
fn next_mid_january() -> (i16, &'static str, bool) {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let this_year = today.year();
    let year = if (today.month(), today.day()) > (1, 14) {
        this_year + 1
    } else {
        this_year
    };
    let date = jiff::civil::date(year, 1, 15);
    let weekday = WEEKDAYS[usize::from(date.weekday().to_monday_zero_offset().unsigned_abs())];
    (year, weekday, year != this_year)
}

/// A browser signed in on `user`'s session.
fn browser_of(app: &TestApp, user: &User) -> Browser {
    let browser = Browser::new(app);
    let url: reqwest::Url = app.url("/").parse().expect("url");
    let jar = reqwest::cookie::Jar::default();
    jar.add_cookie_str(
        &format!("{}={}", outnumber::web::caller::SESSION_COOKIE, user.token),
        &url,
    );
    Browser {
        client: reqwest::Client::builder()
            .no_proxy()
            .cookie_provider(std::sync::Arc::new(jar))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        base: browser.base,
    }
}

async fn chicago_committee(app: &TestApp, rosa: &User) -> String {
    let (status, body) = app
        .post(
            "/api/v1/committees",
            &rosa.token,
            json!({ "name": "Lake Street Depot", "kind": "workplace", "workplace_type": "depot",
                    "industry": "logistics", "region": "Minneapolis",
                    "time_zone": "America/Chicago" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["time_zone"], "America/Chicago");
    body["id"].as_str().expect("id").to_owned()
}

async fn inbox_texts(app: &TestApp, user: &User) -> Vec<String> {
    let (status, inbox) = app.get("/api/v1/notifications", &user.token).await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|n| n["text"].as_str().map(str::to_owned))
        .collect()
}

async fn patch_me(app: &TestApp, user: &User, body: Value) -> (StatusCode, Value) {
    app.call(Method::PATCH, "/api/v1/me", Some(&user.token), Some(body))
        .await
}

async fn a_meeting_in_chicago_reads_in_chicago_time_everywhere(app: TestApp) {
    let rosa = app.register("rosa").await;
    let committee = chicago_committee(&app, &rosa).await;
    let ana = app.member(&rosa, &committee, "ana").await;
    let (year, weekday, other_year) = next_mid_january();
    let shown_year = if other_year {
        format!(" {year}")
    } else {
        String::new()
    };
    let expected = format!("{weekday} 15 Jan{shown_year}, 18:30 CST");

    // Typed into the page as the committee's clocks show it: no script, no offset.
    let page = browser_of(&app, &rosa);
    let meetings = format!("/committees/{committee}/meetings");
    let (status, form, _) = page.get(&meetings).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("America/Chicago"),
        "the page says the zone: {form}"
    );
    assert!(!form.contains("tz_offset_minutes"), "{form}");
    let (status, body, location) = page
        .submit(
            &meetings,
            &meetings,
            &[
                ("title", "Contract vote"),
                ("starts_at_local", &format!("{year}-01-15T18:30")),
                ("location", "Union hall"),
                ("agenda", "Report back"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let meeting_path = location.expect("the meeting");
    let id = meeting_path.trim_start_matches("/meetings/").to_owned();

    // The API keeps the moment, in UTC.
    let (_, seen) = app.get(&format!("/api/v1/meetings/{id}"), &ana.token).await;
    assert_eq!(seen["starts_at"], format!("{year}-01-16T00:30:00Z"));

    // The meeting's page, the list and the dashboard.
    for path in [meeting_path.as_str(), meetings.as_str(), "/dashboard"] {
        let (status, shown, _) = browser_of(&app, &ana).get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            shown.contains(&expected),
            "{path} shows {expected}: {shown}"
        );
        assert!(
            !shown.contains(", 00:30"),
            "{path} shows no UTC time: {shown}"
        );
    }

    // The inbox, in English and in Spanish.
    let texts = inbox_texts(&app, &ana).await;
    assert!(
        texts.iter().any(|t| t.contains(&expected)),
        "{expected} in {texts:?}"
    );
    assert!(texts.iter().all(|t| !t.contains("UTC")), "{texts:?}");
    let (status, _) = patch_me(&app, &ana, json!({ "language": "es" })).await;
    assert_eq!(status, StatusCode::OK);
    let texts = inbox_texts(&app, &ana).await;
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&format!("15 ene{shown_year}, 18:30 CST"))),
        "{texts:?}"
    );

    // A member who chose their own zone reads every time in it.
    let (status, me) = patch_me(&app, &ana, json!({ "time_zone": "America/New_York" })).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["time_zone"], "America/New_York");
    let texts = inbox_texts(&app, &ana).await;
    assert!(texts.iter().any(|t| t.contains("19:30 EST")), "{texts:?}");
    let (_, shown, _) = browser_of(&app, &ana).get(&meeting_path).await;
    assert!(shown.contains("19:30 EST"), "{shown}");
    let (status, me) = patch_me(&app, &ana, json!({ "time_zone": "" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["time_zone"], Value::Null);

    // The calendar feed: the moment in UTC, the committee's zone named, the time in words.
    let (status, made, _) = page
        .submit(&meetings, &format!("/committees/{committee}/calendar"), &[])
        .await;
    assert_eq!(status, StatusCode::OK);
    let link = made
        .split("value=\"")
        .find_map(|rest| {
            let value = rest.split('"').next()?;
            value.contains("/calendar/").then(|| value.to_owned())
        })
        .expect("the calendar link");
    let feed = reqwest::get(&link)
        .await
        .expect("feed")
        .text()
        .await
        .expect("text")
        .replace("\r\n ", "");
    assert!(feed.contains("X-WR-TIMEZONE:America/Chicago"), "{feed}");
    assert!(
        feed.contains(&format!("DTSTART:{year}0116T003000Z")),
        "{feed}"
    );
    // (Commas are escaped in iCalendar text.)
    assert!(feed.contains(&expected.replace(',', "\\,")), "{feed}");

    // The audit log and an invite's page.
    let (_, audit, _) = page.get(&format!("/committees/{committee}/audit")).await;
    assert!(audit.contains(&expected), "{audit}");
    let (status, invite) = app
        .post(
            &format!("/api/v1/committees/{committee}/invites"),
            &rosa.token,
            json!({ "expires_in_hours": 72 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    let code = invite["code"].as_str().expect("code");
    let (status, shown, _) = Browser::new(&app).get(&format!("/invites/{code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        shown.contains(" CST") || shown.contains(" CDT"),
        "the invite's validity reads in the committee's zone: {shown}"
    );
    assert!(!shown.contains("UTC"), "{shown}");
}

async fn the_mail_about_a_meeting_names_its_time_in_the_committees_zone(app: TestApp) {
    let Some((app, port)) = with_smtp(app).await else {
        return;
    };
    let smtp = Smtp::start(port, &app.data_dir.0.join("mail")).await;
    let rosa = app.register("rosa").await;
    let committee = chicago_committee(&app, &rosa).await;
    let ana = app.member(&rosa, &committee, "ana").await;
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": "ana@example.org" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (year, weekday, other_year) = next_mid_january();
    let (status, body) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &rosa.token,
            json!({ "title": "Heat walkout", "starts_at": format!("{year}-01-16T00:30:00Z"),
                    "location": "Gate 3", "emergency": true }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mail = readable(&wait_for_mail(&smtp.maildir, 15).await);
    // Mails are wrapped at 78 columns, so the words are compared, not the lines.
    let mail = mail.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown_year = if other_year {
        format!(" {year}")
    } else {
        String::new()
    };
    assert!(
        mail.contains(&format!("{weekday} 15 Jan{shown_year}, 18:30 CST")),
        "{mail}"
    );
    assert!(!mail.contains("UTC") && !mail.contains(", 00:30"), "{mail}");
}

async fn coordinators_set_the_zone_and_members_choose_their_own(app: TestApp) {
    let rosa = app.register("rosa").await;
    let committee = chicago_committee(&app, &rosa).await;
    let ana = app.member(&rosa, &committee, "ana").await;
    let path = format!("/api/v1/committees/{committee}/time-zone");

    let answer = app
        .put(&path, &ana.token, json!({ "time_zone": "America/Denver" }))
        .await;
    assert_error(&answer, StatusCode::FORBIDDEN, "coordinators_only");
    let answer = app
        .put(&path, &rosa.token, json!({ "time_zone": "Central Time" }))
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_time_zone",
    );
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("America/Chicago")),
        "the message shows what a zone looks like: {}",
        answer.1
    );
    let (status, body) = app
        .put(&path, &rosa.token, json!({ "time_zone": "america/denver" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["time_zone"], "America/Denver",
        "the database's own spelling"
    );
    let (_, view) = app
        .get(&format!("/api/v1/committees/{committee}"), &ana.token)
        .await;
    assert_eq!(view["time_zone"], "America/Denver");

    // A committee founded without one has the server's.
    let other = app.workplace(&rosa, "Midway Warehouse").await;
    let (_, view) = app
        .get(&format!("/api/v1/committees/{other}"), &rosa.token)
        .await;
    assert_eq!(view["time_zone"], "UTC");

    // The coordinator's form on the committee page.
    let page = browser_of(&app, &rosa);
    let committee_page = format!("/committees/{committee}");
    let (status, _, location) = page
        .submit(
            &committee_page,
            &format!("{committee_page}/time-zone"),
            &[("time_zone", "America/Chicago")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(committee_page.as_str()));
    let (_, view) = app
        .get(&format!("/api/v1/committees/{committee}"), &ana.token)
        .await;
    assert_eq!(view["time_zone"], "America/Chicago");
    let (_, audit) = app
        .get(&format!("/api/v1/committees/{committee}/audit"), &ana.token)
        .await;
    assert!(audit.to_string().contains("America/Chicago"), "{audit}");

    // A member's own zone, from the settings page; a made-up one is refused by its label.
    let settings = browser_of(&app, &ana);
    let (status, body, _) = settings
        .submit(
            "/settings",
            "/settings",
            &[
                ("display_name", ""),
                ("language", "en"),
                ("time_zone", "Atlantis/Capital"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Time zone must be a name from the time zone database"),
        "{body}"
    );
    let (status, _, _) = settings
        .submit(
            "/settings",
            "/settings",
            &[
                ("display_name", ""),
                ("language", "en"),
                ("time_zone", "Africa/Mogadishu"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, me) = app.get("/api/v1/me", &ana.token).await;
    assert_eq!(me["time_zone"], "Africa/Mogadishu");
    let answer = patch_me(&app, &ana, json!({ "time_zone": "Nowhere" })).await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_time_zone",
    );
}

/// The dashboard lists things of several committees: each reads in its own committee's
/// zone, not in the zone of the member's first workplace.
async fn the_dashboard_shows_each_committees_things_in_its_own_zone(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = chicago_committee(&app, &rosa).await;
    // Lists sort by name: the depot in Chicago is the member's first workplace, whose zone
    // a page of several committees would read everything in were the rule broken.
    let (status, body) = app
        .post(
            "/api/v1/committees",
            &rosa.token,
            json!({ "name": "Queens Warehouse", "kind": "workplace",
                    "workplace_type": "warehouse", "industry": "logistics",
                    "region": "New York", "time_zone": "America/New_York" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let queens = body["id"].as_str().expect("id").to_owned();
    // Whole minutes, as the pages show them.
    let minute = |t: Timestamp| Timestamp::from_millis(t.millis() / 60_000 * 60_000);
    let starts = minute(Timestamp::now().plus_hours(50));
    let closes = minute(Timestamp::now().plus_hours(30));
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{queens}/actions"),
            &rosa.token,
            json!({ "title": "Walkout at noon", "kind": "walkout",
                    "starts_at": starts.rfc3339(), "threshold": { "pledges": 5 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let (status, motion) = app
        .post(
            &format!("/api/v1/committees/{queens}/motions"),
            &rosa.token,
            json!({ "kind": "decision", "title": "Join the walkout", "ballot": "open",
                    "closes_at": closes.rfc3339() }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{motion}");

    // And one of the depot's own, which stays in Chicago time.
    let depot_starts = minute(Timestamp::now().plus_hours(70));
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Rally at the depot", "kind": "rally",
                    "starts_at": depot_starts.rfc3339(), "threshold": { "pledges": 5 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");

    let en = Tr::new(Language::En);
    let new_york = Zone::parse("America/New_York").expect("a zone");
    let chicago = Zone::parse("America/Chicago").expect("a zone");
    let (status, dashboard, _) = browser_of(&app, &rosa).get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    for (what, at) in [("the action", starts), ("the vote", closes)] {
        assert!(
            dashboard.contains(&en.when(at, new_york)),
            "{what} reads in New York time ({}): {dashboard}",
            en.when(at, new_york)
        );
        assert!(
            !dashboard.contains(&en.when(at, chicago)),
            "{what} is not in Chicago time: {dashboard}"
        );
    }
    assert!(
        dashboard.contains(&en.when(depot_starts, chicago)),
        "the depot's action reads in Chicago time: {dashboard}"
    );
    assert!(!dashboard.contains(&en.when(depot_starts, new_york)));
}
