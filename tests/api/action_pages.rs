//! Mass action through the pages alone, as on a phone without JavaScript: calling an action,
//! pledging and taking it back, the threshold met, calling it off, the public counter, the
//! dashboard and the workforce estimate.

use outnumber::core::Timestamp;
use outnumber::core::fields::Language;
use outnumber::i18n::{Arg, Tr};
use reqwest::StatusCode;

use crate::both;
use crate::common::TestApp;
use crate::pages::{Browser, register};

both!(
    a_coordinator_calls_an_action_with_the_form,
    a_call_without_a_threshold_comes_back_with_the_reason,
    a_member_pledges_and_takes_it_back_with_the_forms,
    two_pledges_meet_the_threshold_and_the_action_is_on,
    only_a_coordinator_calls_an_action_off,
    the_public_page_shows_the_count_and_no_names,
    the_calling_form_offers_a_breakdown_that_names_no_small_group,
    a_private_action_has_no_public_page,
    the_dashboard_lists_an_open_action,
    the_workforce_estimate_shows_on_the_action_page,
    the_action_page_speaks_spanish,
    a_pledge_is_confirmed_at_the_top_and_an_action_that_is_on_is_loud,
);

// ---- reading pages ----

fn en() -> Tr {
    Tr::new(Language::En)
}

/// Text as the templates write it into HTML.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// A message in English as it shows on a page.
fn says(key: &str) -> String {
    html(&en().t(key))
}

fn says_with(key: &str, args: &[(&'static str, Arg)]) -> String {
    html(&en().with(key, args))
}

/// The form on `page` that posts to `action`, from its action attribute to its end.
fn form<'a>(page: &'a str, action: &str) -> Option<&'a str> {
    let start = page.find(&format!("action=\"{action}\""))?;
    let end = page[start..].find("</form>")? + start;
    Some(&page[start..end])
}

/// The value of the attribute `name` in the first element at `from` on.
fn attribute<'a>(from: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!("{name}=\"");
    let start = from.find(&marker)? + marker.len();
    from[start..].split('"').next()
}

/// The CSRF token a form carries.
fn token(form: &str) -> String {
    let at = form
        .find("name=\"csrf\"")
        .expect("the form has a CSRF token");
    attribute(&form[at..], "value")
        .expect("the CSRF token has a value")
        .to_owned()
}

/// The pledged number the page shows (and the page's script updates).
fn pledged(page: &str) -> i64 {
    let marker = "data-count=\"pledged\">";
    let start = page.find(marker).expect("the page shows the pledged count") + marker.len();
    page[start..]
        .split('<')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .expect("the pledged count is a number")
}

/// The `<progress>` of one part of the threshold: (value, max).
fn progress(page: &str, part: &str) -> (i64, i64) {
    let start = page
        .find(&format!("data-part=\"{part}\""))
        .unwrap_or_else(|| panic!("the page has a bar for {part}: {page}"));
    let bar = &page[start..];
    let bar = &bar[bar.find("<progress").expect("the bar has a <progress>")..];
    let number = |name| {
        attribute(bar, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("<progress> has a numeric {name}"))
    };
    (number("value"), number("max"))
}

/// The status the action page shows in its live status tag.
fn action_status(page: &str) -> &str {
    let marker = "class=\"tag status-";
    let start = page.find(marker).expect("the page shows a status") + marker.len();
    page[start..].split('"').next().unwrap_or("")
}

fn local_in(secs: i64) -> String {
    // The form's datetime-local value, on the committee's clocks (the server's zone, UTC,
    // for committees founded without one).
    Timestamp::now().plus_millis(secs * 1000).rfc3339()[..16].to_owned()
}

// ---- driving the forms ----

/// Fills in and sends the form on the page at `from` that posts to `action`, as a person
/// would: the page must have that form, with a field for each name sent. The CSRF token is
/// the form's own.
async fn fill(
    browser: &Browser,
    from: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<String>) {
    let (status, page, _) = browser.get(from).await;
    assert_eq!(status, StatusCode::OK, "{from}: {page}");
    let found = form(&page, action)
        .unwrap_or_else(|| panic!("{from} has no form posting to {action}: {page}"));
    for (name, _) in fields {
        assert!(
            found.contains(&format!("name=\"{name}\"")),
            "the form posting to {action} on {from} has no field {name}: {found}"
        );
    }
    let csrf = token(found);
    let mut sent: Vec<(&str, &str)> = fields.to_vec();
    sent.push(("csrf", &csrf));
    browser.post(action, &sent).await
}

async fn committee(browser: &Browser, name: &str) -> String {
    let (status, body, location) = fill(
        browser,
        "/committees/new",
        "/committees/new",
        &[
            ("kind", "workplace"),
            ("name", name),
            ("workplace_type", "depot"),
            ("industry", "logistics"),
            ("region", "Minneapolis"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    location.expect("the committee page")
}

/// A new person who joins the committee through a member invite made on its page.
async fn join(app: &TestApp, inviter: &Browser, committee_page: &str, handle: &str) -> Browser {
    let (status, body, invite) = inviter
        .submit(
            committee_page,
            &format!("{committee_page}/invites"),
            &[("kind", "member"), ("max_uses", "1")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let code = invite
        .expect("the invite page")
        .trim_start_matches("/invites/")
        .to_owned();
    let person = Browser::new(app);
    register(&person, handle, &code).await;
    person
}

/// A coordinator and a committee with the given members.
async fn depot(app: &TestApp, members: &[&str]) -> (Browser, String, Vec<Browser>) {
    let rosa = Browser::new(app);
    register(&rosa, "rosaortiz", "").await;
    let page = committee(&rosa, "Lake Street Depot").await;
    let mut joined = Vec::new();
    for handle in members {
        joined.push(join(app, &rosa, &page, handle).await);
    }
    (rosa, page, joined)
}

/// Calls a strike a week ahead through the form on the committee's actions page; returns the
/// action page it lands on.
async fn call(
    coordinator: &Browser,
    committee_page: &str,
    title: &str,
    pledges: &str,
    public: bool,
) -> String {
    let actions = format!("{committee_page}/actions");
    let starts = local_in(7 * 24 * 3600);
    let mut fields = vec![
        ("title", title),
        ("kind", "strike"),
        (
            "description",
            "Everyone out at the start of the early shift.",
        ),
        ("starts_at_local", starts.as_str()),
        ("threshold_pledges", pledges),
        ("threshold_share_percent", ""),
        ("threshold_committees", ""),
    ];
    if public {
        fields.push(("public", "1"));
    }
    let (status, body, location) = fill(coordinator, &actions, &actions, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let action = location.expect("the action page");
    let id = action
        .strip_prefix("/actions/")
        .unwrap_or_else(|| panic!("lands on an action page, not {action}"));
    assert!(
        id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{action}"
    );
    action
}

async fn pledge(member: &Browser, action: &str) {
    let (status, body, location) = fill(member, action, &format!("{action}/pledge"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        location.as_deref(),
        Some(action),
        "back to the action page, which says the pledge is counted"
    );
}

// ---- the tests ----

async fn a_coordinator_calls_an_action_with_the_form(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir"]).await;
    let actions = format!("{page}/actions");
    let (_, committee_html, _) = rosa.get(&page).await;
    assert!(
        committee_html.contains(&format!("href=\"{actions}\"")),
        "the committee page links to its actions"
    );
    let (status, before, _) = rosa.get(&actions).await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.contains(&says("actions-empty")), "{before}");
    // A plain member sees the actions but not the form to call one.
    let (status, as_member, _) = members[0].get(&actions).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form(&as_member, &actions).is_none(), "{as_member}");

    let action = call(&rosa, &page, "Strike for safe staffing", "2", true).await;
    let id = action.trim_start_matches("/actions/");
    let (status, shown, _) = rosa.get(&action).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        shown.contains("<h1>Strike for safe staffing</h1>"),
        "{shown}"
    );
    assert!(shown.contains("Everyone out at the start of the early shift."));
    assert_eq!(action_status(&shown), "gathering");
    assert!(shown.contains(&says("action-status-gathering")));
    assert!(shown.contains(&says_with(
        "action-called-by",
        &[("committee", "Lake Street Depot".into())]
    )));
    assert_eq!(pledged(&shown), 0);
    assert_eq!(progress(&shown, "pledges"), (0, 2));
    assert!(shown.contains(&says_with(
        "action-progress-pledges",
        &[("current", 0i64.into()), ("target", 2i64.into())]
    )));
    assert!(
        shown.contains(&format!("/public/actions/{id}\"")),
        "the public checkbox gives a public link: {shown}"
    );
    assert!(
        form(&shown, &format!("{action}/cancel")).is_some(),
        "the coordinator may call it off"
    );
    assert!(
        !shown.contains(&says("action-is-on")),
        "not on with no pledges"
    );

    let (_, list, _) = members[0].get(&actions).await;
    assert!(
        list.contains(&format!(
            "<a href=\"{action}\">Strike for safe staffing</a>"
        )),
        "{list}"
    );
    assert!(list.contains(&says_with(
        "action-pledged-count",
        &[("count", 0i64.into())]
    )));
}

async fn a_call_without_a_threshold_comes_back_with_the_reason(app: TestApp) {
    let (rosa, page, _) = depot(&app, &[]).await;
    let actions = format!("{page}/actions");
    let starts = local_in(7 * 24 * 3600);
    let (status, body, location) = fill(
        &rosa,
        &actions,
        &actions,
        &[
            ("title", "Walk out at noon"),
            ("kind", "walkout"),
            ("starts_at_local", &starts),
            ("threshold_pledges", ""),
            ("threshold_share_percent", ""),
            ("threshold_committees", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(location, None);
    let error = &body[body.find("class=\"error\"").expect("the page says why")..];
    let error = &error[error.find('>').expect("tag") + 1..error.find("</p>").expect("end")];
    assert!(
        !error.trim().is_empty() && !error.contains("error-") && !error.contains("invalid-"),
        "a readable reason: {error}"
    );
    let kept = form(&body, &actions).expect("the form comes back");
    assert!(
        kept.contains("value=\"Walk out at noon\""),
        "what was typed is kept: {kept}"
    );
    assert!(
        kept.contains("value=\"walkout\" selected"),
        "the kind is kept: {kept}"
    );
    assert_eq!(app.count_rows("actions").await, 0);
}

async fn a_member_pledges_and_takes_it_back_with_the_forms(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir"]).await;
    let amir = &members[0];
    let action = call(&rosa, &page, "Strike for safe staffing", "2", false).await;
    let pledge_form = format!("{action}/pledge");
    let withdraw_form = format!("{action}/withdraw");

    let (_, before, _) = amir.get(&action).await;
    assert!(
        form(&before, &pledge_form).is_some_and(|f| f.contains(&says("action-pledge"))),
        "an \"I'm in\" button: {before}"
    );
    assert!(before.contains(&says("action-pledge-explained")));
    assert!(form(&before, &withdraw_form).is_none());
    assert!(
        form(&before, &format!("{action}/cancel")).is_none(),
        "a plain member gets no button to call it off"
    );

    pledge(amir, &action).await;
    let (_, after, _) = amir.get(&action).await;
    assert!(after.contains(&says("action-pledged-note")), "{after}");
    assert_eq!(pledged(&after), 1);
    assert_eq!(progress(&after, "pledges"), (1, 2));
    assert!(after.contains(&says_with(
        "action-progress-pledges",
        &[("current", 1i64.into()), ("target", 2i64.into())]
    )));
    assert!(
        form(&after, &pledge_form).is_none(),
        "pledged once is enough"
    );
    assert!(
        form(&after, &withdraw_form).is_some_and(|f| f.contains(&says("action-withdraw"))),
        "{after}"
    );
    assert_eq!(
        action_status(&after),
        "gathering",
        "one of two is not enough"
    );
    // Everyone sees the count, not only the one who pledged.
    let (_, seen_by_rosa, _) = rosa.get(&action).await;
    assert_eq!(pledged(&seen_by_rosa), 1);
    assert!(!seen_by_rosa.contains(&says("action-pledged-note")));

    let (status, body, location) = fill(amir, &action, &withdraw_form, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(action.as_str()));
    let (_, withdrawn, _) = amir.get(&action).await;
    assert!(withdrawn.contains(&says("done-withdrawn")), "{withdrawn}");
    assert_eq!(pledged(&withdrawn), 0);
    assert_eq!(progress(&withdrawn, "pledges"), (0, 2));
    assert!(!withdrawn.contains(&says("action-pledged-note")));
    assert!(
        form(&withdrawn, &pledge_form).is_some(),
        "the \"I'm in\" button is back"
    );
    assert_eq!(app.count_rows("pledges").await, 0);
}

async fn two_pledges_meet_the_threshold_and_the_action_is_on(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir", "bea"]).await;
    let action = call(&rosa, &page, "Strike for safe staffing", "2", false).await;
    // Amir keeps his page open from before the threshold is met (no JavaScript).
    pledge(&members[0], &action).await;
    let (_, stale, _) = members[0].get(&action).await;
    assert!(!stale.contains(&says("action-is-on")), "{stale}");
    pledge(&members[1], &action).await;

    let (_, on, _) = members[0].get(&action).await;
    assert!(on.contains(&says("action-is-on")), "{on}");
    assert_eq!(action_status(&on), "activated");
    assert!(on.contains(&says("action-status-activated")));
    assert_eq!(pledged(&on), 2);
    assert_eq!(progress(&on, "pledges"), (2, 2));
    assert!(on.contains(&says("action-final-note")), "{on}");
    assert!(!on.contains(&says("action-pledged-note")));
    assert!(
        form(&on, &format!("{action}/withdraw")).is_none(),
        "no button to take a pledge back once it is on: {on}"
    );
    let (_, as_coordinator, _) = rosa.get(&action).await;
    assert!(
        form(&as_coordinator, &format!("{action}/cancel")).is_none(),
        "an action that is on cannot be called off"
    );
    assert!(
        form(&as_coordinator, &format!("{action}/pledge")).is_some(),
        "one who has not pledged may still join: {as_coordinator}"
    );

    // The withdraw button on the page left open is refused, with the reason.
    let withdraw = format!("{action}/withdraw");
    let csrf = token(form(&stale, &withdraw).expect("the old page still has the button"));
    let (status, refused, _) = members[0].post(&withdraw, &[("csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused.contains(&says("error-pledges-final")), "{refused}");
    assert_eq!(pledged(&refused), 2);
    assert_eq!(app.count_rows("pledges").await, 2);
}

async fn only_a_coordinator_calls_an_action_off(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir"]).await;
    let amir = &members[0];
    let kept = call(&rosa, &page, "Strike for safe staffing", "2", false).await;
    let dropped = call(&rosa, &page, "Rally at the gate", "2", false).await;

    // A plain member's request to call it off, with a valid token, is refused.
    let (status, refused, _) = amir
        .submit(&dropped, &format!("{dropped}/cancel"), &[])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert!(refused.contains("<html"), "an error page");
    assert!(
        refused.contains(&says("error-coordinators-only")),
        "{refused}"
    );
    let (_, still, _) = amir.get(&dropped).await;
    assert_eq!(action_status(&still), "gathering");

    let (status, body, location) = fill(&rosa, &dropped, &format!("{dropped}/cancel"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(dropped.as_str()));
    let (_, cancelled, _) = amir.get(&dropped).await;
    assert_eq!(action_status(&cancelled), "cancelled");
    assert!(cancelled.contains(&says("action-status-cancelled")));
    assert!(
        form(&cancelled, &format!("{dropped}/pledge")).is_none(),
        "no pledging to an action called off: {cancelled}"
    );
    let (_, as_coordinator, _) = rosa.get(&dropped).await;
    assert!(form(&as_coordinator, &format!("{dropped}/cancel")).is_none());

    // The other action goes on gathering.
    let (_, other, _) = amir.get(&kept).await;
    assert_eq!(action_status(&other), "gathering");
    assert!(form(&other, &format!("{kept}/pledge")).is_some());
    let (_, list, _) = amir.get(&format!("{page}/actions")).await;
    assert!(list.contains(&says("action-status-cancelled")), "{list}");
}

async fn the_public_page_shows_the_count_and_no_names(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amirhaddad"]).await;
    let action = call(&rosa, &page, "Strike for safe staffing", "3", true).await;
    pledge(&members[0], &action).await;
    let id = action.trim_start_matches("/actions/");
    let public = format!("/public/actions/{id}");
    let (_, member_page, _) = rosa.get(&action).await;
    assert!(
        member_page.contains(&format!("{public}\"")),
        "the action page shares its public link"
    );

    let response = crate::common::client()
        .get(app.url(&public))
        .send()
        .await
        .expect("get the public page");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let shown = response.text().await.expect("body");
    assert!(
        shown.contains("<h1>Strike for safe staffing</h1>"),
        "{shown}"
    );
    assert_eq!(pledged(&shown), 1);
    assert_eq!(progress(&shown, "pledges"), (1, 3));
    assert!(shown.contains(&says_with("public-pledged", &[("count", 1i64.into())])));
    assert!(shown.contains(&says_with("public-committees", &[("count", 1i64.into())])));
    for secret in ["Lake Street Depot", "rosaortiz", "amirhaddad"] {
        assert!(
            !shown.contains(secret),
            "{secret} on the public page: {shown}"
        );
    }
    assert!(
        !shown.contains("name=\"csrf\""),
        "nothing to post from the public page"
    );
    let csp = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .expect("a Content-Security-Policy");
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(!csp.contains("'unsafe-inline'"), "{csp}");
    assert!(
        headers.get("x-frame-options").is_none(),
        "the counter may be embedded: {headers:?}"
    );

    // The member page of the same action stays private and unframeable.
    let response = crate::common::client()
        .get(app.url(&action))
        .send()
        .await
        .expect("get the action page");
    assert_eq!(
        response
            .headers()
            .get("x-frame-options")
            .map(|v| v.as_bytes()),
        Some(&b"DENY"[..])
    );
    let (status, _, location) = Browser::new(&app).get(&action).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location.unwrap_or_default().starts_with("/login"),
        "a visitor is sent to log in"
    );
}

/// The calling form has a box for publishing the counts by industry and region; ticked, the
/// public page shows them, but a group of fewer than five pledges only as "others".
async fn the_calling_form_offers_a_breakdown_that_names_no_small_group(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amirhaddad"]).await;
    let starts = local_in(7 * 24 * 3600);
    let actions = format!("{page}/actions");
    let mut fields = vec![
        ("title", "Strike for safe staffing"),
        ("kind", "strike"),
        ("description", ""),
        ("starts_at_local", starts.as_str()),
        ("threshold_pledges", "30"),
        ("threshold_share_percent", ""),
        ("threshold_committees", ""),
        ("public", "1"),
    ];
    let (status, body, totals) = fill(&rosa, &actions, &actions, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    fields.push(("public_breakdown", "1"));
    let (status, body, broken_down) = fill(&rosa, &actions, &actions, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    for action in [&totals, &broken_down] {
        pledge(&members[0], action.as_deref().expect("an action page")).await;
    }
    for (action, breakdown) in [(totals, false), (broken_down, true)] {
        let id = action
            .as_deref()
            .and_then(|a| a.strip_prefix("/actions/"))
            .expect("an action page")
            .to_owned();
        let seen: serde_json::Value = crate::common::client()
            .get(app.url(&format!("/api/v1/public/actions/{id}")))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        assert_eq!(seen["breakdown"], breakdown, "{seen}");
        assert_eq!(seen["pledged"], 1, "{seen}");
        assert_eq!(seen["by_industry"], serde_json::json!([]), "{seen}");
        let shown = crate::common::client()
            .get(app.url(&format!("/public/actions/{id}")))
            .send()
            .await
            .expect("sent")
            .text()
            .await
            .expect("page");
        assert_eq!(
            shown.contains(&says("public-other-groups")),
            breakdown,
            "the one pledge is among others: {shown}"
        );
        assert!(!shown.contains(&says("action-unspecified")), "{shown}");
    }
}

async fn a_private_action_has_no_public_page(app: TestApp) {
    let (rosa, page, _) = depot(&app, &[]).await;
    let action = call(&rosa, &page, "Strike for safe staffing", "2", false).await;
    let id = action.trim_start_matches("/actions/");
    let public = format!("/public/actions/{id}");
    let (_, member_page, _) = rosa.get(&action).await;
    assert!(
        !member_page.contains(&public),
        "no public link: {member_page}"
    );
    for (who, browser) in [("a visitor", Browser::new(&app)), ("its coordinator", rosa)] {
        let (status, shown, _) = browser.get(&public).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "for {who}: {shown}");
        assert!(!shown.contains("Strike for safe staffing"), "{shown}");
    }
}

async fn the_dashboard_lists_an_open_action(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir"]).await;
    let amir = &members[0];
    let (_, before, _) = amir.get("/dashboard").await;
    assert!(!before.contains("id=\"pledgeable-actions\""), "{before}");

    let action = call(&rosa, &page, "Strike for safe staffing", "2", false).await;
    let (_, dashboard, _) = amir.get("/dashboard").await;
    assert!(
        dashboard.contains(&says("dashboard-actions")),
        "{dashboard}"
    );
    let listed = &dashboard[dashboard
        .find("id=\"pledgeable-actions\"")
        .expect("a list of actions to join")..];
    let listed = &listed[..listed.find("</ul>").expect("the list ends")];
    assert!(
        listed.contains(&format!(
            "<a href=\"{action}\">Strike for safe staffing</a>"
        )),
        "{listed}"
    );
    assert!(listed.contains(&says("action-pledge")), "{listed}");

    // Called off, it is no longer one to join.
    fill(&rosa, &action, &format!("{action}/cancel"), &[]).await;
    let (_, after, _) = amir.get("/dashboard").await;
    assert!(!after.contains("id=\"pledgeable-actions\""), "{after}");
    assert!(!after.contains("id=\"open-actions\""), "{after}");
}

async fn the_workforce_estimate_shows_on_the_action_page(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir"]).await;
    let amir = &members[0];
    let workforce = format!("{page}/workforce");
    let action = call(&rosa, &page, "Strike for safe staffing", "5", false).await;
    pledge(amir, &action).await;
    let of_40 = says_with(
        "action-of-workforce",
        &[("pledged", 1i64.into()), ("workforce", 40i64.into())],
    );
    let (_, before, _) = amir.get(&action).await;
    assert!(
        before.contains("Lake Street Depot"),
        "the breakdown names it"
    );
    assert!(!before.contains(&of_40), "no estimate yet: {before}");

    // Only a coordinator has the form, and only a coordinator may use it.
    let (_, as_member, _) = amir.get(&page).await;
    assert!(form(&as_member, &workforce).is_none(), "{as_member}");
    let (status, _, _) = amir
        .submit(&page, &workforce, &[("estimated_workforce", "999")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, invalid, _) =
        fill(&rosa, &page, &workforce, &[("estimated_workforce", "0")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{invalid}");
    assert!(invalid.contains("class=\"error\""), "{invalid}");

    let (status, body, location) =
        fill(&rosa, &page, &workforce, &[("estimated_workforce", "40")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(page.as_str()));
    let (_, committee_html, _) = rosa.get(&page).await;
    assert!(
        form(&committee_html, &workforce).is_some_and(|f| f.contains("value=\"40\"")),
        "the form shows the estimate: {committee_html}"
    );

    let (_, after, _) = amir.get(&action).await;
    assert!(after.contains(&of_40), "{after}");
    assert!(
        after.contains(&says_with(
            "action-workforce-total",
            &[
                ("pledged", 1i64.into()),
                ("workforce", 40i64.into()),
                ("committees", 1i64.into())
            ]
        )),
        "{after}"
    );
    // Not a bare "999", which a random id or token on the page may hold by chance.
    let of_999 = says_with(
        "action-of-workforce",
        &[("pledged", 1i64.into()), ("workforce", 999i64.into())],
    );
    assert!(
        !after.contains(&of_999) && !after.contains("value=\"999\""),
        "the refused estimate left no trace"
    );
}

async fn the_action_page_speaks_spanish(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir"]).await;
    let amir = &members[0];
    let action = call(&rosa, &page, "Huelga por la plantilla", "2", false).await;
    let (status, _, _) = fill(
        amir,
        &action,
        "/language",
        &[("language", "es"), ("back", &action)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let es = Tr::new(Language::Es);
    let (_, shown, _) = amir.get(&action).await;
    assert!(shown.contains("<html lang=\"es\""));
    for key in [
        "action-status-gathering",
        "action-pledge",
        "action-pledge-explained",
    ] {
        assert!(shown.contains(&html(&es.t(key))), "{key}: {shown}");
    }
    assert!(shown.contains(&html(&es.with(
        "action-progress-pledges",
        &[("current", 0i64.into()), ("target", 2i64.into())]
    ))));
    assert!(!shown.contains(&says("action-pledge")), "no English left");
}

/// A sentence with a time in it as the page shows it around its `<time>`.
fn around_the_time(key: &str, more: Option<i64>) -> (String, String) {
    let mut args: Vec<(&'static str, Arg)> = vec![("date", "@@".into())];
    if let Some(more) = more {
        args.push(("more", more.into()));
    }
    let sentence = says_with(key, &args);
    sentence
        .split_once("@@")
        .map(|(before, after)| (before.to_owned(), after.to_owned()))
        .expect("the sentence has the time in it")
}

/// The part of a sentence with a time in it that follows the time.
fn after_the_time(key: &str, more: Option<i64>) -> String {
    around_the_time(key, more).1
}

async fn a_pledge_is_confirmed_at_the_top_and_an_action_that_is_on_is_loud(app: TestApp) {
    let (rosa, page, members) = depot(&app, &["amir", "bea"]).await;
    let action = call(&rosa, &page, "Strike for safe staffing", "2", true).await;
    let (_, gathering, _) = rosa.get(&action).await;
    assert!(
        gathering.contains(&after_the_time("action-when-more", Some(2))),
        "while it gathers, it goes ahead only if two more pledge: {gathering}"
    );
    assert!(!gathering.contains("class=\"banner on\""), "{gathering}");

    // The pledge is said at the top of the page it comes back to, once.
    pledge(&members[0], &action).await;
    let (status, confirmed, _) = members[0].get(&action).await;
    assert_eq!(status, StatusCode::OK);
    let main = &confirmed[confirmed.find("<main id=\"main\">").expect("a main")..];
    assert!(
        main["<main id=\"main\">".len()..]
            .trim_start()
            .starts_with("<p class=\"flash\" role=\"status\" tabindex=\"-1\" id=\"notice\">"),
        "the confirmation opens the page: {main}"
    );
    let title = ("title", Arg::Text("Strike for safe staffing".into()));
    assert!(
        confirmed.contains(&says_with("done-pledged", &[title])),
        "{confirmed}"
    );
    assert!(confirmed.contains(&after_the_time("action-when-more", Some(1))));
    // Said once: the next page does not say it again.
    let (_, again, _) = members[0].get(&action).await;
    assert!(!again.contains("id=\"notice\""), "{again}");

    // The second pledge meets the threshold: the action page, the dashboard and the public
    // counter say it is on, with how many and where.
    pledge(&members[1], &action).await;
    let headline = says_with(
        "action-banner-on",
        &[("workers", 2i64.into()), ("workplaces", 1i64.into())],
    );
    let (_, on, _) = members[0].get(&action).await;
    assert!(on.contains("class=\"banner on\""), "{on}");
    assert!(on.contains(&headline), "{on}");
    let (before, after) = around_the_time("action-when-on", None);
    assert!(
        on.contains(&format!("{before}<time")),
        "certain once it is on: {on}"
    );
    assert!(on.contains(&format!("</time>{after}")), "{on}");
    let (_, dashboard, _) = members[1].get("/dashboard").await;
    assert!(dashboard.contains(&headline), "{dashboard}");
    let public = format!("/public/actions/{}", action.trim_start_matches("/actions/"));
    let shown = crate::common::client()
        .get(app.url(&public))
        .send()
        .await
        .expect("get the public page")
        .text()
        .await
        .expect("body");
    assert!(shown.contains(&headline), "{shown}");
}
