//! The dashboard, committee and council pages, invites with their QR codes, and the audit
//! log, as HTML forms that work without JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::App;
use crate::committees::api::{
    AUDIT_PAGE, AuditView, CommitteeView, InviteView, MemberView, audit_page, committee_view,
    invite_view, member_view,
};
use crate::committees::service::{self, Founding, InvitePreview};
use crate::committees::store::{self, MyCommitteeRow};
use crate::core::fields::{CommitteeKind, InviteKind, Role, WorkplaceType};
use crate::core::ids::normalize_code;
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::meetings::api::MeetingView;
use crate::meetings::service as meetings;
use crate::notifications::api::{Inbox, inbox};
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::pages::{Layout, render, render_with};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    l: Layout,
    workplaces: Vec<MyCommittee>,
    councils: Vec<MyCommittee>,
    councils_above: Vec<(Id, String)>,
    inbox: Inbox,
    /// Meetings of the caller's committees that are coming up, soonest first.
    meetings: Vec<MeetingView>,
    /// Actions gathering pledges or on, called by the caller's committees or the councils
    /// above them.
    actions: Vec<crate::actions::api::ActionItem>,
    /// Open incidents that reach the caller, newest first.
    incidents: Vec<crate::incidents::api::IncidentView>,
    /// The banners of the actions among them that are on.
    activated: Vec<crate::actions::pages::Activation>,
}

struct MyCommittee {
    id: Id,
    name: String,
    role: String,
}

impl From<MyCommitteeRow> for MyCommittee {
    fn from(row: MyCommitteeRow) -> Self {
        MyCommittee {
            id: Id::from_db(row.committee_id),
            name: row.name,
            role: row.role,
        }
    }
}

async fn dashboard(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<Response, Error> {
    let mine = store::committees_of(app.db.pool(), account.id).await?;
    let (councils, workplaces): (Vec<_>, Vec<_>) =
        mine.into_iter().partition(|c| c.kind == "council");
    let councils_above = store::councils_above(app.db.pool(), account.id)
        .await?
        .into_iter()
        .map(|(id, name)| (Id::from_db(id), name))
        .collect();
    let actions: Vec<_> = crate::actions::service::open_for(&app, account.id)
        .await?
        .into_iter()
        .map(crate::actions::api::item)
        .collect();
    let activated = crate::actions::pages::activations(&app, account.id, caller.tr, &actions).await;
    render(&Dashboard {
        l: Layout::new(&app, &caller, "dashboard-title").await,
        workplaces: workplaces.into_iter().map(MyCommittee::from).collect(),
        councils: councils.into_iter().map(MyCommittee::from).collect(),
        councils_above,
        inbox: inbox(&app, account.id, caller.tr, false, None, 5).await?,
        meetings: meetings::upcoming_for(&app, account.id)
            .await?
            .into_iter()
            .map(|row| MeetingView::new(row, Timestamp::now(), caller.tr))
            .collect(),
        actions,
        activated,
        incidents: crate::incidents::service::recent_for(&app, account.id)
            .await?
            .iter()
            .filter(|i| i.status() == crate::core::incidents::IncidentStatus::Open)
            .map(|seen| crate::incidents::api::IncidentView::new(seen, caller.tr))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "committee_new.html")]
struct NewCommitteePage {
    l: Layout,
    error: Option<String>,
    form: FoundForm,
    workplace_types: &'static [WorkplaceType],
}

#[derive(Deserialize, Default)]
struct FoundForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    workplace_type: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    region: String,
}

#[derive(Deserialize)]
struct KindQuery {
    kind: Option<String>,
}

async fn new_committee(
    State(app): State<App>,
    caller: Caller,
    SignedIn(_): SignedIn,
    Query(query): Query<KindQuery>,
) -> Result<Response, Error> {
    render(&NewCommitteePage {
        l: Layout::new(&app, &caller, "committee-new-title").await,
        error: None,
        form: FoundForm {
            kind: query.kind.unwrap_or_else(|| "workplace".into()),
            ..FoundForm::default()
        },
        workplace_types: WorkplaceType::ALL,
    })
}

async fn create_committee(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<FoundForm>,
) -> Result<Response, Error> {
    let founding = Founding {
        name: form.name.clone(),
        kind: form.kind.clone(),
        workplace_type: Some(form.workplace_type.clone()),
        industry: Some(form.industry.clone()),
        region: Some(form.region.clone()),
    };
    match service::found(&app, &account, founding).await {
        Ok(row) => {
            Ok(Redirect::to(&format!("/committees/{}", Id::from_db(row.id))).into_response())
        }
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NewCommitteePage {
                    l: Layout::new(&app, &caller, "committee-new-title").await,
                    error: Some(message),
                    form,
                    workplace_types: WorkplaceType::ALL,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "committee.html")]
struct CommitteePage {
    l: Layout,
    committee: CommitteeView,
    members: Vec<MemberView>,
    invites: Vec<InviteView>,
    me: Id,
    is_member: bool,
    is_coordinator: bool,
    is_council: bool,
    error: Option<String>,
}

pub async fn committee_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (row, standing) = service::visible(app, id, account.id).await?;
    let view = committee_view(app, row, standing).await?;
    let role = standing.role();
    let (members, invites) = if role.is_some() {
        let members = store::members(app.db.pool(), id)
            .await?
            .into_iter()
            .map(|m| member_view(m, caller.tr))
            .collect();
        let invites = service::live_invites(app, account, id).await?;
        (members, invites.into_iter().map(invite_view).collect())
    } else {
        (Vec::new(), Vec::new())
    };
    let title = view.name.clone();
    render_with(
        status,
        &CommitteePage {
            l: Layout::titled(app, caller, title).await,
            is_council: view.kind == CommitteeKind::Council.as_str(),
            committee: view,
            members,
            invites,
            me: account.id,
            is_member: role.is_some(),
            is_coordinator: role == Some(Role::Coordinator),
            error,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    committee_page(&app, &caller, path_id(&id)?, None, StatusCode::OK).await
}

/// After a form on the committee page: back to it, or the page again with the error.
async fn back_to_committee(
    app: &App,
    caller: &Caller,
    id: Id,
    result: Result<(), Error>,
) -> Result<Response, Error> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/committees/{id}")).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            committee_page(
                app,
                caller,
                id,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    kind: String,
    max_uses: Option<String>,
    expires_in_hours: Option<String>,
}

fn optional_number(field: &'static str, value: Option<&str>) -> Result<Option<i64>, Error> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => v.parse().map(Some).map_err(|_| {
            crate::core::Invalid::new(field, crate::core::fields::Problem::Format).into()
        }),
        None => Ok(None),
    }
}

async fn create_invite(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let created = async {
        let kind = if form.kind.is_empty() {
            InviteKind::Member
        } else {
            InviteKind::parse(&form.kind)?
        };
        let max_uses = optional_number("max_uses", form.max_uses.as_deref())?;
        let hours = optional_number("expires_in_hours", form.expires_in_hours.as_deref())?;
        service::create_invite(&app, &account, id, kind, max_uses, hours).await
    }
    .await;
    match created {
        Ok(invite) => Ok(Redirect::to(&format!("/invites/{}", invite.code)).into_response()),
        Err(err) => back_to_committee(&app, &caller, id, Err(err)).await,
    }
}

#[derive(Deserialize)]
struct EmptyForm {}

async fn revoke_invite(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, invite)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::revoke_invite(&app, &account, id, path_id(&invite)?).await;
    back_to_committee(&app, &caller, id, result).await
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
}

async fn set_role(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, Error> {
    let (id, target) = (path_id(&id)?, path_id(&target)?);
    let result = async {
        let role = Role::parse(&form.role)?;
        service::set_role(&app, &account, id, target, role).await
    }
    .await;
    back_to_committee(&app, &caller, id, result).await
}

async fn remove_member(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let (id, target) = (path_id(&id)?, path_id(&target)?);
    match service::remove_member(&app, &account, id, target).await {
        Ok(()) if target == account.id => Ok(Redirect::to("/dashboard").into_response()),
        result => back_to_committee(&app, &caller, id, result).await,
    }
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

async fn affiliate(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let code = code_from_input(&form.code);
    let result = service::affiliate(&app, &account, id, &code, caller.address)
        .await
        .map(|_| ());
    back_to_committee(&app, &caller, id, result).await
}

async fn disaffiliate(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, council)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::disaffiliate(&app, &account, id, path_id(&council)?).await;
    back_to_committee(&app, &caller, id, result).await
}

/// People paste either the code or the whole invite link.
fn code_from_input(input: &str) -> String {
    let trimmed = input.trim();
    let code = trimmed.rsplit('/').next().unwrap_or(trimmed);
    normalize_code(code)
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    entries: Vec<AuditView>,
    page: i64,
    has_more: bool,
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

async fn audit(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (committee, _) = service::as_member(&app, id, account.id).await?;
    let page = query.page.unwrap_or(1).max(1);
    let entries = audit_page(&app, &caller, id, page).await?;
    render(&AuditPage {
        l: Layout::new(&app, &caller, "audit-title").await,
        committee_id: id,
        committee_name: committee.name,
        has_more: entries.len() as i64 == AUDIT_PAGE,
        entries,
        page,
    })
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    l: Layout,
    code: String,
    link: String,
    preview: InvitePreview,
    unusable: Option<String>,
    /// The signed-in visitor is already a member of the committee.
    already_member: bool,
}

async fn invite(
    State(app): State<App>,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Response, Error> {
    let code = normalize_code(&code);
    let preview = service::preview_invite(&app, &code, caller.address).await?;
    let unusable = preview
        .unusable
        .clone()
        .map(|rule| Error::Rule(rule).problem().message(caller.tr));
    let already_member = match (&caller.account, &preview.committee) {
        (Some(account), Some(committee)) => {
            store::role(app.db.pool(), Id::from_db(committee.id), account.id)
                .await?
                .is_some()
        }
        _ => false,
    };
    render(&InvitePage {
        l: Layout::new(&app, &caller, "invite-title").await,
        link: app.config.link(&format!("/invites/{code}")),
        code,
        preview,
        unusable,
        already_member,
    })
}

/// The invite link as a QR code, so a coworker can scan it from the inviter's phone.
async fn invite_qr(
    State(app): State<App>,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Response, Error> {
    let code = normalize_code(&code);
    service::preview_invite(&app, &code, caller.address).await?;
    let link = app.config.link(&format!("/invites/{code}"));
    let svg = qrcode::QrCode::new(link.as_bytes())
        .map_err(|e| Error::Internal(format!("qr code: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "no-store, private"),
        ],
        svg,
    )
        .into_response())
}

async fn accept(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(code): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let (committee, _) = service::accept_invite(&app, &account, &code, caller.address).await?;
    Ok(Redirect::to(&format!("/committees/{committee}")).into_response())
}

/// An administrator's registration invite, from the dashboard.
async fn registration_invite(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, Error> {
    if !account.is_admin {
        return Err(crate::core::Rule::AdminsOnly.into());
    }
    let max_uses = optional_number("max_uses", form.max_uses.as_deref())?;
    let hours = optional_number("expires_in_hours", form.expires_in_hours.as_deref())?;
    let invite =
        service::create_registration_invite(&app, Some(account.id), max_uses, hours).await?;
    Ok(Redirect::to(&format!("/invites/{}", invite.code)).into_response())
}

/// The "I have a code" form on the dashboard.
async fn enter_code(
    SignedIn(_): SignedIn,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, Error> {
    let code = code_from_input(&form.code);
    if code.is_empty() {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    Ok(Redirect::to(&format!(
        "/invites/{}",
        crate::web::caller::urlencode(&code)
    ))
    .into_response())
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/dashboard", get(dashboard))
        .route("/dashboard/code", post(enter_code))
        .route("/admin/invites", post(registration_invite))
        .route("/committees/new", get(new_committee).post(create_committee))
        .route("/committees/{id}", get(show))
        .route("/committees/{id}/invites", post(create_invite))
        .route(
            "/committees/{id}/invites/{invite}/revoke",
            post(revoke_invite),
        )
        .route("/committees/{id}/members/{account}/role", post(set_role))
        .route(
            "/committees/{id}/members/{account}/remove",
            post(remove_member),
        )
        .route("/committees/{id}/affiliations", post(affiliate))
        .route(
            "/committees/{id}/affiliations/{council}/end",
            post(disaffiliate),
        )
        .route("/committees/{id}/audit", get(audit))
        .route("/invites/{code}", get(invite))
        .route("/invites/{code}/qr.svg", get(invite_qr))
        .route("/invites/{code}/accept", post(accept))
}

#[cfg(test)]
mod tests {
    use super::code_from_input;

    #[test]
    fn pasted_links_yield_their_code() {
        assert_eq!(
            code_from_input(" https://x.example/invites/ABCD-efgh "),
            "abcd-efgh"
        );
        assert_eq!(code_from_input("abcd-efgh"), "abcd-efgh");
        assert_eq!(code_from_input(""), "");
    }
}
