//! What every page shares: the layout, rendering, the error page, the home page and the
//! language switch.
//!
//! Pages are server-rendered HTML from compile-time checked templates and work with
//! JavaScript off; `static/app.js` only adds live updates.

use std::sync::Arc;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Router, extract::State};
use serde::Deserialize;

use crate::app::App;
use crate::core::Timestamp;
use crate::core::fields::Language;
use crate::core::zones::Zone;
use crate::error::Error;
use crate::i18n::Tr;
use crate::web::caller::{Account, Caller, append_cookie, language_cookie, safe_next};
use crate::web::error::Problem;
use crate::web::extract::CsrfForm;

/// What the frame around every page needs.
pub struct Layout {
    pub tr: Tr,
    pub account: Option<Arc<Account>>,
    pub csrf: String,
    pub unread: i64,
    /// The current path, so the language switch can come back to it.
    pub path: String,
    pub title: String,
    pub asset_version: &'static str,
    /// What the form before this page did (`web::notice`), said at the top.
    pub notice: Option<String>,
    /// The zone the page's times read in unless the reader chose their own: the zone of the
    /// committee the page is about ([`Layout::in_zone`]), else the server's.
    pub zone: Zone,
}

impl Layout {
    /// The frame for a page titled with the message `title_key`.
    pub async fn new(app: &App, caller: &Caller, title_key: &str) -> Self {
        let title = caller.tr.t(title_key);
        Self::titled(app, caller, title).await
    }

    pub async fn titled(app: &App, caller: &Caller, title: String) -> Self {
        let unread = match &caller.account {
            Some(account) => crate::notifications::store::unread_count(app.db.pool(), account.id)
                .await
                .unwrap_or(0),
            None => 0,
        };
        Layout {
            tr: caller.tr,
            account: caller.account.clone(),
            csrf: caller.csrf.clone(),
            unread,
            path: caller.path.clone(),
            title,
            asset_version: crate::web::ASSET_VERSION.as_str(),
            notice: caller.notice.clone(),
            zone: app.config.time_zone,
        }
    }

    /// Which tab of the navigation the page belongs to, to mark it current.
    pub fn section(&self) -> &'static str {
        let path = self.path.split('?').next().unwrap_or_default();
        let under = |prefix: &str| {
            path == prefix
                || path
                    .strip_prefix(prefix)
                    .is_some_and(|r| r.starts_with('/'))
        };
        if under("/dashboard") {
            "dashboard"
        } else if under("/feed") {
            "feed"
        } else if under("/notifications") {
            "notifications"
        } else if under("/settings") {
            "settings"
        } else {
            ""
        }
    }

    /// The frame of a page about a committee whose zone is `zone`.
    pub fn in_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// The zone this page's times read in: the reader's, or else the page's.
    pub fn reader_zone(&self) -> Zone {
        self.tr.zone_or(self.zone)
    }

    /// A time as the reader reads it, with its zone named (`Thu 3 Dec, 18:30 CST`).
    pub fn when(&self, at: &Timestamp) -> String {
        self.tr.when(*at, self.zone)
    }

    /// A time in the zone of its own committee (`zone`, an IANA name), for pages that list
    /// several committees' things; the reader's own zone still wins.
    pub fn when_in(&self, at: &Timestamp, zone: &Option<String>) -> String {
        self.tr.when(*at, Zone::or(zone.as_deref(), self.zone))
    }

    /// Tells in which zone times on the page are shown.
    pub fn times_shown_in(&self) -> String {
        self.tr
            .t1("time-shown-in", "zone", self.reader_zone().name())
    }

    /// Tells in which zone a time typed into the page's forms is read.
    pub fn times_typed_in(&self) -> String {
        self.tr
            .t1("time-typed-in", "zone", self.reader_zone().name())
    }

    pub fn languages(&self) -> &'static [Language] {
        Language::ALL
    }

    pub fn language_name(&self, language: &Language) -> String {
        self.tr.t(&format!("language-{}", language.as_str()))
    }

    pub fn current_language_name(&self) -> String {
        self.language_name(&self.tr.lang)
    }
}

/// Renders a template as a 200 page.
pub fn render<T: Template>(template: &T) -> Result<Response, Error> {
    render_with(StatusCode::OK, template)
}

pub fn render_with<T: Template>(status: StatusCode, template: &T) -> Result<Response, Error> {
    let html = template
        .render()
        .map_err(|e| Error::Internal(format!("template failed: {e}")))?;
    let mut response = (status, Html(html)).into_response();
    // Pages show private things; no shared cache may keep them.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, private"),
    );
    Ok(response)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    status: u16,
    message: String,
}

pub async fn error_page(app: &App, caller: &Caller, problem: &Problem) -> Response {
    let title = caller.tr.t("error-title");
    let mut l = Layout::titled(app, caller, title).await;
    // The notice waits for a page that is not an error.
    l.notice = None;
    let page = ErrorPage {
        l,
        status: problem.status.as_u16(),
        message: problem.message(caller.tr),
    };
    let mut response = match render_with(problem.status, &page) {
        Ok(response) => response,
        Err(_) => (problem.status, problem.message(caller.tr)).into_response(),
    };
    problem.add_retry_after(&mut response);
    response
}

/// A step that cannot be taken back, asked once more on a page of its own: what will happen
/// and to whom, a button that posts the real form, and a way back.
pub struct Confirmation {
    /// The page's title: the question.
    pub title: String,
    /// Exactly what will happen, naming whom.
    pub what: String,
    /// What follows from it, if anything needs saying.
    pub then: Option<String>,
    /// Where the button posts, and the fields it posts (the form token is added).
    pub action: String,
    pub fields: Vec<(String, String)>,
    /// The button's words.
    pub confirm: String,
    pub danger: bool,
    /// Where "Cancel" leads.
    pub back: String,
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    l: Layout,
    c: Confirmation,
}

pub async fn confirm_page(
    app: &App,
    caller: &Caller,
    confirmation: Confirmation,
) -> Result<Response, Error> {
    render(&ConfirmPage {
        l: Layout::titled(app, caller, confirmation.title.clone()).await,
        c: confirmation,
    })
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    open_registration: bool,
}

async fn home(State(app): State<App>, caller: Caller) -> Result<Response, Error> {
    if caller.account.is_some() {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    render(&HomePage {
        l: Layout::new(&app, &caller, "home-title").await,
        open_registration: app.config.open_registration,
    })
}

#[derive(Template)]
#[template(path = "rights.html")]
struct RightsPage {
    l: Layout,
    /// The reader's committees, whose contacts pages say whom to call.
    committees: Vec<(crate::core::Id, String)>,
}

/// Know your rights: short, general points for raids, detentions and retaliation, for
/// everyone (also signed out), kept on the phone by the service worker.
async fn rights(State(app): State<App>, caller: Caller) -> Result<Response, Error> {
    let committees = match &caller.account {
        Some(account) => crate::committees::store::committees_of(app.db.pool(), account.id)
            .await?
            .into_iter()
            .map(|c| (crate::core::Id::from_db(c.committee_id), c.name))
            .collect(),
        None => Vec::new(),
    };
    render(&RightsPage {
        l: Layout::new(&app, &caller, "rights-title").await,
        committees,
    })
}

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    l: Layout,
}

/// What the service worker shows when the server cannot be reached and nothing is saved for
/// the address asked; it also holds, in a `<template>`, the banner the worker puts on saved
/// pages, so every word of it comes from the translations in the member's language.
async fn offline(State(app): State<App>, caller: Caller) -> Result<Response, Error> {
    render(&OfflinePage {
        l: Layout::new(&app, &caller, "offline-title").await,
    })
}

#[derive(Deserialize)]
struct LanguageForm {
    language: String,
    back: Option<String>,
}

async fn switch_language(
    State(app): State<App>,
    caller: Caller,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<Response, Error> {
    let language = Language::parse(&form.language)?;
    if let Some(account) = &caller.account {
        crate::accounts::service::update_profile(
            &app,
            account,
            crate::accounts::service::ProfileChange {
                language: Some(language),
                ..Default::default()
            },
        )
        .await?;
    }
    let mut response = Redirect::to(&safe_next(form.back.as_deref())).into_response();
    append_cookie(&mut response, &language_cookie(&app, language));
    Ok(response)
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/", get(home))
        .route("/language", post(switch_language))
        .route("/rights", get(rights))
        .route("/offline", get(offline))
}
