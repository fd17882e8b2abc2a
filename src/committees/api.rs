//! Committees, councils, invites, affiliations and the audit log in the JSON API.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::accounts::names::{shown_if, shown_name};
use crate::app::App;
use crate::committees::audit_text;
use crate::committees::service::{self, Founding, NewInviteCode};
use crate::committees::store::{self, CommitteeRow};
use crate::core::access::Standing;
use crate::core::fields::{InviteKind, Role};
use crate::core::{Id, Rule, Timestamp};
use crate::error::Error;
use crate::i18n::Tr;
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, OptionalJson, path_id};

#[derive(Serialize, ToSchema)]
pub struct CommitteeLink {
    pub id: Id,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct AffiliateView {
    pub id: Id,
    pub name: String,
    pub kind: String,
    pub workplace_type: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub member_count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CommitteeView {
    pub id: Id,
    pub name: String,
    /// `workplace` or `council`.
    pub kind: String,
    pub workplace_type: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    /// A workplace's estimated workforce, members or not, as its coordinators recorded it.
    pub estimated_workforce: Option<i64>,
    pub member_count: i64,
    /// The councils this committee belongs to directly.
    pub councils: Vec<CommitteeLink>,
    /// For a council: the committees affiliated directly, with member counts (never
    /// their members).
    pub affiliates: Vec<AffiliateView>,
    /// The caller's role, if a member; absent for members of affiliated committees.
    pub my_role: Option<Role>,
    pub created_at: Timestamp,
    /// The IANA time zone the committee's times are shown and typed in on pages and in
    /// notifications (the API's times are always UTC).
    pub time_zone: String,
}

pub fn affiliate_view(row: CommitteeRow) -> AffiliateView {
    AffiliateView {
        id: Id::from_db(row.id),
        name: row.name,
        kind: row.kind,
        workplace_type: row.workplace_type,
        industry: row.industry,
        region: row.region,
        member_count: row.member_count,
    }
}

pub async fn committee_view(
    app: &App,
    row: CommitteeRow,
    standing: Standing,
) -> Result<CommitteeView, Error> {
    let id = Id::from_db(row.id);
    let time_zone = row.zone(app.config.time_zone).name().to_owned();
    let links = |rows: Vec<(i64, String)>| {
        rows.into_iter()
            .map(|(id, name)| CommitteeLink {
                id: Id::from_db(id),
                name,
            })
            .collect::<Vec<_>>()
    };
    let councils = links(store::councils_of(app.db.pool(), id).await?);
    let affiliates = if row.kind == "council" {
        store::affiliates_of(app.db.pool(), id)
            .await?
            .into_iter()
            .map(affiliate_view)
            .collect()
    } else {
        Vec::new()
    };
    Ok(CommitteeView {
        id,
        name: row.name,
        kind: row.kind,
        workplace_type: row.workplace_type,
        industry: row.industry,
        region: row.region,
        estimated_workforce: row.estimated_workforce,
        member_count: row.member_count,
        councils,
        affiliates,
        my_role: standing.role(),
        created_at: Timestamp::from_millis(row.created_at),
        time_zone,
    })
}

#[derive(Deserialize, ToSchema)]
pub struct FoundRequest {
    name: String,
    /// `workplace` or `council`.
    kind: String,
    /// For workplaces: factory, depot, warehouse, office, school, hospital or other.
    workplace_type: Option<String>,
    /// Required for workplaces; optional for councils.
    industry: Option<String>,
    /// Required for workplaces; optional for councils.
    region: Option<String>,
    /// The IANA time zone its times are shown and typed in, such as `America/Chicago`;
    /// the server's (`--time-zone`) when absent.
    time_zone: Option<String>,
}

/// Founds a workplace committee or a council; the founder becomes its coordinator.
#[utoipa::path(post, path = "/committees", tag = "committees",
    request_body = FoundRequest,
    responses((status = 201, body = CommitteeView), (status = "4XX", body = ErrorBody)))]
async fn found(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<FoundRequest>,
) -> Result<Response, Error> {
    let row = service::found(
        &app,
        &account,
        Founding {
            name: body.name,
            kind: body.kind,
            workplace_type: body.workplace_type,
            industry: body.industry,
            region: body.region,
            time_zone: body.time_zone,
        },
    )
    .await?;
    let view = committee_view(&app, row, Standing::Member(Role::Coordinator)).await?;
    crate::web::extract::created("committees", view)
}

/// A committee or council, as far as the caller may see it.
#[utoipa::path(get, path = "/committees/{id}", tag = "committees",
    params(("id" = String, Path)),
    responses((status = 200, body = CommitteeView), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<CommitteeView>, Error> {
    let (row, standing) = service::visible(&app, path_id(&id)?, account.id).await?;
    Ok(axum::Json(committee_view(&app, row, standing).await?))
}

#[derive(Serialize, ToSchema)]
pub struct MemberView {
    pub account_id: Id,
    pub display_name: String,
    pub role: String,
    /// Who vouched for this member (absent for founders).
    pub vouched_by: Option<Id>,
    pub vouched_by_name: Option<String>,
    pub joined_at: Timestamp,
}

/// The committee's members and who vouched for each.
#[utoipa::path(get, path = "/committees/{id}/members", tag = "committees",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<MemberView>), (status = "4XX", body = ErrorBody)))]
async fn members(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<MemberView>>, Error> {
    let id = path_id(&id)?;
    service::as_member(&app, id, account.id).await?;
    let members = store::members(app.db.pool(), id)
        .await?
        .into_iter()
        .map(|m| member_view(m, caller.tr))
        .collect();
    Ok(axum::Json(members))
}

/// A member as other members see them: never by the handle.
pub fn member_view(m: store::MemberRow, tr: Tr) -> MemberView {
    MemberView {
        account_id: Id::from_db(m.account_id),
        display_name: shown_name(tr, &m.display_name, m.account_id, &m.name_tag),
        role: m.role,
        vouched_by: m.vouched_by.map(Id::from_db),
        vouched_by_name: shown_if(
            tr,
            m.vouched_by,
            m.vouched_by_name.as_deref(),
            m.vouched_by_tag.as_deref(),
        ),
        joined_at: Timestamp::from_millis(m.joined_at),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct RoleRequest {
    /// `coordinator` or `member`.
    role: String,
}

#[derive(Serialize, ToSchema)]
pub struct RoleView {
    account_id: Id,
    role: Role,
}

/// A coordinator makes a member a coordinator, or a coordinator a member again.
#[utoipa::path(put, path = "/committees/{id}/members/{account_id}", tag = "committees",
    params(("id" = String, Path), ("account_id" = String, Path)),
    request_body = RoleRequest,
    responses((status = 200, body = RoleView), (status = "4XX", body = ErrorBody)))]
async fn set_role(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Result<axum::Json<RoleView>, Error> {
    let (id, target) = (path_id(&id)?, path_id(&target)?);
    let role = Role::parse(&body.role)?;
    service::set_role(&app, &account, id, target, role).await?;
    Ok(axum::Json(RoleView {
        account_id: target,
        role,
    }))
}

/// Removes a member (a coordinator), or leaves the committee (the member themself).
#[utoipa::path(delete, path = "/committees/{id}/members/{account_id}", tag = "committees",
    params(("id" = String, Path), ("account_id" = String, Path)),
    responses((status = 204, description = "Removed"), (status = "4XX", body = ErrorBody)))]
async fn remove_member(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
) -> Result<StatusCode, Error> {
    service::remove_member(&app, &account, path_id(&id)?, path_id(&target)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema, Default)]
pub struct InviteRequest {
    /// `member` (default) or `affiliation` (councils only).
    kind: Option<String>,
    /// 1 to 500 (default 1).
    max_uses: Option<i64>,
    /// 1 to 720 (default 72 for members, 168 for affiliation).
    expires_in_hours: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct InviteCreated {
    /// Shown only this once; only its hash is kept.
    code: String,
    kind: String,
    expires_at: Timestamp,
    max_uses: i64,
    id: Id,
    /// The page that shows the code as a link and a QR code.
    link: String,
}

fn invite_created(app: &App, invite: NewInviteCode, kind: &str) -> InviteCreated {
    InviteCreated {
        link: app.config.link(&format!("/invites/{}", invite.code)),
        code: invite.code,
        kind: kind.to_owned(),
        expires_at: invite.expires_at,
        max_uses: invite.max_uses,
        id: invite.id,
    }
}

/// Makes an invite: a member invite (vouching for new members) or a council's affiliation code.
#[utoipa::path(post, path = "/committees/{id}/invites", tag = "invites",
    params(("id" = String, Path)),
    request_body(content = Option<InviteRequest>, description = "All fields optional; the body may be empty"),
    responses((status = 201, body = InviteCreated), (status = "4XX", body = ErrorBody)))]
async fn create_invite(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    OptionalJson(body): OptionalJson<InviteRequest>,
) -> Result<Response, Error> {
    let kind = match body.kind.as_deref() {
        Some(kind) => InviteKind::parse(kind)?,
        None => InviteKind::Member,
    };
    let invite = service::create_invite(
        &app,
        &account,
        path_id(&id)?,
        kind,
        body.max_uses,
        body.expires_in_hours,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(invite_created(&app, invite, kind.as_str())),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct InviteView {
    pub id: Id,
    pub kind: String,
    pub max_uses: i64,
    pub uses: i64,
    pub expires_at: Timestamp,
    pub created_by: Option<Id>,
    pub created_at: Timestamp,
}

/// The committee's invites still open.
#[utoipa::path(get, path = "/committees/{id}/invites", tag = "invites",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<InviteView>), (status = "4XX", body = ErrorBody)))]
async fn list_invites(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<InviteView>>, Error> {
    let invites = service::live_invites(&app, &account, path_id(&id)?).await?;
    Ok(axum::Json(invites.into_iter().map(invite_view).collect()))
}

pub fn invite_view(i: crate::committees::store::InviteRow) -> InviteView {
    InviteView {
        id: Id::from_db(i.id),
        kind: i.kind,
        max_uses: i.max_uses,
        uses: i.uses,
        expires_at: Timestamp::from_millis(i.expires_at),
        created_by: i.created_by.map(Id::from_db),
        created_at: Timestamp::from_millis(i.created_at),
    }
}

/// Revokes an invite.
#[utoipa::path(delete, path = "/committees/{id}/invites/{invite_id}", tag = "invites",
    params(("id" = String, Path), ("invite_id" = String, Path)),
    responses((status = 204, description = "Revoked"), (status = "4XX", body = ErrorBody)))]
async fn revoke_invite(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path((id, invite)): Path<(String, String)>,
) -> Result<StatusCode, Error> {
    service::revoke_invite(&app, &account, path_id(&id)?, path_id(&invite)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct InvitePreviewView {
    kind: String,
    /// The committee the code leads into (absent for registration invites).
    committee: Option<CommitteeLink>,
    expires_at: Timestamp,
    remaining_uses: i64,
    /// `null` if the code can be used now; otherwise `invite_expired` or `invite_used_up`.
    unusable: Option<String>,
}

/// What an invite code leads to, before accepting it.
#[utoipa::path(get, path = "/invites/{code}", tag = "invites",
    params(("code" = String, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = InvitePreviewView), (status = "4XX", body = ErrorBody)))]
async fn preview_invite(
    State(app): State<App>,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<axum::Json<InvitePreviewView>, Error> {
    let preview = service::preview_invite(&app, &code, caller.address).await?;
    Ok(axum::Json(InvitePreviewView {
        kind: preview.kind,
        committee: preview.committee.map(|c| CommitteeLink {
            id: Id::from_db(c.id),
            name: c.name,
        }),
        expires_at: preview.expires_at,
        remaining_uses: preview.remaining_uses,
        unusable: preview.unusable.map(|rule| rule_code(&rule)),
    }))
}

fn rule_code(rule: &Rule) -> String {
    Error::Rule(rule.clone()).problem().code.into_owned()
}

#[derive(Serialize, ToSchema)]
pub struct Joined {
    committee_id: Id,
    role: Role,
}

/// Accepts an invite: joins the committee, or affiliates it to the council.
#[utoipa::path(post, path = "/invites/{code}/accept", tag = "invites",
    params(("code" = String, Path)),
    responses((status = 200, body = Joined), (status = "4XX", body = ErrorBody)))]
async fn accept_invite(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(code): Path<String>,
) -> Result<axum::Json<Joined>, Error> {
    let (committee_id, role) =
        service::accept_invite(&app, &account, &code, caller.address).await?;
    Ok(axum::Json(Joined { committee_id, role }))
}

#[derive(Deserialize, ToSchema)]
pub struct AffiliationRequest {
    /// An affiliation code issued by the council.
    code: String,
}

#[derive(Serialize, ToSchema)]
pub struct AffiliationView {
    council_id: Id,
    /// `active`: the code is the council's consent, so the link holds at once.
    status: String,
}

/// A coordinator affiliates the committee to a council with the council's affiliation code.
#[utoipa::path(post, path = "/committees/{id}/affiliations", tag = "committees",
    params(("id" = String, Path)),
    request_body = AffiliationRequest,
    responses((status = 201, body = AffiliationView), (status = "4XX", body = ErrorBody)))]
async fn affiliate(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AffiliationRequest>,
) -> Result<Response, Error> {
    let council_id =
        service::affiliate(&app, &account, path_id(&id)?, &body.code, caller.address).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AffiliationView {
            council_id,
            status: "active".into(),
        }),
    )
        .into_response())
}

/// A coordinator ends the committee's affiliation to a council.
#[utoipa::path(delete, path = "/committees/{id}/affiliations/{council_id}", tag = "committees",
    params(("id" = String, Path), ("council_id" = String, Path)),
    responses((status = 204, description = "The affiliation is ended"), (status = "4XX", body = ErrorBody)))]
async fn disaffiliate(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path((id, council)): Path<(String, String)>,
) -> Result<StatusCode, Error> {
    service::disaffiliate(&app, &account, path_id(&id)?, path_id(&council)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct PersonRef {
    account_id: Id,
    display_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuditView {
    pub at: Timestamp,
    pub action: String,
    /// Who did it; absent when it was done from outside the committee (an affiliate
    /// joining a council is recorded as the committee, not the person).
    pub actor: Option<PersonRef>,
    pub subject: Option<PersonRef>,
    pub detail: serde_json::Value,
    /// The entry in words, in the reader's language.
    pub text: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Page number, from 1 (newest first, 50 per page).
    page: Option<i64>,
}

pub const AUDIT_PAGE: i64 = 50;

/// A page of the audit log; shared by the API and the audit page.
pub async fn audit_page(
    app: &App,
    caller: &Caller,
    committee: Id,
    page: i64,
) -> Result<Vec<AuditView>, Error> {
    let account = caller.account()?;
    service::as_member(app, committee, account.id).await?;
    let page = page.clamp(1, 100_000);
    let rows = store::audit_page(
        app.db.pool(),
        committee,
        (page - 1) * AUDIT_PAGE,
        AUDIT_PAGE,
    )
    .await?;
    let person = |id: Option<i64>, name: Option<String>| {
        id.zip(name).map(|(id, display_name)| PersonRef {
            account_id: Id::from_db(id),
            display_name,
        })
    };
    Ok(rows
        .into_iter()
        .map(|row| AuditView {
            at: Timestamp::from_millis(row.created_at),
            text: audit_text(&row, caller.tr),
            actor: person(row.actor_id, row.actor(caller.tr)),
            subject: person(row.subject_id, row.subject(caller.tr)),
            detail: serde_json::from_str(&row.detail).unwrap_or_default(),
            action: row.action,
        })
        .collect())
}

/// The committee's audit log: who did what, newest first.
#[utoipa::path(get, path = "/committees/{id}/audit", tag = "committees",
    params(("id" = String, Path), AuditQuery),
    responses((status = 200, body = Vec<AuditView>), (status = "4XX", body = ErrorBody)))]
async fn audit(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<AuditQuery>,
) -> Result<axum::Json<Vec<AuditView>>, Error> {
    Ok(axum::Json(
        audit_page(&app, &caller, path_id(&id)?, query.page.unwrap_or(1)).await?,
    ))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct RegistrationInviteRequest {
    max_uses: Option<i64>,
    expires_in_hours: Option<i64>,
}

/// An administrator's invite to register without joining a committee, for the founders of
/// new committees on a server without open registration.
#[utoipa::path(post, path = "/admin/invites", tag = "invites",
    request_body(content = Option<RegistrationInviteRequest>, description = "All fields optional; the body may be empty"),
    responses((status = 201, body = InviteCreated), (status = "4XX", body = ErrorBody)))]
async fn create_registration_invite(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    OptionalJson(body): OptionalJson<RegistrationInviteRequest>,
) -> Result<Response, Error> {
    if !account.is_admin {
        return Err(Rule::AdminsOnly.into());
    }
    let invite = service::create_registration_invite(
        &app,
        Some(account.id),
        body.max_uses,
        body.expires_in_hours,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(invite_created(&app, invite, "registration")),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct TimeZoneRequest {
    /// An IANA name, such as `America/Chicago`.
    time_zone: String,
}

#[derive(Serialize, ToSchema)]
pub struct TimeZoneView {
    time_zone: String,
}

/// A coordinator changes the committee's time zone (what pages, notifications and mails
/// show its times in, and the zone its forms read typed times in).
#[utoipa::path(put, path = "/committees/{id}/time-zone", tag = "committees",
    params(("id" = String, Path)), request_body = TimeZoneRequest,
    responses((status = 200, body = TimeZoneView), (status = "4XX", body = ErrorBody)))]
async fn set_time_zone(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TimeZoneRequest>,
) -> Result<axum::Json<TimeZoneView>, Error> {
    let zone = service::set_time_zone(&app, &account, path_id(&id)?, &body.time_zone).await?;
    Ok(axum::Json(TimeZoneView {
        time_zone: zone.name().to_owned(),
    }))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(found))
        .routes(routes!(show))
        .routes(routes!(members))
        .routes(routes!(set_role, remove_member))
        .routes(routes!(create_invite, list_invites))
        .routes(routes!(revoke_invite))
        .routes(routes!(preview_invite))
        .routes(routes!(accept_invite))
        .routes(routes!(affiliate))
        .routes(routes!(disaffiliate))
        .routes(routes!(audit))
        .routes(routes!(set_time_zone))
        .routes(routes!(create_registration_invite))
}
