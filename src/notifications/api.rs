//! The inbox and the live stream in the JSON API.

use std::collections::HashSet;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::response::sse::Event;
use futures_util::stream;
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
use crate::web::stream::{Depends, Guard, event_stream, stream_events, tagged_event};

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

stream_events!(
    /// One event of `GET /events`: its `event:` line is `event`, its `data:` line `data` as
    /// JSON, and its `id:` line the last inbox notification sent.
    pub enum InboxEvent {
        /// A new notification.
        Notification(NotificationView) = "notification",
        /// The notifications about `subject_id` were withdrawn (a false alarm): take them off
        /// the page.
        Retracted(Retracted) = "retracted",
        /// Some notifications could not be sent: the inbox holds them; read it again.
        Missed(Missed) = "missed",
        /// The stream is live, after any replay: the unread count.
        Ready(UnreadCount) = "ready",
    }
);

#[derive(Serialize, ToSchema)]
pub struct Retracted {
    pub subject_id: Id,
}

#[derive(Serialize, ToSchema)]
pub struct Missed {
    /// How many were missed, when that is known.
    pub count: Option<u64>,
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

/// The most notifications a resumed stream sends again. A member away for longer is told to
/// read the page again (`missed`): a hundred toasts would help nobody.
const REPLAY_MAX: usize = 100;

/// Where a client asks its stream to resume from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resume {
    /// A new stream: nothing to send again.
    Fresh,
    /// After the notification with this id, which the stream had sent last, or from the
    /// inbox's first when it had sent none ([`Id::NOTHING`]).
    After(Id),
    /// Nothing this server sends as an id: the client is told to read the page again.
    Unreadable,
}

impl Resume {
    fn parse(raw: &str) -> Resume {
        let raw = raw.trim();
        if raw.is_empty() {
            Resume::Fresh
        } else if raw == Id::NOTHING.to_string() {
            Resume::After(Id::NOTHING)
        } else {
            raw.parse().map_or(Resume::Unreadable, Resume::After)
        }
    }

    /// The `Last-Event-ID` header, which a browser's `EventSource` sends when it reconnects
    /// by itself, wins over the query, which a page's script passes to a new one.
    fn asked(headers: &HeaderMap, query: Result<&EventsQuery, ()>) -> Resume {
        match (headers.get(LAST_EVENT_ID), query) {
            (Some(value), _) if !value.is_empty() => {
                value.to_str().map_or(Resume::Unreadable, Resume::parse)
            }
            (_, Ok(query)) => query
                .last_event_id
                .as_deref()
                .map_or(Resume::Fresh, Resume::parse),
            (_, Err(())) => Resume::Unreadable,
        }
    }
}

const LAST_EVENT_ID: &str = "last-event-id";

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// The id of the last event received, as `Last-Event-ID` carries it, for a client that
    /// cannot send that header (a browser's new `EventSource`). The header wins.
    last_event_id: Option<String>,
}

/// What a stream resumed after `last` sends again: the account's notifications since, or
/// `None` when that cannot be known (an id that is not one of the account's notifications,
/// or no longer is, or more than [`REPLAY_MAX`] since).
async fn since(app: &App, account: Id, last: Id) -> Result<Option<Vec<Notification>>, Error> {
    let anchor = if last == Id::NOTHING {
        None
    } else {
        match store::find(app.db.pool(), account, last).await? {
            Some(n) => Some((n.created_at, n.id)),
            None => return Ok(None),
        }
    };
    Ok(store::after(app.db.pool(), account, anchor, REPLAY_MAX).await?)
}

/// The caller's notifications as server-sent events: one `notification` event per new
/// notification, `retracted` with a `subject_id` when the notifications about it were
/// withdrawn (a false alarm), `missed` when some could not be sent (the client fell behind,
/// or its stream cannot be resumed: the inbox still holds them, the page should read it
/// again), and `ready` with the unread count once the stream is live.
///
/// Every event's id is the id of the last of the caller's inbox notifications the stream
/// sent (`0000000000000000` before any). A client that reconnects with it as
/// `Last-Event-ID` (or `last_event_id`) first gets the notifications it missed, oldest
/// first, then `ready`; one it cannot be given them (an unknown or malformed id, more than
/// 100 since) gets one `missed`, then `ready`. The stream starts with `retry: 3000` and
/// ends within a second of its session ending (log-out, a password change in another
/// session, the account deleted).
#[utoipa::path(get, path = "/events", tag = "notifications",
    params(EventsQuery,
           ("Last-Event-ID" = Option<String>, Header,
            description = "The id of the last event received, sent by a reconnecting `EventSource`")),
    responses((status = 200, content_type = "text/event-stream", body = InboxEvent,
               description = "A stream of server-sent events, each one of `InboxEvent`: the `event:` line names it, the `data:` line holds its `data` as JSON"),
              (status = "4XX", body = ErrorBody)))]
async fn events(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    headers: HeaderMap,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Response, Error> {
    let asked = Resume::asked(&headers, query.as_ref().map(|q| &q.0).map_err(|_| ()));
    // Listen before reading the inbox, so nothing can slip between the two; what is heard
    // of the notifications read here is not sent twice.
    let guard = Guard::new(&app, &account, Depends::OnAccount);
    let subscription = app.bus.subscribe(Topic::Account(account.id));
    let replay = match asked {
        Resume::Fresh => Some(Vec::new()),
        Resume::After(last) => since(&app, account.id, last).await?,
        Resume::Unreadable => None,
    };
    let cursor = match (&replay, asked) {
        (Some(replay), _) if !replay.is_empty() => replay.last().map_or(Id::NOTHING, |n| n.id),
        (Some(_), Resume::After(last)) => last,
        // A new stream, or one told it missed something, goes on from the newest.
        _ => store::newest(app.db.pool(), account.id)
            .await?
            .unwrap_or(Id::NOTHING),
    };
    let unread = store::unread_count(app.db.pool(), account.id).await?;
    let tr = caller.tr;
    let replayed: HashSet<Id> = replay.iter().flatten().map(|n| n.id).collect();
    let mut first: Vec<Event> = replay
        .iter()
        .flatten()
        .map(|n| notification_event(n, n.id, tr))
        .collect();
    if replay.is_none() {
        first.push(tagged_event(
            &InboxEvent::Missed(Missed { count: None }),
            cursor,
        ));
    }
    first.push(tagged_event(
        &InboxEvent::Ready(UnreadCount {
            unread_count: unread,
        }),
        cursor,
    ));
    let closing = app.closing();
    let live = stream::unfold(
        (subscription, closing, cursor, replayed),
        move |(mut subscription, mut closing, mut cursor, replayed)| async move {
            loop {
                let next = tokio::select! {
                    next = subscription.next() => next,
                    _ = closing.changed() => None,
                }?;
                let event = match next {
                    Ok(Live::Notification(n)) => {
                        if replayed.contains(&n.id) {
                            continue;
                        }
                        // One sent ahead of its inbox row cannot be resumed from yet:
                        // the id stays that of the last row sent.
                        if !n.ahead_of_inbox {
                            cursor = n.id;
                        }
                        notification_event(&n, cursor, tr)
                    }
                    Ok(Live::Retracted(subject)) => tagged_event(
                        &InboxEvent::Retracted(Retracted {
                            subject_id: subject,
                        }),
                        cursor,
                    ),
                    Ok(Live::Changed) => Event::default().comment("changed"),
                    Err(missed) => tagged_event(
                        &InboxEvent::Missed(Missed {
                            count: Some(missed),
                        }),
                        cursor,
                    ),
                };
                return Some((Ok(event), (subscription, closing, cursor, replayed)));
            }
        },
    );
    let stream = futures_util::StreamExt::chain(stream::iter(first.into_iter().map(Ok)), live);
    // What the stream shows is addressed to the account: the session is all it stands on.
    let stream = guard.wrap(stream, || std::future::ready(true));
    Ok(event_stream(stream))
}

fn notification_event(n: &Notification, id: Id, tr: Tr) -> Event {
    tagged_event(&InboxEvent::Notification(NotificationView::new(n, tr)), id)
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(read))
        .routes(routes!(events))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn query(id: Option<&str>) -> EventsQuery {
        EventsQuery {
            last_event_id: id.map(str::to_owned),
        }
    }

    #[test]
    fn a_stream_resumes_from_the_header_before_the_query() {
        let (a, b) = (Id::random(), Id::random());
        let mut headers = HeaderMap::new();
        assert_eq!(Resume::asked(&headers, Ok(&query(None))), Resume::Fresh);
        assert_eq!(
            Resume::asked(&headers, Ok(&query(Some(&a.to_string())))),
            Resume::After(a)
        );
        headers.insert(
            LAST_EVENT_ID,
            HeaderValue::from_str(&b.to_string()).expect("header"),
        );
        assert_eq!(
            Resume::asked(&headers, Ok(&query(Some(&a.to_string())))),
            Resume::After(b)
        );
        // An empty header is no header.
        headers.insert(LAST_EVENT_ID, HeaderValue::from_static(""));
        assert_eq!(
            Resume::asked(&headers, Ok(&query(Some(&a.to_string())))),
            Resume::After(a)
        );
    }

    #[test]
    fn what_the_server_never_sends_cannot_be_resumed_from() {
        let headers = HeaderMap::new();
        assert_eq!(Resume::parse(""), Resume::Fresh);
        assert_eq!(Resume::parse(" "), Resume::Fresh);
        assert_eq!(
            Resume::parse("0000000000000000"),
            Resume::After(Id::NOTHING)
        );
        for bogus in [
            "nonsense",
            "00000000000000001",
            "ffffffffffffffff",
            "0000000000000000x",
            "-1",
            "ABCDEF0123456789",
        ] {
            assert_eq!(Resume::parse(bogus), Resume::Unreadable, "{bogus}");
        }
        assert_eq!(Resume::asked(&headers, Err(())), Resume::Unreadable);
        let mut headers = HeaderMap::new();
        headers.insert(
            LAST_EVENT_ID,
            HeaderValue::from_bytes(b"caf\xe9").expect("header"),
        );
        assert_eq!(
            Resume::asked(&headers, Ok(&query(None))),
            Resume::Unreadable
        );
    }
}
