//! Action pages: a committee's actions and the form to call one, an action with its
//! progress and the pledge button, and the public counter made to be shared and embedded.
//! Everything works without JavaScript (a reload shows the current count); the page's
//! script only makes the numbers move live.

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::actions::api::{
    ActionItem, PublicAction, Standing, action_view, actions_of, may_pledge, may_withdraw,
    public_view,
};
use crate::actions::engine::ProgressView;
use crate::actions::service::{self, ActionFacts, Call};
use crate::app::App;
use crate::core::actions::ActionKind;
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::i18n::Tr;
use crate::web::caller::{Caller, SignedIn, safe_next};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::notice;
use crate::web::pages::{Layout, render, render_with};

/// A progress bar: what the threshold part asks, and how far it is.
pub struct Bar {
    pub part: String,
    pub label: String,
    /// The label with `{current}` and `{target}` left open, for the page's script to fill
    /// in as counts arrive.
    pub template: String,
    /// `current` and `target` for a `<progress>` element, in whole units.
    pub value: i64,
    pub max: i64,
    pub met: bool,
}

pub fn bars(progress: &[ProgressView], tr: Tr) -> Vec<Bar> {
    progress
        .iter()
        .map(|p| {
            let key = format!("action-progress-{}", p.part);
            let (value, max) = if p.part == "share" {
                (
                    (p.current * 100.0).round() as i64,
                    (p.target * 100.0).round() as i64,
                )
            } else {
                (p.current as i64, p.target as i64)
            };
            Bar {
                part: p.part.clone(),
                label: tr.t2(&key, "current", value, "target", max),
                // The target stays: its number chooses the plural form of the words.
                template: tr.t2(&key, "current", "{current}", "target", max),
                value: value.min(max),
                max: max.max(1),
                met: p.met,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "actions.html")]
struct ActionsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_coordinator: bool,
    actions: Vec<ActionItem>,
    kinds: &'static [ActionKind],
    form: CallForm,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct CallForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    starts_at_local: String,
    #[serde(default)]
    tz_offset_minutes: String,
    #[serde(default)]
    public: Option<String>,
    #[serde(default)]
    public_breakdown: Option<String>,
    #[serde(default)]
    threshold_pledges: String,
    #[serde(default)]
    threshold_share_percent: String,
    #[serde(default)]
    threshold_committees: String,
}

async fn actions_page(
    app: &App,
    caller: &Caller,
    committee: Id,
    form: CallForm,
    error: Option<String>,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (row, standing) = crate::committees::service::visible(app, committee, account.id).await?;
    let actions = actions_of(app, account.id, committee).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(
        status,
        &ActionsPage {
            l: Layout::new(app, caller, "actions-title").await,
            committee_id: committee,
            committee_name: row.name,
            is_coordinator: standing.role() == Some(crate::core::fields::Role::Coordinator),
            actions,
            kinds: ActionKind::ALL,
            form,
            error,
        },
    )
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let form = CallForm {
        kind: "strike".into(),
        starts_at_local: Timestamp::from_millis(
            (Timestamp::now().plus_hours(7 * 24).millis() / 3_600_000) * 3_600_000,
        )
        .rfc3339()[..16]
            .to_owned(),
        ..CallForm::default()
    };
    actions_page(&app, &caller, path_id(&id)?, form, None).await
}

fn number(field: &'static str, value: &str) -> Result<Option<i64>, Error> {
    match value.trim() {
        "" => Ok(None),
        raw => raw.parse().map(Some).map_err(|_| {
            crate::core::Invalid::new(field, crate::core::fields::Problem::Format).into()
        }),
    }
}

impl CallForm {
    fn call(&self) -> Result<Call, Error> {
        let offset: i64 = self.tz_offset_minutes.trim().parse().unwrap_or(0);
        let starts_at = Timestamp::parse_local(&self.starts_at_local, offset).ok_or(
            crate::core::Invalid::new("starts_at", crate::core::fields::Problem::Format),
        )?;
        let share =
            number("threshold.share", &self.threshold_share_percent)?.map(|p| p as f64 / 100.0);
        Ok(Call {
            title: self.title.clone(),
            kind: self.kind.clone(),
            description: Some(self.description.clone()),
            starts_at: starts_at.rfc3339(),
            public: self.public.is_some(),
            public_breakdown: self.public_breakdown.is_some(),
            pledges: number("threshold.pledges", &self.threshold_pledges)?,
            share,
            committees: number("threshold.committees", &self.threshold_committees)?,
        })
    }
}

async fn call(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CallForm>,
) -> Result<Response, Error> {
    let committee = path_id(&id)?;
    let called = match form.call() {
        Ok(call) => service::call(&app, &account, committee, call).await,
        Err(err) => Err(err),
    };
    match called {
        Ok(live) => Ok(Redirect::to(&format!("/actions/{}", live.info.id)).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            actions_page(&app, &caller, committee, form, Some(message)).await
        }
    }
}

#[derive(Template)]
#[template(path = "action.html")]
struct ActionPage {
    l: Layout,
    a: Arc<ActionFacts>,
    me: Standing,
    bars: Vec<Bar>,
    may_pledge: bool,
    may_withdraw: bool,
    error: Option<String>,
}

impl ActionPage {
    fn can_cancel(&self) -> bool {
        self.me.i_coordinate && self.a.status == "gathering"
    }

    /// The words beside the live count of pledges, once per plural form.
    fn pledged_forms(&self) -> Vec<(&'static str, String)> {
        self.l.tr.plural_forms(
            "action-pledged-of",
            "pledged",
            &[("eligible", self.a.eligible.into())],
        )
    }

    /// "120 of about 400 workers" for a committee, when its workforce is known.
    fn of_workforce(&self, pledged: &i64, workforce: &Option<i64>) -> String {
        match workforce {
            Some(w) => self
                .l
                .tr
                .t2("action-of-workforce", "pledged", *pledged, "workforce", *w),
            None => String::new(),
        }
    }

    fn workforce_total(&self) -> String {
        let w = &self.a.breakdown.workforce;
        self.l.tr.with(
            "action-workforce-total",
            &[
                ("pledged", w.pledged.into()),
                ("workforce", w.workforce.into()),
                ("committees", w.committees.into()),
            ],
        )
    }

    fn other_committees(&self) -> String {
        let o = &self.a.breakdown.other_committees;
        self.l.tr.with(
            "action-other-committees",
            &[
                ("count", o.committees.into()),
                ("pledged", o.pledged.into()),
                ("members", o.members.into()),
            ],
        )
    }

    fn group_name(&self, name: &Option<String>) -> String {
        name.clone()
            .unwrap_or_else(|| self.l.tr.t("action-unspecified"))
    }
}

async fn action_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (live, access) = service::visible(app, account.id, id).await?;
    let view = action_view(app, &live, &access, account.id).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(
        status,
        &ActionPage {
            l: Layout::titled(app, caller, view.facts.title.clone()).await,
            bars: bars(&view.facts.progress, caller.tr),
            may_pledge: may_pledge(&view),
            may_withdraw: may_withdraw(&view),
            a: view.facts,
            me: view.standing,
            error,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    action_page(&app, &caller, path_id(&id)?, None).await
}

#[derive(Deserialize)]
struct EmptyForm {}

/// Runs a form's step and comes back to the action page, with the error if any.
async fn back_to_action(
    app: &App,
    caller: &Caller,
    id: Id,
    result: Result<(), Error>,
) -> Result<Response, Error> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/actions/{id}")).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            action_page(app, caller, id, Some(message)).await
        }
    }
}

/// The pledge button; on the dashboard it says where to come back to.
#[derive(Deserialize)]
struct PledgeForm {
    #[serde(default)]
    back: Option<String>,
}

async fn pledge(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<PledgeForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    match (service::pledge(&app, account.id, id).await, &form.back) {
        // From a list, the action is out of sight: the page it lands on says what happened.
        (Ok(live), Some(back)) => {
            let said = caller
                .tr
                .t1("done-pledged", "title", live.info.title.as_str());
            notice::redirect(&app, &caller, &safe_next(Some(back)), &said)
        }
        (result, _) => back_to_action(&app, &caller, id, result.map(|_| ())).await,
    }
}

async fn withdraw(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::withdraw(&app, account.id, id).await.map(|_| ());
    back_to_action(&app, &caller, id, result).await
}

async fn cancel(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::cancel(&app, &account, id).await.map(|_| ());
    back_to_action(&app, &caller, id, result).await
}

#[derive(Deserialize)]
struct WorkforceForm {
    #[serde(default)]
    estimated_workforce: String,
}

async fn set_workforce(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<WorkforceForm>,
) -> Result<Response, Error> {
    let committee = path_id(&id)?;
    let result = match number("estimated_workforce", &form.estimated_workforce) {
        Ok(workforce) => service::set_workforce(&app, &account, committee, workforce).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/committees/{committee}")).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            crate::committees::pages::committee_page(
                &app,
                &caller,
                committee,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "public_action.html")]
struct PublicPage {
    tr: Tr,
    a: PublicAction,
    bars: Vec<Bar>,
    asset_version: &'static str,
}

impl PublicPage {
    /// The words beside the live count of pledges, once per plural form.
    fn pledged_forms(&self) -> Vec<(&'static str, String)> {
        self.tr.plural_forms("public-pledged", "count", &[])
    }
}

/// The public counter: no session needed, no names, made to be embedded in other sites.
async fn public(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (_, view) = public_view(&app, &id).await?;
    let mut response = render(&PublicPage {
        tr: caller.tr,
        bars: bars(&view.progress, caller.tr),
        a: view,
        asset_version: crate::web::ASSET_VERSION.as_str(),
    })?;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
             frame-ancestors *; base-uri 'none'; form-action 'none'",
        ),
    );
    Ok(response)
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/actions", get(list).post(call))
        .route("/committees/{id}/workforce", post(set_workforce))
        .route("/actions/{id}", get(show))
        .route("/actions/{id}/pledge", post(pledge))
        .route("/actions/{id}/withdraw", post(withdraw))
        .route("/actions/{id}/cancel", post(cancel))
        .route("/public/actions/{id}", get(public))
}
