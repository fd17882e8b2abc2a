//! Data minimization, proven: after a full scenario sent from a phone with a telling
//! `User-Agent` and behind a proxy that names the client's address, nothing in the database
//! (every row of every table, and on SQLite the raw bytes of the file and its WAL) holds an
//! IP address, the user agent, an e-mail address or push endpoint in plaintext, or a
//! secret ballot tied to its voter.

use outnumber::core::Timestamp;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::json;

use crate::both;
use crate::common::{Backend, TestApp};

both!(nothing_stored_identifies_a_device_an_address_or_a_secret_vote);

const USER_AGENT: &str = "Mozilla/5.0 (Linux; Android 11; ProbePhone-7731) OutnumberProbe/9.9";
const FORWARDED_FOR: &str = "203.0.113.77";
const EMAIL: &str = "rosa.organizer@example.org";
const ENDPOINT: &str = "https://push.example.net/send/probe-endpoint-5150";

fn probing_client() -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("x-forwarded-for", HeaderValue::from_static(FORWARDED_FOR));
    headers.insert("x-real-ip", HeaderValue::from_static(FORWARDED_FOR));
    headers.insert(
        "forwarded",
        HeaderValue::from_static("for=203.0.113.77;proto=https"),
    );
    reqwest::Client::builder()
        .no_proxy()
        .user_agent(USER_AGENT)
        .default_headers(headers)
        .build()
        .expect("client")
}

async fn nothing_stored_identifies_a_device_an_address_or_a_secret_vote(app: TestApp) {
    let mut app = app;
    app.client = probing_client();

    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let amir = app.member(&rosa, &depot, "amir").await;
    let mei = app.member(&rosa, &depot, "mei").await;
    // Moves the motion and does not vote: the motion's row names its mover.
    let june = app.member(&rosa, &depot, "june").await;
    // A second log-in, as from another phone.
    app.log_in("amir").await;

    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &rosa.token,
            json!({ "email": EMAIL }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .post(
            "/api/v1/push-subscriptions",
            &rosa.token,
            json!({ "endpoint": ENDPOINT, "keys": {
                "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                "auth": "tBHItJI5svbpez7KI4CCXg" } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    // Secret ballots, closed so the tally is written.
    let (status, motion) = app
        .post(
            &format!("/api/v1/committees/{depot}/motions"),
            &june.token,
            json!({ "kind": "decision", "title": "Strike vote", "ballot": "secret",
                    "closes_at": Timestamp::now().plus_hours(1).rfc3339(), "quorum": 0 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{motion}");
    let motion = motion["id"].as_str().expect("id").to_owned();
    let voters = [(&rosa, "yes"), (&amir, "no"), (&mei, "abstain")];
    for (voter, choice) in voters {
        let (status, body) = app
            .post(
                &format!("/api/v1/motions/{motion}/ballots"),
                &voter.token,
                json!({ "choice": choice }),
            )
            .await;
        assert!(status.is_success(), "{body}");
    }
    let (status, closed) = app
        .post(
            &format!("/api/v1/motions/{motion}/close"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{closed}");

    // An incident and a pledge.
    let (status, body) = app
        .post(
            &format!("/api/v1/committees/{depot}/incidents"),
            &amir.token,
            json!({ "kind": "raid", "summary": "Agents at gate 3", "location": "Gate 3", "urgency": "now" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Walkout", "kind": "walkout", "starts_at": Timestamp::now().plus_hours(48).rfc3339(),
                    "threshold": { "pledges": 10 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let action = action["id"].as_str().expect("id").to_owned();
    for member in [&rosa, &amir, &mei] {
        let (status, body) = app
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/actions/{action}/pledges"),
                Some(&member.token),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    let forbidden = [
        ("the forwarded address", FORWARDED_FOR),
        ("the peer address", "127.0.0.1"),
        ("the user agent", "ProbePhone"),
        ("the user agent", "OutnumberProbe"),
        ("an e-mail address", EMAIL),
        ("an e-mail address", "@example.org"),
        ("a push endpoint", "probe-endpoint-5150"),
        ("a push endpoint", "push.example.net"),
    ];
    let rows = app.dump().await;
    assert!(rows.len() > 20, "the dump reads the tables");
    for (table, values) in &rows {
        let row = values.join(" | ");
        for (what, text) in forbidden {
            assert!(!row.contains(text), "{table} holds {what}: {row}");
        }
        // No row names a voter, the secret motion and a choice; the participation table
        // holds the motion and the voter and nothing else.
        let names_voter = voters.iter().any(|(v, _)| row.contains(&v.id));
        let names_choice = ["yes", "no", "abstain"].iter().any(|choice| {
            values
                .iter()
                .any(|v| v == choice || v.contains(&format!("\"{choice}\"")))
        });
        if names_voter && row.contains(&motion) {
            assert!(!names_choice, "{table} ties a voter to a choice: {row}");
        }
        if table == "secret_participation" {
            assert_eq!(values.len(), 2, "{row}");
        }
        if table == "secret_sums" || table == "secret_tally" {
            assert!(!names_voter, "the sums name a voter: {row}");
        }
    }
    assert_eq!(
        rows.iter()
            .filter(|(t, _)| t == "secret_participation")
            .count(),
        3
    );

    // On SQLite, the bytes of the file and its log, free pages included.
    if app.backend == Backend::Sqlite {
        let path = app
            .database_url
            .strip_prefix("sqlite://")
            .expect("sqlite url")
            .to_owned();
        for file in [path.clone(), format!("{path}-wal")] {
            // The log may have been checkpointed away; the database file must be there.
            let bytes = match std::fs::read(&file) {
                Ok(bytes) => bytes,
                Err(_) if file.ends_with("-wal") => continue,
                Err(err) => panic!("{file}: {err}"),
            };
            for (what, text) in forbidden {
                assert!(
                    !bytes.windows(text.len()).any(|w| w == text.as_bytes()),
                    "{file} holds {what}"
                );
            }
        }
    }
}
