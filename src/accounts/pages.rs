//! Registering, logging in and out, and the account settings page.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::accounts::service::{self, NameChange, ProfileChange, Registration};
use crate::app::App;
use crate::core::fields::{Language, Password};
use crate::error::Error;
use crate::web::caller::{
    Caller, SignedIn, append_cookie, expired_session_cookie, language_cookie, safe_next,
    session_cookie,
};
use crate::web::extract::{CsrfForm, shown_in_form};
use crate::web::pages::{Layout, render, render_with};

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    l: Layout,
    error: Option<String>,
    handle: String,
    display_name: String,
    invite: String,
    setup: String,
    open_registration: bool,
}

#[derive(Deserialize, Default)]
struct RegisterQuery {
    invite: Option<String>,
}

async fn register_form(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<RegisterQuery>,
) -> Result<Response, Error> {
    render(&RegisterPage {
        l: Layout::new(&app, &caller, "register-title").await,
        error: None,
        handle: String::new(),
        display_name: String::new(),
        invite: query.invite.unwrap_or_default(),
        setup: String::new(),
        open_registration: app.config.open_registration,
    })
}

/// The one-time link printed by a fresh server.
async fn setup_form(
    State(app): State<App>,
    caller: Caller,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    render(&RegisterPage {
        l: Layout::new(&app, &caller, "setup-title").await,
        error: None,
        handle: String::new(),
        display_name: String::new(),
        invite: String::new(),
        setup: token,
        open_registration: app.config.open_registration,
    })
}

#[derive(Deserialize)]
struct RegisterForm {
    #[serde(default)]
    handle: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    invite: String,
    #[serde(default)]
    setup: String,
}

async fn register(
    State(app): State<App>,
    caller: Caller,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> Result<Response, Error> {
    let registration = Registration {
        handle: form.handle.clone(),
        password: form.password.clone(),
        display_name: Some(form.display_name.clone()),
        language: Some(caller.tr.lang.as_str().to_owned()),
        invite: Some(form.invite.clone()),
        setup_token: Some(form.setup.clone()),
    };
    let result = async {
        let registered = service::register(&app, registration, caller.address).await?;
        let token = service::open_session(&app, registered.id).await?;
        Ok::<_, Error>((registered, token))
    }
    .await;
    match result {
        Ok((registered, token)) => {
            let target = match registered.joined {
                Some((committee, _)) => format!("/committees/{committee}"),
                None => "/dashboard".to_owned(),
            };
            let mut response = Redirect::to(&target).into_response();
            append_cookie(&mut response, &session_cookie(&app, token.as_str()));
            Ok(response)
        }
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &RegisterPage {
                    l: Layout::new(&app, &caller, "register-title").await,
                    error: Some(message),
                    handle: form.handle,
                    display_name: form.display_name,
                    invite: form.invite,
                    setup: form.setup,
                    open_registration: app.config.open_registration,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    error: Option<String>,
    handle: String,
    next: String,
}

#[derive(Deserialize, Default)]
struct LoginQuery {
    next: Option<String>,
}

async fn login_form(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<LoginQuery>,
) -> Result<Response, Error> {
    if caller.account.is_some() {
        return Ok(Redirect::to(&safe_next(query.next.as_deref())).into_response());
    }
    render(&LoginPage {
        l: Layout::new(&app, &caller, "login-title").await,
        error: None,
        handle: String::new(),
        next: safe_next(query.next.as_deref()),
    })
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    handle: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn login(
    State(app): State<App>,
    caller: Caller,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, Error> {
    match service::log_in(&app, &form.handle, &form.password, caller.address).await {
        Ok((token, _)) => {
            let mut response = Redirect::to(&safe_next(form.next.as_deref())).into_response();
            append_cookie(&mut response, &session_cookie(&app, token.as_str()));
            Ok(response)
        }
        Err(err @ (Error::InvalidCredentials | Error::RateLimited { .. })) => {
            let problem = err.problem();
            let mut response = render_with(
                problem.status,
                &LoginPage {
                    error: Some(problem.message(caller.tr)),
                    l: Layout::new(&app, &caller, "login-title").await,
                    handle: form.handle,
                    next: safe_next(form.next.as_deref()),
                },
            )?;
            problem.add_retry_after(&mut response);
            Ok(response)
        }
        Err(err) => Err(err),
    }
}

#[derive(Deserialize)]
struct EmptyForm {}

async fn logout(
    State(app): State<App>,
    caller: Caller,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    if let Some(account) = &caller.account {
        service::log_out(&app, account).await?;
    }
    let mut response = Redirect::to("/").into_response();
    append_cookie(&mut response, &expired_session_cookie(&app));
    Ok(response)
}

/// Ends every session of the account, on every device.
async fn logout_everywhere(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    service::log_out_everywhere(&app, &account).await?;
    let mut response = Redirect::to("/").into_response();
    append_cookie(&mut response, &expired_session_cookie(&app));
    Ok(response)
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    l: Layout,
    error: Option<String>,
    saved: bool,
    display_name: String,
    /// What the member is shown as without a display name.
    neutral_name: String,
}

fn neutral_name(caller: &Caller, account: &crate::accounts::Account) -> String {
    crate::accounts::names::shown_name(caller.tr, "", account.id.get(), &account.name_tag)
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

async fn settings_form(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Query(query): Query<SavedQuery>,
) -> Result<Response, Error> {
    render(&SettingsPage {
        l: Layout::new(&app, &caller, "settings-title").await,
        error: None,
        saved: query.saved.is_some(),
        display_name: account.display_name.clone(),
        neutral_name: neutral_name(&caller, &account),
    })
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

async fn save_settings(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<Response, Error> {
    let result = async {
        let language = Language::parse(&form.language)?;
        let password = if form.new_password.is_empty() {
            None
        } else {
            Some((
                form.current_password.clone(),
                Password::parse(&form.new_password)?,
            ))
        };
        let change = ProfileChange {
            display_name: Some(NameChange::parse(&form.display_name)?),
            language: Some(language),
            password,
        };
        service::update_profile(&app, &account, change).await?;
        Ok::<_, Error>(language)
    }
    .await;
    match result {
        Ok(language) => {
            let mut response = Redirect::to("/settings?saved=1").into_response();
            append_cookie(&mut response, &language_cookie(&app, language));
            Ok(response)
        }
        Err(err) => {
            let message = match err {
                Error::InvalidCredentials => err.problem().message(caller.tr),
                other => shown_in_form(other, caller.tr)?,
            };
            render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SettingsPage {
                    l: Layout::new(&app, &caller, "settings-title").await,
                    error: Some(message),
                    saved: false,
                    display_name: form.display_name,
                    neutral_name: neutral_name(&caller, &account),
                },
            )
        }
    }
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
}

async fn delete_account(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, Error> {
    match service::delete_account(&app, &account, &form.password).await {
        Ok(()) => {
            let mut response = Redirect::to("/").into_response();
            append_cookie(&mut response, &expired_session_cookie(&app));
            Ok(response)
        }
        Err(err) => {
            let message = match err {
                Error::InvalidCredentials | Error::Rule(crate::core::Rule::LastCoordinator) => {
                    err.problem().message(caller.tr)
                }
                other => shown_in_form(other, caller.tr)?,
            };
            render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SettingsPage {
                    l: Layout::new(&app, &caller, "settings-title").await,
                    error: Some(message),
                    saved: false,
                    display_name: account.display_name.clone(),
                    neutral_name: neutral_name(&caller, &account),
                },
            )
        }
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/register", get(register_form).post(register))
        .route("/setup/{token}", get(setup_form))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/logout/everywhere", post(logout_everywhere))
        .route("/settings", get(settings_form).post(save_settings))
        .route("/settings/delete", post(delete_account))
}
