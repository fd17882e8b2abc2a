//! Accounts and sessions in the JSON API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::accounts::service::{self, NameChange, ProfileChange, Registration};
use crate::app::App;
use crate::core::Id;
use crate::core::fields::{Language, Password, Role};
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
    /// The name other members see. Without one (absent or empty) the member is shown by a
    /// neutral name such as "Member K7Q2XF", never by the handle. Refused (409
    /// `display_name_taken`) if someone in the committee the invite leads to goes by it.
    display_name: Option<String>,
    /// `en`, `es`, `so` or `hmn`.
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
    /// The name other members see (the neutral name, in the caller's language, if none was
    /// chosen).
    display_name: String,
    /// The committee the invite brought the account into.
    committee_id: Option<Id>,
    role: Option<Role>,
}

/// Registers an account (with an invite code unless registration is open) and opens its first
/// session.
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
            display_name: registered.shown_name(caller.tr),
            handle: registered.handle,
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

/// Logs in: a new session and its bearer token.
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
                display_name: crate::accounts::names::shown_name(
                    caller.tr,
                    &account.display_name,
                    account.id,
                    &account.name_tag,
                ),
                handle: account.handle,
                language: account.language,
            },
        }),
    )
        .into_response())
}

/// Logs out the session the request is made with.
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
    /// The name other members see: the display name, or the neutral name in the caller's
    /// language.
    display_name: String,
    /// Whether the member chose the display name (false: the neutral name is shown).
    display_name_chosen: bool,
    language: String,
    is_admin: bool,
    /// The member's own time zone (an IANA name) that pages, notifications and mails show
    /// times in; null to read each committee's times in the committee's zone.
    time_zone: Option<String>,
    memberships: Vec<MembershipView>,
}

async fn me_view(app: &App, account_id: Id, tr: crate::i18n::Tr) -> Result<Me, Error> {
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
        display_name: crate::accounts::names::shown_name(
            tr,
            &account.display_name,
            account.id,
            &account.name_tag,
        ),
        display_name_chosen: !account.display_name.is_empty(),
        language: account.language,
        is_admin: account.is_admin != 0,
        time_zone: account.time_zone.filter(|z| !z.is_empty()),
        memberships,
    })
}

/// The caller's own account.
#[utoipa::path(get, path = "/me", tag = "accounts",
    responses((status = 200, body = Me), (status = "4XX", body = ErrorBody)))]
async fn me(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<axum::Json<Me>, Error> {
    Ok(axum::Json(me_view(&app, account.id, caller.tr).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileRequest {
    /// Empty to have no display name (the neutral name is shown). Refused (409
    /// `display_name_taken`) if someone in one of the member's committees goes by it.
    display_name: Option<String>,
    /// `en`, `es`, `so` or `hmn`.
    language: Option<String>,
    /// Needed to set a new password.
    current_password: Option<String>,
    new_password: Option<String>,
    /// The member's own time zone, an IANA name such as `America/Chicago`; an empty string
    /// to read each committee's times in the committee's zone again.
    time_zone: Option<String>,
}

/// Changes the caller's display name, language, time zone or password.
#[utoipa::path(patch, path = "/me", tag = "accounts",
    request_body = ProfileRequest,
    responses((status = 200, body = Me), (status = "4XX", body = ErrorBody)))]
async fn update_me(
    State(app): State<App>,
    caller: Caller,
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
            .map(NameChange::parse)
            .transpose()?,
        language: body.language.as_deref().map(Language::parse).transpose()?,
        password,
        time_zone: body
            .time_zone
            .as_deref()
            .map(|z| match z.trim() {
                "" => Ok(None),
                name => crate::core::zones::Zone::parse(name).map(Some),
            })
            .transpose()?,
    };
    service::update_profile(&app, &account, change).await?;
    Ok(axum::Json(me_view(&app, account.id, caller.tr).await?))
}

/// One's own data, as stored. Secret ballots appear only as the motions taken part in:
/// their choices are stored apart from voters and cannot be told.
#[derive(Serialize, ToSchema)]
pub struct Export {
    account: ExportedAccount,
    memberships: Vec<MembershipView>,
    delegate_seats: Vec<ExportedSeat>,
    rsvps: Vec<ExportedRsvp>,
    open_ballots: Vec<ExportedBallot>,
    /// Motions in which a secret ballot was cast; what was chosen is not linked to anyone.
    secret_ballots_in: Vec<Id>,
    pledges: Vec<ExportedPledge>,
    incidents_reported: Vec<ExportedIncident>,
    /// Motions moved, demands drafted, bulletins, meetings and actions, by title: each is
    /// a committee's record, and stays there (without the name) if the account is deleted.
    written: Vec<ExportedWriting>,
    notifications: Vec<ExportedNotification>,
    contact: ExportedContact,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedWriting {
    /// motion, demand, bulletin, meeting or action.
    kind: String,
    id: Id,
    committee_id: Id,
    title: String,
    created_at: crate::core::Timestamp,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedAccount {
    id: Id,
    handle: String,
    /// As stored: empty when none was chosen.
    display_name: String,
    /// What other members see.
    shown_as: String,
    language: String,
    /// The time zone the member chose to read times in, if any.
    time_zone: Option<String>,
    is_admin: bool,
    created_at: crate::core::Timestamp,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedSeat {
    council_id: Id,
    committee_id: Id,
    since: crate::core::Timestamp,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedRsvp {
    meeting_id: Id,
    title: String,
    starts_at: crate::core::Timestamp,
    status: String,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedBallot {
    motion_id: Id,
    title: String,
    /// `yes`, `no`, `abstain`, or the candidates chosen.
    choice: serde_json::Value,
    cast_at: crate::core::Timestamp,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedPledge {
    action_id: Id,
    title: String,
    committee_id: Id,
    status: String,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedIncident {
    id: Id,
    committee_id: Id,
    kind: String,
    urgency: String,
    /// Empty once erased after the retention period.
    summary: String,
    location: String,
    status: String,
    created_at: crate::core::Timestamp,
    erased_at: Option<crate::core::Timestamp>,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedNotification {
    id: Id,
    kind: String,
    committee_id: Option<Id>,
    subject_id: Option<Id>,
    detail: serde_json::Value,
    created_at: crate::core::Timestamp,
    read: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ExportedContact {
    /// Opened for its owner; stored encrypted.
    email: Option<String>,
    /// Phones and browsers with notifications on (their addresses are not shown).
    push_devices: i64,
}

/// Everything the server holds about the caller, as JSON.
#[utoipa::path(get, path = "/me/export", tag = "accounts",
    responses((status = 200, body = Export), (status = "4XX", body = ErrorBody)))]
async fn export(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<Response, Error> {
    use crate::core::Timestamp as T;
    let e = service::export(&app, account.id).await?;
    let s = e.stored;
    let body = Export {
        account: ExportedAccount {
            id: account.id,
            shown_as: crate::accounts::names::shown_name(
                caller.tr,
                &e.account.display_name,
                e.account.id,
                &e.account.name_tag,
            ),
            handle: e.account.handle,
            display_name: e.account.display_name,
            language: e.account.language,
            time_zone: e.account.time_zone.filter(|z| !z.is_empty()),
            is_admin: e.account.is_admin != 0,
            created_at: T::from_millis(s.created_at),
        },
        memberships: e
            .memberships
            .into_iter()
            .map(|m| MembershipView {
                committee_id: Id::from_db(m.committee_id),
                role: m.role,
                name: m.name,
                kind: m.kind,
            })
            .collect(),
        delegate_seats: s
            .seats
            .into_iter()
            .map(|(council, committee, since)| ExportedSeat {
                council_id: Id::from_db(council),
                committee_id: Id::from_db(committee),
                since: T::from_millis(since),
            })
            .collect(),
        rsvps: s
            .rsvps
            .into_iter()
            .map(|r| ExportedRsvp {
                meeting_id: Id::from_db(r.meeting_id),
                title: r.title,
                starts_at: T::from_millis(r.starts_at),
                status: r.status,
            })
            .collect(),
        open_ballots: s
            .open_ballots
            .into_iter()
            .map(|b| ExportedBallot {
                motion_id: Id::from_db(b.motion_id),
                title: b.title,
                choice: serde_json::from_str(&b.choice)
                    .unwrap_or(serde_json::Value::String(b.choice)),
                cast_at: T::from_millis(b.cast_at),
            })
            .collect(),
        secret_ballots_in: s.secret_ballots_in.into_iter().map(Id::from_db).collect(),
        pledges: s
            .pledges
            .into_iter()
            .map(|p| ExportedPledge {
                action_id: Id::from_db(p.action_id),
                title: p.title,
                committee_id: Id::from_db(p.committee_id),
                status: p.status,
            })
            .collect(),
        incidents_reported: s
            .incidents
            .into_iter()
            .map(|i| ExportedIncident {
                id: Id::from_db(i.id),
                committee_id: Id::from_db(i.committee_id),
                kind: i.kind,
                urgency: i.urgency,
                summary: i.summary,
                location: i.location,
                status: i.status,
                created_at: T::from_millis(i.created_at),
                erased_at: i.erased_at.map(T::from_millis),
            })
            .collect(),
        written: s
            .written
            .into_iter()
            .map(|w| ExportedWriting {
                kind: w.kind,
                id: Id::from_db(w.id),
                committee_id: Id::from_db(w.committee_id),
                title: w.title,
                created_at: T::from_millis(w.created_at),
            })
            .collect(),
        notifications: s
            .notifications
            .into_iter()
            .map(|n| ExportedNotification {
                id: Id::from_db(n.id),
                kind: n.kind,
                committee_id: n.committee_id.map(Id::from_db),
                subject_id: n.subject_id.map(Id::from_db),
                detail: serde_json::from_str(&n.detail).unwrap_or_default(),
                created_at: T::from_millis(n.created_at),
                read: n.read_at.is_some(),
            })
            .collect(),
        contact: ExportedContact {
            email: e.email,
            push_devices: e.push_devices,
        },
    };
    // Offered as a file to keep; never cached on the way.
    Ok((
        [
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"outnumber-export.json\"",
            ),
            (axum::http::header::CACHE_CONTROL, "no-store"),
        ],
        axum::Json(body),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct DeleteAccountRequest {
    /// The account's password, to confirm.
    password: String,
}

/// Deletes the caller's account, with its password.
#[utoipa::path(delete, path = "/me", tag = "accounts",
    request_body = DeleteAccountRequest,
    responses((status = 204, description = "The account is deleted: its memberships, sessions, \
contact details, answers, open ballots in motions still open, pledges to actions still \
gathering and notifications are gone; what it wrote for committees stays without its name"),
        (status = 401, description = "Wrong password", body = ErrorBody),
        (status = 409, description = "The last coordinator of a committee with other members \
must make someone else coordinator first", body = ErrorBody),
        (status = "4XX", body = ErrorBody)))]
async fn delete_me(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<DeleteAccountRequest>,
) -> Result<StatusCode, Error> {
    service::delete_account(&app, &account, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- API tokens ----

/// The closed set of scopes, as the core parses them.
fn scope_list() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(crate::core::tokens::Scope::NAMES.iter().copied())),
        )
        .description(Some(
            "`read` (every read the member may make) or, per part of the API, `PART:read` \
             (reads of that part) or `PART:write` (reads and changes); the parts are the \
             document's tags, save `accounts`.",
        ))
        .build()
}

/// A day, `YYYY-MM-DD` (UTC).
fn day_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::String,
            Type::Null,
        ]))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .description(Some(
            "The last day (UTC) the token was used, if it was: only the day is kept, \
             never the time, the address or what it did.",
        ))
        .build()
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    /// What the token is for, 1 to 80 characters; each of a member's tokens has its own.
    name: String,
    #[schema(schema_with = scope_list)]
    scopes: Vec<String>,
    /// Days until the token ends by itself: 1 to 365, 90 if left out.
    expires_in_days: Option<i64>,
    /// The member's password, to confirm.
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenView {
    id: Id,
    name: String,
    #[schema(schema_with = scope_list)]
    scopes: Vec<String>,
    created_at: crate::core::Timestamp,
    expires_at: crate::core::Timestamp,
    #[schema(schema_with = day_schema)]
    last_used_on: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenCreated {
    /// The token's secret, to send as `Authorization: Bearer <token>`. Shown only this once:
    /// the server keeps only its hash.
    token: String,
    id: Id,
    name: String,
    #[schema(schema_with = scope_list)]
    scopes: Vec<String>,
    created_at: crate::core::Timestamp,
    expires_at: crate::core::Timestamp,
}

fn token_view(row: crate::accounts::store::TokenRow) -> TokenView {
    TokenView {
        id: Id::from_db(row.id),
        scopes: scope_names(&row.scopes),
        name: row.name,
        created_at: crate::core::Timestamp::from_millis(row.created_at),
        expires_at: crate::core::Timestamp::from_millis(row.expires_at),
        last_used_on: row
            .last_used_on
            .map(|day| crate::core::Timestamp::from_millis(day).utc_date()),
    }
}

fn scope_names(stored: &str) -> Vec<String> {
    crate::core::tokens::Scopes::from_text(stored)
        .names()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// The caller's API tokens, newest first, without their secrets.
#[utoipa::path(get, path = "/me/tokens", tag = "accounts",
    responses((status = 200, body = Vec<TokenView>), (status = "4XX", body = ErrorBody)))]
async fn list_tokens(
    State(app): State<App>,
    SignedIn(account): SignedIn,
) -> Result<axum::Json<Vec<TokenView>>, Error> {
    let rows = service::tokens(&app, &account).await?;
    Ok(axum::Json(rows.into_iter().map(token_view).collect()))
}

/// Makes an API token for an integration, with the password; its secret is in this answer
/// only.
#[utoipa::path(post, path = "/me/tokens", tag = "accounts",
    request_body = TokenRequest,
    responses((status = 201, body = TokenCreated),
        (status = 401, description = "Wrong password", body = ErrorBody),
        (status = 409, description = "The member holds as many tokens as they may \
(`too_many_tokens`)", body = ErrorBody),
        (status = 422, description = "A field is wrong: an empty, long or taken name \
(`invalid_name`), no or an unknown scope (`invalid_scopes`), a lifetime out of range \
(`invalid_expires_in_days`)", body = ErrorBody),
        (status = "4XX", body = ErrorBody)))]
async fn create_token(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<TokenRequest>,
) -> Result<Response, Error> {
    let (secret, row) = service::create_token(
        &app,
        &account,
        service::TokenRequest {
            name: body.name,
            scopes: body.scopes,
            expires_in_days: body.expires_in_days,
            password: body.password,
        },
    )
    .await?;
    crate::web::extract::created(
        "me/tokens",
        TokenCreated {
            token: secret,
            id: Id::from_db(row.id),
            scopes: scope_names(&row.scopes),
            name: row.name,
            created_at: crate::core::Timestamp::from_millis(row.created_at),
            expires_at: crate::core::Timestamp::from_millis(row.expires_at),
        },
    )
}

/// One of the caller's API tokens, without its secret.
#[utoipa::path(get, path = "/me/tokens/{id}", tag = "accounts",
    params(("id" = String, Path, description = "The token's id")),
    responses((status = 200, body = TokenView), (status = "4XX", body = ErrorBody)))]
async fn show_token(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<axum::Json<TokenView>, Error> {
    let id = crate::web::extract::path_id(&id)?;
    let row = service::tokens(&app, &account)
        .await?
        .into_iter()
        .find(|row| row.id == id.get())
        .ok_or_else(Error::not_found)?;
    Ok(axum::Json(token_view(row)))
}

/// Revokes one of the caller's API tokens: it stops working at once.
#[utoipa::path(delete, path = "/me/tokens/{id}", tag = "accounts",
    params(("id" = String, Path, description = "The token's id")),
    responses((status = 204, description = "The token no longer works"),
        (status = "4XX", body = ErrorBody)))]
async fn revoke_token(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<StatusCode, Error> {
    let id = crate::web::extract::path_id(&id)?;
    service::revoke_token(&app, &account, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(log_in))
        .routes(routes!(log_out))
        .routes(routes!(me, update_me, delete_me))
        .routes(routes!(export))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(show_token, revoke_token))
}
