//! Outnumber behind the reverse proxies the README gives: `deploy/nginx.conf` and
//! `deploy/Caddyfile`, run as written but for their ports, names and paths, with TLS (a
//! certificate made by `openssl` for the test) in front of the real `outnumber` binary
//! started with `--trusted-proxy 127.0.0.1/32`.
//!
//! For each proxy: clients at two addresses (curl from 127.0.0.2 and 127.0.0.3) get a log-in
//! rate limit each, a client's own `Forwarded` / `X-Forwarded-For` does not pass the proxy,
//! and the browser suite's scenario runs up to the live update (A's open dashboard hears B
//! join) through it; the access log the proxy wrote then holds no client address, no invite
//! code and no query string.
//!
//! Needs Debian's `nginx` and `caddy`, `openssl` and `curl` (and for the browser step what
//! `tests/browser.rs` needs). Without them each test prints why and passes, unless
//! `OUTNUMBER_TEST_NGINX=required` / `OUTNUMBER_TEST_CADDY=required` (as in `.ci/run`).

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const LISTENING: &str = "Outnumber is listening on ";
const STARTUP: Duration = Duration::from_secs(30);
const SUITE_LIMIT: Duration = Duration::from_secs(240);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Nginx,
    Caddy,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Nginx => "nginx",
            Kind::Caddy => "caddy",
        }
    }

    fn program(self) -> &'static str {
        match self {
            Kind::Nginx => "/usr/sbin/nginx",
            Kind::Caddy => "/usr/bin/caddy",
        }
    }

    /// What makes the program say its version (and so whether it runs).
    fn version_arg(self) -> &'static str {
        match self {
            Kind::Nginx => "-v",
            Kind::Caddy => "version",
        }
    }

    fn required(self) -> bool {
        let variable = match self {
            Kind::Nginx => "OUTNUMBER_TEST_NGINX",
            Kind::Caddy => "OUTNUMBER_TEST_CADDY",
        };
        std::env::var(variable).is_ok_and(|v| v == "required")
    }

    fn access_log(self, dir: &Path) -> PathBuf {
        dir.join("outnumber-access.log")
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn runs(program: &str, arg: &str) -> Result<(), String> {
    match Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{program} {arg}` failed with {status}")),
        Err(err) => Err(format!("{program} cannot be run: {err}")),
    }
}

/// Whether the test can run; a reason to skip it if not (a failure if the proxy is required).
fn ready(kind: Kind, browser: bool) -> bool {
    let mut missing = runs(kind.program(), kind.version_arg())
        .and_then(|()| runs("openssl", "version"))
        .and_then(|()| runs("curl", "--version"))
        .err();
    if browser && missing.is_none() {
        missing = browser_missing();
    }
    let Some(reason) = missing else {
        return true;
    };
    if kind.required() && (!browser || browser_required()) {
        panic!(
            "the {} tests cannot run: {reason}; .ci/run installs it",
            kind.name()
        );
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "skipping a {} test: {reason}; .ci/run installs it",
        kind.name()
    );
    false
}

fn browser_missing() -> Option<String> {
    if !Path::new("/usr/bin/chromium").exists() {
        return Some("/usr/bin/chromium not found".into());
    }
    if let Err(reason) = runs("node", "--version") {
        return Some(reason);
    }
    let playwright = manifest_dir().join("browser/node_modules/playwright-core");
    (!playwright.is_dir()).then(|| format!("{} not found", playwright.display()))
}

fn browser_required() -> bool {
    std::env::var("OUTNUMBER_TEST_BROWSER").is_ok_and(|v| v == "required")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Kills the process when dropped, also when the test panics.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The server, the proxy in front of it and their folder.
struct Stack {
    kind: Kind,
    dir: PathBuf,
    /// The proxy's https origin, which is also the server's public address.
    origin: String,
    _server: Process,
    _proxy: Process,
}

impl Stack {
    fn start(kind: Kind) -> Stack {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "outnumber-{}-{}-{stamp}",
            kind.name(),
            std::process::id()
        ));
        fs::create_dir_all(&dir).expect("the test's folder");
        let tls_port = free_port();
        let origin = format!("https://127.0.0.1:{tls_port}");
        let (server, upstream) = start_server(&dir, &origin);
        make_certificate(&dir);
        let proxy = match kind {
            Kind::Nginx => start_nginx(&dir, tls_port, &upstream),
            Kind::Caddy => start_caddy(&dir, tls_port, &upstream),
        };
        let stack = Stack {
            kind,
            dir,
            origin,
            _server: server,
            _proxy: proxy,
        };
        stack.wait_until_proxied();
        stack
    }

    fn wait_until_proxied(&self) {
        let deadline = Instant::now() + STARTUP;
        loop {
            let (status, _) = self.curl("127.0.0.1", &["/healthz"]);
            if status == 200 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} did not pass /healthz on within {STARTUP:?} (last status {status}):\n{}",
                self.kind.name(),
                self.logs()
            );
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// A request through the proxy from the loopback address `from`; the status and body.
    fn curl(&self, from: &str, args: &[&str]) -> (u16, String) {
        let (path, rest) = args.split_first().expect("a path");
        let out = Command::new("curl")
            .args(["--silent", "--insecure", "--max-time", "10"])
            .args(["--interface", from])
            .args(["--write-out", "\n%{http_code}"])
            .args(rest)
            .arg(format!("{}{path}", self.origin))
            .stdin(Stdio::null())
            .output()
            .expect("curl runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, status) = text.rsplit_once('\n').unwrap_or(("", &text));
        (status.trim().parse().unwrap_or(0), body.to_owned())
    }

    /// Wrong passwords for `handle` from `from` until refused; how many were answered first.
    fn guess_until_refused(&self, from: &str, handle: &str, extra: &[(&str, String)]) -> usize {
        for n in 0..20 {
            let body = format!(r#"{{"handle":"{handle}","password":"wrong guess"}}"#);
            let mut args = vec![
                "/api/v1/sessions".to_owned(),
                "-H".into(),
                "content-type: application/json".into(),
                "--data".into(),
                body,
            ];
            for (name, value) in extra {
                args.push("-H".into());
                args.push(format!("{name}: {value}").replace("{n}", &n.to_string()));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (status, answer) = self.curl(from, &args);
            if status == 429 {
                return n;
            }
            assert_eq!(status, 401, "guess {n} from {from}: {answer}");
        }
        panic!("twenty guesses from one address were all answered")
    }

    fn logs(&self) -> String {
        let mut all = String::new();
        for name in ["server.log", "proxy.log", "nginx-error.log"] {
            if let Ok(text) = fs::read_to_string(self.dir.join(name)) {
                all.push_str(&format!("--- {name}\n{text}\n"));
            }
        }
        all
    }

    fn access_log(&self) -> String {
        fs::read_to_string(self.kind.access_log(&self.dir)).unwrap_or_default()
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if !thread::panicking() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn start_server(dir: &Path, public_url: &str) -> (Process, String) {
    let log = File::create(dir.join("server.log")).expect("the server's log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .arg("--database")
        .arg(format!("sqlite://{}", dir.join("proxy.db").display()))
        .arg("--open-registration")
        .arg("--data-dir")
        .arg(dir)
        .args(["--public-url", public_url])
        .args(["--trusted-proxy", "127.0.0.1/32"])
        .env_remove("OUTNUMBER_TRUSTED_PROXY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .expect("outnumber starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let server = Process(child);
    let (lines, receive) = mpsc::channel::<String>();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = lines.send(line);
        }
    });
    let deadline = Instant::now() + STARTUP;
    loop {
        let line = receive
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|err| panic!("the server printed no address ({err})"));
        if let Some(url) = line.trim().strip_prefix(LISTENING) {
            let address = url
                .trim()
                .trim_start_matches("http://")
                .trim_end_matches('/');
            return (server, address.to_owned());
        }
    }
}

fn make_certificate(dir: &Path) {
    let status = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec"])
        .args([
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .arg("-keyout")
        .arg(dir.join("privkey.pem"))
        .arg("-out")
        .arg(dir.join("fullchain.pem"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success(), "openssl made no certificate: {status}");
}

/// The configuration file of the repository with each of `changes` made, every one of which
/// must apply (so a change to the file that the test no longer follows fails it).
fn configuration(file: &str, changes: &[(&str, String)]) -> String {
    let path = manifest_dir().join(file);
    let mut text = fs::read_to_string(&path).expect("the proxy configuration");
    for (from, to) in changes {
        assert!(text.contains(from), "{file} no longer holds `{from}`");
        text = text.replace(from, to);
    }
    text
}

fn folder(dir: &Path) -> String {
    format!("{}/", dir.display())
}

fn start_nginx(dir: &Path, tls_port: u16, upstream: &str) -> Process {
    let site = configuration(
        "deploy/nginx.conf",
        &[
            (
                "listen 443 ssl http2;",
                format!("listen 127.0.0.1:{tls_port} ssl http2;"),
            ),
            ("listen 80;", format!("listen 127.0.0.1:{};", free_port())),
            ("server 127.0.0.1:8080;", format!("server {upstream};")),
            ("outnumber.example.org", "127.0.0.1".into()),
            ("/etc/ssl/outnumber/", folder(dir)),
            ("/var/log/nginx/", folder(dir)),
        ],
    );
    fs::write(dir.join("outnumber.conf"), site).expect("write the site");
    // What Debian's /etc/nginx/nginx.conf gives around conf.d/, in the test's folder.
    let d = dir.display();
    let main = format!(
        "error_log {d}/nginx-error.log warn;\n\
         events {{}}\n\
         http {{\n\
         client_body_temp_path {d}/body;\n\
         proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n\
         uwsgi_temp_path {d}/uwsgi;\n\
         scgi_temp_path {d}/scgi;\n\
         include {d}/outnumber.conf;\n\
         }}\n"
    );
    fs::write(dir.join("nginx.conf"), main).expect("write nginx.conf");
    let log = File::create(dir.join("proxy.log")).expect("the proxy's log");
    let child = Command::new(Kind::Nginx.program())
        .arg("-e")
        .arg(dir.join("nginx-error.log"))
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .arg("-g")
        // One process: killing a master leaves its workers running.
        .arg(format!(
            "daemon off; master_process off; pid {d}/nginx.pid;"
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::from(log.try_clone().expect("log")))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("nginx starts");
    Process(child)
}

fn start_caddy(dir: &Path, tls_port: u16, upstream: &str) -> Process {
    let site = configuration(
        "deploy/Caddyfile",
        &[
            ("http_port 80", format!("http_port {}", free_port())),
            ("https_port 443", format!("https_port {tls_port}")),
            (
                "admin localhost:2019",
                format!("admin 127.0.0.1:{}", free_port()),
            ),
            (
                "reverse_proxy 127.0.0.1:8080",
                format!("reverse_proxy {upstream}"),
            ),
            ("outnumber.example.org {", "127.0.0.1 {".into()),
            ("/etc/ssl/outnumber/", folder(dir)),
            ("/var/log/caddy/", folder(dir)),
        ],
    );
    fs::write(dir.join("Caddyfile"), site).expect("write the Caddyfile");
    let home = dir.join("caddy-home");
    fs::create_dir_all(&home).expect("caddy's home");
    let log = File::create(dir.join("proxy.log")).expect("the proxy's log");
    let child = Command::new(Kind::Caddy.program())
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(dir.join("Caddyfile"))
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .stdin(Stdio::null())
        .stdout(Stdio::from(log.try_clone().expect("log")))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("caddy starts");
    Process(child)
}

/// Behind the proxy, each client has a log-in limit of its own, and what a client says about
/// its own address does not pass.
fn clients_get_limits_of_their_own(kind: Kind) {
    if !ready(kind, false) {
        return;
    }
    let stack = Stack::start(kind);
    let answered = stack.guess_until_refused("127.0.0.2", "rosa", &[]);
    assert!(answered <= 10, "{answered} guesses before the refusal");
    // Another client, at another address, is not held up by the first one's guesses.
    let body = r#"{"handle":"rosa","password":"wrong guess"}"#;
    let (status, answer) = stack.curl(
        "127.0.0.3",
        &[
            "/api/v1/sessions",
            "-H",
            "content-type: application/json",
            "--data",
            body,
        ],
    );
    assert_eq!(
        status,
        401,
        "a second client was refused: {answer}\n{}",
        stack.logs()
    );
    // A guesser naming a new address of its own at every try is still one guesser.
    let spoofing = [
        ("X-Forwarded-For", "198.51.100.{n}".to_owned()),
        ("Forwarded", "for=203.0.113.{n}".to_owned()),
    ];
    let answered = stack.guess_until_refused("127.0.0.4", "ana", &spoofing);
    assert!(
        answered <= 10,
        "{answered} guesses with made-up forwarding headers before the refusal"
    );
}

/// The browser suite's scenario up to the live update, through the proxy; then its access log.
fn live_updates_pass(kind: Kind) {
    if !ready(kind, true) {
        return;
    }
    // One Chromium at a time: two on a small machine miss the suite's waits.
    static ONE_BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_BROWSER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let stack = Stack::start(kind);
    let root = manifest_dir();
    let shots = root.join(format!("target/browser-screenshots/{}", kind.name()));
    fs::create_dir_all(&shots).expect("the screenshots' folder");
    let output_path = stack.dir.join("suite.log");
    let output = File::create(&output_path).expect("the suite's log");
    let mut suite = Command::new("node")
        .arg(root.join("browser/suite.mjs"))
        .arg(&stack.origin)
        .arg(&shots)
        .env("OUTNUMBER_SUITE_THROUGH_PROXY", "1")
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::from(output.try_clone().expect("log")))
        .stderr(Stdio::from(output))
        .spawn()
        .expect("node browser/suite.mjs starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = suite.try_wait().expect("wait for the suite") {
            break Some(status);
        }
        if started.elapsed() > SUITE_LIMIT {
            let _ = suite.kill();
            let _ = suite.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(100));
    };
    let printed = fs::read_to_string(&output_path).unwrap_or_default();
    assert!(
        status.is_some_and(|s| s.success()),
        "the browser suite through {} failed ({status:?}):\n{printed}\n{}",
        kind.name(),
        stack.logs()
    );

    let code = printed
        .lines()
        .find_map(|line| line.strip_prefix("invite code: "))
        .map(str::trim)
        .expect("the suite prints the invite code");
    let log = stack.access_log();
    assert!(
        log.lines().count() > 10,
        "the access log holds only {} lines:\n{log}",
        log.lines().count()
    );
    for secret in [code, "127.0.0.1", "invite=", "Chrome", "Mozilla"] {
        assert!(
            !log.contains(secret),
            "the access log of {} holds {secret}:\n{log}",
            kind.name()
        );
    }
    // (Not the event stream: a proxy writes its line when the stream ends, which for Caddy
    // may be after this.)
    assert!(
        log.contains("/invites/[secret]"),
        "the access log should name the invite page without its code:\n{log}"
    );
}

#[test]
fn nginx_gives_each_client_its_own_limits() {
    clients_get_limits_of_their_own(Kind::Nginx);
}

#[test]
fn caddy_gives_each_client_its_own_limits() {
    clients_get_limits_of_their_own(Kind::Caddy);
}

#[test]
fn live_updates_reach_an_open_page_through_nginx() {
    live_updates_pass(Kind::Nginx);
}

#[test]
fn live_updates_reach_an_open_page_through_caddy() {
    live_updates_pass(Kind::Caddy);
}

/// The README shows the very files these tests run.
#[test]
fn the_readme_holds_the_tested_configurations() {
    let root = manifest_dir();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    for (file, fence) in [
        ("deploy/nginx.conf", "nginx"),
        ("deploy/Caddyfile", "caddyfile"),
    ] {
        let text = fs::read_to_string(root.join(file)).expect("the configuration");
        assert!(
            readme.contains(&format!("```{fence}\n{text}```\n")),
            "README.md must show {file} as it stands, in a ```{fence} block"
        );
    }
}

/// A range that is none stops the server before it starts, saying which, from the flag and
/// from the environment (where ranges are separated by commas).
#[test]
fn a_trusted_proxy_that_is_no_address_range_is_refused() {
    let refused = |flag: &[&str], env: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_outnumber"));
        command
            .arg("serve")
            .args(["--database", "sqlite:///nonexistent/never-opened.db"])
            .args(flag)
            .env_remove("OUTNUMBER_TRUSTED_PROXY")
            .stdin(Stdio::null());
        if let Some(value) = env {
            command.env("OUTNUMBER_TRUSTED_PROXY", value);
        }
        let out = command.output().expect("outnumber runs");
        assert!(!out.status.success(), "{flag:?} {env:?} was accepted");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = refused(&["--trusted-proxy", "localhost"], None);
    assert!(said.contains("localhost is not an address range"), "{said}");
    let said = refused(&[], Some("10.0.0.0/8,10.1.2.3/40"));
    assert!(
        said.contains("10.1.2.3/40 is not an address range"),
        "{said}"
    );
}
