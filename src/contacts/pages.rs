//! The contacts page of a committee, and the coordinators' forms that post and remove lines.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::accounts::Account;
use crate::app::App;
use crate::contacts::service;
use crate::core::Id;
use crate::core::fields::{ContactLabel, ContactValue, Role};
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, path_id};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::pages::{Layout, render_with};

pub struct LineView {
    pub id: Id,
    pub label: String,
    pub value: String,
    /// Where tapping the value leads: a phone number dials, a web address opens.
    pub href: Option<String>,
}

pub struct PersonView {
    pub name: String,
    /// For a delegate: the council they sit in.
    pub council: Option<String>,
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ContactsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_coordinator: bool,
    coordinators: Vec<PersonView>,
    delegates: Vec<PersonView>,
    lines: Vec<LineView>,
    errors: FormErrors,
    typed_label: String,
    typed_value: String,
    label_max: usize,
    value_max: usize,
}

/// What a typed value leads to when tapped: `tel:` for something that reads as a phone
/// number (digits, at least three, with the usual separators and a leading `+`), the address
/// itself for an http(s) address, nothing otherwise.
pub fn link_of(value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !value.contains(char::is_whitespace)
        && !value.contains(['"', '<', '>'])
    {
        return Some(value.to_owned());
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let phone_like = value
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -.()/".contains(c) || (c == '+' && i == 0));
    if phone_like && digits >= 3 {
        let plus = if value.starts_with('+') { "+" } else { "" };
        let number: String = value.chars().filter(char::is_ascii_digit).collect();
        return Some(format!("tel:{plus}{number}"));
    }
    None
}

async fn page(
    app: &App,
    caller: &Caller,
    account: &Account,
    committee: Id,
    refused: Option<(StatusCode, FormErrors, AddForm)>,
) -> Result<Response, Error> {
    let contacts = service::contacts(app, account, committee).await?;
    let tr = caller.tr;
    let shown =
        |id: i64, name: &str, tag: &str| crate::accounts::names::shown_name(tr, name, id, tag);
    let (status, errors, typed) = match refused {
        Some(refused) => refused,
        None => (StatusCode::OK, FormErrors::none(&ADD), AddForm::default()),
    };
    render_with(
        status,
        &ContactsPage {
            // The committee's name in the title tells a member's kept contacts pages apart
            // on the offline page.
            l: Layout::titled(
                app,
                caller,
                tr.t1(
                    "contacts-title-of",
                    "committee",
                    contacts.committee.name.as_str(),
                ),
            )
            .await,
            committee_id: committee,
            committee_name: contacts.committee.name,
            is_coordinator: contacts.role == Role::Coordinator,
            coordinators: contacts
                .coordinators
                .iter()
                .map(|p| PersonView {
                    name: shown(p.account_id, &p.display_name, &p.name_tag),
                    council: None,
                })
                .collect(),
            delegates: contacts
                .delegates
                .iter()
                .map(|s| PersonView {
                    name: shown(s.account_id, &s.display_name, &s.name_tag),
                    council: Some(s.council_name.clone()),
                })
                .collect(),
            lines: contacts
                .lines
                .into_iter()
                .map(|line| LineView {
                    id: Id::from_db(line.id),
                    href: link_of(&line.value),
                    label: line.label,
                    value: line.value,
                })
                .collect(),
            errors,
            typed_label: typed.label,
            typed_value: typed.value,
            label_max: ContactLabel::MAX,
            value_max: ContactValue::MAX,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    page(&app, &caller, &account, id, None).await
}

const ADD: FormSpec = FormSpec {
    id: "contact",
    fields: &[
        Field::input("contact_label", "label", "field-contact-label"),
        Field::input("contact_value", "value", "field-contact-value"),
    ],
};

#[derive(Deserialize, Default)]
struct AddForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    value: String,
}

async fn add(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<AddForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    // A line that does not fit, or a form kept open past its token, is shown again with
    // what was typed and every reason at once.
    let refused = match posted.checked() {
        Ok(form) => match service::add_line(&app, &account, id, &form.label, &form.value).await {
            Ok(_) => return Ok(Redirect::to(&format!("/committees/{id}/contacts")).into_response()),
            Err(err) => {
                // A full list is a conflict (409), a line that does not fit is invalid (422).
                let status = err.problem().status;
                (status, FormErrors::of(err, caller.tr, &ADD)?, form)
            }
        },
        Err(Expired(form)) => (
            StatusCode::FORBIDDEN,
            FormErrors::expired(caller.tr, &ADD),
            form,
        ),
    };
    page(&app, &caller, &account, id, Some(refused)).await
}

#[derive(Deserialize)]
struct EmptyForm {}

async fn remove(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path((id, line)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let (id, line) = (path_id(&id)?, path_id(&line)?);
    service::remove_line(&app, &account, id, line).await?;
    Ok(Redirect::to(&format!("/committees/{id}/contacts")).into_response())
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/contacts", get(show).post(add))
        .route("/committees/{id}/contacts/{line}/remove", post(remove))
}

#[cfg(test)]
mod tests {
    use super::link_of;

    #[test]
    fn phone_numbers_dial_and_web_addresses_open() {
        assert_eq!(
            link_of("+1 (612) 555-0100").as_deref(),
            Some("tel:+16125550100")
        );
        assert_eq!(link_of("911").as_deref(), Some("tel:911"));
        assert_eq!(
            link_of("https://example.org/hotline").as_deref(),
            Some("https://example.org/hotline")
        );
        assert_eq!(link_of("Ask at the front desk"), None);
        assert_eq!(link_of("12"), None);
        assert_eq!(link_of("1+2"), None);
        assert_eq!(link_of("javascript:alert(1)"), None);
        assert_eq!(link_of("https://a.org/\"onclick"), None);
    }
}
