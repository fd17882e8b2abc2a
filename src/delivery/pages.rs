//! The notification settings page, the page routes its script talks to, and the service
//! worker.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::App;
use crate::core::delivery::Category;
use crate::delivery::push::Subscription;
use crate::delivery::service;
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, parse_json, shown_in_form};
use crate::web::form::{Expired, PageForm};
use crate::web::pages::{Confirmation, Layout, confirm_page, render, render_with};

pub struct Row {
    pub category: Category,
    pub push: bool,
    pub email: bool,
}

#[derive(Template)]
#[template(path = "delivery_settings.html")]
struct SettingsPage {
    l: Layout,
    rows: Vec<Row>,
    email: String,
    email_available: bool,
    push_devices: i64,
    public_key: String,
    saved: bool,
    error: Option<String>,
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn page(
    app: &App,
    caller: &Caller,
    saved: bool,
    error: Option<(String, String)>,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let settings = service::settings(app, account.id).await?;
    let (email, error) = match error {
        Some((typed, message)) => (typed, Some(message)),
        None => (settings.email.unwrap_or_default(), None),
    };
    render_with(
        status,
        &SettingsPage {
            l: Layout::new(app, caller, "delivery-title-page").await,
            rows: settings
                .categories
                .into_iter()
                .map(|(category, push, email)| Row {
                    category,
                    push,
                    email,
                })
                .collect(),
            email,
            email_available: settings.email_available,
            push_devices: settings.push_devices,
            public_key: app.delivery.keys()?.vapid.public_key().to_owned(),
            saved,
            error,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<SavedQuery>,
) -> Result<Response, Error> {
    page(&app, &caller, query.saved.is_some(), None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct SettingsForm {
    /// The categories checked for push.
    #[serde(default)]
    push: Vec<String>,
    /// The categories checked for e-mail.
    #[serde(default)]
    mail: Vec<String>,
    /// Absent when the server sends no e-mail (the field is not shown).
    email: Option<String>,
}

async fn save(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    posted: PageForm<SettingsForm>,
) -> Result<Response, Error> {
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let typed = form.email.unwrap_or_default();
            let message = caller.tr.t("form-expired");
            return page(
                &app,
                &caller,
                false,
                Some((typed, message)),
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    let checked = |list: &[String], c: Category| list.iter().any(|v| v == c.as_str());
    // Without e-mail the page shows no e-mail boxes; the choices made before stay.
    let current = service::settings(&app, account.id).await?.categories;
    let categories: Vec<_> = current
        .into_iter()
        .map(|(c, _, mail)| {
            let mail = if form.email.is_some() {
                checked(&form.mail, c)
            } else {
                mail
            };
            (c, checked(&form.push, c), mail)
        })
        .collect();
    match service::update(&app, account.id, &categories, form.email.as_deref()).await {
        Ok(()) => Ok(Redirect::to("/settings/notifications?saved=1").into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            let typed = form.email.unwrap_or_default();
            page(
                &app,
                &caller,
                false,
                Some((typed, message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct SubscriptionForm {
    /// `PushSubscription.toJSON()`, as JSON text.
    subscription: String,
}

/// Called by the page's script once the browser subscribed.
async fn subscribe(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<SubscriptionForm>,
) -> Result<StatusCode, Error> {
    let subscription: Subscription = parse_json(form.subscription.as_bytes())?;
    service::subscribe(&app, account.id, &subscription).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct EndpointForm {
    endpoint: String,
}

async fn remove_subscription(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<EndpointForm>,
) -> Result<StatusCode, Error> {
    service::unsubscribe(&app, account.id, &form.endpoint).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- one-click unsubscribe (RFC 8058) ----

/// The body RFC 8058 has mail providers post, which the confirmation's button posts too.
const ONE_CLICK: (&str, &str) = ("List-Unsubscribe", "One-Click");

/// `GET /unsubscribe/{token}`: asks before turning anything off. Link scanners and mail
/// previews fetch every link in a mail, so a GET only shows what the button would do.
async fn unsubscribe_page(
    State(app): State<App>,
    caller: Caller,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    app.limits.unsubscribe(caller.address)?;
    let category = service::unsubscribe_category(&app, &token)?;
    let tr = caller.tr;
    confirm_page(
        &app,
        &caller,
        Confirmation {
            title: tr.of("delivery-unsubscribe-ask", category.as_str()),
            what: tr.t("delivery-unsubscribe-what"),
            then: None,
            action: format!("{}{token}", crate::delivery::unsubscribe::PATH),
            fields: vec![(ONE_CLICK.0.to_owned(), ONE_CLICK.1.to_owned())],
            confirm: tr.t("delivery-unsubscribe-confirm"),
            danger: false,
            back: "/".to_owned(),
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "unsubscribed.html")]
struct UnsubscribedPage {
    l: Layout,
}

/// `POST /unsubscribe/{token}`: turns the e-mail of the token's category off and answers
/// 200. This is the one page form that is not read through `CsrfForm` or `PageForm`, on
/// purpose: RFC 8058 has the mail provider post it with no cookie, session or form token,
/// and none is needed, since the token in the path is the capability (sealed by the server,
/// good for this one change, which is harmless to repeat and which a forged request cannot
/// aim at anyone without a mail's token). The body is not required: the provider sends
/// `List-Unsubscribe=One-Click`, form-encoded or as multipart, and the token alone decides.
async fn unsubscribe(
    State(app): State<App>,
    caller: Caller,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    app.limits.unsubscribe(caller.address)?;
    let category = service::unsubscribe_email(&app, &token).await?;
    render(&UnsubscribedPage {
        l: Layout::titled(
            &app,
            &caller,
            caller.tr.of("delivery-unsubscribed", category.as_str()),
        )
        .await,
    })
}

const SERVICE_WORKER: &str = include_str!("../../static/sw.js");

/// `/sw.js`: served from the root so that its scope is the whole site.
pub async fn service_worker() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SERVICE_WORKER,
    )
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/settings/notifications", get(show).post(save))
        .route("/settings/notifications/push", post(subscribe))
        .route(
            "/settings/notifications/push/remove",
            post(remove_subscription),
        )
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe_page).post(unsubscribe),
        )
}
