//! Web Push: VAPID signatures (RFC 8292) and encrypted messages (RFC 8291, aes128gcm).
//!
//! `web-push-native` encrypts the message and builds the request. The VAPID token is
//! signed here with `p256`'s ECDSA rather than through the crate's `vapid` feature, which
//! brings in `jwt-simple` with RSA, Ed25519, P-384 and secp256k1 that Outnumber never uses.
//! A token is a compact JWS: `{"typ":"JWT","alg":"ES256"}` and `{"aud", "exp", "sub"}`.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::dns::Name;
use hyper_util::rt::TokioExecutor;

use axum::http::{HeaderValue, Uri, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde::{Deserialize, Serialize};
use web_push_native::{Auth, WebPushBuilder};

use crate::core::delivery::is_public;
use crate::core::ids::random_bytes;
use crate::delivery::keyfile;

pub const FILE: &str = "vapid-private-key";

/// The server's VAPID key pair.
pub struct Vapid {
    key: SigningKey,
    /// The public key, uncompressed, in base64url: what browsers subscribe with.
    public: String,
}

impl std::fmt::Debug for Vapid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Vapid({})", self.public)
    }
}

impl Vapid {
    /// Reads the private key from `dir`, or creates it (mode 0600) on the first start.
    pub fn load_or_create(dir: &Path) -> std::io::Result<Vapid> {
        let path = dir.join(FILE);
        let text = keyfile::read_or_create(&path, || {
            let key = loop {
                // Nearly every 32 random bytes are a valid scalar; the loop is for the rest.
                if let Ok(key) = SigningKey::from_slice(&random_bytes::<32>()) {
                    break key;
                }
            };
            format!("{}\n", URL_SAFE_NO_PAD.encode(key.to_bytes()))
        })?;
        let key = URL_SAFE_NO_PAD
            .decode(text.trim())
            .ok()
            .and_then(|bytes| SigningKey::from_slice(&bytes).ok())
            .ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{} is not a VAPID private key", path.display()),
                )
            })?;
        let public = URL_SAFE_NO_PAD.encode(key.verifying_key().to_encoded_point(false).as_bytes());
        Ok(Vapid { key, public })
    }

    pub fn public_key(&self) -> &str {
        &self.public
    }

    /// The `Authorization` header for a request to `endpoint`, valid until `expires`
    /// (seconds since the epoch); `subject` is a `mailto:` or `https:` contact.
    pub fn authorization(&self, endpoint: &Uri, expires: i64, subject: &str) -> Option<String> {
        let audience = format!("{}://{}", endpoint.scheme_str()?, endpoint.authority()?);
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = URL_SAFE_NO_PAD.encode(
            serde_json::json!({ "aud": audience, "exp": expires, "sub": subject }).to_string(),
        );
        let signing_input = format!("{header}.{claims}");
        let signature: Signature = self.key.sign(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(signature.to_bytes());
        Some(format!(
            "vapid t={signing_input}.{signature}, k={}",
            self.public
        ))
    }
}

/// A browser's subscription, as `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Subscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SubscriptionKeys {
    /// The browser's P-256 public key, base64url.
    pub p256dh: String,
    /// The 16-byte authentication secret, base64url.
    pub auth: String,
}

/// A subscription whose keys have been checked.
pub struct Target {
    pub endpoint: Uri,
    key: web_push_native::p256::PublicKey,
    auth: Auth,
}

fn base64url(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(
            text.trim()
                .trim_end_matches('=')
                .replace('+', "-")
                .replace('/', "_"),
        )
        .ok()
}

impl Subscription {
    /// Checks the endpoint's form and the keys; the endpoint's host is checked by
    /// `core::delivery::check_endpoint`.
    pub fn target(&self) -> Option<Target> {
        let endpoint: Uri = self.endpoint.trim().parse().ok()?;
        endpoint.host()?;
        let key = web_push_native::p256::PublicKey::from_sec1_bytes(&base64url(&self.keys.p256dh)?)
            .ok()?;
        let auth: [u8; 16] = base64url(&self.keys.auth)?.as_slice().try_into().ok()?;
        Some(Target {
            endpoint,
            key,
            auth: Auth::from(auth),
        })
    }
}

/// What the service worker receives.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    Show {
        title: String,
        body: String,
        url: String,
        tag: String,
        urgent: bool,
    },
    /// Take down the notification with this tag (it was withdrawn).
    Close { tag: String },
}

/// How a push service answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    /// 404 or 410: the subscription is gone for good.
    Gone,
    /// Worth trying again later (network trouble, 429, 5xx).
    Retry(String),
    /// Will never work (another 4xx).
    Refused(String),
}

/// The HTTP client for push services: HTTP/1.1 over rustls (ring, the platform's
/// certificates), resolving names to public addresses only.
pub type Client = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<HttpConnector<PublicOnly>>,
    Full<Bytes>,
>;

pub fn client(allow_loopback: bool) -> std::io::Result<Client> {
    let mut http = HttpConnector::new_with_resolver(PublicOnly { allow_loopback });
    http.enforce_http(false);
    http.set_connect_timeout(Some(Duration::from_secs(10)));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_platform_verifier(rustls::crypto::ring::default_provider())?
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(https))
}

/// Resolves names for the push client, keeping only public addresses: a push endpoint
/// whose name points into the server's own network is never called (subscriptions are
/// checked too, but a name may change what it points to).
#[derive(Clone)]
pub struct PublicOnly {
    allow_loopback: bool,
}

type Resolving =
    Pin<Box<dyn Future<Output = std::io::Result<std::vec::IntoIter<SocketAddr>>> + Send>>;

impl tower::Service<Name> for PublicOnly {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = std::io::Error;
    type Future = Resolving;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Resolving {
        let allow_loopback = self.allow_loopback;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let allowed: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| is_public(a.ip()) || (allow_loopback && a.ip().is_loopback()))
                .collect();
            if allowed.is_empty() {
                return Err(std::io::Error::other(format!(
                    "{host} has no public address"
                )));
            }
            Ok(allowed.into_iter())
        })
    }
}

/// Encrypts `message` for `target` and posts it.
pub async fn send(
    client: &Client,
    vapid: &Vapid,
    subject: &str,
    target: &Target,
    message: &Message,
    urgent: bool,
) -> Outcome {
    let ttl = if urgent {
        Duration::from_secs(2 * 3600)
    } else {
        Duration::from_secs(24 * 3600)
    };
    let body = match serde_json::to_vec(message) {
        Ok(body) => body,
        Err(err) => return Outcome::Refused(err.to_string()),
    };
    let built = WebPushBuilder::new(target.endpoint.clone(), target.key, target.auth)
        .with_valid_duration(ttl)
        .build(body);
    let mut request = match built {
        Ok(request) => request,
        Err(err) => return Outcome::Refused(err.to_string()),
    };
    let expires = crate::core::Timestamp::now().millis() / 1000 + 12 * 3600;
    let Some(authorization) = vapid
        .authorization(&target.endpoint, expires, subject)
        .and_then(|a| HeaderValue::from_str(&a).ok())
    else {
        return Outcome::Refused("endpoint has no origin".into());
    };
    let headers = request.headers_mut();
    headers.insert(header::AUTHORIZATION, authorization);
    headers.insert(
        "urgency",
        HeaderValue::from_static(if urgent { "high" } else { "normal" }),
    );
    if let Message::Show { tag, .. } | Message::Close { tag } = message
        && let Ok(topic) = HeaderValue::from_str(&format!("{tag:.32}"))
    {
        // A newer message with the same topic replaces one still waiting at the service.
        headers.insert("topic", topic);
    }
    let (parts, body) = request.into_parts();
    let request = axum::http::Request::from_parts(parts, Full::new(Bytes::from(body)));
    match tokio::time::timeout(Duration::from_secs(20), client.request(request)).await {
        Err(_) => Outcome::Retry("push service timed out".into()),
        Ok(Err(err)) => Outcome::Retry(format!("push service unreachable: {err}")),
        Ok(Ok(response)) => {
            let status = response.status();
            // Read to the end (a little at most) so that the connection can carry the next
            // push instead of a new TLS handshake each time.
            let _ = tokio::time::timeout(
                Duration::from_secs(5),
                http_body_util::Limited::new(response.into_body(), 64 * 1024).collect(),
            )
            .await;
            if status.is_success() {
                Outcome::Delivered
            } else if status.as_u16() == 404 || status.as_u16() == 410 {
                Outcome::Gone
            } else if status.as_u16() == 429 || status.is_server_error() {
                Outcome::Retry(format!("push service answered {status}"))
            } else {
                Outcome::Refused(format!("push service answered {status}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_kept_and_reused() {
        let dir =
            std::env::temp_dir().join(format!("outnumber_vapid_{}", crate::core::Id::random()));
        let first = Vapid::load_or_create(&dir).expect("created");
        let second = Vapid::load_or_create(&dir).expect("read back");
        assert_eq!(first.public_key(), second.public_key());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(FILE))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_token_names_the_push_service_origin() {
        let dir =
            std::env::temp_dir().join(format!("outnumber_vapid_{}", crate::core::Id::random()));
        let vapid = Vapid::load_or_create(&dir).expect("created");
        let endpoint: Uri = "https://push.example.net/send/abc?x=1"
            .parse()
            .expect("uri");
        let header = vapid
            .authorization(&endpoint, 2_000_000_000, "mailto:admin@example.org")
            .expect("header");
        let token = header
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split(", k=").next())
            .expect("token");
        let claims = token.split('.').nth(1).expect("claims");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).expect("base64")).expect("json");
        assert_eq!(claims["aud"], "https://push.example.net");
        assert_eq!(claims["exp"], 2_000_000_000);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
