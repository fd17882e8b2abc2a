//! Starting and stopping a server: connect, migrate, bind, announce, serve, and run the
//! background jobs. Used by `outnumber serve`, `outnumber demo` and the tests alike.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app::{App, Config};
use crate::core::Timestamp;
use crate::db::{Db, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] StoreError),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
    #[error("{0}")]
    Other(String),
}

pub struct Running {
    pub addr: SocketAddr,
    pub app: App,
    /// The one-time token to create the first administrator, on a fresh database.
    pub setup_token: Option<String>,
    stop: oneshot::Sender<()>,
    serving: JoinHandle<()>,
    jobs: Vec<JoinHandle<()>>,
}

impl Running {
    /// Stops accepting requests, ends live streams, and waits for requests in flight.
    pub async fn shutdown(self) {
        let Running {
            app,
            stop,
            serving,
            jobs,
            ..
        } = self;
        let _ = stop.send(());
        app.close();
        for job in &jobs {
            job.abort();
        }
        let _ = serving.await;
        app.db.close().await;
    }

    /// Serves until Ctrl-C or SIGTERM, then shuts down gracefully.
    pub async fn run_until_signal(self) {
        shutdown_signal().await;
        tracing::info!("shutting down");
        self.shutdown().await;
    }
}

pub async fn start(mut config: Config) -> Result<Running, StartError> {
    let db = Db::connect(&config.database_url).await?;
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| StartError::Listen(config.listen, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Listen(config.listen, e))?;
    if config.public_url == format!("http://{}", config.listen) {
        config.public_url = format!("http://{addr}");
    }
    let app = App::new(config, db);
    app.delivery
        .prepare(&app.config)
        .map_err(StartError::Other)?;
    let rehashed = crate::delivery::service::rehash_endpoints(&app)
        .await
        .map_err(|e| StartError::Other(e.to_string()))?;
    if rehashed > 0 {
        tracing::info!(rehashed, "push endpoints are now found by a keyed hash");
    }
    app.directory.load_all().await?;
    let sealed = crate::motions::service::prepare_sums(&app)
        .await
        .map_err(StartError::Other)?;
    if sealed > 0 {
        tracing::info!(
            motions = sealed,
            "sealed the secret sums an earlier version kept in the clear"
        );
    }

    let setup_token = crate::accounts::service::fresh_setup_token(&app)
        .await
        .map_err(|e| StartError::Other(e.to_string()))?
        .map(|token| token.into_string());
    if let Some(token) = setup_token.as_ref().filter(|_| app.config.print_setup_link) {
        let link = app.config.link(&format!("/setup/{token}"));
        println!("No administrator yet: create the first one at {link}");
        println!("(This link works once. Restarting before using it prints a new one.)");
        // In the log too, for a server whose terminal nobody watches; the link is spent once
        // used and replaced at the next start (see SECURITY.md, "Logs").
        tracing::info!(setup_link = %link, "no administrator yet: the setup link creates the first one, once");
    }

    let (stop, stopped) = oneshot::channel::<()>();
    let router = crate::web::router(app.clone());
    let serving = tokio::spawn(serve(listener, router, app.clone(), stopped));
    let jobs = vec![
        tokio::spawn(housekeeping(app.clone())),
        tokio::spawn(crate::motions::service::closing_job(app.clone())),
        tokio::spawn(app.directory.clone().refresher()),
        tokio::spawn(app.directory.clone().reloader()),
        crate::actions::engine::start_writer(app.clone()),
        tokio::spawn(crate::actions::service::expiry_job(app.clone())),
        tokio::spawn(crate::actions::service::fanout_job(app.clone())),
        tokio::spawn(crate::incidents::service::retention_job(app.clone())),
        tokio::spawn(crate::bulletins::service::fanout_job(app.clone())),
        tokio::spawn(crate::delivery::service::sender_job(app.clone())),
    ];
    println!("Outnumber is listening on http://{addr}");
    tracing::info!(address = %format_args!("http://{addr}"), version = env!("CARGO_PKG_VERSION"), "listening");
    Ok(Running {
        addr,
        app,
        setup_token,
        stop,
        serving,
        jobs,
    })
}

/// Accepts connections and serves HTTP/1.1 on each until `stopped`, then lets the requests
/// in flight finish. A connection must deliver its request headers within
/// `Config::header_timeout` (also while idle between requests) and each request body within
/// `Config::body_timeout`; a slow client is cut off instead of holding a task for minutes.
///
/// HTTP/1.1 only: a reverse proxy speaks it to the server, and hyper's detection of HTTP/2
/// would read the first bytes of every connection without any deadline.
async fn serve(
    listener: TcpListener,
    router: axum::Router,
    app: App,
    stopped: oneshot::Receiver<()>,
) {
    let (header_timeout, body_timeout) = (app.config.header_timeout, app.config.body_timeout);
    // Each connection holds a receiver: the sender sees them all gone when the last ends.
    let (closing, connections) = tokio::sync::watch::channel(false);
    let mut stopped = std::pin::pin!(stopped);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    if !is_connection_error(&err) {
                        // Out of file descriptors, say: wait rather than spin.
                        tracing::warn!(error = %err, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                    continue;
                }
            },
            _ = &mut stopped => break,
        };
        let _ = stream.set_nodelay(true);
        let service = tower::ServiceExt::map_request(
            router.clone(),
            move |request: axum::http::Request<hyper::body::Incoming>| {
                let deadline = tokio::time::Instant::now() + body_timeout;
                let mut request = request.map(|body| {
                    axum::body::Body::new(crate::web::deadline::DeadlineBody::new(body, deadline))
                });
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                request
            },
        );
        let mut closing = connections.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            let connection = builder.serve_connection(
                hyper_util::rt::TokioIo::new(stream),
                hyper_util::service::TowerToHyperService::new(service),
            );
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = closing.wait_for(|closing| *closing) => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        });
    }
    drop(listener);
    drop(connections);
    // Live streams never end on their own; tell them to, so the shutdown completes.
    app.close();
    let _ = closing.send(true);
    closing.closed().await;
}

/// Errors of one connection that do not concern the others.
fn is_connection_error(err: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        err.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}

/// Periodic cleaning: forget idle rate-limit keys and delete expired sessions and API tokens.
async fn housekeeping(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        app.limits.forget_idle();
        let cleaned = async {
            let mut tx = app.db.begin().await?;
            crate::accounts::store::delete_expired_sessions(&mut tx, Timestamp::now()).await?;
            crate::accounts::store::delete_expired_tokens(&mut tx, Timestamp::now()).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(())
        }
        .await;
        if let Err(err) = cleaned {
            tracing::warn!(error = %err, "housekeeping failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
