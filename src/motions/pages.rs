//! Motion pages: the committee's motions, moving one (a form per kind), and a motion with
//! its ballot and results. Plain HTML forms: a phone without JavaScript can vote.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::Value;

use crate::accounts::names::shown_name;
use crate::app::App;
use crate::committees::service::as_member;
use crate::committees::store::{self as committees, CommitteeRow};
use crate::core::fields::Role;
use crate::core::motions::MotionKind;
use crate::core::{Id, Timestamp};
use crate::delegates::store as seats;
use crate::demands::store::{self as demands, DemandRow};
use crate::error::Error;
use crate::motions::api::{MotionView, motion_view};
use crate::motions::service::{self, Mark, Proposal};
use crate::motions::store;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::pages::{Layout, render, render_with};

/// A motion in a list, with what a page shows about it.
pub struct MotionItem {
    pub view: MotionView,
}

impl MotionItem {
    pub fn is_open(&self) -> bool {
        self.view.status == "open"
    }
}

#[derive(Template)]
#[template(path = "motions.html")]
struct MotionsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    motions: Vec<MotionItem>,
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (committee, _) = as_member(&app, id, account.id).await?;
    let mut motions = Vec::new();
    for row in store::of_committee(app.db.pool(), id, 50).await? {
        motions.push(MotionItem {
            view: motion_view(&app, row, account.id, caller.tr).await?,
        });
    }
    render(&MotionsPage {
        l: Layout::new(&app, &caller, "motions-title").await,
        committee_id: id,
        committee_name: committee.name,
        motions,
    })
}

/// What the form for one kind of motion offers to choose from.
#[derive(Default)]
struct Choices {
    demands: Vec<DemandRow>,
    councils: Vec<(Id, String)>,
    members: Vec<(Id, String)>,
    /// Recall: seats as (value "council/delegate", label).
    seats: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "motion_new.html")]
struct NewMotionPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_council: bool,
    kind: String,
    kinds: &'static [MotionKind],
    choices: Choices,
    form: MotionForm,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct NewQuery {
    kind: Option<String>,
    demand_id: Option<String>,
    seat: Option<String>,
}

async fn choices_for(
    app: &App,
    committee: &CommitteeRow,
    kind: MotionKind,
    tr: crate::i18n::Tr,
) -> Result<Choices, Error> {
    let id = Id::from_db(committee.id);
    let pool = app.db.pool();
    let mut choices = Choices::default();
    match kind {
        MotionKind::Decision => {}
        MotionKind::AdoptDemand | MotionKind::AmendDemand => {
            choices.demands = demands::of_committee(pool, id)
                .await?
                .into_iter()
                .filter(|d| kind == MotionKind::AmendDemand || d.status == "draft")
                .collect();
        }
        MotionKind::EndorseDemand => {
            let mut conn = pool.acquire().await?;
            for council in committees::ancestors(&mut conn, id).await? {
                choices.demands.extend(
                    demands::of_committee(pool, council)
                        .await?
                        .into_iter()
                        .filter(|d| d.status == "adopted"),
                );
            }
        }
        MotionKind::ElectDelegates => {
            choices.councils = committees::councils_of(pool, id)
                .await?
                .into_iter()
                .map(|(c, name)| (Id::from_db(c), name))
                .collect();
            choices.members = committees::members(pool, id)
                .await?
                .into_iter()
                .map(|m| {
                    let name = shown_name(tr, &m.display_name, m.account_id, &m.name_tag);
                    (Id::from_db(m.account_id), name)
                })
                .collect();
        }
        MotionKind::Recall => {
            choices.seats = seats::of_committee(pool, id)
                .await?
                .into_iter()
                .map(|s| {
                    (
                        format!(
                            "{}/{}",
                            Id::from_db(s.council_id),
                            Id::from_db(s.account_id)
                        ),
                        format!(
                            "{} — {}",
                            shown_name(tr, &s.display_name, s.account_id, &s.name_tag),
                            s.council_name
                        ),
                    )
                })
                .collect();
        }
    }
    Ok(choices)
}

async fn new_motion_page(
    app: &App,
    caller: &Caller,
    committee: CommitteeRow,
    form: MotionForm,
    error: Option<String>,
) -> Result<Response, Error> {
    let kind = MotionKind::parse(&form.kind).unwrap_or(MotionKind::Decision);
    let choices = choices_for(app, &committee, kind, caller.tr).await?;
    let page = NewMotionPage {
        l: Layout::new(app, caller, "motion-new-title").await,
        committee_id: Id::from_db(committee.id),
        is_council: committee.kind == "council",
        committee_name: committee.name,
        kind: kind.as_str().to_owned(),
        kinds: MotionKind::ALL,
        choices,
        form,
        error: error.clone(),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(status, &page)
}

async fn new_motion(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<NewQuery>,
) -> Result<Response, Error> {
    let (committee, _) = as_member(&app, path_id(&id)?, account.id).await?;
    let form = MotionForm {
        kind: query.kind.unwrap_or_else(|| "decision".into()),
        demand_id: query.demand_id.unwrap_or_default(),
        seat: query.seat.unwrap_or_default(),
        ballot: "secret".into(),
        quorum_percent: "50".into(),
        majority: "simple".into(),
        seats: "1".into(),
        // Three days from now, to the hour; the page's script reads it as local time.
        closes_at_local: Timestamp::from_millis(
            (Timestamp::now().plus_hours(72).millis() / 3_600_000) * 3_600_000,
        )
        .rfc3339()[..16]
            .to_owned(),
        ..MotionForm::default()
    };
    new_motion_page(&app, &caller, committee, form, None).await
}

#[derive(Deserialize, Default)]
struct MotionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    ballot: String,
    #[serde(default)]
    closes_at_local: String,
    #[serde(default)]
    tz_offset_minutes: String,
    #[serde(default)]
    quorum_percent: String,
    #[serde(default)]
    majority: String,
    #[serde(default)]
    weighted: Option<String>,
    #[serde(default)]
    demand_id: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    council_id: String,
    #[serde(default)]
    seats: String,
    /// One checkbox per member, all named `candidate`.
    #[serde(default, rename = "candidate")]
    candidates: Vec<String>,
    #[serde(default)]
    seat: String,
}

impl MotionForm {
    fn is_candidate(&self, id: &Id) -> bool {
        self.candidates.iter().any(|c| c == &id.to_string())
    }
}

fn optional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

impl MotionForm {
    fn proposal(&self) -> Result<Proposal, Error> {
        let offset: i64 = self.tz_offset_minutes.trim().parse().unwrap_or(0);
        let closes_at = Timestamp::parse_local(&self.closes_at_local, offset)
            .map(Timestamp::rfc3339)
            .ok_or(crate::core::Invalid::new(
                "closes_at",
                crate::core::fields::Problem::Format,
            ))?;
        let quorum = match optional(&self.quorum_percent) {
            Some(p) => Some(
                p.parse::<f64>().map_err(|_| {
                    crate::core::Invalid::new("quorum", crate::core::fields::Problem::Format)
                })? / 100.0,
            ),
            None => None,
        };
        let seats = match optional(&self.seats) {
            Some(s) => Some(s.parse::<i64>().map_err(|_| {
                crate::core::Invalid::new("seats", crate::core::fields::Problem::Format)
            })?),
            None => None,
        };
        let (seat_council, delegate) = match self.seat.split_once('/') {
            Some((c, d)) => (Some(c.to_owned()), Some(d.to_owned())),
            None => (None, None),
        };
        Ok(Proposal {
            kind: self.kind.clone(),
            title: self.title.clone(),
            body: optional(&self.body),
            ballot: self.ballot.clone(),
            closes_at,
            quorum,
            majority: optional(&self.majority),
            weighted: self.weighted.is_some(),
            demand_id: optional(&self.demand_id),
            text: optional(&self.text),
            council_id: optional(&self.council_id).or(seat_council),
            seats,
            candidates: self.candidates.clone(),
            delegate_id: delegate,
        })
    }
}

async fn create(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<MotionForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (committee, _) = as_member(&app, id, account.id).await?;
    let created = match form.proposal() {
        Ok(proposal) => service::move_motion(&app, &account, id, proposal).await,
        Err(err) => Err(err),
    };
    match created {
        Ok(row) => Ok(Redirect::to(&format!("/motions/{}", Id::from_db(row.id))).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            new_motion_page(&app, &caller, committee, form, Some(message)).await
        }
    }
}

#[derive(Template)]
#[template(path = "motion.html")]
struct MotionPage {
    l: Layout,
    m: MotionView,
    committee_id: Id,
    committee_name: String,
    is_coordinator: bool,
    /// Yes/no/abstain rows with their counts and share, when known.
    results: Vec<ResultRow>,
    error: Option<String>,
}

impl MotionPage {
    fn options(&self) -> &'static [&'static str] {
        &["yes", "no", "abstain"]
    }

    fn seats(&self) -> i64 {
        self.m.seats.unwrap_or(1)
    }

    fn my_choice(&self) -> &str {
        self.m
            .my_ballot
            .choice
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// An open ballot in words: the choice, or who was picked in an election.
    fn choice_label(&self, choice: &Value) -> String {
        match choice {
            Value::String(option) => self.l.tr.of("choice", option),
            Value::Array(picked) => {
                let names: Vec<&str> = picked
                    .iter()
                    .filter_map(Value::as_str)
                    .filter_map(|id| {
                        self.m
                            .candidates
                            .iter()
                            .find(|c| c.account_id.to_string() == id)
                            .map(|c| c.display_name.as_str())
                    })
                    .collect();
                if names.is_empty() {
                    self.l.tr.t("motion-blank")
                } else {
                    names.join(", ")
                }
            }
            _ => String::new(),
        }
    }
}

pub struct ResultRow {
    pub label: String,
    pub value: String,
    /// Share of the total, in percent, for the `<meter>`.
    pub percent: i64,
    pub elected: bool,
}

fn results(view: &MotionView, tr: crate::i18n::Tr) -> Vec<ResultRow> {
    let Some(tally) = &view.tally else {
        return Vec::new();
    };
    let number = |v: &Value| v.as_f64().unwrap_or(0.0);
    let total: f64 = tally.values().map(number).sum();
    let percent = |v: f64| {
        if total > 0.0 {
            (v / total * 100.0).round() as i64
        } else {
            0
        }
    };
    let show = |v: f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.2}")
        }
    };
    if view.kind == "elect_delegates" {
        let mut rows: Vec<ResultRow> = view
            .candidates
            .iter()
            .map(|c| {
                let v = tally
                    .get(&c.account_id.to_string())
                    .map(number)
                    .unwrap_or(0.0);
                ResultRow {
                    label: c.display_name.clone(),
                    value: show(v),
                    percent: percent(v),
                    elected: view
                        .elected
                        .as_ref()
                        .is_some_and(|e| e.contains(&c.account_id)),
                }
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.percent));
        rows
    } else {
        ["yes", "no", "abstain"]
            .iter()
            .map(|option| {
                let v = tally.get(*option).map(number).unwrap_or(0.0);
                ResultRow {
                    label: tr.of("choice", option),
                    value: show(v),
                    percent: percent(v),
                    elected: false,
                }
            })
            .collect()
    }
}

async fn motion_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (row, committee, role) = service::visible(app, account.id, id).await?;
    let view = motion_view(app, row, account.id, caller.tr).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(
        status,
        &MotionPage {
            l: Layout::titled(app, caller, view.title.clone()).await,
            results: results(&view, caller.tr),
            m: view,
            committee_id: Id::from_db(committee.id),
            committee_name: committee.name,
            is_coordinator: role == Role::Coordinator,
            error,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    motion_page(&app, &caller, path_id(&id)?, None).await
}

#[derive(Deserialize)]
struct BallotForm {
    #[serde(default)]
    choice: String,
    #[serde(default, rename = "candidate")]
    candidates: Vec<String>,
}

async fn vote(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<BallotForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (row, _, _) = service::visible(&app, account.id, id).await?;
    let mark = if row.kind == "elect_delegates" {
        Mark::from_json(&Value::from(form.candidates))
    } else {
        Mark::from_json(&Value::from(form.choice))
    };
    // A secret ballot is cast once; an open one may still change: the page says which.
    let done = if row.ballot == "secret" {
        "ballot-cast"
    } else {
        "voted"
    };
    match async { service::cast(&app, &account, id, mark?).await }.await {
        Ok(()) => Ok(
            Redirect::to(&crate::web::pages::done(&format!("/motions/{id}"), done)).into_response(),
        ),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            motion_page(&app, &caller, id, Some(message)).await
        }
    }
}

#[derive(Deserialize)]
struct EmptyForm {}

async fn close(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    match service::close_early(&app, &account, id).await {
        Ok(()) => Ok(Redirect::to(&format!("/motions/{id}")).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            motion_page(&app, &caller, id, Some(message)).await
        }
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/motions", get(list))
        .route("/committees/{id}/motions/new", get(new_motion).post(create))
        .route("/motions/{id}", get(show))
        .route("/motions/{id}/ballot", post(vote))
        .route("/motions/{id}/close", post(close))
}
