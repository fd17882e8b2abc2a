//! Slow clients are cut off: a connection that does not finish its request headers in 10 s
//! (the default), or whose body stalls past its deadline, is answered or closed instead of
//! holding a connection and a task for minutes; live streams, which are answers and not
//! request bodies, stay open.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::both;
use crate::common::TestApp;
use crate::notifications::next_event;

both!(
    half_sent_headers_are_cut_off_after_10_seconds,
    a_stalled_body_is_answered_at_its_deadline,
    live_streams_outlast_both_deadlines,
);

fn address(app: &TestApp) -> String {
    app.base.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection, or `within` passes; what was read and
/// whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let deadline = tokio::time::Instant::now() + within;
    let mut read = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&read).into(), true),
            Ok(Ok(n)) => read.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&read).into(), false),
        }
    }
}

async fn half_sent_headers_are_cut_off_after_10_seconds(app: TestApp) {
    let addr = address(&app);
    let started = Instant::now();
    let mut half = TcpStream::connect(&addr).await.expect("connect");
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: outnumber\r\nAccept: text")
        .await
        .expect("half the headers");
    // A connection that says nothing at all is cut off the same way.
    let mut silent = TcpStream::connect(&addr).await.expect("connect");
    let ((_, half_closed), (_, silent_closed)) = tokio::join!(
        read_until_closed(&mut half, Duration::from_secs(13)),
        read_until_closed(&mut silent, Duration::from_secs(13)),
    );
    let took = started.elapsed();
    assert!(
        half_closed && silent_closed,
        "still open after {took:?}: half-sent headers {half_closed}, nothing sent {silent_closed}"
    );
    assert!(
        took >= Duration::from_secs(9),
        "closed after {took:?}, before the 10 s a slow phone is given"
    );

    // A request that completes in time is served as before.
    let (status, _) = app
        .call(reqwest::Method::GET, "/api/v1/me", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn a_stalled_body_is_answered_at_its_deadline(app: TestApp) {
    let backend = app.backend;
    app.shutdown().await;
    let Some(app) = TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.body_timeout = Duration::from_secs(2);
    })
    .await
    else {
        return;
    };
    let mut stream = TcpStream::connect(address(&app)).await.expect("connect");
    let started = Instant::now();
    stream
        .write_all(
            b"POST /api/v1/sessions HTTP/1.1\r\nHost: outnumber\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"handle\": ",
        )
        .await
        .expect("headers and the start of the body");
    let (answer, closed) = read_until_closed(&mut stream, Duration::from_secs(10)).await;
    let took = started.elapsed();
    assert!(
        closed,
        "still open after {took:?} with a stalled body; read {answer:?}"
    );
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "a stalled body gets 408: {answer:?}"
    );
    assert!(answer.contains("\"request_timeout\""), "{answer}");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(5),
        "answered after {took:?}, for a deadline of 2 s"
    );
}

async fn live_streams_outlast_both_deadlines(app: TestApp) {
    let backend = app.backend;
    app.shutdown().await;
    let Some(app) = TestApp::spawn_with(backend, |config| {
        config.open_registration = true;
        config.header_timeout = Duration::from_secs(1);
        config.body_timeout = Duration::from_secs(1);
    })
    .await
    else {
        return;
    };
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let mut stream = app
        .client
        .get(app.url("/api/v1/events"))
        .bearer_auth(&rosa.token)
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), StatusCode::OK);
    let mut buffer = String::new();
    next_event(&mut stream, &mut buffer, "ready", Duration::from_secs(5))
        .await
        .expect("ready");
    tokio::time::sleep(Duration::from_secs(3)).await;
    app.member(&rosa, &depot, "amir").await;
    let live = next_event(
        &mut stream,
        &mut buffer,
        "notification",
        Duration::from_secs(5),
    )
    .await
    .expect("the stream is still open after both deadlines passed");
    assert_eq!(live["kind"], "member_joined");
}
