//! Who is asking, and in which language: resolved once per request by the layers around the
//! API and the pages, then read by handlers through the [`Caller`] and [`SignedIn`]
//! extractors.
//!
//! API clients authenticate with `Authorization: Bearer`; pages with the session cookie. The
//! API also honours the cookie for reads (so that the page's own script can open the event
//! stream), never for writes: a write that rides on a cookie alone would be a way around the
//! pages' CSRF protection.
//!
//! A bearer may be a session's token or an API token (`onb_…`, `core::tokens`). An API token
//! is held to its scopes here, before any handler runs ([`Grants`]): each operation of the
//! API needs the scope of its part (its OpenAPI tag), read or write by its method, and the
//! operations of [`SESSION_ONLY`] need a session. An API token never signs in a page, nor
//! counts as a cookie.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

pub use crate::accounts::Account;
use crate::app::App;
use crate::core::Timestamp;
use crate::core::fields::Language;
use crate::core::ids::secret_hash;
use crate::core::tokens::{Part, Scope, Scopes};
use crate::error::Error;
use crate::i18n::Tr;
use crate::web::error::Problem;

pub const SESSION_COOKIE: &str = "outnumber_session";
pub const CSRF_COOKIE: &str = "outnumber_csrf";
pub const LANG_COOKIE: &str = "outnumber_lang";

/// The name of the session cookie on this server. Behind https the session and form
/// cookies carry the `__Host-` prefix: a browser takes such a cookie only from this very
/// host, over https, marked `Secure` and for the whole site, so a sibling subdomain or a
/// network on plain http cannot plant one. A planted session cookie (or log-in form
/// cookie) would sign a member into an account someone else controls, whose reports and
/// messages that someone then reads.
pub fn session_cookie_name(app: &App) -> &'static str {
    if app.config.secure_cookies {
        "__Host-outnumber_session"
    } else {
        SESSION_COOKIE
    }
}

/// The name of the anonymous form cookie on this server.
pub fn csrf_cookie_name(app: &App) -> &'static str {
    if app.config.secure_cookies {
        "__Host-outnumber_csrf"
    } else {
        CSRF_COOKIE
    }
}

#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Option<Arc<Account>>,
    pub tr: Tr,
    /// The token every form must carry back.
    pub csrf: String,
    /// The client's address (the peer's, or behind a trusted proxy the one it names), for
    /// in-memory rate limits only; never stored or logged.
    pub address: Option<IpAddr>,
    /// The path and query of the request, for pages that link back to themselves.
    pub path: String,
    /// What the form before this page did, to say at its top (`web::notice`).
    pub notice: Option<String>,
    /// The anonymous form cookie to create with this response, if the visitor brought
    /// none the server made.
    fresh_csrf_cookie: Option<String>,
}

impl Caller {
    pub fn account(&self) -> Result<&Arc<Account>, Error> {
        self.account.as_ref().ok_or(Error::Unauthenticated)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        resolved(parts).cloned()
    }
}

/// The signed-in account making the request; answers 401 (or, on a page, sends to the log-in
/// page) when there is none.
pub struct SignedIn(pub Arc<Account>);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        resolved(parts)?
            .account
            .clone()
            .map(SignedIn)
            .ok_or(Error::Unauthenticated)
    }
}

/// The caller the layer around the route resolved.
fn resolved(parts: &Parts) -> Result<&Caller, Error> {
    parts
        .extensions
        .get::<Caller>()
        .ok_or_else(|| Error::Internal("caller not resolved for this route".into()))
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<Result<&str, ()>> {
    let value = headers.get(header::AUTHORIZATION)?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 128);
    Some(token.ok_or(()))
}

/// The form token of a signed-in session: derived from the session secret, which lives only
/// in an HttpOnly cookie, so another site cannot know it.
fn session_csrf(session_token: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"outnumber csrf\0")
        .chain_update(session_token.as_bytes())
        .finalize();
    URL_SAFE_NO_PAD.encode(&digest[..18])
}

/// Anonymous visitors (the log-in and registration forms) have no session to derive a form
/// token from. Their cookie holds a random value and the server's MAC of it, and their form
/// token is another MAC of that value: a cookie someone else planted, with a value of their
/// choosing, carries no valid MAC and is replaced, so no form token made up to match it
/// passes. (A cookie the server did issue, taken from one browser and planted in another,
/// is what the `__Host-` prefix stops, behind https.)
mod anonymous {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use crate::core::ids::Secret;
    use crate::delivery::contact::hmac;
    use crate::web::caller::same_token;

    fn mac(key: &[u8; 32], what: &[u8], nonce: &str) -> String {
        URL_SAFE_NO_PAD.encode(&hmac(key, &[what, nonce.as_bytes()])[..18])
    }

    /// A new cookie value.
    pub fn issue(key: &[u8; 32]) -> String {
        let nonce = Secret::generate().into_string();
        let tag = mac(key, b"cookie\0", &nonce);
        format!("{nonce}.{tag}")
    }

    /// The form token for a cookie value, if the server made that value.
    pub fn form_token(key: &[u8; 32], cookie: &str) -> Option<String> {
        let (nonce, tag) = cookie.split_once('.')?;
        if nonce.len() != 43 || !same_token(tag, &mac(key, b"cookie\0", nonce)) {
            return None;
        }
        Some(mac(key, b"form\0", nonce))
    }
}

fn language_from(headers: &HeaderMap) -> Language {
    cookie(headers, LANG_COOKIE)
        .and_then(|v| Language::parse(v).ok())
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::negotiate)
        })
        .unwrap_or(Language::En)
}

fn path_and_query(parts: &Parts) -> String {
    parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned())
}

fn client_address(app: &App, parts: &Parts) -> Option<IpAddr> {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())?;
    Some(
        app.config
            .trusted_proxies
            .client_address(peer, &parts.headers),
    )
}

async fn lookup(app: &App, token: &str) -> Result<Option<Arc<Account>>, Error> {
    Ok(app
        .directory
        .session(&secret_hash(token), Timestamp::now())
        .await?)
}

enum Via {
    Api,
    Page,
}

/// The operations no API token may call, whatever its scopes: they manage the account's
/// ways in (tokens, the password, sessions), make ways to read or be told that outlive any
/// token (calendar links, push devices, the e-mail address alerts go to), touch the account
/// itself (export, deletion), or the server (administrators' invites). `PATCH /me` is here
/// whole, since it changes the password; the pages, which no token signs in, hold the rest
/// (log out everywhere).
pub const SESSION_ONLY: &[(&str, &str)] = &[
    ("post", "/committees/{id}/calendar"),
    ("post", "/me/calendar"),
    ("post", "/push-subscriptions"),
    ("put", "/me/notification-settings"),
    ("get", "/me/tokens"),
    ("post", "/me/tokens"),
    ("get", "/me/tokens/{id}"),
    ("delete", "/me/tokens/{id}"),
    ("patch", "/me"),
    ("delete", "/me"),
    ("get", "/me/export"),
    ("delete", "/sessions/current"),
    ("post", "/admin/invites"),
];

/// Where the API serves its OpenAPI document (under `/api/v1`).
pub const DOCUMENT: &str = "/openapi.json";

/// The operations every API token may call: who it acts for.
pub const ANY_TOKEN: &[(&str, &str)] = &[("get", "/me")];

/// What an API token needs for one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Nothing: the operation needs no one signed in.
    Public,
    /// Any token.
    AnyToken,
    /// A session: no token.
    Session,
    /// The scope of a part, to read it or to change it.
    Part(Part, bool),
}

/// What an API token needs for each operation of the API, by method and route pattern, as
/// the OpenAPI document's tags and security say. A tag that names no part (`accounts`)
/// needs a session, so a route added there is closed to tokens until listed otherwise.
#[derive(Debug, Default)]
pub struct Grants(HashMap<(String, String), Need>);

impl Grants {
    pub fn from_doc(doc: &serde_json::Value) -> Grants {
        // The document itself is no operation of its own, and anyone may read it.
        let mut needs = HashMap::from([(("get".to_owned(), DOCUMENT.to_owned()), Need::Public)]);
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                needs.insert(
                    (method.clone(), path.clone()),
                    need_of(method, path, operation),
                );
            }
        }
        Grants(needs)
    }

    /// What `method` on the route `pattern` (under `/api/v1`) needs; `None` for a route
    /// the document does not hold.
    pub fn need(&self, method: &Method, pattern: &str) -> Option<Need> {
        let method = if *method == Method::HEAD {
            "get".to_owned()
        } else {
            method.as_str().to_ascii_lowercase()
        };
        self.0.get(&(method, pattern.to_owned())).copied()
    }

    /// Refuses what the token's scopes do not cover. A route the document does not hold
    /// (one added beside the annotated handlers) is refused too: a token is let through only
    /// where the document says what it needs.
    pub fn check(&self, method: &Method, pattern: &str, scopes: &Scopes) -> Result<(), Error> {
        match self.need(method, pattern) {
            Some(Need::Public | Need::AnyToken) => Ok(()),
            None | Some(Need::Session) => Err(Error::SessionRequired),
            Some(Need::Part(part, write)) => {
                scopes
                    .permits(part, write)
                    .map_err(|needs| Error::TokenScope {
                        needs: needs.name(),
                    })
            }
        }
    }

    /// Says in the document what each operation asks of an API token: `x-token-scope`
    /// names the scope (or `any`), and an operation no token may call says so in its
    /// description and with `x-session-only`.
    pub fn describe(&self, doc: &mut serde_json::Value) {
        use serde_json::{Value, json};
        let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
            return;
        };
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, operation) in item.iter_mut() {
                let Some(need) = self.0.get(&(method.clone(), path.clone())) else {
                    continue;
                };
                let Some(operation) = operation.as_object_mut() else {
                    continue;
                };
                match need {
                    Need::Public => {}
                    Need::AnyToken => {
                        operation.insert("x-token-scope".into(), json!("any"));
                    }
                    Need::Session => {
                        operation.insert("x-session-only".into(), json!(true));
                        let said = "API tokens cannot call this: it needs a session from `POST /sessions` (`403 session_required`).";
                        let description = match operation.get("description").and_then(Value::as_str)
                        {
                            Some(text) if !text.is_empty() => format!("{text}\n\n{said}"),
                            _ => said.to_owned(),
                        };
                        operation.insert("description".into(), json!(description));
                    }
                    Need::Part(part, write) => {
                        let scope = if *write {
                            Scope::PartWrite(*part)
                        } else {
                            Scope::PartRead(*part)
                        };
                        operation.insert("x-token-scope".into(), json!(scope.name()));
                    }
                }
            }
        }
    }
}

fn need_of(method: &str, path: &str, operation: &serde_json::Value) -> Need {
    if SESSION_ONLY.contains(&(method, path)) {
        return Need::Session;
    }
    if ANY_TOKEN.contains(&(method, path)) {
        return Need::AnyToken;
    }
    // `security: []` (none needed) or an empty requirement among the options (`[{}]`):
    // nobody need be signed in.
    let public = operation["security"].as_array().is_some_and(|options| {
        options.is_empty()
            || options
                .iter()
                .any(|o| o.as_object().is_some_and(|o| o.is_empty()))
    });
    if public {
        return Need::Public;
    }
    let part = operation["tags"][0]
        .as_str()
        .and_then(|tag| Part::parse(tag).ok());
    match part {
        Some(part) => Need::Part(part, method != "get"),
        None => Need::Session,
    }
}

async fn resolve(app: &App, parts: &Parts, via: Via) -> Result<(Caller, bool), Error> {
    let headers = &parts.headers;
    let address = client_address(app, parts);
    let mut tr = Tr::new(language_from(headers));
    let mut clear_session_cookie = false;

    // A cookie carries a session, never an API token: a token is for programs, which send
    // it as a bearer, and a page signed in with one would escape its scopes.
    let session_only = |found: Option<Arc<Account>>| found.filter(|a| a.token.is_none());
    let account = match via {
        Via::Api => match bearer(headers) {
            Some(Ok(token)) => match lookup(app, token).await? {
                Some(account) => Some(account),
                None => return Err(Error::InvalidToken),
            },
            Some(Err(())) => return Err(Error::InvalidToken),
            None if matches!(parts.method, Method::GET | Method::HEAD) => {
                match cookie(headers, session_cookie_name(app)) {
                    Some(token) => session_only(lookup(app, token).await?),
                    None => None,
                }
            }
            None => None,
        },
        Via::Page => match cookie(headers, session_cookie_name(app)) {
            Some(token) => {
                let found = session_only(lookup(app, token).await?);
                clear_session_cookie = found.is_none();
                found
            }
            None => None,
        },
    };

    let (csrf, fresh_csrf_cookie) = match (&account, cookie(headers, session_cookie_name(app))) {
        // The API takes no forms, so it needs no form token (and the empty one fits none).
        _ if matches!(via, Via::Api) => (String::new(), None),
        (Some(_), Some(token)) => (session_csrf(token), None),
        _ => {
            let key = &app.delivery.keys()?.form_key;
            let issued = cookie(headers, csrf_cookie_name(app))
                .filter(|v| v.len() <= 128)
                .and_then(|v| anonymous::form_token(key, v));
            match issued {
                Some(token) => (token, None),
                None => {
                    let fresh = anonymous::issue(key);
                    let token = anonymous::form_token(key, &fresh).unwrap_or_default();
                    (token, Some(fresh))
                }
            }
        }
    };

    if let Some(account) = &account {
        tr = account.tr();
    }
    let notice = match via {
        Via::Page if account.is_some() => crate::web::notice::read(app, headers, &csrf),
        _ => None,
    };
    Ok((
        Caller {
            account,
            tr,
            csrf,
            address,
            path: path_and_query(parts),
            notice,
            fresh_csrf_cookie,
        },
        clear_session_cookie,
    ))
}

/// The layer around `/api/v1`: resolves the caller, holds an API token to its scopes, and
/// renders every error as JSON in the caller's language.
pub async fn api_layer(
    State((app, grants)): State<(App, Arc<Grants>)>,
    req: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let fallback_tr = Tr::new(language_from(&parts.headers));
    let caller = match resolve(&app, &parts, Via::Api).await {
        Ok((caller, _)) => caller,
        Err(err) => return localize_api_errors(err.into_response(), fallback_tr).await,
    };
    let tr = caller.tr;
    if let Some(grant) = caller.account.as_ref().and_then(|a| a.token.clone()) {
        // Noted whether or not it is let through: a token someone else is trying is used.
        crate::accounts::service::note_token_use(&app, &grant).await;
        let pattern = parts.extensions.get::<MatchedPath>().map(|m| {
            m.as_str()
                .strip_prefix("/api/v1")
                .unwrap_or(m.as_str())
                .to_owned()
        });
        if let Some(pattern) = pattern
            && let Err(err) = grants.check(&parts.method, &pattern, &grant.scopes)
        {
            return localize_api_errors(err.into_response(), tr).await;
        }
    }
    parts.extensions.insert(caller);
    let response = next.run(Request::from_parts(parts, body)).await;
    localize_api_errors(response, tr).await
}

async fn localize_api_errors(response: Response, tr: Tr) -> Response {
    if let Some(problem) = response.extensions().get::<Problem>() {
        return problem.clone().json_response(tr);
    }
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        return axum_rejection(response).await.json_response(tr);
    }
    response
}

/// The problem for an error answer axum made on its own. Its 400s (a query string of the
/// wrong types, such as `?limit=abc`) say in English what was wrong, which is kept as the
/// detail of a translated message, as for a malformed JSON body.
async fn axum_rejection(response: Response) -> Problem {
    let status = response.status();
    if status == StatusCode::BAD_REQUEST
        && let Ok(text) = axum::body::to_bytes(response.into_body(), 1024).await
        && let Ok(text) = std::str::from_utf8(&text)
        && !text.trim().is_empty()
    {
        return Error::bad_request("bad_request", text.trim().to_owned()).problem();
    }
    Problem::from_status(status)
}

/// The layer around the pages: resolves the caller from the session cookie, sends anonymous
/// visitors of private pages to the log-in page, and renders errors as pages.
pub async fn page_layer(State(app): State<App>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let path_and_query = path_and_query(&parts);
    let path = parts.uri.path().to_owned();
    let is_get = parts.method == Method::GET;
    let (caller, clear_session) = match resolve(&app, &parts, Via::Page).await {
        Ok(resolved) => resolved,
        Err(err) => {
            let caller = Caller {
                account: None,
                tr: Tr::new(language_from(&parts.headers)),
                csrf: String::new(),
                address: None,
                path: path_and_query,
                notice: None,
                fresh_csrf_cookie: None,
            };
            let response = err.into_response();
            let problem = response
                .extensions()
                .get::<Problem>()
                .cloned()
                .unwrap_or_else(|| Problem::from_status(response.status()));
            return crate::web::pages::error_page(&app, &caller, &problem).await;
        }
    };
    parts.extensions.insert(caller.clone());
    let mut response = next.run(Request::from_parts(parts, body)).await;

    let problem = response.extensions().get::<Problem>().cloned().or_else(|| {
        let status = response.status();
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        ((status.is_client_error() || status.is_server_error()) && !is_html)
            .then(|| Problem::from_status(status))
    });
    if let Some(problem) = problem {
        response = if problem.status == StatusCode::UNAUTHORIZED {
            let next = if is_get {
                path_and_query.as_str()
            } else {
                "/dashboard"
            };
            Redirect::to(&format!("/login?next={}", urlencode(next))).into_response()
        } else {
            crate::web::pages::error_page(&app, &caller, &problem).await
        };
    }

    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    // A notice is said once, by the first page shown after it (not by a redirect or an
    // error page, which leave it for the page after).
    if caller.notice.is_some() && response.status() == StatusCode::OK && html {
        crate::web::notice::clear(&app, &mut response);
    }
    // The form cookie goes with the page whose forms carry its token: a calendar feed, an
    // image or a redirect sets none (calendar apps keep no cookies, and must not be given
    // one that could tie their fetches together).
    if let Some(value) = caller.fresh_csrf_cookie.as_ref().filter(|_| html) {
        append_cookie(
            &mut response,
            &format!(
                "{}={value}; Path=/; HttpOnly; SameSite=Strict{}",
                csrf_cookie_name(&app),
                secure(&app)
            ),
        );
    }
    if clear_session {
        append_cookie(&mut response, &expired_session_cookie(&app));
    }
    crate::web::offline::mark(&app, &caller, is_get, &path, &mut response).await;
    response
}

fn secure(app: &App) -> &'static str {
    if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

pub fn append_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

pub fn session_cookie(app: &App, token: &str) -> String {
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        session_cookie_name(app),
        crate::accounts::SESSION_DAYS * 24 * 3600,
        secure(app)
    )
}

pub fn language_cookie(app: &App, language: Language) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{}",
        language.as_str(),
        secure(app)
    )
}

/// Ends the session cookie (a `__Host-` cookie is only replaced by one marked as it was).
pub fn expired_session_cookie(app: &App) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        session_cookie_name(app),
        secure(app)
    )
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A place to return to after logging in: only a path on this server, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/dashboard".to_owned(),
    }
}

/// Compares form tokens without an early exit.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(safe_next(Some("/committees/abc")), "/committees/abc");
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\\evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; outnumber_session=tok; b=2"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(&headers, "c"), None);
    }

    #[test]
    fn anonymous_form_tokens_only_fit_cookies_the_server_made() {
        let key = [7u8; 32];
        let cookie = anonymous::issue(&key);
        let token = anonymous::form_token(&key, &cookie).expect("a cookie the server made");
        assert_ne!(token, cookie, "the form token is not the cookie");
        assert_ne!(
            anonymous::issue(&key),
            cookie,
            "each visitor gets a cookie of their own"
        );
        assert_eq!(
            anonymous::form_token(&[8u8; 32], &cookie),
            None,
            "another key"
        );
        let (nonce, _) = cookie.split_once('.').expect("value and MAC");
        let forged = format!("{nonce}.{}", "A".repeat(24));
        assert_eq!(anonymous::form_token(&key, &forged), None);
        assert_eq!(anonymous::form_token(&key, nonce), None);
        assert_eq!(
            anonymous::form_token(&key, "anonymous-form-token-0123456789"),
            None
        );
    }

    fn grants() -> (Grants, serde_json::Value) {
        let (_, doc) =
            utoipa_axum::router::OpenApiRouter::with_openapi(crate::web::openapi::base())
                .merge(crate::web::api_router())
                .split_for_parts();
        let json = crate::web::openapi::finished(&doc).0;
        (Grants::from_doc(&json), json)
    }

    #[test]
    fn every_operation_asks_a_token_for_its_part_or_a_session() {
        let (grants, json) = grants();
        for (method, path) in SESSION_ONLY.iter().chain(ANY_TOKEN) {
            assert!(
                json["paths"][path][method].is_object(),
                "{method} {path} is not in the document"
            );
        }
        for (path, item) in json["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("an item") {
                let need = grants
                    .need(&method.parse().expect("a method"), path)
                    .expect("every operation");
                let tag = operation["tags"][0].as_str().unwrap_or_default();
                match need {
                    Need::Part(part, write) => {
                        assert_eq!(part.as_str(), tag);
                        assert_eq!(write, method != "get", "{method} {path}");
                    }
                    // Only the accounts' own operations, administration, what needs no one
                    // signed in and what is listed as a session's alone are not a part's.
                    Need::Session => assert!(
                        tag == "accounts"
                            || path.starts_with("/admin")
                            || SESSION_ONLY.contains(&(method.as_str(), path.as_str())),
                        "{method} {path}"
                    ),
                    Need::AnyToken => assert_eq!((method.as_str(), path.as_str()), ("get", "/me")),
                    Need::Public => {}
                }
                if tag == "accounts" && !matches!(need, Need::Public | Need::AnyToken) {
                    assert_eq!(need, Need::Session, "{method} {path}");
                }
            }
        }
        assert_eq!(
            grants.need(&Method::HEAD, "/committees/{id}/meetings"),
            Some(Need::Part(Part::Meetings, false))
        );
        assert_eq!(
            grants.need(&Method::POST, "/committees/{id}/meetings"),
            Some(Need::Part(Part::Meetings, true))
        );
        assert_eq!(
            grants.need(&Method::GET, "/public/actions/{id}"),
            Some(Need::Public)
        );
        assert_eq!(
            grants.need(&Method::POST, "/me/tokens"),
            Some(Need::Session)
        );
        assert_eq!(
            grants.need(&Method::GET, "/openapi.json"),
            Some(Need::Public)
        );
        assert_eq!(grants.need(&Method::GET, "/no/such/route"), None);
    }

    #[test]
    fn a_token_is_held_to_its_scopes() {
        let (grants, _) = grants();
        let read = Scopes::parse(&["read"]).expect("scopes");
        assert!(grants.check(&Method::GET, "/incidents/{id}", &read).is_ok());
        assert!(matches!(
            grants.check(&Method::POST, "/incidents/{id}/resolve", &read),
            Err(Error::TokenScope {
                needs: "incidents:write"
            })
        ));
        assert!(matches!(
            grants.check(&Method::GET, "/me/export", &read),
            Err(Error::SessionRequired)
        ));
        let meetings = Scopes::parse(&["meetings:write"]).expect("scopes");
        assert!(
            grants
                .check(&Method::PUT, "/meetings/{id}/minutes", &meetings)
                .is_ok()
        );
        assert!(matches!(
            grants.check(&Method::GET, "/events", &meetings),
            Err(Error::TokenScope {
                needs: "notifications:read"
            })
        ));
        assert!(grants.check(&Method::GET, "/me", &meetings).is_ok());
        // A route the document does not describe is no token's.
        assert!(matches!(
            grants.check(&Method::GET, "/undocumented", &read),
            Err(Error::SessionRequired)
        ));
        assert!(matches!(
            grants.check(&Method::DELETE, "/committees/{id}", &read),
            Err(Error::SessionRequired)
        ));
    }

    #[test]
    fn csrf_tokens_differ_per_session() {
        assert_ne!(session_csrf("one"), session_csrf("two"));
        assert!(same_token(&session_csrf("one"), &session_csrf("one")));
        assert!(!same_token("abc", "abd"));
    }
}
