//! What a form just did, said at the top of the page it lands on ("You left Depot 5").
//!
//! A form that succeeds answers with a redirect (so a reload does not send it again); the
//! sentence rides along in a short-lived cookie, already in the member's language, and the
//! next page shown takes it and clears it. The cookie carries the server's MAC of the text
//! bound to the session's form token, so nobody else (another site, a sibling subdomain, a
//! network on plain http) can make a page say something in the server's voice: a cookie
//! whose MAC does not fit is ignored.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::app::App;
use crate::delivery::contact::hmac;
use crate::error::Error;
use crate::web::caller::{Caller, append_cookie, cookie, same_token};

pub const NOTICE_COOKIE: &str = "outnumber_notice";

/// How long a notice waits for its page: the redirect that carries it is followed at once.
const MAX_AGE_SECS: u32 = 120;

/// Longer texts are cut: a notice names a committee and a member at most.
const MAX_BYTES: usize = 1200;

/// The name of the notice cookie on this server (`__Host-` behind https, as the session's).
pub fn cookie_name(app: &App) -> &'static str {
    if app.config.secure_cookies {
        "__Host-outnumber_notice"
    } else {
        NOTICE_COOKIE
    }
}

fn secure(app: &App) -> &'static str {
    if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

fn tag(key: &[u8; 32], csrf: &str, payload: &str) -> String {
    let digest = hmac(
        key,
        &[
            b"outnumber notice\0",
            csrf.as_bytes(),
            b"\0",
            payload.as_bytes(),
        ],
    );
    URL_SAFE_NO_PAD.encode(&digest[..18])
}

/// The cookie value for `text`, bound to the form token `csrf`.
fn value(key: &[u8; 32], csrf: &str, text: &str) -> String {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let payload = URL_SAFE_NO_PAD.encode(&text.as_bytes()[..end]);
    let tag = tag(key, csrf, &payload);
    format!("{payload}.{tag}")
}

/// The text of a cookie value, if the server made it for this form token.
fn text_of(key: &[u8; 32], csrf: &str, value: &str) -> Option<String> {
    let (payload, got) = value.split_once('.')?;
    if csrf.is_empty() || !same_token(got, &tag(key, csrf, payload)) {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    String::from_utf8(bytes).ok()
}

/// The notice the request brings, if it is one this server made for this session.
pub fn read(app: &App, headers: &HeaderMap, csrf: &str) -> Option<String> {
    let value = cookie(headers, cookie_name(app))?;
    if value.len() > MAX_BYTES * 2 {
        return None;
    }
    let key = app.delivery.keys().ok()?.form_key;
    text_of(&key, csrf, value)
}

/// Sets the notice on a response.
pub fn set(app: &App, caller: &Caller, response: &mut Response, text: &str) -> Result<(), Error> {
    let key = &app.delivery.keys()?.form_key;
    append_cookie(
        response,
        &format!(
            "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_SECS}{}",
            cookie_name(app),
            value(key, &caller.csrf, text),
            secure(app)
        ),
    );
    Ok(())
}

/// Clears the notice once a page has shown it.
pub fn clear(app: &App, response: &mut Response) {
    append_cookie(
        response,
        &format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
            cookie_name(app),
            secure(app)
        ),
    );
}

/// A redirect to `to` whose page says `text` at the top.
pub fn redirect(app: &App, caller: &Caller, to: &str, text: &str) -> Result<Response, Error> {
    let mut response = Redirect::to(to).into_response();
    set(app, caller, &mut response, text)?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_reads_back_only_for_its_session_and_key() {
        let key = [3u8; 32];
        let made = value(&key, "form-token", "You left Depot 5.");
        assert_eq!(
            text_of(&key, "form-token", &made).as_deref(),
            Some("You left Depot 5.")
        );
        assert_eq!(
            text_of(&key, "another-token", &made),
            None,
            "another session"
        );
        assert_eq!(
            text_of(&[4u8; 32], "form-token", &made),
            None,
            "another key"
        );
        assert_eq!(text_of(&key, "", &made), None, "no session");
        let (_, mac) = made.split_once('.').expect("payload and MAC");
        let forged = format!("{}.{mac}", URL_SAFE_NO_PAD.encode("Go to evil.example"));
        assert_eq!(text_of(&key, "form-token", &forged), None, "a changed text");
        assert_eq!(text_of(&key, "form-token", "no-dot"), None);
    }

    #[test]
    fn long_notices_are_cut_on_a_character() {
        let key = [3u8; 32];
        let long = "ñ".repeat(MAX_BYTES);
        let made = value(&key, "t", &long);
        let back = text_of(&key, "t", &made).expect("reads back");
        assert!(back.len() <= MAX_BYTES && back.chars().all(|c| c == 'ñ'));
    }
}
