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
    serving: JoinHandle<std::io::Result<()>>,
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
    if let Some(token) = &setup_token {
        println!(
            "No administrator yet: create the first one at {}",
            app.config.link(&format!("/setup/{token}"))
        );
        println!("(This link works once. Restarting before using it prints a new one.)");
    }

    let (stop, stopped) = oneshot::channel::<()>();
    let router = crate::web::router(app.clone());
    let closing_app = app.clone();
    let serving = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
            // Live streams never end on their own; tell them to, so the shutdown completes.
            closing_app.close();
        })
        .await
    });
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
    Ok(Running {
        addr,
        app,
        setup_token,
        stop,
        serving,
        jobs,
    })
}

/// Periodic cleaning: forget idle rate-limit keys and delete expired sessions.
async fn housekeeping(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        app.limits.forget_idle();
        let cleaned = async {
            let mut tx = app.db.begin().await?;
            crate::accounts::store::delete_expired_sessions(&mut tx, Timestamp::now()).await?;
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
