//! No way to tell a hidden id from one that names nothing. Every call of both authorization
//! matrices (`authorization.rs` for the API, `page_matrix.rs` for the pages), and a few more
//! that carry ids in their bodies and forms, is sent again with one of its ids (or codes)
//! replaced, once by the id of a real object of the same kind that none of the callers may
//! see (made by a stranger in a committee of their own), once by a made-up id, as each kind
//! of caller: both answers must have the same status, the same body (the id itself aside,
//! which pages echo in their links) and, on pages, the same redirect.
//!
//! The stranger's codes are revoked ones, of both kinds: a code nobody may use must answer
//! as one that never existed. Calendar links are secrets, not ids, and are left out.
//!
//! The calls come from a loopback address of their own (not 127.0.0.1), so that the
//! per-address limit on invite codes tried counts them apart from the world's making.

use std::net::IpAddr;

use outnumber::core::Id;
use outnumber::core::ids::invite_code;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::authorization::{self, ROLES, World, build, case, in_hours};
use crate::both;
use crate::common::{TestApp, User};
use crate::page_matrix::{self, Extra, Form, Visitor, local_in_hours, post, send, signed_in};

both!(
    hidden_ids_answer_as_made_up_ones_on_the_api,
    hidden_ids_answer_as_made_up_ones_on_the_pages,
);

/// What the stranger made, which nobody in the world may see.
struct Hidden {
    depot: String,
    council: String,
    member: String,
    meeting: String,
    motion: String,
    demand: String,
    action: String,
    incident: String,
    bulletin: String,
    invite_id: String,
    revoked_member_code: String,
    revoked_affiliation_code: String,
    notification: String,
}

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_owned()
}

async fn made(app: &TestApp, by: &User, path: &str, body: Value) -> Value {
    let (status, made) = app.post(path, &by.token, body).await;
    assert!(status.is_success(), "{path}: {status} {made}");
    made
}

async fn hidden(app: &TestApp) -> Hidden {
    let stranger = app.register("stranger").await;
    let depot = app.workplace(&stranger, "Hidden depot").await;
    let council = app.council(&stranger, "Hidden council").await;
    app.affiliate(&stranger, &council, &stranger, &depot).await;
    let member = app.member(&stranger, &depot, "hiddenmember").await;
    let in_depot = |what: &str| format!("/api/v1/committees/{depot}/{what}");
    let meeting = made(
        app,
        &stranger,
        &in_depot("meetings"),
        json!({ "title": "Hidden meeting", "starts_at": in_hours(30), "location": "Back room" }),
    )
    .await;
    let motion = made(
        app,
        &stranger,
        &in_depot("motions"),
        json!({ "kind": "decision", "title": "Hidden motion", "ballot": "open", "closes_at": in_hours(2) }),
    )
    .await;
    let demand = made(
        app,
        &stranger,
        &in_depot("demands"),
        json!({ "title": "Hidden demand", "body": "Kept inside." }),
    )
    .await;
    let action = made(
        app,
        &stranger,
        &in_depot("actions"),
        json!({ "title": "Hidden strike", "kind": "strike", "starts_at": in_hours(24 * 7),
                "threshold": { "pledges": 50 } }),
    )
    .await;
    let incident = made(
        app,
        &stranger,
        &in_depot("incidents"),
        json!({ "kind": "raid", "summary": "Hidden raid", "location": "Gate 9", "urgency": "info" }),
    )
    .await;
    let bulletin = made(
        app,
        &stranger,
        &in_depot("bulletins"),
        json!({ "title": "Hidden news", "body": "Members only.", "audience": "members" }),
    )
    .await;
    let revoked = |path: String, body: Value| {
        let stranger = &stranger;
        async move {
            let invite = made(app, stranger, &path, body).await;
            let (status, answer) = app
                .delete(&format!("{path}/{}", id(&invite)), &stranger.token)
                .await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{answer}");
            invite
        }
    };
    let member_invite = revoked(in_depot("invites"), json!({})).await;
    let affiliation_invite = revoked(
        format!("/api/v1/committees/{council}/invites"),
        json!({ "kind": "affiliation" }),
    )
    .await;
    let (_, inbox) = app.get("/api/v1/notifications", &stranger.token).await;
    let notification = inbox["items"]
        .get(0)
        .or_else(|| inbox.get(0))
        .map(id)
        .unwrap_or_else(|| panic!("a notification for the stranger: {inbox}"));
    let code = |invite: &Value| invite["code"].as_str().expect("code").to_owned();
    Hidden {
        depot,
        council,
        member: member.id,
        meeting: id(&meeting),
        motion: id(&motion),
        demand: id(&demand),
        action: id(&action),
        incident: id(&incident),
        bulletin: id(&bulletin),
        invite_id: id(&member_invite),
        revoked_member_code: code(&member_invite),
        revoked_affiliation_code: code(&affiliation_invite),
        notification,
    }
}

/// A slot: a value of the world that calls carry, the hidden values of its kind that may
/// stand in for it, and whether it is a code (made up as a code, not as an id).
struct Slot {
    real: String,
    hidden: Vec<String>,
    code: bool,
}

/// Every id and code of the world, with its hidden counterparts.
fn slots(w: &World, h: &Hidden, notification: Option<&str>) -> Vec<Slot> {
    let ids = |real: &str, hidden: &str| Slot {
        real: real.to_owned(),
        hidden: vec![hidden.to_owned()],
        code: false,
    };
    let codes = |real: &str| Slot {
        real: real.to_owned(),
        hidden: vec![
            h.revoked_member_code.clone(),
            h.revoked_affiliation_code.clone(),
        ],
        code: true,
    };
    let mut slots = vec![
        ids(&w.a, &h.depot),
        ids(&w.b, &h.depot),
        ids(&w.council, &h.council),
        ids(&w.council2, &h.council),
        ids(&w.meeting, &h.meeting),
        ids(&w.meeting_to_cancel, &h.meeting),
        ids(&w.motion, &h.motion),
        ids(&w.motion_to_close, &h.motion),
        ids(&w.secret_motion, &h.motion),
        ids(&w.demand, &h.demand),
        ids(&w.action, &h.action),
        ids(&w.private_action, &h.action),
        ids(&w.action_to_cancel, &h.action),
        ids(&w.incident, &h.incident),
        ids(&w.incident_to_resolve, &h.incident),
        ids(&w.incident_to_widen, &h.incident),
        ids(&w.incident_to_withdraw, &h.incident),
        ids(&w.bulletin, &h.bulletin),
        ids(&w.invite_to_revoke, &h.invite_id),
        ids(&w.member_to_promote, &h.member),
        ids(&w.member_to_remove, &h.member),
        codes(&w.invite),
        codes(&w.affiliation_code),
    ];
    for user in w.users.iter().flatten() {
        slots.push(ids(&user.id, &h.member));
    }
    if let Some(notification) = notification {
        slots.push(ids(notification, &h.notification));
    }
    slots
}

fn made_up(slot: &Slot) -> String {
    if slot.code {
        invite_code()
    } else {
        Id::random().to_string()
    }
}

/// A client calling from another loopback address than the one the world was made from.
fn client(last: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(IpAddr::from([127, 0, 0, last]))
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

/// What an answer shows, with `id` (as the caller sent it) taken out.
fn shown(status: StatusCode, location: Option<&str>, body: &str, id: &str) -> String {
    format!(
        "{status} {} {}",
        location.unwrap_or("").replace(id, "{X}"),
        body.replace(id, "{X}")
    )
}

/// Sends an API call; what it answers. Live streams are not read (their status is all).
async fn call_api(
    app: &TestApp,
    client: &reqwest::Client,
    method: &Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Option<String>, String) {
    let mut request = client.request(method.clone(), app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let streams = response
        .headers()
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    let body = if streams {
        String::new()
    } else {
        response.text().await.unwrap_or_default()
    };
    (status, location, body)
}

/// An open election in A with the delegate as its candidate, for ballots that name ids.
async fn open_election(app: &TestApp, w: &World) -> String {
    let coord = w.user(5).expect("coordinator");
    let delegate = w.user(4).expect("delegate");
    let election = made(
        app,
        coord,
        &format!("/api/v1/committees/{}/motions", w.a),
        json!({ "kind": "elect_delegates", "title": "Second seat", "ballot": "open",
                "closes_at": in_hours(3), "council_id": w.council2, "seats": 1,
                "candidates": [delegate.id] }),
    )
    .await;
    id(&election)
}

async fn hidden_ids_answer_as_made_up_ones_on_the_api(app: TestApp) {
    let world = build(&app).await;
    let hidden = hidden(&app).await;
    let election = open_election(&app, &world).await;
    let member = world.user(3).expect("member");
    let (_, inbox) = app.get("/api/v1/notifications", &member.token).await;
    let notification = inbox["items"]
        .get(0)
        .or_else(|| inbox.get(0))
        .map(id)
        .unwrap_or_else(|| panic!("a notification for the member: {inbox}"));
    let delegate = &world.user(4).expect("delegate").id;
    let (a, c) = (&world.a, &world.council);
    let motion = |body: Value| {
        let mut base = json!({ "title": "Probe", "ballot": "open", "closes_at": in_hours(2) });
        if let (Some(base), Some(extra)) = (base.as_object_mut(), body.as_object()) {
            base.extend(extra.clone());
        }
        base
    };
    // Ids in bodies that no row of the matrix carries.
    let probes = vec![
        case(
            format!("/committees/{a}/motions"),
            Some(motion(
                json!({ "kind": "elect_delegates", "council_id": c, "seats": 1,
                                "candidates": [delegate] }),
            )),
            "",
        ),
        case(
            format!("/committees/{a}/motions"),
            Some(motion(
                json!({ "kind": "recall", "council_id": c, "delegate_id": delegate }),
            )),
            "",
        ),
        case(
            format!("/committees/{a}/motions"),
            Some(motion(
                json!({ "kind": "adopt_demand", "demand_id": world.demand }),
            )),
            "",
        ),
        case(
            format!("/committees/{a}/motions"),
            Some(motion(
                json!({ "kind": "endorse_demand", "demand_id": world.demand }),
            )),
            "",
        ),
        case(
            format!("/motions/{election}/ballots"),
            Some(json!({ "choice": [delegate] })),
            "",
        ),
        case(
            format!("/meetings/{}/attended", world.meeting),
            Some(json!({ "account_ids": [delegate] })),
            "",
        ),
        case(
            "/notifications/read".into(),
            Some(json!({ "ids": [notification] })),
            "",
        ),
    ];
    let mut calls = vec![];
    for row in authorization::matrix(&world) {
        for case in row.cases {
            calls.push((row.method.clone(), case.path, case.body));
        }
    }
    for probe in probes {
        let method = if probe.path.contains("/attended") {
            Method::PUT
        } else {
            Method::POST
        };
        calls.push((method, probe.path, probe.body));
    }

    let client = client(2);
    let slots = slots(&world, &hidden, Some(&notification));
    let mut differ = Vec::new();
    let mut compared = 0;
    for (method, path, body) in &calls {
        for slot in &slots {
            let text = body.as_ref().map(Value::to_string).unwrap_or_default();
            if !path.contains(&slot.real) && !text.contains(&slot.real) {
                continue;
            }
            for stand_in in &slot.hidden {
                let made_up = made_up(slot);
                for (role, who) in ROLES.iter().enumerate() {
                    let token = world.user(role).map(|u| u.token.as_str());
                    let mut answers = Vec::new();
                    for value in [stand_in, &made_up] {
                        let path = path.replace(&slot.real, value);
                        let body = body.as_ref().map(|b| {
                            let b = authorization::for_role(b, role);
                            serde_json::from_str::<Value>(&b.to_string().replace(&slot.real, value))
                                .expect("json")
                        });
                        let (status, location, text) =
                            call_api(&app, &client, method, &path, token, body.as_ref()).await;
                        answers.push(shown(status, location.as_deref(), &text, value));
                    }
                    compared += 1;
                    if answers[0] != answers[1] {
                        differ.push(format!(
                            "{method} {path} as {who}, {} replaced:\n  hidden:   {}\n  made up:  {}",
                            slot.real, answers[0], answers[1]
                        ));
                    }
                }
            }
        }
    }
    assert!(compared > 400, "only {compared} pairs compared");
    assert!(
        differ.is_empty(),
        "{} of {compared} answers tell a hidden id from a made-up one:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

async fn hidden_ids_answer_as_made_up_ones_on_the_pages(app: TestApp) {
    let world = build(&app).await;
    let hidden = hidden(&app).await;
    let election = open_election(&app, &world).await;
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
    let notification = inbox["items"]
        .get(0)
        .or_else(|| inbox.get(0))
        .map(id)
        .unwrap_or_else(|| panic!("a notification for the member: {inbox}"));
    let visitor = app.register("visitor").await;
    let extra = Extra {
        calendar,
        notification: notification.clone(),
        unsubscribe: page_matrix::unsubscribe_path(&app, &visitor.id),
        visitor: visitor.handle,
        contact_line: page_matrix::contact_line(&app, &world.a, &coord.token).await,
    };
    let delegate = world.user(4).expect("delegate").id.clone();
    let (a, c) = (&world.a, &world.council);
    let in_two = local_in_hours(2);
    let motion_form = |more: &[(&'static str, &str)]| {
        let mut form: Vec<(&'static str, &str)> = vec![
            ("title", "Probe"),
            ("ballot", "open"),
            ("closes_at_local", &in_two),
            ("quorum_percent", "50"),
            ("majority", "simple"),
        ];
        form.extend_from_slice(more);
        post(format!("/committees/{a}/motions/new"), &form, "")
    };
    let seat = format!("{c}/{delegate}");
    let probes = vec![
        motion_form(&[
            ("kind", "elect_delegates"),
            ("council_id", c),
            ("seats", "1"),
            ("candidate", &delegate),
        ]),
        motion_form(&[("kind", "recall"), ("seat", &seat)]),
        motion_form(&[("kind", "adopt_demand"), ("demand_id", &world.demand)]),
        motion_form(&[("kind", "endorse_demand"), ("demand_id", &world.demand)]),
        post(
            format!("/motions/{election}/ballot"),
            &[("candidate", &delegate)],
            "",
        ),
        post(
            format!("/meetings/{}/attended", world.meeting),
            &[("account_ids", &delegate)],
            "",
        ),
    ];
    let mut calls: Vec<(Method, String, Option<Form>)> = Vec::new();
    for row in page_matrix::matrix(&world, &extra) {
        for case in row.cases {
            calls.push((row.method.clone(), case.path, case.form));
        }
    }
    for probe in probes {
        calls.push((Method::POST, probe.path, probe.form));
    }

    let client = client(3);
    let mut visitors: Vec<Visitor> = vec![page_matrix::anonymous(&app, &client).await];
    for role in 1..ROLES.len() {
        let user = world.user(role).expect("a signed-in caller");
        visitors.push(signed_in(&app, &client, &user.token).await);
    }
    let slots = slots(&world, &hidden, Some(&notification));
    let mut differ = Vec::new();
    let mut compared = 0;
    for (method, path, form) in &calls {
        // Logging out ends the session; it carries no id anyway.
        if path == "/logout" {
            continue;
        }
        for slot in &slots {
            let in_form = form
                .as_ref()
                .is_some_and(|f| f.iter().any(|(_, v)| v.contains(&slot.real)));
            if !path.contains(&slot.real) && !in_form {
                continue;
            }
            for stand_in in &slot.hidden {
                let made_up = made_up(slot);
                for (role, visitor) in visitors.iter().enumerate() {
                    let mut answers = Vec::new();
                    for value in [stand_in, &made_up] {
                        let path = path.replace(&slot.real, value);
                        let form = form.as_ref().map(|f| {
                            page_matrix::for_role(f, role)
                                .into_iter()
                                .map(|(k, v)| (k, v.replace(&slot.real, value)))
                                .collect::<Form>()
                        });
                        let answer =
                            send(&app, &client, method, &path, Some(visitor), form.as_ref()).await;
                        answers.push(shown(
                            answer.status,
                            answer.location.as_deref(),
                            &answer.body,
                            value,
                        ));
                    }
                    compared += 1;
                    if answers[0] != answers[1] {
                        differ.push(format!(
                            "{method} {path} as {}, {} replaced:\n  hidden:   {}\n  made up:  {}",
                            ROLES[role],
                            slot.real,
                            clip(&answers[0]),
                            clip(&answers[1])
                        ));
                    }
                }
            }
        }
    }
    assert!(compared > 500, "only {compared} pairs compared");
    assert!(
        differ.is_empty(),
        "{} of {compared} answers tell a hidden id from a made-up one:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// A page's answer, shortened to where it starts to differ from nothing in particular: the
/// status, the redirect and the page's main text.
fn clip(answer: &str) -> String {
    let main = answer
        .find("<main")
        .map_or(answer, |start| &answer[start..]);
    let head: String = answer.chars().take(60).collect();
    let body: String = main.chars().take(400).collect();
    format!("{head} … {body}")
}
