//! Incident pages: the recent incidents that reach the member with the form to report one,
//! and an incident with its confirmations, responders and what its reporter and
//! coordinators may do. Everything works without JavaScript; the page's script only keeps
//! the counts live.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::App;
use crate::core::Id;
use crate::core::incidents::{
    IncidentKind, LOCATION_MAX, NOTE_MAX, Report, ResponderRole, SUMMARY_MAX, Urgency,
};
use crate::error::Error;
use crate::incidents::api::IncidentView;
use crate::incidents::service::{self, Seen};
use crate::notifications::NotificationKind;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::notice;
use crate::web::pages::{Layout, render_with};

/// One of the member's committees, to report from.
pub struct Choice {
    pub id: Id,
    pub name: String,
}

#[derive(Template)]
#[template(path = "incidents.html")]
struct IncidentsPage {
    l: Layout,
    incidents: Vec<IncidentView>,
    committees: Vec<Choice>,
    kinds: &'static [IncidentKind],
    urgencies: &'static [Urgency],
    form: ReportForm,
    errors: FormErrors,
    summary_max: usize,
    location_max: usize,
}

#[derive(Deserialize, Default)]
struct ReportForm {
    #[serde(default)]
    committee: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    urgency: String,
}

const REPORT: FormSpec = FormSpec {
    id: "report",
    fields: &[
        Field::new("committee", "incident-field-committee"),
        Field::new("kind", "incident-field-kind"),
        Field::new("summary", "incident-field-summary"),
        Field::new("location", "incident-field-location"),
        Field::new("urgency", "incident-field-urgency"),
    ],
};

#[derive(Deserialize)]
struct ListQuery {
    committee: Option<String>,
}

async fn incidents_page(
    app: &App,
    caller: &Caller,
    form: ReportForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let incidents = service::recent_for(app, account.id).await?;
    let mine = crate::committees::store::committees_of(app.db.pool(), account.id).await?;
    // Incidents of several committees read in the zone of the member's first one.
    let zone = crate::core::zones::Zone::or(
        mine.first().and_then(|c| c.time_zone.as_deref()),
        app.config.time_zone,
    );
    let committees = mine
        .into_iter()
        .map(|c| Choice {
            id: Id::from_db(c.committee_id),
            name: c.name,
        })
        .collect();
    render_with(
        status,
        &IncidentsPage {
            l: Layout::new(app, caller, "incidents-title")
                .await
                .in_zone(zone),
            incidents: incidents
                .iter()
                .map(|seen| IncidentView::new(seen, caller.tr))
                .collect(),
            committees,
            kinds: IncidentKind::ALL,
            urgencies: Urgency::ALL,
            form,
            errors,
            summary_max: SUMMARY_MAX,
            location_max: LOCATION_MAX,
        },
    )
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<ListQuery>,
) -> Result<Response, Error> {
    let form = ReportForm {
        committee: query.committee.unwrap_or_default(),
        kind: "raid".into(),
        // No urgency is chosen for the member: "now" alerts every phone at once, and a
        // quick report must not go out as urgent because nobody changed the default.
        ..ReportForm::default()
    };
    incidents_page(
        &app,
        &caller,
        form,
        FormErrors::none(&REPORT),
        StatusCode::OK,
    )
    .await
}

async fn report(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    posted: PageForm<ReportForm>,
) -> Result<Response, Error> {
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &REPORT);
            return incidents_page(&app, &caller, form, errors, StatusCode::FORBIDDEN).await;
        }
    };
    let reported = match path_id(&form.committee) {
        Ok(committee) => {
            service::report(
                &app,
                &account,
                committee,
                &Report {
                    kind: form.kind.clone(),
                    summary: form.summary.clone(),
                    location: form.location.clone(),
                    urgency: form.urgency.clone(),
                },
            )
            .await
        }
        Err(_) => {
            Err(crate::core::Invalid::new("committee", crate::core::fields::Problem::Empty).into())
        }
    };
    match reported {
        Ok(seen) => {
            let page = format!("/incidents/{}", Id::from_db(seen.row.id));
            notice::redirect(&app, &caller, &page, &caller.tr.t("done-alert-sent"))
        }
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &REPORT)?;
            incidents_page(
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
#[template(path = "incident.html")]
struct IncidentPage {
    l: Layout,
    i: IncidentView,
    may_respond: bool,
    may_confirm: bool,
    may_resolve: bool,
    is_coordinator: bool,
    roles: &'static [ResponderRole],
    note_max: usize,
    /// The resolution note as typed, when the form comes back with an error.
    note: String,
    error: Option<String>,
}

async fn incident_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
) -> Result<Response, Error> {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    incident_page_with(app, caller, id, error, String::new(), status).await
}

async fn incident_page_with(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
    note: String,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let seen: Seen = service::visible(app, account.id, id).await?;
    if error.is_none() {
        // Seeing the incident is what its alerts ask: they no longer count as unread.
        crate::notifications::api::mark_seen(
            app,
            account.id,
            id,
            &[
                NotificationKind::IncidentReported.as_str(),
                NotificationKind::IncidentResolved.as_str(),
            ],
        )
        .await?;
    }
    let view = IncidentView::new(&seen, caller.tr);
    let title = caller.tr.of("incident-title", &view.kind);
    render_with(
        status,
        &IncidentPage {
            l: Layout::titled(app, caller, title)
                .await
                .in_zone(crate::committees::service::zone_of(app, view.committee_id)),
            may_respond: seen.may_respond(),
            may_confirm: seen.may_respond() && !seen.is_reporter(account.id),
            may_resolve: seen.may_resolve(account.id),
            is_coordinator: seen.is_coordinator() && seen.may_respond(),
            roles: ResponderRole::ALL,
            note_max: NOTE_MAX,
            note,
            i: view,
            error,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    incident_page(&app, &caller, path_id(&id)?, None).await
}

/// Comes back to the incident page after a form's step, saying at its top what was done
/// (`said`, through `web::notice`), or shows the page with the error if any.
async fn back_to_incident(
    app: &App,
    caller: &Caller,
    id: Id,
    result: Result<Seen, Error>,
    said: Option<String>,
) -> Result<Response, Error> {
    let page = format!("/incidents/{id}");
    match result {
        Ok(_) => match said {
            Some(said) => notice::redirect(app, caller, &page, &said),
            None => Ok(Redirect::to(&page).into_response()),
        },
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            incident_page(app, caller, id, Some(message)).await
        }
    }
}

const RESOLVE: FormSpec = FormSpec {
    id: "resolve",
    fields: &[Field::new("note", "incident-resolve-note")],
};

#[derive(Deserialize)]
struct ResolveForm {
    #[serde(default)]
    note: String,
}

/// Resolving, with what was typed kept when it cannot be done yet (a note too long, a form
/// left open past its token).
async fn resolve(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<ResolveForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (form, errors, status) = match posted.checked() {
        Ok(form) => match service::resolve(&app, &account, id, Some(&form.note)).await {
            Ok(_) => return Ok(Redirect::to(&format!("/incidents/{id}")).into_response()),
            Err(err) => {
                let errors = FormErrors::of(err, caller.tr, &RESOLVE)?;
                (form, errors, StatusCode::UNPROCESSABLE_ENTITY)
            }
        },
        Err(Expired(form)) => (
            form,
            FormErrors::expired(caller.tr, &RESOLVE),
            StatusCode::FORBIDDEN,
        ),
    };
    incident_page_with(&app, &caller, id, errors.joined(), form.note, status).await
}

/// What the incident page's other forms send: a role to respond as, or nothing.
#[derive(Deserialize, Default)]
struct StepForm {
    #[serde(default)]
    role: String,
}

/// Every form on the incident page posts to `/incidents/{id}/{step}` and comes back to it.
async fn step(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path((id, step)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = match step.as_str() {
        "confirm" => service::confirm(&app, account.id, id).await,
        "respond" => match ResponderRole::parse(&form.role) {
            Ok(role) => service::respond(&app, account.id, id, Some(role)).await,
            Err(err) => Err(err.into()),
        },
        "stand-down" => service::respond(&app, account.id, id, None).await,
        "widen" => service::widen(&app, &account, id).await,
        "false-alarm" => service::false_alarm(&app, &account, id).await,
        _ => Err(Error::not_found()),
    };
    let said = (step == "confirm").then(|| caller.tr.t("done-confirmed"));
    back_to_incident(&app, &caller, id, result, said).await
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/incidents", get(list).post(report))
        .route("/incidents/{id}", get(show))
        .route("/incidents/{id}/resolve", post(resolve))
        .route("/incidents/{id}/{step}", post(step))
}
