//! The browser suite: starts the real `outnumber` binary on a fresh SQLite database and runs
//! `browser/suite.mjs`, which drives Debian's Chromium through playwright-core at phone size
//! (register, found a committee, invite, join with the invite, live notification, Spanish),
//! then tours every page in English, Spanish and a third language of the server's language
//! switch, with screenshots, layout and tap-target checks and axe-core.
//!
//! It needs `/usr/bin/chromium`, `node`, and `browser/node_modules` (`npm ci --prefix
//! browser`); `.ci/run` installs them. Without them the test prints why and passes, unless
//! `OUTNUMBER_TEST_BROWSER=required` (as in `.ci/run`), when it fails.
//!
//! Screenshots of every step land in `target/browser-screenshots/`.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const CHROMIUM: &str = "/usr/bin/chromium";
/// How long the server may take to print its address.
const SERVER_START: Duration = Duration::from_secs(30);
/// The suite stops itself well before this; this is the last resort.
const SUITE_LIMIT: Duration = Duration::from_secs(480);
const LISTENING: &str = "Outnumber is listening on ";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Why the suite cannot run here, if it cannot.
fn missing_prerequisite() -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} not found"));
    }
    match Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
    {
        Ok(out) if out.status.success() => {}
        Ok(out) => return Some(format!("`node --version` failed with {}", out.status)),
        Err(err) => return Some(format!("node cannot be run: {err}")),
    }
    let playwright = manifest_dir().join("browser/node_modules/playwright-core");
    if !playwright.is_dir() {
        return Some(format!(
            "{} not found (run `npm ci --prefix browser`)",
            playwright.display()
        ));
    }
    None
}

fn browser_required() -> bool {
    std::env::var("OUTNUMBER_TEST_BROWSER").is_ok_and(|v| v == "required")
}

/// A server process and its folder: the process is killed and the folder removed when this
/// is dropped, also when the test panics.
struct Server {
    child: Child,
    dir: PathBuf,
}

impl Server {
    fn log(&self) -> String {
        fs::read_to_string(self.dir.join("server.log"))
            .unwrap_or_else(|err| format!("(no server log: {err})"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Starts `outnumber serve` on a random port and a fresh database; returns the server and
/// its base URL.
fn start_server() -> (Server, String) {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir =
        std::env::temp_dir().join(format!("outnumber-browser-{}-{stamp}", std::process::id()));
    fs::create_dir_all(&dir).expect("create the server's temp dir");
    let log = File::create(dir.join("server.log")).expect("create the server log");

    let child = Command::new(env!("CARGO_BIN_EXE_outnumber"))
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .arg("--database")
        .arg(format!("sqlite://{}", dir.join("b.db").display()))
        .arg("--open-registration")
        .arg("--data-dir")
        .arg(&dir)
        // Links and QR codes must point at this server, not at a configured public address.
        .env_remove("OUTNUMBER_PUBLIC_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn();
    let mut server = match child {
        Ok(child) => Server { child, dir },
        Err(err) => {
            let _ = fs::remove_dir_all(&dir);
            panic!("cannot start {}: {err}", env!("CARGO_BIN_EXE_outnumber"));
        }
    };

    // Read stdout on a thread (and keep draining it), so waiting for the address can time out.
    let stdout = server
        .child
        .stdout
        .take()
        .expect("the server's stdout is piped");
    let (lines, receive) = mpsc::channel::<String>();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // Once nobody listens, keep reading anyway, so the server never blocks on a
            // full pipe.
            let _ = lines.send(line);
        }
    });

    let deadline = Instant::now() + SERVER_START;
    let mut printed = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match receive.recv_timeout(left) {
            Ok(line) => {
                if let Some(url) = line.trim().strip_prefix(LISTENING) {
                    let url = url.trim().trim_end_matches('/').to_owned();
                    assert!(
                        url.starts_with("http://"),
                        "unexpected listening line: {line}"
                    );
                    return (server, url);
                }
                printed.push(line);
            }
            Err(err) => panic!(
                "the server did not print `{LISTENING}...` ({err}); exit status {:?}\n\
                 stdout:\n{}\nlog:\n{}",
                server.child.try_wait().ok().flatten(),
                printed.join("\n"),
                server.log()
            ),
        }
    }
}

#[test]
fn browser_suite() {
    if let Some(reason) = missing_prerequisite() {
        if browser_required() {
            panic!(
                "the browser suite cannot run: {reason}; .ci/run installs it \
                 (OUTNUMBER_TEST_BROWSER=required forbids skipping)"
            );
        }
        // Not `println!`: the harness captures it, and a skipped test passes silently.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipping the browser suite: {reason}; .ci/run installs it"
        );
        return;
    }

    let root = manifest_dir();
    let shots = root.join("target/browser-screenshots");
    let _ = fs::remove_dir_all(&shots);
    fs::create_dir_all(&shots).expect("create target/browser-screenshots");

    let (server, url) = start_server();
    let output_path = server.dir.join("suite.log");
    let output = File::create(&output_path).expect("create the suite's log");
    let errors = output.try_clone().expect("share the suite's log");

    let started = Instant::now();
    let mut suite = Command::new("node")
        .arg(root.join("browser/suite.mjs"))
        .arg(&url)
        .arg(&shots)
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::from(output))
        .stderr(Stdio::from(errors))
        .spawn()
        .expect("start node browser/suite.mjs");
    let status = loop {
        if let Some(status) = suite.try_wait().expect("wait for the browser suite") {
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
    println!("{printed}");
    println!(
        "browser suite took {:.1}s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    );

    match status {
        Some(status) if status.success() => {}
        Some(status) => panic!(
            "the browser suite failed ({status}):\n{printed}\nserver log:\n{}",
            server.log()
        ),
        None => panic!(
            "the browser suite did not finish within {}s:\n{printed}\nserver log:\n{}",
            SUITE_LIMIT.as_secs(),
            server.log()
        ),
    }
    drop(server);
}
