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
use crate::core::fields::Language;
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
    /// The current path, so the language switch can come back to it (without the
    /// confirmation a form's redirect added, which is said once).
    pub path: String,
    pub title: String,
    pub asset_version: &'static str,
    /// What the form that brought the member here did, said at the top of the page.
    pub done: Option<String>,
}

/// What a form's redirect may ask the next page to confirm at its top (`?done=`), each the
/// message `done-{name}`. Only these: a link cannot make a page say anything else.
pub const DONE: &[&str] = &[
    "pledged",
    "withdrawn",
    "voted",
    "ballot-cast",
    "alert-sent",
    "confirmed",
];

/// `path` with the confirmation `done` (one of [`DONE`]) for the page it leads to.
pub fn done(path: &str, done: &'static str) -> String {
    debug_assert!(DONE.contains(&done), "{done} is not in DONE");
    let join = if path.contains('?') { '&' } else { '?' };
    format!("{path}{join}done={done}")
}

/// Splits a request's path and query into the confirmation it asks for, if it is one of
/// [`DONE`], and the path without it.
fn take_done(path_and_query: &str) -> (Option<&'static str>, String) {
    let Some((path, query)) = path_and_query.split_once('?') else {
        return (None, path_and_query.to_owned());
    };
    let mut found = None;
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("done=") {
            Some(value) => {
                found = found.or_else(|| DONE.iter().copied().find(|d| *d == value));
                false
            }
            None => !pair.is_empty(),
        })
        .collect();
    if rest.is_empty() {
        (found, path.to_owned())
    } else {
        (found, format!("{path}?{}", rest.join("&")))
    }
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
        let (done, path) = take_done(&caller.path);
        Layout {
            tr: caller.tr,
            account: caller.account.clone(),
            csrf: caller.csrf.clone(),
            unread,
            path,
            title,
            asset_version: crate::web::ASSET_VERSION.as_str(),
            done: done.map(|d| caller.tr.t(&format!("done-{d}"))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_confirmation_is_taken_from_the_path() {
        assert_eq!(
            take_done("/actions/1?done=pledged"),
            (Some("pledged"), "/actions/1".to_owned())
        );
        assert_eq!(
            take_done("/feed?cursor=5&done=voted&x=1"),
            (Some("voted"), "/feed?cursor=5&x=1".to_owned())
        );
        assert_eq!(
            take_done("/feed?cursor=5"),
            (None, "/feed?cursor=5".to_owned())
        );
        assert_eq!(take_done("/feed"), (None, "/feed".to_owned()));
    }

    #[test]
    fn an_unknown_confirmation_says_nothing() {
        assert_eq!(
            take_done("/dashboard?done=your-account-is-locked"),
            (None, "/dashboard".to_owned())
        );
        assert_eq!(
            take_done("/dashboard?done="),
            (None, "/dashboard".to_owned())
        );
    }

    #[test]
    fn every_confirmation_has_its_message_in_every_language() {
        for language in Language::ALL {
            let tr = Tr::new(*language);
            for done in DONE {
                assert!(
                    tr.has(&format!("done-{done}")),
                    "{language:?} lacks done-{done}"
                );
            }
        }
    }

    #[test]
    fn confirmations_join_a_path_with_or_without_a_query() {
        assert_eq!(done("/motions/7", "voted"), "/motions/7?done=voted");
        assert_eq!(done("/feed?cursor=2", "voted"), "/feed?cursor=2&done=voted");
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
    let page = ErrorPage {
        l: Layout::titled(app, caller, title).await,
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
}
