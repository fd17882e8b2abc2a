//! A live stream ends with the right to it.
//!
//! Every server-sent-events stream of a signed-in member stands on three things: the
//! session it was opened with, the account, and the right to what it shows (the member's
//! own notifications, an action's counts, an incident). A [`Guard`] listens for whatever
//! may end one of them — the account's [`Topic::Access`] (a session of it ended, its
//! memberships changed), [`Topic::Network`] for the streams whose right depends on the
//! network (an affiliation ended), and a look every [`RECHECK`] for what nothing announces
//! (a session expiring, another server's change) — and each time asks again, from the
//! in-memory directory, whether the session still holds and the right still stands. When
//! either does not, the stream ends: the response closes, and nothing after it is sent. A
//! failed look counts as a no: the client reconnects and is told where it stands.
//!
//! The public action counter stream has no session and shows nothing a right protects; it
//! does not use this.
//!
//! Every stream, guarded or not, is answered through [`event_stream`], which makes it one that
//! survives a restart and a proxy: it starts with `retry:`, is never buffered or cached on
//! the way, and keeps the connection busy. What its events' ids mean is the stream's own
//! business: a state stream's events carry [`state_event`]'s version, the notification
//! stream the last inbox row it sent (`notifications::api::events`).

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::time::{Instant, Interval, MissedTickBehavior};

use crate::accounts::Account;
use crate::app::App;
use crate::bus::{Subscription, Topic};
use crate::core::{Id, Timestamp};

/// How often an open stream looks again without being told: sessions expire, and other
/// servers sharing the database end sessions and memberships this one hears of only
/// through the directory's reloads, every [`crate::directory::TTL`].
pub const RECHECK: Duration = crate::directory::TTL;

/// How long a browser waits before it reconnects a stream that ended (a restart, a proxy's
/// timeout): long enough that a restarting server is not met by every open page at once
/// within the same instant, short enough that an alert is not held back for long.
pub const RETRY: Duration = Duration::from_secs(3);

/// A stream of server-sent events as the answer: first the `retry:` every client should
/// use, then `events`, with a comment whenever it is silent for [`crate::web::KEEP_ALIVE`]
/// so that proxies keep the connection. nginx buffers a proxied answer unless told not to
/// (`X-Accel-Buffering`), and no cache may keep or merge one.
pub fn event_stream<S>(events: S) -> Response
where
    S: Stream<Item = Result<Event, Infallible>> + Send + 'static,
{
    let retry = stream::iter([Ok(Event::default().retry(RETRY))]);
    let mut response = Sse::new(retry.chain(events))
        .keep_alive(KeepAlive::new().interval(crate::web::KEEP_ALIVE))
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// An event carrying the whole of what a state stream shows (an action's counts, an
/// incident). Its id is the version of that state, a digest of the data itself: the same
/// state has the same id on every server and after every restart, and it tells nothing the
/// data does not. A state stream honours any `Last-Event-ID` by sending the current state
/// first, which replaces whatever was missed.
pub fn state_event(event: &impl StreamEvent) -> Event {
    match event.data_json() {
        Ok(json) => {
            let digest = Sha256::digest(json.as_bytes());
            let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            Event::default().event(event.name()).id(version).data(json)
        }
        Err(_) => unserialisable(),
    }
}

/// An event of a stream whose events carry ids of their own (the notification stream's).
pub fn tagged_event(event: &impl StreamEvent, id: Id) -> Event {
    match event.data_json() {
        Ok(json) => Event::default()
            .event(event.name())
            .id(id.to_string())
            .data(json),
        Err(_) => unserialisable(),
    }
}

/// Our own views always serialise; were one not to, a comment keeps the stream going
/// without sending a half event.
fn unserialisable() -> Event {
    Event::default().comment("unserialisable")
}

/// One event of a stream, declared with [`stream_events!`].
pub trait StreamEvent {
    /// Its `event:` line.
    fn name(&self) -> &'static str;
    /// Its `data:` line.
    fn data_json(&self) -> serde_json::Result<String>;
}

/// Declares the events of a stream as one enum, each variant with its name and its data:
/// the OpenAPI document describes the enum (`#[serde(tag = "event", content = "data")]`,
/// a `oneOf` of `{event, data}`), and [`state_event`] and [`tagged_event`] send it as the
/// `event:` and `data:` lines, from the same names. The data is serialised straight to its
/// line, as before there was a schema: a counts stream sends often, to many.
macro_rules! stream_events {
    (
        $(#[$doc:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_doc:meta])* $variant:ident($data:ty) = $event:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(serde::Serialize, utoipa::ToSchema)]
        // Each name is its variant's in snake_case (`tests` below hold them to it): a name
        // given through a macro is not read by the schema's derive.
        #[serde(tag = "event", content = "data", rename_all = "snake_case")]
        $vis enum $name {
            $( $(#[$variant_doc])* $variant($data) ),+
        }

        impl $crate::web::stream::StreamEvent for $name {
            fn name(&self) -> &'static str {
                match self {
                    $( Self::$variant(_) => $event ),+
                }
            }

            fn data_json(&self) -> serde_json::Result<String> {
                match self {
                    $( Self::$variant(data) => serde_json::to_string(data) ),+
                }
            }
        }
    };
}

pub(crate) use stream_events;

/// What an open stream stands on, and the signals that may end it.
pub struct Guard {
    app: App,
    account: Id,
    /// The hash of the session token the stream was opened with.
    session: Vec<u8>,
    access: Subscription,
    network: Option<Subscription>,
    recheck: Interval,
}

/// Whether the right to what a stream shows depends on the network, or only on the
/// account's own memberships and sessions.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Depends {
    OnAccount,
    OnNetwork,
}

impl Guard {
    /// Starts listening. Call it before the handler checks the right to what the stream will
    /// show, so that no change can slip between that check and the listening; the session
    /// (checked by the layer before the handler ran) is checked again before the first
    /// event.
    pub fn new(app: &App, account: &Account, depends: Depends) -> Self {
        let mut recheck = tokio::time::interval_at(Instant::now() + RECHECK, RECHECK);
        recheck.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Guard {
            app: app.clone(),
            account: account.id,
            session: account.session.clone(),
            access: app.bus.subscribe(Topic::Access(account.id)),
            network: (depends == Depends::OnNetwork).then(|| app.bus.subscribe(Topic::Network)),
            recheck,
        }
    }

    /// `events`, until the session ends or `still_allowed` answers no: it is asked before
    /// the first event and after every signal, and while it runs nothing is sent. When a
    /// signal and an event are ready at once, the signal goes first, so an event caused
    /// after the right ended never gets out.
    pub fn wrap<S, C, F>(
        self,
        events: S,
        still_allowed: C,
    ) -> impl Stream<Item = S::Item> + Send + 'static
    where
        S: Stream + Send + 'static,
        S::Item: Send,
        C: FnMut() -> F + Send + 'static,
        F: Future<Output = bool> + Send,
    {
        let events = Box::pin(events);
        stream::unfold(
            (self, events, still_allowed, true),
            |(mut guard, mut events, mut still_allowed, mut look)| async move {
                loop {
                    if look && !(guard.session_holds().await && still_allowed().await) {
                        return None;
                    }
                    tokio::select! {
                        biased;
                        alive = guard.signalled() => {
                            if !alive {
                                return None;
                            }
                            look = true;
                        }
                        // Dropping this `next` when a signal wins loses nothing: the stream
                        // keeps its own state between polls.
                        item = events.next() => {
                            return item.map(|item| (item, (guard, events, still_allowed, false)));
                        }
                    }
                }
            },
        )
    }

    /// Waits for a reason to look again; `false` when the bus itself is gone.
    async fn signalled(&mut self) -> bool {
        let Guard {
            access,
            network,
            recheck,
            ..
        } = self;
        let network = async {
            match network {
                Some(network) => network.next().await,
                None => std::future::pending().await,
            }
        };
        // A missed signal (`Err`) is still a signal.
        tokio::select! {
            signal = access.next() => signal.is_some(),
            signal = network => signal.is_some(),
            _ = recheck.tick() => true,
        }
    }

    /// Whether the session the stream was opened with is still the account's and unexpired.
    async fn session_holds(&self) -> bool {
        matches!(
            self.app.directory.session(&self.session, Timestamp::now()).await,
            Ok(Some(account)) if account.id == self.account
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    stream_events!(
        enum Sample {
            One(Id) = "one",
            TwoWords(Timestamp) = "two_words",
        }
    );

    #[test]
    fn the_schema_names_each_event_as_it_is_sent() {
        use utoipa::PartialSchema;

        fn names_in<S: PartialSchema>() -> Vec<String> {
            let schema = serde_json::to_value(S::schema()).expect("a schema");
            schema["oneOf"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|choice| choice["properties"]["event"]["enum"][0].as_str())
                .map(str::to_owned)
                .collect()
        }
        assert_eq!(names_in::<Sample>(), ["one", "two_words"]);
        assert_eq!(
            names_in::<crate::notifications::api::InboxEvent>(),
            ["notification", "retracted", "missed", "ready"]
        );
        let sent: Vec<&str> = [
            Sample::One(Id::from_db(1)),
            Sample::TwoWords(Timestamp::from_millis(0)),
        ]
        .iter()
        .map(StreamEvent::name)
        .collect();
        assert_eq!(sent, ["one", "two_words"]);
    }

    #[test]
    fn an_event_is_sent_as_its_schema_says() {
        for event in [
            Sample::One(Id::from_db(7)),
            Sample::TwoWords(Timestamp::from_millis(1_800_000_000_000)),
        ] {
            let described = serde_json::to_value(&event).expect("serialises");
            let data: serde_json::Value =
                serde_json::from_str(&event.data_json().expect("data")).expect("JSON");
            assert_eq!(described["event"], event.name());
            assert_eq!(described["data"], data);
        }
    }
}
