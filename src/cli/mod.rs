//! The command line: `serve` (the default), `demo`, `migrate`, `backup` and `admin`.

pub mod demo;
pub mod seed;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::app::Config;
use crate::db::Db;

#[derive(Parser)]
#[command(
    name = "outnumber",
    version,
    about = "Self-hosted software for networks of rank-and-file workplace committees",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
    /// How log lines are written to the standard error stream: `text` for people, `json`
    /// (one object a line) for a log collector.
    #[arg(long, global = true, env = "OUTNUMBER_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the API (the default).
    Serve(ServeArgs),
    /// Start a throwaway server seeded with a demo network, with open registration.
    Demo(DemoArgs),
    /// Bring the database schema up to date and exit.
    Migrate(DatabaseArgs),
    /// Take a consistent copy of a SQLite database, also while it serves.
    Backup {
        /// Where to write the copy; must not exist yet.
        path: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Administration.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Args, Clone)]
struct DatabaseArgs {
    /// `sqlite://PATH`, `postgres://...`, or a path to a SQLite file.
    #[arg(
        long = "database",
        env = "OUTNUMBER_DATABASE_URL",
        default_value = "sqlite://outnumber.db"
    )]
    url: String,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "OUTNUMBER_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Let anyone register without an invite.
    #[arg(long, env = "OUTNUMBER_OPEN_REGISTRATION")]
    open_registration: bool,
    /// The address people reach the server at (for links and QR codes), such as
    /// `https://outnumber.example.org`. Defaults to `http://` and the listen address.
    #[arg(long, env = "OUTNUMBER_PUBLIC_URL")]
    public_url: Option<String>,
    /// Folder for keys that must stay outside the database.
    #[arg(long, env = "OUTNUMBER_DATA_DIR", default_value = ".")]
    data_dir: PathBuf,
    /// Hours an incident's summary, location and the people around it are kept before
    /// they are erased (kind, time, committee and outcome stay).
    #[arg(long, env = "OUTNUMBER_INCIDENT_RETENTION_HOURS", default_value_t = crate::core::incidents::DEFAULT_RETENTION_HOURS,
          value_parser = clap::value_parser!(i64).range(1..=24 * 365))]
    incident_retention_hours: i64,
    /// The SMTP server for e-mail notifications: `smtp://host:port` (no TLS, for a relay on
    /// the same machine), `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host` (TLS). Without it, e-mail is unavailable.
    #[arg(long, env = "OUTNUMBER_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender of e-mail notifications, such as `Outnumber <alerts@example.org>`.
    /// Defaults to `outnumber@` and the host of the public address.
    #[arg(long, env = "OUTNUMBER_MAIL_FROM")]
    mail_from: Option<String>,
    /// The time zone committees get when their founders choose none, and that committees
    /// founded before time zones existed keep: a name of the tz database, such as
    /// `America/Chicago`.
    #[arg(long, env = "OUTNUMBER_TIME_ZONE", default_value = "UTC",
          value_parser = parse_zone)]
    time_zone: crate::core::zones::Zone,
    /// Where to report a vulnerability in this server, for `/.well-known/security.txt`
    /// (RFC 9116): a `mailto:` or `https:` address. Without it, there is no security.txt.
    #[arg(long, env = "OUTNUMBER_SECURITY_CONTACT", value_parser = parse_contact)]
    security_contact: Option<String>,
    /// Serve `/metrics` (the Prometheus text format) to requests bearing this token
    /// (`Authorization: Bearer TOKEN`), at least 16 characters. Without it, `/metrics`
    /// answers 404.
    #[arg(long, env = "OUTNUMBER_METRICS_TOKEN", hide_env_values = true,
          value_parser = parse_metrics_token)]
    metrics_token: Option<String>,
    /// A reverse proxy's address range, such as `127.0.0.1/32`: requests from it count
    /// against the client its `Forwarded` or `X-Forwarded-For` header names, for rate limits
    /// only (never stored or logged). Repeat it, or separate ranges with commas.
    #[arg(long = "trusted-proxy", env = "OUTNUMBER_TRUSTED_PROXY", value_name = "CIDR",
          value_delimiter = ',', value_parser = crate::web::forwarded::TrustedProxies::parse_range)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// The one header the trusted proxies name the client in: `x-forwarded-for` (nginx,
    /// Caddy) or `forwarded` (RFC 7239, for a proxy set up to write it). The other is never
    /// read: a stock proxy passes it on from the client as it came.
    #[arg(
        long,
        env = "OUTNUMBER_TRUSTED_PROXY_HEADER",
        value_enum,
        default_value_t
    )]
    trusted_proxy_header: crate::web::forwarded::ClientHeader,
}

fn parse_metrics_token(token: &str) -> Result<String, String> {
    let min = crate::web::observe::METRICS_TOKEN_MIN;
    if token.chars().count() < min || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "the metrics token must be at least {min} characters, without spaces (such as the output of `openssl rand -hex 24`)"
        ));
    }
    Ok(token.to_owned())
}

fn parse_contact(value: &str) -> Result<String, String> {
    let value = value.trim();
    let scheme_ok = value.starts_with("mailto:") || value.starts_with("https://");
    if scheme_ok && !value.contains(char::is_whitespace) && value.len() <= 200 {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "{value} is not a mailto: or https:// address (such as mailto:security@example.org)"
        ))
    }
}

fn parse_zone(name: &str) -> Result<crate::core::zones::Zone, String> {
    crate::core::zones::Zone::parse(name).map_err(|_| {
        format!("{name} is not a time zone of the tz database (such as America/Chicago)")
    })
}

impl ServeArgs {
    fn config(&self) -> Config {
        let mut config = Config::new(self.listen, self.database.url.clone());
        config.open_registration = self.open_registration;
        if let Some(url) = &self.public_url {
            config.public_url = url.trim_end_matches('/').to_owned();
            config.secure_cookies = url.starts_with("https://");
        }
        config.data_dir = self.data_dir.clone();
        config.incident_retention =
            std::time::Duration::from_secs(self.incident_retention_hours.unsigned_abs() * 3600);
        config.smtp_url = self.smtp_url.clone().filter(|u| !u.trim().is_empty());
        config.mail_from = self.mail_from.clone().filter(|f| !f.trim().is_empty());
        config.time_zone = self.time_zone;
        config.security_contact = self.security_contact.clone();
        config.metrics_token = self.metrics_token.clone();
        config.trusted_proxies =
            crate::web::forwarded::TrustedProxies::new(self.trusted_proxies.clone())
                .reading(self.trusted_proxy_header);
        config
    }
}

#[derive(Args)]
#[command(after_help = "\
The demo's accounts share a published password, and anyone may register: keep it to a \
machine or a network you trust. Every account, the administrator `admin` included, logs in \
with the printed password; no setup link is printed.

Port 8080 taken? Without --listen (and --public-url) the demo takes a free port and says \
which; or choose one: `outnumber demo --listen 127.0.0.1:8081`.

To open it from a phone on the same network, give the address the phone reaches this \
machine at: `outnumber demo --public-url http://192.168.1.20:8080`. It then listens on every \
interface (0.0.0.0) at that port, unless --listen says otherwise, and its links and QR \
codes lead there. Phones install it, keep pages offline and get push notifications only \
over https (or on localhost).")]
struct DemoArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080, or 0.0.0.0 and the port of
    /// --public-url when that is given].
    #[arg(long, env = "OUTNUMBER_LISTEN")]
    listen: Option<SocketAddr>,
    /// The address people reach the demo at, for its links and QR codes, such as
    /// `http://192.168.1.20:8080` for phones on the same network.
    #[arg(long, env = "OUTNUMBER_PUBLIC_URL")]
    public_url: Option<String>,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Recount every action's pledges and every motion's turnout and secret sums from the
    /// rows and compare them with the kept counts; exits with an error if any differ.
    Verify {
        /// The folder holding `contact-keys`, which open the secret sums.
        #[arg(long, env = "OUTNUMBER_DATA_DIR", default_value = ".")]
        data_dir: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Generate a network at general-strike scale, for benchmarks (into an empty database).
    Seed {
        #[arg(long, default_value_t = 1_000_000)]
        accounts: usize,
        #[arg(long, default_value_t = 50_000)]
        committees: usize,
        #[arg(long, default_value_t = 2_000)]
        councils: usize,
        #[arg(long, default_value_t = 1_000_000)]
        pledges: usize,
        /// Sessions to open for a load generator.
        #[arg(long, default_value_t = 0)]
        sessions: usize,
        /// Where to write the sessions' tokens, one per line.
        #[arg(long)]
        tokens_out: Option<PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Replace the key that encrypts e-mail addresses and push subscriptions: add a new key
    /// to the key file in the data folder, re-encrypt every stored contact with it, and drop
    /// the old keys. Stop the server first, and start it again afterwards.
    RotateKey {
        /// The folder holding `contact-keys`.
        #[arg(long, env = "OUTNUMBER_DATA_DIR", default_value = ".")]
        data_dir: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Send one test mail through the SMTP server `serve` is configured with, and say
    /// whether the server took it (exit status 1 if not).
    TestEmail {
        /// Where to send the test mail.
        address: String,
        /// The SMTP server, as for `serve`.
        #[arg(long, env = "OUTNUMBER_SMTP_URL")]
        smtp_url: Option<String>,
        /// The sender, as for `serve`.
        #[arg(long, env = "OUTNUMBER_MAIL_FROM")]
        mail_from: Option<String>,
        /// The address people reach the server at (names the sender's default domain).
        #[arg(
            long,
            env = "OUTNUMBER_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// Print a link that lets one person (or several) register without joining a
    /// committee, for founders of new committees when registration is closed.
    Invite {
        #[arg(long)]
        max_uses: Option<i64>,
        #[arg(long)]
        expires_in_hours: Option<i64>,
        /// The address people reach the server at, for the printed link.
        #[arg(
            long,
            env = "OUTNUMBER_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging_as(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("outnumber: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("outnumber: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        None => serve(cli.serve).await,
        Some(Command::Serve(args)) => serve(args).await,
        Some(Command::Demo(args)) => demo::run(args.listen, args.public_url).await,
        Some(Command::Migrate(database)) => {
            let db = Db::connect(&database.url)
                .await
                .map_err(|e| e.to_string())?;
            db.close().await;
            println!("The database is up to date.");
            Ok(())
        }
        Some(Command::Backup { path, database }) => backup(&path, &database.url).await,
        Some(Command::Admin(AdminCommand::Verify { data_dir, database })) => {
            let keys = crate::delivery::contact::Keyring::load(&data_dir).map_err(|e| {
                format!(
                    "cannot read the contact keys in {} (--data-dir): {e}",
                    data_dir.display()
                )
            })?;
            let db = Db::connect(&database.url)
                .await
                .map_err(|e| e.to_string())?;
            let (actions, mut mismatches) = crate::actions::store::verify(db.pool())
                .await
                .map_err(|e| e.to_string())?;
            let (motions, ballots) = crate::motions::service::verify(&db, &keys)
                .await
                .map_err(|e| e.to_string())?;
            mismatches.extend(ballots);
            db.close().await;
            for m in &mismatches {
                println!(
                    "{}: {} kept as {}, counted {}",
                    m.of, m.what, m.kept, m.counted
                );
            }
            if mismatches.is_empty() {
                println!(
                    "{actions} action(s) and {motions} motion(s) checked: every count matches its pledges and ballots."
                );
                Ok(())
            } else {
                Err(format!(
                    "{} count(s) differ from the pledges and ballots they sum",
                    mismatches.len()
                ))
            }
        }
        Some(Command::Admin(AdminCommand::Seed {
            accounts,
            committees,
            councils,
            pledges,
            sessions,
            tokens_out,
            database,
        })) => {
            let db = Db::connect(&database.url)
                .await
                .map_err(|e| e.to_string())?;
            let started = std::time::Instant::now();
            let seeded = seed::seed(
                &db,
                &seed::Plan {
                    accounts,
                    committees,
                    councils,
                    pledges,
                    sessions,
                    tokens_out,
                },
            )
            .await?;
            db.close().await;
            println!(
                "Seeded in {:.0?}. top council {}, action with pledges {}, action to pledge against {}",
                started.elapsed(),
                seeded.top_council,
                seeded.big_action,
                seeded.write_action
            );
            Ok(())
        }
        Some(Command::Admin(AdminCommand::RotateKey { data_dir, database })) => {
            let db = Db::connect(&database.url)
                .await
                .map_err(|e| e.to_string())?;
            let rotated = crate::delivery::service::rotate_key(&db, &data_dir).await;
            db.close().await;
            let rotated = rotated?;
            println!(
                "New contact key {}: {} contact detail(s) re-encrypted; the old keys are gone.",
                rotated.key_id, rotated.resealed
            );
            Ok(())
        }
        Some(Command::Admin(AdminCommand::TestEmail {
            address,
            smtp_url,
            mail_from,
            public_url,
        })) => {
            let mut config = Config::new(([127, 0, 0, 1], 0).into(), String::new());
            config.public_url = public_url.trim_end_matches('/').to_owned();
            config.smtp_url = smtp_url.filter(|u| !u.trim().is_empty());
            config.mail_from = mail_from.filter(|f| !f.trim().is_empty());
            let server = crate::delivery::service::send_test_email(&config, address.trim())
                .await
                .map_err(|why| format!("the test mail was not sent: {why}"))?;
            println!(
                "{server} took the test mail for {}. If it does not arrive, look in the \
                 spam folder and in the mail server's log.",
                address.trim()
            );
            Ok(())
        }
        Some(Command::Admin(AdminCommand::Invite {
            max_uses,
            expires_in_hours,
            public_url,
            database,
        })) => {
            let db = Db::connect(&database.url)
                .await
                .map_err(|e| e.to_string())?;
            let mut config = Config::new(([127, 0, 0, 1], 0).into(), database.url.clone());
            config.public_url = public_url.trim_end_matches('/').to_owned();
            let app = crate::app::App::new(config, db);
            let invite = crate::committees::service::create_registration_invite(
                &app,
                None,
                max_uses,
                expires_in_hours,
            )
            .await
            .map_err(|e| e.to_string())?;
            println!(
                "Registration link (valid until {}, {} use(s)):\n{}",
                invite.expires_at,
                invite.max_uses,
                app.config
                    .link(&format!("/register?invite={}", invite.code))
            );
            app.db.close().await;
            Ok(())
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let running = crate::server::start(args.config())
        .await
        .map_err(|e| match &e {
            crate::server::StartError::Listen(addr, err)
                if err.kind() == std::io::ErrorKind::AddrInUse =>
            {
                format!("{e}. {}", port_taken_hint(*addr))
            }
            _ => e.to_string(),
        })?;
    running.run_until_signal().await;
    Ok(())
}

/// What to do when the port is taken.
pub(crate) fn port_taken_hint(addr: SocketAddr) -> String {
    let other = SocketAddr::new(addr.ip(), addr.port().saturating_add(1).max(1024));
    format!(
        "Another program uses port {}: stop it, or choose another port with --listen, such as \
         --listen {other}",
        addr.port()
    )
}

async fn backup(path: &std::path::Path, url: &str) -> Result<(), String> {
    if path.exists() {
        return Err(format!(
            "{} exists already; choose a new file",
            path.display()
        ));
    }
    let target = path
        .to_str()
        .ok_or_else(|| "the backup path must be valid UTF-8".to_owned())?;
    let db = Db::connect(url).await.map_err(|e| e.to_string())?;
    db.backup_to(target).await.map_err(|e| e.to_string())?;
    db.close().await;
    println!("Backed up to {}", path.display());
    Ok(())
}

/// Logs as text to the standard error stream.
pub fn init_logging() {
    init_logging_as(LogFormat::Text);
}

/// Logs to the standard error stream in `format`, filtered by `OUTNUMBER_LOG`.
pub fn init_logging_as(format: LogFormat) {
    use tracing_subscriber::prelude::*;
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let layer = match format {
        LogFormat::Text => fmt.boxed(),
        LogFormat::Json => fmt.json().flatten_event(true).boxed(),
    };
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(log_filter())
        .try_init();
}

/// Logs as text into the test harness's capture, shown with a failing test's output.
pub fn init_test_logging() {
    use tracing_subscriber::prelude::*;
    let _ = tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_test_writer())
        .with(log_filter())
        .try_init();
}

fn log_filter() -> tracing_subscriber::filter::Targets {
    use tracing_subscriber::filter::Targets;
    std::env::var("OUTNUMBER_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            // sqlx reports slow statements with their full text: a multi-row insert of
            // thousands of values, or a query holding a member's id. Neither belongs in logs.
            Targets::new()
                .with_default(tracing::Level::INFO)
                .with_target("sqlx::query", tracing::Level::ERROR)
        })
}
