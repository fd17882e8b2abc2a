//! Extractors that turn every malformed request into an [`Error`] with a clear code, so that
//! bad input never reaches a handler and never produces a 5xx.

use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::core::Id;
use crate::error::Error;
use crate::web::caller::{Caller, same_token};

/// A JSON body. Wrong content type: 415; not JSON: 400 `malformed_json`; JSON of the wrong
/// shape or types: 422 `invalid_body`; too large: 413.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        if !is_json {
            return Err(Error::bad_request(
                "unsupported_media_type",
                "expected application/json",
            ));
        }
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| bytes_rejection(&e))?;
        parse_json(&body).map(ApiJson)
    }
}

/// Parses a JSON body. Syntax errors are told apart from well-formed JSON of the wrong
/// shape, whichever the parser happened to meet first.
///
/// Every request body of the API is an object; serde would also fill a struct from an
/// array of its fields in order (`[null, 3]`), which the OpenAPI document does not allow and
/// no client means, so anything but an object is refused first.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
    {
        return Err(Error::bad_request("invalid_body", "expected a JSON object"));
    }
    serde_json::from_slice(body).map_err(|err| {
        let well_formed = !err.is_syntax()
            && !err.is_eof()
            && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
        if well_formed {
            Error::bad_request("invalid_body", err.to_string())
        } else {
            Error::bad_request("malformed_json", err.to_string())
        }
    })
}

fn bytes_rejection(rejection: &BytesRejection) -> Error {
    if crate::web::deadline::timed_out(rejection) {
        return Error::bad_request("request_timeout", "the request body did not arrive in time");
    }
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::bad_request("payload_too_large", "request body too large")
    } else {
        Error::bad_request("bad_request", rejection.body_text())
    }
}

/// A form posted from one of our pages. It must carry the caller's CSRF token in a field
/// named `csrf`; page handlers take forms only through this extractor.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = req
            .extensions()
            .get::<Caller>()
            .map(|c| c.csrf.clone())
            .ok_or_else(|| Error::Internal("caller not resolved for this form".into()))?;
        let (token, body) = form_body(req, state).await?;
        if expected.is_empty() || !same_token(&token, &expected) {
            return Err(Error::CsrfMismatch);
        }
        // serde_html_form reads repeated fields (a checkbox list) into a Vec.
        let value = serde_html_form::from_bytes(&body)
            .map_err(|e| Error::bad_request("invalid_body", e.to_string()))?;
        Ok(CsrfForm(value))
    }
}

/// The body of a posted form and the token it carries in its `csrf` field (empty if none).
pub async fn form_body<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<(String, axum::body::Bytes), Error> {
    let is_form = req.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes()
            .starts_with(b"application/x-www-form-urlencoded")
    });
    if !is_form {
        return Err(Error::bad_request(
            "unsupported_media_type",
            "expected a form",
        ));
    }
    let body = axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|e| bytes_rejection(&e))?;
    let field: CsrfField = serde_html_form::from_bytes(&body)
        .map_err(|e| Error::bad_request("bad_request", e.to_string()))?;
    Ok((field.csrf, body))
}

/// Reads an id from a path. A malformed id names nothing, so it is answered like any
/// resource the caller cannot see.
pub fn path_id(raw: &str) -> Result<Id, Error> {
    raw.parse().map_err(|_| Error::not_found())
}

/// A JSON body whose fields are all optional, so that an empty body is as good as `{}`.
pub struct OptionalJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declares_body = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0")
            || req.headers().contains_key(header::TRANSFER_ENCODING)
            || req.headers().contains_key(header::CONTENT_TYPE);
        if !declares_body {
            return Ok(OptionalJson(T::default()));
        }
        ApiJson::<T>::from_request(req, state)
            .await
            .map(|ApiJson(value)| OptionalJson(value))
    }
}

/// Whether an error is the person's to fix in the form they sent (shown next to the form)
/// rather than a reason to leave the page.
pub fn shown_in_form(err: Error, tr: crate::i18n::Tr) -> Result<String, Error> {
    let problem = err.problem();
    match problem.status.as_u16() {
        // A rate limit is not the form's fault: it gets the error page, with its 429 and
        // Retry-After.
        400 | 409 | 410 | 422 => Ok(problem.message(tr)),
        _ => Err(err),
    }
}

/// A 201 answer for a thing just made: its view, and `Location` naming it in the API
/// (`/api/v1/{collection}/{id}`, from the view's own `id`).
pub fn created<T: serde::Serialize>(
    collection: &str,
    view: T,
) -> Result<axum::response::Response, Error> {
    use axum::response::IntoResponse;

    let view = serde_json::to_value(view).map_err(|e| Error::Internal(e.to_string()))?;
    let id = view["id"]
        .as_str()
        .ok_or_else(|| Error::Internal(format!("a new {collection} without an id")))?;
    let location = format!("/api/v1/{collection}/{id}");
    Ok((
        axum::http::StatusCode::CREATED,
        [(header::LOCATION, location)],
        axum::Json(view),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_json;

    #[derive(serde::Deserialize, Debug)]
    struct Terms {
        #[allow(dead_code)]
        max_uses: Option<i64>,
    }

    fn code(body: &str) -> String {
        match parse_json::<Terms>(body.as_bytes()) {
            Ok(_) => "ok".to_owned(),
            Err(err) => err.problem().code.into_owned(),
        }
    }

    #[test]
    fn only_objects_fill_a_request() {
        assert_eq!(code(r#" {"max_uses": 3} "#), "ok");
        assert_eq!(
            code("[3]"),
            "invalid_body",
            "serde would take a struct's fields in order"
        );
        assert_eq!(code("[null, null]"), "invalid_body");
        assert_eq!(code("3"), "invalid_body");
        assert_eq!(code("[3"), "malformed_json");
        assert_eq!(code(r#"{"max_uses": "x"}"#), "invalid_body");
    }
}
