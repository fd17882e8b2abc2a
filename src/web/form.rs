//! How every page form that people type into answers when something must be fixed: the
//! same page again, with what was typed in every field (passwords excepted), every problem
//! at once — next to its field (`aria-invalid`, `aria-describedby`) and in a summary at the
//! top that links to each field — and each field named as its label reads. An expired form
//! token is one more such answer: nothing is done, and the form comes back with a fresh token
//! and the typed values, so nobody loses what they wrote because a phone kept a page open.
//!
//! A handler takes its form as a [`PageForm`], describes the form's fields once as a
//! [`FormSpec`], and re-renders its page with [`FormErrors`]; the templates show them with
//! the macros of `templates/form.html`.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;

use crate::core::zones::Zone;
use crate::error::Error;
use crate::i18n::Tr;
use crate::web::caller::{Caller, same_token};

/// One field of a form: the name the server's checks give it (`starts_at`), the name of its
/// input on the page (`starts_at_local`), and the message of its label.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub checked_as: &'static str,
    pub input: &'static str,
    pub label: &'static str,
}

impl Field {
    /// A field whose input has the name the checks give it.
    pub const fn new(name: &'static str, label: &'static str) -> Self {
        Field {
            checked_as: name,
            input: name,
            label,
        }
    }

    /// A field whose input is named otherwise than the checks name it.
    pub const fn input(checked_as: &'static str, input: &'static str, label: &'static str) -> Self {
        Field {
            checked_as,
            input,
            label,
        }
    }
}

/// A form: the prefix of its element ids (unique on its page) and its fields in the order
/// the page shows them.
#[derive(Debug, Clone, Copy)]
pub struct FormSpec {
    pub id: &'static str,
    pub fields: &'static [Field],
}

/// What is wrong with a form as sent, ready for its template.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    form: &'static str,
    /// One per refused field, in the order of the form.
    fields: Vec<FieldError>,
    /// What is about the form as a whole (a conflict, an expired token).
    general: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct FieldError {
    /// The input's name on the page, when the form has the field.
    pub input: Option<&'static str>,
    pub message: String,
}

impl FormErrors {
    /// No errors: the form as first shown.
    pub fn none(spec: &FormSpec) -> Self {
        FormErrors {
            form: spec.id,
            ..FormErrors::default()
        }
    }

    /// The errors of a refused request, if they are the person's to fix in the form (invalid
    /// fields, conflicts, a used-up invite: 400, 409, 410, 422). Anything else (not found,
    /// not allowed, a rate limit with its Retry-After, an outage) is not the form's fault and
    /// comes back as the error, for the error page.
    pub fn of(err: Error, tr: Tr, spec: &FormSpec) -> Result<Self, Error> {
        let problem = err.problem();
        if !matches!(problem.status.as_u16(), 400 | 409 | 410 | 422) {
            return Err(err);
        }
        let mut errors = FormErrors::none(spec);
        for p in problem.each() {
            let field = p
                .field()
                .and_then(|name| spec.fields.iter().find(|f| f.checked_as == name));
            match (p.field(), field) {
                (_, Some(field)) => errors.fields.push(FieldError {
                    input: Some(field.input),
                    message: p.message_naming(tr, Some(tr.t(field.label))),
                }),
                // A field the form does not show: named by its own label, in the summary.
                (Some(_), None) => errors.fields.push(FieldError {
                    input: None,
                    message: p.message(tr),
                }),
                (None, None) => errors.general.push(p.message(tr)),
            }
        }
        // The order of the form, whatever order the checks went in.
        let place = |e: &FieldError| {
            e.input
                .and_then(|input| spec.fields.iter().position(|f| f.input == input))
                .unwrap_or(usize::MAX)
        };
        errors.fields.sort_by_key(place);
        Ok(errors)
    }

    /// A form whose token had expired: nothing was done.
    pub fn expired(tr: Tr, spec: &FormSpec) -> Self {
        let mut errors = FormErrors::none(spec);
        errors.general.push(tr.t("form-expired"));
        errors
    }

    /// A message about one field of the form (`checked_as`, as [`Field`] names it).
    pub fn at(spec: &FormSpec, checked_as: &str, message: String) -> Self {
        let mut errors = FormErrors::none(spec);
        let input = spec
            .fields
            .iter()
            .find(|f| f.checked_as == checked_as)
            .map(|f| f.input);
        match input {
            Some(input) => errors.fields.push(FieldError {
                input: Some(input),
                message,
            }),
            None => errors.general.push(message),
        }
        errors
    }

    /// A message about the form as a whole.
    pub fn general(spec: &FormSpec, message: String) -> Self {
        let mut errors = FormErrors::none(spec);
        errors.general.push(message);
        errors
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    /// How many things the summary lists.
    pub fn count(&self) -> usize {
        self.fields.len() + self.general.len()
    }

    /// The error of the input `name`, if it has one.
    pub fn of_input(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|e| e.input == Some(name))
            .map(|e| e.message.as_str())
    }

    pub fn fields(&self) -> &[FieldError] {
        &self.fields
    }

    pub fn general_messages(&self) -> &[String] {
        &self.general
    }

    /// The id of the input `name` on the page.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{}", self.form, name.replace('_', "-"))
    }

    /// The id of the summary.
    pub fn summary_id(&self) -> String {
        format!("{}-problems", self.form)
    }

    /// All messages in one line, for pages that show a form's errors in one place.
    pub fn joined(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        Some(
            self.general
                .iter()
                .map(String::as_str)
                .chain(self.fields.iter().map(|e| e.message.as_str()))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// One zone of a time zone chooser.
pub struct ZoneChoice {
    pub name: &'static str,
    /// The name with the zone's abbreviation now, as `America/Chicago (CST)`.
    pub label: String,
    pub selected: bool,
}

/// The zones a chooser offers ([`crate::core::zones::OFFERED`]), with `selected` among them
/// (added when it is not one of them) and chosen, if there is one.
pub fn zone_choices(selected: Option<Zone>) -> Vec<ZoneChoice> {
    let now = crate::core::Timestamp::now();
    let mut zones: Vec<Zone> = crate::core::zones::OFFERED
        .iter()
        .filter_map(|name| Zone::parse(name).ok())
        .collect();
    if let Some(zone) = selected
        && !zones.contains(&zone)
    {
        zones.insert(0, zone);
    }
    zones
        .into_iter()
        .map(|zone| ZoneChoice {
            name: zone.name(),
            label: format!("{} ({})", zone.name(), zone.local(now).abbreviation),
            selected: Some(zone) == selected,
        })
        .collect()
}

/// A form posted from one of our pages, read whether or not its token is still good, so that
/// an expired one can come back with what was typed. Its values are only handed out for
/// acting on through [`PageForm::checked`], which refuses a wrong token.
pub struct PageForm<T> {
    value: T,
    token_ok: bool,
}

/// The values of a form whose token was not the caller's: to show again, never to act on.
pub struct Expired<T>(pub T);

impl<T> PageForm<T> {
    /// The values, if the form carried the caller's token; otherwise the values back, to put
    /// in the form again with [`FormErrors::expired`].
    pub fn checked(self) -> Result<T, Expired<T>> {
        if self.token_ok {
            Ok(self.value)
        } else {
            Err(Expired(self.value))
        }
    }
}

/// Whether a request comes from one of our own pages, by what the browser says about it
/// (`Sec-Fetch-Site`, or else `Origin` against `Host`). A post from another site with a wrong
/// token is refused outright, never shown back with its values filled in; a client that says
/// neither (an old browser) is taken as our own page, which it needs the token for anyway.
fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let origin_host = origin
                .split_once("://")
                .map_or(origin, |(_, rest)| rest)
                .trim_end_matches('/');
            !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
        }
        None => true,
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = req
            .extensions()
            .get::<Caller>()
            .map(|c| c.csrf.clone())
            .ok_or_else(|| Error::Internal("caller not resolved for this form".into()))?;
        let own_page = same_origin(req.headers());
        let (token, body) = crate::web::extract::form_body(req, state).await?;
        let token_ok = !expected.is_empty() && same_token(&token, &expected);
        if !token_ok && !own_page {
            return Err(Error::CsrfMismatch);
        }
        let value = serde_html_form::from_bytes(&body).map_err(|e| {
            if token_ok {
                Error::bad_request("invalid_body", e.to_string())
            } else {
                Error::CsrfMismatch
            }
        })?;
        Ok(PageForm { value, token_ok })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_our_own_pages_get_their_values_back() {
        let mut headers = HeaderMap::new();
        assert!(same_origin(&headers), "a client that says nothing");
        headers.insert(header::HOST, HeaderValue::from_static("outnumber.example"));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://outnumber.example"),
        );
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&headers));
        headers.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_origin(&headers));
        headers.insert("sec-fetch-site", HeaderValue::from_static("same-site"));
        assert!(
            !same_origin(&headers),
            "a sibling subdomain is another site"
        );
        headers.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&headers));
    }

    const SPEC: FormSpec = FormSpec {
        id: "schedule",
        fields: &[
            Field::new("title", "meetings-field-title"),
            Field::input("starts_at", "starts_at_local", "meetings-field-starts"),
            Field::new("location", "meetings-field-location"),
        ],
    };

    #[test]
    fn every_error_is_named_by_its_label_in_the_forms_order() {
        use crate::core::fields::{Invalid, Invalids, Language, Problem};
        let mut invalids = Invalids::default();
        invalids.push(Invalid::new("location", Problem::Empty));
        invalids.push(Invalid::new("title", Problem::Empty));
        invalids.push(Invalid::new("agenda", Problem::TooLong { max: 3 }));
        let tr = Tr::new(Language::En);
        let errors = FormErrors::of(invalids.into(), tr, &SPEC).expect("the form's to fix");
        assert_eq!(errors.count(), 3);
        let title = errors.of_input("title").unwrap_or_default();
        assert!(title.starts_with(&tr.t("meetings-field-title")), "{title}");
        assert!(errors.of_input("location").is_some());
        let inputs: Vec<_> = errors.fields().iter().map(|e| e.input).collect();
        assert_eq!(inputs, [Some("title"), Some("location"), None]);
        assert_eq!(errors.id("starts_at_local"), "schedule-starts-at-local");

        let hidden = FormErrors::of(Error::not_found(), tr, &SPEC);
        assert!(hidden.is_err(), "not the form's to fix");
        let expired = FormErrors::expired(tr, &SPEC);
        assert_eq!(expired.general_messages(), [tr.t("form-expired")]);
    }
}
