//! The inbox page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Router, response::IntoResponse};
use serde::Deserialize;

use crate::app::App;
use crate::error::Error;
use crate::notifications::api::{Inbox, inbox, mark_read};
use crate::notifications::store;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::CsrfForm;
use crate::web::extract::path_id;
use crate::web::pages::{Layout, render};

#[derive(Template)]
#[template(path = "notifications.html")]
struct InboxPage {
    l: Layout,
    inbox: Inbox,
}

#[derive(Deserialize)]
struct PageQuery {
    before: Option<String>,
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Query(query): Query<PageQuery>,
) -> Result<Response, Error> {
    let inbox = inbox(
        &app,
        account.id,
        caller.tr,
        false,
        query.before.as_deref(),
        30,
    )
    .await?;
    render(&InboxPage {
        l: Layout::new(&app, &caller, "notifications-title").await,
        inbox,
    })
}

#[derive(Deserialize)]
struct ReadForm {}

async fn read_all(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    CsrfForm(_): CsrfForm<ReadForm>,
) -> Result<Response, Error> {
    mark_read(&app, account.id, None).await?;
    Ok(Redirect::to("/notifications").into_response())
}

/// Follows a notification to where it leads, marking it read on the way.
async fn open(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let notification = store::find(app.db.pool(), account.id, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if notification.read_at.is_none() {
        mark_read(&app, account.id, Some(&[id])).await?;
    }
    Ok(Redirect::to(&notification.link()).into_response())
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/notifications", get(show))
        .route("/notifications/{id}/open", get(open))
        .route("/notifications/read", post(read_all))
}
