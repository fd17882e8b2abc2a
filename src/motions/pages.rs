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
use crate::core::fields::{Invalid, Problem};
use crate::core::motions::MotionKind;
use crate::core::zones::Zone;
use crate::core::{Id, Invalids, Timestamp};
use crate::delegates::store as seats;
use crate::demands::store::{self as demands, DemandRow};
use crate::error::Error;
use crate::motions::api::{MotionView, motion_view};
use crate::motions::service::{self, Mark, Proposal};
use crate::motions::store;
use crate::web::caller::{Caller, SignedIn, safe_next};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::notice;
use crate::web::pages::{Confirmation, Layout, confirm_page, render, render_with};

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
    let zone = committee.zone(app.config.time_zone);
    render(&MotionsPage {
        l: Layout::new(&app, &caller, "motions-title")
            .await
            .in_zone(zone),
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
    errors: FormErrors,
}

const MOTION: FormSpec = FormSpec {
    id: "motion",
    fields: &[
        Field::new("kind", "field-kind"),
        Field::new("title", "field-title"),
        Field::new("body", "field-body"),
        Field::new("demand_id", "field-demand"),
        Field::new("text", "field-text"),
        Field::new("council_id", "field-council"),
        Field::new("seats", "field-seats"),
        Field::input("candidates", "candidate", "field-candidates"),
        Field::input("delegate_id", "seat", "field-delegate"),
        Field::new("ballot", "field-ballot"),
        Field::input("closes_at", "closes_at_local", "field-closes-at"),
        Field::input("quorum", "quorum_percent", "field-quorum-percent"),
        Field::new("majority", "field-majority"),
        Field::new("weighted", "motion-weighted"),
    ],
};

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
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    let kind = MotionKind::parse(&form.kind).unwrap_or(MotionKind::Decision);
    let choices = choices_for(app, &committee, kind, caller.tr).await?;
    let zone = committee.zone(app.config.time_zone);
    let page = NewMotionPage {
        l: Layout::new(app, caller, "motion-new-title")
            .await
            .in_zone(zone),
        committee_id: Id::from_db(committee.id),
        is_council: committee.kind == "council",
        committee_name: committee.name,
        kind: kind.as_str().to_owned(),
        kinds: MotionKind::ALL,
        choices,
        form,
        errors,
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
    let zone = caller.tr.zone_or(committee.zone(app.config.time_zone));
    let form = MotionForm {
        kind: query.kind.unwrap_or_else(|| "decision".into()),
        demand_id: query.demand_id.unwrap_or_default(),
        seat: query.seat.unwrap_or_default(),
        ballot: "secret".into(),
        quorum_percent: "50".into(),
        majority: "simple".into(),
        seats: "1".into(),
        // Three days from now, to the hour, on the clocks of the page's zone.
        closes_at_local: zone.datetime_local(Timestamp::from_millis(
            (Timestamp::now().plus_hours(72).millis() / 3_600_000) * 3_600_000,
        )),
        ..MotionForm::default()
    };
    let errors = FormErrors::none(&MOTION);
    new_motion_page(&app, &caller, committee, form, errors, StatusCode::OK).await
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
    /// On the clocks of the zone the page shows times in.
    #[serde(default)]
    closes_at_local: String,
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
    /// The motion as the API would state it, with what the form's own fields could not
    /// read (a time typed on `zone`'s clocks, numbers).
    fn proposal(&self, zone: Zone) -> (Proposal, Invalids) {
        let mut unread = Invalids::default();
        let closes_at = unread
            .check(
                zone.parse_local(&self.closes_at_local)
                    .map(Timestamp::rfc3339)
                    .ok_or(Invalid::new("closes_at", Problem::Format)),
            )
            .unwrap_or_default();
        let quorum = optional(&self.quorum_percent).and_then(|p| {
            unread.check(
                p.parse::<f64>()
                    .map(|percent| percent / 100.0)
                    .map_err(|_| Invalid::new("quorum", Problem::Format)),
            )
        });
        let seats = optional(&self.seats).and_then(|s| {
            unread.check(
                s.parse::<i64>()
                    .map_err(|_| Invalid::new("seats", Problem::Format)),
            )
        });
        let (seat_council, delegate) = match self.seat.split_once('/') {
            Some((c, d)) => (Some(c.to_owned()), Some(d.to_owned())),
            None => (None, None),
        };
        let proposal = Proposal {
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
        };
        (proposal, unread)
    }
}

async fn create(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<MotionForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (committee, _) = as_member(&app, id, account.id).await?;
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &MOTION);
            return new_motion_page(
                &app,
                &caller,
                committee,
                form,
                errors,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    let zone = caller.tr.zone_or(committee.zone(app.config.time_zone));
    let (proposal, unread) = form.proposal(zone);
    let created = if unread.is_empty() {
        service::move_motion(&app, &account, id, proposal).await
    } else {
        // What the form could not read, told together with what else is wrong.
        match service::basics(&proposal, Timestamp::now(), unread) {
            Err(all) => Err(all.into()),
            Ok(_) => Err(Error::Internal("a form's unread fields passed".into())),
        }
    };
    match created {
        Ok(row) => Ok(Redirect::to(&format!("/motions/{}", Id::from_db(row.id))).into_response()),
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &MOTION)?;
            new_motion_page(
                &app,
                &caller,
                committee,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
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
            l: Layout::titled(app, caller, view.title.clone())
                .await
                .in_zone(committee.zone(app.config.time_zone)),
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
    /// Where to go once the ballot is cast: the motion's page unless said.
    #[serde(default)]
    back: Option<String>,
}

impl BallotForm {
    fn mark(&self, motion: &store::MotionRow) -> Result<Mark, Error> {
        if motion.kind == "elect_delegates" {
            Mark::from_json(&Value::from(self.candidates.clone()))
        } else {
            Mark::from_json(&Value::from(self.choice.clone()))
        }
    }
}

/// A ballot in words: the choice, the candidates picked, or a blank ballot.
async fn ballot_in_words(
    app: &App,
    motion: Id,
    mark: &Mark,
    tr: crate::i18n::Tr,
) -> Result<String, Error> {
    Ok(match mark {
        Mark::Choice(choice) => tr.of("choice", choice.as_str()),
        Mark::Candidates(picks) if picks.is_empty() => tr.t("motion-blank"),
        Mark::Candidates(picks) => {
            let candidates = store::candidates(app.db.pool(), motion).await?;
            picks
                .iter()
                .filter_map(|pick| {
                    candidates
                        .iter()
                        .find(|c| c.account_id == pick.get())
                        .map(|c| shown_name(tr, &c.display_name, c.account_id, &c.name_tag))
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    })
}

/// A secret ballot cannot be changed once cast, so it is asked once more on a page of its
/// own, naming the choice. The ballot reaches that page by a POST, never in an address: an
/// address is kept in the browser's history and in proxies' logs, and would tell how its
/// voter voted. An open ballot can be changed until the close and needs no second step.
async fn confirm_ballot(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<BallotForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (row, _, _) = service::visible(&app, account.id, id).await?;
    if row.ballot != "secret" {
        return Ok(Redirect::to(&format!("/motions/{id}")).into_response());
    }
    let checked = async {
        let mark = form.mark(&row)?;
        service::check_ballot(&app, &account, id, &mark).await?;
        Ok::<_, Error>(mark)
    }
    .await;
    let mark = match checked {
        Ok(mark) => mark,
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            return motion_page(&app, &caller, id, Some(message)).await;
        }
    };
    let tr = caller.tr;
    let choice = ballot_in_words(&app, id, &mark, tr).await?;
    let mut fields: Vec<(String, String)> = match &mark {
        Mark::Choice(choice) => vec![("choice".into(), choice.as_str().into())],
        Mark::Candidates(picks) => picks
            .iter()
            .map(|p| ("candidate".into(), p.to_string()))
            .collect(),
    };
    if let Some(back) = &form.back {
        fields.push(("back".into(), safe_next(Some(back))));
    }
    confirm_page(
        &app,
        &caller,
        Confirmation {
            title: tr.t("confirm-ballot-title"),
            what: tr.t2("confirm-ballot", "title", &row.title, "choice", &choice),
            then: Some(tr.t("confirm-ballot-then")),
            action: format!("/motions/{id}/ballot"),
            fields,
            confirm: tr.t("confirm-ballot-submit"),
            danger: false,
            back: format!("/motions/{id}"),
        },
    )
    .await
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
    let cast = async {
        let mark = form.mark(&row)?;
        let words = ballot_in_words(&app, id, &mark, caller.tr).await?;
        service::cast(&app, &account, id, mark).await?;
        Ok::<_, Error>(words)
    }
    .await;
    match cast {
        Ok(choice) => {
            let said = if row.ballot == "secret" {
                caller.tr.t1("done-ballot-secret", "title", &row.title)
            } else {
                caller
                    .tr
                    .t2("done-ballot-open", "title", &row.title, "choice", &choice)
            };
            let back = match &form.back {
                Some(back) => safe_next(Some(back)),
                None => format!("/motions/{id}"),
            };
            notice::redirect(&app, &caller, &back, &said)
        }
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
        .route("/motions/{id}/ballot/confirm", post(confirm_ballot))
        .route("/motions/{id}/close", post(close))
}
