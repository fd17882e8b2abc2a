//! Accounts and sessions in the JSON API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::accounts::service::{self, ProfileChange, Registration};
use crate::app::App;
use crate::core::Id;
use crate::core::fields::{DisplayName, Language, Password, Role};
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::ApiJson;

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    /// 3 to 32 of `a-z 0-9 . _ -`; a pseudonym, never a legal name.
    handle: String,
    /// 8 to 128 characters.
    password: String,
    /// The name other members see; defaults to the handle.
    display_name: Option<String>,
    /// `en` or `es`.
    language: Option<String>,
    /// A member invite code (the account joins its committee) or a registration invite.
    invite: Option<String>,
    /// The one-time token printed by a fresh server; creates the first administrator.
    setup_token: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AccountCreated {
    id: Id,
    handle: String,
    display_name: String,
    /// The committee the invite brought the account into.
    committee_id: Option<Id>,
    role: Option<Role>,
}

#[utoipa::path(post, path = "/accounts", tag = "accounts",
    request_body = RegisterRequest,
    security(()),
    responses((status = 201, body = AccountCreated), (status = "4XX", body = ErrorBody)))]
async fn register(
    State(app): State<App>,
    caller: Caller,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<Response, Error> {
    let registered = service::register(
        &app,
        Registration {
            handle: body.handle,
            password: body.password,
            display_name: body.display_name,
            language: body.language,
            invite: body.invite,
            setup_token: body.setup_token,
        },
        caller.address,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AccountCreated {
            id: registered.id,
            handle: registered.handle,
            display_name: registered.display_name,
            committee_id: registered.joined.map(|(id, _)| id),
            role: registered.joined.map(|(_, role)| role),
        }),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct LogInRequest {
    handle: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct AccountSummary {
    id: Id,
    handle: String,
    display_name: String,
    language: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionCreated {
    /// Send as `Authorization: Bearer <token>`. Shown only this once.
    token: String,
    account: AccountSummary,
}

#[utoipa::path(post, path = "/sessions", tag = "accounts",
    request_body = LogInRequest,
    security(()),
    responses((status = 201, body = SessionCreated), (status = "4XX", body = ErrorBody)))]
async fn log_in(
    State(app): State<App>,
    caller: Caller,
    ApiJson(body): ApiJson<LogInRequest>,
) -> Result<Response, Error> {
    let (token, account) =
        service::log_in(&app, &body.handle, &body.password, caller.address).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SessionCreated {
            token: token.into_string(),
            account: AccountSummary {
                id: Id::from_db(account.id),
                handle: account.handle,
                display_name: account.display_name,
                language: account.language,
            },
        }),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/sessions/current", tag = "accounts",
    responses((status = 204, description = "The session is over"), (status = "4XX", body = ErrorBody)))]
async fn log_out(State(app): State<App>, SignedIn(account): SignedIn) -> Result<StatusCode, Error> {
    service::log_out(&app, &account).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct MembershipView {
    committee_id: Id,
    role: String,
    name: String,
    kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    id: Id,
    handle: String,
    display_name: String,
    language: String,
    is_admin: bool,
    memberships: Vec<MembershipView>,
}

async fn me_view(app: &App, account_id: Id) -> Result<Me, Error> {
    let account = crate::accounts::store::find(app.db.pool(), account_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let memberships = crate::committees::store::committees_of(app.db.pool(), account_id)
        .await?
        .into_iter()
        .map(|m| MembershipView {
            committee_id: Id::from_db(m.committee_id),
            role: m.role,
            name: m.name,
            kind: m.kind,
        })
        .collect();
    Ok(Me {
        id: account_id,
        handle: account.handle,
        display_name: account.display_name,
        language: account.language,
        is_admin: account.is_admin != 0,
        memberships,
    })
}

#[utoipa::path(get, path = "/me", tag = "accounts",
    responses((status = 200, body = Me), (status = "4XX", body = ErrorBody)))]
async fn me(State(app): State<App>, SignedIn(account): SignedIn) -> Result<axum::Json<Me>, Error> {
    Ok(axum::Json(me_view(&app, account.id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileRequest {
    display_name: Option<String>,
    /// `en` or `es`.
    language: Option<String>,
    /// Needed to set a new password.
    current_password: Option<String>,
    new_password: Option<String>,
}

#[utoipa::path(patch, path = "/me", tag = "accounts",
    request_body = ProfileRequest,
    responses((status = 200, body = Me), (status = "4XX", body = ErrorBody)))]
async fn update_me(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<ProfileRequest>,
) -> Result<axum::Json<Me>, Error> {
    let password = match (body.current_password, body.new_password) {
        (Some(current), Some(new)) => Some((current, Password::parse(&new)?)),
        (None, None) => None,
        _ => {
            return Err(crate::core::Invalid::new(
                "new_password",
                crate::core::fields::Problem::Empty,
            )
            .into());
        }
    };
    let change = ProfileChange {
        display_name: body
            .display_name
            .as_deref()
            .map(DisplayName::parse)
            .transpose()?,
        language: body.language.as_deref().map(Language::parse).transpose()?,
        password,
    };
    service::update_profile(&app, &account, change).await?;
    Ok(axum::Json(me_view(&app, account.id).await?))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(log_in))
        .routes(routes!(log_out))
        .routes(routes!(me, update_me))
}
