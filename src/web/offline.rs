//! Which pages the service worker (`static/sw.js`) keeps on the phone for reading offline,
//! and whose copy each is.
//!
//! Pages are sent `Cache-Control: no-store`, so no HTTP cache (the browser's, a proxy's)
//! keeps them. The service worker's cache is the one place they are kept, by design, and
//! only these: the member's last dashboard, the contacts pages of their committees, the
//! know-your-rights page and the offline page. The server tells it with two headers:
//!
//! - [`OWNER`] on every page answered to a signed-in member: a tag of the session (a hash of
//!   the session's own hash, so it opens nothing). The worker keeps what it saves under that
//!   tag, and drops every saved private page as soon as a page arrives with another tag or
//!   with none (the member logged out, was logged out everywhere, or someone else logged in).
//! - [`KEEP`] on the pages to keep. Its value is `max-age=SECONDS`, how long the copy may
//!   be shown, then, separated by spaces, other paths to fetch and keep along with it (the
//!   dashboard names the contacts pages), so that what a member needs in a raid is on the
//!   phone before they ever open it. The dashboard, which shows incident summaries, lives
//!   no longer than the server keeps them (`--incident-retention-hours`); the others as long
//!   as a session.

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::app::App;
use crate::web::caller::Caller;

/// Whose copy a page is: present on every page answered to a signed-in member.
pub const OWNER: HeaderName = HeaderName::from_static("outnumber-owner");
/// Keep this page offline, and fetch and keep the paths listed with it.
pub const KEEP: HeaderName = HeaderName::from_static("outnumber-offline");

/// How many contacts pages the dashboard asks the worker to keep: a member is rarely in
/// more committees than this, and each is one more request per refresh.
const MAX_CONTACT_PAGES: usize = 12;

/// The tag of a session for the service worker's cache: 96 bits of a hash of the session's
/// hash (itself a hash of the token), so that whoever reads the phone's storage learns nothing
/// that opens the session.
pub fn owner_tag(session: &[u8]) -> String {
    let digest = Sha256::new()
        .chain_update(b"outnumber offline owner\0")
        .chain_update(session)
        .finalize();
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// Adds the offline headers to a page's answer (called by the page layer for every page).
pub async fn mark(app: &App, caller: &Caller, get: bool, path: &str, response: &mut Response) {
    let account = caller.account.as_ref();
    if let Some(account) = account
        && !response.status().is_redirection()
        && let Ok(tag) = HeaderValue::from_str(&owner_tag(&account.session))
    {
        response.headers_mut().insert(OWNER, tag);
    }
    let is_page = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !get || response.status() != StatusCode::OK || !is_page {
        return;
    }
    let Some(also) = kept_with(app, account.map(|a| a.id), path).await else {
        return;
    };
    let lifetime = if path.trim_end_matches('/') == "/dashboard" {
        app.config.incident_retention.min(SESSION_LIFETIME)
    } else {
        SESSION_LIFETIME
    };
    let mut value = format!("max-age={}", lifetime.as_secs());
    for path in also {
        value.push(' ');
        value.push_str(&path);
    }
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(KEEP, value);
    }
}

/// No kept copy outlives the longest a session can.
const SESSION_LIFETIME: std::time::Duration =
    std::time::Duration::from_secs(crate::accounts::SESSION_DAYS.unsigned_abs() * 24 * 3600);

/// What to keep along with `path`, if `path` is a page to keep at all.
async fn kept_with(app: &App, account: Option<crate::core::Id>, path: &str) -> Option<Vec<String>> {
    let path = path.trim_end_matches('/');
    let basics = || vec!["/offline".to_owned(), "/rights".to_owned()];
    match path {
        "/offline" => Some(vec!["/rights".to_owned()]),
        "/rights" => Some(vec!["/offline".to_owned()]),
        "/dashboard" => {
            let account = account?;
            let mut also = basics();
            // From memory: the dashboard itself read the memberships a moment ago.
            if let Ok(memberships) = app.directory.memberships(account).await {
                also.extend(
                    memberships
                        .iter()
                        .take(MAX_CONTACT_PAGES)
                        .map(|(committee, _)| format!("/committees/{committee}/contacts")),
                );
            }
            Some(also)
        }
        _ if account.is_some()
            && path.starts_with("/committees/")
            && path.ends_with("/contacts")
            && path.matches('/').count() == 3 =>
        {
            Some(basics())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_tag_is_stable_per_session_and_differs_between_sessions() {
        let one = owner_tag(b"session one");
        assert_eq!(one, owner_tag(b"session one"));
        assert_ne!(one, owner_tag(b"session two"));
        assert_eq!(one.len(), 24);
        assert!(one.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
