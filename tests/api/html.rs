//! The pages' HTML, checked by the W3C Nu checker: `vnu-jar` from npm (in
//! `browser/node_modules`, installed by `npm ci --prefix browser`), run with Java. The page
//! matrix hands over every page it was shown, as each caller, and the checker must find no
//! error in any. Without Java or the jar the check is skipped with the reason said, unless
//! `OUTNUMBER_TEST_HTML=required` (as in `.ci/run`).

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn jar() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("browser/node_modules/vnu-jar/build/dist/vnu.jar")
}

fn required() -> bool {
    std::env::var("OUTNUMBER_TEST_HTML").is_ok_and(|v| v == "required")
}

fn missing_checker() -> Option<String> {
    if !jar().is_file() {
        return Some(format!(
            "{} is missing (npm ci --prefix browser)",
            jar().display()
        ));
    }
    match Command::new("java").arg("-version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some("java does not run (apt install default-jre-headless)".into()),
    }
}

/// Checks `pages` (what each was, its HTML) and fails naming every error on every page.
pub(crate) fn check(pages: &[(String, String)]) {
    if let Some(reason) = missing_checker() {
        assert!(
            !required(),
            "the HTML check cannot run: {reason} (OUTNUMBER_TEST_HTML=required forbids skipping)"
        );
        // Not `println!`: the harness captures it, and a skipped check passes silently.
        let _ = writeln!(
            std::io::stderr(),
            "skipping the HTML check: {reason}; .ci/run installs it"
        );
        return;
    }
    let folder = tempfile_folder();
    let mut seen = HashSet::new();
    let mut named = Vec::new();
    for (what, html) in pages {
        if !seen.insert(html.as_str()) {
            continue;
        }
        let file = folder.join(format!("{}.html", named.len()));
        std::fs::write(&file, html).expect("write a page");
        named.push((file, what.as_str(), html.as_str()));
    }
    assert!(named.len() > 40, "only {} pages to check", named.len());
    let out = Command::new("java")
        .args(["-Xss8m", "-jar"])
        .arg(jar())
        .args(["--errors-only", "--format", "json"])
        .args(named.iter().map(|(file, _, _)| file))
        .output()
        .expect("run vnu");
    // The checker reports on stderr, and exits non-zero when it found errors.
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu said something else than JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut errors = Vec::new();
    for message in report["messages"].as_array().into_iter().flatten() {
        let url = message["url"].as_str().unwrap_or_default();
        let page = named
            .iter()
            .find(|(file, _, _)| url.ends_with(&format!("/{}", file_name(file))));
        let what = page.map_or(url, |(_, what, _)| what);
        errors.push(format!(
            "{what}: {} (line {}: {})",
            message["message"].as_str().unwrap_or_default(),
            message["lastLine"],
            message["extract"].as_str().unwrap_or_default().trim()
        ));
    }
    let _ = std::fs::remove_dir_all(&folder);
    assert!(
        errors.is_empty(),
        "the W3C Nu checker finds {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn tempfile_folder() -> PathBuf {
    let folder = std::env::temp_dir().join(format!(
        "outnumber-html-{}-{}",
        std::process::id(),
        outnumber::core::Id::random()
    ));
    std::fs::create_dir_all(&folder).expect("a folder for the pages");
    folder
}
