//! Bulletins and the feed in the JSON API.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::App;
use crate::bulletins::markdown;
use crate::bulletins::service::{self, Bulletin, Page, Publish, Shown, Version};
use crate::core::fields::Language;
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, path_id};

#[derive(Serialize, ToSchema)]
pub struct VersionView {
    pub language: String,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    /// The body rendered to HTML that is safe to show as it is.
    pub html: String,
}

impl VersionView {
    fn new(v: &Shown<'_>) -> Self {
        VersionView {
            language: v.language.as_str().to_owned(),
            title: v.title.to_owned(),
            body: v.body.to_owned(),
            html: markdown::render(v.body),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BulletinView {
    pub id: Id,
    pub committee_id: Id,
    pub committee_name: String,
    /// `members` or `network`.
    pub audience: String,
    pub created_at: Timestamp,
    /// The language of the version shown here: the reader's when there is one, the
    /// original's otherwise.
    pub language: String,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    /// The body rendered to safe HTML.
    pub html: String,
    pub original_language: String,
    /// The versions in other languages than the original.
    pub translations: Vec<VersionView>,
}

impl BulletinView {
    pub fn new(b: &Bulletin, reader: Language) -> Self {
        let shown = b.shown_in(reader);
        BulletinView {
            id: b.id(),
            committee_id: Id::from_db(b.row.committee_id),
            committee_name: b.row.committee_name.clone(),
            audience: b.row.audience.clone(),
            created_at: Timestamp::from_millis(b.row.created_at),
            language: shown.language.as_str().to_owned(),
            title: shown.title.to_owned(),
            body: shown.body.to_owned(),
            html: markdown::render(shown.body),
            original_language: b.language().as_str().to_owned(),
            translations: b.versions().iter().skip(1).map(VersionView::new).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FeedView {
    /// Newest first.
    pub bulletins: Vec<BulletinView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl FeedView {
    pub fn new(page: &Page, reader: Language) -> Self {
        FeedView {
            bulletins: page
                .bulletins
                .iter()
                .map(|b| BulletinView::new(b, reader))
                .collect(),
            next_cursor: page.next.map(|c| c.encode()),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct TranslationRequest {
    /// `en`, `es`, `so` or `hmn`; not the original's language.
    language: String,
    title: String,
    body: String,
}

#[derive(Deserialize, ToSchema)]
pub struct PublishRequest {
    title: String,
    /// Markdown, up to 10,000 characters.
    body: String,
    /// `members` (the committee's members only) or `network` (up the council tree from a
    /// workplace committee, down it from a council).
    audience: String,
    /// The language it is written in (`en`, `es`, `so` or `hmn`); the author's when absent.
    language: Option<String>,
    #[serde(default)]
    translations: Vec<TranslationRequest>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CursorQuery {
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// A coordinator publishes a bulletin to the members or to the whole network.
#[utoipa::path(post, path = "/committees/{id}/bulletins", tag = "bulletins",
    params(("id" = String, Path)), request_body = PublishRequest,
    responses((status = 201, body = BulletinView), (status = "4XX", body = ErrorBody)))]
async fn publish(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PublishRequest>,
) -> Result<Response, Error> {
    let bulletin = service::publish(
        &app,
        &account,
        path_id(&id)?,
        Publish {
            title: body.title,
            body: body.body,
            audience: body.audience,
            language: body.language,
            translations: body
                .translations
                .into_iter()
                .map(|t| Version {
                    language: t.language,
                    title: t.title,
                    body: t.body,
                })
                .collect(),
        },
    )
    .await?;
    crate::web::extract::created("bulletins", BulletinView::new(&bulletin, caller.tr.lang))
}

/// A committee's bulletins, newest first.
#[utoipa::path(get, path = "/committees/{id}/bulletins", tag = "bulletins",
    params(("id" = String, Path), CursorQuery),
    responses((status = 200, body = FeedView), (status = "4XX", body = ErrorBody)))]
async fn of_committee(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<CursorQuery>,
) -> Result<axum::Json<FeedView>, Error> {
    let (_, _, page) =
        service::of_committee(&app, account.id, path_id(&id)?, query.cursor.as_deref()).await?;
    Ok(axum::Json(FeedView::new(&page, caller.tr.lang)))
}

/// A bulletin, in the caller's language when it has that translation.
#[utoipa::path(get, path = "/bulletins/{id}", tag = "bulletins",
    params(("id" = String, Path)),
    responses((status = 200, body = BulletinView), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<BulletinView>, Error> {
    let bulletin = service::find(&app, account.id, path_id(&id)?).await?;
    Ok(axum::Json(BulletinView::new(&bulletin, caller.tr.lang)))
}

/// The caller's feed: bulletins of their committees and the network, newest first.
#[utoipa::path(get, path = "/feed", tag = "bulletins",
    params(CursorQuery),
    responses((status = 200, body = FeedView), (status = "4XX", body = ErrorBody)))]
async fn feed(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Query(query): Query<CursorQuery>,
) -> Result<axum::Json<FeedView>, Error> {
    let page = service::feed(&app, account.id, query.cursor.as_deref()).await?;
    Ok(axum::Json(FeedView::new(&page, caller.tr.lang)))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(publish, of_committee))
        .routes(routes!(show))
        .routes(routes!(feed))
}
