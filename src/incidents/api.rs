//! Incidents in the JSON API: reporting, confirming, responding, resolving, widening,
//! withdrawing a false alarm, and the live view of one incident.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::App;
use crate::bus::{Live, Topic};
use crate::core::incidents::{Report, ResponderRole};
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::i18n::Tr;
use crate::incidents::service::{self, Seen};
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, OptionalJson, path_id};
use crate::web::stream::{Depends, Guard, event_stream, state_event, stream_events};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// raid, detention, staging, attack, retaliation or other.
    pub kind: String,
    /// What is happening, in a line (at most 280 characters).
    pub summary: String,
    /// Where, in words (at most 200 characters).
    pub location: String,
    /// now (also by Web Push and e-mail), soon or info.
    pub urgency: String,
}

#[derive(Serialize, ToSchema)]
pub struct Responders {
    pub witness: i64,
    pub legal: i64,
    pub support: i64,
}

#[derive(Serialize, ToSchema)]
pub struct IncidentView {
    pub id: Id,
    pub committee_id: Id,
    pub committee_name: String,
    /// The IANA zone the reporting committee's times read in, when it chose one.
    pub time_zone: Option<String>,
    pub kind: String,
    pub urgency: String,
    /// open, resolved or withdrawn (a false alarm).
    pub status: String,
    /// Null once erased after the retention period.
    pub summary: Option<String>,
    pub location: Option<String>,
    /// How many council levels beyond the first the alert was widened.
    pub reach_level: i64,
    pub reported_at: Timestamp,
    /// Shown only to members of the reporting committee, and only until erasure.
    pub reported_by_name: Option<String>,
    pub confirmations: i64,
    pub confirmed_by_me: bool,
    pub responders: Responders,
    pub my_role: Option<String>,
    pub resolved_at: Option<Timestamp>,
    pub resolution_note: Option<String>,
    pub erased: bool,
}

impl IncidentView {
    pub fn new(seen: &Seen, tr: Tr) -> Self {
        let row = &seen.row;
        let erased = seen.erased();
        IncidentView {
            id: Id::from_db(row.id),
            committee_id: Id::from_db(row.committee_id),
            committee_name: row.committee_name.clone(),
            time_zone: row.committee_time_zone.clone(),
            kind: row.kind.clone(),
            urgency: row.urgency.clone(),
            status: row.status.clone(),
            summary: (!erased).then(|| row.summary.clone()),
            location: (!erased).then(|| row.location.clone()),
            reach_level: row.reach_level,
            reported_at: Timestamp::from_millis(row.created_at),
            reported_by_name: seen.reporter_name(tr),
            confirmations: row.confirmations,
            confirmed_by_me: row.i_confirmed > 0,
            responders: Responders {
                witness: row.witnesses,
                legal: row.legal,
                support: row.support,
            },
            my_role: row.my_role.clone(),
            resolved_at: row.resolved_at.map(Timestamp::from_millis),
            resolution_note: row.resolution_note.clone(),
            erased,
        }
    }
}

/// Reports an incident: everyone it reaches is alerted at once.
#[utoipa::path(post, path = "/committees/{id}/incidents", tag = "incidents",
    params(("id" = String, Path)), request_body = ReportRequest,
    responses((status = 201, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn report(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReportRequest>,
) -> Result<Response, Error> {
    let seen = service::report(
        &app,
        &account,
        path_id(&id)?,
        &Report {
            kind: body.kind,
            summary: body.summary,
            location: body.location,
            urgency: body.urgency,
        },
    )
    .await?;
    crate::web::extract::created("incidents", IncidentView::new(&seen, caller.tr))
}

/// Recent incidents that reach the caller (two weeks), newest first.
#[utoipa::path(get, path = "/incidents", tag = "incidents",
    responses((status = 200, body = Vec<IncidentView>), (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<axum::Json<Vec<IncidentView>>, Error> {
    let seen = service::recent_for(&app, account.id).await?;
    Ok(axum::Json(
        seen.iter()
            .map(|seen| IncidentView::new(seen, caller.tr))
            .collect(),
    ))
}

/// An incident, as far as the caller may see it.
#[utoipa::path(get, path = "/incidents/{id}", tag = "incidents",
    params(("id" = String, Path)),
    responses((status = 200, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<IncidentView>, Error> {
    let seen = service::visible(&app, account.id, path_id(&id)?).await?;
    Ok(axum::Json(IncidentView::new(&seen, caller.tr)))
}

/// Confirms what the report says; once per member (again changes nothing).
#[utoipa::path(post, path = "/incidents/{id}/confirmations", tag = "incidents",
    params(("id" = String, Path)),
    responses((status = 201, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn confirm(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let seen = service::confirm(&app, account.id, path_id(&id)?).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(IncidentView::new(&seen, caller.tr)),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondRequest {
    /// witness, legal or support.
    pub role: String,
}

/// Signs the caller up to respond, or changes how.
#[utoipa::path(post, path = "/incidents/{id}/responders", tag = "incidents",
    params(("id" = String, Path)), request_body = RespondRequest,
    responses((status = 201, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn respond(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RespondRequest>,
) -> Result<Response, Error> {
    let role = ResponderRole::parse(&body.role)?;
    let seen = service::respond(&app, account.id, path_id(&id)?, Some(role)).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(IncidentView::new(&seen, caller.tr)),
    )
        .into_response())
}

/// Stands the caller down as a responder.
#[utoipa::path(delete, path = "/incidents/{id}/responders", tag = "incidents",
    params(("id" = String, Path)),
    responses((status = 204), (status = "4XX", body = ErrorBody)))]
async fn stand_down(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<StatusCode, Error> {
    service::respond(&app, account.id, path_id(&id)?, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    /// What happened in the end (at most 1000 characters).
    pub note: Option<String>,
}

/// The reporter or a coordinator of the reporting committee resolves the incident.
#[utoipa::path(post, path = "/incidents/{id}/resolve", tag = "incidents",
    params(("id" = String, Path)), request_body(content = Option<ResolveRequest>),
    responses((status = 200, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn resolve(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    OptionalJson(body): OptionalJson<ResolveRequest>,
) -> Result<axum::Json<IncidentView>, Error> {
    let seen = service::resolve(&app, &account, path_id(&id)?, body.note.as_deref()).await?;
    Ok(axum::Json(IncidentView::new(&seen, caller.tr)))
}

/// A coordinator widens the alert one council level up.
#[utoipa::path(post, path = "/incidents/{id}/widen", tag = "incidents",
    params(("id" = String, Path)),
    responses((status = 200, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn widen(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<IncidentView>, Error> {
    let seen = service::widen(&app, &account, path_id(&id)?).await?;
    Ok(axum::Json(IncidentView::new(&seen, caller.tr)))
}

/// A coordinator withdraws the alert as a false alarm, everywhere it was sent.
#[utoipa::path(post, path = "/incidents/{id}/false-alarm", tag = "incidents",
    params(("id" = String, Path)),
    responses((status = 200, body = IncidentView), (status = "4XX", body = ErrorBody)))]
async fn false_alarm(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<IncidentView>, Error> {
    let seen = service::false_alarm(&app, &account, path_id(&id)?).await?;
    Ok(axum::Json(IncidentView::new(&seen, caller.tr)))
}

stream_events!(
    /// One event of `GET /incidents/{id}/stream`: its `event:` line is `event`, its `data:`
    /// line `data` as JSON, and its `id:` line the version of that state.
    pub enum IncidentEvent {
        /// The incident as it stands now.
        Incident(IncidentView) = "incident",
    }
);

/// The incident as server-sent events: an `incident` event with the view at once and after
/// each change (the view is the state: a reconnection gets the current one first, whatever
/// `Last-Event-ID` it sends); the stream ends within a second of the caller's session ending or of the
/// caller no longer seeing the incident (removed from the committee, the committee no longer
/// in its reach, the alert withdrawn).
#[utoipa::path(get, path = "/incidents/{id}/stream", tag = "incidents",
    params(("id" = String, Path)),
    responses((status = 200, content_type = "text/event-stream", body = IncidentEvent,
               description = "A stream of server-sent events, each one of `IncidentEvent`: the `event:` line names it, the `data:` line holds its `data` as JSON"),
              (status = "4XX", body = ErrorBody)))]
async fn stream_incident(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let incident = path_id(&id)?;
    let viewer = account.id;
    // Listen before the first read, so no change slips between the two.
    let guard = Guard::new(&app, &account, Depends::OnNetwork);
    let subscription = app.bus.subscribe(Topic::Incident(incident));
    let first = service::visible(&app, account.id, incident).await?;
    // Who may see it, as last read: what the guard asks again when memberships or the
    // network change, without reading the incident each time.
    let (audience, audience_now) = watch::channel(first.audience());
    let closing = app.closing();
    let app_for_checks = app.clone();
    let events = stream::unfold(
        (subscription, closing, Some(first)),
        move |(mut subscription, mut closing, first)| {
            let app = app.clone();
            let audience = audience.clone();
            async move {
                let seen = match first {
                    Some(seen) => seen,
                    None => {
                        loop {
                            let next = tokio::select! {
                                next = subscription.next() => next,
                                _ = closing.changed() => None,
                            }?;
                            // A missed change is still a change: read it again either way.
                            if matches!(next, Ok(Live::Changed) | Err(_)) {
                                break;
                            }
                        }
                        service::visible(&app, viewer, incident).await.ok()?
                    }
                };
                audience.send_replace(seen.audience());
                let event = state_event(&IncidentEvent::Incident(IncidentView::new(
                    &seen, caller.tr,
                )));
                Some((Ok(event), (subscription, closing, None)))
            }
        },
    );
    let events = guard.wrap(events, move || {
        let (app, audience) = (app_for_checks.clone(), *audience_now.borrow());
        async move {
            service::still_sees(&app, viewer, audience)
                .await
                .unwrap_or(false)
        }
    });
    Ok(event_stream(events))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(report))
        .routes(routes!(list))
        .routes(routes!(show))
        .routes(routes!(confirm))
        .routes(routes!(respond, stand_down))
        .routes(routes!(resolve))
        .routes(routes!(widen))
        .routes(routes!(false_alarm))
        .routes(routes!(stream_incident))
}
