//! Page forms when something must be fixed: every error at once, each named by its label,
//! next to its field and in a summary; what was typed stays, also when the form's token
//! has expired; and the founding form's defaults are valid as they stand.

use reqwest::StatusCode;
use serde_json::json;

use crate::both;
use crate::common::{TestApp, assert_error};
use crate::pages::{Browser, register};

both!(
    a_form_with_two_bad_fields_shows_both_by_label_and_keeps_the_values,
    an_expired_form_comes_back_with_what_was_typed,
    a_post_from_another_site_gets_nothing_back,
    the_first_committee_is_founded_with_the_forms_own_defaults,
    the_api_tells_every_invalid_field_at_once,
    the_short_forms_keep_what_was_typed_too,
);

/// The value of `attribute` in the first tag of `page` that contains `marker`.
fn attribute_of(page: &str, marker: &str, attribute: &str) -> Option<String> {
    let at = page.find(marker)?;
    let start = page[..at].rfind('<')?;
    let end = at + page[at..].find('>')?;
    let tag = &page[start..end];
    let key = format!("{attribute}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..].split('"').next().unwrap_or("").to_owned())
}

/// The value of the option marked `selected` in the `<select name="name">` of `page`.
fn selected_in(page: &str, name: &str) -> Option<String> {
    let at = page.find(&format!("<select name=\"{name}\""))?;
    let select = &page[at..at + page[at..].find("</select>")?];
    let option = select
        .split("<option")
        .find(|option| option.split('>').next().unwrap_or("").contains(" selected"))?;
    let from = option.find("value=\"")? + "value=\"".len();
    Some(option[from..].split('"').next().unwrap_or("").to_owned())
}

/// The value of the radio button `name` that is checked.
fn checked_radio(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    page.match_indices(&marker).find_map(|(at, _)| {
        let rest = &page[at + marker.len()..];
        let (value, after) = rest.split_once('"')?;
        after
            .split('>')
            .next()
            .is_some_and(|attrs| attrs.contains("checked"))
            .then(|| value.to_owned())
    })
}

/// A day a month from now, as a `datetime-local` value at 18:30.
fn in_a_month() -> String {
    let day = outnumber::core::Timestamp::now()
        .plus_hours(24 * 30)
        .rfc3339();
    format!("{}T18:30", &day[..10])
}

/// The form token on a page.
fn csrf_of(page: &str) -> String {
    attribute_of(page, "name=\"csrf\"", "value").unwrap_or_default()
}

async fn founded(app: &TestApp, browser: &Browser) -> String {
    let (status, body, location) = browser
        .submit(
            "/committees/new",
            "/committees/new",
            &[
                ("kind", "workplace"),
                ("name", "Lake Street Depot"),
                ("workplace_type", "depot"),
                ("industry", "logistics"),
                ("region", "Minneapolis"),
                ("time_zone", "America/Chicago"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let _ = app;
    location
        .and_then(|l| l.strip_prefix("/committees/").map(str::to_owned))
        .expect("a redirect to the committee")
}

async fn a_form_with_two_bad_fields_shows_both_by_label_and_keeps_the_values(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;

    // The founding form: no name and no industry for a workplace.
    let (status, page, _) = rosa
        .submit(
            "/committees/new",
            "/committees/new",
            &[
                ("kind", "workplace"),
                ("name", "   "),
                ("workplace_type", "warehouse"),
                ("industry", ""),
                ("region", "Saint Paul"),
                ("time_zone", "America/Chicago"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Name cannot be empty."), "{page}");
    assert!(page.contains("Industry cannot be empty."), "{page}");
    assert!(!page.contains("invalid_"), "no internal names: {page}");
    assert!(page.contains("2 things in this form need fixing"), "{page}");
    // Next to each field, tied to it for screen readers; linked from the summary.
    for (input, id) in [("name", "found-name"), ("industry", "found-industry")] {
        let marker = format!("name=\"{input}\"");
        assert_eq!(
            attribute_of(&page, &marker, "aria-invalid").as_deref(),
            Some("true"),
            "{input}"
        );
        let described = attribute_of(&page, &marker, "aria-describedby").expect("described");
        assert!(page.contains(&format!("id=\"{described}\"")), "{described}");
        assert!(page.contains(&format!("href=\"#{id}\"")), "{id}: {page}");
        assert_eq!(attribute_of(&page, &marker, "id").as_deref(), Some(id));
    }
    assert_eq!(
        attribute_of(&page, "name=\"region\"", "aria-invalid"),
        None,
        "a good field is not marked"
    );
    // What was typed and chosen stays.
    assert!(page.contains("value=\"Saint Paul\""), "{page}");
    assert_eq!(
        selected_in(&page, "workplace_type").as_deref(),
        Some("warehouse")
    );
    assert_eq!(
        selected_in(&page, "time_zone").as_deref(),
        Some("America/Chicago")
    );
    assert_eq!(app.count_rows("committees").await, 0);

    // The meeting form: no title and a time that is not one; location and agenda stay.
    let committee = founded(&app, &rosa).await;
    let meetings = format!("/committees/{committee}/meetings");
    let (status, page, _) = rosa
        .submit(
            &meetings,
            &meetings,
            &[
                ("title", ""),
                ("starts_at_local", "next thursday"),
                ("location", "Union hall, 2nd floor"),
                ("agenda", "Report back\nVote on the walkout"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(
        page.contains("What is it about? cannot be empty."),
        "the title is named by its label: {page}"
    );
    assert!(
        page.contains("When is not in the expected format."),
        "the start is named by its label: {page}"
    );
    assert!(!page.contains("starts_at is"), "{page}");
    assert!(page.contains("value=\"Union hall, 2nd floor\""), "{page}");
    assert!(page.contains("Report back\nVote on the walkout"), "{page}");
    assert!(page.contains("value=\"next thursday\""), "{page}");
    assert_eq!(app.count_rows("meetings").await, 0);

    // In Spanish, by the Spanish labels.
    let (status, _, _) = rosa
        .submit(
            "/settings",
            "/settings",
            &[
                ("display_name", "rosa"),
                ("language", "es"),
                ("time_zone", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page, _) = rosa
        .submit(
            &meetings,
            &meetings,
            &[
                ("title", " "),
                ("starts_at_local", "pronto"),
                ("location", ""),
            ],
        )
        .await;
    assert!(page.contains("Hay 3 cosas que corregir"), "{page}");
}

async fn an_expired_form_comes_back_with_what_was_typed(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let committee = founded(&app, &rosa).await;
    let meetings = format!("/committees/{committee}/meetings");
    let (_, fresh, _) = rosa.get(&meetings).await;
    let token = csrf_of(&fresh);
    let starts = in_a_month();

    // A page kept open across a new log-in carries a token that is no longer the session's.
    let (status, page, _) = rosa
        .post(
            &meetings,
            &[
                ("csrf", "the-token-of-a-session-that-ended"),
                ("title", "Contract vote, all shifts"),
                ("starts_at_local", starts.as_str()),
                ("location", "Union hall"),
                ("agenda", "Report back\nVote"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
    assert!(
        page.contains("This form had expired, so nothing was sent."),
        "{page}"
    );
    assert!(
        page.contains("value=\"Contract vote, all shifts\""),
        "{page}"
    );
    assert!(page.contains(&format!("value=\"{starts}\"")), "{page}");
    assert!(page.contains("value=\"Union hall\""), "{page}");
    assert!(page.contains("Report back\nVote"), "{page}");
    assert_eq!(
        csrf_of(&page),
        token,
        "the form comes back with a good token"
    );
    assert_eq!(app.count_rows("meetings").await, 0, "nothing was done");
    // Sent again as it came back, it goes through.
    let (status, body, _) = rosa
        .post(
            &meetings,
            &[
                ("csrf", token.as_str()),
                ("title", "Contract vote, all shifts"),
                ("starts_at_local", starts.as_str()),
                ("location", "Union hall"),
                ("agenda", "Report back\nVote"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(app.count_rows("meetings").await, 1);

    // Registering with a form cookie the phone lost: the handle and name stay, never the
    // password.
    let visitor = Browser::new(&app);
    let (status, page, _) = visitor
        .post(
            "/register",
            &[
                ("csrf", "lost"),
                ("handle", "amir_w"),
                ("display_name", "Amir"),
                ("password", "a secret nobody sees again"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
    assert!(page.contains("value=\"amir_w\""), "{page}");
    assert!(page.contains("value=\"Amir\""), "{page}");
    assert!(!page.contains("a secret nobody sees again"), "{page}");
    let (status, body, location) = visitor
        .post(
            "/register",
            &[
                ("csrf", csrf_of(&page).as_str()),
                ("handle", "amir_w"),
                ("display_name", "Amir"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some("/dashboard"));
}

async fn a_post_from_another_site_gets_nothing_back(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    for site in [
        ("sec-fetch-site", "cross-site".to_owned()),
        ("origin", "https://evil.example".to_owned()),
    ] {
        let response = rosa
            .client
            .post(app.url("/committees/new"))
            .header(site.0, site.1.as_str())
            .form(&[
                ("csrf", "forged"),
                ("kind", "council"),
                ("name", "Planted by someone else"),
            ])
            .send()
            .await
            .expect("posted");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let page = response.text().await.unwrap_or_default();
        assert!(!page.contains("Planted by someone else"), "{page}");
        assert!(!page.contains("name=\"name\""), "no form filled in: {page}");
    }
    assert_eq!(app.count_rows("committees").await, 0);
}

async fn the_first_committee_is_founded_with_the_forms_own_defaults(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let (status, page, _) = rosa.get("/committees/new?kind=workplace").await;
    assert_eq!(status, StatusCode::OK);
    // Only what a person must type is typed; every choice stays as the form offers it.
    let kind = checked_radio(&page, "kind").expect("a kind is checked");
    let workplace_type = selected_in(&page, "workplace_type").expect("a type is chosen");
    let zone = selected_in(&page, "time_zone").expect("a zone is chosen");
    assert_eq!(kind, "workplace");
    assert!(!workplace_type.is_empty(), "nothing invalid is preselected");
    assert_eq!(zone, "UTC", "the server's zone");
    let (status, body, location) = rosa
        .post(
            "/committees/new",
            &[
                ("csrf", csrf_of(&page).as_str()),
                ("kind", kind.as_str()),
                ("name", "Midway Warehouse"),
                ("workplace_type", workplace_type.as_str()),
                ("industry", "logistics"),
                ("region", "Saint Paul"),
                ("time_zone", zone.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert!(location.unwrap_or_default().starts_with("/committees/"));

    // A council from its own link, with the same defaults.
    let (_, page, _) = rosa.get("/committees/new?kind=council").await;
    let kind = checked_radio(&page, "kind").expect("a kind is checked");
    assert_eq!(kind, "council");
    let (status, body, _) = rosa
        .post(
            "/committees/new",
            &[
                ("csrf", csrf_of(&page).as_str()),
                ("kind", kind.as_str()),
                ("name", "Twin Cities Council"),
                (
                    "workplace_type",
                    selected_in(&page, "workplace_type")
                        .unwrap_or_default()
                        .as_str(),
                ),
                ("industry", ""),
                ("region", ""),
                (
                    "time_zone",
                    selected_in(&page, "time_zone").unwrap_or_default().as_str(),
                ),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(app.count_rows("committees").await, 2);
}

async fn the_api_tells_every_invalid_field_at_once(app: TestApp) {
    let rosa = app.register("rosa").await;
    let answer = app
        .post(
            "/api/v1/committees",
            &rosa.token,
            json!({ "name": "", "kind": "workplace", "workplace_type": "depot",
                    "industry": "", "region": "Minneapolis", "time_zone": "Mars/Olympus" }),
        )
        .await;
    // The contract as it was: the first field's code and message.
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_name");
    assert_eq!(answer.1["error"]["field"], "name");
    // And, added, every field.
    let fields: Vec<_> = answer.1["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["field"].clone(), f["code"].clone()))
        .collect();
    assert_eq!(
        fields,
        [
            (json!("name"), json!("invalid_name")),
            (json!("industry"), json!("invalid_industry")),
            (json!("time_zone"), json!("invalid_time_zone")),
        ]
    );
    for f in answer.1["error"]["fields"].as_array().expect("fields") {
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(app.count_rows("committees").await, 0);
}

/// The invite, contact line and resolution note forms: every problem at once, what was
/// typed kept, also past an expired token.
async fn the_short_forms_keep_what_was_typed_too(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let committee = founded(&app, &rosa).await;
    let page_of = format!("/committees/{committee}");
    let value_of = |page: &str, input: &str, attribute: &str| {
        attribute_of(page, &format!("name=\"{input}\""), attribute)
    };

    // An invite with both numbers out of bounds.
    let invites = format!("{page_of}/invites");
    let (status, page, _) = rosa
        .submit(
            &page_of,
            &invites,
            &[
                ("kind", "member"),
                ("max_uses", "0"),
                ("expires_in_hours", "9999"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("2 things in this form need fixing"), "{page}");
    for (input, typed) in [("max_uses", "0"), ("expires_in_hours", "9999")] {
        assert_eq!(value_of(&page, input, "value").as_deref(), Some(typed));
        assert_eq!(
            value_of(&page, input, "aria-invalid").as_deref(),
            Some("true"),
            "{input}: {page}"
        );
    }
    assert_eq!(app.count_rows("invites").await, 0);

    // A contact line with a label too long and no number.
    let contacts = format!("{page_of}/contacts");
    let long_label = "L".repeat(61);
    let (status, page, _) = rosa
        .submit(
            &contacts,
            &contacts,
            &[("label", long_label.as_str()), ("value", " ")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("2 things in this form need fixing"), "{page}");
    assert_eq!(
        value_of(&page, "label", "value").as_deref(),
        Some(long_label.as_str())
    );
    for input in ["label", "value"] {
        assert_eq!(
            value_of(&page, input, "aria-invalid").as_deref(),
            Some("true"),
            "{input}: {page}"
        );
    }
    let (status, page, _) = rosa
        .post(
            &contacts,
            &[
                ("csrf", "stale"),
                ("label", "Legal hotline"),
                ("value", "612-555-0100"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
    assert!(
        page.contains("This form had expired, so nothing was sent."),
        "{page}"
    );
    assert_eq!(
        value_of(&page, "label", "value").as_deref(),
        Some("Legal hotline")
    );
    assert_eq!(
        value_of(&page, "value", "value").as_deref(),
        Some("612-555-0100")
    );
    assert_eq!(app.count_rows("contact_lines").await, 0);

    // The note that resolves an incident.
    let (status, body, location) = rosa
        .submit(
            "/incidents",
            "/incidents",
            &[
                ("committee", committee.as_str()),
                ("kind", "detention"),
                ("summary", "A coworker taken into a van"),
                ("location", "Gate 3"),
                ("urgency", "soon"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let incident = location.expect("the incident page");
    let resolve = format!("{incident}/resolve");
    let note = "Released at six; the lawyer has the case.";
    let (status, page, _) = rosa
        .post(&resolve, &[("csrf", "stale"), ("note", note)])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
    assert!(
        page.contains("This form had expired, so nothing was sent."),
        "{page}"
    );
    assert!(page.contains(&format!(">{note}</textarea>")), "{page}");
    let too_long = "n".repeat(1001);
    let (status, page, _) = rosa
        .submit(&incident, &resolve, &[("note", too_long.as_str())])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(&format!(">{too_long}</textarea>")), "{page}");
    let (status, body, _) = rosa.submit(&incident, &resolve, &[("note", note)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, shown, _) = rosa.get(&incident).await;
    assert!(shown.contains(note), "resolved with the note: {shown}");
}
