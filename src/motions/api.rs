//! Motions and ballots in the JSON API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::accounts::names::shown_name;
use crate::app::App;
use crate::core::voting::Quorum;
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::i18n::Tr;
use crate::motions::service::{self, Mark, Proposal, ballot_options, in_units};
use crate::motions::store::{self, MotionRow};
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, path_id};

#[derive(Deserialize, ToSchema)]
pub struct MotionRequest {
    /// decision, adopt_demand, amend_demand, elect_delegates, recall or endorse_demand.
    kind: String,
    title: String,
    body: Option<String>,
    /// `open` or `secret`.
    ballot: String,
    /// When voting ends (RFC 3339), within 90 days.
    closes_at: String,
    /// The share of eligible voters who must take part, 0 to 1 (default 0.5).
    quorum: Option<f64>,
    /// `simple` (default) or `two_thirds`.
    majority: Option<String>,
    /// adopt_demand, amend_demand, endorse_demand: the demand.
    demand_id: Option<String>,
    /// amend_demand: the new text.
    text: Option<String>,
    /// elect_delegates, recall: the council.
    council_id: Option<String>,
    /// elect_delegates: how many seats.
    seats: Option<i64>,
    /// elect_delegates: members who stand.
    #[serde(default)]
    candidates: Vec<String>,
    /// recall: the delegate.
    delegate_id: Option<String>,
    /// Councils only: each delegate's ballot counts for the workers of the committee they
    /// represent.
    #[serde(default)]
    weighted: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Person {
    pub account_id: Id,
    pub display_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct OpenBallot {
    pub account_id: Id,
    pub display_name: String,
    /// `yes`, `no`, `abstain`, or the candidates chosen.
    pub choice: Value,
    /// In weighted votes, the workers this ballot counts for.
    pub weight: f64,
}

#[derive(Serialize, ToSchema)]
pub struct MyBallot {
    pub voted: bool,
    /// Open ballots only: what you chose (a secret ballot is not shown even to its voter).
    pub choice: Option<Value>,
}

#[derive(Serialize, ToSchema)]
pub struct MotionView {
    pub id: Id,
    pub committee_id: Id,
    pub kind: String,
    pub title: String,
    pub body: String,
    /// `open` or `secret`.
    pub ballot: String,
    pub weighted: bool,
    /// `open` or `closed`.
    pub status: String,
    pub closes_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub quorum: f64,
    pub majority: String,
    pub demand_id: Option<Id>,
    pub text: Option<String>,
    pub council_id: Option<Id>,
    pub seats: Option<i64>,
    pub candidates: Vec<Person>,
    pub delegate_id: Option<Id>,
    pub moved_by: Option<Id>,
    /// Ballots cast and counted.
    pub turnout: i64,
    /// Secret ballots: members who took part whose ballot is not in the count, because it
    /// is being recorded this instant, or because the server stopped while recording it
    /// (such a ballot was never acknowledged). Almost always 0.
    pub uncounted: i64,
    /// Voters who may vote (at the close, once closed).
    pub eligible: i64,
    /// Weighted votes: the workers represented by those who voted, and by all delegates.
    pub turnout_workers: Option<f64>,
    pub eligible_workers: Option<f64>,
    pub quorum_met: bool,
    /// Counts per option (`yes`/`no`/`abstain`, or candidate ids); in weighted votes, in
    /// workers. Secret ballots: only once the motion is closed.
    pub tally: Option<Map<String, Value>>,
    /// `carried`, `failed`, `no_quorum`, or null while open.
    pub outcome: Option<String>,
    pub elected: Option<Vec<Id>>,
    /// Candidates tied for the last seat, which stays empty.
    pub tied: Option<Vec<Id>>,
    pub unfilled: Option<i64>,
    pub my_ballot: MyBallot,
    /// Open ballots: who voted how.
    pub ballots: Option<Vec<OpenBallot>>,
}

fn ids(value: &Value) -> Option<Vec<Id>> {
    value.as_array().map(|items| {
        items
            .iter()
            .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
            .collect()
    })
}

fn choice_value(stored: &str) -> Value {
    if stored.starts_with('[') {
        Value::from(ballot_options(stored))
    } else {
        Value::from(stored)
    }
}

pub async fn motion_view(
    app: &App,
    motion: MotionRow,
    viewer: Id,
    tr: Tr,
) -> Result<MotionView, Error> {
    let id = Id::from_db(motion.id);
    let standing = service::standing(app, &motion).await?;
    let weighted = motion.weighted != 0;
    let to_number = |w: i64| {
        if weighted {
            Value::from(in_units(w))
        } else {
            Value::from((w as f64 / crate::core::voting::UNIT as f64).round() as i64)
        }
    };
    let tally = standing.counts.map(|counts| {
        let mut map = Map::new();
        if motion.kind != "elect_delegates" {
            for option in ["yes", "no", "abstain"] {
                map.insert(
                    option.into(),
                    to_number(counts.get(option).copied().unwrap_or(0)),
                );
            }
        } else {
            for (option, weight) in counts.iter().filter(|(o, _)| o.parse::<Id>().is_ok()) {
                map.insert(option.clone(), to_number(*weight));
            }
        }
        map
    });
    let result: Value = motion
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_default();
    let is_election = motion.kind == "elect_delegates";
    let mut uncounted = 0;
    let (my_ballot, ballots) = if motion.ballot == "secret" {
        let voted = store::took_part(app.db.pool(), id, viewer).await?;
        uncounted = store::pending_count(app.db.pool(), id).await?;
        (
            MyBallot {
                voted,
                choice: None,
            },
            None,
        )
    } else {
        let rows = store::open_ballots(app.db.pool(), id).await?;
        let mine = rows.iter().find(|b| b.account_id == viewer.get());
        let my_ballot = MyBallot {
            voted: mine.is_some(),
            choice: mine.map(|b| choice_value(&b.choice)),
        };
        let ballots = rows
            .into_iter()
            .map(|b| OpenBallot {
                account_id: Id::from_db(b.account_id),
                display_name: shown_name(tr, &b.display_name, b.account_id, &b.name_tag),
                choice: choice_value(&b.choice),
                weight: in_units(b.weight),
            })
            .collect();
        (my_ballot, Some(ballots))
    };
    let candidates = store::candidates(app.db.pool(), id)
        .await?
        .into_iter()
        .map(|c| Person {
            account_id: Id::from_db(c.account_id),
            display_name: shown_name(tr, &c.display_name, c.account_id, &c.name_tag),
        })
        .collect();
    Ok(MotionView {
        id,
        committee_id: Id::from_db(motion.committee_id),
        kind: motion.kind,
        title: motion.title,
        body: motion.body,
        ballot: motion.ballot,
        weighted,
        status: motion.status,
        closes_at: Timestamp::from_millis(motion.closes_at),
        closed_at: motion.closed_at.map(Timestamp::from_millis),
        created_at: Timestamp::from_millis(motion.created_at),
        quorum: Quorum::from_thousandths(motion.quorum).share(),
        majority: motion.majority,
        demand_id: motion.demand_id.map(Id::from_db),
        text: motion.amendment,
        council_id: motion.council_id.map(Id::from_db),
        seats: motion.seats,
        candidates,
        delegate_id: motion.delegate_id.map(Id::from_db),
        moved_by: motion.moved_by.map(Id::from_db),
        turnout: standing.turnout,
        uncounted,
        eligible: standing.eligible,
        turnout_workers: weighted.then(|| in_units(standing.turnout_weight)),
        eligible_workers: weighted.then(|| in_units(standing.eligible_weight)),
        quorum_met: standing.quorum_met,
        tally,
        outcome: motion.outcome,
        elected: is_election.then(|| ids(&result["elected"])).flatten(),
        tied: is_election.then(|| ids(&result["tied"])).flatten(),
        unfilled: is_election.then(|| result["unfilled"].as_i64()).flatten(),
        my_ballot,
        ballots,
    })
}

/// Moves a motion: a decision, a demand to adopt, amend or endorse, an election or a recall.
#[utoipa::path(post, path = "/committees/{id}/motions", tag = "motions",
    params(("id" = String, Path)), request_body = MotionRequest,
    responses((status = 201, body = MotionView), (status = "4XX", body = ErrorBody)))]
async fn move_motion(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MotionRequest>,
) -> Result<Response, Error> {
    let proposal = Proposal {
        kind: body.kind,
        title: body.title,
        body: body.body,
        ballot: body.ballot,
        closes_at: body.closes_at,
        quorum: body.quorum,
        majority: body.majority,
        weighted: body.weighted,
        demand_id: body.demand_id,
        text: body.text,
        council_id: body.council_id,
        seats: body.seats,
        candidates: body.candidates,
        delegate_id: body.delegate_id,
    };
    let row = service::move_motion(&app, &account, path_id(&id)?, proposal).await?;
    let view = motion_view(&app, row, account.id, caller.tr).await?;
    crate::web::extract::created("motions", view)
}

/// A committee's motions, open and closed.
#[utoipa::path(get, path = "/committees/{id}/motions", tag = "motions",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<MotionView>), (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<MotionView>>, Error> {
    let id = path_id(&id)?;
    crate::committees::service::as_member(&app, id, account.id).await?;
    let mut views = Vec::new();
    for row in store::of_committee(app.db.pool(), id, 100).await? {
        views.push(motion_view(&app, row, account.id, caller.tr).await?);
    }
    Ok(axum::Json(views))
}

/// A motion with its ballot, the caller's own vote and, once closed, the outcome.
#[utoipa::path(get, path = "/motions/{id}", tag = "motions",
    params(("id" = String, Path)),
    responses((status = 200, body = MotionView), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<MotionView>, Error> {
    let (row, _, _) = service::visible(&app, account.id, path_id(&id)?).await?;
    Ok(axum::Json(
        motion_view(&app, row, account.id, caller.tr).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct BallotRequest {
    /// `yes`, `no` or `abstain`; for elections, a list of candidate account ids (up to the
    /// number of seats).
    #[schema(value_type = Object)]
    choice: Value,
}

/// Casts the caller's ballot: an open one may be changed until the vote closes, a secret one
/// cannot.
#[utoipa::path(post, path = "/motions/{id}/ballots", tag = "motions",
    params(("id" = String, Path)), request_body = BallotRequest,
    responses((status = 201, body = MotionView), (status = "4XX", body = ErrorBody)))]
async fn cast(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<BallotRequest>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let mark = Mark::from_json(&body.choice)?;
    service::cast(&app, &account, id, mark).await?;
    let (row, _, _) = service::visible(&app, account.id, id).await?;
    let view = motion_view(&app, row, account.id, caller.tr).await?;
    Ok((StatusCode::CREATED, axum::Json(view)).into_response())
}

/// A coordinator closes the vote and the outcome takes effect.
#[utoipa::path(post, path = "/motions/{id}/close", tag = "motions",
    params(("id" = String, Path)),
    responses((status = 200, body = MotionView), (status = "4XX", body = ErrorBody)))]
async fn close(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<MotionView>, Error> {
    let id = path_id(&id)?;
    service::close_early(&app, &account, id).await?;
    let (row, _, _) = service::visible(&app, account.id, id).await?;
    Ok(axum::Json(
        motion_view(&app, row, account.id, caller.tr).await?,
    ))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(move_motion, list))
        .routes(routes!(show))
        .routes(routes!(cast))
        .routes(routes!(close))
}
