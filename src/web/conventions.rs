//! What other programs look for at fixed addresses: `robots.txt`, which keeps crawlers to
//! the public pages, and `/.well-known/security.txt` (RFC 9116), which tells where to report
//! a vulnerability, when the operator has said where (`--security-contact`).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::core::Timestamp;

/// Everything but the front page, the public counters and know-your-rights is members'
/// business: crawlers that listen are kept out (the pages also need a session, and invite
/// pages are reached only with their code).
const ROBOTS: &str = "\
# Outnumber: only the public pages may be crawled.
User-agent: *
Allow: /$
Allow: /public/
Allow: /rights$
Disallow: /
";

pub async fn robots() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ROBOTS,
    )
}

/// How long a security.txt stays valid: RFC 9116 asks for less than a year, and an answer
/// made fresh each time never goes stale.
const VALID_DAYS: i64 = 90;

pub async fn security_txt(State(app): State<App>) -> Response {
    let Some(contact) = &app.config.security_contact else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let expires = Timestamp::now().plus_hours(24 * VALID_DAYS).rfc3339();
    let body = format!(
        "Contact: {contact}\nExpires: {expires}\nPreferred-Languages: en, es\nCanonical: {}\n",
        app.config.link("/.well-known/security.txt")
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}
