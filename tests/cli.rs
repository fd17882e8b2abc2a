//! The command line as people use it: the real binary, started in a fresh folder.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

struct Server {
    child: Child,
    base: String,
    lines: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outnumber-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Starts `outnumber ARGS` in `dir` and waits until it says where it listens.
fn start(dir: &Path, args: &[&str], ready_marker: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(args)
        .current_dir(dir)
        .env_remove("OUTNUMBER_DATABASE_URL")
        .env_remove("OUTNUMBER_LISTEN")
        .env_remove("OUTNUMBER_PUBLIC_URL")
        // A line per request would bury a failure's own words.
        .env("OUTNUMBER_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let mut base = None;
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
        if let Some(rest) = line
            .split("http://")
            .nth(1)
            .filter(|_| line.contains("listening on"))
        {
            base = Some(format!("http://{}", rest.trim()));
        }
        let done = line.contains(ready_marker);
        lines.push(line);
        if done {
            break;
        }
    }
    let base = base.unwrap_or_else(|| panic!("no address announced; output: {lines:#?}"));
    Server { child, base, lines }
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
}

fn setup_token(server: &Server) -> Option<String> {
    server
        .lines
        .iter()
        .find_map(|l| l.split("/setup/").nth(1))
        .map(|t| t.trim().to_owned())
}

#[test]
fn serve_creates_the_first_administrator_and_survives_kill_9() {
    let dir = fresh_dir("serve");
    let server = start(&dir, &["--listen", "127.0.0.1:0"], "listening on");
    assert!(
        dir.join("outnumber.db").exists(),
        "the default database is outnumber.db here"
    );
    let token = setup_token(&server).expect("a fresh database prints a setup link");
    let http = client();
    let page = http
        .get(format!("{}/setup/{token}", server.base))
        .send()
        .expect("page");
    assert_eq!(page.status(), 200);

    let created = http
        .post(format!("{}/api/v1/accounts", server.base))
        .json(&json!({ "handle": "admin", "password": "correct horse battery", "setup_token": token }))
        .send()
        .expect("register");
    assert_eq!(created.status(), 201);

    // The acknowledged write survives a SIGKILL.
    drop(server);
    let server = start(&dir, &["serve", "--listen", "127.0.0.1:0"], "listening on");
    assert_eq!(
        setup_token(&server),
        None,
        "only a fresh database prints a setup link"
    );
    let session = http
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({ "handle": "admin", "password": "correct horse battery" }))
        .send()
        .expect("log in");
    assert_eq!(session.status(), 201);
    let body: Value = session.json().expect("json");
    let bearer = body["token"].as_str().expect("token").to_owned();
    let me: Value = http
        .get(format!("{}/api/v1/me", server.base))
        .bearer_auth(&bearer)
        .send()
        .expect("me")
        .json()
        .expect("json");
    assert_eq!(me["is_admin"], true);

    // A consistent copy while it serves, which is a working database of its own.
    let backup = dir.join("copy.db");
    let status = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["backup", backup.to_str().expect("path")])
        .current_dir(&dir)
        .env_remove("OUTNUMBER_DATABASE_URL")
        .status()
        .expect("backup runs");
    assert!(status.success());
    drop(server);
    let copy = start(
        &dir,
        &[
            "--listen",
            "127.0.0.1:0",
            "--database",
            &format!("sqlite://{}", backup.display()),
        ],
        "listening on",
    );
    let session = http
        .post(format!("{}/api/v1/sessions", copy.base))
        .json(&json!({ "handle": "admin", "password": "correct horse battery" }))
        .send()
        .expect("log in");
    assert_eq!(session.status(), 201, "the copy holds the account");
    drop(copy);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_prints_its_address_and_logins() {
    let dir = fresh_dir("demo");
    let server = start(&dir, &["demo", "--listen", "127.0.0.1:0"], "Press Ctrl-C");
    let output = server.lines.join("\n");
    assert!(output.contains("solidarity-forever"), "{output}");
    for handle in ["rosa", "amir", "june", "admin"] {
        assert!(output.contains(handle), "{output}");
    }
    assert!(
        !output.contains("/setup/"),
        "the demo prints no setup link anyone could use: {output}"
    );
    assert!(
        output.contains(&format!("Outnumber demo: {}", server.base)),
        "{output}"
    );
    let http = client();
    let session = http
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({ "handle": "amir", "password": "solidarity-forever" }))
        .send()
        .expect("log in");
    assert_eq!(session.status(), 201);
    // The administrator logs in with the printed password.
    let session: Value = http
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({ "handle": "admin", "password": "solidarity-forever" }))
        .send()
        .expect("log in")
        .json()
        .expect("json");
    let me: Value = http
        .get(format!("{}/api/v1/me", server.base))
        .bearer_auth(session["token"].as_str().expect("token"))
        .send()
        .expect("me")
        .json()
        .expect("json");
    assert_eq!(me["is_admin"], true, "{me}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_takes_a_free_port_when_8080_is_taken_and_says_so() {
    // Held for the test; if another program holds it already, it is taken all the same.
    let _held = std::net::TcpListener::bind("127.0.0.1:8080");
    let dir = fresh_dir("demo-port");
    let server = start(&dir, &["demo"], "Press Ctrl-C");
    let output = server.lines.join("\n");
    assert!(output.contains("Port 8080 is in use"), "{output}");
    assert!(output.contains("--listen 127.0.0.1:PORT"), "{output}");
    assert!(!server.base.ends_with(":8080"), "{}", server.base);
    let health = client()
        .get(format!("{}/healthz", server.base))
        .send()
        .expect("health");
    assert_eq!(health.status(), 200);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_on_a_port_it_was_told_and_cannot_have_says_what_to_do() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = held.local_addr().expect("addr").port();
    let dir = fresh_dir("demo-told");
    let output = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["demo", "--listen", &format!("127.0.0.1:{port}")])
        .current_dir(&dir)
        .env_remove("OUTNUMBER_LISTEN")
        .env_remove("OUTNUMBER_PUBLIC_URL")
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("port {port}")), "{stderr}");
    assert!(stderr.contains("--listen 127.0.0.1:"), "{stderr}");
    drop(held);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_links_and_qr_codes_lead_to_its_public_url() {
    let dir = fresh_dir("demo-public");
    let public = "http://192.0.2.10:8080";
    let server = start(
        &dir,
        &["demo", "--listen", "127.0.0.1:0", "--public-url", public],
        "Press Ctrl-C",
    );
    let output = server.lines.join("\n");
    assert!(
        output.contains(&format!("Outnumber demo: {public}")),
        "{output}"
    );
    // Told to listen on this machine only, it says a phone cannot reach it there.
    assert!(output.contains("--listen 0.0.0.0:8080"), "{output}");
    let http = client();
    let session: Value = http
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({ "handle": "rosa", "password": "solidarity-forever" }))
        .send()
        .expect("log in")
        .json()
        .expect("json");
    let token = session["token"].as_str().expect("token");
    let me: Value = http
        .get(format!("{}/api/v1/me", server.base))
        .bearer_auth(token)
        .send()
        .expect("me")
        .json()
        .expect("json");
    let committee = me["memberships"][0]["committee_id"]
        .as_str()
        .expect("a committee");
    let invite: Value = http
        .post(format!(
            "{}/api/v1/committees/{committee}/invites",
            server.base
        ))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .expect("invite")
        .json()
        .expect("json");
    let code = invite["code"].as_str().expect("code");
    let page = http
        .get(format!("{}/invites/{code}", server.base))
        .send()
        .expect("invite page")
        .text()
        .expect("text");
    assert!(
        page.contains(&format!("{public}/invites/{code}")),
        "the link a phone scans: {page}"
    );
    drop(server);

    let help = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["demo", "--help"])
        .output()
        .expect("help");
    let help = String::from_utf8_lossy(&help.stdout);
    for words in [
        "--public-url",
        "--listen",
        "8080",
        "no setup link",
        "0.0.0.0",
    ] {
        assert!(help.contains(words), "{words} in {help}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_and_admin_invite_work_offline() {
    let dir = fresh_dir("admin");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_outnumber"))
            .args(args)
            .current_dir(&dir)
            .env_remove("OUTNUMBER_DATABASE_URL")
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(run(&["migrate"]).contains("up to date"));
    let printed = run(&[
        "admin",
        "invite",
        "--max-uses",
        "3",
        "--public-url",
        "https://organize.example",
    ]);
    assert!(
        printed.contains("https://organize.example/register?invite="),
        "{printed}"
    );
    let refused = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["backup", "outnumber.db"])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert!(
        !refused.status.success(),
        "a backup never overwrites a file"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rotate_key_re_encrypts_every_contact_and_drops_the_old_key() {
    use outnumber::delivery::contact::{Keyring, Purpose};

    let dir = fresh_dir("rotate");
    let http = client();
    let server = start(
        &dir,
        &["--listen", "127.0.0.1:0", "--open-registration"],
        "listening on",
    );
    let created: Value = http
        .post(format!("{}/api/v1/accounts", server.base))
        .json(&json!({ "handle": "rosa", "password": "correct horse battery" }))
        .send()
        .expect("register")
        .json()
        .expect("json");
    let account = created["id"].as_str().expect("id").to_owned();
    let log_in = |base: &str| {
        let session: Value = http
            .post(format!("{base}/api/v1/sessions"))
            .json(&json!({ "handle": "rosa", "password": "correct horse battery" }))
            .send()
            .expect("log in")
            .json()
            .expect("json");
        session["token"].as_str().expect("token").to_owned()
    };
    let token = log_in(&server.base);
    let saved = http
        .put(format!("{}/api/v1/me/notification-settings", server.base))
        .bearer_auth(&token)
        .json(&json!({ "email": "rosa@example.org" }))
        .send()
        .expect("settings");
    assert_eq!(saved.status(), 200);
    let endpoint = "https://push.example.net/send/rotated";
    let subscribed = http
        .post(format!("{}/api/v1/push-subscriptions", server.base))
        .bearer_auth(&token)
        .json(&json!({ "endpoint": endpoint, "keys": {
            "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
            "auth": "tBHItJI5svbpez7KI4CCXg" } }))
        .send()
        .expect("subscribe");
    assert_eq!(subscribed.status(), 201);
    let rotate = || {
        Command::new(env!("CARGO_BIN_EXE_outnumber"))
            .args(["admin", "rotate-key", "--data-dir", "."])
            .current_dir(&dir)
            .env_remove("OUTNUMBER_DATABASE_URL")
            .env_remove("OUTNUMBER_DATA_DIR")
            .output()
            .expect("runs")
    };
    // Refused while the server runs: it would go on sealing with the key being dropped.
    let keys_before = std::fs::read(dir.join("contact-keys")).expect("keys");
    let refused = rotate();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("stop it first"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(
        std::fs::read(dir.join("contact-keys")).expect("keys"),
        keys_before,
        "nothing changed"
    );
    drop(server);

    let old_dir = dir.join("old-keys");
    std::fs::create_dir_all(&old_dir).expect("dir");
    std::fs::copy(dir.join("contact-keys"), old_dir.join("contact-keys")).expect("copy");
    let output = rotate();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed.contains("2 contact detail(s) re-encrypted"),
        "{printed}"
    );

    let old = Keyring::load(&old_dir).expect("old keys");
    let new = Keyring::load(&dir).expect("new keys");
    assert_eq!(
        new.key_ids(),
        vec![new.current_id()],
        "only the new key is left"
    );
    assert_ne!(new.current_id(), old.current_id());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("contact-keys"))
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the key file is for its owner only");
    }

    // Straight from the file: the new key opens the address, the old one no longer does.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let database = format!("sqlite://{}", dir.join("outnumber.db").display());
    let read = |sql: &'static str| {
        runtime.block_on(async {
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&database).await.expect("database");
            let row: (i64, Vec<u8>) = sqlx::query_as(sql).fetch_one(&pool).await.expect("a row");
            pool.close().await;
            row
        })
    };
    let (id, sealed) = read("SELECT account_id, sealed FROM email_addresses");
    let owner = outnumber::core::Id::from_db(id);
    assert_eq!(owner.to_string(), account);
    assert_eq!(
        new.open(Purpose::Email, owner, &sealed).expect("opens"),
        b"rosa@example.org"
    );
    assert!(old.open(Purpose::Email, owner, &sealed).is_err());
    // The push endpoint's hash is keyed with the new key too: the old key file no longer
    // finds its row.
    let (_, hash) = read("SELECT account_id, endpoint_hash FROM push_subscriptions");
    assert_eq!(
        new.endpoint_hash(new.current_id(), owner, endpoint),
        Some(hash.clone())
    );
    assert_ne!(
        old.endpoint_hash(old.current_id(), owner, endpoint),
        Some(hash)
    );

    // The server starts on the rotated key and shows the member their address.
    let server = start(&dir, &["--listen", "127.0.0.1:0"], "listening on");
    let token = log_in(&server.base);
    let settings: Value = http
        .get(format!("{}/api/v1/me/notification-settings", server.base))
        .bearer_auth(&token)
        .send()
        .expect("settings")
        .json()
        .expect("json");
    assert_eq!(settings["email"], "rosa@example.org");
    assert_eq!(settings["push_devices"], 1, "{settings}");
    // The member can still turn the phone off: it is found by its new hash.
    let removed = http
        .delete(format!("{}/api/v1/push-subscriptions", server.base))
        .bearer_auth(&token)
        .json(&json!({ "endpoint": endpoint }))
        .send()
        .expect("unsubscribe");
    assert_eq!(removed.status(), 204);
    let settings: Value = http
        .get(format!("{}/api/v1/me/notification-settings", server.base))
        .bearer_auth(&token)
        .send()
        .expect("settings")
        .json()
        .expect("json");
    assert_eq!(settings["push_devices"], 0, "{settings}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- what an operator sees ----

#[test]
fn serve_logs_json_lines_that_keep_addresses_agents_and_secrets_out() {
    let dir = fresh_dir("json-log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["serve", "--listen", "127.0.0.1:0", "--log-format", "json"])
        .current_dir(&dir)
        .env_remove("OUTNUMBER_DATABASE_URL")
        .env_remove("OUTNUMBER_LISTEN")
        .env_remove("OUTNUMBER_PUBLIC_URL")
        .env_remove("OUTNUMBER_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    let log = std::thread::spawn(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    let mut printed = BufReader::new(stdout).lines().map_while(Result::ok);
    let base = printed
        .by_ref()
        .find_map(|line| {
            line.split_once("listening on ")
                .map(|(_, url)| url.trim().to_owned())
        })
        .expect("the address is printed");

    let invite = "InviteCodeNobodyMayLog";
    let calendar = "CalendarTokenNobodyMayLog.ics";
    let agent = "EmployerSurveillanceSuite/6.6";
    let http = reqwest::blocking::Client::builder()
        .no_proxy()
        .user_agent(agent)
        .build()
        .expect("client");
    for path in [
        format!("/invites/{invite}"),
        format!("/calendar/{calendar}"),
        format!("/api/v1/invites/{invite}/accept?code={invite}"),
        "/healthz".to_owned(),
    ] {
        http.get(format!("{base}{path}")).send().expect("answered");
    }
    let _ = child.kill();
    let _ = child.wait();
    let lines = log.join().expect("the log is read");
    let _ = std::fs::remove_dir_all(&dir);

    let entries: Vec<Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    let listening = entries
        .iter()
        .find(|e| e["message"] == "listening")
        .unwrap_or_else(|| panic!("no start-up line: {lines:#?}"));
    assert_eq!(listening["address"], base.as_str(), "{listening}");
    assert_eq!(listening["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        entries.iter().any(|e| e["setup_link"]
            .as_str()
            .is_some_and(|l| l.contains("/setup/"))),
        "a fresh server logs its setup link: {lines:#?}"
    );
    let requests: Vec<&Value> = entries
        .iter()
        .filter(|e| e["target"] == "outnumber::request")
        .collect();
    let routes: Vec<&str> = requests
        .iter()
        .filter_map(|e| e["route"].as_str())
        .collect();
    for route in [
        "/invites/{code}",
        "/calendar/{file}",
        "/api/v1/invites/{code}/accept",
        "/healthz",
    ] {
        assert!(
            routes.contains(&route),
            "no request line for {route}: {lines:#?}"
        );
    }
    for request in &requests {
        assert_eq!(request["level"], "INFO", "{request}");
        assert!(
            request["status"].is_u64() && request["ms"].is_number(),
            "{request}"
        );
        let text = request.to_string();
        assert!(!text.contains("127.0.0.1"), "an address in {text}");
    }
    for line in &lines {
        for secret in [invite, calendar, agent] {
            assert!(!line.contains(secret), "{secret} in the log: {line}");
        }
    }
}

#[test]
fn test_email_says_when_it_cannot_be_sent() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let dir = fresh_dir("test-email-fails");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_outnumber"))
            .args(["admin", "test-email"])
            .args(args)
            .current_dir(&dir)
            .env_remove("OUTNUMBER_SMTP_URL")
            .env_remove("OUTNUMBER_MAIL_FROM")
            .output()
            .expect("the binary runs")
    };
    let nothing_there = run(&[
        "ana@example.org",
        "--smtp-url",
        &format!("smtp://127.0.0.1:{closed}"),
    ]);
    assert!(!nothing_there.status.success());
    let said = String::from_utf8_lossy(&nothing_there.stderr);
    assert!(said.contains("the test mail was not sent"), "{said}");
    assert!(said.contains(&format!("127.0.0.1:{closed}")), "{said}");

    let unconfigured = run(&["ana@example.org"]);
    assert!(!unconfigured.status.success());
    let said = String::from_utf8_lossy(&unconfigured.stderr);
    assert!(said.contains("--smtp-url"), "{said}");

    let not_an_address = run(&["not an address", "--smtp-url", "smtp://127.0.0.1:25"]);
    assert!(!not_an_address.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether Python's aiosmtpd can be run; a test that needs it skips without it, unless
/// `OUTNUMBER_TEST_SMTP=required` (as in CI).
fn aiosmtpd_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            !std::env::var("OUTNUMBER_TEST_SMTP").is_ok_and(|v| v == "required"),
            "aiosmtpd is required (OUTNUMBER_TEST_SMTP=required) but python3 cannot import it"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipping the test-email test: python3 cannot import aiosmtpd (pip install aiosmtpd)"
        );
    }
    found
}

#[test]
fn test_email_sends_one_mail_through_the_smtp_server() {
    if !aiosmtpd_available() {
        return;
    }
    let dir = fresh_dir("test-email");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let maildir = dir.join("mail");
    let mut smtp = Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("aiosmtpd starts");
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "aiosmtpd did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["admin", "test-email", "ana.organizer@example.org"])
        .args(["--smtp-url", &format!("smtp://127.0.0.1:{port}")])
        .args(["--mail-from", "Outnumber <alerts@outnumber.example.org>"])
        .args(["--public-url", "https://outnumber.example.org"])
        .current_dir(&dir)
        .output()
        .expect("the binary runs");
    let _ = smtp.kill();
    let _ = smtp.wait();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        said.contains(&format!("127.0.0.1:{port} took the test mail")),
        "{said}"
    );
    let mails: Vec<String> = std::fs::read_dir(maildir.join("new"))
        .map(|entries| {
            entries
                .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .collect()
        })
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert!(mail.contains("To: ana.organizer@example.org"), "{mail}");
    assert!(mail.contains("alerts@outnumber.example.org"), "{mail}");
    assert!(mail.contains("Subject: Outnumber: test message"), "{mail}");
}

#[test]
fn a_mail_that_cannot_be_sent_is_logged_at_warn_without_its_address() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let dir = fresh_dir("smtp-warn");
    let smtp_url = format!("smtp://127.0.0.1:{closed}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .args(["serve", "--listen", "127.0.0.1:0", "--open-registration"])
        .args(["--smtp-url", &smtp_url, "--log-format", "json"])
        .current_dir(&dir)
        .env_remove("OUTNUMBER_DATABASE_URL")
        .env_remove("OUTNUMBER_LISTEN")
        .env_remove("OUTNUMBER_PUBLIC_URL")
        .env_remove("OUTNUMBER_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, log) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let base = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            line.split_once("listening on ")
                .map(|(_, url)| url.trim().to_owned())
        })
        .expect("the address is printed");
    let http = client();
    let call = |method: reqwest::Method, path: &str, token: Option<&str>, body: Value| {
        let mut request = http.request(method, format!("{base}{path}")).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().expect("answered");
        let status = response.status();
        let body: Value = response.json().unwrap_or(Value::Null);
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    };
    use reqwest::Method as M;
    let join = |handle: &str, invite: Option<&str>| {
        call(
            M::POST,
            "/api/v1/accounts",
            None,
            json!({ "handle": handle, "password": "correct horse battery", "invite": invite }),
        );
        let session = call(
            M::POST,
            "/api/v1/sessions",
            None,
            json!({ "handle": handle, "password": "correct horse battery" }),
        );
        session["token"].as_str().expect("token").to_owned()
    };
    let rosa = join("rosa", None);
    let committee = call(
        M::POST,
        "/api/v1/committees",
        Some(&rosa),
        json!({ "name": "Lake Street Depot", "kind": "workplace", "workplace_type": "depot",
                "industry": "logistics", "region": "Minneapolis" }),
    )["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let invite = call(
        M::POST,
        &format!("/api/v1/committees/{committee}/invites"),
        Some(&rosa),
        json!({}),
    )["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let ana = join("ana", Some(&invite));
    let address = "ana.hidden.organizer@example.org";
    call(
        M::PUT,
        "/api/v1/me/notification-settings",
        Some(&ana),
        json!({ "email": address }),
    );
    let starts_at = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    call(
        M::POST,
        &format!("/api/v1/committees/{committee}/meetings"),
        Some(&rosa),
        json!({ "title": "Heat strike", "location": "Union hall", "emergency": true,
                "starts_at": starts_at
                    .format(&time::format_description::well_known::Rfc3339)
                    .expect("a time") }),
    );

    let mut seen = Vec::new();
    let warned = loop {
        let Ok(line) = log.recv_timeout(Duration::from_secs(20)) else {
            break None;
        };
        let entry: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        seen.push(line);
        if entry["level"] == "WARN" && entry["channel"] == "email" {
            break Some(entry);
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let warned = warned.unwrap_or_else(|| panic!("no warning of the failed mail: {seen:#?}"));
    assert!(
        warned["message"]
            .as_str()
            .is_some_and(|m| m.contains("sending failed")),
        "{warned}"
    );
    assert!(warned["reason"].is_string(), "{warned}");
    for line in &seen {
        assert!(
            !line.contains("ana.hidden"),
            "the address in the log: {line}"
        );
        assert!(
            !line.contains(&invite),
            "the invite code in the log: {line}"
        );
    }
}
