//! The API as integrators meet it: the served OpenAPI document passes `redocly lint` with
//! every warning counted as an error, and clients generated from it drive a scenario
//! (register, committee, invite, meeting, motion and vote, action and pledge, incident,
//! bulletin, feed, calendar, a read-only API token) against the real server with no cast: `openapi-typescript` +
//! `openapi-fetch`, compiled by `tsc --strict`, also reading the live streams as the
//! document types their events (`clients/scenario.ts`), and `openapi-python-client`,
//! checked by `mypy --strict` (`clients/scenario.py`).
//!
//! The npm tools come from `clients/` (`npm ci --prefix clients`), the Python ones from PyPI
//! (`pip install openapi-python-client mypy`). Without them the checks are skipped with the
//! reason said, unless `OUTNUMBER_TEST_CLIENTS=required` (as in `.ci/run`). They run on
//! SQLite only: the document and the clients do not depend on the database.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Backend, TestApp, notice};

fn clients() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients")
}

/// Whether the check may run; a reason to skip panics when skipping is forbidden.
fn may_run(check: &str, missing: Option<String>) -> bool {
    let Some(reason) = missing else {
        return true;
    };
    assert!(
        !std::env::var("OUTNUMBER_TEST_CLIENTS").is_ok_and(|v| v == "required"),
        "the {check} cannot run: {reason} (OUTNUMBER_TEST_CLIENTS=required forbids skipping)"
    );
    notice(&format!(
        "skipping the {check}: {reason}; .ci/run installs it"
    ));
    false
}

/// A fresh folder for one run's generated files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(what: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "outnumber-{what}-{}-{}",
            std::process::id(),
            outnumber::core::Id::random()
        ));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs a program to its end off the runtime (the server under test runs on it) and
/// panics with its output unless it succeeds.
async fn run(what: &str, mut command: Command) -> String {
    let what = what.to_owned();
    tokio::task::spawn_blocking(move || {
        let out = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{what} failed:\n{text}");
        text
    })
    .await
    .expect("the program ran")
}

/// The server and its document, written to `dir`.
async fn served_document(dir: &Path) -> (TestApp, PathBuf) {
    let app = TestApp::spawn(Backend::Sqlite)
        .await
        .expect("SQLite always works");
    let file = dir.join("openapi.json");
    std::fs::write(&file, app.openapi_document().await).expect("written");
    (app, file)
}

fn npm_tools() -> Option<String> {
    let bin = clients().join("node_modules/.bin");
    for tool in ["redocly", "openapi-typescript", "tsc"] {
        if !bin.join(tool).exists() {
            return Some(format!(
                "clients/node_modules has no {tool} (npm ci --prefix clients)"
            ));
        }
    }
    let node = Command::new("node").arg("--version").output();
    (!node.is_ok_and(|o| o.status.success())).then(|| "node is not installed".to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redocly_passes_the_document_and_a_typescript_client_drives_the_scenario() {
    if !may_run("TypeScript client check", npm_tools()) {
        return;
    }
    let scratch = Scratch::new("typescript-client");
    let dir = &scratch.0;
    let (app, document) = served_document(dir).await;
    let bin = clients().join("node_modules/.bin");

    let mut lint = Command::new(bin.join("redocly"));
    lint.args(["lint", "--format=stylish", "--config"])
        .arg(clients().join("redocly.yaml"))
        .arg(&document)
        // No calls home from a test.
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    run("redocly lint", lint).await;

    // The scenario is compiled where its generated types are, beside the clients' packages.
    for file in ["package.json", "tsconfig.json", "scenario.ts"] {
        std::fs::copy(clients().join(file), dir.join(file)).expect("copied");
    }
    std::os::unix::fs::symlink(clients().join("node_modules"), dir.join("node_modules"))
        .expect("linked");
    let mut generate = Command::new(bin.join("openapi-typescript"));
    generate
        .arg(&document)
        .arg("-o")
        .arg(dir.join("generated/api.d.ts"));
    run("openapi-typescript", generate).await;
    let mut compile = Command::new(bin.join("tsc"));
    compile.arg("-p").arg(dir);
    run("tsc --strict on the scenario", compile).await;

    let mut scenario = Command::new("node");
    scenario.arg(dir.join("build/scenario.js")).arg(app.url(""));
    let said = run("the TypeScript scenario", scenario).await;
    assert!(said.contains("scenario done"), "{said}");
}

fn python_tools() -> Option<String> {
    let found = Command::new("python3")
        .args(["-c", "import openapi_python_client, mypy, httpx, attrs"])
        .output()
        .is_ok_and(|o| o.status.success());
    (!found).then(|| {
        "python3 cannot import openapi_python_client and mypy (pip install openapi-python-client mypy)"
            .to_owned()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_python_client_drives_the_scenario() {
    if !may_run("Python client check", python_tools()) {
        return;
    }
    let scratch = Scratch::new("python-client");
    let dir = &scratch.0;
    let (app, document) = served_document(dir).await;

    let mut generate = Command::new("python3");
    generate
        .args(["-c", "from openapi_python_client.cli import app; app()"])
        .args(["generate", "--meta", "none", "--path"])
        .arg(&document)
        .arg("--output-path")
        .arg(dir.join("outnumber_client"));
    run("openapi-python-client", generate).await;
    std::fs::copy(clients().join("scenario.py"), dir.join("scenario.py")).expect("copied");

    let mut check = Command::new("python3");
    check
        .args([
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--no-incremental",
        ])
        .arg(dir.join("scenario.py"))
        .env("MYPYPATH", dir)
        .current_dir(dir);
    run("mypy --strict on the scenario", check).await;

    let mut scenario = Command::new("python3");
    scenario
        .arg(dir.join("scenario.py"))
        .arg(app.url(""))
        .env("PYTHONPATH", dir);
    let said = run("the Python scenario", scenario).await;
    assert!(said.contains("scenario done"), "{said}");
}
