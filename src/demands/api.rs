//! Demands and programs in the JSON API.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::App;
use crate::core::{Id, Timestamp};
use crate::demands::service;
use crate::demands::store::{DemandRow, EndorsementRow, HistoryRow};
use crate::error::Error;
use crate::i18n::{Arg, Tr};
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, path_id};

#[derive(Serialize, ToSchema)]
pub struct DemandView {
    pub id: Id,
    pub committee_id: Id,
    pub title: String,
    pub body: String,
    /// `draft` or `adopted`.
    pub status: String,
    pub created_at: Timestamp,
    pub adopted_at: Option<Timestamp>,
}

impl From<DemandRow> for DemandView {
    fn from(d: DemandRow) -> Self {
        DemandView {
            id: Id::from_db(d.id),
            committee_id: Id::from_db(d.committee_id),
            title: d.title,
            body: d.body,
            status: d.status,
            created_at: Timestamp::from_millis(d.created_at),
            adopted_at: d.adopted_at.map(Timestamp::from_millis),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Endorsement {
    pub committee_id: Id,
    pub name: String,
    /// The endorsing committee's members: the workers it brings behind the demand.
    pub members: i64,
}

impl From<EndorsementRow> for Endorsement {
    fn from(e: EndorsementRow) -> Self {
        Endorsement {
            committee_id: Id::from_db(e.committee_id),
            name: e.name,
            members: e.members,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct HistoryView {
    /// drafted, motion_moved, adopted, amended, endorsed, motion_failed, motion_no_quorum
    pub event: String,
    pub at: Timestamp,
    pub motion_id: Option<Id>,
    /// The demand's text as of this event, where it changed.
    pub body: Option<String>,
    pub detail: serde_json::Value,
    /// The event in words, in the reader's language.
    pub text: String,
}

pub fn history_view(row: HistoryRow, tr: Tr) -> HistoryView {
    let detail: serde_json::Value = serde_json::from_str(&row.detail).unwrap_or_default();
    let mut args: Vec<(&'static str, Arg)> = Vec::new();
    for name in ["committee", "title", "kind"] {
        if let Some(value) = detail.get(name).and_then(|v| v.as_str()) {
            let value = if name == "kind" {
                tr.of("motion-kind", value)
            } else {
                value.to_owned()
            };
            args.push((name, Arg::Text(value)));
        }
    }
    HistoryView {
        text: tr.with(
            &format!("demand-event-{}", row.event.replace('_', "-")),
            &args,
        ),
        event: row.event,
        at: Timestamp::from_millis(row.created_at),
        motion_id: row.motion_id.map(Id::from_db),
        body: row.body,
        detail,
    }
}

#[derive(Serialize, ToSchema)]
pub struct DemandDetail {
    #[serde(flatten)]
    pub demand: DemandView,
    pub history: Vec<HistoryView>,
    pub endorsements: Vec<Endorsement>,
    pub workers_behind: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct DraftRequest {
    title: String,
    body: String,
}

/// Drafts a demand.
#[utoipa::path(post, path = "/committees/{id}/demands", tag = "demands",
    params(("id" = String, Path)), request_body = DraftRequest,
    responses((status = 201, body = DemandView), (status = "4XX", body = ErrorBody)))]
async fn draft(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DraftRequest>,
) -> Result<Response, Error> {
    let row = service::draft(&app, &account, path_id(&id)?, &body.title, &body.body).await?;
    crate::web::extract::created("demands", DemandView::from(row))
}

/// A committee's demands, drafts and adopted.
#[utoipa::path(get, path = "/committees/{id}/demands", tag = "demands",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<DemandView>), (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<DemandView>>, Error> {
    let (_, demands) = service::list(&app, account.id, path_id(&id)?).await?;
    Ok(axum::Json(
        demands.into_iter().map(DemandView::from).collect(),
    ))
}

/// A demand with its history and the committees that endorsed it.
#[utoipa::path(get, path = "/demands/{id}", tag = "demands",
    params(("id" = String, Path)),
    responses((status = 200, body = DemandDetail), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<DemandDetail>, Error> {
    let detail = service::detail(&app, account.id, path_id(&id)?).await?;
    let endorsements: Vec<Endorsement> = detail
        .endorsements
        .into_iter()
        .map(Endorsement::from)
        .collect();
    Ok(axum::Json(DemandDetail {
        demand: detail.demand.into(),
        history: detail
            .history
            .into_iter()
            .map(|h| history_view(h, caller.tr))
            .collect(),
        workers_behind: detail.workers_behind,
        endorsements,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ProgramDemand {
    #[serde(flatten)]
    pub demand: DemandView,
    pub endorsements: Vec<Endorsement>,
    /// The members of every endorsing committee, together.
    pub workers_behind: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Program {
    pub council_id: Id,
    pub name: String,
    pub demands: Vec<ProgramDemand>,
}

/// A council's program: its adopted demands with the committees and workers behind each.
#[utoipa::path(get, path = "/committees/{id}/program", tag = "demands",
    params(("id" = String, Path)),
    responses((status = 200, body = Program), (status = "4XX", body = ErrorBody)))]
async fn program(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Program>, Error> {
    let (council, items) = service::program(&app, account.id, path_id(&id)?).await?;
    Ok(axum::Json(Program {
        council_id: Id::from_db(council.id),
        name: council.name,
        demands: items
            .into_iter()
            .map(|item| ProgramDemand {
                demand: item.demand.into(),
                endorsements: item
                    .endorsements
                    .into_iter()
                    .map(Endorsement::from)
                    .collect(),
                workers_behind: item.workers_behind,
            })
            .collect(),
    }))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(draft, list))
        .routes(routes!(show))
        .routes(routes!(program))
}
