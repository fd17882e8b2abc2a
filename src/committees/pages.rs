//! The dashboard, committee and council pages, invites with their QR codes, and the audit
//! log, as HTML forms that work without JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::accounts::names::shown_name;
use crate::app::App;
use crate::committees::api::{
    AUDIT_PAGE, AuditView, CommitteeView, InviteView, MemberView, audit_page, committee_view,
    invite_view, member_view,
};
use crate::committees::service::{self, Founding, InvitePreview};
use crate::committees::store::{self, MyCommitteeRow};
use crate::core::fields::{CommitteeKind, Invalid, InviteKind, Problem, Role, WorkplaceType};
use crate::core::ids::normalize_code;
use crate::core::zones::Zone;
use crate::core::{Id, Invalids, Timestamp};
use crate::error::Error;
use crate::meetings::api::MeetingView;
use crate::meetings::service as meetings;
use crate::notifications::api::{Inbox, inbox};
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm, ZoneChoice, zone_choices};
use crate::web::notice;
use crate::web::pages::{Confirmation, Layout, confirm_page, render, render_with};

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    l: Layout,
    workplaces: Vec<MyCommittee>,
    councils: Vec<MyCommittee>,
    councils_above: Vec<(Id, String)>,
    inbox: Inbox,
    /// Open motions of the caller's committees and councils with a ballot not yet cast,
    /// closing soonest first.
    votes: Vec<VoteItem>,
    /// Meetings coming up that the caller has not answered, soonest first.
    to_answer: Vec<MeetingView>,
    /// The other meetings of the caller's committees still coming up.
    meetings: Vec<MeetingView>,
    /// Actions gathering pledges that the caller may pledge to and has not.
    to_pledge: Vec<crate::actions::api::ActionItem>,
    /// The other actions gathering pledges or on, called by the caller's committees or the
    /// councils above them.
    actions: Vec<crate::actions::api::ActionItem>,
    /// Open incidents that reach the caller, newest first.
    incidents: Vec<crate::incidents::api::IncidentView>,
    /// The banners of the actions among them that are on.
    activated: Vec<crate::actions::pages::Activation>,
}

impl Dashboard {
    fn answers(&self) -> &'static [&'static str] {
        &["yes", "maybe", "no"]
    }

    fn nothing_waiting(&self) -> bool {
        self.votes.is_empty() && self.to_answer.is_empty() && self.to_pledge.is_empty()
    }
}

/// A vote waiting for the caller.
struct VoteItem {
    id: Id,
    title: String,
    ballot: String,
    committee_name: String,
    /// The IANA zone of its committee, when it chose one.
    time_zone: Option<String>,
    closes_at: Timestamp,
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

/// What is waiting for the member, then their committees. Every part is one bounded query
/// (or a look in memory), however many committees the member is in.
async fn dashboard(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<Response, Error> {
    let mine = store::committees_of(app.db.pool(), account.id).await?;
    let names: std::collections::HashMap<i64, (String, Option<String>)> = mine
        .iter()
        .map(|c| (c.committee_id, (c.name.clone(), c.time_zone.clone())))
        .collect();
    let votes = crate::motions::service::waiting_for(&app, account.id)
        .await?
        .into_iter()
        .map(|m| {
            let (committee_name, time_zone) =
                names.get(&m.committee_id).cloned().unwrap_or_default();
            VoteItem {
                id: Id::from_db(m.id),
                committee_name,
                time_zone,
                title: m.title,
                ballot: m.ballot,
                closes_at: Timestamp::from_millis(m.closes_at),
            }
        })
        .collect();
    // Things of several committees show each in its own committee's zone where the row
    // tells it; the rest in the zone of the member's first workplace (or council).
    let zone = Zone::or(
        mine.iter()
            .find(|c| c.kind != "council")
            .or(mine.first())
            .and_then(|c| c.time_zone.as_deref()),
        app.config.time_zone,
    );
    let (councils, workplaces): (Vec<_>, Vec<_>) =
        mine.into_iter().partition(|c| c.kind == "council");
    let councils_above = store::councils_above(app.db.pool(), account.id)
        .await?
        .into_iter()
        .map(|(id, name)| (Id::from_db(id), name))
        .collect();
    let now = Timestamp::now();
    let (to_answer, meetings): (Vec<MeetingView>, Vec<MeetingView>) =
        meetings::upcoming_for(&app, account.id)
            .await?
            .into_iter()
            .map(|row| MeetingView::new(row, now, caller.tr))
            .partition(|m| {
                // A meeting called off is not to be answered: it shows among the rest, marked.
                m.my_rsvp.is_none() && !m.cancelled && m.starts_at.millis() > now.millis()
            });
    let (to_pledge, actions): (Vec<_>, Vec<_>) =
        crate::actions::service::open_for(&app, account.id)
            .await?
            .into_iter()
            .map(crate::actions::api::item)
            .partition(|a| a.may_pledge);
    // An activated action is one no longer gathering pledges, so its banner is among the rest.
    let activated = crate::actions::pages::activations(&app, account.id, caller.tr, &actions).await;
    render(&Dashboard {
        l: Layout::new(&app, &caller, "dashboard-title")
            .await
            .in_zone(zone),
        workplaces: workplaces.into_iter().map(MyCommittee::from).collect(),
        councils: councils.into_iter().map(MyCommittee::from).collect(),
        councils_above,
        inbox: inbox(&app, account.id, caller.tr, false, None, 5).await?,
        votes,
        to_answer,
        meetings,
        to_pledge,
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
    errors: FormErrors,
    form: FoundForm,
    workplace_types: &'static [WorkplaceType],
    zones: Vec<ZoneChoice>,
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
    #[serde(default)]
    time_zone: String,
}

const FOUND: FormSpec = FormSpec {
    id: "found",
    fields: &[
        Field::new("kind", "field-kind"),
        Field::new("name", "field-name"),
        Field::new("workplace_type", "field-workplace-type"),
        Field::new("industry", "field-industry"),
        Field::new("region", "field-region"),
        Field::new("time_zone", "field-time-zone"),
    ],
};

#[derive(Deserialize)]
struct KindQuery {
    kind: Option<String>,
}

async fn new_committee_page(
    app: &App,
    caller: &Caller,
    form: FoundForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    let zone = Zone::or(Some(form.time_zone.as_str()), app.config.time_zone);
    render_with(
        status,
        &NewCommitteePage {
            l: Layout::new(app, caller, "committee-new-title").await,
            errors,
            form,
            workplace_types: WorkplaceType::ALL,
            zones: zone_choices(Some(zone)),
        },
    )
}

async fn new_committee(
    State(app): State<App>,
    caller: Caller,
    SignedIn(_): SignedIn,
    Query(query): Query<KindQuery>,
) -> Result<Response, Error> {
    // What the form starts with is valid as it stands: a workplace of the type "other"
    // until the founder picks one, in the server's zone.
    let form = FoundForm {
        kind: query.kind.unwrap_or_else(|| "workplace".into()),
        workplace_type: WorkplaceType::Other.as_str().to_owned(),
        time_zone: app.config.time_zone.name().to_owned(),
        ..FoundForm::default()
    };
    new_committee_page(
        &app,
        &caller,
        form,
        FormErrors::none(&FOUND),
        StatusCode::OK,
    )
    .await
}

async fn create_committee(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    posted: PageForm<FoundForm>,
) -> Result<Response, Error> {
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &FOUND);
            return new_committee_page(&app, &caller, form, errors, StatusCode::FORBIDDEN).await;
        }
    };
    let founding = Founding {
        name: form.name.clone(),
        kind: form.kind.clone(),
        workplace_type: Some(form.workplace_type.clone()),
        industry: Some(form.industry.clone()),
        region: Some(form.region.clone()),
        time_zone: Some(form.time_zone.clone()),
    };
    match service::found(&app, &account, founding).await {
        Ok(row) => {
            Ok(Redirect::to(&format!("/committees/{}", Id::from_db(row.id))).into_response())
        }
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &FOUND)?;
            new_committee_page(
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
    /// For coordinators: the zones the committee may choose.
    zones: Vec<ZoneChoice>,
    /// The invite form as typed, with what was wrong with it.
    invite: InviteTyped,
}

/// The member invite form: its values, as first shown or as sent back.
struct InviteTyped {
    max_uses: String,
    expires_in_hours: String,
    errors: FormErrors,
}

impl Default for InviteTyped {
    fn default() -> Self {
        InviteTyped {
            max_uses: crate::core::invites::MEMBER_DEFAULT_USES.to_string(),
            expires_in_hours: crate::core::invites::MEMBER_DEFAULT_HOURS.to_string(),
            errors: FormErrors::none(&INVITE),
        }
    }
}

const INVITE: FormSpec = FormSpec {
    id: "invite",
    fields: &[
        Field::new("max_uses", "field-max-uses"),
        Field::new("expires_in_hours", "field-expires-in-hours"),
    ],
};

pub async fn committee_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, Error> {
    committee_page_with(app, caller, id, error, status, InviteTyped::default()).await
}

async fn committee_page_with(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
    status: StatusCode,
    invite: InviteTyped,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (row, standing) = service::visible(app, id, account.id).await?;
    let zone = row.zone(app.config.time_zone);
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
    let is_coordinator = role == Some(Role::Coordinator);
    render_with(
        status,
        &CommitteePage {
            l: Layout::titled(app, caller, title).await.in_zone(zone),
            is_council: view.kind == CommitteeKind::Council.as_str(),
            committee: view,
            members,
            invites,
            me: account.id,
            is_member: role.is_some(),
            is_coordinator,
            error,
            zones: if is_coordinator {
                zone_choices(Some(zone))
            } else {
                Vec::new()
            },
            invite,
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

fn optional_number(field: &'static str, value: Option<&str>) -> Result<Option<i64>, Invalid> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| Invalid::new(field, Problem::Format)),
        None => Ok(None),
    }
}

/// An invite from the committee page; numbers that do not fit, or a form kept open past its
/// token, come back in the form as typed, every problem at once.
async fn create_invite(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<InviteForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (form, errors, status) = match posted.checked() {
        Ok(form) => {
            let created = async {
                let kind = if form.kind.is_empty() {
                    InviteKind::Member
                } else {
                    InviteKind::parse(&form.kind)?
                };
                let mut checks = Invalids::default();
                let max_uses = checks.check(optional_number("max_uses", form.max_uses.as_deref()));
                let hours = checks.check(optional_number(
                    "expires_in_hours",
                    form.expires_in_hours.as_deref(),
                ));
                let (max_uses, hours) = checks.finish(max_uses.zip(hours))?;
                service::create_invite(&app, &account, id, kind, max_uses, hours).await
            }
            .await;
            match created {
                Ok(invite) => {
                    return Ok(Redirect::to(&format!("/invites/{}", invite.code)).into_response());
                }
                Err(err) => {
                    let errors = FormErrors::of(err, caller.tr, &INVITE)?;
                    (form, errors, StatusCode::UNPROCESSABLE_ENTITY)
                }
            }
        }
        Err(Expired(form)) => (
            form,
            FormErrors::expired(caller.tr, &INVITE),
            StatusCode::FORBIDDEN,
        ),
    };
    let typed = InviteTyped {
        max_uses: form.max_uses.unwrap_or_default(),
        expires_in_hours: form.expires_in_hours.unwrap_or_default(),
        errors,
    };
    committee_page_with(&app, &caller, id, None, status, typed).await
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
    #[serde(default)]
    role: String,
}

/// A member's name as the reader sees it.
fn name_of(tr: crate::i18n::Tr, m: &store::MemberRow) -> String {
    shown_name(tr, &m.display_name, m.account_id, &m.name_tag)
}

/// Asks before making a member a coordinator, or a coordinator a member again. What the
/// change itself would refuse is said at once, on the committee page.
async fn confirm_role(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
    Query(form): Query<RoleForm>,
) -> Result<Response, Error> {
    let (id, target) = (path_id(&id)?, path_id(&target)?);
    let checked = async {
        let role = Role::parse(&form.role)?;
        let step = service::preview_role_change(&app, &account, id, target, role).await?;
        Ok::<_, Error>((role, step))
    }
    .await;
    let (role, step) = match checked {
        Ok(checked) => checked,
        Err(err) => return back_to_committee(&app, &caller, id, Err(err)).await,
    };
    if step.target.role == role.as_str() {
        return Ok(Redirect::to(&format!("/committees/{id}")).into_response());
    }
    let tr = caller.tr;
    let name = name_of(tr, &step.target);
    let committee = step.committee.name.as_str();
    let (what, then) = match role {
        Role::Coordinator => ("confirm-promote", "confirm-promote-then"),
        Role::Member => ("confirm-demote", "confirm-demote-then"),
    };
    confirm_page(
        &app,
        &caller,
        Confirmation {
            title: tr.t1(&format!("{what}-title"), "name", &name),
            what: tr.t2(what, "name", &name, "committee", committee),
            then: Some(tr.t1(then, "name", &name)),
            action: format!("/committees/{id}/members/{target}/role"),
            fields: vec![("role".into(), role.as_str().into())],
            confirm: tr.t1(&format!("{what}-submit"), "name", &name),
            danger: false,
            back: format!("/committees/{id}"),
        },
    )
    .await
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
        let step = service::preview_role_change(&app, &account, id, target, role).await?;
        service::set_role(&app, &account, id, target, role).await?;
        Ok::<_, Error>((role, step))
    }
    .await;
    match result {
        Ok((role, step)) => {
            let key = match role {
                Role::Coordinator => "done-promoted",
                Role::Member => "done-demoted",
            };
            let said = caller.tr.t2(
                key,
                "name",
                name_of(caller.tr, &step.target),
                "committee",
                &step.committee.name,
            );
            notice::redirect(&app, &caller, &format!("/committees/{id}"), &said)
        }
        Err(err) => back_to_committee(&app, &caller, id, Err(err)).await,
    }
}

/// Asks before a member leaves, or before a coordinator removes a member.
async fn confirm_removal(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
) -> Result<Response, Error> {
    let (id, target) = (path_id(&id)?, path_id(&target)?);
    let step = match service::preview_removal(&app, &account, id, target).await {
        Ok(step) => step,
        Err(err) => return back_to_committee(&app, &caller, id, Err(err)).await,
    };
    let tr = caller.tr;
    let committee = step.committee.name.as_str();
    let confirmation = if target == account.id {
        Confirmation {
            title: tr.t1("confirm-leave-title", "committee", committee),
            what: tr.t1("confirm-leave", "committee", committee),
            then: Some(tr.t("confirm-leave-then")),
            action: format!("/committees/{id}/members/{target}/remove"),
            fields: Vec::new(),
            confirm: tr.t1("confirm-leave-submit", "committee", committee),
            danger: true,
            back: format!("/committees/{id}"),
        }
    } else {
        let name = name_of(tr, &step.target);
        Confirmation {
            title: tr.t1("confirm-remove-title", "name", &name),
            what: tr.t2("confirm-remove", "name", &name, "committee", committee),
            then: Some(tr.t1("confirm-remove-then", "name", &name)),
            action: format!("/committees/{id}/members/{target}/remove"),
            fields: Vec::new(),
            confirm: tr.t1("confirm-remove-submit", "name", &name),
            danger: true,
            back: format!("/committees/{id}"),
        }
    };
    confirm_page(&app, &caller, confirmation).await
}

async fn remove_member(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, target)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let (id, target) = (path_id(&id)?, path_id(&target)?);
    let result = async {
        let step = service::preview_removal(&app, &account, id, target).await?;
        service::remove_member(&app, &account, id, target).await?;
        Ok::<_, Error>(step)
    }
    .await;
    match result {
        Ok(step) if target == account.id => {
            let said = caller.tr.t1("done-left", "committee", &step.committee.name);
            notice::redirect(&app, &caller, "/dashboard", &said)
        }
        Ok(step) => {
            let said = caller.tr.t2(
                "done-removed",
                "name",
                name_of(caller.tr, &step.target),
                "committee",
                &step.committee.name,
            );
            notice::redirect(&app, &caller, &format!("/committees/{id}"), &said)
        }
        Err(err) => back_to_committee(&app, &caller, id, Err(err)).await,
    }
}

#[derive(Deserialize)]
struct TimeZoneForm {
    #[serde(default)]
    time_zone: String,
}

async fn set_time_zone(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<TimeZoneForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::set_time_zone(&app, &account, id, &form.time_zone)
        .await
        .map(|_| ());
    back_to_committee(&app, &caller, id, result).await
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
        l: Layout::new(&app, &caller, "audit-title")
            .await
            .in_zone(committee.zone(app.config.time_zone)),
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
    // The committee's zone (a registration invite has none: the server's).
    let zone = preview
        .committee
        .as_ref()
        .map_or(app.config.time_zone, |c| c.zone(app.config.time_zone));
    render(&InvitePage {
        l: Layout::new(&app, &caller, "invite-title")
            .await
            .in_zone(zone),
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
        .route(
            "/committees/{id}/members/{account}/role",
            get(confirm_role).post(set_role),
        )
        .route(
            "/committees/{id}/members/{account}/remove",
            get(confirm_removal).post(remove_member),
        )
        .route("/committees/{id}/affiliations", post(affiliate))
        .route(
            "/committees/{id}/affiliations/{council}/end",
            post(disaffiliate),
        )
        .route("/committees/{id}/time-zone", post(set_time_zone))
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
