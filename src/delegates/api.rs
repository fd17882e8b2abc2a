//! Delegates in the JSON API.

use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::accounts::names::shown_name;
use crate::app::App;
use crate::committees::service::as_member;
use crate::core::{Id, Timestamp};
use crate::delegates::store::{self, SeatRow};
use crate::error::Error;
use crate::i18n::Tr;
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::path_id;

#[derive(Serialize, ToSchema)]
pub struct DelegateView {
    pub account_id: Id,
    pub display_name: String,
    /// The committee the delegate represents.
    pub committee_id: Id,
    pub committee_name: String,
    pub council_id: Id,
    pub council_name: String,
    pub since: Timestamp,
}

impl DelegateView {
    pub fn of(s: SeatRow, tr: Tr) -> Self {
        DelegateView {
            account_id: Id::from_db(s.account_id),
            display_name: shown_name(tr, &s.display_name, s.account_id, &s.name_tag),
            committee_id: Id::from_db(s.committee_id),
            committee_name: s.committee_name,
            council_id: Id::from_db(s.council_id),
            council_name: s.council_name,
            since: Timestamp::from_millis(s.since),
        }
    }
}

/// The delegates a committee sends to its councils; for a council, the delegates seated in
/// it. Members only.
pub async fn delegates_of(
    app: &App,
    account: Id,
    committee: Id,
    tr: Tr,
) -> Result<Vec<DelegateView>, Error> {
    let (row, _) = as_member(app, committee, account).await?;
    let seats = if row.kind == "council" {
        let mut seats = store::in_council(app.db.pool(), committee).await?;
        seats.extend(store::of_committee(app.db.pool(), committee).await?);
        seats
    } else {
        store::of_committee(app.db.pool(), committee).await?
    };
    Ok(seats
        .into_iter()
        .map(|seat| DelegateView::of(seat, tr))
        .collect())
}

/// The delegates a committee has elected, and those seated in a council.
#[utoipa::path(get, path = "/committees/{id}/delegates", tag = "delegates",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<DelegateView>), (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<DelegateView>>, Error> {
    Ok(axum::Json(
        delegates_of(&app, account.id, path_id(&id)?, caller.tr).await?,
    ))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(list))
}
