//! Safety rails, through the pages alone as on a phone without JavaScript: leaving a
//! committee, removing a member, making or unmaking a coordinator and casting a secret
//! ballot each ask first on a page of their own, naming what will happen and to whom, and
//! the page after says what happened. An open ballot, which can be changed, is cast at
//! once. An incident report has no urgency chosen for its reporter.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use outnumber::core::Timestamp;
use outnumber::core::fields::Language;
use outnumber::i18n::{Arg, Tr};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User};
use crate::pages::Browser;

both!(
    leaving_asks_first_and_then_says_so,
    removing_a_member_asks_first_and_names_them,
    making_and_unmaking_a_coordinator_ask_first,
    what_would_be_refused_is_said_before_asking,
    a_secret_ballot_is_asked_once_more_and_never_in_an_address,
    an_election_ballot_names_the_candidates_before_it_is_cast,
    an_open_ballot_is_cast_at_once_and_can_be_changed,
    an_incident_report_has_no_urgency_chosen_for_the_reporter,
    a_notice_shows_once_and_only_to_its_session,
);

// ---- helpers, shared with `dashboard.rs` ----

pub(crate) fn en() -> Tr {
    Tr::new(Language::En)
}

/// Text as the templates write it into HTML.
pub(crate) fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// A message in English as a page shows it.
pub(crate) fn says(key: &str, args: &[(&'static str, Arg)]) -> String {
    html(&en().with(key, args))
}

pub(crate) fn text(value: &str) -> Arg {
    Arg::Text(value.to_owned())
}

/// The form on `page` that posts (or gets) to `action`, from its action to its end.
pub(crate) fn form<'a>(page: &'a str, action: &str) -> Option<&'a str> {
    let start = page.find(&format!("action=\"{action}\""))?;
    let end = page[start..].find("</form>")? + start;
    Some(&page[start..end])
}

/// The page's notice at the top of `<main>`, if any.
pub(crate) fn notice(page: &str) -> Option<&str> {
    let start = page.find("id=\"notice\">")? + "id=\"notice\">".len();
    let end = page[start..].find("</p>")? + start;
    Some(&page[start..end])
}

/// `user` signed in with the log-in form, as a browser keeping cookies.
pub(crate) async fn browser(app: &TestApp, user: &User) -> Browser {
    let browser = Browser::new(app);
    let (status, body, _) = browser
        .submit(
            "/login",
            "/login",
            &[
                ("handle", user.handle.as_str()),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "log in: {body}");
    browser
}

/// Follows a redirect answer: the page it leads to.
pub(crate) async fn landing(
    browser: &Browser,
    answer: (StatusCode, String, Option<String>),
) -> (String, String) {
    let (status, body, location) = answer;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let location = location.expect("a redirect");
    let (status, page, _) = browser.get(&location).await;
    assert_eq!(status, StatusCode::OK, "{location}: {page}");
    (location, page)
}

pub(crate) fn in_hours(hours: i64) -> String {
    Timestamp::now().plus_hours(hours).rfc3339()
}

pub(crate) fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

pub(crate) async fn motion(app: &TestApp, by: &User, committee: &str, body: Value) -> String {
    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{committee}/motions"),
            &by.token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    id_of(&made)
}

/// Rosa's depot with Amir in it, both named.
async fn depot(app: &TestApp) -> (User, User, String) {
    let rosa = app.register("rosa").await;
    app.name(&rosa, "Rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    app.name(&amir, "Amir").await;
    (rosa, amir, depot)
}

async fn is_member(app: &TestApp, committee: &str, who: &User, by: &User) -> bool {
    let (status, members) = app
        .get(
            &format!("/api/v1/committees/{committee}/members"),
            &by.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{members}");
    members
        .as_array()
        .expect("members")
        .iter()
        .any(|m| m["account_id"] == json!(who.id))
}

async fn role_of(app: &TestApp, committee: &str, who: &User, by: &User) -> String {
    let (_, members) = app
        .get(
            &format!("/api/v1/committees/{committee}/members"),
            &by.token,
        )
        .await;
    members
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["account_id"] == json!(who.id))
        .and_then(|m| m["role"].as_str())
        .expect("a member")
        .to_owned()
}

/// A confirmation page: its question, what it says will happen, the button's form posting
/// to `action` with the form token, and the way back.
fn assert_asks(page: &str, title: &str, what: &str, action: &str, back: &str) -> String {
    assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
    assert!(page.contains(what), "says what will happen: {page}");
    let form = form(page, action)
        .unwrap_or_else(|| panic!("a form posting to {action}: {page}"))
        .to_owned();
    assert!(
        page.contains(&format!("method=\"post\" action=\"{action}\"")),
        "{page}"
    );
    assert!(form.contains("name=\"csrf\""), "{form}");
    assert!(
        page.contains(&format!("href=\"{back}\"")),
        "a way back to {back}: {page}"
    );
    form
}

// ---- leaving, removing, roles ----

async fn leaving_asks_first_and_then_says_so(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let page_of = format!("/committees/{depot}");
    let leave = format!("/committees/{depot}/members/{}/remove", amir.id);
    let amir_b = browser(&app, &amir).await;

    // The button on the committee page leads to a page, without a form token in the address.
    let (_, committee, _) = amir_b.get(&page_of).await;
    let button = form(&committee, &leave).expect("the leave button");
    assert!(
        committee.contains(&format!("method=\"get\" action=\"{leave}\"")),
        "{committee}"
    );
    assert!(
        !button.contains("csrf"),
        "no form token in an address: {button}"
    );

    let (status, asked, _) = amir_b.get(&leave).await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    let committee_name = [("committee", text("Lake Street Depot"))];
    assert_asks(
        &asked,
        &says("confirm-leave-title", &committee_name),
        &says("confirm-leave", &committee_name),
        &leave,
        &page_of,
    );
    assert!(asked.contains(&says("confirm-leave-submit", &committee_name)));
    assert!(
        is_member(&app, &depot, &amir, &rosa).await,
        "asking changed nothing"
    );

    let (location, dashboard) = landing(&amir_b, amir_b.submit(&leave, &leave, &[]).await).await;
    assert_eq!(location, "/dashboard");
    assert_eq!(
        notice(&dashboard),
        Some(says("done-left", &committee_name).as_str()),
        "{dashboard}"
    );
    assert!(!is_member(&app, &depot, &amir, &rosa).await);
    // Said once: the next page does not repeat it.
    let (_, again, _) = amir_b.get("/dashboard").await;
    assert_eq!(notice(&again), None, "{again}");
    // Gone, the committee is as hidden as any other.
    let (status, _, _) = amir_b.get(&leave).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn removing_a_member_asks_first_and_names_them(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let luis = app.member(&rosa, &depot, "luis").await;
    let outsider = app.register("outsider").await;
    app.workplace(&outsider, "Elsewhere").await;
    let page_of = format!("/committees/{depot}");
    let remove = format!("/committees/{depot}/members/{}/remove", amir.id);

    let rosa_b = browser(&app, &rosa).await;
    let (_, committee, _) = rosa_b.get(&page_of).await;
    assert!(
        committee.contains(&format!("method=\"get\" action=\"{remove}\"")),
        "{committee}"
    );
    let (status, asked, _) = rosa_b.get(&remove).await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    let named = [
        ("name", text("Amir")),
        ("committee", text("Lake Street Depot")),
    ];
    assert_asks(
        &asked,
        &says("confirm-remove-title", &named),
        &says("confirm-remove", &named),
        &remove,
        &page_of,
    );
    assert!(asked.contains(&says("confirm-remove-then", &named)));
    assert!(is_member(&app, &depot, &amir, &rosa).await);

    // A plain member is not asked: they may not; an outsider finds nothing.
    let luis_b = browser(&app, &luis).await;
    let (status, _, _) = luis_b.get(&remove).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let outsider_b = browser(&app, &outsider).await;
    let (status, body, _) = outsider_b.get(&remove).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        !body.contains("Amir") && !body.contains("Lake Street"),
        "{body}"
    );

    let (location, page) = landing(&rosa_b, rosa_b.submit(&remove, &remove, &[]).await).await;
    assert_eq!(location, page_of);
    assert_eq!(
        notice(&page),
        Some(says("done-removed", &named).as_str()),
        "{page}"
    );
    assert!(!is_member(&app, &depot, &amir, &rosa).await);
}

async fn making_and_unmaking_a_coordinator_ask_first(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let page_of = format!("/committees/{depot}");
    let role = format!("/committees/{depot}/members/{}/role", amir.id);
    let rosa_b = browser(&app, &rosa).await;
    let named = [
        ("name", text("Amir")),
        ("committee", text("Lake Street Depot")),
    ];

    let (_, committee, _) = rosa_b.get(&page_of).await;
    let button = form(&committee, &role).expect("the role button");
    assert!(button.contains("value=\"coordinator\""), "{button}");
    assert!(!button.contains("csrf"), "{button}");

    let (status, asked, _) = rosa_b.get(&format!("{role}?role=coordinator")).await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    let form_html = assert_asks(
        &asked,
        &says("confirm-promote-title", &named),
        &says("confirm-promote", &named),
        &role,
        &page_of,
    );
    assert!(
        form_html.contains("name=\"role\" value=\"coordinator\""),
        "{form_html}"
    );
    assert_eq!(role_of(&app, &depot, &amir, &rosa).await, "member");

    let (_, page) = landing(
        &rosa_b,
        rosa_b
            .submit(&page_of, &role, &[("role", "coordinator")])
            .await,
    )
    .await;
    assert_eq!(
        notice(&page),
        Some(says("done-promoted", &named).as_str()),
        "{page}"
    );
    assert_eq!(role_of(&app, &depot, &amir, &rosa).await, "coordinator");

    // And back: asked, then said.
    let (status, asked, _) = rosa_b.get(&format!("{role}?role=member")).await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    assert_asks(
        &asked,
        &says("confirm-demote-title", &named),
        &says("confirm-demote", &named),
        &role,
        &page_of,
    );
    let (_, page) = landing(
        &rosa_b,
        rosa_b.submit(&page_of, &role, &[("role", "member")]).await,
    )
    .await;
    assert_eq!(
        notice(&page),
        Some(says("done-demoted", &named).as_str()),
        "{page}"
    );
    assert_eq!(role_of(&app, &depot, &amir, &rosa).await, "member");

    // A role that is already theirs asks nothing; a member may not ask.
    let (status, _, location) = rosa_b.get(&format!("{role}?role=member")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(page_of.as_str()));
    let amir_b = browser(&app, &amir).await;
    let rosa_role = format!("/committees/{depot}/members/{}/role?role=member", rosa.id);
    let (status, _, _) = amir_b.get(&rosa_role).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn what_would_be_refused_is_said_before_asking(app: TestApp) {
    let (rosa, _amir, depot) = depot(&app).await;
    let rosa_b = browser(&app, &rosa).await;
    // The only coordinator, with a member left, may not leave: said at once, not asked.
    let leave = format!("/committees/{depot}/members/{}/remove", rosa.id);
    let (status, page, _) = rosa_b.get(&leave).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("class=\"error\""), "{page}");
    assert!(form(&page, &leave).is_some(), "back on the committee page");
    assert!(!page.contains(&format!("method=\"post\" action=\"{leave}\"")));
    // A made-up role is a mistake in the form, said on the committee page.
    let role = format!("/committees/{depot}/members/{}/role?role=boss", rosa.id);
    let (status, page, _) = rosa_b.get(&role).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("class=\"error\""), "{page}");
}

// ---- ballots ----

async fn a_secret_ballot_is_asked_once_more_and_never_in_an_address(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let motion = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Refuse forced overtime", "ballot": "secret",
                "closes_at": in_hours(2) }),
    )
    .await;
    let page_of = format!("/motions/{motion}");
    let confirm = format!("{page_of}/ballot/confirm");
    let cast = format!("{page_of}/ballot");
    let amir_b = browser(&app, &amir).await;

    // The ballot form posts to the question, never to an address holding the choice.
    let (_, page, _) = amir_b.get(&page_of).await;
    let ballot = form(&page, &confirm).expect("the ballot posts to its confirmation");
    assert!(page.contains(&format!("method=\"post\" action=\"{confirm}\"")));
    assert!(ballot.contains("name=\"choice\""), "{ballot}");
    assert!(form(&page, &cast).is_none(), "{page}");

    let (status, asked, location) = amir_b
        .submit(&page_of, &confirm, &[("choice", "yes")])
        .await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    assert_eq!(location, None);
    let what = [
        ("title", text("Refuse forced overtime")),
        ("choice", text(&en().t("choice-yes"))),
    ];
    let button = assert_asks(
        &asked,
        &says("confirm-ballot-title", &[]),
        &says("confirm-ballot", &what),
        &cast,
        &page_of,
    );
    assert!(asked.contains(&says("confirm-ballot-then", &[])), "{asked}");
    assert!(button.contains("name=\"choice\" value=\"yes\""), "{button}");
    let (_, view) = app
        .get(&format!("/api/v1/motions/{motion}"), &amir.token)
        .await;
    assert_eq!(view["turnout"], json!(0), "asking cast nothing: {view}");

    let (location, landed) = landing(
        &amir_b,
        amir_b.submit(&page_of, &cast, &[("choice", "yes")]).await,
    )
    .await;
    assert_eq!(location, page_of);
    assert_eq!(
        notice(&landed),
        Some(says("done-ballot-secret", &what[..1]).as_str()),
        "{landed}"
    );
    let (_, view) = app
        .get(&format!("/api/v1/motions/{motion}"), &amir.token)
        .await;
    assert_eq!(view["turnout"], json!(1), "{view}");
    assert_eq!(view["my_ballot"]["voted"], json!(true), "{view}");

    // Cast, there is nothing more to ask: the motion page says why.
    let (status, again, _) = amir_b.submit(&page_of, &confirm, &[("choice", "no")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("class=\"error\""), "{again}");

    // No choice is a mistake in the form, said before asking.
    let (status, none, _) = browser(&app, &rosa)
        .await
        .submit(&page_of, &confirm, &[])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{none}");

    // The API is as it was: a secret ballot is cast by one call.
    let (status, body) = app
        .post(
            &format!("/api/v1/motions/{motion}/ballots"),
            &rosa.token,
            json!({ "choice": "no" }),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
}

async fn an_election_ballot_names_the_candidates_before_it_is_cast(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let june = app.register("june").await;
    let council = app.council(&june, "City Council").await;
    app.affiliate(&june, &council, &rosa, &depot).await;
    let election = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "elect_delegates", "title": "Our delegate", "ballot": "secret",
                "closes_at": in_hours(2), "council_id": council, "seats": 1,
                "candidates": [amir.id, rosa.id] }),
    )
    .await;
    let page_of = format!("/motions/{election}");
    let confirm = format!("{page_of}/ballot/confirm");
    let amir_b = browser(&app, &amir).await;
    let (status, asked, _) = amir_b
        .submit(&page_of, &confirm, &[("candidate", rosa.id.as_str())])
        .await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    let what = [("title", text("Our delegate")), ("choice", text("Rosa"))];
    assert!(asked.contains(&says("confirm-ballot", &what)), "{asked}");
    assert!(
        asked.contains(&format!("name=\"candidate\" value=\"{}\"", rosa.id)),
        "{asked}"
    );
    // A blank ballot is named as one; someone not standing is refused before asking.
    let (_, blank, _) = amir_b.submit(&page_of, &confirm, &[]).await;
    let what = [
        ("title", text("Our delegate")),
        ("choice", text(&en().t("motion-blank"))),
    ];
    assert!(blank.contains(&says("confirm-ballot", &what)), "{blank}");
    let june_id = june.id.clone();
    let (status, _, _) = amir_b
        .submit(&page_of, &confirm, &[("candidate", june_id.as_str())])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, view) = app
        .get(&format!("/api/v1/motions/{election}"), &amir.token)
        .await;
    assert_eq!(view["turnout"], json!(0), "{view}");
}

async fn an_open_ballot_is_cast_at_once_and_can_be_changed(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let motion = motion(
        &app,
        &rosa,
        &depot,
        json!({ "kind": "decision", "title": "Walk out at noon", "ballot": "open",
                "closes_at": in_hours(2) }),
    )
    .await;
    let page_of = format!("/motions/{motion}");
    let cast = format!("{page_of}/ballot");
    let amir_b = browser(&app, &amir).await;
    let (_, page, _) = amir_b.get(&page_of).await;
    assert!(
        page.contains(&format!("method=\"post\" action=\"{cast}\"")),
        "an open ballot is cast from the motion page: {page}"
    );

    for (choice, label) in [("yes", "choice-yes"), ("no", "choice-no")] {
        let (_, landed) = landing(
            &amir_b,
            amir_b.submit(&page_of, &cast, &[("choice", choice)]).await,
        )
        .await;
        let what = [
            ("title", text("Walk out at noon")),
            ("choice", text(&en().t(label))),
        ];
        assert_eq!(
            notice(&landed),
            Some(says("done-ballot-open", &what).as_str()),
            "{landed}"
        );
        let (_, view) = app
            .get(&format!("/api/v1/motions/{motion}"), &amir.token)
            .await;
        assert_eq!(view["my_ballot"]["choice"], json!(choice), "{view}");
        assert_eq!(view["turnout"], json!(1), "changed, not added: {view}");
    }
    // Nothing to ask for an open ballot: the question goes back to the motion.
    let (status, _, location) = amir_b
        .submit(&page_of, &format!("{cast}/confirm"), &[("choice", "yes")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(page_of.as_str()));
}

// ---- incidents ----

async fn an_incident_report_has_no_urgency_chosen_for_the_reporter(app: TestApp) {
    let (_rosa, amir, depot) = depot(&app).await;
    let amir_b = browser(&app, &amir).await;
    let (_, page, _) = amir_b.get("/incidents").await;
    let report = form(&page, "/incidents").expect("the report form");
    let radios: Vec<&str> = report
        .split("<input type=\"radio\" name=\"urgency\"")
        .skip(1)
        .map(|r| &r[..r.find('>').unwrap_or(r.len())])
        .collect();
    assert_eq!(radios.len(), 3, "{report}");
    for radio in &radios {
        assert!(!radio.contains("checked"), "nothing chosen: {radio}");
        assert!(radio.contains("required"), "{radio}");
    }

    let (status, body, _) = amir_b
        .submit(
            "/incidents",
            "/incidents",
            &[
                ("committee", depot.as_str()),
                ("kind", "staging"),
                ("summary", "Two vans by the gate"),
                ("location", "North gate"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // Named by the label the form shows beside the choices.
    let label = en().t("incident-field-urgency");
    let refused = says("invalid-empty", &[("field", text(&label))]);
    assert!(body.contains(&refused), "names the field: {body}");
    assert!(body.contains("value=\"Two vans by the gate\""), "{body}");
    assert!(body.contains("value=\"North gate\""), "{body}");
    assert!(body.contains("value=\"staging\" selected"), "{body}");
    assert_eq!(app.count_rows("incidents").await, 0, "nothing went out");

    // The API refuses it alike, naming the field.
    let (status, body) = app
        .post(
            &format!("/api/v1/committees/{depot}/incidents"),
            &amir.token,
            json!({ "kind": "raid", "summary": "Vans", "location": "Gate", "urgency": "" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], json!("urgency"), "{body}");

    // Chosen, it goes out as chosen.
    let (status, _, _) = amir_b
        .submit(
            "/incidents",
            "/incidents",
            &[
                ("committee", depot.as_str()),
                ("kind", "staging"),
                ("summary", "Two vans by the gate"),
                ("location", "North gate"),
                ("urgency", "soon"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count_rows("incidents").await, 1);
}

// ---- notices ----

async fn a_notice_shows_once_and_only_to_its_session(app: TestApp) {
    let (rosa, amir, depot) = depot(&app).await;
    let role = format!("/committees/{depot}/members/{}/role", amir.id);
    let rosa_b = browser(&app, &rosa).await;
    // Rosa's answer carries the notice; taken to another session of hers, it says nothing.
    let (_, page, _) = rosa_b.get(&format!("/committees/{depot}")).await;
    let csrf = {
        let marker = "name=\"csrf\" value=\"";
        let start = page.find(marker).expect("a form token") + marker.len();
        page[start..].split('"').next().unwrap_or("").to_owned()
    };
    let answer = rosa_b
        .client
        .post(app.url(&role))
        .form(&[("role", "coordinator"), ("csrf", csrf.as_str())])
        .send()
        .await
        .expect("sent");
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let notice_cookie = answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("outnumber_notice="))
        .and_then(|c| c.split(';').next())
        .expect("the notice rides in a cookie")
        .to_owned();
    let (_, shown, _) = rosa_b.get(&format!("/committees/{depot}")).await;
    let named = [
        ("name", text("Amir")),
        ("committee", text("Lake Street Depot")),
    ];
    assert_eq!(notice(&shown), Some(says("done-promoted", &named).as_str()));

    let other = app.log_in("rosa").await;
    let client = crate::page_matrix::client();
    let with = |cookie: String| {
        client
            .get(app.url("/dashboard"))
            .header("cookie", cookie)
            .send()
    };
    let page = with(format!(
        "outnumber_session={}; {notice_cookie}",
        other.token
    ))
    .await
    .expect("sent")
    .text()
    .await
    .expect("page");
    assert_eq!(notice(&page), None, "another session: {page}");
    // A cookie made up to say something in the server's voice says nothing.
    let forged = format!(
        "outnumber_notice={}.{}",
        URL_SAFE_NO_PAD.encode("Go to evil.example to save your committee"),
        "A".repeat(24)
    );
    let page = with(format!("outnumber_session={}; {forged}", other.token))
        .await
        .expect("sent")
        .text()
        .await
        .expect("page");
    assert_eq!(notice(&page), None, "{page}");
    assert!(!page.contains("evil.example"));
}
