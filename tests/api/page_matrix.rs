//! The authorization matrix of the pages: every route outside the API, called as each kind
//! of caller, answers what the matrix below says. The routes are the ones the router names in
//! `src/` (`headers::routes_in_source`), and the methods each one answers are asked of the server
//! itself (any other method must be 405), so a page or a form added without a row here, or a
//! row left for a route that is gone, fails the test.
//!
//! The callers and the world are those of the API's matrix (`authorization.rs`): anon,
//! outsider (a coordinator of an unrelated committee), sibling (the coordinator of B,
//! affiliated to the same council as A), member and delegate (of A; the delegate sits in the
//! council) and coord (of A). Signed-in callers send their session cookie and the form token
//! of that session, anonymous ones the anonymous form token and its cookie, as a browser
//! would. Answers never change a caller's cookies here: each row starts from the same callers.
//!
//! Statuses are in the order anon outsider sibling member delegate coord; `login` is a 303 to
//! `/login?next=…`, `303` a redirect anywhere else. Rows that change who stands where act on
//! objects made for them (the coordinator, who succeeds, comes last in each row), and the row
//! that lets callers join A runs last. A 404 never names a committee. Every page shown is
//! then checked by the W3C Nu checker (`html.rs`).

use std::collections::BTreeSet;

use outnumber::core::Timestamp;
use outnumber::web::caller::{CSRF_COOKIE, SESSION_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::authorization::{ROLES, World, build};
use crate::both;
use crate::common::TestApp;
use crate::headers::routes_in_source;

both!(every_page_answers_each_caller_as_the_matrix_says);

/// Routes `.route(…)` names that are not pages: the API's own document, served under
/// `/api/v1` and checked by the API's matrix.
const NOT_PAGES: &[&str] = &["/openapi.json"];

/// The methods asked of every route.
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

/// Names that no 404 may show.
const NAMES: &[&str] = &["Depot A", "Clinic B", "City Council", "Industry Council"];

/// `hours` from now as a `datetime-local` field, in UTC.
pub(crate) fn local_in_hours(hours: i64) -> String {
    Timestamp::now().plus_hours(hours).rfc3339()[..16].to_owned()
}

pub(crate) type Form = Vec<(&'static str, String)>;

/// One call of a route: the concrete path, the form (for a POST), and the expected answer
/// per caller.
pub(crate) struct Case {
    pub(crate) path: String,
    pub(crate) form: Option<Form>,
    pub(crate) expect: &'static str,
}

pub(crate) struct Row {
    pub(crate) method: Method,
    pub(crate) route: &'static str,
    pub(crate) cases: Vec<Case>,
}

fn row(method: Method, route: &'static str, cases: Vec<Case>) -> Row {
    Row {
        method,
        route,
        cases,
    }
}

fn get(path: String, expect: &'static str) -> Case {
    Case {
        path,
        form: None,
        expect,
    }
}

pub(crate) fn post(path: String, form: &[(&'static str, &str)], expect: &'static str) -> Case {
    Case {
        path,
        form: Some(form.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()),
        expect,
    }
}

/// What the world of `authorization.rs` lacks for the pages.
pub(crate) struct Extra {
    /// A calendar feed's file name, made by the coordinator of A.
    pub(crate) calendar: String,
    /// One of the plain member's notifications.
    pub(crate) notification: String,
    /// An account to log in as.
    pub(crate) visitor: String,
    /// A line on A's contacts page, posted by A's coordinator, for the row that removes it.
    pub(crate) contact_line: String,
    /// A mail's one-click unsubscribe path (`/unsubscribe/…`), the visitor's bulletins.
    pub(crate) unsubscribe: String,
}

/// The unsubscribe link a mail about bulletins to `account` would carry, made with the
/// server's own key as the sender makes it (the world has no mail server).
pub(crate) fn unsubscribe_path(app: &TestApp, account: &str) -> String {
    let keys = app.app().delivery.keys().expect("keys");
    let account = account.parse().expect("an account id");
    let token = outnumber::delivery::unsubscribe::token(
        &keys.contact,
        account,
        outnumber::core::delivery::Category::Bulletins,
    );
    format!("{}{token}", outnumber::delivery::unsubscribe::PATH)
}

/// Posts a line on a committee's contacts page as its coordinator (there is no API for it)
/// and answers the line's id, read from the remove form on the page.
pub(crate) async fn contact_line(app: &TestApp, committee: &str, coordinator: &str) -> String {
    let client = client();
    let coord = signed_in(app, &client, coordinator).await;
    let path = format!("/committees/{committee}/contacts");
    let form: Form = vec![("label", "Hotline".into()), ("value", "555 0100".into())];
    let posted = send(
        app,
        &client,
        &Method::POST,
        &path,
        Some(&coord),
        Some(&form),
    )
    .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let page = send(app, &client, &Method::GET, &path, Some(&coord), None).await;
    page.body
        .split(&format!("action=\"{path}/"))
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("a line to remove: {}", page.body))
        .to_owned()
}

/// The matrix. Statuses are in the order anon outsider sibling member delegate coord.
pub(crate) fn matrix(w: &World, x: &Extra) -> Vec<Row> {
    use Method as M;
    let a = &w.a;
    let b = &w.b;
    let c = &w.council;
    let member_id = w.user(3).map(|u| u.id.clone()).unwrap_or_default();
    let soon = local_in_hours(1);
    let later = local_in_hours(48);
    let in_two = local_in_hours(2);
    let walkout = [
        ("title", "Walkout"),
        ("kind", "walkout"),
        ("starts_at_local", later.as_str()),
        ("threshold_pledges", "5"),
    ];
    let news = [
        ("title", "News"),
        ("body", "Text"),
        ("audience", "members"),
        ("language", "en"),
    ];
    let subscription = json!({ "endpoint": "https://push.example.net/send/ROLE", "keys": { "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", "auth": "tBHItJI5svbpez7KI4CCXg" } }).to_string();
    let static_row = |path: &'static str| {
        row(
            M::GET,
            path,
            vec![get(path.into(), "200 200 200 200 200 200")],
        )
    };
    vec![
        // Outside the pages' layer: the same for everyone.
        static_row("/healthz"),
        // Without `--metrics-token` (as here), as if it did not exist.
        row(
            M::GET,
            "/metrics",
            vec![get("/metrics".into(), "404 404 404 404 404 404")],
        ),
        static_row("/static/app.css"),
        static_row("/static/app.js"),
        static_row("/static/icon.svg"),
        static_row("/static/nav.svg"),
        static_row("/favicon.ico"),
        static_row("/sw.js"),
        static_row("/static/manifest.webmanifest"),
        static_row("/static/icon-192.png"),
        static_row("/static/icon-512.png"),
        static_row("/static/icon-maskable-512.png"),
        static_row("/static/apple-touch-icon.png"),
        // Know your rights and the offline page: for everyone.
        row(
            M::GET,
            "/rights",
            vec![get("/rights".into(), "200 200 200 200 200 200")],
        ),
        row(
            M::GET,
            "/offline",
            vec![get("/offline".into(), "200 200 200 200 200 200")],
        ),
        // For crawlers and security researchers; the test server names no security contact.
        row(
            M::GET,
            "/robots.txt",
            vec![get("/robots.txt".into(), "200 200 200 200 200 200")],
        ),
        row(
            M::GET,
            "/.well-known/security.txt",
            vec![get(
                "/.well-known/security.txt".into(),
                "404 404 404 404 404 404",
            )],
        ),
        // Home, language, accounts.
        row(
            M::GET,
            "/",
            vec![get("/".into(), "200 303 303 303 303 303")],
        ),
        row(
            M::POST,
            "/language",
            vec![post(
                "/language".into(),
                &[("language", "en"), ("back", "/")],
                "303 303 303 303 303 303",
            )],
        ),
        row(
            M::GET,
            "/register",
            vec![get("/register".into(), "200 200 200 200 200 200")],
        ),
        row(
            M::POST,
            "/register",
            vec![post(
                "/register".into(),
                &[
                    ("handle", "newcomerROLE"),
                    ("password", "correct horse battery"),
                    ("display_name", "Newcomer"),
                    ("invite", ""),
                ],
                "303 303 303 303 303 303",
            )],
        ),
        row(
            M::GET,
            "/setup/{token}",
            vec![get(
                "/setup/not-the-token".into(),
                "200 200 200 200 200 200",
            )],
        ),
        row(
            M::GET,
            "/login",
            vec![get("/login".into(), "200 303 303 303 303 303")],
        ),
        row(
            M::POST,
            "/login",
            vec![
                post(
                    "/login".into(),
                    &[
                        ("handle", &x.visitor),
                        ("password", "correct horse battery"),
                    ],
                    "303 303 303 303 303 303",
                ),
                // Wrong passwords for a handle each (a handle is locked after a few).
                post(
                    "/login".into(),
                    &[("handle", "strangerROLE"), ("password", "not the password")],
                    "401 401 401 401 401 401",
                ),
            ],
        ),
        // Each signed-in caller logs out of a session of its own.
        row(
            M::POST,
            "/logout",
            vec![post("/logout".into(), &[], "303 303 303 303 303 303")],
        ),
        // Each signed-in caller is an account made for the row: it ends all its sessions.
        row(
            M::POST,
            "/logout/everywhere",
            vec![post(
                "/logout/everywhere".into(),
                &[],
                "login 303 303 303 303 303",
            )],
        ),
        row(
            M::GET,
            "/settings",
            vec![get("/settings".into(), "login 200 200 200 200 200")],
        ),
        row(
            M::POST,
            "/settings",
            vec![post(
                "/settings".into(),
                &[("display_name", "Caller ROLE"), ("language", "en")],
                "login 303 303 303 303 303",
            )],
        ),
        row(
            M::GET,
            "/settings/tokens",
            vec![get("/settings/tokens".into(), "login 200 200 200 200 200")],
        ),
        // With a wrong password: no token is made (making one is tested in tokens.rs).
        row(
            M::POST,
            "/settings/tokens",
            vec![post(
                "/settings/tokens".into(),
                &[
                    ("name", "Token ROLE"),
                    ("scopes", "read"),
                    ("password", "not the password"),
                ],
                "login 422 422 422 422 422",
            )],
        ),
        row(
            M::POST,
            "/settings/tokens/{id}/revoke",
            vec![post(
                "/settings/tokens/0000000000000001/revoke".into(),
                &[],
                "login 404 404 404 404 404",
            )],
        ),
        // With a wrong password: nobody's account goes.
        row(
            M::POST,
            "/settings/delete",
            vec![post(
                "/settings/delete".into(),
                &[("password", "not the password")],
                "login 422 422 422 422 422",
            )],
        ),
        row(
            M::GET,
            "/settings/calendar",
            vec![get(
                "/settings/calendar".into(),
                "login 200 200 200 200 200",
            )],
        ),
        row(
            M::POST,
            "/settings/calendar",
            vec![post(
                "/settings/calendar".into(),
                &[],
                "login 200 200 200 200 200",
            )],
        ),
        row(
            M::GET,
            "/settings/notifications",
            vec![get(
                "/settings/notifications".into(),
                "login 200 200 200 200 200",
            )],
        ),
        row(
            M::POST,
            "/settings/notifications",
            vec![post(
                "/settings/notifications".into(),
                &[("push", "meetings")],
                "login 303 303 303 303 303",
            )],
        ),
        // A mail's unsubscribe link is all it takes, with or without a session or form
        // token (RFC 8058); a GET only asks; a wrong link finds nothing.
        row(
            M::GET,
            "/unsubscribe/{token}",
            vec![
                get(x.unsubscribe.clone(), "200 200 200 200 200 200"),
                get("/unsubscribe/nothing".into(), "404 404 404 404 404 404"),
            ],
        ),
        row(
            M::POST,
            "/unsubscribe/{token}",
            vec![
                post(
                    x.unsubscribe.clone(),
                    &[("List-Unsubscribe", "One-Click")],
                    "200 200 200 200 200 200",
                ),
                post(
                    "/unsubscribe/nothing".into(),
                    &[("List-Unsubscribe", "One-Click")],
                    "404 404 404 404 404 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/settings/notifications/push",
            vec![post(
                "/settings/notifications/push".into(),
                &[("subscription", &subscription)],
                "login 204 204 204 204 204",
            )],
        ),
        row(
            M::POST,
            "/settings/notifications/push/remove",
            vec![post(
                "/settings/notifications/push/remove".into(),
                &[("endpoint", "https://push.example.net/send/ROLE")],
                "login 204 204 204 204 204",
            )],
        ),
        // The dashboard and committees.
        row(
            M::GET,
            "/dashboard",
            vec![get("/dashboard".into(), "login 200 200 200 200 200")],
        ),
        row(
            M::POST,
            "/dashboard/code",
            vec![post(
                "/dashboard/code".into(),
                &[("code", "abcd-efgh")],
                "login 303 303 303 303 303",
            )],
        ),
        row(
            M::POST,
            "/admin/invites",
            vec![post(
                "/admin/invites".into(),
                &[],
                "login 403 403 403 403 403",
            )],
        ),
        row(
            M::GET,
            "/committees/new",
            vec![get("/committees/new".into(), "login 200 200 200 200 200")],
        ),
        row(
            M::POST,
            "/committees/new",
            vec![post(
                "/committees/new".into(),
                &[("kind", "council"), ("name", "New council ROLE")],
                "login 303 303 303 303 303",
            )],
        ),
        row(
            M::GET,
            "/committees/{id}",
            vec![
                get(format!("/committees/{a}"), "login 404 404 200 200 200"),
                get(format!("/committees/{b}"), "login 404 200 404 404 404"),
                get(format!("/committees/{c}"), "login 404 200 200 200 200"),
                // A malformed id names nothing, for anyone.
                get("/committees/not-an-id".into(), "404 404 404 404 404 404"),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/invites",
            vec![
                post(
                    format!("/committees/{a}/invites"),
                    &[("kind", "member")],
                    "login 404 404 303 303 303",
                ),
                post(
                    format!("/committees/{a}/invites"),
                    &[("kind", "affiliation")],
                    "login 404 404 403 403 422",
                ),
                // In a council, those of the committees below are not members.
                post(
                    format!("/committees/{c}/invites"),
                    &[("kind", "member")],
                    "login 404 404 404 303 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/invites/{invite}/revoke",
            vec![post(
                format!("/committees/{a}/invites/{}/revoke", w.invite_to_revoke),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        // Asking first: the page names whom and what; only the coordinator may be asked,
        // the plain member leaving alone. Before the rows that make the changes.
        row(
            M::GET,
            "/committees/{id}/members/{account}/role",
            vec![
                get(
                    format!(
                        "/committees/{a}/members/{}/role?role=coordinator",
                        w.member_to_promote
                    ),
                    "login 404 404 403 403 200",
                ),
                // Already a member: nothing to ask, back to the committee.
                get(
                    format!(
                        "/committees/{a}/members/{}/role?role=member",
                        w.member_to_promote
                    ),
                    "login 404 404 403 403 303",
                ),
            ],
        ),
        row(
            M::GET,
            "/committees/{id}/members/{account}/remove",
            vec![
                get(
                    format!("/committees/{a}/members/{}/remove", w.member_to_remove),
                    "login 404 404 403 403 200",
                ),
                // The plain member leaving.
                get(
                    format!("/committees/{a}/members/{}/remove", member_id),
                    "login 404 404 200 403 200",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/members/{account}/role",
            vec![post(
                format!("/committees/{a}/members/{}/role", w.member_to_promote),
                &[("role", "coordinator")],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::POST,
            "/committees/{id}/members/{account}/remove",
            vec![post(
                format!("/committees/{a}/members/{}/remove", w.member_to_remove),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::POST,
            "/committees/{id}/affiliations",
            vec![post(
                format!("/committees/{a}/affiliations"),
                &[("code", &w.affiliation_code)],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::POST,
            "/committees/{id}/affiliations/{council}/end",
            vec![post(
                format!("/committees/{a}/affiliations/{}/end", w.council2),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::POST,
            "/committees/{id}/time-zone",
            vec![
                post(
                    format!("/committees/{a}/time-zone"),
                    &[("time_zone", "America/Chicago")],
                    "login 404 404 403 403 303",
                ),
                post(
                    format!("/committees/{c}/time-zone"),
                    &[("time_zone", "America/Chicago")],
                    "login 404 404 404 403 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/workforce",
            vec![
                post(
                    format!("/committees/{a}/workforce"),
                    &[("estimated_workforce", "40")],
                    "login 404 404 403 403 303",
                ),
                post(
                    format!("/committees/{c}/workforce"),
                    &[("estimated_workforce", "40")],
                    "login 404 404 404 403 404",
                ),
            ],
        ),
        // Contacts: members only; a council's are its own members'.
        row(
            M::GET,
            "/committees/{id}/contacts",
            vec![
                get(
                    format!("/committees/{a}/contacts"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/contacts"),
                    "login 404 404 404 200 404",
                ),
                get(
                    format!("/committees/{b}/contacts"),
                    "login 404 200 404 404 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/contacts",
            vec![
                post(
                    format!("/committees/{a}/contacts"),
                    &[("label", "Legal hotline"), ("value", "555 0100")],
                    "login 404 404 403 403 303",
                ),
                post(
                    format!("/committees/{c}/contacts"),
                    &[("label", "Legal hotline"), ("value", "555 0100")],
                    "login 404 404 404 403 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/contacts/{line}/remove",
            vec![post(
                format!("/committees/{a}/contacts/{}/remove", x.contact_line),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::GET,
            "/committees/{id}/audit",
            vec![
                get(
                    format!("/committees/{a}/audit"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/audit"),
                    "login 404 404 404 200 404",
                ),
                get(
                    format!("/committees/{b}/audit"),
                    "login 404 200 404 404 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/invites/{code}",
            vec![
                get(format!("/invites/{}", w.invite), "200 200 200 200 200 200"),
                get("/invites/no-such-code".into(), "404 404 404 404 404 404"),
            ],
        ),
        row(
            M::GET,
            "/invites/{code}/qr.svg",
            vec![
                get(
                    format!("/invites/{}/qr.svg", w.invite),
                    "200 200 200 200 200 200",
                ),
                get(
                    "/invites/no-such-code/qr.svg".into(),
                    "404 404 404 404 404 404",
                ),
            ],
        ),
        // Delegates and demands.
        row(
            M::GET,
            "/committees/{id}/delegates",
            vec![
                get(
                    format!("/committees/{a}/delegates"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/delegates"),
                    "login 404 404 404 200 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/committees/{id}/demands",
            vec![
                get(
                    format!("/committees/{a}/demands"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/demands"),
                    "login 404 200 200 200 200",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/demands",
            vec![
                post(
                    format!("/committees/{a}/demands"),
                    &[("title", "More breaks"), ("body", "Text")],
                    "login 404 404 303 303 303",
                ),
                post(
                    format!("/committees/{c}/demands"),
                    &[("title", "More breaks"), ("body", "Text")],
                    "login 404 404 404 303 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/demands/{id}",
            vec![get(
                format!("/demands/{}", w.demand),
                "login 404 404 200 200 200",
            )],
        ),
        row(
            M::GET,
            "/committees/{id}/program",
            vec![
                get(
                    format!("/committees/{c}/program"),
                    "login 404 200 200 200 200",
                ),
                get(
                    format!("/committees/{b}/program"),
                    "login 404 422 404 404 404",
                ),
            ],
        ),
        // Meetings.
        row(
            M::GET,
            "/committees/{id}/meetings",
            vec![
                get(
                    format!("/committees/{a}/meetings"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/meetings"),
                    "login 404 404 404 200 404",
                ),
                get(
                    format!("/committees/{b}/meetings"),
                    "login 404 200 404 404 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/meetings",
            vec![
                post(
                    format!("/committees/{a}/meetings"),
                    &[
                        ("title", "More"),
                        ("starts_at_local", &later),
                        ("location", "Hall"),
                        ("agenda", "Pay"),
                    ],
                    "login 404 404 303 303 303",
                ),
                post(
                    format!("/committees/{a}/meetings"),
                    &[
                        ("title", "Now"),
                        ("starts_at_local", &soon),
                        ("location", "Hall"),
                        ("emergency", "on"),
                    ],
                    "login 404 404 403 403 303",
                ),
                post(
                    format!("/committees/{c}/meetings"),
                    &[
                        ("title", "Council"),
                        ("starts_at_local", &later),
                        ("location", "Hall"),
                    ],
                    "login 404 404 404 303 404",
                ),
            ],
        ),
        // A feed's secret name is all it takes; a wrong one finds nothing. Before the row
        // that makes new links, which replace the one made for this row.
        row(
            M::GET,
            "/calendar/{file}",
            vec![
                get(
                    format!("/calendar/{}", x.calendar),
                    "200 200 200 200 200 200",
                ),
                get(
                    "/calendar/no-such-feed.ics".into(),
                    "404 404 404 404 404 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/calendar",
            vec![
                post(
                    format!("/committees/{a}/calendar"),
                    &[],
                    "login 404 404 200 200 200",
                ),
                post(
                    format!("/committees/{c}/calendar"),
                    &[],
                    "login 404 404 404 200 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/meetings/{id}",
            vec![get(
                format!("/meetings/{}", w.meeting),
                "login 404 404 200 200 200",
            )],
        ),
        row(
            M::POST,
            "/meetings/{id}/attendance",
            vec![post(
                format!("/meetings/{}/attendance", w.meeting),
                &[("status", "yes")],
                "login 404 404 303 303 303",
            )],
        ),
        row(
            M::POST,
            "/meetings/{id}/minutes",
            vec![post(
                format!("/meetings/{}/minutes", w.meeting),
                &[("text", "We met.")],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::POST,
            "/meetings/{id}/attended",
            vec![post(
                format!("/meetings/{}/attended", w.meeting),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        // Its caller (the coordinator) or a coordinator changes a meeting or calls it off;
        // the page asks first.
        row(
            M::POST,
            "/meetings/{id}/edit",
            vec![post(
                format!("/meetings/{}/edit", w.meeting),
                &[
                    ("title", "Shift meeting"),
                    ("starts_at_local", &later),
                    ("location", "Union hall, room 2"),
                    ("agenda", "Pay"),
                ],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::GET,
            "/meetings/{id}/cancel",
            vec![get(
                format!("/meetings/{}/cancel", w.meeting_to_cancel),
                "login 404 404 403 403 200",
            )],
        ),
        row(
            M::POST,
            "/meetings/{id}/cancel",
            vec![post(
                format!("/meetings/{}/cancel", w.meeting_to_cancel),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        // Motions.
        row(
            M::GET,
            "/committees/{id}/motions",
            vec![
                get(
                    format!("/committees/{a}/motions"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/motions"),
                    "login 404 404 404 200 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/committees/{id}/motions/new",
            vec![
                get(
                    format!("/committees/{a}/motions/new"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/motions/new"),
                    "login 404 404 404 200 404",
                ),
                // Each kind's form, also where it has nothing to choose from (no demand to
                // amend, no delegate to recall): the HTML check sees them all.
                get(
                    format!("/committees/{a}/motions/new?kind=adopt_demand"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{a}/motions/new?kind=amend_demand"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{a}/motions/new?kind=elect_delegates"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{a}/motions/new?kind=recall"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/motions/new?kind=endorse_demand"),
                    "login 404 404 404 200 404",
                ),
                get(
                    format!("/committees/{c}/motions/new?kind=recall"),
                    "login 404 404 404 200 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/motions/new",
            vec![post(
                format!("/committees/{a}/motions/new"),
                &[
                    ("kind", "decision"),
                    ("title", "More"),
                    ("ballot", "open"),
                    ("closes_at_local", &in_two),
                    ("quorum_percent", "50"),
                    ("majority", "simple"),
                ],
                "login 404 404 303 303 303",
            )],
        ),
        row(
            M::GET,
            "/motions/{id}",
            vec![get(
                format!("/motions/{}", w.motion),
                "login 404 404 200 200 200",
            )],
        ),
        row(
            M::POST,
            "/motions/{id}/ballot",
            vec![post(
                format!("/motions/{}/ballot", w.motion),
                &[("choice", "yes")],
                "login 404 404 303 303 303",
            )],
        ),
        // A secret ballot is asked once more (by POST: the choice stays out of addresses);
        // an open one needs no asking and goes back to the motion.
        row(
            M::POST,
            "/motions/{id}/ballot/confirm",
            vec![
                post(
                    format!("/motions/{}/ballot/confirm", w.secret_motion),
                    &[("choice", "yes")],
                    "login 404 404 200 200 200",
                ),
                post(
                    format!("/motions/{}/ballot/confirm", w.motion),
                    &[("choice", "yes")],
                    "login 404 404 303 303 303",
                ),
            ],
        ),
        row(
            M::POST,
            "/motions/{id}/close",
            vec![post(
                format!("/motions/{}/close", w.motion_to_close),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        // Actions.
        row(
            M::GET,
            "/committees/{id}/actions",
            vec![
                get(
                    format!("/committees/{a}/actions"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/actions"),
                    "login 404 200 200 200 200",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/actions",
            vec![
                post(
                    format!("/committees/{a}/actions"),
                    &walkout,
                    "login 404 404 403 403 303",
                ),
                post(
                    format!("/committees/{c}/actions"),
                    &walkout,
                    "login 404 404 404 403 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/actions/{id}",
            vec![
                get(
                    format!("/actions/{}", w.action),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/actions/{}", w.private_action),
                    "login 404 404 200 200 200",
                ),
            ],
        ),
        row(
            M::POST,
            "/actions/{id}/pledge",
            vec![post(
                format!("/actions/{}/pledge", w.action),
                &[],
                "login 404 404 303 303 303",
            )],
        ),
        row(
            M::POST,
            "/actions/{id}/withdraw",
            vec![post(
                format!("/actions/{}/withdraw", w.action),
                &[],
                "login 404 404 303 303 303",
            )],
        ),
        row(
            M::POST,
            "/actions/{id}/cancel",
            vec![post(
                format!("/actions/{}/cancel", w.action_to_cancel),
                &[],
                "login 404 404 403 403 303",
            )],
        ),
        row(
            M::GET,
            "/public/actions/{id}",
            vec![
                get(
                    format!("/public/actions/{}", w.action),
                    "200 200 200 200 200 200",
                ),
                get(
                    format!("/public/actions/{}", w.private_action),
                    "404 404 404 404 404 404",
                ),
            ],
        ),
        // Incidents: a report reaches the committees affiliated to the reporter's councils.
        row(
            M::GET,
            "/incidents",
            vec![get("/incidents".into(), "login 200 200 200 200 200")],
        ),
        row(
            M::POST,
            "/incidents",
            vec![
                post(
                    "/incidents".into(),
                    &[
                        ("committee", a),
                        ("kind", "staging"),
                        ("summary", "Vans"),
                        ("location", "Lot"),
                        ("urgency", "soon"),
                    ],
                    "login 404 404 303 303 303",
                ),
                post(
                    "/incidents".into(),
                    &[
                        ("committee", c),
                        ("kind", "staging"),
                        ("summary", "Vans"),
                        ("location", "Lot"),
                        ("urgency", "soon"),
                    ],
                    "login 404 404 404 303 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/incidents/{id}",
            vec![get(
                format!("/incidents/{}", w.incident),
                "login 404 200 200 200 200",
            )],
        ),
        row(
            M::POST,
            "/incidents/{id}/resolve",
            vec![post(
                format!("/incidents/{}/resolve", w.incident_to_resolve),
                &[("note", "Gone.")],
                "login 404 403 403 403 303",
            )],
        ),
        row(
            M::POST,
            "/incidents/{id}/{step}",
            vec![
                post(
                    format!("/incidents/{}/confirm", w.incident),
                    &[],
                    "login 404 303 303 303 422",
                ),
                post(
                    format!("/incidents/{}/respond", w.incident),
                    &[("role", "witness")],
                    "login 404 303 303 303 303",
                ),
                post(
                    format!("/incidents/{}/stand-down", w.incident),
                    &[],
                    "login 404 303 303 303 303",
                ),
                post(
                    format!("/incidents/{}/no-such-step", w.incident),
                    &[],
                    "login 404 404 404 404 404",
                ),
                post(
                    format!("/incidents/{}/widen", w.incident_to_widen),
                    &[],
                    "login 404 403 403 403 303",
                ),
                post(
                    format!("/incidents/{}/false-alarm", w.incident_to_withdraw),
                    &[],
                    "login 404 403 403 403 303",
                ),
            ],
        ),
        // Bulletins.
        row(
            M::GET,
            "/committees/{id}/bulletins",
            vec![
                get(
                    format!("/committees/{a}/bulletins"),
                    "login 404 404 200 200 200",
                ),
                get(
                    format!("/committees/{c}/bulletins"),
                    "login 404 200 200 200 200",
                ),
                // B's network bulletins reach the council, where the delegate sits.
                get(
                    format!("/committees/{b}/bulletins"),
                    "login 404 200 404 200 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/committees/{id}/bulletins",
            vec![
                post(
                    format!("/committees/{a}/bulletins"),
                    &news,
                    "login 404 404 403 403 303",
                ),
                post(
                    format!("/committees/{c}/bulletins"),
                    &news,
                    "login 404 404 404 403 404",
                ),
            ],
        ),
        row(
            M::GET,
            "/bulletins/{id}",
            vec![get(
                format!("/bulletins/{}", w.bulletin),
                "login 404 404 200 200 200",
            )],
        ),
        row(
            M::GET,
            "/feed",
            vec![get("/feed".into(), "login 200 200 200 200 200")],
        ),
        // Notifications.
        row(
            M::GET,
            "/notifications",
            vec![get("/notifications".into(), "login 200 200 200 200 200")],
        ),
        row(
            M::GET,
            "/notifications/{id}/open",
            vec![
                get(
                    format!("/notifications/{}/open", x.notification),
                    "login 404 404 303 404 404",
                ),
                get(
                    "/notifications/0000000000000001/open".into(),
                    "login 404 404 404 404 404",
                ),
            ],
        ),
        row(
            M::POST,
            "/notifications/read",
            vec![post(
                "/notifications/read".into(),
                &[],
                "login 303 303 303 303 303",
            )],
        ),
        // Last: accepting lets the callers into A.
        row(
            M::POST,
            "/invites/{code}/accept",
            vec![post(
                format!("/invites/{}/accept", w.invite),
                &[],
                "login 303 303 409 409 409",
            )],
        ),
    ]
}

/// How a caller comes to the server: its cookies and the form token that goes with them.
pub(crate) struct Visitor {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

/// A client that keeps no cookies and follows no redirects: every call carries exactly the
/// caller's cookies, so no answer changes who the next call comes from.
pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) location: Option<String>,
    pub(crate) body: String,
}

pub(crate) async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    method: &Method,
    path: &str,
    visitor: Option<&Visitor>,
    form: Option<&Form>,
) -> Answer {
    let mut request = client.request(method.clone(), app.url(path));
    if let Some(visitor) = visitor {
        request = request.header("cookie", &visitor.cookie);
    }
    if let Some(form) = form {
        let mut fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if let Some(visitor) = visitor {
            fields.push(("csrf", &visitor.csrf));
        }
        request = request.form(&fields);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.text().await.unwrap_or_default();
    Answer {
        status,
        location,
        body,
    }
}

/// The form token on a page.
fn csrf_on(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("a form with a CSRF token") + marker.len();
    page[start..].split('"').next().unwrap_or("").to_owned()
}

/// A signed-in visitor on the session `token`, with the form token the server gives it.
pub(crate) async fn signed_in(app: &TestApp, client: &reqwest::Client, token: &str) -> Visitor {
    let mut visitor = Visitor {
        cookie: format!("{SESSION_COOKIE}={token}"),
        csrf: String::new(),
    };
    let page = send(
        app,
        client,
        &Method::GET,
        "/dashboard",
        Some(&visitor),
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    visitor.csrf = csrf_on(&page.body);
    visitor
}

/// An anonymous visitor with the form cookie a browser gets on its first page, and the
/// token that goes with it.
pub(crate) async fn anonymous(app: &TestApp, client: &reqwest::Client) -> Visitor {
    let response = client.get(app.url("/login")).send().await.expect("page");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with(&format!("{CSRF_COOKIE}=")))
        .and_then(|c| c.split(';').next())
        .expect("a form cookie")
        .to_owned();
    let page = response.text().await.expect("page");
    Visitor {
        cookie,
        csrf: csrf_on(&page),
    }
}

/// Whether an answer is the one a matrix cell names.
fn matches(expected: &str, answer: &Answer) -> bool {
    let login = answer
        .location
        .as_deref()
        .is_some_and(|l| l.starts_with("/login?next="));
    match expected {
        "login" => answer.status == StatusCode::SEE_OTHER && login,
        "303" => answer.status == StatusCode::SEE_OTHER && !login,
        code => code.parse::<u16>().expect("status") == answer.status.as_u16(),
    }
}

fn shown(answer: &Answer) -> String {
    match answer.status {
        StatusCode::SEE_OTHER
            if answer
                .location
                .as_deref()
                .is_some_and(|l| l.starts_with("/login?next=")) =>
        {
            "login".into()
        }
        status => status.as_u16().to_string(),
    }
}

/// Fills the per-caller placeholders of a form.
pub(crate) fn for_role(form: &Form, role: usize) -> Form {
    form.iter()
        .map(|(k, v)| (*k, v.replace("ROLE", &role.to_string())))
        .collect()
}

async fn every_page_answers_each_caller_as_the_matrix_says(app: TestApp) {
    let world = build(&app).await;
    let coord = world.user(5).expect("coordinator");
    let member = world.user(3).expect("member");
    let (status, link) = app
        .post(
            &format!("/api/v1/committees/{}/calendar", world.a),
            &coord.token,
            json!({}),
        )
        .await;
    assert!(status.is_success(), "{link}");
    let calendar = link["url"]
        .as_str()
        .and_then(|url| url.rsplit('/').next())
        .expect("a calendar link")
        .to_owned();
    let (_, inbox) = app.get("/api/v1/notifications", &member.token).await;
    let first = inbox["items"].get(0).or_else(|| inbox.get(0));
    let notification = first
        .and_then(|n| n["id"].as_str())
        .unwrap_or_else(|| panic!("a notification for the member: {inbox}"))
        .to_owned();
    let visitor = app.register("visitor").await;
    let extra = Extra {
        calendar,
        notification,
        unsubscribe: unsubscribe_path(&app, &visitor.id),
        visitor: visitor.handle,
        contact_line: contact_line(&app, &world.a, &coord.token).await,
    };
    let rows = matrix(&world, &extra);

    // Every page route has a row, and every row a route.
    let in_matrix: BTreeSet<String> = rows.iter().map(|r| r.route.to_owned()).collect();
    let in_source: BTreeSet<String> = routes_in_source()
        .into_iter()
        .filter(|r| !NOT_PAGES.contains(&r.as_str()))
        .collect();
    let missing: Vec<_> = in_source.difference(&in_matrix).collect();
    let stale: Vec<_> = in_matrix.difference(&in_source).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without a row in the matrix: {missing:?}; rows for routes that are gone: {stale:?}"
    );
    let keys: BTreeSet<String> = rows
        .iter()
        .map(|r| format!("{} {}", r.method, r.route))
        .collect();
    assert_eq!(keys.len(), rows.len(), "a route and method have two rows");

    // Every method a route answers has a row: the others are 405.
    let client = client();
    let mut unlisted = Vec::new();
    for route in &in_matrix {
        let path = &rows
            .iter()
            .find(|r| r.route == route)
            .and_then(|r| r.cases.first())
            .expect("a case")
            .path;
        for method in &METHODS {
            if keys.contains(&format!("{method} {route}")) {
                continue;
            }
            let answer = send(&app, &client, method, path, None, None).await;
            if answer.status != StatusCode::METHOD_NOT_ALLOWED {
                unlisted.push(format!("{method} {route} ({})", answer.status));
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "methods the server answers without a row in the matrix: {unlisted:?}"
    );

    let anonymous = anonymous(&app, &client).await;
    let mut visitors = vec![None];
    for role in 1..ROLES.len() {
        let user = world.user(role).expect("a signed-in caller");
        visitors.push(Some(signed_in(&app, &client, &user.token).await));
    }

    let mut wrong = Vec::new();
    let mut leaks = Vec::new();
    let mut pages = Vec::new();
    let mut calls = 0;
    for row in &rows {
        for case in &row.cases {
            let expected: Vec<&str> = case.expect.split_whitespace().collect();
            assert_eq!(expected.len(), ROLES.len(), "{} {}", row.method, case.path);
            let mut got = Vec::new();
            let mut differs = false;
            for (role, expect) in expected.iter().enumerate() {
                // Logging out ends the session it is sent with: use a fresh one.
                let fresh;
                let visitor = match &visitors[role] {
                    Some(_) if row.route == "/logout" => {
                        let user = world.user(role).expect("user");
                        let session = app.log_in(&user.handle).await;
                        fresh = signed_in(&app, &client, &session.token).await;
                        &fresh
                    }
                    Some(_) if row.route == "/logout/everywhere" => {
                        let user = app.register(&format!("everywhere{role}")).await;
                        fresh = signed_in(&app, &client, &user.token).await;
                        &fresh
                    }
                    Some(visitor) => visitor,
                    None => &anonymous,
                };
                let form = case.form.as_ref().map(|f| for_role(f, role));
                let answer = send(
                    &app,
                    &client,
                    &row.method,
                    &case.path,
                    Some(visitor),
                    form.as_ref(),
                )
                .await;
                calls += 1;
                if row.method == Method::GET && answer.body.starts_with("<!doctype html>") {
                    pages.push((
                        format!("{} as {}", case.path, ROLES[role]),
                        answer.body.clone(),
                    ));
                }
                differs |= !matches(expect, &answer);
                if answer.status == StatusCode::NOT_FOUND
                    && let Some(name) = NAMES.iter().find(|n| answer.body.contains(*n))
                {
                    leaks.push(format!(
                        "{} {} as {}: a 404 naming {name}",
                        row.method, case.path, ROLES[role]
                    ));
                }
                got.push(shown(&answer));
            }
            if differs {
                wrong.push(format!(
                    "{} {} ({}): expected {}, got {}",
                    row.method,
                    row.route,
                    case.path,
                    case.expect,
                    got.join(" ")
                ));
            }
        }
    }
    assert!(calls > 600, "only {calls} calls");
    assert!(
        wrong.is_empty() && leaks.is_empty(),
        "answers differ from the matrix (callers: {}):\n{}\n{}",
        ROLES.join(" "),
        wrong.join("\n"),
        leaks.join("\n")
    );
    // Every page shown, as each caller, is valid HTML.
    crate::html::check(&pages);
}
