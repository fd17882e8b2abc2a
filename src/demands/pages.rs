//! Demand pages: a committee's demands with the drafting form, one demand with its history
//! and what can be moved about it, and a council's program.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::app::App;
use crate::committees::store as committees;
use crate::core::Id;
use crate::core::access::Standing;
use crate::demands::api::{DemandView, Endorsement, HistoryView, history_view};
use crate::demands::service::{self, ProgramItem};
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::path_id;
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::pages::{Layout, render, render_with};

#[derive(Template)]
#[template(path = "demands.html")]
struct DemandsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_council: bool,
    is_member: bool,
    demands: Vec<DemandView>,
    errors: FormErrors,
    title: String,
    body: String,
}

const DRAFT: FormSpec = FormSpec {
    id: "draft",
    fields: &[
        Field::new("title", "field-title"),
        Field::new("body", "field-demand-body"),
    ],
};

async fn demands_page(
    app: &App,
    caller: &Caller,
    id: Id,
    errors: FormErrors,
    title: String,
    body: String,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (committee, demands) = service::list(app, account.id, id).await?;
    let is_member = committees::role(app.db.pool(), id, account.id)
        .await?
        .is_some();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with(
        status,
        &DemandsPage {
            l: Layout::new(app, caller, "demands-title").await,
            committee_id: id,
            is_council: committee.kind == "council",
            committee_name: committee.name,
            is_member,
            demands: demands.into_iter().map(DemandView::from).collect(),
            errors,
            title,
            body,
        },
    )
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    demands_page(
        &app,
        &caller,
        path_id(&id)?,
        FormErrors::none(&DRAFT),
        String::new(),
        String::new(),
    )
    .await
}

#[derive(Deserialize)]
struct DraftForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

async fn draft(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<DraftForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &DRAFT);
            return demands_page(&app, &caller, id, errors, form.title, form.body).await;
        }
    };
    match service::draft(&app, &account, id, &form.title, &form.body).await {
        Ok(row) => Ok(Redirect::to(&format!("/demands/{}", Id::from_db(row.id))).into_response()),
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &DRAFT)?;
            demands_page(&app, &caller, id, errors, form.title, form.body).await
        }
    }
}

#[derive(Template)]
#[template(path = "demand.html")]
struct DemandPage {
    l: Layout,
    d: DemandView,
    committee_name: String,
    is_council: bool,
    is_member: bool,
    history: Vec<HistoryView>,
    endorsements: Vec<Endorsement>,
    workers_behind: i64,
    /// The viewer's committees below the council, which may move to endorse the demand.
    endorsers: Vec<(Id, String)>,
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let detail = service::detail(&app, account.id, path_id(&id)?).await?;
    let owner = Id::from_db(detail.committee.id);
    let standing =
        crate::committees::service::standing(&app, &detail.committee, account.id).await?;
    let mut endorsers = Vec::new();
    if detail.committee.kind == "council" && detail.demand.status == "adopted" {
        let mut conn = app.db.pool().acquire().await?;
        for mine in committees::committees_of(app.db.pool(), account.id).await? {
            let mine_id = Id::from_db(mine.committee_id);
            if committees::ancestors(&mut conn, mine_id)
                .await?
                .contains(&owner)
            {
                endorsers.push((mine_id, mine.name));
            }
        }
    }
    let endorsements: Vec<Endorsement> = detail
        .endorsements
        .into_iter()
        .map(Endorsement::from)
        .collect();
    render(&DemandPage {
        l: Layout::titled(&app, &caller, detail.demand.title.clone())
            .await
            .in_zone(detail.committee.zone(app.config.time_zone)),
        workers_behind: detail.workers_behind,
        endorsements,
        d: detail.demand.into(),
        is_council: detail.committee.kind == "council",
        committee_name: detail.committee.name,
        is_member: matches!(standing, Standing::Member(_)),
        history: detail
            .history
            .into_iter()
            .map(|h| history_view(h, caller.tr))
            .collect(),
        endorsers,
    })
}

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage {
    l: Layout,
    council_id: Id,
    council_name: String,
    items: Vec<ProgramItem>,
}

async fn program(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (council, items) = service::program(&app, account.id, path_id(&id)?).await?;
    render(&ProgramPage {
        l: Layout::new(&app, &caller, "program-title").await,
        council_id: Id::from_db(council.id),
        council_name: council.name,
        items,
    })
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/demands", get(list).post(draft))
        .route("/demands/{id}", get(show))
        .route("/committees/{id}/program", get(program))
}
