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
use crate::core::Invalids;
use crate::core::fields::{Language, Password};
use crate::core::zones::Zone;
use crate::error::Error;
use crate::web::caller::{
    Caller, SignedIn, append_cookie, expired_session_cookie, language_cookie, safe_next,
    session_cookie,
};
use crate::web::extract::{CsrfForm, shown_in_form};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm, ZoneChoice, zone_choices};
use crate::web::pages::{Layout, render_with};

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    l: Layout,
    errors: FormErrors,
    handle: String,
    display_name: String,
    invite: String,
    setup: String,
    open_registration: bool,
}

const REGISTER: FormSpec = FormSpec {
    id: "register",
    fields: &[
        Field::new("handle", "field-handle"),
        Field::new("display_name", "field-display-name"),
        Field::new("password", "field-password"),
        Field::new("invite", "field-invite"),
    ],
};

#[derive(Deserialize, Default)]
struct RegisterQuery {
    invite: Option<String>,
}

async fn register_page(
    app: &App,
    caller: &Caller,
    form: RegisterForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    let title = if form.setup.is_empty() {
        "register-title"
    } else {
        "setup-title"
    };
    // The password is never sent back.
    render_with(
        status,
        &RegisterPage {
            l: Layout::new(app, caller, title).await,
            errors,
            handle: form.handle,
            display_name: form.display_name,
            invite: form.invite,
            setup: form.setup,
            open_registration: app.config.open_registration,
        },
    )
}

async fn register_form(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<RegisterQuery>,
) -> Result<Response, Error> {
    let form = RegisterForm {
        invite: query.invite.unwrap_or_default(),
        ..RegisterForm::default()
    };
    let errors = FormErrors::none(&REGISTER);
    register_page(&app, &caller, form, errors, StatusCode::OK).await
}

/// The one-time link printed by a fresh server.
async fn setup_form(
    State(app): State<App>,
    caller: Caller,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let form = RegisterForm {
        setup: token,
        ..RegisterForm::default()
    };
    let errors = FormErrors::none(&REGISTER);
    register_page(&app, &caller, form, errors, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
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
    posted: PageForm<RegisterForm>,
) -> Result<Response, Error> {
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &REGISTER);
            return register_page(&app, &caller, form, errors, StatusCode::FORBIDDEN).await;
        }
    };
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
            let errors = FormErrors::of(err, caller.tr, &REGISTER)?;
            register_page(
                &app,
                &caller,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    errors: FormErrors,
    handle: String,
    next: String,
}

const LOGIN: FormSpec = FormSpec {
    id: "login",
    fields: &[
        Field::new("handle", "field-handle"),
        Field::new("password", "field-password"),
    ],
};

#[derive(Deserialize, Default)]
struct LoginQuery {
    next: Option<String>,
}

async fn login_page(
    app: &App,
    caller: &Caller,
    form: LoginForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    render_with(
        status,
        &LoginPage {
            l: Layout::new(app, caller, "login-title").await,
            errors,
            handle: form.handle,
            next: safe_next(form.next.as_deref()),
        },
    )
}

async fn login_form(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<LoginQuery>,
) -> Result<Response, Error> {
    if caller.account.is_some() {
        return Ok(Redirect::to(&safe_next(query.next.as_deref())).into_response());
    }
    let form = LoginForm {
        next: query.next,
        ..LoginForm::default()
    };
    login_page(
        &app,
        &caller,
        form,
        FormErrors::none(&LOGIN),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
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
    posted: PageForm<LoginForm>,
) -> Result<Response, Error> {
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &LOGIN);
            return login_page(&app, &caller, form, errors, StatusCode::FORBIDDEN).await;
        }
    };
    match service::log_in(&app, &form.handle, &form.password, caller.address).await {
        Ok((token, _)) => {
            let mut response = Redirect::to(&safe_next(form.next.as_deref())).into_response();
            append_cookie(&mut response, &session_cookie(&app, token.as_str()));
            Ok(response)
        }
        Err(err @ (Error::InvalidCredentials | Error::RateLimited { .. })) => {
            let problem = err.problem();
            let errors = FormErrors::general(&LOGIN, problem.message(caller.tr));
            let mut response = login_page(&app, &caller, form, errors, problem.status).await?;
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
    /// The settings form's errors.
    errors: FormErrors,
    /// The deletion form's error.
    error: Option<String>,
    saved: bool,
    display_name: String,
    language: Language,
    /// What the member is shown as without a display name.
    neutral_name: String,
    /// The member's own zone, if chosen, among the zones offered.
    zones: Vec<ZoneChoice>,
    own_zone: bool,
}

const SETTINGS: FormSpec = FormSpec {
    id: "settings",
    fields: &[
        Field::new("display_name", "field-display-name"),
        Field::new("language", "language-label"),
        Field::new("time_zone", "field-time-zone"),
        Field::new("current_password", "field-current-password"),
        Field::new("new_password", "field-new-password"),
    ],
};

fn neutral_name(caller: &Caller, account: &crate::accounts::Account) -> String {
    crate::accounts::names::shown_name(caller.tr, "", account.id.get(), &account.name_tag)
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn settings_page(
    app: &App,
    caller: &Caller,
    account: &crate::accounts::Account,
    form: SettingsForm,
    errors: FormErrors,
    error: Option<String>,
    saved: bool,
    status: StatusCode,
) -> Result<Response, Error> {
    let own = Zone::parse(&form.time_zone).ok();
    render_with(
        status,
        &SettingsPage {
            l: Layout::new(app, caller, "settings-title").await,
            errors,
            error,
            saved,
            display_name: form.display_name,
            language: Language::parse(&form.language).unwrap_or(caller.tr.lang),
            neutral_name: neutral_name(caller, account),
            zones: zone_choices(own),
            own_zone: own.is_some(),
        },
    )
}

/// The settings form as the member's account stands.
fn current_settings(caller: &Caller, account: &crate::accounts::Account) -> SettingsForm {
    SettingsForm {
        display_name: account.display_name.clone(),
        language: caller.tr.lang.as_str().to_owned(),
        time_zone: account
            .time_zone
            .map(|z| z.name().to_owned())
            .unwrap_or_default(),
        ..SettingsForm::default()
    }
}

async fn settings_form(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Query(query): Query<SavedQuery>,
) -> Result<Response, Error> {
    let form = current_settings(&caller, &account);
    let errors = FormErrors::none(&SETTINGS);
    let saved = query.saved.is_some();
    settings_page(
        &app,
        &caller,
        &account,
        form,
        errors,
        None,
        saved,
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
struct SettingsForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    language: String,
    /// Empty for each committee's zone.
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

impl SettingsForm {
    /// The change the form asks for, every field checked at once.
    fn change(&self) -> Result<ProfileChange, Invalids> {
        let mut checks = Invalids::default();
        let display_name = checks.check(NameChange::parse(&self.display_name));
        let language = checks.check(Language::parse(&self.language));
        let time_zone = checks.check(match self.time_zone.trim() {
            "" => Ok(None),
            name => Zone::parse(name).map(Some),
        });
        let password = checks.check(if self.new_password.is_empty() {
            Ok(None)
        } else {
            Password::parse_field("new_password", &self.new_password)
                .map(|new| Some((self.current_password.clone(), new)))
        });
        checks.finish((|| {
            Some(ProfileChange {
                display_name: Some(display_name?),
                language: Some(language?),
                password: password?,
                time_zone: Some(time_zone?),
            })
        })())
    }
}

async fn save_settings(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    posted: PageForm<SettingsForm>,
) -> Result<Response, Error> {
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &SETTINGS);
            return settings_page(
                &app,
                &caller,
                &account,
                form,
                errors,
                None,
                false,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    let result = async {
        let change = form.change()?;
        let language = change.language;
        service::update_profile(&app, &account, change).await?;
        Ok::<_, Error>(language)
    }
    .await;
    match result {
        Ok(language) => {
            let mut response = Redirect::to("/settings?saved=1").into_response();
            if let Some(language) = language {
                append_cookie(&mut response, &language_cookie(&app, language));
            }
            Ok(response)
        }
        Err(err) => {
            let errors = match err {
                // The current password, wrong: said next to it.
                Error::InvalidCredentials => FormErrors::at(
                    &SETTINGS,
                    "current_password",
                    Error::InvalidCredentials.problem().message(caller.tr),
                ),
                other => FormErrors::of(other, caller.tr, &SETTINGS)?,
            };
            settings_page(
                &app,
                &caller,
                &account,
                form,
                errors,
                None,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
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
            let form = current_settings(&caller, &account);
            let errors = FormErrors::none(&SETTINGS);
            settings_page(
                &app,
                &caller,
                &account,
                form,
                errors,
                Some(message),
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

// ---- API tokens ----

/// One of the member's tokens as the page lists it.
struct TokenItem {
    id: String,
    name: String,
    scopes: Vec<&'static str>,
    created_on: String,
    expires_on: String,
    /// `None`: never used.
    used_on: Option<String>,
}

/// A part of the API, with what the form has checked for it.
struct PartChoice {
    name: &'static str,
    read: bool,
    write: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    l: Layout,
    errors: FormErrors,
    tokens: Vec<TokenItem>,
    /// The secret of the token just made, shown this once, and its name.
    created: Option<(String, String)>,
    name: String,
    read_all: bool,
    parts: Vec<PartChoice>,
    expires_in_days: String,
    max_tokens: usize,
}

const TOKEN: FormSpec = FormSpec {
    id: "token",
    fields: &[
        Field::new("name", "field-token-name"),
        Field::new("scopes", "field-token-scopes"),
        Field::new("expires_in_days", "field-token-days"),
        Field::new("password", "field-password"),
    ],
};

#[derive(Deserialize, Default)]
struct TokenForm {
    #[serde(default)]
    name: String,
    /// `read` and each part's `PART:read` or `PART:write` checked.
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default)]
    expires_in_days: String,
    #[serde(default)]
    password: String,
}

impl TokenForm {
    /// The form as it first shows: read-only, for the default lifetime.
    fn fresh() -> TokenForm {
        TokenForm {
            scopes: vec!["read".to_owned()],
            expires_in_days: crate::core::tokens::DEFAULT_DAYS.to_string(),
            ..TokenForm::default()
        }
    }
}

fn day_text(millis: i64) -> String {
    crate::core::Timestamp::from_millis(millis).utc_date()
}

async fn tokens_page(
    app: &App,
    caller: &Caller,
    account: &crate::accounts::Account,
    form: TokenForm,
    errors: FormErrors,
    created: Option<(String, String)>,
    status: StatusCode,
) -> Result<Response, Error> {
    use crate::core::tokens::Part;
    let tokens = service::tokens(app, account)
        .await?
        .into_iter()
        .map(|row| TokenItem {
            id: crate::core::Id::from_db(row.id).to_string(),
            scopes: crate::core::tokens::Scopes::from_text(&row.scopes).names(),
            name: row.name,
            created_on: day_text(row.created_at),
            expires_on: day_text(row.expires_at),
            used_on: row.last_used_on.map(day_text),
        })
        .collect();
    let checked = |scope: String| form.scopes.iter().any(|s| s.trim() == scope);
    let parts = Part::ALL
        .iter()
        .map(|part| PartChoice {
            name: part.as_str(),
            read: checked(format!("{part}:read")),
            write: checked(format!("{part}:write")),
        })
        .collect();
    render_with(
        status,
        &TokensPage {
            l: Layout::new(app, caller, "tokens-title").await,
            errors,
            tokens,
            created,
            read_all: checked("read".to_owned()),
            parts,
            name: form.name,
            expires_in_days: form.expires_in_days,
            max_tokens: crate::core::tokens::MAX_TOKENS,
        },
    )
}

async fn tokens_form(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<Response, Error> {
    let errors = FormErrors::none(&TOKEN);
    tokens_page(
        &app,
        &caller,
        &account,
        TokenForm::fresh(),
        errors,
        None,
        StatusCode::OK,
    )
    .await
}

/// Makes a token and shows its secret on the page that answers, the one time it is shown
/// (never in an address or a cookie).
async fn create_token(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    posted: PageForm<TokenForm>,
) -> Result<Response, Error> {
    let mut form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &TOKEN);
            return tokens_page(
                &app,
                &caller,
                &account,
                form,
                errors,
                None,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    let result = async {
        let days = match form.expires_in_days.trim() {
            "" => None,
            typed => Some(typed.parse::<i64>().map_err(|_| {
                crate::core::Invalid::new(
                    "expires_in_days",
                    crate::core::fields::Problem::Range {
                        min: 1,
                        max: crate::core::tokens::MAX_DAYS,
                    },
                )
            })?),
        };
        service::create_token(
            &app,
            &account,
            service::TokenRequest {
                name: form.name.clone(),
                scopes: form.scopes.clone(),
                expires_in_days: days,
                password: form.password.clone(),
            },
        )
        .await
    }
    .await;
    // The password is never sent back.
    form.password.clear();
    match result {
        Ok((secret, row)) => {
            tokens_page(
                &app,
                &caller,
                &account,
                TokenForm::fresh(),
                FormErrors::none(&TOKEN),
                Some((row.name, secret)),
                StatusCode::OK,
            )
            .await
        }
        Err(err) => {
            let errors = match err {
                Error::InvalidCredentials => FormErrors::at(
                    &TOKEN,
                    "password",
                    Error::InvalidCredentials.problem().message(caller.tr),
                ),
                other => FormErrors::of(other, caller.tr, &TOKEN)?,
            };
            tokens_page(
                &app,
                &caller,
                &account,
                form,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

async fn revoke_token(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = crate::web::extract::path_id(&id)?;
    service::revoke_token(&app, &account, id).await?;
    crate::web::notice::redirect(
        &app,
        &caller,
        "/settings/tokens",
        &caller.tr.t("tokens-revoked"),
    )
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
        .route("/settings/tokens", get(tokens_form).post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
}
