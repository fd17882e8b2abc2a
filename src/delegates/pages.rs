//! The delegates page: who represents the committee where, or who sits in the council.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use crate::app::App;
use crate::committees::service::as_member;
use crate::core::Id;
use crate::delegates::api::{DelegateView, delegates_of};
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::path_id;
use crate::web::pages::{Layout, render};

#[derive(Template)]
#[template(path = "delegates.html")]
struct DelegatesPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_council: bool,
    delegates: Vec<DelegateView>,
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let (committee, _) = as_member(&app, id, account.id).await?;
    let delegates = delegates_of(&app, account.id, id, caller.tr).await?;
    render(&DelegatesPage {
        l: Layout::new(&app, &caller, "delegates-title").await,
        committee_id: id,
        is_council: committee.kind == "council",
        committee_name: committee.name,
        delegates,
    })
}

impl DelegatesPage {
    /// Delegates this committee sent (which its members may recall).
    fn own(&self) -> impl Iterator<Item = &DelegateView> {
        self.delegates
            .iter()
            .filter(|d| d.committee_id == self.committee_id)
    }

    /// Delegates seated in this council, for other committees.
    fn seated(&self) -> impl Iterator<Item = &DelegateView> {
        self.delegates
            .iter()
            .filter(|d| d.council_id == self.committee_id)
    }
}

pub fn routes() -> Router<App> {
    Router::new().route("/committees/{id}/delegates", get(show))
}
