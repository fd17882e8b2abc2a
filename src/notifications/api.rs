//! The inbox and the live stream in the JSON API.

use std::convert::Infallible;

use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::App;
use crate::bus::{Live, Topic};
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::i18n::Tr;
use crate::notifications::{Notification, store};
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{OptionalJson, path_id};
use crate::web::stream::{Depends, Guard};

#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Id,
    pub kind: String,
    /// The notification in words, in the reader's language.
    pub text: String,
    pub committee_id: Option<Id>,
    /// What it is about (a meeting, motion, action, incident…), if anything.
    pub subject_id: Option<Id>,
    pub urgent: bool,
    pub created_at: Timestamp,
    pub read: bool,
    /// Where it leads in the web pages.
    pub link: String,
    /// What a page should link to: through the inbox (marking it read), or straight to
    /// `link` for a notification not yet in the inbox.
    pub href: String,
}

impl NotificationView {
    pub fn new(n: &Notification, tr: Tr) -> Self {
        NotificationView {
            id: n.id,
            kind: n.kind.as_str().to_owned(),
            text: n.text(tr),
            committee_id: n.committee_id,
            subject_id: n.subject_id,
            urgent: n.urgent,
            created_at: n.created_at,
            read: n.read_at.is_some(),
            link: n.link(),
            href: if n.ahead_of_inbox {
                n.link()
            } else {
                format!("/notifications/{}/open", n.id)
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Inbox {
    pub items: Vec<NotificationView>,
    pub unread_count: i64,
    /// Pass as `before` to get the next page; absent on the last page.
    pub next: Option<Id>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only unread notifications.
    #[serde(default)]
    unread: bool,
    /// The id of the last notification of the previous page.
    before: Option<String>,
    /// Page size, 1 to 100 (default 50); a number outside is read as the nearest of the two.
    limit: Option<i64>,
}

/// Reads a page of the inbox; shared by the API and the inbox page.
pub async fn inbox(
    app: &App,
    account: Id,
    tr: Tr,
    unread_only: bool,
    before: Option<&str>,
    limit: i64,
) -> Result<Inbox, Error> {
    let before = match before.filter(|s| !s.is_empty()) {
        Some(raw) => {
            let anchor = store::find(app.db.pool(), account, path_id(raw)?)
                .await?
                .ok_or_else(Error::not_found)?;
            Some((anchor.created_at, anchor.id))
        }
        None => None,
    };
    let limit = limit.clamp(1, 100);
    let page = store::page(app.db.pool(), account, before, unread_only, limit).await?;
    let next = (page.len() as i64 == limit)
        .then(|| page.last().map(|n| n.id))
        .flatten();
    Ok(Inbox {
        items: page.iter().map(|n| NotificationView::new(n, tr)).collect(),
        unread_count: store::unread_count(app.db.pool(), account).await?,
        next,
    })
}

/// The caller's inbox, newest first.
#[utoipa::path(get, path = "/notifications", tag = "notifications",
    params(InboxQuery),
    responses((status = 200, body = Inbox), (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Query(query): Query<InboxQuery>,
) -> Result<axum::Json<Inbox>, Error> {
    let inbox = inbox(
        &app,
        account.id,
        caller.tr,
        query.unread,
        query.before.as_deref(),
        query.limit.unwrap_or(50),
    )
    .await?;
    Ok(axum::Json(inbox))
}

#[derive(Deserialize, Default, ToSchema)]
pub struct MarkRead {
    /// The notifications to mark read; all of them when absent.
    ids: Option<Vec<Id>>,
}

#[derive(Serialize, ToSchema)]
pub struct UnreadCount {
    pub unread_count: i64,
}

/// Marks notifications read; shared by the API and the inbox page.
pub async fn mark_read(app: &App, account: Id, ids: Option<&[Id]>) -> Result<i64, Error> {
    if ids.is_some_and(|ids| ids.len() > 500) {
        return Err(crate::core::Invalid::new(
            "ids",
            crate::core::fields::Problem::TooLong { max: 500 },
        )
        .into());
    }
    let mut tx = app.db.begin().await?;
    store::mark_read(&mut tx, account, ids, Timestamp::now()).await?;
    tx.commit().await?;
    Ok(store::unread_count(app.db.pool(), account).await?)
}

/// Marks read what the account was told about `subject` in notifications of these kinds,
/// once it has seen the subject itself (an incident's page: an alert asks to be seen).
/// Writes only when there is something to mark.
pub async fn mark_seen(app: &App, account: Id, subject: Id, kinds: &[&str]) -> Result<(), Error> {
    if store::unread_about(app.db.pool(), account, subject, kinds).await? {
        let mut tx = app.db.begin().await?;
        store::mark_read_about(&mut tx, account, subject, kinds, Timestamp::now()).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Marks notifications read.
#[utoipa::path(post, path = "/notifications/read", tag = "notifications",
    request_body(content = Option<MarkRead>, description = "The body may be empty: all are marked read"),
    responses((status = 200, body = UnreadCount), (status = "4XX", body = ErrorBody)))]
async fn read(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    OptionalJson(body): OptionalJson<MarkRead>,
) -> Result<axum::Json<UnreadCount>, Error> {
    let unread_count = mark_read(&app, account.id, body.ids.as_deref()).await?;
    Ok(axum::Json(UnreadCount { unread_count }))
}

/// The caller's notifications as server-sent events: first `ready` with the unread count,
/// then one `notification` event per new notification, `retracted` with a `subject_id` when
/// the notifications about it were withdrawn (a false alarm), and `missed` if the client
/// fell so far behind that some were skipped (the inbox still holds them). The stream ends
/// within a second of its session ending (log-out, a password change in another session,
/// the account deleted).
#[utoipa::path(get, path = "/events", tag = "notifications",
    responses((status = 200, content_type = "text/event-stream", description = "A stream of server-sent events"),
              (status = "4XX", body = ErrorBody)))]
async fn events(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Error> {
    // Listen before reading the count, so nothing can slip between the two.
    let guard = Guard::new(&app, &account, Depends::OnAccount);
    let subscription = app.bus.subscribe(Topic::Account(account.id));
    let unread = store::unread_count(app.db.pool(), account.id).await?;
    let ready = Event::default()
        .event("ready")
        .data(serde_json::json!({ "unread_count": unread }).to_string());
    let tr = caller.tr;
    let closing = app.closing();
    let live = stream::unfold(
        (subscription, closing),
        move |(mut subscription, mut closing)| async move {
            let next = tokio::select! {
                next = subscription.next() => next,
                _ = closing.changed() => None,
            }?;
            let event = match next {
                Ok(Live::Notification(n)) => Event::default()
                    .event("notification")
                    .id(n.id.to_string())
                    .json_data(NotificationView::new(&n, tr))
                    .unwrap_or_default(),
                Ok(Live::Retracted(subject)) => Event::default()
                    .event("retracted")
                    .data(serde_json::json!({ "subject_id": subject }).to_string()),
                Ok(Live::Changed) => Event::default().comment("changed"),
                Err(missed) => Event::default()
                    .event("missed")
                    .data(serde_json::json!({ "count": missed }).to_string()),
            };
            Some((Ok(event), (subscription, closing)))
        },
    );
    let stream = futures_util::StreamExt::chain(stream::iter([Ok(ready)]), live);
    // What the stream shows is addressed to the account: the session is all it stands on.
    let stream = guard.wrap(stream, || std::future::ready(true));
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(crate::web::KEEP_ALIVE)))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(read))
        .routes(routes!(events))
}
