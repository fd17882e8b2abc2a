//! Actions, pledges, live counts and the public counter in the JSON API.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::Event;
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::actions::engine::{Live, ProgressView, Summary};
use crate::actions::service::{self, Access, ActionFacts, Call, GroupCount};
use crate::actions::store;
use crate::app::App;
use crate::core::actions::{ActionStatus, check_pledge, check_withdraw, public_breakdown};
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::web::caller::SignedIn;
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, path_id};
use crate::web::stream::{Depends, Guard, StreamEvent, event_stream, state_event, stream_events};

#[derive(Deserialize, ToSchema, Default)]
pub struct ThresholdRequest {
    /// At least this many pledges.
    pledges: Option<i64>,
    /// At least this share of the eligible members, between 0 and 1.
    share: Option<f64>,
    /// Pledges from at least this many committees.
    committees: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct CallRequest {
    title: String,
    /// strike, walkout, sick_out, rally, boycott or march.
    kind: String,
    description: Option<String>,
    /// When it goes ahead, if enough pledge (RFC 3339). Still gathering then, it expires.
    starts_at: String,
    /// Publish the aggregate count at /public/actions/{id}.
    #[serde(default)]
    public: bool,
    /// With `public`, also publish pledges by industry and region there (a group of fewer
    /// than five pledges is never named: those are added up as one unnamed sum). Without
    /// it the public counter shows totals only.
    #[serde(default)]
    public_breakdown: bool,
    /// Every part that is set must be met; set at least one.
    threshold: ThresholdRequest,
}

/// How the reader stands towards an action.
#[derive(Serialize, ToSchema)]
pub struct Standing {
    /// Whether the caller has pledged.
    pub my_pledge: bool,
    /// Whether the caller is in scope (may pledge).
    pub in_scope: bool,
    /// Whether the caller coordinates the calling committee (may cancel).
    pub i_coordinate: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ActionView {
    /// Shared with every reader of the same counts: computed once per change, not per request.
    #[serde(flatten)]
    #[schema(value_type = ActionFacts)]
    pub facts: Arc<ActionFacts>,
    #[serde(flatten)]
    pub standing: Standing,
}

pub async fn standing(
    app: &App,
    live: &Arc<Live>,
    access: &Access,
    viewer: Id,
) -> Result<Standing, Error> {
    let in_scope = access.pledge_for.is_some();
    Ok(Standing {
        my_pledge: in_scope && service::has_pledged(app, live, viewer).await?,
        in_scope,
        i_coordinate: access.is_coordinator(),
    })
}

pub async fn action_view(
    app: &App,
    live: &Arc<Live>,
    access: &Access,
    viewer: Id,
) -> Result<ActionView, Error> {
    let shared = service::shared(app, live, &app.directory.graph())?;
    Ok(ActionView {
        facts: shared.facts.clone(),
        standing: standing(app, live, access, viewer).await?,
    })
}

/// The [`ActionView`] as JSON: the shared part, written once per change, joined with the
/// reader's standing.
async fn view_json(
    app: &App,
    live: &Arc<Live>,
    access: &Access,
    viewer: Id,
) -> Result<Response, Error> {
    let shared = service::shared(app, live, &app.directory.graph())?;
    let standing = serde_json::to_vec(&standing(app, live, access, viewer).await?)
        .map_err(|e| Error::Internal(format!("writing an action's view: {e}")))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        join_objects(&shared.json, &standing),
    )
        .into_response())
}

/// One JSON object holding the members of two: `{"a":1}` and `{"b":2}` make `{"a":1,"b":2}`.
fn join_objects(first: &[u8], second: &[u8]) -> Vec<u8> {
    let mut joined = Vec::with_capacity(first.len() + second.len());
    match (first.strip_suffix(b"}"), second.strip_prefix(b"{")) {
        (Some(head), Some(tail)) => {
            joined.extend_from_slice(head);
            if head != b"{" && tail != b"}" {
                joined.push(b',');
            }
            joined.extend_from_slice(tail);
        }
        _ => joined.extend_from_slice(first),
    }
    joined
}

/// A coordinator calls an action, with its threshold and scope.
#[utoipa::path(post, path = "/committees/{id}/actions", tag = "actions",
    params(("id" = String, Path)), request_body = CallRequest,
    responses((status = 201, body = ActionView), (status = "4XX", body = ErrorBody)))]
async fn call(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CallRequest>,
) -> Result<Response, Error> {
    let live = service::call(
        &app,
        &account,
        path_id(&id)?,
        Call {
            title: body.title,
            kind: body.kind,
            description: body.description,
            starts_at: body.starts_at,
            public: body.public,
            public_breakdown: body.public_breakdown,
            pledges: body.threshold.pledges,
            share: body.threshold.share,
            committees: body.threshold.committees,
        },
    )
    .await?;
    let (_, access) = service::visible(&app, account.id, live.info.id).await?;
    let mut response = view_json(&app, &live, &access, account.id).await?;
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}

#[derive(Serialize, ToSchema)]
pub struct ActionItem {
    pub id: Id,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub starts_at: Timestamp,
    pub pledged: i64,
    /// The committee or council that called it.
    pub committee_id: Id,
    pub committee_name: String,
    /// The IANA zone the calling committee's times read in, when it chose one.
    pub time_zone: Option<String>,
    /// Whether the caller has pledged.
    pub i_pledged: bool,
    /// Whether the caller may pledge now: it is gathering, the caller's workplace is in
    /// its scope, and the caller has not pledged yet.
    pub may_pledge: bool,
}

/// The actions that concern a committee: those it called and those of the councils above
/// it, which reach its members too; for everyone who may see the committee, and only those
/// the caller may open.
pub async fn actions_of(app: &App, account: Id, committee: Id) -> Result<Vec<ActionItem>, Error> {
    Ok(service::reaching(app, account, committee)
        .await?
        .into_iter()
        .map(item)
        .collect())
}

pub fn item(listed: service::Listed) -> ActionItem {
    let may_pledge = listed.pledgeable();
    let row = listed.row;
    ActionItem {
        id: Id::from_db(row.id),
        title: row.title,
        kind: row.kind,
        status: row.status,
        starts_at: Timestamp::from_millis(row.starts_at),
        pledged: row.pledged,
        committee_id: Id::from_db(row.committee_id),
        committee_name: listed.committee_name,
        time_zone: listed.committee_zone.map(|z| z.name().to_owned()),
        i_pledged: listed.pledged,
        may_pledge,
    }
}

/// The actions that concern a committee: its own and those of the councils above it.
#[utoipa::path(get, path = "/committees/{id}/actions", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<ActionItem>), (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<ActionItem>>, Error> {
    Ok(axum::Json(
        actions_of(&app, account.id, path_id(&id)?).await?,
    ))
}

/// An action: what it is, when, its threshold and how far the pledges are towards it.
#[utoipa::path(get, path = "/actions/{id}", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, body = ActionView), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (live, access) = service::visible(&app, account.id, path_id(&id)?).await?;
    view_json(&app, &live, &access, account.id).await
}

#[derive(Serialize, ToSchema)]
pub struct Pledged {
    pub action_id: Id,
    pub pledged: bool,
}

/// Pledges the caller to the action, for their workplace in its scope.
#[utoipa::path(post, path = "/actions/{id}/pledges", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 201, body = Pledged, description = "Pledged (again, if already)"),
              (status = "4XX", body = ErrorBody)))]
async fn pledge(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let live = service::pledge(&app, account.id, path_id(&id)?).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Pledged {
            action_id: live.info.id,
            pledged: true,
        }),
    )
        .into_response())
}

/// Takes the caller's pledge back, while the action is still gathering.
#[utoipa::path(delete, path = "/actions/{id}/pledges", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 204, description = "Withdrawn (or there was no pledge)"), (status = "4XX", body = ErrorBody)))]
async fn withdraw(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<StatusCode, Error> {
    service::withdraw(&app, account.id, path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A coordinator of the calling committee cancels the action.
#[utoipa::path(post, path = "/actions/{id}/cancel", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, body = ActionView), (status = "4XX", body = ErrorBody)))]
async fn cancel(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let live = service::cancel(&app, &account, path_id(&id)?).await?;
    let (_, access) = service::visible(&app, account.id, live.info.id).await?;
    view_json(&app, &live, &access, account.id).await
}

stream_events!(
    /// One event of an action's counts stream: its `event:` line is `event`, its `data:`
    /// line `data` as JSON, and its `id:` line the version of those counts.
    pub enum CountsEvent {
        /// The counts as they stand now.
        Counts(Summary) = "counts",
    }
);

stream_events!(
    /// One event of a public action's counts stream, as [`CountsEvent`] with only what
    /// anyone may know.
    pub enum PublicCountsEvent {
        /// The counts as they stand now.
        Counts(PublicCounts) = "counts",
    }
);

/// At most this often does one stream send the counts, however fast pledges come.
const STREAM_INTERVAL: Duration = Duration::from_millis(250);

/// The counts as server-sent events (`shape` makes the event, a [`CountsEvent`] or a
/// [`PublicCountsEvent`]): one `counts` event at once, then one after each change.
/// The counts are state: a reconnection gets the current ones first, whatever
/// `Last-Event-ID` it sends.
pub fn counts_events<T: StreamEvent + Send + 'static>(
    closing: watch::Receiver<bool>,
    mut summaries: watch::Receiver<Arc<Summary>>,
    shape: impl Fn(&Summary) -> T + Send + 'static,
) -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
    summaries.mark_changed();
    stream::unfold(
        (summaries, closing, shape, true),
        |(mut summaries, mut closing, shape, first)| async move {
            if !first {
                tokio::select! {
                    _ = tokio::time::sleep(STREAM_INTERVAL) => {}
                    _ = closing.changed() => return None,
                }
            }
            tokio::select! {
                changed = summaries.changed() => changed.ok()?,
                _ = closing.changed() => return None,
            }
            let summary = summaries.borrow_and_update().clone();
            let event = state_event(&shape(&summary));
            Some((Ok(event), (summaries, closing, shape, false)))
        },
    )
}

/// The live counts of an action, for everyone who may see it. The stream ends within a
/// second of the caller's session ending or of the caller no longer seeing the action
/// (removed from the committee, the committee no longer affiliated below the council that
/// called it).
#[utoipa::path(get, path = "/actions/{id}/stream", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, content_type = "text/event-stream", body = CountsEvent,
               description = "A stream of server-sent events, each one of `CountsEvent`: the `event:` line names it, the `data:` line holds its `data` as JSON"),
              (status = "4XX", body = ErrorBody)))]
async fn stream_counts(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let action = path_id(&id)?;
    // Listen before the first check, so that no change slips between the two.
    let guard = Guard::new(&app, &account, Depends::OnNetwork);
    let (live, _) = service::visible(&app, account.id, action).await?;
    let events = counts_events(app.closing(), live.watch(), |s: &Summary| {
        CountsEvent::Counts(s.clone())
    });
    let viewer = account.id;
    let events = guard.wrap(events, move || {
        let (app, live) = (app.clone(), live.clone());
        async move { service::access(&app, viewer, &live).await.is_ok() }
    });
    Ok(event_stream(events))
}

/// What anyone may know of a public action: aggregate counts only.
#[derive(Serialize, ToSchema)]
pub struct PublicAction {
    pub id: Id,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub starts_at: Timestamp,
    pub status: String,
    pub pledged: i64,
    /// Committees with at least one pledge.
    pub committees: i64,
    pub progress: Vec<ProgressView>,
    /// Whether the action's caller chose to publish pledges by industry and region; if
    /// not, the lists below are empty and the sums 0.
    pub breakdown: bool,
    /// Industries with at least five pledges.
    pub by_industry: Vec<PublicGroup>,
    /// The pledges of the industries with fewer than five, together.
    pub other_industries: i64,
    /// Regions with at least five pledges.
    pub by_region: Vec<PublicGroup>,
    /// The pledges of the regions with fewer than five, together.
    pub other_regions: i64,
    pub activated_at: Option<Timestamp>,
}

#[derive(Serialize, ToSchema)]
pub struct PublicGroup {
    pub name: Option<String>,
    pub pledged: i64,
}

pub async fn public_view(app: &App, raw_id: &str) -> Result<(Arc<Live>, PublicAction), Error> {
    let id = path_id(raw_id)?;
    // A private action is answered as an id that names nothing, after the same query,
    // whether or not this server holds it in memory.
    let live = match app.actions.cached(id) {
        Some(live) if live.info.public => live,
        Some(_) => {
            store::probe(app.db.pool(), id).await?;
            return Err(Error::not_found());
        }
        None => match store::probe(app.db.pool(), id).await? {
            Some((_, true)) => app.actions.get(id).await?.ok_or_else(Error::not_found)?,
            _ => return Err(Error::not_found()),
        },
    };
    let breakdown = live.info.public_breakdown;
    // Totals only, unless the caller chose otherwise; then no group under five is named.
    let groups = |groups: &[GroupCount]| {
        if !breakdown {
            return (Vec::new(), 0);
        }
        let folded = public_breakdown(groups.iter().map(|g| (g.name.clone(), g.pledged)));
        let shown = folded
            .shown
            .into_iter()
            .map(|(name, pledged)| PublicGroup { name, pledged })
            .collect();
        (shown, folded.other)
    };
    let shared = service::shared(app, &live, &app.directory.graph())?;
    let facts = &shared.facts;
    let (by_industry, other_industries) = groups(&facts.breakdown.by_industry);
    let (by_region, other_regions) = groups(&facts.breakdown.by_region);
    let view = PublicAction {
        id: facts.id,
        title: facts.title.clone(),
        kind: facts.kind.clone(),
        description: facts.description.clone(),
        starts_at: facts.starts_at,
        status: facts.status.clone(),
        pledged: facts.pledged,
        committees: facts.committees,
        progress: facts.progress.clone(),
        breakdown,
        by_industry,
        other_industries,
        by_region,
        other_regions,
        activated_at: facts.activated_at,
    };
    Ok((live, view))
}

/// Counters on other sites may read it from their pages.
fn shareable(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// A public action's counter: no session, no names.
#[utoipa::path(get, path = "/public/actions/{id}", tag = "actions",
    params(("id" = String, Path)), security(()),
    responses((status = 200, body = PublicAction), (status = "4XX", body = ErrorBody)))]
async fn public(State(app): State<App>, Path(id): Path<String>) -> Result<Response, Error> {
    let (_, view) = public_view(&app, &id).await?;
    Ok(shareable(axum::Json(view).into_response()))
}

/// The counts anyone may know of a public action.
#[derive(Serialize, ToSchema)]
pub struct PublicCounts {
    status: String,
    pledged: i64,
    committees: i64,
    progress: Vec<ProgressView>,
}

/// A public action's live counts, as server-sent events: no session, no names.
#[utoipa::path(get, path = "/public/actions/{id}/stream", tag = "actions",
    params(("id" = String, Path)), security(()),
    responses((status = 200, content_type = "text/event-stream", body = PublicCountsEvent,
               description = "A stream of server-sent events, each one of `PublicCountsEvent`: the `event:` line names it, the `data:` line holds its `data` as JSON"),
              (status = "4XX", body = ErrorBody)))]
async fn public_stream(State(app): State<App>, Path(id): Path<String>) -> Result<Response, Error> {
    let (live, _) = public_view(&app, &id).await?;
    let stream = counts_events(app.closing(), live.watch(), |s: &Summary| {
        PublicCountsEvent::Counts(PublicCounts {
            status: s.status.clone(),
            pledged: s.pledged,
            committees: s.committees,
            progress: s.progress.clone(),
        })
    });
    Ok(shareable(event_stream(stream)))
}

#[derive(Deserialize, ToSchema)]
pub struct WorkforceRequest {
    /// The workplace's whole workforce, members or not; null to clear.
    estimated_workforce: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct WorkforceView {
    estimated_workforce: Option<i64>,
}

/// A coordinator sets the workplace's estimated workforce, which pledge counts show against.
#[utoipa::path(put, path = "/committees/{id}/workforce", tag = "actions",
    params(("id" = String, Path)), request_body = WorkforceRequest,
    responses((status = 200, body = WorkforceView), (status = "4XX", body = ErrorBody)))]
async fn set_workforce(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<WorkforceRequest>,
) -> Result<axum::Json<WorkforceView>, Error> {
    service::set_workforce(&app, &account, path_id(&id)?, body.estimated_workforce).await?;
    Ok(axum::Json(WorkforceView {
        estimated_workforce: body.estimated_workforce,
    }))
}

/// Which buttons a member sees for an action.
pub fn may_pledge(view: &ActionView) -> bool {
    view.standing.in_scope
        && !view.standing.my_pledge
        && ActionStatus::parse(&view.facts.status).is_ok_and(|s| check_pledge(s).is_ok())
}

pub fn may_withdraw(view: &ActionView) -> bool {
    view.standing.my_pledge
        && ActionStatus::parse(&view.facts.status).is_ok_and(|s| check_withdraw(s).is_ok())
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(call, list))
        .routes(routes!(show))
        .routes(routes!(pledge, withdraw))
        .routes(routes!(cancel))
        .routes(routes!(stream_counts))
        .routes(routes!(public))
        .routes(routes!(public_stream))
        .routes(routes!(set_workforce))
}

#[cfg(test)]
mod tests {
    use super::join_objects;

    #[test]
    fn objects_join_into_one() {
        assert_eq!(
            join_objects(br#"{"a":1}"#, br#"{"b":2}"#),
            br#"{"a":1,"b":2}"#
        );
        assert_eq!(join_objects(b"{}", br#"{"b":2}"#), br#"{"b":2}"#);
        assert_eq!(join_objects(br#"{"a":1}"#, b"{}"), br#"{"a":1}"#);
        let joined: serde_json::Value =
            serde_json::from_slice(&join_objects(br#"{"a":{"c":[1]}}"#, br#"{"b":true}"#))
                .expect("valid JSON");
        assert_eq!(joined, serde_json::json!({"a": {"c": [1]}, "b": true}));
    }
}
