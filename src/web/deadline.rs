//! A deadline for a request's body: a client that sends its headers and then stalls, or
//! trickles its body a byte at a time, must not hold a connection and a task for minutes.
//!
//! The deadline runs from the moment the headers were read, for the whole body (not per
//! piece, as a per-read timeout would allow a trickle). It only bounds what the client sends;
//! a response (a live stream, say) is not a request body and is never cut by it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Bytes, HttpBody};
use http_body::{Frame, SizeHint};
use tokio::time::{Instant, Sleep};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The body did not arrive before its deadline.
#[derive(Debug)]
pub struct BodyTimedOut;

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimedOut {}

/// Whether `err`, or an error it was caused by, is a [`BodyTimedOut`].
pub fn timed_out(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut at = Some(err);
    while let Some(err) = at {
        if err.is::<BodyTimedOut>() {
            return true;
        }
        at = err.source();
    }
    false
}

/// `inner`, ending in [`BodyTimedOut`] if it is not all there by `deadline`.
pub struct DeadlineBody<B> {
    inner: B,
    deadline: Instant,
    // Made only when the body must be waited for: most bodies are already in the buffer, and
    // most requests have none.
    sleep: Option<Pin<Box<Sleep>>>,
}

impl<B> DeadlineBody<B> {
    pub fn new(inner: B, deadline: Instant) -> Self {
        DeadlineBody {
            inner,
            deadline,
            sleep: None,
        }
    }
}

impl<B> HttpBody for DeadlineBody<B>
where
    B: HttpBody<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let deadline = this.deadline;
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use http_body_util::BodyExt;

    use super::*;

    /// A body that never sends anything.
    struct Stalled;

    impl HttpBody for Stalled {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            Poll::Pending
        }
    }

    #[tokio::test]
    async fn a_stalled_body_ends_at_its_deadline() {
        let started = Instant::now();
        let body = DeadlineBody::new(Stalled, started + Duration::from_millis(200));
        let Err(err) = body.collect().await else {
            panic!("a stalled body was read whole");
        };
        assert!(timed_out(err.as_ref()), "{err}");
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(200) && took < Duration::from_secs(5),
            "{took:?}"
        );
    }

    #[tokio::test]
    async fn a_body_that_is_there_is_read_whole() {
        let inner = http_body_util::Full::new(Bytes::from_static(b"{}"));
        let body = DeadlineBody::new(inner, Instant::now());
        let read = body.collect().await.expect("read").to_bytes();
        assert_eq!(&read[..], b"{}");
    }
}
