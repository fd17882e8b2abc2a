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
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
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
    error: Option<String>,
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

#[derive(Deserialize)]
struct ListQuery {
    committee: Option<String>,
}

async fn incidents_page(
    app: &App,
    caller: &Caller,
    form: ReportForm,
    error: Option<String>,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let incidents = service::recent_for(app, account.id).await?;
    let committees = crate::committees::store::committees_of(app.db.pool(), account.id)
        .await?
        .into_iter()
        .map(|c| Choice {
            id: Id::from_db(c.committee_id),
            name: c.name,
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(
        status,
        &IncidentsPage {
            l: Layout::new(app, caller, "incidents-title").await,
            incidents: incidents
                .iter()
                .map(|seen| IncidentView::new(seen, caller.tr))
                .collect(),
            committees,
            kinds: IncidentKind::ALL,
            urgencies: Urgency::ALL,
            form,
            error,
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
        urgency: "now".into(),
        ..ReportForm::default()
    };
    incidents_page(&app, &caller, form, None).await
}

async fn report(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, Error> {
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
            Ok(Redirect::to(&crate::web::pages::done(&page, "alert-sent")).into_response())
        }
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            incidents_page(&app, &caller, form, Some(message)).await
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
    error: Option<String>,
}

async fn incident_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let seen: Seen = service::visible(app, account.id, id).await?;
    let view = IncidentView::new(&seen, caller.tr);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let title = caller.tr.of("incident-title", &view.kind);
    render_with(
        status,
        &IncidentPage {
            l: Layout::titled(app, caller, title).await,
            may_respond: seen.may_respond(),
            may_confirm: seen.may_respond() && !seen.is_reporter(account.id),
            may_resolve: seen.may_resolve(account.id),
            is_coordinator: seen.is_coordinator() && seen.may_respond(),
            roles: ResponderRole::ALL,
            note_max: NOTE_MAX,
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

/// Runs a form's step and comes back to the incident page, with the error if any.
async fn back_to_incident(
    app: &App,
    caller: &Caller,
    id: Id,
    result: Result<Seen, Error>,
    done: Option<&'static str>,
) -> Result<Response, Error> {
    let page = format!("/incidents/{id}");
    match result {
        Ok(_) => Ok(Redirect::to(&match done {
            Some(done) => crate::web::pages::done(&page, done),
            None => page,
        })
        .into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            incident_page(app, caller, id, Some(message)).await
        }
    }
}

/// What the incident page's forms send: a role to respond as, a resolution note, or
/// nothing.
#[derive(Deserialize, Default)]
struct StepForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    note: String,
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
        "resolve" => service::resolve(&app, &account, id, Some(&form.note)).await,
        "widen" => service::widen(&app, &account, id).await,
        "false-alarm" => service::false_alarm(&app, &account, id).await,
        _ => Err(Error::not_found()),
    };
    let done = (step == "confirm").then_some("confirmed");
    back_to_incident(&app, &caller, id, result, done).await
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/incidents", get(list).post(report))
        .route("/incidents/{id}", get(show))
        .route("/incidents/{id}/{step}", post(step))
}
