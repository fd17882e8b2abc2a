//! Delivery to phones and e-mail, end to end: the test runs a push service of its own on
//! loopback that checks each request's VAPID signature and decrypts its payload with the
//! subscription's private key (RFC 8291), and a real SMTP server (Python's aiosmtpd) that
//! writes what it receives to a mail folder.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hkdf::Hkdf;
use outnumber::core::ids::random_bytes;
use outnumber::core::{Id, Timestamp};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2_11::Sha256;

use crate::both;
use crate::common::{Backend, TestApp, User, assert_error};
use crate::pages::{Browser, register};

// ---- the test's own push service ----

/// One request the push service received, checked and decrypted.
#[derive(Debug, Clone)]
struct Received {
    message: Value,
    urgency: String,
    ttl: u64,
}

struct PushState {
    /// The status the next requests are answered with.
    answer: AtomicU16,
    /// Whether requests are held for minutes before they are answered.
    stall: AtomicBool,
    received: Mutex<Vec<Received>>,
    /// Requests that failed a check, with the reason.
    rejected: Mutex<Vec<String>>,
    /// Every request that passed the checks, whatever it was answered.
    requests: AtomicUsize,
    subscriber: SecretKey,
    auth: [u8; 16],
    /// The server's VAPID public key, as it publishes it.
    vapid_public: Mutex<String>,
    origin: String,
}

struct PushService {
    state: Arc<PushState>,
    endpoint: String,
}

impl PushService {
    async fn start() -> PushService {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind push service");
        let addr = listener.local_addr().expect("address");
        let subscriber = loop {
            if let Ok(key) = SecretKey::from_slice(&random_bytes::<32>()) {
                break key;
            }
        };
        let state = Arc::new(PushState {
            answer: AtomicU16::new(201),
            stall: AtomicBool::new(false),
            received: Mutex::new(Vec::new()),
            rejected: Mutex::new(Vec::new()),
            requests: AtomicUsize::new(0),
            subscriber,
            auth: random_bytes::<16>(),
            vapid_public: Mutex::new(String::new()),
            origin: format!("http://{addr}"),
        });
        let router = axum::Router::new()
            .route("/push/{token}", axum::routing::post(receive))
            .with_state(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        PushService {
            state,
            endpoint: format!("http://{addr}/push/{}", Id::random()),
        }
    }

    fn subscription(&self) -> Value {
        let public = self.state.subscriber.public_key().to_encoded_point(false);
        json!({
            "endpoint": self.endpoint,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(public.as_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(self.state.auth),
            }
        })
    }

    /// Subscribes `user` with this service's keys, after learning the server's VAPID key.
    async fn subscribe(&self, app: &TestApp, user: &User) {
        let (status, key) = app
            .call(Method::GET, "/api/v1/push/public-key", None, None)
            .await;
        assert_eq!(status, StatusCode::OK, "{key}");
        *self.state.vapid_public.lock().expect("lock") =
            key["public_key"].as_str().expect("key").to_owned();
        let (status, body) = app
            .post(
                "/api/v1/push-subscriptions",
                &user.token,
                self.subscription(),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    /// From now on, holds every request for minutes: a push service that has stalled.
    fn stall(&self) {
        self.state.stall.store(true, Ordering::SeqCst);
    }

    fn answer_with(&self, status: u16) {
        self.state.answer.store(status, Ordering::SeqCst);
    }

    fn assert_nothing_rejected(&self) {
        let rejected = self.state.rejected.lock().expect("lock").clone();
        assert!(
            rejected.is_empty(),
            "push requests failed checks: {rejected:?}"
        );
    }

    fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }

    /// Waits until `n` messages arrived (or fails after `secs`).
    async fn wait_for(&self, n: usize, secs: u64) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            self.assert_nothing_rejected();
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} pushes within {secs}s, got {got:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn receive(
    State(state): State<Arc<PushState>>,
    headers: HeaderMap,
    body: Bytes,
) -> AxumStatus {
    match check(&state, &headers, &body) {
        Ok(received) => {
            state.requests.fetch_add(1, Ordering::SeqCst);
            if state.stall.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_secs(300)).await;
            }
            let answer = state.answer.load(Ordering::SeqCst);
            if answer < 300 {
                state.received.lock().expect("lock").push(received);
            }
            AxumStatus::from_u16(answer).unwrap_or(AxumStatus::INTERNAL_SERVER_ERROR)
        }
        Err(why) => {
            state.rejected.lock().expect("lock").push(why);
            AxumStatus::UNAUTHORIZED
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("no {name} header"))
}

/// Checks the VAPID signature and decrypts the payload, as a push service and the browser
/// would.
fn check(state: &PushState, headers: &HeaderMap, body: &[u8]) -> Result<Received, String> {
    // VAPID (RFC 8292): `vapid t=<JWT>, k=<public key>`.
    let authorization = header(headers, "authorization")?;
    let rest = authorization
        .strip_prefix("vapid t=")
        .ok_or("not a vapid authorization")?;
    let (token, key) = rest.split_once(", k=").ok_or("no k=")?;
    let expected_key = state.vapid_public.lock().expect("lock").clone();
    if key != expected_key {
        return Err(format!("k={key} is not the server's key {expected_key}"));
    }
    let verifying =
        VerifyingKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(key).map_err(|e| format!("k: {e}"))?)
            .map_err(|e| format!("k: {e}"))?;
    let mut parts = token.split('.');
    let (Some(head), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the token is not a compact JWS".into());
    };
    let head: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(head)
            .map_err(|e| format!("header: {e}"))?,
    )
    .map_err(|e| format!("header: {e}"))?;
    if head["alg"] != "ES256" {
        return Err(format!("alg is {}", head["alg"]));
    }
    let signature = Signature::from_slice(
        &URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|e| format!("signature: {e}"))?,
    )
    .map_err(|e| format!("signature: {e}"))?;
    verifying
        .verify(
            format!("{}.{claims}", token.split('.').next().unwrap_or("")).as_bytes(),
            &signature,
        )
        .map_err(|_| "the VAPID signature does not verify".to_owned())?;
    let claims: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(claims)
            .map_err(|e| format!("claims: {e}"))?,
    )
    .map_err(|e| format!("claims: {e}"))?;
    if claims["aud"] != state.origin.as_str() {
        return Err(format!("aud {} is not {}", claims["aud"], state.origin));
    }
    let now = Timestamp::now().millis() / 1000;
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    if exp <= now || exp > now + 24 * 3600 {
        return Err(format!("exp {exp} is not within a day from {now}"));
    }
    let subject = claims["sub"].as_str().ok_or("no sub")?;
    if !(subject.starts_with("mailto:") || subject.starts_with("https:")) {
        return Err(format!("sub {subject}"));
    }

    if header(headers, "content-encoding")? != "aes128gcm" {
        return Err("content-encoding is not aes128gcm".into());
    }
    let ttl: u64 = header(headers, "ttl")?
        .parse()
        .map_err(|_| "TTL is not a number")?;
    let urgency = header(headers, "urgency")?.to_owned();
    let plain = decrypt(state, body)?;
    let message: Value =
        serde_json::from_slice(&plain).map_err(|e| format!("payload is not JSON: {e}"))?;
    Ok(Received {
        message,
        urgency,
        ttl,
    })
}

fn hkdf(salt: &[u8], ikm: &[u8], info: &[u8], out: &mut [u8]) -> Result<(), String> {
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand(info, out)
        .map_err(|_| "hkdf length".to_owned())
}

/// RFC 8291 (Web Push message encryption) over RFC 8188 (aes128gcm), one record.
fn decrypt(state: &PushState, body: &[u8]) -> Result<Vec<u8>, String> {
    if body.len() < 21 {
        return Err("body too short".into());
    }
    let salt = &body[..16];
    let id_len = usize::from(body[20]);
    if id_len != 65 || body.len() < 21 + id_len + 17 {
        return Err(format!("key id of {id_len} bytes"));
    }
    let sender = PublicKey::from_sec1_bytes(&body[21..21 + id_len])
        .map_err(|_| "the sender key is not a P-256 point")?;
    let ciphertext = &body[21 + id_len..];
    let shared =
        p256::ecdh::diffie_hellman(state.subscriber.to_nonzero_scalar(), sender.as_affine());
    let mut key_info = b"WebPush: info\0".to_vec();
    key_info.extend_from_slice(
        state
            .subscriber
            .public_key()
            .to_encoded_point(false)
            .as_bytes(),
    );
    key_info.extend_from_slice(&body[21..21 + id_len]);
    let mut ikm = [0_u8; 32];
    hkdf(&state.auth, shared.raw_secret_bytes(), &key_info, &mut ikm)?;
    let mut cek = [0_u8; 16];
    hkdf(salt, &ikm, b"Content-Encoding: aes128gcm\0", &mut cek)?;
    let mut nonce = [0_u8; 12];
    hkdf(salt, &ikm, b"Content-Encoding: nonce\0", &mut nonce)?;
    let cipher = Aes128Gcm::new_from_slice(&cek).map_err(|_| "key length")?;
    let mut plain = cipher
        .decrypt(&Nonce::from(nonce), ciphertext)
        .map_err(|_| "the payload does not decrypt")?;
    // The last record ends with the delimiter 2 and optional zero padding.
    while plain.last() == Some(&0) {
        plain.pop();
    }
    if plain.pop() != Some(2) {
        return Err("no last-record delimiter".into());
    }
    Ok(plain)
}

// ---- scenario helpers ----

async fn spawn_for_push(backend: Backend) -> Option<TestApp> {
    TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.allow_http_push_endpoints_on_loopback = true;
    })
    .await
}

/// A coordinator and a member of one workplace committee.
async fn committee(app: &TestApp) -> (User, User, String) {
    let rosa = app.register("rosa").await;
    let committee = app.workplace(&rosa, "Lake Street Depot").await;
    let ana = app.member(&rosa, &committee, "ana").await;
    (rosa, ana, committee)
}

async fn emergency_meeting(app: &TestApp, by: &User, committee: &str, title: &str) -> String {
    let (status, body) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &by.token,
            json!({
                "title": title,
                "starts_at": Timestamp::now().plus_hours(1).rfc3339(),
                "location": "Union hall",
                "emergency": true,
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().expect("id").to_owned()
}

async fn set_language(app: &TestApp, user: &User, language: &str) {
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&user.token),
            Some(json!({ "language": language })),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
}

/// Waits until some delivery has failed at least once (or fails after `secs`).
async fn wait_for_failed_attempt(app: &TestApp, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(attempts) FROM deliveries")
        .fetch_one(app.app().db.pool())
        .await
        .expect("attempts")
        .unwrap_or(0)
        < 1
    {
        assert!(Instant::now() < deadline, "no failed attempt recorded");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn wait_until_empty(app: &TestApp, table: &str, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while app.count_rows(table).await > 0 {
        assert!(Instant::now() < deadline, "{table} still has rows");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

// ---- push ----

async fn push_reaches_a_phone_signed_and_encrypted(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    set_language(&app, &ana, "es").await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    // Subscribing again is idempotent.
    push.subscribe(&app, &ana).await;
    assert_eq!(app.count_rows("push_subscriptions").await, 1);
    let (_, settings) = app
        .get("/api/v1/me/notification-settings", &ana.token)
        .await;
    assert_eq!(settings["push_devices"], 1, "{settings}");

    let meeting = emergency_meeting(&app, &rosa, &committee, "Heat in the sorting room").await;
    let got = push.wait_for(1, 10).await;
    let Received {
        message,
        urgency,
        ttl,
    } = &got[0];
    assert_eq!(message["type"], "show", "{message}");
    assert_eq!(message["title"], "Reunión de emergencia", "{message}");
    assert!(
        message["body"]
            .as_str()
            .is_some_and(|b| b.contains("Heat in the sorting room")),
        "{message}"
    );
    assert_eq!(message["url"], app.url(&format!("/meetings/{meeting}")));
    assert_eq!(message["tag"], meeting.as_str());
    assert_eq!(message["urgent"], true);
    assert_eq!(urgency, "high");
    assert!(*ttl > 0 && *ttl <= 24 * 3600, "TTL {ttl}");
    // Sent rows are deleted; the endpoint is not stored in plaintext.
    wait_until_empty(&app, "deliveries", 5).await;
    let dump = app.dump().await;
    assert!(
        !dump
            .iter()
            .flat_map(|(_, values)| values)
            .any(|v| v.contains(&push.endpoint)),
        "the push endpoint is stored in plaintext"
    );
    // Rosa has no phone subscribed: nothing else arrived.
    assert_eq!(push.received().len(), 1);
    push.assert_nothing_rejected();

    // An urgent incident reaches the phone, but its words stay on the server: what a
    // phone shows cannot be erased when the retention period ends.
    let (status, incident) = app
        .post(
            &format!("/api/v1/committees/{committee}/incidents"),
            &rosa.token,
            json!({ "kind": "raid", "summary": "Two vans at the loading dock",
                    "location": "Gate 4, Calle Mayor", "urgency": "now" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{incident}");
    let got = push.wait_for(2, 10).await;
    let alert = &got[1].message;
    assert_eq!(alert["tag"], incident["id"], "{alert}");
    let body = alert["body"].as_str().unwrap_or("");
    assert!(body.contains("avisa de"), "{alert}");
    assert!(
        !body.contains("vans") && !body.contains("Gate 4"),
        "the summary and location stay on the server: {alert}"
    );
}

/// Starts the app again with a configuration of the test's choosing (the `both!` macro
/// spawns with the defaults), on the same backend; the first app is shut down.
async fn respawn<F, Fut>(app: TestApp, spawn: F) -> Option<TestApp>
where
    F: FnOnce(Backend) -> Fut,
    Fut: std::future::Future<Output = Option<TestApp>>,
{
    let backend = app.backend;
    app.shutdown().await;
    spawn(backend).await
}

async fn categories_turned_off_send_nothing(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "categories": [
                { "category": "emergency_meetings", "push": false, "email": true }
            ]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let choices = body["categories"].as_array().expect("categories");
    assert_eq!(choices.len(), 4);
    assert!(
        choices
            .iter()
            .any(|c| c["category"] == "emergency_meetings" && c["push"] == false)
    );
    assert!(
        choices
            .iter()
            .any(|c| c["category"] == "actions" && c["push"] == true)
    );

    emergency_meeting(&app, &rosa, &committee, "Nothing by push").await;
    // A meeting that is not an emergency stays in the inbox anyway.
    let (status, _) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &rosa.token,
            json!({ "title": "Regular", "starts_at": Timestamp::now().plus_hours(30).rfc3339(),
                    "location": "Hall" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.count_rows("deliveries").await, 0, "nothing is queued");

    // Actions are still on: calling one reaches the phone.
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{committee}/actions"),
            &rosa.token,
            json!({ "title": "Walk out at noon", "kind": "walkout",
                    "starts_at": Timestamp::now().plus_hours(48).rfc3339(),
                    "threshold": { "pledges": 2 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    push.wait_for(1, 15).await;
    wait_until_empty(&app, "deliveries", 5).await;
    let got = push.received();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].message["url"].as_str().is_some_and(
            |u| u.ends_with(&format!("/actions/{}", action["id"].as_str().unwrap_or("")))
        ),
        "{:?}",
        got[0].message
    );
    assert_eq!(got[0].urgency, "normal");
}

async fn a_gone_subscription_is_removed(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    push.answer_with(410);
    emergency_meeting(&app, &rosa, &committee, "Gone").await;
    wait_until_empty(&app, "push_subscriptions", 10).await;
    wait_until_empty(&app, "deliveries", 5).await;
    // The server did send, signed and encrypted, and took the 410 as "gone".
    assert!(push.state.requests.load(Ordering::SeqCst) >= 1);
    push.assert_nothing_rejected();
    assert!(push.received().is_empty());
}

async fn a_failing_push_service_is_tried_again(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    push.answer_with(503);
    emergency_meeting(&app, &rosa, &committee, "Try again").await;
    // The first attempt fails and is counted.
    wait_for_failed_attempt(&app, 10).await;
    assert_eq!(app.count_rows("push_subscriptions").await, 1);
    push.answer_with(201);
    let got = push.wait_for(1, 20).await;
    assert_eq!(got[0].message["title"], "Emergency meeting");
    wait_until_empty(&app, "deliveries", 5).await;
}

async fn a_stalled_push_service_holds_up_nobody_else(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let mei = app.member(&rosa, &committee, "mei").await;
    let stalled = PushService::start().await;
    stalled.stall();
    stalled.subscribe(&app, &ana).await;
    let working = PushService::start().await;
    working.subscribe(&app, &mei).await;

    emergency_meeting(&app, &rosa, &committee, "First").await;
    working.wait_for(1, 10).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while stalled.state.requests.load(Ordering::SeqCst) == 0 {
        assert!(Instant::now() < deadline, "ana's push was never sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Ana's push service now holds its request for minutes; the sender gives up on it only
    // after 20 s. The next alert reaches Mei's phone well before that: a stalled service
    // holds only its own delivery, not the queue behind it.
    emergency_meeting(&app, &rosa, &committee, "Second").await;
    let got = working.wait_for(2, 10).await;
    assert!(
        got[1].message["body"]
            .as_str()
            .is_some_and(|b| b.contains("Second")),
        "{:?}",
        got[1].message
    );
    working.assert_nothing_rejected();
    stalled.assert_nothing_rejected();
}

async fn endpoints_must_be_https_and_public(app: TestApp) {
    // The default configuration: no exception for loopback.
    let ana = app.register("ana").await;
    let keys = PushService::start().await.subscription()["keys"].clone();
    for endpoint in [
        "http://push.example.net/send/1",
        "http://127.0.0.1:9/push/1",
        "https://127.0.0.1/push/1",
        "https://localhost/push/1",
        "https://10.1.2.3/push/1",
        "https://192.168.1.1/push/1",
        "https://[::1]/push/1",
        "https://169.254.169.254/latest",
        "ftp://push.example.net/1",
        "not a url",
    ] {
        let answer = app
            .post(
                "/api/v1/push-subscriptions",
                &ana.token,
                json!({ "endpoint": endpoint, "keys": keys }),
            )
            .await;
        assert_error(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_endpoint",
        );
    }
    // Keys that are not a P-256 point and a 16-byte secret.
    let answer = app
        .post(
            "/api/v1/push-subscriptions",
            &ana.token,
            json!({ "endpoint": "https://push.example.net/send/1",
                    "keys": { "p256dh": "AAAA", "auth": keys["auth"] } }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_endpoint",
    );
    let answer = app
        .call(
            Method::POST,
            "/api/v1/push-subscriptions",
            None,
            Some(json!({ "endpoint": "https://push.example.net/send/1", "keys": keys })),
        )
        .await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(app.count_rows("push_subscriptions").await, 0);

    // One member keeps at most ten devices: the newest.
    for n in 0..12 {
        let (status, body) = app
            .post(
                "/api/v1/push-subscriptions",
                &ana.token,
                json!({ "endpoint": format!("https://push.example.net/send/{n}"), "keys": keys }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    assert_eq!(app.count_rows("push_subscriptions").await, 10);
    // The one subscribed last is among them.
    let last = {
        let keys = app.app().delivery.keys().expect("keys");
        let ana: Id = ana.id.parse().expect("id");
        keys.contact
            .endpoint_hash(
                keys.contact.current_id(),
                ana,
                "https://push.example.net/send/11",
            )
            .expect("hash")
    };
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM push_subscriptions WHERE endpoint_hash = $1")
            .bind(last)
            .fetch_one(app.app().db.pool())
            .await
            .expect("kept");
    assert_eq!(kept, 1);
    let (_, settings) = app
        .get("/api/v1/me/notification-settings", &ana.token)
        .await;
    assert_eq!(settings["push_devices"], 10);
    for n in 0..12 {
        app.call(
            Method::DELETE,
            "/api/v1/push-subscriptions",
            Some(&ana.token),
            Some(json!({ "endpoint": format!("https://push.example.net/send/{n}") })),
        )
        .await;
    }
    assert_eq!(app.count_rows("push_subscriptions").await, 0);

    // A public https endpoint is accepted, and unsubscribing removes it.
    let subscription = json!({ "endpoint": "https://push.example.net/send/abc", "keys": keys });
    let (status, body) = app
        .post(
            "/api/v1/push-subscriptions",
            &ana.token,
            subscription.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _) = app
        .call(
            Method::DELETE,
            "/api/v1/push-subscriptions",
            Some(&ana.token),
            Some(json!({ "endpoint": "https://push.example.net/send/abc" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.count_rows("push_subscriptions").await, 0);

    // With the loopback exception, other private addresses are still refused.
    let backend = app.backend;
    app.shutdown().await;
    let Some(app) = spawn_for_push(backend).await else {
        return;
    };
    let ana = app.register("ana").await;
    let answer = app
        .post(
            "/api/v1/push-subscriptions",
            &ana.token,
            json!({ "endpoint": "http://10.0.0.1/push/1", "keys": keys }),
        )
        .await;
    assert_error(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_endpoint",
    );
}

/// Someone who learned a member's push endpoint (from the push service, or a seized log)
/// posts it as their own: they get a subscription of their own, answered as for any new
/// endpoint, and the member's phone goes on getting the member's pushes; unsubscribing it
/// removes only their own. The database holds the endpoint under neither its plain SHA-256
/// nor one hash for both accounts.
async fn a_known_endpoint_takes_no_phone_over(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    let mallory = app.register("mallory").await;
    let (status, taken) = app
        .post(
            "/api/v1/push-subscriptions",
            &mallory.token,
            push.subscription(),
        )
        .await;
    let other = PushService::start().await;
    let (fresh_status, fresh) = app
        .post(
            "/api/v1/push-subscriptions",
            &mallory.token,
            other.subscription(),
        )
        .await;
    assert_eq!(
        (status, fresh_status),
        (StatusCode::CREATED, StatusCode::CREATED),
        "{taken} {fresh}"
    );
    let keys_of = |v: &Value| {
        let mut keys: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    };
    assert_eq!(
        keys_of(&taken),
        keys_of(&fresh),
        "answered as a new endpoint"
    );
    let (status, _) = app
        .call(
            Method::DELETE,
            "/api/v1/push-subscriptions",
            Some(&mallory.token),
            Some(json!({ "endpoint": push.endpoint })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    emergency_meeting(&app, &rosa, &committee, "Heat in the sorting room").await;
    let got = push.wait_for(1, 10).await;
    assert!(
        got[0].message["body"]
            .as_str()
            .is_some_and(|b| b.contains("Heat in the sorting room")),
        "ana's phone still gets ana's pushes: {:?}",
        got[0].message
    );
    push.assert_nothing_rejected();
    let (_, settings) = app
        .get("/api/v1/me/notification-settings", &ana.token)
        .await;
    assert_eq!(settings["push_devices"], 1, "{settings}");

    // Both post it again: two rows, two hashes, neither the endpoint's plain SHA-256.
    app.post(
        "/api/v1/push-subscriptions",
        &mallory.token,
        push.subscription(),
    )
    .await;
    let hashes: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT account_id, endpoint_hash FROM push_subscriptions")
            .fetch_all(app.app().db.pool())
            .await
            .expect("hashes");
    let plain = {
        use sha2_11::Digest;
        Sha256::digest(push.endpoint.as_bytes()).to_vec()
    };
    assert_eq!(hashes.len(), 3, "ana's, mallory's copy and mallory's own");
    assert!(hashes.iter().all(|(_, h)| *h != plain), "an unkeyed hash");
    let ana_id: Id = ana.id.parse().expect("id");
    let mallory_id: Id = mallory.id.parse().expect("id");
    let keys = app.app().delivery.keys().expect("keys");
    let hash_for = |account: Id| {
        keys.contact
            .endpoint_hash(keys.contact.current_id(), account, &push.endpoint)
            .expect("hash")
    };
    assert_ne!(hash_for(ana_id), hash_for(mallory_id));
    for (account, who) in [(ana_id, "ana"), (mallory_id, "mallory")] {
        assert!(
            hashes.contains(&(account.get(), hash_for(account))),
            "{who}'s row"
        );
    }
}

/// Subscriptions stored when endpoint hashes were plain SHA-256 are found by the keyed hash
/// after the next start: the owner's phone still gets pushes (once, also when it subscribed
/// again meanwhile), and the owner can turn them off.
async fn endpoints_stored_before_keying_are_rehashed_at_start(app: TestApp) {
    use outnumber::delivery::contact::Purpose;
    let Some(mut app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    let (_, key) = app
        .call(Method::GET, "/api/v1/push/public-key", None, None)
        .await;
    *push.state.vapid_public.lock().expect("lock") =
        key["public_key"].as_str().expect("key").to_owned();
    // As the server before keyed hashes wrote it.
    let ana_id: Id = ana.id.parse().expect("id");
    let keys = app.app().delivery.keys().expect("keys");
    let sealed = keys.contact.seal(
        Purpose::PushSubscription,
        ana_id,
        push.subscription().to_string().as_bytes(),
    );
    let plain = {
        use sha2_11::Digest;
        Sha256::digest(push.endpoint.as_bytes()).to_vec()
    };
    sqlx::query(
        "INSERT INTO push_subscriptions (id, account_id, endpoint_hash, sealed, key_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Id::random().get())
    .bind(ana_id.get())
    .bind(plain.clone())
    .bind(sealed)
    .bind(i64::from(keys.contact.current_id()))
    .bind(Timestamp::now().millis())
    .execute(app.app().db.pool())
    .await
    .expect("an old row");
    // The same phone subscribed again through an upgraded server while an older one still
    // served: after the restart one row is left.
    push.subscribe(&app, &ana).await;
    assert_eq!(app.count_rows("push_subscriptions").await, 2);

    app.restart().await;
    let (hash, keyed): (Vec<u8>, i64) =
        sqlx::query_as("SELECT endpoint_hash, keyed FROM push_subscriptions")
            .fetch_one(app.app().db.pool())
            .await
            .expect("the row");
    assert_eq!(keyed, 1);
    assert_ne!(hash, plain);
    emergency_meeting(&app, &rosa, &committee, "After the upgrade").await;
    push.wait_for(1, 10).await;
    wait_until_empty(&app, "deliveries", 5).await;
    assert_eq!(push.received().len(), 1, "one push, not one per row");
    let (status, _) = app
        .call(
            Method::DELETE,
            "/api/v1/push-subscriptions",
            Some(&ana.token),
            Some(json!({ "endpoint": push.endpoint })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.count_rows("push_subscriptions").await, 0);
}

async fn a_withdrawn_alert_is_taken_off_phones(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    let shown = emergency_meeting(&app, &rosa, &committee, "Shown").await;
    push.wait_for(1, 10).await;

    // The next one cannot get through yet; it is withdrawn before it does.
    push.answer_with(503);
    let pending = emergency_meeting(&app, &rosa, &committee, "Never shown").await;
    wait_for_failed_attempt(&app, 10).await;
    for subject in [&shown, &pending] {
        let subject: Id = subject.parse().expect("id");
        let mut tx = app.app().db.begin().await.expect("begin");
        outnumber::delivery::withdraw_subject(&mut tx, subject)
            .await
            .expect("withdraw");
        tx.commit().await.expect("commit");
    }
    push.answer_with(201);
    let got = push.wait_for(3, 15).await;
    let messages: Vec<&Value> = got.iter().map(|r| &r.message).collect();
    assert!(
        !messages
            .iter()
            .any(|m| m["type"] == "show" && m["tag"] == pending.as_str()),
        "a withdrawn alert was shown: {messages:?}"
    );
    for tag in [&shown, &pending] {
        assert!(
            messages
                .iter()
                .any(|m| m["type"] == "close" && m["tag"] == tag.as_str()),
            "no close for {tag}: {messages:?}"
        );
    }
    wait_until_empty(&app, "deliveries", 5).await;
}

/// Through the API this time: a coordinator marks an urgent report a false alarm, and the
/// alert shown on a phone is taken down by its tag. The correction that follows must not be
/// taken down with it, whatever order the two arrive in.
async fn a_false_alarm_is_taken_off_phones(app: TestApp) {
    let Some(app) = respawn(app, spawn_for_push).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let push = PushService::start().await;
    push.subscribe(&app, &ana).await;
    let (status, incident) = app
        .post(
            &format!("/api/v1/committees/{committee}/incidents"),
            &rosa.token,
            json!({ "kind": "raid", "summary": "Agents at the gate",
                    "location": "Gate 3", "urgency": "now" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{incident}");
    let tag = incident["id"].as_str().expect("id").to_owned();
    let got = push.wait_for(1, 10).await;
    assert_eq!(got[0].message["type"], "show", "{:?}", got[0]);
    assert_eq!(got[0].message["tag"], tag.as_str());

    let (status, withdrawn) = app
        .post(
            &format!("/api/v1/incidents/{tag}/false-alarm"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    assert_eq!(withdrawn["status"], "withdrawn", "{withdrawn}");
    // The close, and the correction (an urgent report's withdrawal is urgent too).
    let got = push.wait_for(3, 15).await;
    wait_until_empty(&app, "deliveries", 5).await;
    let messages: Vec<&Value> = got.iter().map(|r| &r.message).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    let close = messages
        .iter()
        .position(|m| m["type"] == "close" && m["tag"] == tag.as_str())
        .unwrap_or_else(|| panic!("no close for the alert: {messages:?}"));
    assert_eq!(got[close].urgency, "high", "a close must not wait");
    let correction = messages
        .iter()
        .skip(1)
        .position(|m| m["type"] == "show")
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no correction shown: {messages:?}"));
    // A close takes down everything shown under its tag, and the two may arrive in either
    // order: the correction must have a tag of its own, or the phone might show neither.
    assert_ne!(
        messages[correction]["tag"],
        tag.as_str(),
        "the close could take the correction down with the alert: {messages:?} (close at {close})"
    );
    assert_eq!(messages[correction]["urgent"], true, "{messages:?}");
    push.assert_nothing_rejected();
}

// ---- e-mail ----

/// A real SMTP server on loopback: Python's aiosmtpd, writing each mail to a Maildir.
pub(crate) struct Smtp {
    child: Child,
    pub(crate) maildir: PathBuf,
}

fn smtp_required() -> bool {
    std::env::var("OUTNUMBER_TEST_SMTP").is_ok_and(|v| v == "required")
}

fn aiosmtpd_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            !smtp_required(),
            "aiosmtpd is required (OUTNUMBER_TEST_SMTP=required) but python3 cannot import it"
        );
        crate::common::notice(
            "skipping the e-mail test: python3 cannot import aiosmtpd (pip install aiosmtpd)",
        );
    }
    found
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Smtp {
    pub(crate) async fn start(port: u16, maildir: &Path) -> Smtp {
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(15);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if let Ok(Some(exit)) = child.try_wait() {
                panic!("aiosmtpd exited at start ({exit}); is port {port} taken?");
            }
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Smtp {
            child,
            maildir: maildir.to_owned(),
        }
    }

    /// Every mail received so far, as text.
    fn mails(&self) -> Vec<String> {
        mails_in(&self.maildir)
    }
}

fn mails_in(maildir: &Path) -> Vec<String> {
    std::fs::read_dir(maildir.join("new"))
        .map(|entries| {
            entries
                .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn wait_for_mail(maildir: &Path, secs: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(mail) = mails_in(maildir).into_iter().next() {
            return mail;
        }
        assert!(Instant::now() < deadline, "no mail within {secs}s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The Subject header, with RFC 2047 base64 words decoded.
fn subject_of(mail: &str) -> String {
    let line = mail
        .lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .unwrap_or("");
    line.split(' ')
        .map(|word| {
            word.strip_prefix("=?utf-8?b?")
                .and_then(|w| w.strip_suffix("?="))
                .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
                .map_or_else(
                    || word.to_owned(),
                    |b| String::from_utf8_lossy(&b).into_owned(),
                )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Decodes the quoted-printable or base64 body lettre may use, so the test reads words.
pub(crate) fn readable(mail: &str) -> String {
    let (_, body) = mail
        .split_once("\n\n")
        .or_else(|| mail.split_once("\r\n\r\n"))
        .unwrap_or(("", mail));
    if mail.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        base64::engine::general_purpose::STANDARD
            .decode(joined)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    } else if mail.contains("Content-Transfer-Encoding: quoted-printable") {
        let soft = body.replace("=\r\n", "").replace("=\n", "");
        let bytes = soft.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let escaped = (bytes[i] == b'=')
                .then(|| bytes.get(i + 1..i + 3))
                .flatten()
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            if let Some(b) = escaped {
                out.push(b);
                i += 3;
                continue;
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    } else {
        body.to_owned()
    }
}

/// The test's server again, set to send mail to a port of its own (the port is returned;
/// the test starts its SMTP server there when it wants one); None when aiosmtpd is missing.
pub(crate) async fn with_smtp(app: TestApp) -> Option<(TestApp, u16)> {
    if !aiosmtpd_available() {
        return None;
    }
    let port = free_port();
    let app = respawn(app, |b| spawn_with_smtp(b, port)).await?;
    Some((app, port))
}

async fn spawn_with_smtp(backend: Backend, port: u16) -> Option<TestApp> {
    TestApp::spawn_with(backend, move |config| {
        config.open_registration = true;
        config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        config.mail_from = Some("Outnumber <alerts@outnumber.example.org>".into());
    })
    .await
}

async fn email_reaches_members_in_their_language(app: TestApp) {
    let Some((app, port)) = with_smtp(app).await else {
        return;
    };
    let smtp = Smtp::start(port, &app.data_dir.0.join("mail")).await;
    let (rosa, ana, committee) = committee(&app).await;
    set_language(&app, &ana, "es").await;
    let address = "ana.organizer@example.org";
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": address }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["email"], address);
    assert_eq!(body["email_available"], true);
    // Nobody else sees it, and a malformed address changes nothing.
    let (_, theirs) = app
        .get("/api/v1/me/notification-settings", &rosa.token)
        .await;
    assert_eq!(theirs["email"], Value::Null);
    let answer = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": "not an address", "categories": [
                { "category": "actions", "push": false, "email": false }] }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_email");
    let (_, mine) = app
        .get("/api/v1/me/notification-settings", &ana.token)
        .await;
    assert_eq!(mine["email"], address);
    assert!(
        mine["categories"]
            .as_array()
            .expect("categories")
            .iter()
            .all(|c| c["push"] == true && c["email"] == true)
    );

    let meeting = emergency_meeting(&app, &rosa, &committee, "Huelga de calor").await;
    let mail = wait_for_mail(&smtp.maildir, 15).await;
    assert!(mail.contains(address), "{mail}");
    assert_eq!(
        subject_of(&mail),
        "Reunión de emergencia",
        "the subject is in Spanish: {mail}"
    );
    let text = readable(&mail);
    assert!(text.contains("Huelga de calor"), "{text}");
    assert!(
        text.contains(&app.url(&format!("/meetings/{meeting}"))),
        "the mail links to the meeting: {text}"
    );
    assert!(text.contains("/settings/notifications"), "{text}");
    wait_until_empty(&app, "deliveries", 5).await;
    assert_eq!(smtp.mails().len(), 1, "only Ana gave an address");

    // The address is nowhere in the database in plaintext.
    let dump = app.dump().await;
    for (table, values) in &dump {
        for value in values {
            assert!(
                !value.contains("ana.organizer") && !value.contains("example.org"),
                "plaintext address in {table}: {value}"
            );
        }
    }
    // Clearing it removes it.
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": null }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["email"], Value::Null);
    assert_eq!(app.count_rows("email_addresses").await, 0);
}

async fn email_waits_for_the_smtp_server_across_a_restart(app: TestApp) {
    let Some((mut app, port)) = with_smtp(app).await else {
        return;
    };
    let (rosa, ana, committee) = committee(&app).await;
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": "ana@example.org" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The SMTP server is down: the mail waits in the queue.
    emergency_meeting(&app, &rosa, &committee, "While the mail server is down").await;
    wait_for_failed_attempt(&app, 15).await;
    app.restart().await;
    assert_eq!(app.count_rows("deliveries").await, 1);
    let smtp = Smtp::start(port, &app.data_dir.0.join("mail")).await;
    let mail = wait_for_mail(&smtp.maildir, 60).await;
    assert!(
        readable(&mail).contains("While the mail server is down"),
        "{mail}"
    );
    wait_until_empty(&app, "deliveries", 5).await;
    assert_eq!(smtp.mails().len(), 1, "sent once");
}

/// Only an urgent report leaves by e-mail, and without its words: a mail cannot be erased
/// when the retention period ends, so the summary and location stay on the server.
async fn only_urgent_reports_are_mailed_without_their_words(app: TestApp) {
    let Some((app, port)) = with_smtp(app).await else {
        return;
    };
    let smtp = Smtp::start(port, &app.data_dir.0.join("mail")).await;
    let (rosa, ana, committee) = committee(&app).await;
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": "ana@example.org" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut ids = Vec::new();
    for (summary, location, urgency) in [
        (
            "Two vans by the loading dock qx5",
            "Gate 4, Calle Mayor qx5",
            "now",
        ),
        (
            "Supervisor taking names qx6",
            "Break room, second floor qx6",
            "soon",
        ),
    ] {
        let (status, incident) = app
            .post(
                &format!("/api/v1/committees/{committee}/incidents"),
                &rosa.token,
                json!({ "kind": "raid", "summary": summary, "location": location,
                        "urgency": urgency }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{incident}");
        ids.push(incident["id"].as_str().expect("id").to_owned());
    }
    let mail = wait_for_mail(&smtp.maildir, 15).await;
    wait_until_empty(&app, "deliveries", 10).await;
    // Time for a second mail to land, had one been sent.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = smtp.mails();
    assert_eq!(
        mails.len(),
        1,
        "only the urgent report is mailed: {mails:?}"
    );
    let text = readable(&mail);
    assert!(
        text.contains(&app.url(&format!("/incidents/{}", ids[0]))),
        "the mail links to the urgent report: {text}"
    );
    for words in ["qx5", "qx6", "vans", "Gate 4", "Supervisor", "Break room"] {
        assert!(
            !mail.contains(words) && !text.contains(words),
            "the mail holds {words:?}: {text}"
        );
    }
}

async fn without_smtp_email_is_unavailable(app: TestApp) {
    let ana = app.register("ana").await;
    let (status, body) = app
        .get("/api/v1/me/notification-settings", &ana.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["email_available"], false);
    assert_eq!(body["push_devices"], 0);
    let answer = app
        .call(Method::GET, "/api/v1/me/notification-settings", None, None)
        .await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "unauthenticated");
    let answer = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "categories": [{ "category": "strikes", "push": true, "email": true }] }),
        )
        .await;
    assert_eq!(answer.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", answer.1);
}

// ---- mail as providers read it ----

/// A received mail as Python's `email` parser (policy `default`) reads it.
struct Parsed {
    raw: Vec<u8>,
    json: Value,
}

impl Parsed {
    fn read(path: &Path) -> Parsed {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/read_mail.py");
        let out = Command::new("python3")
            .arg(&script)
            .arg(path)
            .output()
            .expect("run python3");
        assert!(
            out.status.success(),
            "read_mail.py failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Parsed {
            raw: std::fs::read(path).expect("mail file"),
            json: serde_json::from_slice(&out.stdout).expect("JSON from read_mail.py"),
        }
    }

    /// The only value of a header (it must be there once).
    fn header(&self, name: &str) -> String {
        let values = self.json["headers"][name.to_ascii_lowercase()]
            .as_array()
            .unwrap_or_else(|| panic!("no {name} header: {}", self.json["headers"]));
        assert_eq!(values.len(), 1, "{name} once: {values:?}");
        values[0].as_str().expect("text").to_owned()
    }

    fn text(&self) -> String {
        self.json["text"].as_str().expect("a text part").to_owned()
    }

    /// The link of `List-Unsubscribe`, checked to be one https-or-http link in brackets.
    fn unsubscribe_link(&self) -> String {
        let value = self.header("List-Unsubscribe");
        value
            .strip_prefix('<')
            .and_then(|v| v.strip_suffix('>'))
            .filter(|v| v.starts_with("http") && !v.contains(['<', '>', ',', ' ']))
            .unwrap_or_else(|| panic!("one link in List-Unsubscribe: {value}"))
            .to_owned()
    }

    /// What every mail must be, for providers and mail clients alike.
    fn check_form(&self, host: &str) {
        assert_eq!(self.json["defects"], json!([]), "the parser found defects");
        assert_eq!(self.header("MIME-Version"), "1.0");
        assert_eq!(self.header("Auto-Submitted"), "auto-generated");
        assert_eq!(
            self.header("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click"
        );
        let id = self.header("Message-ID");
        let random = id
            .strip_prefix('<')
            .and_then(|v| v.strip_suffix(&format!("@{host}>")))
            .unwrap_or_else(|| panic!("a Message-ID of the server's host {host}: {id}"));
        assert!(
            random.len() >= 20
                && random
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "a random left part: {id}"
        );
        assert_eq!(self.json["content_type"], "text/plain");
        assert_eq!(self.json["charset"], "utf-8");
        for line in self.raw.split(|b| *b == b'\n') {
            assert!(line.len() <= 998, "a line of the message is too long");
        }
        let text = self.text();
        for line in text.lines() {
            let lone_link = line.starts_with("http") && !line.contains(' ');
            assert!(
                line.chars().count() <= 78 || lone_link,
                "a line of the text is wider than 78 columns: {line:?}\n{text}"
            );
        }
        let link = self.unsubscribe_link();
        assert!(
            text.lines().any(|l| l == link),
            "the text holds the unsubscribe link on a line of its own: {text}"
        );
    }
}

/// The newest mail in the folder that is not one of `seen`.
async fn next_mail(maildir: &Path, seen: &mut Vec<PathBuf>, secs: u64) -> Parsed {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let fresh = std::fs::read_dir(maildir.join("new"))
            .into_iter()
            .flatten()
            .filter_map(|e| Some(e.ok()?.path()))
            .find(|p| !seen.contains(p));
        if let Some(path) = fresh {
            seen.push(path.clone());
            return Parsed::read(&path);
        }
        assert!(Instant::now() < deadline, "no new mail within {secs}s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The e-mail choice of each category in the member's settings.
async fn email_choices(app: &TestApp, user: &User) -> Vec<(String, bool, bool)> {
    let (status, body) = app
        .get("/api/v1/me/notification-settings", &user.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| {
            (
                c["category"].as_str().expect("category").to_owned(),
                c["push"] == true,
                c["email"] == true,
            )
        })
        .collect()
}

/// Every mail has a `Message-ID` of the server's host, `MIME-Version`, `Auto-Submitted`, a
/// one-click `List-Unsubscribe` and text wrapped at 78 columns, as Python's parser reads it;
/// posting `List-Unsubscribe=One-Click` to its link with no cookie turns that category's
/// e-mail off (and only that); a GET or a changed token changes nothing.
async fn mail_is_what_providers_accept_and_unsubscribes_in_one_click(app: TestApp) {
    if !aiosmtpd_available() {
        return;
    }
    let port = free_port();
    let host = "outnumber.example.org";
    let Some(app) = respawn(app, |backend| {
        TestApp::spawn_with(backend, move |config| {
            config.open_registration = true;
            config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            config.public_url = format!("http://{host}");
        })
    })
    .await
    else {
        return;
    };
    let smtp = Smtp::start(port, &app.data_dir.0.join("mail")).await;
    let mut seen = Vec::new();
    let (rosa, ana, committee) = committee(&app).await;
    set_language(&app, &ana, "es").await;
    let (status, body) = app
        .put(
            "/api/v1/me/notification-settings",
            &ana.token,
            json!({ "email": "ana@example.org" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let title = "Huelga de calor en el almacén número cinco: todos a la sala sindical \
                 antes del turno de la mañana, sin excepción";
    emergency_meeting(&app, &rosa, &committee, title).await;
    let meeting_mail = next_mail(&smtp.maildir, &mut seen, 15).await;
    meeting_mail.check_form(host);
    let text = meeting_mail.text();
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(title),
        "the title is whole, wrapped between words: {text}"
    );
    assert!(
        text.lines()
            .any(|l| l.chars().count() > 60 && l.chars().count() <= 78),
        "long text is wrapped near the width, not cut short: {text}"
    );
    let link = meeting_mail.unsubscribe_link();
    let path = link
        .strip_prefix(&format!("http://{host}"))
        .expect("the link is on the public address")
        .to_owned();
    assert!(path.starts_with("/unsubscribe/"), "{path}");
    let token = path.trim_start_matches("/unsubscribe/");
    for secret in [ana.id.as_str(), "ana@example.org", "ana", &committee] {
        assert!(!token.contains(secret), "the link names {secret}: {link}");
    }

    // Nothing carries a cookie: this is a mail provider, or a link scanner.
    let provider = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let one_click = |path: String| {
        provider
            .post(app.url(&path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let all_on = email_choices(&app, &ana).await;
    assert!(
        all_on.iter().all(|(_, push, mail)| *push && *mail),
        "{all_on:?}"
    );

    // A changed token, or one cut short, finds nothing and changes nothing.
    let last = token.chars().last().expect("a token");
    let changed = format!(
        "/unsubscribe/{}{}",
        &token[..token.len() - 1],
        if last == 'A' { 'B' } else { 'A' }
    );
    for bad in [
        changed.clone(),
        format!("/unsubscribe/{}", &token[..30]),
        "/unsubscribe/nothing".into(),
    ] {
        let answer = one_click(bad.clone()).await.expect("post");
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{bad}");
        let answer = provider.get(app.url(&bad)).send().await.expect("get");
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    assert_eq!(email_choices(&app, &ana).await, all_on);

    // A GET (a scanner fetching every link) only asks, with a button that posts.
    let page = provider.get(app.url(&path)).send().await.expect("get");
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.expect("page");
    assert!(page.contains(&format!("action=\"{path}\"")), "{page}");
    assert!(
        page.contains("name=\"List-Unsubscribe\" value=\"One-Click\""),
        "{page}"
    );
    assert_eq!(
        email_choices(&app, &ana).await,
        all_on,
        "a GET changes nothing"
    );

    // The one-click post turns off the e-mail of emergency meetings, and nothing else.
    let rosa_before = email_choices(&app, &rosa).await;
    assert!(
        rosa_before
            .iter()
            .any(|(c, _, mail)| c == "emergency_meetings" && *mail),
        "the other member has the same mail on: {rosa_before:?}"
    );
    let answer = one_click(path.clone()).await.expect("post");
    assert_eq!(answer.status(), StatusCode::OK);
    let answer = one_click(path.clone()).await.expect("post again");
    assert_eq!(answer.status(), StatusCode::OK, "taking it twice is fine");
    for (category, push, mail) in email_choices(&app, &ana).await {
        assert!(push, "{category}: push stays on");
        assert_eq!(
            mail,
            category != "emergency_meetings",
            "{category}: only that category's e-mail is off"
        );
    }
    assert_eq!(
        email_choices(&app, &rosa).await,
        rosa_before,
        "only the recipient's own mail is turned off"
    );

    // The next emergency meeting is not mailed; a bulletin still is.
    emergency_meeting(&app, &rosa, &committee, "Otra reunión").await;
    let (status, body) = app
        .post(
            &format!("/api/v1/committees/{committee}/bulletins"),
            &rosa.token,
            json!({ "title": "Boletín del comité", "body": "Noticias del almacén.",
                    "audience": "members" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let bulletin_mail = next_mail(&smtp.maildir, &mut seen, 15).await;
    bulletin_mail.check_form(host);
    assert_eq!(bulletin_mail.header("Subject"), "Nuevo boletín");
    wait_until_empty(&app, "deliveries", 10).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.mails().len(), 2, "the second meeting sent no mail");
    assert_ne!(
        bulletin_mail.header("Message-ID"),
        meeting_mail.header("Message-ID")
    );

    // RFC 8058's own example posts the field as multipart; that is taken too.
    let bulletin_path = bulletin_mail
        .unsubscribe_link()
        .trim_start_matches(&format!("http://{host}"))
        .to_owned();
    let boundary = "---FormBoundaryjWmhtjORrn";
    let answer = provider
        .post(app.url(&bulletin_path))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n\
             One-Click\r\n--{boundary}--\r\n"
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), StatusCode::OK);
    let choices = email_choices(&app, &ana).await;
    assert!(
        choices
            .iter()
            .all(|(c, _, mail)| *mail == (c != "emergency_meetings" && c != "bulletins")),
        "{choices:?}"
    );

    // Tokens tried from one address are limited like other anonymous endpoints.
    let mut limited = None;
    for _ in 0..200 {
        let answer = one_click(changed.clone()).await.expect("post");
        if answer.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(answer);
            break;
        }
        assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    }
    let limited = limited.expect("a script trying tokens is stopped");
    assert!(limited.headers().contains_key("retry-after"));
}

// ---- pages and the service worker ----

async fn the_settings_page_and_the_service_worker(app: TestApp) {
    let (status, ..) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let response = app.client.get(app.url("/sw.js")).send().await.expect("sw");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert!(
        content_type.starts_with("text/javascript"),
        "{content_type}"
    );
    let script = response.text().await.expect("body");
    for needle in [
        "showNotification",
        "getNotifications",
        "notificationclick",
        "requireInteraction",
        "renotify",
    ] {
        assert!(script.contains(needle), "sw.js lacks {needle}");
    }

    // Signed out, the page sends to the log-in page.
    let anonymous = Browser::new(&app);
    let (status, _, location) = anonymous.get("/settings/notifications").await;
    assert!(status.is_redirection(), "{status}");
    assert!(location.is_some_and(|l| l.starts_with("/login")));

    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let (status, dashboard, _) = rosa.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(dashboard.contains("href=\"/settings/notifications\""));
    let (status, page, _) = rosa.get("/settings/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Turn on notifications on this phone"),
        "{page}"
    );
    assert!(
        page.contains("need JavaScript"),
        "the note without push is there"
    );
    assert!(page.contains("This server does not send e-mail"), "{page}");
    assert!(!page.contains("<script>") && !page.contains(" onclick="));
    let (_, key) = app
        .call(Method::GET, "/api/v1/push/public-key", None, None)
        .await;
    let public_key = key["public_key"].as_str().expect("key");
    assert!(page.contains(&format!("data-public-key=\"{public_key}\"")));

    // Only actions by push.
    let (status, body, location) = rosa
        .submit(
            "/settings/notifications",
            "/settings/notifications",
            &[("push", "actions")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some("/settings/notifications?saved=1"));
    let (_, page, _) = rosa.get("/settings/notifications?saved=1").await;
    assert!(page.contains("value=\"actions\" aria-label=\"Actions (called, going ahead, called off): Phone\" checked"), "{page}");
    assert!(!page.contains("value=\"bulletins\" aria-label=\"Bulletins: Phone\" checked"));
    let token = app.log_in("rosa").await.token;
    let (_, settings) = app.get("/api/v1/me/notification-settings", &token).await;
    for choice in settings["categories"].as_array().expect("categories") {
        assert_eq!(choice["push"], choice["category"] == "actions", "{choice}");
        // E-mail is unavailable here, so its choices were left alone.
        assert_eq!(choice["email"], true, "{choice}");
    }

    // The page's script hands the browser's subscription over with the CSRF token.
    let keys = PushService::start().await.subscription()["keys"].clone();
    let subscription =
        json!({ "endpoint": "https://push.example.net/send/page", "keys": keys }).to_string();
    let (status, body, _) = rosa
        .submit(
            "/settings/notifications",
            "/settings/notifications/push",
            &[("subscription", &subscription)],
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, _, _) = rosa
        .post(
            "/settings/notifications/push",
            &[("subscription", &subscription), ("csrf", "guessed")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.count_rows("push_subscriptions").await, 1);
    let (status, body, _) = rosa
        .submit(
            "/settings/notifications",
            "/settings/notifications/push/remove",
            &[("endpoint", "https://push.example.net/send/page")],
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(app.count_rows("push_subscriptions").await, 0);
}

/// Ten thousand recipients in one `insert_many`, each with a phone and an address: the
/// deliveries are queued in the same transaction, in a few statements per chunk.
/// A raid alert queued after a network-wide bulletin is sent before it.
async fn urgent_deliveries_go_first(app: TestApp) {
    let (_, ana, _) = committee(&app).await;
    let ana: Id = ana.id.parse().expect("id");
    let pool = app.app().db.pool();
    // Due in an hour, so that the server's own sender leaves them alone.
    let later = Timestamp::now().plus_hours(1);
    let (bulletin, alert) = (Id::random(), Id::random());
    for (id, urgent, due) in [
        (bulletin, 0_i64, later.millis()),
        (alert, 1, later.millis() + 1000),
    ] {
        sqlx::query(
            "INSERT INTO deliveries (id, account_id, channel, purpose, urgent, due_at, created_at)
             VALUES ($1, $2, 'email', 'show', $3, $4, $4)",
        )
        .bind(id.get())
        .bind(ana.get())
        .bind(urgent)
        .bind(due)
        .execute(pool)
        .await
        .expect("insert");
    }
    let claimed =
        outnumber::delivery::store::claim_due(pool, later.plus_hours(1), later.plus_hours(2), 1)
            .await
            .expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        claimed[0].id,
        alert.get(),
        "the urgent one, though due later"
    );
}

async fn ten_thousand_recipients_are_queued_at_once(app: TestApp) {
    use outnumber::db::value_rows;
    use outnumber::notifications::{Notification, NotificationKind};

    const N: usize = 10_000;
    let ids: Vec<i64> = (0..N).map(|_| Id::random().get()).collect();
    let pool = app.app().db.pool();
    let now = Timestamp::now().millis();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "INSERT INTO accounts (id, handle, display_name, password_hash, language, is_admin, created_at) VALUES {}",
            value_rows(chunk.len(), 7)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query
                .bind(*id)
                .bind(format!("member{id}"))
                .bind("Member")
                .bind("x")
                .bind("en")
                .bind(0_i64)
                .bind(now);
        }
        query.execute(pool).await.expect("accounts");
        // A phone each (sealed bytes that will not open: the sender gives them up), and an
        // address for half of them; the other half turned e-mail off for emergencies.
        let sql = format!(
            "INSERT INTO push_subscriptions (id, account_id, endpoint_hash, sealed, key_id, created_at) VALUES {}",
            value_rows(chunk.len(), 6)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query
                .bind(Id::random().get())
                .bind(*id)
                .bind(random_bytes::<32>().to_vec())
                .bind(vec![0_u8; 40])
                .bind(1_i64)
                .bind(now);
        }
        query.execute(pool).await.expect("subscriptions");
        let sql = format!(
            "INSERT INTO email_addresses (account_id, sealed, key_id, updated_at) VALUES {}",
            value_rows(chunk.len(), 4)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(*id).bind(vec![0_u8; 40]).bind(1_i64).bind(now);
        }
        query.execute(pool).await.expect("addresses");
        let off = &chunk[..chunk.len() / 2];
        let sql = format!(
            "INSERT INTO delivery_preferences (account_id, category, push, email) VALUES {}",
            value_rows(off.len(), 4)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in off {
            query = query
                .bind(*id)
                .bind("emergency_meetings")
                .bind(1_i64)
                .bind(0_i64);
        }
        query.execute(pool).await.expect("preferences");
    }
    let subject = Id::random();
    let rows: Vec<Notification> = ids
        .iter()
        .map(|&account| Notification {
            id: Id::random(),
            account_id: Id::from_db(account),
            kind: NotificationKind::EmergencyMeeting,
            committee_id: None,
            subject_id: Some(subject),
            detail: serde_json::Map::new(),
            urgent: true,
            created_at: Timestamp::now(),
            read_at: None,
            ahead_of_inbox: false,
        })
        .collect();
    let mut tx = app.app().db.begin().await.expect("begin");
    outnumber::notifications::store::insert_many(&mut tx, &rows)
        .await
        .expect("insert");
    let (push, email): (i64, i64) = sqlx::query_as(
        "SELECT SUM(CASE WHEN channel = 'push' THEN 1 ELSE 0 END),
                SUM(CASE WHEN channel = 'email' THEN 1 ELSE 0 END)
         FROM deliveries WHERE subject_id = $1",
    )
    .bind(subject.get())
    .fetch_one(&mut *tx)
    .await
    .expect("count");
    tx.commit().await.expect("commit");
    assert_eq!(push, N as i64);
    assert_eq!(email, (N / 2) as i64);
}

both!(
    ten_thousand_recipients_are_queued_at_once,
    urgent_deliveries_go_first,
    push_reaches_a_phone_signed_and_encrypted,
    categories_turned_off_send_nothing,
    a_gone_subscription_is_removed,
    a_failing_push_service_is_tried_again,
    a_stalled_push_service_holds_up_nobody_else,
    endpoints_must_be_https_and_public,
    a_known_endpoint_takes_no_phone_over,
    endpoints_stored_before_keying_are_rehashed_at_start,
    a_withdrawn_alert_is_taken_off_phones,
    a_false_alarm_is_taken_off_phones,
    email_reaches_members_in_their_language,
    mail_is_what_providers_accept_and_unsubscribes_in_one_click,
    only_urgent_reports_are_mailed_without_their_words,
    email_waits_for_the_smtp_server_across_a_restart,
    without_smtp_email_is_unavailable,
    the_settings_page_and_the_service_worker,
);

/// A server told to send e-mail through a malformed SMTP address refuses to start, saying
/// why, rather than run without the e-mail it was told to send.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_smtp_url_stops_the_start() {
    let Some((_db, url)) = crate::common::TestDb::create(Backend::Sqlite).await else {
        return;
    };
    let data = std::env::temp_dir().join(format!("outnumber_data_{}", Id::random()));
    let mut config = outnumber::app::Config::new(([127, 0, 0, 1], 0).into(), url);
    config.data_dir = data.clone();
    config.smtp_url = Some("gopher://mail.example.org".into());
    let refused = outnumber::server::start(config).await;
    let _ = std::fs::remove_dir_all(&data);
    match refused {
        Ok(_) => panic!("the server started with a malformed SMTP URL"),
        Err(err) => assert!(err.to_string().contains("SMTP"), "{err}"),
    }
}
